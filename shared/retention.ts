/**
 * How long personal data is kept (README, "Personal data"): `days` after the festival's last
 * day, counted from its end in the event's time zone — or, for someone registered after the
 * festival, `days` after their registration. Then it is erased (`personal_data.expired`), while
 * every count stays. Pure: the server asks it once an hour and at start-up.
 */
import type { ProjectionState } from './projection.ts';
import { honoureesListedBy, timezoneOf } from './projection.ts';
import { zonedToEpoch } from './time.ts';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** The end of the festival's last day (epoch ms), or null without festival days. */
export function festivalEndOf(state: ProjectionState): number | null {
  const last = state.event?.days.at(-1);
  if (!last) return null;
  const next = new Date(Date.parse(`${last}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  return zonedToEpoch(next, '00:00', timezoneOf(state));
}

/** When the personal data of the festival's donors is erased (epoch ms), or null (never, or no festival days). */
export function personalDataExpiresAt(state: ProjectionState, days: number | null): number | null {
  const end = festivalEndOf(state);
  return days === null || end === null ? null : end + days * DAY_MS;
}

/**
 * Whether retention has run out for someone now: the instant up to which registrations are
 * to be erased, or null when nobody's time has come (or nobody is left to erase).
 */
export function retentionDue(state: ProjectionState, days: number | null, now: number): string | null {
  const expiresAt = personalDataExpiresAt(state, days);
  if (expiresAt === null || now < expiresAt) return null;
  const upTo = now - days! * DAY_MS;
  for (const donor of state.donors.values()) {
    if (donor.erasedSeq === undefined && Date.parse(donor.registeredAt) <= upTo) return new Date(upTo).toISOString();
  }
  // (issue 17) The ceremony's honourees follow the same rule, from when they were listed.
  return honoureesListedBy(state, upTo).length > 0 ? new Date(upTo).toISOString() : null;
}
