/**
 * Privacy: a donor's phone and national id (CCCD) never leave the server towards public
 * screens (wall, mc). Every event and projection sent to such a role passes through here.
 */
import type { RecordedEvent } from './events.ts';
import type { Role } from './roles.ts';
import { PUBLIC_ROLES } from './roles.ts';

/** The payload fields that identify a person and stay on the server for public roles. */
export const PII_FIELDS = ['phone', 'nationalId'] as const;

export function seesPii(role: Role): boolean {
  return !PUBLIC_ROLES.has(role);
}

/** The event with phone and national id removed (a copy; the original is untouched). */
export function stripEventPii(event: RecordedEvent): RecordedEvent {
  if (event.type !== 'donor.registered') return event;
  const { phone: _phone, nationalId: _nationalId, ...payload } = event.payload;
  return { ...event, payload };
}

/** The event as the given role may see it. */
export function eventForRole(event: RecordedEvent, role: Role): RecordedEvent {
  return seesPii(role) ? event : stripEventPii(event);
}
