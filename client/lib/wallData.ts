/**
 * What the wall reads from the live projection beyond the public state body: when each agency's
 * first counted donor arrived today (for the pace projection) and, only when the event enables
 * thank-you names, the latest donors' first names. Pure functions of the projection.
 *
 * Read defensively: a public role may receive the projection without donors (or without their
 * names); then there is simply nothing to show.
 */
import type { ProjectionState } from '../../shared/projection.ts';

type CountOn = 'donated' | 'checkedIn';

/** Epoch ms of each agency's first counted donor on `day`. */
export function firstCountedByAgency(projection: ProjectionState | null, day: string, countOn: CountOn): Map<string, number> {
  const first = new Map<string, number>();
  const donors = projection?.donors;
  if (!(donors instanceof Map)) return first;
  for (const donor of donors.values()) {
    const today = donor.days instanceof Map ? donor.days.get(day) : undefined;
    if (!today) continue;
    let at: string | undefined;
    if (countOn === 'checkedIn') at = today.checkedInAt;
    else if (today.outcome?.kind === 'donated') at = today.outcome.at;
    if (!at) continue;
    const ms = Date.parse(at);
    const known = first.get(donor.agencyId);
    if (known === undefined || ms < known) first.set(donor.agencyId, ms);
  }
  return first;
}

/** The given name of a Vietnamese full name: its last word ("Nguyễn Thị Thu" → "Thu"). */
export function firstNameOf(fullName: string): string {
  const words = fullName.trim().split(/\s+/);
  return words[words.length - 1] ?? '';
}

export interface Thanks {
  key: string;
  name: string;
  agencyId: string;
  at: string;
}

/** The latest successful donations (newest first), first name and agency only. */
export function latestThanks(projection: ProjectionState | null, limit: number): Thanks[] {
  const donors = projection?.donors;
  if (!(donors instanceof Map) || limit <= 0) return [];
  const found: Thanks[] = [];
  for (const donor of donors.values()) {
    if (typeof donor.fullName !== 'string' || !(donor.days instanceof Map)) continue;
    for (const [day, path] of donor.days) {
      if (path.outcome?.kind !== 'donated') continue;
      found.push({ key: `${donor.id}/${day}`, name: firstNameOf(donor.fullName), agencyId: donor.agencyId, at: path.outcome.at });
    }
  }
  found.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return found.slice(0, limit).filter((t) => t.name.length > 0);
}
