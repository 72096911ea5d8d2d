/**
 * Renders the page, or TokenGate when the device has no token or the server refused it (on the
 * live connection, or when the outbox tried to send).
 */
import type { ReactNode } from 'react';
import type { PageName } from '../auth/token.ts';
import { useDeviceOutbox } from '../device/store.ts';
import { useLiveStore } from '../stores/liveStore.ts';
import { TokenGate } from './TokenGate.tsx';

export function LiveGate({ page, children }: { page: PageName; children: ReactNode }) {
  const authProblem = useLiveStore((s) => s.authProblem);
  const blocked = useDeviceOutbox((s) => s.blocked);
  const problem = authProblem ?? (blocked === 'token_refused' ? 'refused' : blocked === 'forbidden' ? 'forbidden' : null);
  if (problem) return <TokenGate page={page} problem={problem} />;
  return <>{children}</>;
}
