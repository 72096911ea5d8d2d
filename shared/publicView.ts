/**
 * The public figures (API.md v1.1 `GET /api/public`, issue 19): what anyone may see without a
 * token — the provincial portal, the newspaper's widget, `/live` on a phone in the queue.
 * Aggregates only, from the live world (a rehearsal's figures never reach the public): the
 * totals, the target, each agency's quota and progress, the festival days, the run of show and
 * the parade's route (for "now" and "where is the parade", worked out on the reader's clock).
 * No donor, no name of a person, no task, no incident. Pure.
 */
import { WALK_IN_AGENCY_ID } from './constants.ts';
import type { Counts, ProjectionState } from './projectionState.ts';
import { liveStateOf } from './projection.ts';
import { toStateBody, type DayRow } from './view.ts';

export interface PublicAgency {
  id: string;
  name: string;
  nameEn: string | null;
  /** The number of people it must reach, or null. */
  quota: number | null;
  donated: number;
  checkedIn: number;
  registered: number;
}

export interface PublicBody {
  seq: number;
  /** (extension) The identity of the history the figures come from. */
  logId?: string;
  /** (extension) When this answer was made (ISO). */
  generatedAt: string;
  event: { name: string; nameEn: string | null; venue: string; timezone: string; days: string[]; countOn: 'donated' | 'checkedIn' } | null;
  totals: Counts;
  target: number;
  agencies: PublicAgency[];
  days: DayRow[];
  /** (extension) Donors with no agency, on their own line (in the totals). */
  walkIns: Counts;
  /** (extension) The run of show, in start order. */
  schedule: { id: string; title: string; titleEn: string | null; start: string; durationMin: number }[];
  /** (extension) The parade's route in order, with when it passed each point. */
  parade: { name: string; nameEn: string | null; plannedAt: string; passedAt: string | null }[];
}

export function publicBody(current: ProjectionState, generatedAt: string): PublicBody {
  const state = liveStateOf(current);
  const body = toStateBody(state, 'public');
  const event = state.event;
  return {
    seq: current.seq,
    generatedAt,
    event: event ? { name: event.name, nameEn: event.nameEn ?? null, venue: event.venue, timezone: event.timezone, days: [...event.days], countOn: event.countOn } : null,
    totals: body.totals,
    target: body.target,
    agencies: body.agencies
      .filter((agency) => agency.id !== WALK_IN_AGENCY_ID)
      .map(({ id, name, nameEn, quota, donated, checkedIn, registered }) => ({ id, name, nameEn, quota, donated, checkedIn, registered })),
    days: body.days,
    walkIns: body.walkIns,
    schedule: body.schedule.map(({ id, title, titleEn, start, durationMin }) => ({ id, title, titleEn: titleEn ?? null, start, durationMin })),
    parade: [...state.paradeCheckpoints.values()]
      .sort((a, b) => a.order - b.order)
      .map((point) => ({ name: point.name, nameEn: point.nameEn ?? null, plannedAt: point.plannedAt, passedAt: point.passedAt ?? null })),
  };
}
