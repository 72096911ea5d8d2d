/** Renders the page, or TokenGate when the device has no token or the server refused it. */
import type { ReactNode } from 'react';
import type { PageName } from '../auth/token.ts';
import { useLiveStore } from '../stores/liveStore.ts';
import { TokenGate } from './TokenGate.tsx';

export function LiveGate({ page, children }: { page: PageName; children: ReactNode }) {
  const problem = useLiveStore((s) => s.authProblem);
  if (problem) return <TokenGate page={page} problem={problem} />;
  return <>{children}</>;
}
