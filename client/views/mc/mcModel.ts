/**
 * What the MC's screen shows, derived from the projection and the taps this device made that
 * the server has not confirmed yet. Pure: no store, no clock.
 *
 * A milestone is, for the MC:
 * - `announced` / `skipped`: the log says so (its announce/skip event is not one this device
 *   has just undone);
 * - `pending-announce` / `pending-skip`: this device tapped, the event is on its way (outbox);
 * - `queued`: reached, to be read out.
 */
import { formatNumber } from '../../../shared/format.ts';
import type { MilestoneInfo } from '../../../shared/projection.ts';
import type { UpcomingMilestone } from '../../../shared/milestones.ts';

export type McAction = 'announce' | 'skip';

/** A tap of this device, until the log reflects it (or the server refuses it). */
export interface LocalAction {
  milestoneId: string;
  action: McAction;
  /** The id of the event sent (milestone.announced / milestone.skipped). */
  eventId: string;
  status: 'sending' | 'queued' | 'recorded' | 'rejected';
  /** When it was tapped (epoch ms). */
  at: number;
}

export interface LocalMcState {
  actions: ReadonlyMap<string, LocalAction>;
  /** Events this device asked to void (undo), until the log shows them undone. */
  voided: ReadonlySet<string>;
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
  if (m.announcedAt && m.announcedEventId && !local.voided.has(m.announcedEventId)) {
    return { status: 'announced', eventId: m.announcedEventId, at: m.announcedAt };
  }
  if (m.skippedAt && m.skippedEventId && !local.voided.has(m.skippedEventId)) {
    return { status: 'skipped', eventId: m.skippedEventId, at: m.skippedAt };
  }
  const tap = local.actions.get(m.id);
  if (tap && tap.status !== 'rejected' && !local.voided.has(tap.eventId)) {
    return { status: tap.action === 'announce' ? 'pending-announce' : 'pending-skip', eventId: tap.eventId, at: new Date(tap.at).toISOString() };
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
    if (status === 'queued') queue.push(m);
    else recent.push({ milestone: m, status, eventId: eventId!, at: at! });
  }
  queue.sort((a, b) => b.reachedSeq - a.reachedSeq || b.reachedAt.localeCompare(a.reachedAt) || a.id.localeCompare(b.id));
  recent.sort((a, b) => b.at.localeCompare(a.at) || b.milestone.reachedSeq - a.milestone.reachedSeq);
  return { queue, recent: recent.slice(0, recentLimit) };
}

/** What the MC needs to phrase an upcoming milestone. */
export interface UpcomingContext {
  agencyName(id: string): string | null;
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
  en: string;
  /** The goal alone, for a compact row: "1.000", "Sở Y tế · 50% chỉ tiêu". */
  goalVi: string;
  goalEn: string;
}

function unitOf(metric: 'donated' | 'checkedIn' | 'registered' | null): { vi: string; en: string } {
  if (metric === 'checkedIn') return { vi: 'người đến', en: 'check-ins' };
  if (metric === 'registered') return { vi: 'người đăng ký', en: 'registrations' };
  return { vi: 'đơn vị', en: 'units' };
}

/** "còn 12 đơn vị nữa đạt 1.000", or per agency "Sở Y tế: còn 12 đơn vị nữa đạt 50% chỉ tiêu". */
export function describeUpcoming(up: UpcomingMilestone, ctx: UpcomingContext): UpcomingLine {
  const n = formatNumber(up.remaining);
  const step = /^donations-(\d+)$/.exec(up.id);
  const target = /^target-(\d+)$/.exec(up.id);
  const agency = /^agency-(.+)-(50|100)$/.exec(up.id);
  const custom = /^custom-(.+)$/.exec(up.id);
  if (step) {
    const goal = formatNumber(Number(step[1]));
    const thousand = step[1] === '1000';
    return {
      id: up.id,
      remaining: up.remaining,
      vi: `còn ${n} đơn vị nữa đạt ${goal}${thousand ? ' — một ngàn trái tim hồng' : ''}`,
      en: `${n} more units to ${goal}`,
      goalVi: thousand ? `${goal} — một ngàn trái tim hồng` : `${goal} đơn vị máu`,
      goalEn: `${goal} units`,
    };
  }
  if (target) {
    const goal = formatNumber(Number(target[1]));
    return {
      id: up.id,
      remaining: up.remaining,
      vi: `còn ${n} đơn vị nữa đạt mục tiêu ${goal}`,
      en: `${n} more units to the ${goal} target`,
      goalVi: `Mục tiêu ${goal} đơn vị máu`,
      goalEn: `The ${goal} target`,
    };
  }
  if (agency) {
    const name = ctx.agencyName(agency[1]!) ?? up.label.replace(/ (50|100)%$/, '');
    const unit = unitOf(ctx.agencyMetric);
    const half = agency[2] === '50';
    const goalVi = half ? '50% chỉ tiêu' : 'hoàn thành chỉ tiêu';
    return {
      id: up.id,
      remaining: up.remaining,
      vi: `${name}: còn ${n} ${unit.vi} nữa ${half ? 'đạt 50% chỉ tiêu' : 'hoàn thành chỉ tiêu'}`,
      en: `${n} more ${unit.en} to ${half ? 'half of' : 'meet'} its quota`,
      goalVi: `${name} · ${goalVi}`,
      goalEn: half ? 'half of its quota' : 'its full quota',
    };
  }
  const unit = unitOf(custom ? ctx.ruleMetric(custom[1]!) : null);
  return {
    id: up.id,
    remaining: up.remaining,
    vi: `còn ${n} ${unit.vi} nữa đạt “${up.label}”`,
    en: `${n} more ${unit.en} to “${up.label}”`,
    goalVi: up.label,
    goalEn: 'organisers’ milestone',
  };
}

/** A wall message as the server will store it: trimmed, 1-200 characters, or null (invalid). */
export function cleanWallMessage(text: string): string | null {
  const trimmed = text.trim();
  return trimmed.length >= 1 && trimmed.length <= 200 ? trimmed : null;
}
