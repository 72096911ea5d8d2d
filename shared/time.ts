/**
 * Calendar arithmetic in the event's time zone (Asia/Ho_Chi_Minh by default). Pure: takes
 * instants as ISO strings or epoch milliseconds, never reads the clock.
 */
export const DEFAULT_TIMEZONE = 'Asia/Ho_Chi_Minh';

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    // en-CA formats dates as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function dayOf(instant: string | number, timeZone: string = DEFAULT_TIMEZONE): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  return dayFormatter(timeZone).format(ms);
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
