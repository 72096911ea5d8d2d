/**
 * Calendar arithmetic in the event's time zone (Asia/Ho_Chi_Minh by default): the festival day
 * of an instant, and wall-clock time at the venue to and from instants (task due times,
 * run-of-show starts, audit ranges, the wall's closing hour). Pure: takes instants as ISO
 * strings or epoch milliseconds, never reads the clock.
 */
export const DEFAULT_TIMEZONE = 'Asia/Ho_Chi_Minh';

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The Intl.DateTimeFormat of a locale and options, made once: making one costs far more than
 * using it (a desk re-rendering its list of times spent most of its time making them). An
 * unknown time zone throws, and nothing is remembered.
 */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = dateTimeFormats.get(key);
  if (!format) dateTimeFormats.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  // en-CA formats dates as YYYY-MM-DD.
  return dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
}

/**
 * Whether YYYY-MM-DD names a real calendar day (2024-02-29 yes, 2026-13-45 and 2025-02-29 no),
 * years 1900-9999: a query's date is checked with it before any clock arithmetic (which throws
 * RangeError, or silently rolls over, on an impossible one).
 */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whether an ISO date-time with Z or an offset names a real instant: a real day, a real time of day, a real offset. */
export function isRealInstant(text: string): boolean {
  const match = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(:([0-5]\d)(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/.exec(text);
  return match !== null && isCalendarDate(match[1]!) && !Number.isNaN(Date.parse(text));
}

/**
 * Since 1970 every UTC offset and every change of offset falls on a whole minute (before, some
 * zones kept local mean time, to the second): all the instants of one minute are on the same
 * day, in any time zone.
 */
const MINUTE_MS = 60 * 1000;
const WHOLE_MINUTES_SINCE = Date.UTC(1970, 0, 1);
/** The day of each minute seen, by time zone (bounded: a festival's events fall in a few thousand). */
const daysByMinute = new Map<string, Map<number, string>>();
const MAX_MINUTES = 8192;

/**
 * The calendar day (YYYY-MM-DD) of an instant in a time zone. Every event is placed on its day
 * (a million at a replay): one Intl format per minute, not per call, and one string per
 * day shared by all the records of that day.
 */
export function dayOf(instant: string | number, timeZone: string = DEFAULT_TIMEZONE): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  if (!Number.isFinite(ms) || ms < WHOLE_MINUTES_SINCE) return dayFormatter(timeZone).format(ms);
  const minute = Math.floor(ms / MINUTE_MS);
  let day = daysByMinute.get(timeZone)?.get(minute);
  if (day === undefined) {
    // Formatted first: an unknown zone throws here, and is never remembered.
    day = dayFormatter(timeZone).format(ms);
    let days = daysByMinute.get(timeZone);
    if (!days) daysByMinute.set(timeZone, (days = new Map()));
    if (days.size >= MAX_MINUTES) days.clear();
    days.set(minute, day);
  }
  return day;
}

/** True when the string names a time zone the runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

// ---- wall-clock time at the venue ------------------------------------------------------------

function partsIn(ms: number, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  const formatter = dateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const out: Record<string, number> = {};
  for (const part of formatter.formatToParts(ms)) if (part.type !== 'literal') out[part.type] = Number(part.value);
  return out as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
}

/** The zone's offset from UTC at an instant, in minutes (Asia/Ho_Chi_Minh: 420). */
export function zoneOffsetMinutes(ms: number, timeZone: string): number {
  const p = partsIn(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Epoch ms of a wall-clock date and time (HH:mm or HH:mm:ss) in a time zone; NaN if malformed. */
export function zonedToEpoch(date: string, time: string, timeZone: string): number {
  const d = DATE_RE.exec(date);
  const t = TIME_RE.exec(time);
  if (!d || !t) return Number.NaN;
  const guess = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]), Number(t[3] ?? 0));
  // Two passes settle the offset across a daylight-saving change (none in Việt Nam, but cheap).
  const first = guess - zoneOffsetMinutes(guess, timeZone) * 60_000;
  return guess - zoneOffsetMinutes(first, timeZone) * 60_000;
}

function pad(n: number, width = 2): string {
  return String(Math.abs(n)).padStart(width, '0');
}

/** An ISO instant with the zone's offset: ('2024-07-19', '07:30', 'Asia/Ho_Chi_Minh') → 2024-07-19T07:30:00+07:00. */
export function zonedIso(date: string, time: string, timeZone: string): string | null {
  const ms = zonedToEpoch(date, time, timeZone);
  if (Number.isNaN(ms)) return null;
  const offset = zoneOffsetMinutes(ms, timeZone);
  const p = partsIn(ms, timeZone);
  const sign = offset < 0 ? '-' : '+';
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

/** The wall-clock date (YYYY-MM-DD) and time (HH:mm) of an instant in a time zone. */
export function instantToZoned(instant: string | number, timeZone: string): { date: string; time: string } {
  const p = partsIn(typeof instant === 'number' ? instant : Date.parse(instant), timeZone);
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}
