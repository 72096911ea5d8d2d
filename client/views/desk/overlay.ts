/**
 * What the desk shows = the live projection + the desk's own events the projection does not
 * hold yet (waiting in the outbox while the server is unreachable, or recorded a moment ago
 * and not pushed back yet). Pure: the view builds the overlay once per change and reads every
 * donor's state through it, so a check-in made offline shows at once as "checked in · chờ
 * gửi", a pending undo hides what it undoes, and a walk-in registered offline can be found.
 *
 * An own event leaves the overlay when the projection has applied it (its id is in
 * `projection.applied`) or when the server refused it.
 */
import type { EventType } from '../../../shared/events.ts';
import { identityKey, type Donor, type DonorOutcome, type ProjectionState } from '../../../shared/projection.ts';

/** One of the desk's own events (from the outbox or the desk's journal). */
export interface OwnEvent {
  id: string;
  type: EventType;
  payload: Record<string, unknown>;
  createdAt: number;
  /** Still in the outbox (not acknowledged by the server). */
  pending: boolean;
  /** The festival day it was made on (set by the overlay). */
  day?: string;
}

export interface DeskOverlay {
  /** Own events the projection does not hold yet, oldest first. */
  events: OwnEvent[];
  /** Donors registered by an own event not applied yet. */
  registrations: Map<string, Donor>;
  /** Own unapplied donor events (check-in, donated, deferred, updated), by donor, in order. */
  byDonor: Map<string, OwnEvent[]>;
  /** Event ids an own unapplied `event.voided` undoes. */
  voided: Set<string>;
  /** Ids of the own events still waiting in the outbox. */
  pendingIds: Set<string>;
}

export const EMPTY_OVERLAY: DeskOverlay = { events: [], registrations: new Map(), byDonor: new Map(), voided: new Set(), pendingIds: new Set() };

const DONOR_DETAILS = ['phone', 'birthYear', 'bloodType', 'nationalId', 'gender', 'weightKg', 'lastDonationDate'] as const;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Builds the overlay from the outbox's pending entries and the journal's recent entries (the
 * same event may be in both; the outbox copy wins, it holds the full payload).
 */
export function buildOverlay(input: {
  projection: ProjectionState | null;
  pending: readonly OwnEvent[];
  journal: readonly OwnEvent[];
  rejectedIds: ReadonlySet<string>;
  /** The time zone day function, for registrations' `registeredDay`. */
  dayOf: (instant: string) => string;
}): DeskOverlay {
  const { projection } = input;
  const byId = new Map<string, OwnEvent>();
  for (const event of input.journal) byId.set(event.id, event);
  for (const event of input.pending) byId.set(event.id, { ...event, pending: true });
  const events = [...byId.values()]
    .filter((event) => !input.rejectedIds.has(event.id) && !projection?.applied.has(event.id))
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  if (events.length === 0) return EMPTY_OVERLAY;

  const registrations = new Map<string, Donor>();
  const byDonor = new Map<string, OwnEvent[]>();
  const voided = new Set<string>();
  const pendingIds = new Set<string>();
  for (const event of events) {
    if (event.pending) pendingIds.add(event.id);
    const payload = event.payload;
    if (event.type === 'event.voided') {
      voided.add(String(payload.eventId));
      continue;
    }
    const donorId = typeof payload.donorId === 'string' ? payload.donorId : null;
    if (!donorId) continue;
    if (event.type === 'donor.registered') {
      if (projection?.donors.has(donorId) || registrations.has(donorId)) continue;
      const at = iso(event.createdAt);
      const donor: Donor = {
        id: donorId,
        fullName: String(payload.fullName ?? ''),
        agencyId: String(payload.agencyId ?? ''),
        registeredEventId: event.id,
        registeredAt: at,
        registeredDay: input.dayOf(at),
        days: new Map(),
      };
      for (const field of DONOR_DETAILS) {
        if (payload[field] !== undefined && payload[field] !== null) (donor as unknown as Record<string, unknown>)[field] = payload[field];
      }
      registrations.set(donorId, donor);
      continue;
    }
    const list = byDonor.get(donorId) ?? [];
    list.push({ ...event, day: input.dayOf(iso(event.createdAt)) });
    byDonor.set(donorId, list);
  }
  return { events, registrations, byDonor, voided, pendingIds };
}

/** Every donor the desk can find: the projection's (less those an own undo removes) and its own new ones. */
export function deskDonors(projection: ProjectionState | null, overlay: DeskOverlay): Donor[] {
  const list: Donor[] = [];
  if (projection) {
    for (const donor of projection.donors.values()) if (!overlay.voided.has(donor.registeredEventId)) list.push(donor);
  }
  for (const donor of overlay.registrations.values()) if (!overlay.voided.has(donor.registeredEventId)) list.push(donor);
  return list;
}

/** A donor by id, through the overlay; null when unknown (or its registration is undone). */
export function findDonor(projection: ProjectionState | null, overlay: DeskOverlay, donorId: string): Donor | null {
  const donor = projection?.donors.get(donorId) ?? overlay.registrations.get(donorId) ?? null;
  if (!donor || overlay.voided.has(donor.registeredEventId)) return null;
  return donor;
}

