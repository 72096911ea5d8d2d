/**
 * The official report per agency (issue 8): quota, registered, checked in, donated, deferred,
 * % of quota, volume and the units accepted by bag size (250 / 350 / 450 ml), per festival day
 * and for the whole festival, walk-ins on their own line, totals. Pure: computed from the
 * projection, so the JSON, CSV and XLSX exports, the admin page and its print view all show the
 * same figures as GET /api/state.
 *
 * Reconciliation (test/shared/report.test.ts, test/server/admin.test.ts):
 * - the festival section's agency rows, walk-ins and totals are exactly the state body's
 *   `agencies`, `walkIns` and `totals`; its totals' quota is the state's `target`;
 * - a day section's totals are the state body's `days` row of that date;
 * - agencies + walk-ins = totals, in every section;
 * - the day sections add up to the festival section. Counts recorded outside the festival days
 *   (donor lists entered the week before, a test the day before) go to one `other_days`
 *   section, present only when there are such counts, so nothing is lost from the sum;
 * - bag sizes (issue 15): on every row 250·n250 + 350·n350 + 450·n450 = volumeMl and
 *   n250 + n350 + n450 = donated. The projection's counts keep no bag split (the wire's
 *   totals stay registered/checkedIn/donated/deferred/volumeMl), so it is read here from the
 *   donor layer: every donor's accepted donation of a day, under the donor's agency as it is
 *   now (a corrected agency moves its counts too). A state without the donor layer (what the
 *   counting roles hold) has no split: `bags` is null there, never a wrong zero.
 *
 * Rehearsal (tập dượt): the report is always of the live figures, the ones the committee signs;
 * during a rehearsal the state body shows the rehearsal's and the report the live world kept
 * apart (so "equal to GET /api/state" holds when the event is live).
 */
import { WALK_IN_AGENCY_ID } from './constants.ts';
// From constants.ts, not events.ts: the admin page must not load zod's schemas (their set-up probes eval, which the CSP forbids).
import { DONATION_VOLUMES_ML } from './constants.ts';
import { FIGURES, type Words } from './figures.ts';
import { formatLongDateEn, formatLongDateVi } from './format.ts';
import type { Counts, ProjectionState } from './projection.ts';
import { addCounts, emptyBags, emptyCounts, liveStateOf, timezoneOf } from './projection.ts';
import type { BagCounts, BagSize } from './projectionState.ts';
import { festivalTarget, quotaOf } from './quota.ts';

export type { BagCounts } from './projectionState.ts';
export const BAG_SIZES_ML: readonly BagSize[] = DONATION_VOLUMES_ML;

function addBags(into: BagCounts, from: BagCounts | undefined): BagCounts {
  if (from) for (const size of BAG_SIZES_ML) into[size] += from[size];
  return into;
}

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
  /**
   * Units accepted by bag size: their sum is `donated`, their volume `volumeMl`. Null when the
   * report is made from a state without donors' records (a counting role's copy).
   */
  bags: BagCounts | null;
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

export const REPORT_WALK_IN_NAME = FIGURES.walkIns;
export const REPORT_TOTAL_NAME = FIGURES.total;

/**
 * The report's form as the committee signs it, as Vietnamese administrative documents have it:
 * the issuing body top left, the national name and motto top right with the place and date
 * line under them ("Hải Dương, ngày 20 tháng 7 năm 2024"), the title, the table, the legend,
 * then the signatures. The print view (client/views/admin/PrintReport.tsx) and the XLSX
 * (server/admin/reportExport.ts) both take their words from here.
 */
