/**
 * Boots a page: theme, enrolment (token from the address bar), the live connection, then the
 * view inside the error boundary and the token gate. The connection starts here, outside
 * React, so it is opened exactly once per page load.
 */
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { PageName } from '../auth/token.ts';
import { captureTokenFromUrl, getToken, putBackInUrl, redeemEnrolmentCode, takeEnrolmentCode } from '../auth/token.ts';
import { applyTheme, type Theme } from '../lib/theme.ts';
import { connectLive, type LiveConnection } from '../live/socket.ts';
import type { DeviceHooks } from '../device/start.ts';
import { liveActions } from '../stores/liveStore.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { LiveGate } from './LiveGate.tsx';
import { RehearsalBand } from './RehearsalBand.tsx';
import { EnrollingScreen, TokenGate } from './TokenGate.tsx';

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
  const code = takeEnrolmentCode();
  if (code) {
    void enrol(options.page, code);
    return null;
  }
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

/**
 * Exchanges the link's one-time code for this device's token (issue 16, 5), then loads the page
 * the token is for: this one, or the right one when a link was opened on another page.
 */
async function enrol(page: PageName, code: string): Promise<void> {
  const root = createRoot(rootElement());
  root.render(<EnrollingScreen page={page} />);
  const result = await redeemEnrolmentCode(code);
  if (result.ok) {
    const target = result.enrolment.page;
    if (target === page) window.location.reload();
    else window.location.replace(`/${target}${window.location.search}${window.location.hash}`);
    return;
  }
  // Not reached: the code stays usable, and in the address bar for "Thử lại".
  if (result.problem === 'unreachable') putBackInUrl('code', code);
  root.render(<TokenGate page={page} problem={result.problem} />);
}
