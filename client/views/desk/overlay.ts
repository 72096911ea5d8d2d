/**
 * What the desk shows = the live projection (or the offline copy) with the desk's own events
 * it does not hold yet — waiting in the outbox, or recorded a moment ago and not pushed back
 * yet — folded in by the shared projection (the device's optimistic view,
 * client/device/optimistic.ts). The view builds the overlay once per change and reads every
 * donor's state through it, so a check-in made offline shows at once as "checked in · chờ
 * gửi", a pending undo hides what it undoes, and a walk-in registered offline can be found.
 *
 * A CCCD the desk sent becomes, folded in, what the server keeps of it: its last 4 digits.
 */
import type { EventType } from '../../../shared/events.ts';
import { foldForSearch } from '../../../shared/format.ts';
import { identityKeysOf, initialState, type Donor, type DonorOutcome, type ProjectionState } from '../../../shared/projection.ts';
import type { Me } from '../../device/identity.ts';
import { optimisticView } from '../../device/optimistic.ts';
import type { OutboxEntry, RecordedEntry } from '../../device/store.ts';
import { lastFourOfTyped } from './deskText.ts';

/** One of the desk's own events. */
export interface OwnEvent {
  id: string;
  type: EventType;
  payload: Record<string, unknown>;
  createdAt: number;
  /** Still in the outbox (not acknowledged by the server). */
  pending: boolean;
}

export interface DeskOverlay {
  /** The projection with the own events folded in; null with no data and no own event. */
  view: ProjectionState | null;
  /** The data without them: live, or the offline copy. */
  base: ProjectionState | null;
  /** The own events folded in (the base does not hold them yet), oldest first. */
  events: OwnEvent[];
  /** Event ids an own folded `event.voided` undoes. */
  voided: ReadonlySet<string>;
  /** Ids of the own events still waiting in the outbox. */
  pendingIds: ReadonlySet<string>;
  /** Donors an own event still waiting in the outbox is about. */
  waitingDonors: ReadonlySet<string>;
}

export const EMPTY_OVERLAY: DeskOverlay = { view: null, base: null, events: [], voided: new Set(), pendingIds: new Set(), waitingDonors: new Set() };

/** The overlay of `projection` with the device's own events (the outbox's waiting ones, and those recorded not yet pushed back). */
export function buildOverlay(input: { projection: ProjectionState | null; pending: readonly OutboxEntry[]; recorded?: readonly RecordedEntry[]; me: Me | null }): DeskOverlay {
  const recorded = input.recorded ?? [];
  // Nothing received yet (first load, offline): the own events still make a view of their own.
  const base = input.projection ?? (input.pending.length || recorded.length ? initialState() : null);
  const view = optimisticView(base, input.pending, recorded, input.me);
  if (view.unconfirmed.size === 0) return { ...EMPTY_OVERLAY, view: input.projection, base: input.projection };
  const waiting = new Set(input.pending.map((entry) => entry.id));
  const events: OwnEvent[] = [...recorded, ...input.pending]
    .filter((entry) => view.unconfirmed.has(entry.id))
    .map((entry) => ({ id: entry.id, type: entry.type, payload: (entry.payload ?? {}) as Record<string, unknown>, createdAt: entry.createdAt, pending: waiting.has(entry.id) }));
  const voided = new Set<string>();
  const waitingDonors = new Set<string>();
  for (const event of events) {
    if (event.type === 'event.voided') voided.add(String(event.payload.eventId));
    if (!event.pending) continue;
    const donorId = donorOfOwnEvent(base, events, event);
    if (donorId) waitingDonors.add(donorId);
  }
  return { view: view.projection, base: input.projection, events, voided, pendingIds: view.waiting, waitingDonors };
}

/**
 * The donor an own event is about: its `donorId`, or for an undo the undone event's donor — from
 * the log, else from the device's other own events (`own`: an undo of an event not recorded yet).
 */
export function donorOfOwnEvent(base: ProjectionState | null, own: readonly { id: string; payload: unknown }[], event: { type: EventType; payload: unknown }): string | undefined {
  const payload = (event.payload ?? {}) as { donorId?: unknown; eventId?: unknown };
  if (event.type !== 'event.voided') return typeof payload.donorId === 'string' ? payload.donorId : undefined;
  const target = String(payload.eventId);
  const ref = base?.applied.get(target)?.ref;
  if (ref) return ref;
  const donorId = (own.find((other) => other.id === target)?.payload as { donorId?: unknown } | undefined)?.donorId;
  return typeof donorId === 'string' ? donorId : undefined;
}

function shownState(projection: ProjectionState | null, overlay: DeskOverlay): ProjectionState | null {
  return overlay.view ?? projection;
}

/** Every donor the desk can find: the projection's and its own new ones, as its own events leave them. */
export function deskDonors(projection: ProjectionState | null, overlay: DeskOverlay): Donor[] {
  return [...(shownState(projection, overlay)?.donors.values() ?? [])];
}

