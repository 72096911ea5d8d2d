/**
 * Vietnamese-first formatting and search folding: 1.234 for numbers, 19/7/2024 for dates,
 * "ngày 20 tháng 7 năm 2024" for a document's date line, 24-hour time in the event's zone;
 * search ignores diacritics and case.
 */
import { DEFAULT_TIMEZONE, dateTimeFormat } from './time.ts';

export type Lang = 'vi' | 'en';

const numberFormats: Record<Lang, Intl.NumberFormat> = {
  vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }),
};

export function formatNumber(value: number, lang: Lang = 'vi'): string {
  return numberFormats[lang].format(value);
}

/** The calendar day of a YYYY-MM-DD day (as it is) or of an instant (in `timeZone`). */
function dayParts(instantOrDay: string | number, timeZone: string): { y: number; m: number; d: number } {
  if (typeof instantOrDay === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(instantOrDay)) {
    const [y, m, d] = instantOrDay.split('-').map(Number);
    return { y: y!, m: m!, d: d! };
  }
  const parts = dateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(typeof instantOrDay === 'number' ? instantOrDay : Date.parse(instantOrDay));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  return { y: get('year'), m: get('month'), d: get('day') };
}

/** 19/7/2024 — day and month without leading zeros, as Vietnamese writes dates. */
export function formatDate(instantOrDay: string | number, timeZone: string = DEFAULT_TIMEZONE): string {
  const { y, m, d } = dayParts(instantOrDay, timeZone);
  return `${d}/${m}/${y}`;
}

/**
 * The date line of a Vietnamese administrative document: "ngày 20 tháng 7 năm 2024", the day
 * in the event's zone (Asia/Ho_Chi_Minh). As Nghị định 30/2020/NĐ-CP writes it, a day below 10
 * and the months 1 and 2 take a leading zero ("ngày 05 tháng 02 năm 2025"), so that no digit
 * can be added in front by hand on a signed copy.
 */
export function formatLongDateVi(instantOrDay: string | number, timeZone: string = DEFAULT_TIMEZONE): string {
  const { y, m, d } = dayParts(instantOrDay, timeZone);
  const day = d < 10 ? `0${d}` : String(d);
  const month = m <= 2 ? `0${m}` : String(m);
  return `ngày ${day} tháng ${month} năm ${y}`;
}

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The same date line in English: "20 July 2024" (the day in the event's zone). */
export function formatLongDateEn(instantOrDay: string | number, timeZone: string = DEFAULT_TIMEZONE): string {
  const { y, m, d } = dayParts(instantOrDay, timeZone);
  return `${d} ${EN_MONTHS[m - 1]} ${y}`;
}

/** 24-hour HH:mm (or HH:mm:ss) in the event's time zone. */
export function formatTime(instant: string | number, timeZone: string = DEFAULT_TIMEZONE, seconds = false): string {
  const time = dateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}), hourCycle: 'h23' });
  return time.format(typeof instant === 'number' ? instant : Date.parse(instant));
}

/** Lower-case, without diacritics (đ → d): "Nguyễn Thị Lan" → "nguyen thi lan". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
