/**
 * Where the lazily loaded import tool opens. If its code cannot be fetched (the desk is
 * offline and never opened it), it says so and offers to try again, instead of taking the
 * whole desk down.
 */
import { Component, lazy, Suspense, useState, type ReactNode } from 'react';
import { deskActions } from './deskStore.ts';

const load = () => import('./ImportPanel.tsx');

/** Fetches the import tool's code in idle time, so it is cached for offline use too. */
export function prefetchImportTool(): void {
  const idle = (window as Window & { requestIdleCallback?: (cb: () => void) => void }).requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 3000));
  idle(() => {
    void load()
      .then(() => import('../../lib/readSpreadsheet.ts'))
      .then((m) => m.preloadXlsxReader())
      .catch(() => undefined);
  });
}

class LoadBoundary extends Component<{ children: ReactNode; onRetry: () => void }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <section className="form-card" role="alert">
        <p>
          Chưa mở được công cụ nhập danh sách (cần kết nối máy chủ lần đầu). <span className="en">The import tool could not be loaded (it needs the server once).</span>
        </p>
        <div className="row">
          <button
            type="button"
            className="btn"
            onClick={() => {
              this.setState({ failed: false });
              this.props.onRetry();
            }}
          >
            Thử lại <span className="en">Retry</span>
          </button>
          <button type="button" className="btn btn--quiet" onClick={() => deskActions.closeForm()}>
            Đóng <span className="en">Close</span>
          </button>
        </div>
      </section>
    );
  }
}

export function ImportSlot() {
  const [Panel, setPanel] = useState(() => lazy(load));
  return (
    <LoadBoundary onRetry={() => setPanel(() => lazy(load))}>
      <Suspense fallback={<p className="desk__loading">Đang mở công cụ nhập danh sách… · Loading the import tool…</p>}>
        <Panel />
      </Suspense>
    </LoadBoundary>
  );
}
