/**
 * How far a count is toward its quota, as the wall and the MC show it (numbers, dates and times
 * are formatted by shared/format.ts and the i18n formatters).
 */

/** Whole percent, rounded down so 100 % means really met. */
export function percentOf(value: number, of: number | null): number | null {
  if (!of || of <= 0) return null;
  return Math.floor((value / of) * 100);
}
