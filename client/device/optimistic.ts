/**
 * The optimistic view every writing page shows: the live projection (or, before it arrives,
 * the offline copy) with this device's own events it does not hold yet — waiting in the
 * outbox, or recorded and not pushed back yet — folded through the shared projection on a
 * copy-on-write fork (shared/fork.ts). A check-in made offline shows at once, an undo hides
 * what it undoes, a task tapped "done" is done: by the same code that makes the live figures,
 * so the optimistic view can never disagree with what the server will make of the events.
 *
 * What the device sends is folded as the server will record it: a CCCD as its last 4 digits
 * (the door, shared/door.ts), the time of action as the event's time, this device as its actor.
 */
import { useMemo } from 'react';
import { withoutFullNationalId } from '../../shared/door.ts';
import type { Actor, WireEvent } from '../../shared/events.ts';
import { foldOnFork } from '../../shared/fork.ts';
import type { ProjectionState } from '../../shared/projection.ts';
import { useLiveProjection, useLiveStore } from '../stores/liveStore.ts';
import { useDeviceIdentity, type Me } from './identity.ts';
import { deviceOutboxActions, useDeviceOutbox, type OutboxEntry, type RecordedEntry } from './store.ts';

export interface OptimisticView {
  /** What to show: the base with the own events folded in (the base itself when there are none). */
  projection: ProjectionState | null;
  /** The data the view starts from: live, or the offline copy. */
  base: ProjectionState | null;
  /** Own events folded in (the base does not hold them yet). */
  unconfirmed: ReadonlySet<string>;
  /** …those still waiting in the outbox (not acknowledged by the server). */
  waiting: ReadonlySet<string>;
}

const EMPTY: ReadonlySet<string> = new Set();

/** An event as the server will record it, numbered after the base (the fork needs rising seqs). */
function asRecorded(entry: OutboxEntry, seq: number, actor: Actor | undefined): WireEvent {
  const payload = typeof entry.payload === 'object' && entry.payload !== null ? withoutFullNationalId(entry.payload as Record<string, unknown>) : entry.payload;
  return {
    seq,
    id: entry.id,
    type: entry.type,
    payload,
    at: entry.occurredAt ?? new Date(entry.createdAt).toISOString(),
    ...(actor ? { actor } : {}),
  } as WireEvent;
}

/**
 * The view of `base` with the device's own events: those recorded and not yet in the base,
 * then those waiting, in the order they were made. Pure.
 */
export function optimisticView(base: ProjectionState | null, pending: readonly OutboxEntry[], recorded: readonly RecordedEntry[], me: Me | null): OptimisticView {
  if (!base) return { projection: null, base, unconfirmed: EMPTY, waiting: EMPTY };
  const own = [...recorded.filter((entry) => entry.seq > base.seq && !base.applied.has(entry.id)), ...pending.filter((entry) => !base.applied.has(entry.id))];
  if (own.length === 0) return { projection: base, base, unconfirmed: EMPTY, waiting: EMPTY };
  const actor = me ? { tokenId: me.id, role: me.role, label: me.label } : undefined;
  const events = own.map((entry, i) => asRecorded(entry, base.seq + i + 1, actor));
  return {
    projection: foldOnFork(base, events),
    base,
    unconfirmed: new Set(own.map((entry) => entry.id)),
    waiting: new Set(pending.map((entry) => entry.id)),
  };
}

/**
 * The optimistic view of the live data (or of `fallback`, e.g. the offline copy, before it
 * arrives): a new object on every change, so what is derived from it depends on the view.
 */
export function useOptimisticView(fallback: ProjectionState | null = null): OptimisticView {
  // A new object on every change of the live data (the projection changes in place).
  const live = useLiveProjection();
  const pending = useDeviceOutbox((s) => s.pending);
  const recorded = useDeviceOutbox((s) => s.recorded);
  const me = useDeviceIdentity((s) => s.me);
  return useMemo(() => optimisticView(live.projection ?? fallback, pending, recorded, me), [live, fallback, pending, recorded, me]);
}

let following = false;

/** Recorded events leave the device's list once the live data holds them (started once per page). */
export function followLiveData(): void {
  if (following) return;
  following = true;
  useLiveStore.subscribe((state, previous) => {
    const projection = state.projection;
    if (!projection || (state.version === previous.version && projection === previous.projection)) return;
    if (useDeviceOutbox.getState().recorded.length === 0) return;
    deviceOutboxActions.seen((entry) => projection.seq >= entry.seq || projection.applied.has(entry.id));
  });
}
