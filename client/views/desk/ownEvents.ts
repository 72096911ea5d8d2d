/**
 * This desk's own events — "Gần đây tại bàn này", a donor's undo, the desk's refusals — read
 * from what the device already holds, with nothing kept apart: the events its token recorded
 * (the live data's `applied`, with who and what read from the donors), the own events the live
 * data does not hold yet (the optimistic view), and the device's refusals. Pure.
 *
 * What the log keeps of an applied event (its type, time, donor, day and whether it was undone)
 * is what is shown; a donation's volume and a deferral's reason come from the donor's day.
 */
import { withoutFullNationalId } from '../../../shared/door.ts';
import type { EventType } from '../../../shared/events.ts';
import type { ProjectionState } from '../../../shared/projection.ts';
import type { RefusedEntry } from '../../device/store.ts';
import { donorOfOwnEvent, type DeskOverlay } from './overlay.ts';

export interface OwnEntry {
  id: string;
  type: EventType;
  payload: Record<string, unknown>;
  /** When it was done (epoch ms). */
  createdAt: number;
  /** The donor the event touches (for an undo: the undone event's donor). */
  donorId: string;
  donorName: string;
  /** The server refused it. */
  rejected?: { code: string; message: string };
  /** The donor's personal data was erased: no name. */
  erased?: true;
}

const DESK_TYPES = new Set<EventType>(['donor.registered', 'donor.checked_in', 'donor.donated', 'donor.deferred', 'donor.updated', 'event.voided']);

/** The desk's own events since `since` (epoch ms), oldest first. */
export function ownEntries(input: { base: ProjectionState | null; overlay: DeskOverlay; refused: readonly RefusedEntry[]; tokenId: string | null; since: number }): OwnEntry[] {
  const { base, overlay, tokenId, since } = input;
  const shown = overlay.view ?? base;
  const donorOf = (donorId: string) => shown?.donors.get(donorId) ?? base?.donors.get(donorId);
  const entries: OwnEntry[] = [];
  const add = (entry: Omit<OwnEntry, 'donorName' | 'erased'>) => {
    const donor = donorOf(entry.donorId);
    // A registration the server refused has no donor: its name is the one it carried.
    const name = donor?.fullName ?? (typeof entry.payload.fullName === 'string' ? entry.payload.fullName : '');
    entries.push({ ...entry, donorName: name, ...(donor?.erased ? { erased: true as const } : {}) });
  };

  if (base && tokenId) {
    // The undo that voided each event, to name an own undo's target.
    const undoneBy = new Map<string, string>();
    for (const [id, applied] of base.applied) if (applied.voidedBy) undoneBy.set(applied.voidedBy, id);
    for (const [id, applied] of base.applied) {
      if (applied.actorTokenId !== tokenId || !DESK_TYPES.has(applied.type)) continue;
      const createdAt = Date.parse(applied.at);
      if (createdAt < since) continue;
      if (applied.type === 'event.voided') {
        const target = undoneBy.get(id);
        const donorId = target ? base.applied.get(target)?.ref : undefined;
        if (target && donorId) add({ id, type: applied.type, payload: { eventId: target }, createdAt, donorId });
        continue;
      }
      if (!applied.ref) continue;
      const outcome = applied.day ? donorOf(applied.ref)?.days.get(applied.day)?.outcome : undefined;
      const detail =
        outcome?.eventId === id
          ? outcome.kind === 'donated'
            ? { volumeMl: outcome.volumeMl }
            : { ...(outcome.reasonCode ? { reasonCode: outcome.reasonCode } : {}), ...(outcome.reason ? { reason: outcome.reason } : {}) }
          : {};
      add({ id, type: applied.type, payload: { donorId: applied.ref, ...detail }, createdAt, donorId: applied.ref });
    }
  }

  const fromDevice = (entry: { id: string; type: EventType; payload: unknown; createdAt: number }, rejected?: { code: string; message: string }) => {
    if (!DESK_TYPES.has(entry.type) || entry.createdAt < since) return;
    const payload = withoutFullNationalId((entry.payload ?? {}) as Record<string, unknown>);
    const donorId = donorOfOwnEvent(base, [...overlay.events, ...input.refused], { type: entry.type, payload });
    if (!donorId) return;
    add({ id: entry.id, type: entry.type, payload, createdAt: entry.createdAt, donorId, ...(rejected ? { rejected } : {}) });
  };
  for (const event of overlay.events) fromDevice(event);
  for (const entry of input.refused) fromDevice(entry, { code: entry.code, message: entry.message });
  return entries.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}
