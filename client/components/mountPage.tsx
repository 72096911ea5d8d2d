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
import type { DeviceHooks } from '../device/start.ts';
import { liveActions } from '../stores/liveStore.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { LiveGate } from './LiveGate.tsx';
import { RehearsalBand } from './RehearsalBand.tsx';

export function rootElement(): HTMLElement {
  const existing = document.getElementById('root');
  if (existing) return existing;
  const element = document.createElement('div');
  element.id = 'root';
  document.body.append(element);
  return element;
}

/**
 * `device` (client/device/start.ts `startDevice`, passed by the pages that write) gives the
 * page its device layer: the outbox is flushed whenever the live connection comes back, and
 * its size is reported to the server with the device status. The wall passes none, and so
 * loads none of it.
 */
export function mountLivePage(options: { page: PageName; theme: Theme; view: ReactNode; device?: (token: string, page: PageName) => DeviceHooks }): LiveConnection | null {
  applyTheme(options.theme);
  captureTokenFromUrl(options.page);
  const token = getToken(options.page);
  let connection: LiveConnection | null = null;
  if (token) {
    const device = options.device?.(token, options.page);
    connection = connectLive({
      token,
      page: options.page,
      status: () => device?.status() ?? { outbox: 0, page: options.page },
      onConnect: () => device?.connected(),
    });
    device?.onChange(() => connection?.sendStatus());
  } else liveActions.unauthorized('missing');
  createRoot(rootElement()).render(
    <StrictMode>
      <ErrorBoundary>
        <LiveGate page={options.page}>{options.view}</LiveGate>
        <RehearsalBand />
      </ErrorBoundary>
    </StrictMode>,
  );
  return connection;
}
