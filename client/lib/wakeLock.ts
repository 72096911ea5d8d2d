/**
 * Keeps the screen awake while a signage page is shown: a Screen Wake Lock where the browser
 * has one, taken again whenever the page becomes visible (the browser drops it when the tab is
 * hidden or the screen locks) and after the browser releases it. Without the API (or over plain
 * http on another host, where it is unavailable) set the PC's power plan to never sleep.
 */
import { useEffect } from 'react';

interface WakeLockSentinelLike extends EventTarget {
  released: boolean;
  release(): Promise<void>;
}
interface WakeLockLike {
  request(type: 'screen'): Promise<WakeLockSentinelLike>;
}

export function useWakeLock(): void {
  useEffect(() => {
    const wakeLock = (navigator as Navigator & { wakeLock?: WakeLockLike }).wakeLock;
    if (!wakeLock) return;
    let sentinel: WakeLockSentinelLike | null = null;
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | null = null;

    const acquire = async (): Promise<void> => {
      if (stopped || document.visibilityState !== 'visible' || (sentinel && !sentinel.released)) return;
      try {
        sentinel = await wakeLock.request('screen');
        sentinel.addEventListener('release', () => {
          // Released by the browser (tab hidden, power saving): take it again when possible.
          if (!stopped && document.visibilityState === 'visible') schedule(5_000);
        });
      } catch {
        // Refused (no user activation yet on some browsers, battery saver): try again later.
        schedule(30_000);
      }
    };
    const schedule = (ms: number): void => {
      if (retry) clearTimeout(retry);
      retry = setTimeout(() => {
        retry = null;
        void acquire();
      }, ms);
    };
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') void acquire();
    };

    void acquire();
    document.addEventListener('visibilitychange', onVisible);
    // Some browsers grant the lock only after a user gesture: the one who sets the wall up clicks.
    document.addEventListener('pointerdown', onVisible);
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      document.removeEventListener('visibilitychange', onVisible);
      document.removeEventListener('pointerdown', onVisible);
      void sentinel?.release().catch(() => undefined);
    };
  }, []);
}
