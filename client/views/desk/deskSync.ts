/**
 * Keeps the desk's own state in step with the device:
 *
 * - the outbox's refusals marked in the journal, and the banner of a waiting event told how it
 *   ended; an imported row the server found already registered is no refusal at all: the
 *   import shows it as such;
 * - an offline copy of the projection in IndexedDB, so a desk reloaded while the server is
 *   unreachable can still find donors. The server sends no full CCCD (only the last 4 digits);
 *   the copy leaves out every other device's event history;
 * - the journal forgets the people whose personal data was erased;
 * - the service worker that keeps the page itself loadable offline (it needs a secure
 *   context: https, or localhost).
 */
import { create } from 'zustand';
import type { AppliedEvent, Donor, ProjectionState } from '../../../shared/projection.ts';
import { useDeviceIdentity } from '../../device/identity.ts';
import { getDeviceOutbox } from '../../device/send.ts';
import { useDeviceOutbox, type RefusedEntry } from '../../device/store.ts';
import { useLiveStore } from '../../stores/liveStore.ts';
import { isHandledHere, settleWaitingBanner } from './actions.ts';
import { deskActions, useDeskStore } from './deskStore.ts';
import { prefetchImportTool } from './ImportSlot.tsx';

// ---- refusals -----------------------------------------------------------------------------

/** A row of an imported list the server already holds (registered by another desk, or before). */
export function isImportDuplicate(entry: Pick<RefusedEntry, 'type' | 'code' | 'payload'>): boolean {
  const payload = (entry.payload ?? {}) as Record<string, unknown>;
  return entry.type === 'donor.registered' && typeof payload.importId === 'string' && (entry.code === 'duplicate_donor' || entry.code === 'donor_already_registered');
}

function markRefusals(): void {
  const rejected = useDeviceOutbox.getState().refused;
  if (rejected.length === 0) return;
  deskActions.markRejected(new Map(rejected.map((entry) => [entry.id, { code: entry.code, message: entry.message }])));
  const outbox = getDeviceOutbox();
  for (const entry of rejected) {
    // The action that sent it is still waiting for its answer, and shows it itself.
    if (isHandledHere(entry.id)) continue;
    if (isImportDuplicate(entry)) {
      const payload = entry.payload as Record<string, unknown>;
      const existing = typeof entry.details?.donorId === 'string' ? entry.details.donorId : String(payload.donorId);
      deskActions.importDuplicate(entry.id, existing);
      void outbox?.dismiss(entry.id);
    }
  }
}

/** The journal forgets whoever's personal data the projection shows erased. */
function forgetErased(projection: ProjectionState | null): void {
  if (!projection) return;
  const erased = new Set<string>();
  for (const entry of useDeskStore.getState().journal) {
    if (!entry.erased && projection.donors.get(entry.donorId)?.erased) erased.add(entry.donorId);
  }
  if (erased.size) deskActions.forgetDonors(erased);
  // The banner may name them too.
  const banner = useDeskStore.getState().banner;
  if (banner?.donorId && projection.donors.get(banner.donorId)?.erased) deskActions.banner(null);
}

// ---- offline copy of the projection -------------------------------------------------------

const CACHE_DB = 'ntth-desk';
const CACHE_STORE = 'cache';
const CACHE_KEY = 'projection';
const SAVE_EVERY_MS = 20_000;

export interface CachedProjection {
  projection: ProjectionState;
  savedAt: number;
}

/** The offline copy loaded at start, shown until the live snapshot arrives. */
export const useCachedProjection = create<{ cached: CachedProjection | null }>()(() => ({ cached: null }));

