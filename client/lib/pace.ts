/**
 * Quota projection at the current pace ("dự kiến đạt chỉ tiêu lúc 15:40"), for the wall's agency
 * board. Pure: takes instants as epoch ms, never reads the clock or the store.
 *
 * The pace is the agency's counted donors today divided by the time since its first one today.
 * Measuring up to `now` (not up to the last donation) makes the estimate drift later by itself
 * when an agency's donors stop coming, instead of promising a time that is no longer true.
 */

/** Below this many counted donors today the pace is noise: no projection. */
export const MIN_DONATIONS_FOR_PACE = 5;
/** Below this long since the first donor today the pace is noise: no projection. */
export const MIN_ELAPSED_FOR_PACE_MS = 15 * 60 * 1000;

export interface PaceInput {
  /** The agency's quota (null or ≤ 0: nothing to project). */
  quota: number | null;
  /** Counted so far over the whole festival (donated, or checked in when the event counts check-ins). */
  doneTotal: number;
  /** Counted so far today. */
  doneToday: number;
  /** When today's first counted donor was recorded, or null. */
  firstTodayAt: number | null;
  now: number;
  /** When today's collection ends; a projection landing after it is not shown. */
  dayEndsAt: number;
}

/**
 * When the agency reaches its quota at today's pace, in epoch ms, or null: quota already met,
 * no quota, too little data, or it would land after the day ends.
 */
export function projectQuotaTime(input: PaceInput): number | null {
  const { quota, doneTotal, doneToday, firstTodayAt, now, dayEndsAt } = input;
  if (quota === null || !(quota > 0)) return null;
  const remaining = quota - doneTotal;
  if (remaining <= 0) return null;
  if (firstTodayAt === null || doneToday < MIN_DONATIONS_FOR_PACE) return null;
  const elapsed = now - firstTodayAt;
  if (!(elapsed >= MIN_ELAPSED_FOR_PACE_MS)) return null;
  if (now >= dayEndsAt) return null;
  const perMs = doneToday / elapsed;
  const at = now + remaining / perMs;
  if (!Number.isFinite(at) || at > dayEndsAt) return null;
  return Math.ceil(at);
}

// ---- the end of a festival day -----------------------------------------------------------------

/** The instant of a wall-clock time ("17:30", or "24:00" for the end of the day) on a day (YYYY-MM-DD) in a zone. */
export { zonedToEpoch as zonedTime } from '../../shared/time.ts';

/** A valid "HH:MM" (00:00-24:00), or null. */
export function parseClosingTime(text: string | null | undefined): string | null {
  if (!text) return null;
  const match = /^(\d{1,2})[:h](\d{2})$/.exec(text.trim());
  if (!match) return null;
  const h = Number(match[1]);
  const m = Number(match[2]);
  if (h > 24 || m > 59 || (h === 24 && m !== 0)) return null;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
