/**
 * Boots a page: theme, enrolment (token from the address bar), the live connection, then the
 * view inside the error boundary and the token gate. The connection starts here, outside
 * React, so it is opened exactly once per page load.
 */
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { PageName } from '../auth/token.ts';
import { captureTokenFromUrl, getToken } from '../auth/token.ts';
import { applyTheme, type Theme } from '../lib/theme.ts';
import { connectLive, type LiveConnection } from '../live/socket.ts';
import { learnIdentity } from '../device/identity.ts';
import { followLiveData } from '../device/optimistic.ts';
import { initDeviceOutbox } from '../device/send.ts';
import { useDeviceOutbox } from '../device/store.ts';
import { liveActions } from '../stores/liveStore.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { LiveGate } from './LiveGate.tsx';

export function rootElement(): HTMLElement {
  const existing = document.getElementById('root');
  if (existing) return existing;
  const element = document.createElement('div');
  element.id = 'root';
  document.body.append(element);
  return element;
}

/**
 * `writes: true` gives the page a device outbox (IndexedDB): it is flushed whenever the live
 * connection comes back, and its size is reported to the server with the device status; the
 * device learns who it is (and its clock's offset) once.
 */
export function mountLivePage(options: { page: PageName; theme: Theme; view: ReactNode; writes?: boolean }): LiveConnection | null {
  applyTheme(options.theme);
  captureTokenFromUrl(options.page);
  const token = getToken(options.page);
  let connection: LiveConnection | null = null;
  if (token) {
    const outbox = options.writes ? initDeviceOutbox(token, options.page) : null;
    if (options.writes) {
      learnIdentity(token, options.page);
      followLiveData();
    }
    connection = connectLive({
      token,
      page: options.page,
      status: () => ({ outbox: useDeviceOutbox.getState().pending.length, page: options.page }),
      onConnect: () => outbox?.flushSoon(true),
    });
    if (outbox) {
      void outbox.start();
      useDeviceOutbox.subscribe((state, previous) => {
        if (state.pending.length !== previous.pending.length) connection?.sendStatus();
      });
    }
  } else liveActions.unauthorized('missing');
  createRoot(rootElement()).render(
    <StrictMode>
      <ErrorBoundary>
        <LiveGate page={options.page}>{options.view}</LiveGate>
      </ErrorBoundary>
    </StrictMode>,
  );
  return connection;
}
