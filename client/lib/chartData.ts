/**
 * The wall's chart series, derived from the public state body (pure): donations per 15 minutes
 * today (gaps filled with zeros up to now), donations per day (festival days always shown), and
 * the blood-type split of the donations whose type is known.
 */
import type { StateBody } from '../../shared/view.ts';
import { QUARTER_HOUR_MS } from '../../shared/projection.ts';
import { formatTime } from '../../shared/format.ts';
import { dayOf } from '../../shared/time.ts';
import { shortDayLabel } from './festivalDay.ts';

export interface ChartData {
  quarters: { label: string; donated: number }[];
  days: { label: string; donated: number; today: boolean }[];
  bloodTypes: { type: string; donated: number }[];
  /** Donations whose blood type is not known. */
  unknownBloodType: number;
}

export const BLOOD_TYPE_ORDER = ['O+', 'O-', 'A+', 'A-', 'B+', 'B-', 'AB+', 'AB-'] as const;
/** A day has at most 96 quarter hours; the chart shows at most the last 12 hours of them. */
const MAX_QUARTERS = 48;

export function chartDataOf(body: StateBody | null, now: number, timeZone: string): ChartData {
  if (!body) return { quarters: [], days: [], bloodTypes: [], unknownBloodType: 0 };
  const today = dayOf(now, timeZone);

  const slots = new Map<number, number>();
  for (const slot of body.donationsPer15Min ?? []) {
    const start = Date.parse(slot.start);
    if (Number.isFinite(start) && dayOf(start, timeZone) === today) slots.set(start, slot.donated);
  }
  const quarters: ChartData['quarters'] = [];
  if (slots.size > 0) {
    const first = Math.min(...slots.keys());
    const nowSlot = Math.floor(now / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
    const last = Math.max(Math.max(...slots.keys()), dayOf(nowSlot, timeZone) === today ? nowSlot : first);
    const from = Math.max(first, last - (MAX_QUARTERS - 1) * QUARTER_HOUR_MS);
    for (let t = from; t <= last; t += QUARTER_HOUR_MS) quarters.push({ label: formatTime(t, timeZone), donated: slots.get(t) ?? 0 });
  }

  const festival = body.event?.days ?? [];
  const perDay = new Map<string, number>();
  for (const day of festival) perDay.set(day, 0);
  for (const row of body.days ?? []) if (row.donated > 0 || perDay.has(row.date)) perDay.set(row.date, row.donated);
  const days = [...perDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .slice(-7)
    .map(([day, donated]) => ({ label: shortDayLabel(day, festival), donated, today: day === today }));

  const types = body.bloodTypes ?? {};
  const bloodTypes = BLOOD_TYPE_ORDER.filter((type) => (types[type] ?? 0) > 0).map((type) => ({ type, donated: types[type]! }));
  const known = new Set<string>(BLOOD_TYPE_ORDER);
  let unknownBloodType = 0;
  for (const [type, count] of Object.entries(types)) if (!known.has(type)) unknownBloodType += count;
  return { quarters, days, bloodTypes, unknownBloodType };
}
