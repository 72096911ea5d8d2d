/**
 * The official report per agency (issue 8): quota, registered, checked in, donated, deferred,
 * % of quota and volume, per festival day and for the whole festival, walk-ins on their own
 * line, totals. Pure: computed from the projection, so the JSON, CSV and XLSX exports, the
 * admin page and its print view all show the same figures as GET /api/state.
 *
 * Reconciliation (test/shared/report.test.ts, test/server/admin.test.ts):
 * - the festival section's agency rows, walk-ins and totals are exactly the state body's
 *   `agencies`, `walkIns` and `totals`; its totals' quota is the state's `target`;
 * - a day section's totals are the state body's `days` row of that date;
 * - agencies + walk-ins = totals, in every section;
 * - the day sections add up to the festival section. Counts recorded outside the festival days
 *   (donor lists entered the week before, a test the day before) go to one `other_days`
 *   section, present only when there are such counts, so nothing is lost from the sum.
 */
import { WALK_IN_AGENCY_ID } from './constants.ts';
import type { Counts, ProjectionState } from './projection.ts';
import { addCounts, emptyCounts, timezoneOf } from './projection.ts';
import { festivalTarget, quotaOf } from './quota.ts';

export interface ReportRow extends Counts {
  kind: 'agency' | 'walk_in' | 'total';
  /** The agency id; `walk-in` for walk-ins; `''` for the totals row. */
  agencyId: string;
  name: string;
  nameEn: string | null;
  /** The agency's festival quota (the target on the totals row); null without one. */
  quota: number | null;
  /**
   * The counted figure (donated, or checked in when the event counts check-ins) as a percent
   * of the quota, rounded down to one decimal (so 100 means really met); null without a quota.
   * On a day section it is that day's share of the festival quota.
   */
  percentOfQuota: number | null;
}

export type ReportSectionKind = 'day' | 'other_days' | 'festival';

export interface ReportSection {
  kind: ReportSectionKind;
  /** YYYY-MM-DD for a festival day; null for other days and the festival. */
  date: string | null;
  agencies: ReportRow[];
  walkIns: ReportRow;
  totals: ReportRow;
}

export interface AgencyReport {
  /** The log position the figures are as of. */
  seq: number;
  event: { name: string; nameEn: string | null; venue: string; timezone: string; days: string[] } | null;
  countOn: 'donated' | 'checkedIn';
  /** The festival target (sum of quotas). */
  target: number;
  /** One section per festival day in order, then `other_days` when there are such counts. */
  days: ReportSection[];
  festival: ReportSection;
}

export const REPORT_WALK_IN_NAME = { vi: 'Hiến máu tự do (không theo đơn vị)', en: 'Walk-ins (no agency)' } as const;
export const REPORT_TOTAL_NAME = { vi: 'Tổng cộng', en: 'Total' } as const;

/** Rounded down to one decimal: 59/60 → 98.3, 60/60 → 100. */
export function percentOfQuota(value: number, quota: number | null): number | null {
  if (quota === null || quota <= 0) return null;
  return Math.floor((value * 1000) / quota + 1e-9) / 10;
}

function countsOf(from: Counts | undefined): Counts {
  return addCounts(emptyCounts(), from);
}

function isEmpty(counts: Counts): boolean {
  return counts.registered === 0 && counts.checkedIn === 0 && counts.donated === 0 && counts.deferred === 0 && counts.volumeMl === 0;
}

/** The report of a projection (the server's live state, or a client's copy of it). */
export function agencyReport(state: ProjectionState): AgencyReport {
  const countOn = state.event?.countOn ?? 'donated';
  const festivalDays = state.event ? [...state.event.days] : [];
  const festivalDaySet = new Set(festivalDays);
  const target = festivalTarget([...state.agencies.values()].map((a) => a.quotaRule));

  // Agencies in the order they were set up; any counted agency the setup does not know (cannot
  // happen through the rules, but the sums must hold whatever the log says) follows by id.
  const agencyIds = [...state.agencies.keys()].filter((id) => id !== WALK_IN_AGENCY_ID);
  const known = new Set(agencyIds);
  const strays = [...state.byAgency.keys()].filter((id) => id !== WALK_IN_AGENCY_ID && !known.has(id)).sort();
  const rowIds = [...agencyIds, ...strays];

  const row = (kind: ReportRow['kind'], agencyId: string, counts: Counts): ReportRow => {
    const agency = kind === 'agency' ? state.agencies.get(agencyId) : undefined;
    const quota = kind === 'agency' ? (agency ? quotaOf(agency.quotaRule) : null) : kind === 'total' ? target : null;
    const name = kind === 'walk_in' ? REPORT_WALK_IN_NAME.vi : kind === 'total' ? REPORT_TOTAL_NAME.vi : (agency?.name ?? agencyId);
    const nameEn = kind === 'walk_in' ? REPORT_WALK_IN_NAME.en : kind === 'total' ? REPORT_TOTAL_NAME.en : (agency?.nameEn ?? null);
    return { kind, agencyId, name, nameEn, quota, ...counts, percentOfQuota: percentOfQuota(counts[countOn], quota) };
  };

  const section = (kind: ReportSectionKind, date: string | null, pick: (days: Map<string, Counts> | undefined, overall: Counts | undefined) => Counts, totals: Counts): ReportSection => ({
    kind,
    date,
    agencies: rowIds.map((id) => row('agency', id, pick(state.byAgencyDay.get(id), state.byAgency.get(id)))),
    walkIns: row('walk_in', WALK_IN_AGENCY_ID, pick(state.byAgencyDay.get(WALK_IN_AGENCY_ID), state.byAgency.get(WALK_IN_AGENCY_ID))),
    totals: row('total', '', totals),
  });

  const days = festivalDays.map((day) => section('day', day, (perDay) => countsOf(perDay?.get(day)), countsOf(state.byDay.get(day))));

  const otherTotals = emptyCounts();
  for (const [day, counts] of state.byDay) if (!festivalDaySet.has(day)) addCounts(otherTotals, counts);
  if (!isEmpty(otherTotals)) {
    const sumOther = (perDay: Map<string, Counts> | undefined) => {
      const sum = emptyCounts();
      for (const [day, counts] of perDay ?? []) if (!festivalDaySet.has(day)) addCounts(sum, counts);
      return sum;
    };
    days.push(section('other_days', null, sumOther, otherTotals));
  }

  const festival = section('festival', null, (_perDay, overall) => countsOf(overall), countsOf(state.totals));

  return {
    seq: state.seq,
    event: state.event ? { name: state.event.name, nameEn: state.event.nameEn ?? null, venue: state.event.venue, timezone: timezoneOf(state), days: festivalDays } : null,
    countOn,
    target,
    days,
    festival,
  };
}

/** Every row of a section in print order: agencies, walk-ins, totals. */
export function sectionRows(section: ReportSection): ReportRow[] {
  return [...section.agencies, section.walkIns, section.totals];
}
