/**
 * Catches a rendering error and shows a friendly bilingual message instead of a blank screen
 * or a stack trace, then retries by itself (the live data keeps flowing meanwhile). The error
 * goes to the console for whoever debugs it.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Heart } from './Heart.tsx';
import './components.css';

interface Props {
  children: ReactNode;
  /** First automatic retry after this long; doubles on each failure, up to a minute. */
  retryMs?: number;
}

interface State {
  failed: boolean;
  failures: number;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false, failures: 0 };
  private timer: ReturnType<typeof setTimeout> | null = null;

  static getDerivedStateFromError(): Partial<State> {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('view error', error, info.componentStack);
    const failures = this.state.failures + 1;
    this.setState({ failures });
    const delay = Math.min(60_000, (this.props.retryMs ?? 5_000) * 2 ** Math.min(failures - 1, 4));
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(this.retry, delay);
  }

  override componentWillUnmount(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  private retry = (): void => {
    this.timer = null;
    this.setState({ failed: false });
  };

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <main className="gate" data-testid="error-screen">
        <div className="gate__card">
          <Heart className="gate__heart" />
          <h1 className="gate__title">Màn hình gặp sự cố và sẽ tự thử lại trong giây lát.</h1>
          <p className="gate__text">Dữ liệu không bị mất. Nếu sự cố lặp lại, hãy tải lại trang hoặc báo Ban tổ chức.</p>
          <hr />
          <h2 className="gate__title gate__title--en" lang="en">
            Something went wrong on this screen; it will retry by itself shortly.
          </h2>
          <p className="gate__text gate__text--en" lang="en">
            No data is lost. If it keeps happening, reload the page or tell the organisers.
          </p>
          <button type="button" className="gate__retry" onClick={this.retry}>
            Thử lại ngay <span className="en">· Retry now</span>
          </button>
        </div>
      </main>
    );
  }
}
