/**
 * Small Vietnamese-first wording helpers shared by the views (numbers, dates and times come
 * from shared/format.ts).
 */
import { formatNumber } from '../../shared/format.ts';

/** "cách đây 5 giây" / "5 s ago": how old the data on screen is. */
export function formatAge(ms: number): { vi: string; en: string } {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 5) return { vi: 'vừa xong', en: 'just now' };
  if (seconds < 60) return { vi: `cách đây ${seconds} giây`, en: `${seconds} s ago` };
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return { vi: `cách đây ${minutes} phút`, en: `${minutes} min ago` };
  const hours = Math.floor(minutes / 60);
  return { vi: `cách đây ${hours} giờ ${minutes % 60} phút`, en: `${hours} h ${minutes % 60} min ago` };
}

/** Litres from millilitres, one decimal at most: 1.234,5 lít. */
export function formatLitres(volumeMl: number): string {
  return formatNumber(Math.round(volumeMl / 100) / 10);
}

/** Whole percent, rounded down so 100 % means really met. */
export function percentOf(value: number, of: number | null): number | null {
  if (!of || of <= 0) return null;
  return Math.floor((value / of) * 100);
}

export const TASK_STATUS_LABELS: Record<string, { vi: string; en: string }> = {
  todo: { vi: 'Chưa làm', en: 'To do' },
  in_progress: { vi: 'Đang làm', en: 'In progress' },
  done: { vi: 'Đã xong', en: 'Done' },
  blocked: { vi: 'Vướng mắc', en: 'Blocked' },
};
