/**
 * The console's copy of the live data on the phone (localStorage), so a console reloaded
 * while the server cannot be reached — a phone that dropped the tab, the hall's wifi down —
 * still shows the tasks, incidents and programme as last seen, and taps go on into the outbox
 * and show at once (the device's optimistic view folds them onto this copy as onto live data).
 *
 * What is kept: the coordinator's projection (counts, tasks with their last changes, incidents,
 * run-of-show: no donor's record), without the list of applied events (a copy is only ever the
 * base of the events still waiting, which it cannot hold). Saved a moment after the first
 * snapshot, then at most every few seconds while data changes, and when the page is hidden.
 * The live data replaces it as soon as it arrives.
 *
 * Plus the service worker (/page-sw.js?page=console) that keeps the page itself loadable offline
 * (browsers allow it only in a secure context: https, or localhost).
 */
import { create } from 'zustand';
import type { ProjectionState } from '../../../shared/projection.ts';
import { projectionFromWire, projectionToWire, type WireProjection } from '../../../shared/transfer.ts';
import { useLiveStore } from '../../stores/liveStore.ts';

const KEY = 'ntth.console.copy';
const VERSION = 2;
const SAVE_EVERY_MS = 5000;
/** The short history kept per task. */
const CHANGES_KEPT = 12;

export interface OfflineCopy {
  savedAt: number;
  projection: ProjectionState;
}

interface StoredCopy {
  v: number;
  savedAt: number;
  projection: WireProjection;
}

/** The copy loaded at start (null once live data is here, or when there is none). */
export const useOfflineCopy = create<{ copy: OfflineCopy | null }>()(() => ({ copy: null }));

function read(): OfflineCopy | null {
  try {
    const text = window.localStorage.getItem(KEY);
    if (!text) return null;
    const stored = JSON.parse(text) as StoredCopy;
    if (!stored || stored.v !== VERSION || stored.projection?.$projection !== 1) return null;
    return { savedAt: stored.savedAt, projection: projectionFromWire(stored.projection) };
  } catch {
    return null;
  }
}

/** What the copy keeps of the projection: all but the applied events, and each task's last changes. */
function slim(projection: ProjectionState): ProjectionState {
  const tasks = new Map([...projection.tasks].map(([id, task]) => [id, { ...task, changes: task.changes.slice(-CHANGES_KEPT) }]));
  return { ...projection, tasks, applied: new Map() };
}

export function saveCopy(): void {
  const { projection } = useLiveStore.getState();
  if (!projection) return;
  const stored: StoredCopy = { v: VERSION, savedAt: Date.now(), projection: projectionToWire(slim(projection), { visibility: 'staff' }) };
  try {
    window.localStorage.setItem(KEY, JSON.stringify(stored));
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
