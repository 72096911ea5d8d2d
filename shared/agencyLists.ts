/**
 * Which agencies sent their list to the standing office, and how it stands (issue 18): per
 * agency with a quota, its lists (file, rows, when, by whom, how many people they registered,
 * and the office's answer), its quota and how the people on its lists compare with it. Pure: the
 * admin page reads it from the projection it holds.
 */
import type { ImportInfo, ProjectionState } from './projectionState.ts';
import { quotaOf } from './quota.ts';

export interface ListLine extends ImportInfo {
  /** People of the list registered (the rest: already registered, or with errors). */
  registered: number;
}

export interface AgencyListStatus {
  agencyId: string;
  name: string;
  quota: number | null;
  lists: ListLine[];
  /** People registered for the agency from its lists, against the quota. */
  listed: number;
  /** 'none': no list yet; else the answer to its latest list ('waiting' when not reviewed). */
  status: 'none' | 'waiting' | 'accepted' | 'returned';
}

export function agencyLists(state: Pick<ProjectionState, 'agencies' | 'imports' | 'donors'>): AgencyListStatus[] {
  const registeredBy = new Map<string, number>();
  const listedFor = new Map<string, number>();
  for (const donor of state.donors.values()) {
    if (!donor.importId) continue;
    registeredBy.set(donor.importId, (registeredBy.get(donor.importId) ?? 0) + 1);
    listedFor.set(donor.agencyId, (listedFor.get(donor.agencyId) ?? 0) + 1);
  }
  return [...state.agencies.values()]
    .filter((agency) => agency.quotaRule !== null)
    .map((agency) => {
      const lists = [...state.imports.values()]
        .filter((list) => list.agencyId === agency.id)
        .sort((a, b) => a.at.localeCompare(b.at))
        .map((list) => ({ ...list, registered: registeredBy.get(list.id) ?? 0 }));
      const latest = lists.at(-1);
      return {
        agencyId: agency.id,
        name: agency.name,
        quota: quotaOf(agency.quotaRule),
        lists,
        listed: listedFor.get(agency.id) ?? 0,
        status: !latest ? 'none' : (latest.review?.decision ?? 'waiting'),
      };
    });
}
