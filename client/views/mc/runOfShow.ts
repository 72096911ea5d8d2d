/**
 * The run-of-show as the MC's panel shows it, on top of the shared now/next computation
 * (shared/runOfShow.ts, the same one the console and the wall use): what is on now and until
 * when, what comes next and in how long, whether the programme is over, and how many items are
 * left after the next. Pure (the caller passes the clock); times are shown in the event's zone
 * (Asia/Ho_Chi_Minh) by the view.
 */
import { endMs, formatCountdown as sharedCountdown, nowNext, sortRunOfShow, startMs, type RunOfShowItem } from '../../../shared/runOfShow.ts';
import { pairOf } from '../../i18n/pairs.ts';
// The MC's catalogs ("2 ngày 3 giờ" · "2 d 3 h").
import './i18n.ts';

export interface RunningItem<T extends RunOfShowItem = RunOfShowItem> {
  item: T;
  startMs: number;
  endMs: number;
  /** Until it ends. */
  remainingMs: number;
  /** 0…1 of its duration gone. */
  progress: number;
}

export interface NextItem<T extends RunOfShowItem = RunOfShowItem> {
  item: T;
  startMs: number;
  endMs: number;
  /** Until it starts. */
  startsInMs: number;
}

export interface RunOfShowNow<T extends RunOfShowItem = RunOfShowItem> {
  now: RunningItem<T> | null;
  next: NextItem<T> | null;
  /** Items exist and all of them are over. */
  finished: boolean;
  /** How many items are left to start after `next`. */
  laterCount: number;
}

export function runOfShowAt<T extends RunOfShowItem>(items: readonly T[], nowMs: number): RunOfShowNow<T> {
  const view = nowNext(items, nowMs);
  const sorted = sortRunOfShow(items);
  const upcoming = sorted.filter((item) => startMs(item) > nowMs).length;
  return {
    now: view.now ? { item: view.now, startMs: startMs(view.now), endMs: endMs(view.now), remainingMs: view.nowEndsInMs ?? 0, progress: view.nowProgress ?? 1 } : null,
    next: view.next ? { item: view.next, startMs: startMs(view.next), endMs: endMs(view.next), startsInMs: view.nextStartsInMs ?? 0 } : null,
    finished: sorted.length > 0 && view.ongoing.length === 0 && !view.next,
    laterCount: Math.max(0, upcoming - 1),
  };
}

/**
 * A countdown for the stage: "4:05" (m:ss) under an hour, "1:04:05" (h:mm:ss) under a day
 * (shared formatCountdown), "2 ngày 3 giờ" / "2 d 3 h" beyond. Never negative.
 */
export function formatCountdown(ms: number): { vi: string; en: string } {
  const hours = Math.floor(Math.max(0, Math.ceil(ms / 1000)) / 3600);
  if (hours >= 24) {
    const days = Math.floor(hours / 24);
    return pairOf('mc.ros.days', (fmt) => ({ d: fmt.number(days), h: fmt.number(hours % 24) }));
  }
  const text = sharedCountdown(ms);
  return { vi: text, en: text };
}
