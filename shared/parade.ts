/**
 * Where the parade is (issue 17): its route in order, the last checkpoint passed, the next one,
 * and how far it runs behind or ahead of the plan. Pure: the console, the wall and the public
 * page compute it from the projection and a clock.
 */
import type { ParadeCheckpoint, ProjectionState } from './projectionState.ts';

export interface ParadeProgress {
  /** The route in order. */
  route: ParadeCheckpoint[];
  passed: number;
  /** The last checkpoint passed (the furthest along the route), or null before the start. */
  last: ParadeCheckpoint | null;
  /** The next checkpoint not yet passed after it, or null at the end. */
  next: ParadeCheckpoint | null;
  /** Minutes behind the plan (negative: ahead), now: at the last checkpoint, or more when the next one is overdue. Null before the start. */
  delayMin: number | null;
  /** When the next checkpoint should be reached, at the current delay (ISO), or null. */
  nextExpectedAt: string | null;
  status: 'no_route' | 'not_started' | 'under_way' | 'finished';
}

const MINUTE = 60_000;

/** The route in order: by `order`, then by planned time. */
export function paradeRoute(state: Pick<ProjectionState, 'paradeCheckpoints'>): ParadeCheckpoint[] {
  return [...state.paradeCheckpoints.values()].sort((a, b) => a.order - b.order || Date.parse(a.plannedAt) - Date.parse(b.plannedAt));
}

export function paradeProgress(state: Pick<ProjectionState, 'paradeCheckpoints'>, nowMs: number): ParadeProgress {
  const route = paradeRoute(state);
  if (route.length === 0) return { route, passed: 0, last: null, next: null, delayMin: null, nextExpectedAt: null, status: 'no_route' };
  let lastIndex = -1;
  route.forEach((checkpoint, i) => {
    if (checkpoint.passedAt) lastIndex = i;
  });
  const passed = route.filter((checkpoint) => checkpoint.passedAt).length;
  const last = lastIndex >= 0 ? route[lastIndex]! : null;
  const next = route[lastIndex + 1] ?? null;
  if (!last) return { route, passed, last, next, delayMin: null, nextExpectedAt: null, status: 'not_started' };
  const atLast = Math.round((Date.parse(last.passedAt!) - Date.parse(last.plannedAt)) / MINUTE);
  if (!next) return { route, passed, last, next, delayMin: atLast, nextExpectedAt: null, status: 'finished' };
  // Still not at the next checkpoint, past its planned time at the delay so far: later than that.
  const overdue = Math.floor((nowMs - (Date.parse(next.plannedAt) + atLast * MINUTE)) / MINUTE);
  const delayMin = overdue > 0 ? atLast + overdue : atLast;
  return { route, passed, last, next, delayMin, nextExpectedAt: new Date(Date.parse(next.plannedAt) + delayMin * MINUTE).toISOString(), status: 'under_way' };
}
