/**
 * What this console sent that the live data does not show yet, for the optimistic display:
 * a status tapped while offline shows at once, marked "chờ gửi", and stays after a reload
 * (the outbox keeps it in IndexedDB; we read it back from there).
 *
 * Every write goes through `send()`: the event is remembered here, then handed to the device
 * outbox. An entry leaves this list when the server refused it, or once the live data includes
 * it (its seq reached, or its change seen in the task's history), or a few seconds after the
 * outbox sent it when neither can be known.
 */
import { create } from 'zustand';
import type { EventType, SubmittedPayloadOf } from '../../../shared/events.ts';
import type { ProjectionState } from '../../../shared/projection.ts';
import { newEventId, send as sendFromDevice, type SubmitOutcome } from '../../device/send.ts';
import { useDeviceOutbox } from '../../device/store.ts';
import { useLiveStore } from '../../stores/liveStore.ts';
import type { PendingEvent } from './model.ts';

export interface LocalPending extends PendingEvent {
  /** Seen in the outbox's store (so its absence later means it was sent). */
  seen?: boolean;
  /** The outbox no longer holds it (sent); when known, the seq it got. */
  sentAt?: number;
  seq?: number;
}

interface PendingState {
  entries: LocalPending[];
}

export const usePendingStore = create<PendingState>()(() => ({ entries: [] }));

/**
 * An event the outbox sent without telling us its seq (it was queued, then flushed later) is
 * shown until the live data has surely caught up: live again for this long, and sent at least
 * this long ago. (A status change goes as soon as its change is seen in the task's history.)
 */
const CATCH_UP_MS = 2500;
/** Since when the live connection has been up without a break (null while it is not). */
let liveSince: number | null = null;

function update(change: (entries: LocalPending[]) => LocalPending[]): void {
  const before = usePendingStore.getState().entries;
  const after = change(before);
  if (after !== before) usePendingStore.setState({ entries: after });
}

/**
 * Records an event through the device outbox. Resolves with its fate if the server answers
 * within `waitMs` (else `queued`: it stays on the device and goes when it can).
 */
export async function send<T extends EventType>(type: T, payload: SubmittedPayloadOf<T>, options: { waitMs?: number; id?: string } = {}): Promise<SubmitOutcome> {
  const id = options.id ?? newEventId('con');
  update((entries) => [...entries, { id, type, payload: payload as Record<string, unknown>, createdAt: Date.now() }]);
  const outcome = await sendFromDevice(type, payload, { id, waitMs: options.waitMs ?? 1500 });
  if (outcome.status === 'rejected') update((entries) => entries.filter((e) => e.id !== id));
  else if (outcome.status === 'recorded') {
    const { seq } = outcome;
    update((entries) => entries.map((e) => (e.id === id ? { ...e, sentAt: e.sentAt ?? Date.now(), seq } : e)));
  }
  return outcome;
}

let syncing: Promise<void> | null = null;
let syncAgain = false;
let sweepTimer: ReturnType<typeof setTimeout> | null = null;

/** Reconciles with the outbox: restored entries (after a reload) come in, refused ones go. */
async function sync(): Promise<void> {
  const { ready, pending: waiting, refused: rejected } = useDeviceOutbox.getState();
  if (!ready) return;
  const waitingIds = new Set(waiting.map((e) => e.id));
  const rejectedIds = new Set(rejected.map((e) => e.id));
  const now = Date.now();
  update((entries) => {
    let changed = false;
    const known = new Set(entries.map((e) => e.id));
    const next: LocalPending[] = [];
    for (const entry of entries) {
      if (rejectedIds.has(entry.id)) {
        changed = true;
      } else if (waitingIds.has(entry.id) && !entry.seen) {
        next.push({ ...entry, seen: true });
        changed = true;
      } else if (!waitingIds.has(entry.id) && entry.seen && entry.sentAt === undefined) {
        // Was in the outbox, is no longer, and was not refused: sent.
        next.push({ ...entry, sentAt: now });
        changed = true;
      } else next.push(entry);
    }
    for (const entry of waiting) {
      if (known.has(entry.id)) continue;
      next.push({ id: entry.id, type: entry.type, payload: (entry.payload ?? {}) as Record<string, unknown>, createdAt: entry.createdAt, seen: true });
      changed = true;
    }
    return changed ? next : entries;
  });
  scheduleSweep();
}

function requestSync(): void {
  if (syncing) {
    syncAgain = true;
    return;
  }
  syncing = (async () => {
    try {
      do {
        syncAgain = false;
        await sync();
      } while (syncAgain);
    } catch {
      // IndexedDB unavailable: the optimistic entries made in this page load still show.
    } finally {
      syncing = null;
    }
  })();
}

function scheduleSweep(): void {
  if (sweepTimer) return;
  if (!usePendingStore.getState().entries.some((e) => e.sentAt !== undefined && e.seq === undefined)) return;
  sweepTimer = setTimeout(() => {
    sweepTimer = null;
    const now = Date.now();
    const caughtUp = liveSince !== null && now - liveSince >= CATCH_UP_MS;
    update((entries) => {
      const next = entries.filter((e) => e.sentAt === undefined || e.seq !== undefined || !caughtUp || now - e.sentAt < CATCH_UP_MS);
      return next.length === entries.length ? entries : next;
    });
    scheduleSweep();
  }, 1000);
}

/** Drops the entries the live data now includes. Called when the projection changes. */
export function forgetApplied(projection: ProjectionState): void {
  update((entries) => {
    const next = entries.filter((e) => !isApplied(projection, e));
    return next.length === entries.length ? entries : next;
  });
}

export function isApplied(projection: ProjectionState, entry: LocalPending): boolean {
  if (entry.seq !== undefined && projection.seq >= entry.seq) return true;
  if (projection.applied.has(entry.id)) return true;
  if (entry.type === 'task.status_set') {
    const task = projection.tasks.get(String(entry.payload.taskId));
    if (task?.changes.some((c) => c.eventId === entry.id)) return true;
  }
  return false;
}

let started = false;

/** Starts following the outbox (once per page load). */
export function startPendingSync(): void {
  if (started) return;
  started = true;
  useDeviceOutbox.subscribe((state, previous) => {
    if (state.pending !== previous.pending || state.refused !== previous.refused) requestSync();
  });
  liveSince = useLiveStore.getState().connection === 'live' ? Date.now() : null;
  useLiveStore.subscribe((state, previous) => {
    if (state.connection === previous.connection) return;
    liveSince = state.connection === 'live' ? Date.now() : null;
  });
  requestSync();
}