function openCache(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(CACHE_DB, 1);
    open.onupgradeneeded = () => {
      if (!open.result.objectStoreNames.contains(CACHE_STORE)) open.result.createObjectStore(CACHE_STORE);
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

/**
 * What is kept on the device: the donors as the server sent them (a CCCD as its last 4 digits
 * only; the keyed hash never leaves the server, and is dropped here should it ever come), and
 * only this desk's own event history.
 */
export function offlineCopy(state: ProjectionState, tokenId: string | null): ProjectionState {
  const donors = new Map<string, Donor>();
  for (const [id, donor] of state.donors) {
    const { nationalIdHash: _hash, ...rest } = donor;
    donors.set(id, { ...rest, days: new Map(donor.days) });
  }
  const applied = new Map<string, AppliedEvent>();
  if (tokenId) for (const [id, event] of state.applied) if (event.actorTokenId === tokenId) applied.set(id, event);
  return {
    ...state,
    donors,
    applied,
    nationalIdIndex: new Map(),
    tasks: new Map(),
    incidents: new Map(),
    schedule: new Map(),
  };
}

async function saveCopy(): Promise<void> {
  const projection = useLiveStore.getState().projection;
  if (!projection) return;
  const copy = offlineCopy(projection, useDeviceIdentity.getState().me?.id ?? null);
  const db = await openCache();
  const savedAt = Date.now();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(CACHE_STORE, 'readwrite');
    tx.objectStore(CACHE_STORE).put({ projection: copy, savedAt } satisfies CachedProjection, CACHE_KEY);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
  // A hook for tests and support: when the offline copy was last saved, and at which seq.
  document.documentElement.dataset.offlineCopySeq = String(copy.seq);
}

async function loadCopy(): Promise<void> {
  try {
    const db = await openCache();
    const value = await new Promise<CachedProjection | undefined>((resolve, reject) => {
      const req = db.transaction(CACHE_STORE).objectStore(CACHE_STORE).get(CACHE_KEY);
      req.onsuccess = () => resolve(req.result as CachedProjection | undefined);
      req.onerror = () => reject(req.error);
    });
    db.close();
    if (value?.projection && !useLiveStore.getState().projection) useCachedProjection.setState({ cached: value });
  } catch {
    // no copy: nothing to show until the server answers
  }
}

/** Forgets the offline copy (the device's token was refused: it should not keep donors' data). */
async function dropCopy(): Promise<void> {
  useCachedProjection.setState({ cached: null });
  try {
    const db = await openCache();
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(CACHE_STORE, 'readwrite');
      tx.objectStore(CACHE_STORE).delete(CACHE_KEY);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  } catch {
    // nothing kept
  }
}

function startOfflineCopy(): void {
  let savedVersion = -1;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = () => {
    timer = null;
    const { version, projection } = useLiveStore.getState();
    if (!projection || version === savedVersion) return;
    savedVersion = version;
    void saveCopy().catch(() => undefined);
  };
  useLiveStore.subscribe((state, previous) => {
    if (state.authProblem === 'refused' && previous.authProblem !== 'refused') {
      void dropCopy();
      return;
    }
    if (state.version !== previous.version) forgetErased(state.projection);
    if (state.projection && !previous.projection) {
      // The live data is here: the offline copy is no longer shown; save a fresh one soon.
      useCachedProjection.setState({ cached: null });
      timer ??= setTimeout(save, 2000);
    } else if (state.version !== previous.version && state.projection) {
      timer ??= setTimeout(save, SAVE_EVERY_MS);
    }
  });
  const flush = () => {
    if (timer) clearTimeout(timer);
    save();
  };
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flush();
  });
  window.addEventListener('pagehide', flush);
}

// ---- service worker -----------------------------------------------------------------------

function registerServiceWorker(): void {
  const root = document.documentElement;
  // Not under the dev server (its pages are not the built ones the worker caches).
  if (import.meta.env.DEV) return;
  if (!('serviceWorker' in navigator) || !window.isSecureContext) {
    root.dataset.offlinePage = 'unsupported';
    return;
  }
  root.dataset.offlinePage = 'installing';
  navigator.serviceWorker
    .register('/page-sw.js?page=desk', { scope: '/desk' })
    .then(() => navigator.serviceWorker.ready)
    .then(() => {
      root.dataset.offlinePage = 'ready';
      // Now that the page's fetches go through the worker, fetch the lazy parts once so they
      // are cached too.
      prefetchImportTool();
    })
    .catch(() => {
      root.dataset.offlinePage = 'failed';
    });
}

// ---- start --------------------------------------------------------------------------------

let started = false;

export function startDeskSync(token: string | null): void {
  if (started) return;
  started = true;
  void loadCopy();
  startOfflineCopy();
  registerServiceWorker();
  if (!token) return;
  useDeviceOutbox.subscribe((state, previous) => {
    if (state.pending !== previous.pending || state.refused !== previous.refused) settleWaitingBanner();
    if (state.refused !== previous.refused) markRefusals();
  });
  markRefusals();
}
