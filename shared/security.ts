/**
 * The venue's security posts on a day (issue 17): for each post its shifts, who should be there
 * now and whether they checked in, and the hours of the day no shift covers. Pure: the console
 * computes it from the projection and a clock.
 */
import type { ProjectionState, SecurityPost, SecurityShift } from './projectionState.ts';
import { instantToZoned } from './time.ts';

export interface TimeRange {
  from: string;
  to: string;
}

export interface PostStatus {
  post: SecurityPost;
  /** The post's shifts that day, by start. */
  shifts: SecurityShift[];
  /** The shift that should hold the post now, if any. */
  current: SecurityShift | null;
  /** manned: the current shift checked in; unmanned: it did not (yet); uncovered: no shift now; off: now is outside the day's hours. */
  now: 'manned' | 'unmanned' | 'uncovered' | 'off';
  /** Parts of the day's hours that no shift covers. */
  gaps: TimeRange[];
}

/** The parts of [from, to) that the shifts leave uncovered (local HH:MM compare as text). */
export function uncovered(shifts: readonly TimeRange[], hours: TimeRange): TimeRange[] {
  const gaps: TimeRange[] = [];
  let at = hours.from;
  for (const shift of [...shifts].sort((a, b) => a.from.localeCompare(b.from))) {
    if (shift.to <= at) continue;
    if (shift.from >= hours.to) break;
    if (shift.from > at) gaps.push({ from: at, to: shift.from });
    if (shift.to > at) at = shift.to;
  }
  if (at < hours.to) gaps.push({ from: at, to: hours.to });
  return gaps;
}

/**
 * Every post on `day`, as it stands at `nowMs`. The day's hours are the festival's (event
 * settings) when set, else from the post's first shift to its last: a post with no shift that
 * day is one gap of the festival's hours, or none.
 */
export function securityStatus(state: Pick<ProjectionState, 'securityPosts' | 'securityShifts' | 'event'>, day: string, nowMs: number, timeZone: string): PostStatus[] {
  const now = instantToZoned(nowMs, timeZone);
  const today = now.date === day;
  return [...state.securityPosts.values()].map((post) => {
    const shifts = [...state.securityShifts.values()].filter((shift) => shift.postId === post.id && shift.day === day).sort((a, b) => a.from.localeCompare(b.from));
    const eventHours = state.event?.hours;
    const hours: TimeRange | null = eventHours
      ? { from: eventHours.opens, to: eventHours.closes }
      : shifts.length > 0
        ? { from: shifts[0]!.from, to: shifts.reduce((end, s) => (s.to > end ? s.to : end), shifts[0]!.to) }
        : null;
    const current = today ? (shifts.find((shift) => shift.from <= now.time && now.time < shift.to) ?? null) : null;
    const inHours = today && hours !== null && hours.from <= now.time && now.time < hours.to;
    const status: PostStatus['now'] = current ? (current.mannedAt ? 'manned' : 'unmanned') : inHours ? 'uncovered' : 'off';
    return { post, shifts, current, now: status, gaps: hours ? uncovered(shifts, hours) : [] };
  });
}
