/**
 * What the MC's screen shows, derived from the device's optimistic view (the live projection
 * with this device's taps and undos folded in, client/device/optimistic.ts). Pure: no store,
 * no clock.
 *
 * A milestone is, for the MC:
 * - `announced` / `skipped`: the log says so;
 * - `pending-announce` / `pending-skip`: this device tapped, and the live data does not show
 *   it yet (the event is in the outbox, or on its way back);
 * - `queued`: reached, to be read out (an undo folded in puts a milestone back here at once);
 *   a milestone withdrawn (no longer true) is in no list until it holds again.
 */
import { formatNumber } from '../../../shared/format.ts';
import type { Lang } from '../../i18n/core.ts';
import { splitRich, tIn } from '../../i18n/pairs.ts';
// The MC's catalogs: the sentences below are read from them.
import './i18n.ts';
import type { MilestoneInfo } from '../../../shared/projection.ts';
import type { UpcomingMilestone } from '../../../shared/milestones.ts';

export type McAction = 'announce' | 'skip';

/** This device's own events the live data does not hold yet (OptimisticView.unconfirmed). */
export interface LocalMcState {
  unconfirmed: ReadonlySet<string>;
}

export type McStatus = 'queued' | 'announced' | 'skipped' | 'pending-announce' | 'pending-skip';

export interface HandledMilestone {
  milestone: MilestoneInfo;
  status: Exclude<McStatus, 'queued'>;
  /** The event that announced or skipped it (what an undo voids). */
  eventId: string;
  /** When it was announced or skipped (ISO), or tapped when still pending. */
  at: string;
}

export function statusOf(m: MilestoneInfo, local: LocalMcState): { status: McStatus; eventId: string | null; at: string | null } {
  if (m.announcedAt && m.announcedEventId) {
    return { status: local.unconfirmed.has(m.announcedEventId) ? 'pending-announce' : 'announced', eventId: m.announcedEventId, at: m.announcedAt };
  }
  if (m.skippedAt && m.skippedEventId) {
    return { status: local.unconfirmed.has(m.skippedEventId) ? 'pending-skip' : 'skipped', eventId: m.skippedEventId, at: m.skippedAt };
  }
  return { status: 'queued', eventId: null, at: null };
}

export interface McLists {
  /** Reached, to be read out: newest first. */
  queue: MilestoneInfo[];
  /** Announced or skipped (or on their way): most recent first, at most `recentLimit`. */
  recent: HandledMilestone[];
}

export function mcLists(milestones: Iterable<MilestoneInfo>, local: LocalMcState, recentLimit = 8): McLists {
  const queue: MilestoneInfo[] = [];
  const recent: HandledMilestone[] = [];
  for (const m of milestones) {
    const { status, eventId, at } = statusOf(m, local);
    // A milestone withdrawn (no longer true: a void took the figure back) is not read out; it comes back when true again.
    if (status === 'queued') {
      if (m.withdrawnAt === null) queue.push(m);
    } else recent.push({ milestone: m, status, eventId: eventId!, at: at! });
  }
  queue.sort((a, b) => b.reachedSeq - a.reachedSeq || b.reachedAt.localeCompare(a.reachedAt) || a.id.localeCompare(b.id));
  recent.sort((a, b) => b.at.localeCompare(a.at) || b.milestone.reachedSeq - a.milestone.reachedSeq);
  return { queue, recent: recent.slice(0, recentLimit) };
}

/** What the MC needs to phrase an upcoming milestone. */
export interface UpcomingContext {
  agencyName(id: string): string | null;
  /** The agency's English name, when it has one (for the English line). */
  agencyNameEn?(id: string): string | null;
  /** The metric of an organisers' rule (custom-<ruleId>), when known. */
  ruleMetric(ruleId: string): 'donated' | 'checkedIn' | 'registered' | null;
  /** What agency milestones count (the event's countOn). */
  agencyMetric: 'donated' | 'checkedIn';
}

export interface UpcomingLine {
  id: string;
  remaining: number;
  /** "còn 12 đơn vị nữa đạt 1.000" */
  vi: string;
  /** "12 more units to 1,000" */
  en: string;
  /** Each language's sentence split around its number (`{ name: 'n' }`), to stress it. */
  parts: Record<Lang, (string | { name: string })[]>;
  /** The number left, written the language's way (1.234 · 1,234). */
  n: Record<Lang, string>;
}

/** "còn 12 đơn vị nữa đạt 1.000", or per agency "Sở Y tế: còn 12 đơn vị nữa đạt 50% chỉ tiêu"; English alike (client/i18n/mc). */
export function describeUpcoming(up: UpcomingMilestone, ctx: UpcomingContext): UpcomingLine {
  const step = /^donations-(\d+)$/.exec(up.id);
  const target = /^target-(\d+)$/.exec(up.id);
  const agency = /^agency-(.+)-(50|100)$/.exec(up.id);
  const custom = /^custom-(.+)$/.exec(up.id);
  let key: string;
  let values: (lang: Lang) => Record<string, string>;
  if (step) {
    key = step[1] === '1000' ? 'mc.upcoming.thousand' : 'mc.upcoming.step';
    values = (lang) => ({ goal: formatNumber(Number(step[1]), lang) });
  } else if (target) {
    key = 'mc.upcoming.target';
    values = (lang) => ({ goal: formatNumber(Number(target[1]), lang) });
  } else if (agency) {
    const name = ctx.agencyName(agency[1]!) ?? up.label.replace(/ (50|100)%$/, '');
    const nameEn = ctx.agencyNameEn?.(agency[1]!) || name;
    key = agency[2] === '50' ? 'mc.upcoming.agencyHalf' : 'mc.upcoming.agencyQuota';
    values = (lang) => ({ name: lang === 'en' ? nameEn : name, unit: tIn(lang, `mc.upcoming.units.${ctx.agencyMetric}`) });
  } else {
    const metric = (custom ? ctx.ruleMetric(custom[1]!) : null) ?? 'donated';
    key = 'mc.upcoming.custom';
    values = (lang) => ({ label: up.label, unit: tIn(lang, `mc.upcoming.units.${metric}`) });
  }
  const n = { vi: formatNumber(up.remaining, 'vi'), en: formatNumber(up.remaining, 'en') };
  const parts = {
    vi: splitRich('vi', key, values('vi'), ['n']),
    en: splitRich('en', key, values('en'), ['n']),
  };
  const text = (lang: Lang) => parts[lang].map((part) => (typeof part === 'string' ? part : n[lang])).join('');
  return { id: up.id, remaining: up.remaining, vi: text('vi'), en: text('en'), parts, n };
}

/** A wall message as the server will store it: trimmed, 1-200 characters, or null (invalid). */
export function cleanWallMessage(text: string): string | null {
  const trimmed = text.trim();
  return trimmed.length >= 1 && trimmed.length <= 200 ? trimmed : null;
}
