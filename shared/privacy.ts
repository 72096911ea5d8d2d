/**
 * Privacy: who sees what of a donor. Every event and projection sent to a client passes
 * through here, by the visibility of its role:
 *
 * - `full` (admin, desk): everything; the desk needs phone and CCCD to recognise a donor.
 * - `staff` (coordinator, mc): no phone, national id (CCCD), birth year, gender, weight,
 *   previous donation date or deferral reason; names kept.
 * - `public` (wall): as staff, and no donor names — only the first name when the event enables
 *   thank-you names — and no incident details (the wall shows only how many are open).
 */
import type { RecordedEvent } from './events.ts';
import type { Donor, IncidentInfo, ProjectionState } from './projection.ts';
import type { Role } from './roles.ts';

export type Visibility = 'full' | 'staff' | 'public';

/** Donor fields that only `full` roles see. */
export const PRIVATE_DONOR_FIELDS = ['phone', 'nationalId', 'birthYear', 'gender', 'weightKg', 'lastDonationDate'] as const;

export function visibilityOf(role: Role): Visibility {
  if (role === 'admin' || role === 'desk') return 'full';
  if (role === 'wall') return 'public';
  return 'staff';
}

export function seesPii(role: Role): boolean {
  return visibilityOf(role) === 'full';
}

/** "Nguyễn Thị Lan" → "Lan": Vietnamese names end with the given name. */
export function firstNameOf(fullName: string): string {
  return fullName.trim().split(/\s+/).at(-1) ?? '';
}

function publicName(fullName: string, thankYouNames: boolean): string {
  return thankYouNames ? firstNameOf(fullName) : '';
}

function without<T extends object>(value: T, keys: readonly string[]): T {
  const copy = { ...value } as Record<string, unknown>;
  for (const key of keys) delete copy[key];
  return copy as T;
}

export interface PrivacyOptions {
  /** The event setting: first names may appear on the wall. */
  thankYouNames: boolean;
}

/** The event as a client of the given visibility may see it (a copy; the original is untouched). */
export function eventForVisibility(event: RecordedEvent, visibility: Visibility, options: PrivacyOptions): RecordedEvent {
  if (visibility === 'full') return event;
  const isPublic = visibility === 'public';
  switch (event.type) {
    case 'donor.registered': {
      const payload = without(event.payload, PRIVATE_DONOR_FIELDS);
      if (isPublic) payload.fullName = publicName(payload.fullName, options.thankYouNames);
      return { ...event, payload };
    }
    case 'donor.updated': {
      const payload = without(event.payload, PRIVATE_DONOR_FIELDS);
      if (isPublic && payload.fullName !== undefined) payload.fullName = publicName(payload.fullName, options.thankYouNames);
      return { ...event, payload };
    }
    case 'donor.deferred':
      return { ...event, payload: { donorId: event.payload.donorId, reason: '' } };
    case 'incident.reported':
      return isPublic ? { ...event, payload: { ...without(event.payload, ['place', 'note', 'taskId']), title: '' } } : event;
    case 'incident.acknowledged':
    case 'incident.resolved':
      return isPublic ? { ...event, payload: without(event.payload, ['note']) } : event;
    default:
      return event;
  }
}

/** The event as the given role may see it. */
export function eventForRole(event: RecordedEvent, role: Role, options: PrivacyOptions): RecordedEvent {
  return eventForVisibility(event, visibilityOf(role), options);
}

function donorForVisibility(donor: Donor, visibility: Visibility, options: PrivacyOptions): Donor {
  const copy = without(donor, PRIVATE_DONOR_FIELDS);
  if (visibility === 'public') copy.fullName = publicName(donor.fullName, options.thankYouNames);
  copy.days = new Map(
    [...donor.days].map(([day, record]) => [
      day,
      record.outcome?.kind === 'deferred' ? { ...record, outcome: without(record.outcome, ['reason', 'reasonCode']) } : record,
    ]),
  );
  return copy;
}

function incidentForPublic(incident: IncidentInfo): IncidentInfo {
  return { ...without(incident, ['place', 'note', 'taskId']), title: '', updates: incident.updates.map((u) => without(u, ['note'])) };
}

/** The projection as a client of the given visibility may hold it (a shallow copy where it differs). */
export function projectionForVisibility(state: ProjectionState, visibility: Visibility): ProjectionState {
  if (visibility === 'full') return state;
  const options = { thankYouNames: state.event?.thankYouNames ?? false };
  return {
    ...state,
    donors: new Map([...state.donors].map(([id, donor]) => [id, donorForVisibility(donor, visibility, options)])),
    incidents: visibility === 'public' ? new Map([...state.incidents].map(([id, incident]) => [id, incidentForPublic(incident)])) : state.incidents,
    // The indexes that recognise a returning donor hold national ids and names: full only.
    nationalIdIndex: new Map(),
    identityIndex: new Map(),
  };
}
