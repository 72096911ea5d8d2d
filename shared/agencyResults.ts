/**
 * An agency's results, as the standing office sends them back after the festival (issue 18):
 * the agency's figures — the report's own row, so they reconcile with GET /api/reports/agencies
 * — and its people, each with what came of them: donated (with the day and the bag), deferred
 * (never why: health data stays with the Red Cross), checked in without an outcome, or
 * registered and not come. The people credited to the agency are listed; an erased person is
 * counted, not named. Pure: the server's export and its tests read the same answer.
 */
import { FIGURES } from './figures.ts';
import { liveStateOf } from './projection.ts';
import type { Donor, ProjectionState } from './projectionState.ts';
import { agencyReport, type ReportRow } from './report.ts';

export type PersonResult = 'donated' | 'deferred' | 'checked_in' | 'not_come';

/** The words of each result: the figures' own names (shared/figures.ts), and the one that is not a figure. */
export const PERSON_RESULT_NAMES: Record<PersonResult, { vi: string; en: string }> = {
  donated: FIGURES.donated,
  deferred: FIGURES.deferred,
  checked_in: { vi: `${FIGURES.checkedIn.vi}, chưa có kết quả`, en: `${FIGURES.checkedIn.en}, no outcome yet` },
  not_come: { vi: `${FIGURES.registered.vi}, chưa có mặt`, en: `${FIGURES.registered.en}, not checked in` },
};

export interface PersonLine {
  name: string;
  birthYear: number | null;
  workplace: string;
  result: PersonResult;
  /** The festival day of the result (YYYY-MM-DD), or null when not come. */
  day: string | null;
  volumeMl: number | null;
}

export interface AgencyResults {
  agencyId: string;
  name: string;
  /** The agency's row of the festival's report (figures and quota). */
  figures: ReportRow;
  people: PersonLine[];
  /** People counted whose personal data was erased (not named). */
  erased: number;
}

function resultOf(donor: Donor): Pick<PersonLine, 'result' | 'day' | 'volumeMl'> {
  const days = [...donor.days].sort(([a], [b]) => a.localeCompare(b));
  const donated = days.find(([, d]) => d.outcome?.kind === 'donated');
  if (donated) return { result: 'donated', day: donated[0], volumeMl: donated[1].outcome?.volumeMl ?? null };
  const deferred = days.find(([, d]) => d.outcome?.kind === 'deferred');
  if (deferred) return { result: 'deferred', day: deferred[0], volumeMl: null };
  if (days.length > 0) return { result: 'checked_in', day: days.at(-1)![0], volumeMl: null };
  return { result: 'not_come', day: null, volumeMl: null };
}

const RESULT_ORDER: Record<PersonResult, number> = { donated: 0, deferred: 1, checked_in: 2, not_come: 3 };

/** The agency's results, or null when there is no such agency. */
export function agencyResults(current: ProjectionState, agencyId: string): AgencyResults | null {
  const state = liveStateOf(current);
  const agency = state.agencies.get(agencyId);
  const figures = agencyReport(current).festival.agencies.find((row) => row.agencyId === agencyId);
  if (!agency || !figures) return null;
  const people: PersonLine[] = [];
  let erased = 0;
  for (const donor of state.donors.values()) {
    if (donor.agencyId !== agencyId) continue;
    if (donor.erased || !donor.fullName) {
      erased += 1;
      continue;
    }
    people.push({ name: donor.fullName, birthYear: donor.birthYear ?? null, workplace: donor.workplace ?? '', ...resultOf(donor) });
  }
  people.sort((a, b) => RESULT_ORDER[a.result] - RESULT_ORDER[b.result] || a.name.localeCompare(b.name, 'vi'));
  return { agencyId, name: agency.name, figures, people, erased };
}
