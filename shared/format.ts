/**
 * Vietnamese-first formatting and search folding: 1.234 for numbers, 19/7/2024 for dates,
 * 24-hour time in the event's zone; search ignores diacritics and case.
 */
import { DEFAULT_TIMEZONE } from './time.ts';

export type Lang = 'vi' | 'en';

const numberFormats: Record<Lang, Intl.NumberFormat> = {
  vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }),
};

export function formatNumber(value: number, lang: Lang = 'vi'): string {
  return numberFormats[lang].format(value);
}

/** 19/7/2024 — day and month without leading zeros, as Vietnamese writes dates. */
export function formatDate(instantOrDay: string | number, timeZone: string = DEFAULT_TIMEZONE): string {
  if (typeof instantOrDay === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(instantOrDay)) {
    const [y, m, d] = instantOrDay.split('-').map(Number);
    return `${d}/${m}/${y}`;
  }
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(
    typeof instantOrDay === 'number' ? instantOrDay : Date.parse(instantOrDay),
  );
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${Number(get('day'))}/${Number(get('month'))}/${get('year')}`;
}

/** 24-hour HH:mm (or HH:mm:ss) in the event's time zone. */
export function formatTime(instant: string | number, timeZone: string = DEFAULT_TIMEZONE, seconds = false): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  }).format(typeof instant === 'number' ? instant : Date.parse(instant));
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
