/**
 * What the wall reads from the live projection beyond the public state body, all from the
 * count layer (the wall holds no donor's record, API.md "Need to know"): when each agency's
 * first counted donor arrived today (for the pace projection) and the latest donations, by
 * agency (the thank-you line, when the event enables it). Pure functions of the projection.
 */
import type { ProjectionState } from '../../shared/projection.ts';

type CountOn = 'donated' | 'checkedIn';

/** Epoch ms of each agency's first counted donor on `day`. */
export function firstCountedByAgency(projection: ProjectionState | null, day: string, countOn: CountOn): Map<string, number> {
  const first = new Map<string, number>();
  const byAgency = projection?.firstCounted;
  if (!(byAgency instanceof Map)) return first;
  for (const [agencyId, days] of byAgency) {
    const at = days.get(day)?.[countOn];
    if (at) first.set(agencyId, Date.parse(at));
  }
  return first;
}

export interface Thanks {
  key: string;
  agencyId: string;
  at: string;
}

/** The latest successful donations (newest first): an agency and a time, never a name. */
export function latestThanks(projection: ProjectionState | null, limit: number): Thanks[] {
  const recent = projection?.recentDonations;
  if (!Array.isArray(recent) || limit <= 0) return [];
  return recent
    .slice(-limit)
    .reverse()
    .map((donation, i) => ({ key: `${donation.at}/${donation.agencyId}/${i}`, agencyId: donation.agencyId, at: donation.at }));
}
