/**
 * A writing page's copy of the live data on the device, and the service worker that keeps the
 * page itself loadable, so that a desk or a phone reloaded while the server cannot be reached
 * still shows what it last saw and goes on writing into its outbox (its own events are folded
 * onto the copy as onto live data: client/device/optimistic.ts).
 *
 * - what is kept is the page's to say (`keep`: need to know — the desk keeps no other device's
 *   history, the console no donor at all);
 * - where: IndexedDB for a large copy (a desk's thousands of donors), localStorage for a small
 *   one (the console's tasks);
 * - when: a moment after the first snapshot, then at most every `saveEveryMs` while the data
 *   changes, and when the page is hidden; the live data replaces the copy as soon as it
 *   arrives; a token refused deletes it (the device may no longer read it).
 *
 * A copy is read back only by the projection's version that saved it (PROJECTION_VERSION): the
 * page folds its own events onto it, and a copy of another shape would lack what they count
 * into. An older copy is not shown; the live data replaces it as soon as it comes.
 *
 * `data-offline-copy-seq` on <html> says the seq of the last copy saved, `data-offline-copy`
 * what was found at start (`read`, `none`, `other-version`: not read), `data-offline-page`
 * how the service worker is (hooks for tests and support).
 */
import { openDB } from 'idb';
import { create } from 'zustand';
import { PROJECTION_VERSION, type ProjectionState } from '../../shared/projection.ts';
import { projectionFromWire, projectionToWire, type WireProjection } from '../../shared/transfer.ts';
import { useLiveStore } from '../stores/liveStore.ts';

export interface OfflineCopy {
  projection: ProjectionState;
  savedAt: number;
}

export interface OfflineCopyOptions {
  page: 'desk' | 'console' | 'agency';
  /** What the copy keeps of the live projection. */
  keep(projection: ProjectionState): ProjectionState;
  storage: 'indexeddb' | 'localStorage';
  firstSaveMs: number;
  saveEveryMs: number;
}

/** The copy loaded at start, shown until the live data arrives (then null). */
export const useOfflineCopy = create<{ copy: OfflineCopy | null }>()(() => ({ copy: null }));

/** A copy as read back: the copy, none, or one saved by another version of the projection. */
type ReadCopy = OfflineCopy | 'none' | 'other-version';

interface CopyStorage {
  read(): Promise<ReadCopy>;
  write(copy: OfflineCopy): Promise<void>;
  remove(): Promise<void>;
}

/** Bumped when what a copy holds changes shape: an older copy is ignored. */
const COPY_VERSION = 2;

function localStorageCopy(page: string): CopyStorage {
  const key = `ntth.${page}.copy`;
  return {
    async read() {
      const stored = JSON.parse(window.localStorage.getItem(key) ?? 'null') as { v: number; projectionVersion?: number; savedAt: number; projection: WireProjection } | null;
      if (!stored) return 'none';
      if (stored.v !== COPY_VERSION || stored.projectionVersion !== PROJECTION_VERSION || stored.projection?.$projection !== 1) return 'other-version';
      return { savedAt: stored.savedAt, projection: projectionFromWire(stored.projection) };
    },
    async write(copy) {
      // Already what this device may see (`keep`): no further need-to-know filter.
      const projection = projectionToWire(copy.projection, { visibility: 'full' });
      window.localStorage.setItem(key, JSON.stringify({ v: COPY_VERSION, projectionVersion: PROJECTION_VERSION, savedAt: copy.savedAt, projection }));
    },
    async remove() {
      window.localStorage.removeItem(key);
    },
  };
}

function indexedDbCopy(page: string): CopyStorage {
  const open = () =>
    openDB(`ntth-${page}`, 1, {
      upgrade(db) {
        if (!db.objectStoreNames.contains('cache')) db.createObjectStore('cache');
      },
    });
  const withDb = async <T>(work: (db: Awaited<ReturnType<typeof open>>) => Promise<T>): Promise<T> => {
    const db = await open();
    try {
      return await work(db);
    } finally {
      db.close();
    }
  };
  return {
    read: () =>
      withDb(async (db): Promise<ReadCopy> => {
        const stored = (await db.get('cache', 'projection')) as (OfflineCopy & { projectionVersion?: number }) | undefined;
        if (!stored) return 'none';
        return stored.projectionVersion === PROJECTION_VERSION ? { savedAt: stored.savedAt, projection: stored.projection } : 'other-version';
      }),
    write: (copy) => withDb(async (db) => void (await db.put('cache', { ...copy, projectionVersion: PROJECTION_VERSION }, 'projection'))),
    remove: () => withDb(async (db) => void (await db.delete('cache', 'projection'))),
  };
}

let started = false;

export function startOfflineCopy(options: OfflineCopyOptions): void {
  if (started) return;
  started = true;
  const storage = options.storage === 'indexeddb' ? indexedDbCopy(options.page) : localStorageCopy(options.page);
  void storage
    .read()
    .then((copy) => {
      document.documentElement.dataset.offlineCopy = typeof copy === 'string' ? copy : 'read';
      if (typeof copy !== 'string' && !useLiveStore.getState().projection) useOfflineCopy.setState({ copy });
    })
    .catch(() => undefined);

  let timer: ReturnType<typeof setTimeout> | null = null;
  let savedVersion = -1;
  const save = (): void => {
    timer = null;
    const { version, projection } = useLiveStore.getState();
    if (!projection || version === savedVersion) return;
    savedVersion = version;
    const copy = { projection: options.keep(projection), savedAt: Date.now() };
    storage
      .write(copy)
      .then(() => {
        document.documentElement.dataset.offlineCopySeq = String(copy.projection.seq);
      })
      .catch(() => undefined);
  };
  useLiveStore.subscribe((state, previous) => {
    if (state.authProblem === 'refused' && previous.authProblem !== 'refused') {
      useOfflineCopy.setState({ copy: null });
      void storage.remove().catch(() => undefined);
      return;
    }
    if (!state.projection) return;
    if (!previous.projection) {
      // The live data is here: the copy is no longer shown; a fresh one is saved soon.
      useOfflineCopy.setState({ copy: null });
      timer ??= setTimeout(save, options.firstSaveMs);
    } else if (state.version !== previous.version) timer ??= setTimeout(save, options.saveEveryMs);
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

/**
 * Registers the page's service worker (/page-sw.js?page=<page>, scoped to the page). Browsers
 * allow it only in a secure context (https, or localhost); not under the dev server, whose
 * pages are not the built ones the worker caches. `onReady` runs once it controls the page.
 */
export function registerPageWorker(page: 'desk' | 'console' | 'agency', onReady?: () => void): void {
  const root = document.documentElement;
  if (import.meta.env.DEV) return;
  if (!('serviceWorker' in navigator) || !window.isSecureContext) {
    root.dataset.offlinePage = 'unsupported';
    return;
  }
  root.dataset.offlinePage = 'installing';
  navigator.serviceWorker
    .register(`/page-sw.js?page=${page}`, { scope: `/${page}` })
    .then(() => navigator.serviceWorker.ready)
    .then(() => {
      root.dataset.offlinePage = 'ready';
      onReady?.();
    })
    .catch(() => {
      root.dataset.offlinePage = 'failed';
    });
}
