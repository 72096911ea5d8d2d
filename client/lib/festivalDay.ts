/**
 * The wall header's day line: "Ngày 1 · 19/7/2024" on a festival day, else the weekday and date,
 * in the event's time zone. Pure.
 */
import { formatDate } from '../../shared/format.ts';
import { dayOf } from '../../shared/time.ts';

const weekdayFormats = new Map<string, Intl.DateTimeFormat>();

function weekdayVi(now: number, timeZone: string): string {
  let format = weekdayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('vi-VN', { weekday: 'long', timeZone });
    weekdayFormats.set(timeZone, format);
  }
  const text = format.format(now);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export interface DayLabel {
  vi: string;
  en: string;
  /** 1-based festival day, or null on any other day. */
  festivalDay: number | null;
  /** YYYY-MM-DD in the event's zone. */
  day: string;
}

export function dayLabel(now: number, timeZone: string, festivalDays: readonly string[] | undefined): DayLabel {
  const day = dayOf(now, timeZone);
  const index = festivalDays ? festivalDays.indexOf(day) : -1;
  const date = formatDate(day);
  if (index >= 0) return { vi: `Ngày ${index + 1} · ${date}`, en: `Day ${index + 1}`, festivalDay: index + 1, day };
  return { vi: `${weekdayVi(now, timeZone)} · ${date}`, en: '', festivalDay: null, day };
}

/** "Ngày 1 · 19/7" for a festival day on a chart axis, "21/7" otherwise. */
export function shortDayLabel(day: string, festivalDays: readonly string[] | undefined): string {
  const [, m, d] = day.split('-').map(Number);
  const index = festivalDays ? festivalDays.indexOf(day) : -1;
  return index >= 0 ? `Ngày ${index + 1} · ${d}/${m}` : `${d}/${m}`;
}
