/**
 * The run-of-show (the day's stage programme): which item is on now, which comes next, and
 * how long until each changes. Pure: takes the items and the time, never reads the clock, so
 * the console, the MC view and the wall compute exactly the same thing.
 *
 * - An item is on from `start` (inclusive) until `start + durationMin` (exclusive); an item of
 *   0 minutes is a moment, never "on now", only "next" until it passes.
 * - Items may overlap (the donation hours run all day while performances follow each other):
 *   `ongoing` lists all of them, `now` is the one that started last (the most specific).
 * - `next` is the first item that starts strictly after the time (ties: the order below).
 * - Order: start, then id — the order of the state body's `schedule`.
 */
import type { ScheduleItem } from './projection.ts';
import { dayOf } from './time.ts';

/** An item of the run of show: the projection's schedule item (the state body carries the same). */
export type RunOfShowItem = ScheduleItem;

export interface NowNext<T extends RunOfShowItem = RunOfShowItem> {
  /** The item on now (the latest-started one when several overlap), or null. */
  now: T | null;
  /** Every item under way, earliest start first (includes `now`). */
  ongoing: T[];
  /** The next item to start, or null when nothing is left. */
  next: T | null;
  /** Milliseconds until `now` ends; null without `now`. */
  nowEndsInMs: number | null;
  /** Milliseconds until `next` starts; null without `next`. */
  nextStartsInMs: number | null;
  /** How far `now` has run, 0 to 1; null without `now`. */
  nowProgress: number | null;
}

export function startMs(item: Pick<RunOfShowItem, 'start'>): number {
  return Date.parse(item.start);
}

export function endMs(item: Pick<RunOfShowItem, 'start' | 'durationMin'>): number {
  return Date.parse(item.start) + Math.max(0, item.durationMin) * 60_000;
}

/** A copy in programme order: start, then id. Items with an unreadable start are left out. */
export function sortRunOfShow<T extends RunOfShowItem>(items: readonly T[]): T[] {
  return items.filter((item) => Number.isFinite(startMs(item))).sort((a, b) => startMs(a) - startMs(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** What is on at `nowMs` and what comes next. */
export function nowNext<T extends RunOfShowItem>(items: readonly T[], nowMs: number): NowNext<T> {
  const sorted = sortRunOfShow(items);
  const ongoing = sorted.filter((item) => startMs(item) <= nowMs && nowMs < endMs(item));
  // The latest-started ongoing item; on a tie of start, the one that ends first (the more specific).
  let now: T | null = null;
  for (const item of ongoing) {
    if (!now || startMs(item) > startMs(now) || (startMs(item) === startMs(now) && endMs(item) < endMs(now))) now = item;
  }
  const next = sorted.find((item) => startMs(item) > nowMs) ?? null;
  return {
    now,
    ongoing,
    next,
    nowEndsInMs: now ? endMs(now) - nowMs : null,
    nextStartsInMs: next ? startMs(next) - nowMs : null,
    nowProgress: now ? (now.durationMin > 0 ? Math.min(1, Math.max(0, (nowMs - startMs(now)) / (endMs(now) - startMs(now)))) : 1) : null,
  };
}

/** The items that start on a calendar day (YYYY-MM-DD) in the event's time zone, in order. */
export function itemsOfDay<T extends RunOfShowItem>(items: readonly T[], day: string, timeZone: string): T[] {
  return sortRunOfShow(items).filter((item) => dayOf(item.start, timeZone) === day);
}

/** The days (YYYY-MM-DD, in order) that have at least one item. */
export function daysOfRunOfShow(items: readonly RunOfShowItem[], timeZone: string): string[] {
  return [...new Set(sortRunOfShow(items).map((item) => dayOf(item.start, timeZone)))];
}

/**
 * A countdown: "4:05", "12:00", "1:02:03" (hours are not wrapped at 24). Whole seconds rounded
 * up, so the display reaches 0:00 exactly when the moment comes; negative is 0:00.
 */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
}
