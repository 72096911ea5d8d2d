/**
 * Where the lazily loaded import tool opens. If its code cannot be fetched (the desk is
 * offline and never opened it), it says so and offers to try again, instead of taking the
 * whole desk down.
 */
import { Component, lazy, Suspense, useState, type ReactNode } from 'react';
import { useT } from '../../i18n/index.ts';
import { deskActions } from './deskStore.ts';
import { Bi } from './Text.tsx';

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
      <LoadFailed
        onRetry={() => {
          this.setState({ failed: false });
          this.props.onRetry();
        }}
      />
    );
  }
}

function LoadFailed({ onRetry }: { onRetry: () => void }) {
  const t = useT();
  return (
    <section className="card form-card" role="alert">
      <p>{t('desk.importSlot.failed')}</p>
      <div className="row">
        <button type="button" className="btn" onClick={onRetry}>
          <Bi k="common.retry" />
        </button>
        <button type="button" className="btn btn--quiet" onClick={() => deskActions.closeForm()}>
          <Bi k="common.close" />
        </button>
      </div>
    </section>
  );
}

function Loading() {
  const t = useT();
  return <p className="desk__loading">{t('desk.importSlot.loading')}</p>;
}

export function ImportSlot() {
  const [Panel, setPanel] = useState(() => lazy(load));
  return (
    <LoadBoundary onRetry={() => setPanel(() => lazy(load))}>
      <Suspense fallback={<Loading />}>
        <Panel />
      </Suspense>
    </LoadBoundary>
  );
}
