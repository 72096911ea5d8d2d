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

/** The people's order in the results: by result (donated first), then by name as Vietnamese sorts it. */
export const byResultThenName = (a: PersonLine, b: PersonLine) => RESULT_ORDER[a.result] - RESULT_ORDER[b.result] || a.name.localeCompare(b.name, 'vi');

/**
 * Each of the agency's people in the live world, with their line; null for one counted whose
 * personal data is erased (not named). A generator, so a long list can be read a slice at a time.
 */
export function* agencyPeople(current: ProjectionState, agencyId: string): Generator<{ donor: Donor; line: PersonLine } | null> {
  for (const donor of liveStateOf(current).donors.values()) {
    if (donor.agencyId !== agencyId) continue;
    if (donor.erased || !donor.fullName) yield null;
    else yield { donor, line: { name: donor.fullName, birthYear: donor.birthYear ?? null, workplace: donor.workplace ?? '', ...resultOf(donor) } };
  }
}

function peopleOf(state: ProjectionState, agencyId: string): { lines: { donor: Donor; line: PersonLine }[]; erased: number } {
  const lines: { donor: Donor; line: PersonLine }[] = [];
  let erased = 0;
  for (const person of agencyPeople(state, agencyId)) {
    if (person) lines.push(person);
    else erased += 1;
  }
  return { lines, erased };
}

/** An agency's results without its people (its name and figures), or null for an unknown agency. */
export function agencyResultsHead(current: ProjectionState, agencyId: string): Omit<AgencyResults, 'people' | 'erased'> | null {
  const agency = liveStateOf(current).agencies.get(agencyId);
  const figures = agencyReport(current).festival.agencies.find((row) => row.agencyId === agencyId);
  if (!agency || !figures) return null;
  return { agencyId, name: agency.name, figures };
}

export function agencyResults(current: ProjectionState, agencyId: string): AgencyResults | null {
  const head = agencyResultsHead(current, agencyId);
  if (!head) return null;
  const { lines, erased } = peopleOf(current, agencyId);
  return { ...head, people: lines.map(({ line }) => line).sort(byResultThenName), erased };
}

/** (issue 18) One of the agency's people as its liaison follows them live: a phone only while they have not come, to call them. */
export interface LiaisonPerson extends PersonLine {
  donorId: string;
  phone?: string;
  /** When they checked in (the last festival day they did), ISO. */
  checkedInAt?: string;
}

/** An agency's list as its liaison sees it: sent when, by whom, how many rows; accepted or returned (with the office's note, which is for them). */
export interface LiaisonList {
  importId: string;
  fileName: string;
  rows: number;
  at: string;
  review?: { decision: 'accepted' | 'returned'; note?: string; at: string };
}

/**
 * What GET /api/agencies/:agencyId/people answers (to that agency's liaison and admin): its
 * people, the lists it sent, and the log position they are as of. The figures are on the live
 * stream (the state body's agency row), counted like the wall's.
 */
export interface LiaisonView {
  agencyId: string;
  seq: number;
  people: LiaisonPerson[];
  erased: number;
  lists: LiaisonList[];
}

export function liaisonView(current: ProjectionState, agencyId: string): LiaisonView | null {
  const state = liveStateOf(current);
  if (!state.agencies.has(agencyId)) return null;
  const { lines, erased } = peopleOf(current, agencyId);
  const people = lines
    .map(({ donor, line }): LiaisonPerson => {
      const lastDay = [...donor.days.values()].at(-1);
      return {
        ...line,
        donorId: donor.id,
        ...(line.result === 'not_come' && donor.phone ? { phone: donor.phone } : {}),
        ...(lastDay ? { checkedInAt: lastDay.checkedInAt } : {}),
      };
    })
    .sort(byResultThenName);
  const lists = [...state.imports.values()]
    .filter((list) => list.agencyId === agencyId)
    .map(({ id, fileName, rows, at, review }): LiaisonList => ({
      importId: id,
      fileName,
      rows,
      at,
      ...(review ? { review: { decision: review.decision, ...(review.note ? { note: review.note } : {}), at: review.at } } : {}),
    }));
  return { agencyId, seq: current.seq, people, erased, lists };
}
