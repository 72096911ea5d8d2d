/**
 * Keeps the desk's own state in step with the device:
 *
 * - the banner of a waiting event told how it ended; an imported row the server found already
 *   registered is no refusal at all: the import shows it as such;
 * - what the offline copy keeps (client/device/offline.ts keeps it in IndexedDB, so a desk
 *   reloaded while the server is unreachable can still find donors): the server sends no full
 *   CCCD (only the last 4 digits), and the copy leaves out every other device's event history;
 * - the banner forgets a person whose personal data was erased;
 * - the page's service worker (client/device/offline.ts), and the import tool fetched once it
 *   controls the page, so that it is cached too.
 */
import type { AppliedEvent, Donor, ProjectionState } from '../../../shared/projection.ts';
import { useDeviceIdentity } from '../../device/identity.ts';
import { registerPageWorker, startOfflineCopy } from '../../device/offline.ts';
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

/** The banner forgets whoever's personal data the projection shows erased. */
function forgetErased(projection: ProjectionState | null): void {
  const banner = useDeskStore.getState().banner;
  if (projection && banner?.donorId && projection.donors.get(banner.donorId)?.erased) deskActions.banner(null);
}

// ---- offline copy of the projection -------------------------------------------------------

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

// ---- start --------------------------------------------------------------------------------

let started = false;

export function startDeskSync(token: string | null): void {
  if (started) return;
  started = true;
  startOfflineCopy({ page: 'desk', keep: (projection) => offlineCopy(projection, useDeviceIdentity.getState().me?.id ?? null), storage: 'indexeddb', firstSaveMs: 2000, saveEveryMs: 20_000 });
  // Once the worker controls the page, the lazy parts are fetched once so that they are cached too.
  registerPageWorker('desk', prefetchImportTool);
  useLiveStore.subscribe((state, previous) => {
    if (state.version !== previous.version) forgetErased(state.projection);
  });
  if (!token) return;
  useDeviceOutbox.subscribe((state, previous) => {
    if (state.pending !== previous.pending || state.refused !== previous.refused) settleWaitingBanner();
    if (state.refused !== previous.refused) markRefusals();
  });
  markRefusals();
}