export const REPORT_FORM = {
  authority: { vi: 'BAN CHỈ ĐẠO VẬN ĐỘNG HIẾN MÁU TÌNH NGUYỆN TỈNH HẢI DƯƠNG', en: 'HẢI DƯƠNG PROVINCIAL STEERING COMMITTEE FOR VOLUNTARY BLOOD DONATION' },
  nation: { vi: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', en: 'SOCIALIST REPUBLIC OF VIỆT NAM' },
  motto: { vi: 'Độc lập - Tự do - Hạnh phúc', en: 'Independence - Freedom - Happiness' },
  place: { vi: 'Hải Dương', en: 'Hải Dương' },
  title: { vi: 'BÁO CÁO KẾT QUẢ HIẾN MÁU THEO ĐƠN VỊ', en: 'BLOOD DONATION RESULTS BY AGENCY' },
  legend: { vi: 'Ghi chú', en: 'Notes' },
  preparedBy: { vi: 'NGƯỜI LẬP BIỂU', en: 'PREPARED BY' },
  approvedBy: { vi: 'TM. BAN CHỈ ĐẠO', en: 'FOR THE STEERING COMMITTEE' },
  signHint: { vi: '(Ký, ghi rõ họ tên)', en: '(Signature and full name)' },
} as const satisfies Record<string, Words>;

/** "Hải Dương, ngày 20 tháng 7 năm 2024" · "Hải Dương, 20 July 2024": the day in the event's zone. */
export function reportDateLine(at: string | number, timeZone: string, lang: keyof Words): string {
  return `${REPORT_FORM.place[lang]}, ${lang === 'vi' ? formatLongDateVi(at, timeZone) : formatLongDateEn(at, timeZone)}`;
}

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
export function agencyReport(current: ProjectionState): AgencyReport {
  // The report is of the live figures: during a rehearsal, the live world it keeps parked.
  const state = liveStateOf(current);
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

  const bagsByAgencyDay = bagsOfDonations(state);

  const row = (kind: ReportRow['kind'], agencyId: string, counts: Counts, bags: BagCounts | null): ReportRow => {
    const agency = kind === 'agency' ? state.agencies.get(agencyId) : undefined;
    const quota = kind === 'agency' ? (agency ? quotaOf(agency.quotaRule) : null) : kind === 'total' ? target : null;
    const name = kind === 'walk_in' ? REPORT_WALK_IN_NAME.vi : kind === 'total' ? REPORT_TOTAL_NAME.vi : (agency?.name ?? agencyId);
    const nameEn = kind === 'walk_in' ? REPORT_WALK_IN_NAME.en : kind === 'total' ? REPORT_TOTAL_NAME.en : (agency?.nameEn ?? null);
    return { kind, agencyId, name, nameEn, quota, ...counts, percentOfQuota: percentOfQuota(counts[countOn], quota), bags };
  };

  /** The bags of one agency (or of every agency, for the totals) on the days `inSection` keeps. */
  const bagsIn = (agencyId: string | null, inSection: (day: string) => boolean): BagCounts | null => {
    if (!bagsByAgencyDay) return null;
    const sum = emptyBags();
    for (const [id, days] of bagsByAgencyDay) {
      if (agencyId !== null && id !== agencyId) continue;
      for (const [day, bags] of days) if (inSection(day)) addBags(sum, bags);
    }
    return sum;
  };

  const section = (
    kind: ReportSectionKind,
    date: string | null,
    pick: (days: Map<string, Counts> | undefined, overall: Counts | undefined) => Counts,
    totals: Counts,
    inSection: (day: string) => boolean,
  ): ReportSection => ({
    kind,
    date,
    agencies: rowIds.map((id) => row('agency', id, pick(state.byAgencyDay.get(id), state.byAgency.get(id)), bagsIn(id, inSection))),
    walkIns: row('walk_in', WALK_IN_AGENCY_ID, pick(state.byAgencyDay.get(WALK_IN_AGENCY_ID), state.byAgency.get(WALK_IN_AGENCY_ID)), bagsIn(WALK_IN_AGENCY_ID, inSection)),
    totals: row('total', '', totals, bagsIn(null, inSection)),
  });

  const days = festivalDays.map((day) =>
    section(
      'day',
      day,
      (perDay) => countsOf(perDay?.get(day)),
      countsOf(state.byDay.get(day)),
      (d) => d === day,
    ),
  );

  const otherTotals = emptyCounts();
  for (const [day, counts] of state.byDay) if (!festivalDaySet.has(day)) addCounts(otherTotals, counts);
  if (!isEmpty(otherTotals)) {
    const sumOther = (perDay: Map<string, Counts> | undefined) => {
      const sum = emptyCounts();
      for (const [day, counts] of perDay ?? []) if (!festivalDaySet.has(day)) addCounts(sum, counts);
      return sum;
    };
    days.push(section('other_days', null, sumOther, otherTotals, (d) => !festivalDaySet.has(d)));
  }

  const festival = section(
    'festival',
    null,
    (_perDay, overall) => countsOf(overall),
    countsOf(state.totals),
    () => true,
  );

  return {
    seq: state.seq,
    event: state.event ? { name: state.event.name, nameEn: state.event.nameEn ?? null, venue: state.event.venue, timezone: timezoneOf(state), days: festivalDays } : null,
    countOn,
    target,
    days,
    festival,
  };
}

/**
 * Units accepted by bag size per agency and day, as the projection counted them with the
 * donations. Null when the state holds no donors' records but counts donations (a counting
 * role's copy): the split is not shown there.
 */
function bagsOfDonations(state: ProjectionState): Map<string, Map<string, BagCounts>> | null {
  return state.donors.size === 0 && state.totals.donated > 0 ? null : state.donatedBags;
}

/** Every row of a section in print order: agencies, walk-ins, totals. */
export function sectionRows(section: ReportSection): ReportRow[] {
  return [...section.agencies, section.walkIns, section.totals];
}