/** A donor by id, through the overlay; null when unknown (or its registration is undone). */
export function findDonor(projection: ProjectionState | null, overlay: DeskOverlay, donorId: string): Donor | null {
  return shownState(projection, overlay)?.donors.get(donorId) ?? null;
}

/** Is this donor's registration an own event the live data does not hold yet? */
export function isPendingRegistration(overlay: DeskOverlay, donorId: string): boolean {
  const donor = overlay.view?.donors.get(donorId);
  return !!donor && overlay.events.some((event) => event.id === donor.registeredEventId);
}

/** The donor as the own events not applied yet leave them (a correction, the consent to announce the name). */
export function effectiveDonor(donor: Donor, overlay: DeskOverlay): Donor {
  return overlay.view?.donors.get(donor.id) ?? donor;
}

export type DayState = 'registered' | 'checkedIn' | 'donated' | 'deferred';

export interface TodayStatus {
  state: DayState;
  /** The state comes from an own event the server has not acknowledged (or not pushed back) yet. */
  unconfirmed: boolean;
  /** …and that event is still waiting in the outbox. */
  waiting: boolean;
  checkedInAt?: string;
  checkedInEventId?: string;
  outcome?: DonorOutcome;
}

/** Where the donor is on `day`, own events included; `unconfirmed` when they make it differ from the live data. */
export function todayStatus(donor: Donor, day: string, overlay: DeskOverlay): TodayStatus {
  const record = effectiveDonor(donor, overlay).days.get(day);
  const before = overlay.base?.donors.get(donor.id)?.days.get(day);
  const unconfirmed = overlay.events.length > 0 && JSON.stringify(record ?? null) !== JSON.stringify(before ?? null);
  const outcome = record?.outcome;
  const state: DayState = outcome ? outcome.kind : record ? 'checkedIn' : 'registered';
  return {
    state,
    unconfirmed,
    waiting: unconfirmed && overlay.waitingDonors.has(donor.id),
    ...(record ? { checkedInAt: record.checkedInAt, checkedInEventId: record.checkedInEventId } : {}),
    ...(outcome ? { outcome } : {}),
  };
}

/** Days (before or on `today`) the donor gave blood, own events included. */
export function donatedDays(donor: Donor, overlay: DeskOverlay, today: string): string[] {
  const days: string[] = [];
  for (const [day, record] of effectiveDonor(donor, overlay).days) if (record.outcome?.kind === 'donated' && day <= today) days.push(day);
  return days.sort();
}

/** How a person already known to the desk was recognised. */
export type SamePersonMatch = 'nationalId' | 'cccdLast4' | 'identity';

/**
 * The same person already known to the desk, among the projection's donors and the own
 * pending registrations (erased people, who have no name, are nobody's match):
 *
 * - `identity`: the server's rule (shared/rules.ts `checkSamePerson`) as far as a desk can
 *   apply it: the same folded name and agency, with the same year of birth or the same phone
 *   (`identityKeysOf`, looked up in the projection's `identityIndex`);
 * - `cccdLast4`: the same last 4 digits of the CCCD and the same folded name (the desk never
 *   holds a full CCCD: the server recognises the card itself, by its keyed hash, and answers
 *   `duplicate_donor` with `match: 'nationalId'`).
 */
export function findSamePerson(
  projection: ProjectionState | null,
  overlay: DeskOverlay,
  person: { fullName: string; agencyId: string; birthYear?: number | undefined; phone?: string | undefined; nationalId?: string | undefined },
  exceptDonorId?: string,
): { donorId: string; match: SamePersonMatch } | null {
  if (!person.fullName.trim()) return null;
  const state = shownState(projection, overlay);
  if (!state) return null;
  const usable = (donor: Donor | null | undefined): donor is Donor => !!donor && donor.id !== exceptDonorId && !donor.erased;

  // The projection's index holds its donors' identity keys (the own new ones folded in too); a
  // copy without an index is looked through.
  const keys = identityKeysOf(person);
  if (state.identityIndex.size > 0) {
    for (const key of keys) {
      const holder = state.identityIndex.get(key);
      if (holder && usable(state.donors.get(holder))) return { donorId: holder, match: 'identity' };
    }
  } else if (keys.length) {
    for (const donor of state.donors.values()) if (usable(donor) && identityKeysOf(donor).some((key) => keys.includes(key))) return { donorId: donor.id, match: 'identity' };
  }

  const last4 = lastFourOfTyped(person.nationalId);
  if (last4) {
    const name = foldForSearch(person.fullName);
    // A list of hundreds is checked row by row against thousands of donors: no copies here.
    for (const donor of state.donors.values()) if (donor.nationalIdLast4 === last4 && usable(donor) && foldForSearch(donor.fullName) === name) return { donorId: donor.id, match: 'cccdLast4' };
  }
  return null;
}
