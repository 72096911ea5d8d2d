/**
 * What the desk shows = the live projection + the desk's own events the projection does not
 * hold yet (waiting in the outbox while the server is unreachable, or recorded a moment ago
 * and not pushed back yet). Pure: the view builds the overlay once per change and reads every
 * donor's state through it, so a check-in made offline shows at once as "checked in · chờ
 * gửi", a pending undo hides what it undoes, and a walk-in registered offline can be found.
 *
 * An own event leaves the overlay when the projection has applied it (its id is in
 * `projection.applied`) or when the server refused it.
 *
 * A CCCD the desk sent (`nationalId`, 12 digits) becomes here what the server keeps of it, its
 * last 4 digits (`nationalIdLast4`): the screen never holds a full number for a donor.
 */
import type { EventType } from '../../../shared/events.ts';
import { foldForSearch } from '../../../shared/format.ts';
import { identityKeysOf, type Donor, type DonorOutcome, type ProjectionState } from '../../../shared/projection.ts';
import { lastFourOfTyped } from './deskText.ts';

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

const DONOR_DETAILS = ['phone', 'birthYear', 'bloodType', 'nationalIdLast4', 'gender', 'weightKg', 'lastDonationDate', 'importId'] as const;

/** The last 4 digits a sent payload gives: from its `nationalId` (outbox copy) or `nationalIdLast4` (journal copy). */
function lastFourOf(payload: Record<string, unknown>): string | null | undefined {
  if (payload.nationalId === null || payload.nationalIdLast4 === null) return null;
  if (typeof payload.nationalId === 'string') return lastFourOfTyped(payload.nationalId) || undefined;
  return typeof payload.nationalIdLast4 === 'string' ? payload.nationalIdLast4 : undefined;
}

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
      const last4 = lastFourOf(payload);
      if (last4) donor.nationalIdLast4 = last4;
      if (isConsent(payload.consent)) donor.consent = { ...payload.consent };
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

function isConsent(value: unknown): value is NonNullable<Donor['consent']> {
  return typeof value === 'object' && value !== null && typeof (value as { dataProcessing?: unknown }).dataProcessing === 'boolean';
}

/**
 * The donor with the own corrections not applied yet (`donor.updated`): a new CCCD shows as its
 * last 4 digits, a change of mind about the name announced on stage as the consent. An erased
 * person's data is not written back (the server keeps only the agency, a count key).
 */
export function effectiveDonor(donor: Donor, overlay: DeskOverlay): Donor {
  const own = overlay.byDonor.get(donor.id)?.filter((e) => e.type === 'donor.updated');
  if (!own?.length) return donor;
  const copy = { ...donor } as unknown as Record<string, unknown>;
  for (const event of own) {
    for (const [key, value] of Object.entries(event.payload)) {
      if (key === 'donorId' || key === 'nationalId' || key === 'nationalIdLast4' || key === 'announceName') continue;
      if (donor.erased && key !== 'agencyId') continue;
      if (value === null) delete copy[key];
      else copy[key] = value;
    }
    if (donor.erased) continue;
    const last4 = lastFourOf(event.payload);
    if (last4 === null) delete copy.nationalIdLast4;
    else if (last4) copy.nationalIdLast4 = last4;
    if (typeof event.payload.announceName === 'boolean') {
      copy.consent = { dataProcessing: donor.consent?.dataProcessing ?? false, announceName: event.payload.announceName };
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
              // The desk's own deferral: it sent the code, and the note only when one was typed.
              ...(typeof event.payload.reason === 'string' && event.payload.reason ? { reason: event.payload.reason } : {}),
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
  const usable = (donor: Donor | null | undefined): donor is Donor =>
    !!donor && donor.id !== exceptDonorId && !donor.erased && !overlay.voided.has(donor.registeredEventId);
  // The projection's index covers its donors; the own new ones (and a copy without an index)
  // are looked through.
  const others = [...overlay.registrations.values()];
  if (projection && projection.identityIndex.size === 0) others.push(...projection.donors.values());
  const candidates = others.filter(usable);

  const keys = identityKeysOf(person);
  for (const key of keys) {
    const holder = projection?.identityIndex.get(key);
    if (holder && usable(findDonor(projection, overlay, holder))) return { donorId: holder, match: 'identity' };
  }
  if (keys.length) {
    const other = candidates.find((d) => identityKeysOf(d).some((key) => keys.includes(key)));
    if (other) return { donorId: other.id, match: 'identity' };
  }

  const last4 = lastFourOfTyped(person.nationalId);
  if (last4) {
    const name = foldForSearch(person.fullName);
    const same = (d: Donor) => d.nationalIdLast4 === last4 && usable(d) && foldForSearch(d.fullName) === name;
    // A list of hundreds is checked row by row against thousands of donors: no copies here.
    for (const donor of projection?.donors.values() ?? []) if (same(donor)) return { donorId: donor.id, match: 'cccdLast4' };
    for (const donor of overlay.registrations.values()) if (same(donor)) return { donorId: donor.id, match: 'cccdLast4' };
  }
  return null;
}
