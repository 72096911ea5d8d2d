/**
 * The door: what happens to a submitted event before the rules, the log or any client see it.
 * A donor's full CCCD (`nationalId`) is replaced by a keyed hash, which recognises the same
 * card again, and its last 4 digits, which a desk may search by. The full number goes no
 * further than the request that carried it: it is never stored, logged or sent.
 *
 * Pure: the server gives the hash (an HMAC with a secret of the installation, keyed so that
 * nobody can rebuild a CCCD from its hash by trying the numbers of one province and year).
 */
import type { NewEvent, SubmittedEvent } from './events.ts';

export type HashNationalId = (nationalId: string) => string;

export function lastFourOf(nationalId: string): string {
  return nationalId.slice(-4);
}

/** The event as the rest of the system may know it. */
export function throughTheDoor(event: SubmittedEvent, hash: HashNationalId): NewEvent {
  if (event.type === 'donor.registered' && event.payload.nationalId !== undefined) {
    const { nationalId, ...rest } = event.payload;
    return { ...event, payload: { ...rest, nationalIdHash: hash(nationalId), nationalIdLast4: lastFourOf(nationalId) } };
  }
  if (event.type === 'donor.updated' && event.payload.nationalId !== undefined) {
    const { nationalId, ...rest } = event.payload;
    const atRest = nationalId === null ? { nationalIdHash: null, nationalIdLast4: null } : { nationalIdHash: hash(nationalId), nationalIdLast4: lastFourOf(nationalId) };
    return { ...event, payload: { ...rest, ...atRest } };
  }
  return event as NewEvent;
}

/**
 * A payload as a device may keep it once it is sent (a refusal kept to show, a journal): a
 * typed CCCD cut to its last 4 digits, what the server keeps too.
 */
export function withoutFullNationalId<P extends object>(payload: P): P {
  if (!('nationalId' in payload)) return payload;
  const { nationalId, ...rest } = payload as P & { nationalId: unknown };
  if (nationalId === null) return { ...rest, nationalIdLast4: null } as P;
  const digits = typeof nationalId === 'string' ? nationalId.replace(/\D/g, '') : '';
  return (digits.length >= 4 ? { ...rest, nationalIdLast4: lastFourOf(digits) } : rest) as P;
}