/** Is this donor's registration an own event not yet applied? */
export function isPendingRegistration(overlay: DeskOverlay, donorId: string): boolean {
  return overlay.registrations.has(donorId);
}

/** The donor with the own corrections not applied yet (`donor.updated`). */
export function effectiveDonor(donor: Donor, overlay: DeskOverlay): Donor {
  const own = overlay.byDonor.get(donor.id)?.filter((e) => e.type === 'donor.updated');
  if (!own?.length) return donor;
  const copy = { ...donor } as unknown as Record<string, unknown>;
  for (const event of own) {
    for (const [key, value] of Object.entries(event.payload)) {
      if (key === 'donorId') continue;
      if (value === null) delete copy[key];
      else copy[key] = value;
    }
  }
  return copy as unknown as Donor;
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

/** Where the donor is on `day`: the projection's record, then the own events not applied yet. */
export function todayStatus(donor: Donor, day: string, overlay: DeskOverlay): TodayStatus {
  const record = donor.days.get(day);
  let checkedInEventId = record?.checkedInEventId;
  let checkedInAt = record?.checkedInAt;
  let outcome = record?.outcome;
  let unconfirmed = false;
  let waiting = false;
  if (outcome && overlay.voided.has(outcome.eventId)) {
    outcome = undefined;
    unconfirmed = true;
  }
  if (checkedInEventId && !outcome && overlay.voided.has(checkedInEventId)) {
    checkedInEventId = undefined;
    checkedInAt = undefined;
    unconfirmed = true;
  }
  for (const event of overlay.byDonor.get(donor.id) ?? []) {
    // Shown on the day it was made (the server dates it by its arrival: the same day unless
    // the link stays down past midnight).
    if (overlay.voided.has(event.id) || (event.day !== undefined && event.day !== day)) continue;
    const at = iso(event.createdAt);
    if (event.type === 'donor.checked_in' && !checkedInEventId) {
      checkedInEventId = event.id;
      checkedInAt = at;
    } else if ((event.type === 'donor.donated' || event.type === 'donor.deferred') && checkedInEventId && !outcome) {
      outcome =
        event.type === 'donor.donated'
          ? { kind: 'donated', eventId: event.id, at, volumeMl: Number(event.payload.volumeMl) }
          : {
              kind: 'deferred',
              eventId: event.id,
              at,
              reason: String(event.payload.reason ?? ''),
              ...(typeof event.payload.reasonCode === 'string' ? { reasonCode: event.payload.reasonCode } : {}),
            };
    } else continue;
    unconfirmed = true;
    if (overlay.pendingIds.has(event.id)) waiting = true;
  }
  const state: DayState = outcome ? outcome.kind : checkedInEventId ? 'checkedIn' : 'registered';
  return {
    state,
    unconfirmed,
    waiting,
    ...(checkedInAt ? { checkedInAt } : {}),
    ...(checkedInEventId ? { checkedInEventId } : {}),
    ...(outcome ? { outcome } : {}),
  };
}

/** Days (before or on `day`) the donor gave blood, per the log and the own events. */
export function donatedDays(donor: Donor, overlay: DeskOverlay, today: string): string[] {
  const days: string[] = [];
  for (const [day, record] of donor.days) {
    if (record.outcome?.kind === 'donated' && !overlay.voided.has(record.outcome.eventId)) days.push(day);
  }
  if (todayStatus(donor, today, overlay).state === 'donated' && !days.includes(today)) days.push(today);
  return days.sort();
}

/**
 * The same person already known to the desk: same CCCD, or the same name, year of birth and
 * agency (the server's duplicate rule), among the projection and the own pending
 * registrations. `match` says which.
 */
export function findSamePerson(
  projection: ProjectionState | null,
  overlay: DeskOverlay,
  person: { fullName: string; birthYear?: number; agencyId: string; nationalId?: string },
  exceptDonorId?: string,
): { donorId: string; match: 'nationalId' | 'identity' } | null {
  // The projection's indexes cover its donors; the own new ones (and a copy without indexes)
  // are looked through.
  const others = [...overlay.registrations.values()];
  if (projection && projection.identityIndex.size === 0) others.push(...projection.donors.values());
  const candidates = others.filter((d) => d.id !== exceptDonorId && !overlay.voided.has(d.registeredEventId));
  if (person.nationalId) {
    const holder = projection?.nationalIdIndex.get(person.nationalId);
    if (holder && holder !== exceptDonorId && findDonor(projection, overlay, holder)) return { donorId: holder, match: 'nationalId' };
    const other = candidates.find((d) => d.nationalId === person.nationalId);
    if (other) return { donorId: other.id, match: 'nationalId' };
  }
  const key = identityKey(person.fullName, person.birthYear, person.agencyId);
  if (key) {
    const holder = projection?.identityIndex.get(key);
    if (holder && holder !== exceptDonorId && findDonor(projection, overlay, holder)) return { donorId: holder, match: 'identity' };
    const other = candidates.find((d) => identityKey(d.fullName, d.birthYear, d.agencyId) === key);
    if (other) return { donorId: other.id, match: 'identity' };
  }
  return null;
}
