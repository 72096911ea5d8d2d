/**
 * Numbers, dates and times per language. Vietnamese: 1.234 · 19/7/2024 · 08:15; English:
 * 1,234 · 19 Jul 2024 · 08:15. Times are 24-hour in the event's time zone (Asia/Ho_Chi_Minh by
 * default) whatever the device's own zone, so every screen at the venue agrees.
 */
import { useMemo } from 'react';
import { formatDate, formatNumber, formatTime } from '../../shared/format.ts';
import { DEFAULT_TIMEZONE, dateTimeFormat } from '../../shared/time.ts';
import { useLiveStore } from '../stores/liveStore.ts';
import { i18n, useLang, type Lang } from './core.ts';

export interface Formatter {
  lang: Lang;
  timeZone: string;
  number(value: number): string;
  /** A day (YYYY-MM-DD) or an instant's day in the event zone. */
  date(dayOrInstant: string | number): string;
  /** 24-hour HH:mm (HH:mm:ss with `seconds`). */
  time(instant: string | number, seconds?: boolean): string;
  dateTime(instant: string | number, seconds?: boolean): string;
  /** 57,1% · 57.1% */
  percent(value: number): string;
  /** Litres from millilitres, one decimal: 1.234,5 · 1,234.5 */
  litres(volumeMl: number): string;
  /** How long ago: "vừa xong" · "just now", "cách đây 5 phút" · "5 min ago". */
  age(ms: number): string;
}

function enDate(dayOrInstant: string | number, timeZone: string): string {
  if (typeof dayOrInstant === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(dayOrInstant)) {
    const [y, m, d] = dayOrInstant.split('-').map(Number);
    return dateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }).format(Date.UTC(y!, m! - 1, d!));
  }
  return dateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric' }).format(typeof dayOrInstant === 'number' ? dayOrInstant : Date.parse(dayOrInstant));
}

export function formatterFor(lang: Lang, timeZone: string = DEFAULT_TIMEZONE): Formatter {
  const number = (value: number) => formatNumber(value, lang);
  const date = (value: string | number) => (lang === 'vi' ? formatDate(value, timeZone) : enDate(value, timeZone));
  const time = (instant: string | number, seconds = false) => formatTime(instant, timeZone, seconds);
  const t = i18n.getFixedT(lang);
  return {
    lang,
    timeZone,
    number,
    date,
    time,
    dateTime: (instant, seconds = false) => (lang === 'vi' ? `${time(instant, seconds)} ${date(instant)}` : `${date(instant)}, ${time(instant, seconds)}`),
    percent: (value) => `${number(value)}%`,
    litres: (volumeMl) => number(Math.round(volumeMl / 100) / 10),
    age(ms) {
      const seconds = Math.max(0, Math.floor(ms / 1000));
      if (seconds < 5) return t('age.justNow');
      if (seconds < 60) return t('age.seconds', { n: number(seconds) });
      const minutes = Math.floor(seconds / 60);
      if (minutes < 60) return t('age.minutes', { n: number(minutes) });
      const hours = Math.floor(minutes / 60);
      if (hours < 48) return t('age.hours', { h: number(hours), m: number(minutes % 60) });
      return t('age.days', { n: number(Math.floor(hours / 24)) });
    },
  };
}

/** The formatter of the current language and the event's time zone (from the live data when there is any). */
export function useFormat(): Formatter {
  const lang = useLang();
  const timeZone = useLiveStore((s) => s.projection?.event?.timezone ?? DEFAULT_TIMEZONE);
  return useMemo(() => formatterFor(lang, timeZone), [lang, timeZone]);
}
