/**
 * The console's copy of the live data on the phone (localStorage), so a console reloaded
 * while the server cannot be reached — a phone that dropped the tab, the hall's wifi down —
 * still shows the tasks, incidents and programme as last seen, and taps go on into the outbox.
 *
 * What is kept: the state body (aggregates, tasks, incidents, run-of-show: no donor's record)
 * and the last changes of each task (the short history). Saved a moment after the first
 * snapshot, then at most every few seconds while data changes, and when the page is hidden.
 * The live data replaces it as soon as it arrives.
 *
 * Plus the service worker (/page-sw.js?page=console) that keeps the page itself loadable offline
 * (browsers allow it only in a secure context: https, or localhost).
 */
import { create } from 'zustand';
import type { TaskChange } from '../../../shared/projection.ts';
import type { StateBody } from '../../../shared/view.ts';
import { selectStateBody, useLiveStore } from '../../stores/liveStore.ts';

const KEY = 'ntth.console.copy';
const VERSION = 1;
const SAVE_EVERY_MS = 5000;
/** The short history kept per task. */
const CHANGES_KEPT = 12;

export interface OfflineCopy {
  v: number;
  savedAt: number;
  body: StateBody;
  changes: Record<string, TaskChange[]>;
}

/** The copy loaded at start (null once live data is here, or when there is none). */
export const useOfflineCopy = create<{ copy: OfflineCopy | null }>()(() => ({ copy: null }));

function read(): OfflineCopy | null {
  try {
    const text = window.localStorage.getItem(KEY);
    if (!text) return null;
    const copy = JSON.parse(text) as OfflineCopy;
    return copy && copy.v === VERSION && copy.body && Array.isArray(copy.body.tasks) ? copy : null;
  } catch {
    return null;
  }
}

export function saveCopy(): void {
  const state = useLiveStore.getState();
  const body = selectStateBody(state);
  if (!state.projection || !body) return;
  const changes: Record<string, TaskChange[]> = {};
  for (const [id, task] of state.projection.tasks) if (task.changes.length > 0) changes[id] = task.changes.slice(-CHANGES_KEPT);
  const copy: OfflineCopy = { v: VERSION, savedAt: Date.now(), body, changes };
  try {
    window.localStorage.setItem(KEY, JSON.stringify(copy));
  } catch {
    // storage full or disabled: no offline copy
  }
}

let started = false;

export function startOfflineCopy(): void {
  if (started) return;
  started = true;
  if (!useLiveStore.getState().projection) useOfflineCopy.setState({ copy: read() });
  let timer: ReturnType<typeof setTimeout> | null = null;
  let savedVersion = -1;
  const save = (): void => {
    timer = null;
    const { version, projection } = useLiveStore.getState();
    if (!projection || version === savedVersion) return;
    savedVersion = version;
    saveCopy();
  };
  useLiveStore.subscribe((state, previous) => {
    if (state.authProblem === 'refused' && previous.authProblem !== 'refused') {
      // The token was revoked: the phone keeps no copy of what it may no longer read.
      useOfflineCopy.setState({ copy: null });
      try {
        window.localStorage.removeItem(KEY);
      } catch {
        // nothing to remove
      }
      return;
    }
    if (!state.projection) return;
    if (!previous.projection) {
      useOfflineCopy.setState({ copy: null });
      timer ??= setTimeout(save, 500);
    } else if (state.version !== previous.version) timer ??= setTimeout(save, SAVE_EVERY_MS);
  });
  const flush = (): void => {
    if (timer) clearTimeout(timer);
    save();
  };
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flush();
  });
  window.addEventListener('pagehide', flush);
}

export function registerConsoleServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.register('/page-sw.js?page=console', { scope: '/console' }).catch(() => undefined);
}
