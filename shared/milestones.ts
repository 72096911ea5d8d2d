/**
 * The milestone engine: which moments the MC announces, evaluated as each counting event is
 * applied (so replaying the log fires the same milestones at the same seq), with the
 * announcement script filled in from the organisers' templates.
 *
 * Rules (DESIGN.md, "Milestones worth announcing"):
 * - the first donation of each festival day (a donation on a festival day, inside the
 *   festival's hours when the event sets them);
 * - total donations 100, 200, 300, 400, 500, then every 250 (750, 1.000, 1.250, …); 1.000 is
 *   "một ngàn trái tim hồng"; the festival target (sum of quotas) is its own milestone, and
 *   replaces a step milestone of the same number;
 * - each agency at 50 % and 100 % of its quota (on `donated`, or `checkedIn` when the event
 *   counts check-ins);
 * - the organisers' own rules: a threshold on a total, overall or for one agency.
 *
 * Milestones are true (milestoneHolds):
 * - a counting event that takes a value from below a threshold to it fires the milestone;
 * - a milestone not yet announced or skipped whose condition stops holding (a void, a donor
 *   moved to another agency, a quota or a rule changed) is withdrawn: it leaves the MC's queue
 *   and the rules refuse to announce it; when it holds again it comes back, with the donor and
 *   the time of the event that made it true again;
 * - once announced (or skipped) it is never withdrawn and never fires again: the MC said it;
 * - there is one "target reached" per festival, whatever the quotas become;
 * - a quota entered or lowered, or a donor moved, fires an agency's (or the festival's) target
 *   when it now holds and never fired; the step milestones fire only on a crossing.
 */
import { formatDate, formatNumber, formatTime } from './format.ts';
import type { Counts, MilestoneInfo, MilestoneKind, MilestoneRule, ProjectionState } from './projectionState.ts';
import { quotaOf } from './quota.ts';
import { dayOf, DEFAULT_TIMEZONE } from './time.ts';

export type { MilestoneKind, MilestoneRule } from './projectionState.ts';

/**
 * Announcement templates, formal Vietnamese for the stage. Placeholders: {festival} the
 * festival's name (event settings), {n} the number reached, {target}, {remaining} to the
 * target, {towardsTarget} ("chỉ còn 120 người nữa là ngày hội đạt mục tiêu 2.000 người hiến
 * máu", or "ngày hội đã vượt mục tiêu …"), {agency}, {quota}, {count}, {day} (19/7/2024),
 * {time} (15:40), {label}, {agencyPart} (" thuộc Liên đoàn Lao động tỉnh", or nothing for a walk-in).
 * Quotas and the target count people; with one donation per person, people who donated =
 * units of blood accepted.
 */
export const DEFAULT_TEMPLATES: Record<MilestoneKind, string> = {
  first_donation_of_day:
    'Kính thưa quý vị đại biểu, thưa toàn thể quý vị! Lúc {time} ngày {day}, {festival} đã tiếp nhận đơn vị máu đầu tiên của ngày, từ một người hiến máu{agencyPart}. Xin trân trọng cảm ơn người hiến máu đã mở đầu ngày hội bằng nghĩa cử cao đẹp này!',
  donations: 'Kính thưa quý vị! Ngày hội vừa tiếp nhận đơn vị máu thứ {n}. Xin trân trọng cảm ơn những tấm lòng nhân ái — {towardsTarget}.',
  one_thousand:
    'Kính thưa quý vị! Lúc {time}, ngày hội đã tiếp nhận đơn vị máu thứ {n}: một ngàn trái tim hồng đã cùng chung nhịp đập. Xin quý vị dành một tràng pháo tay thật lớn cho những người hiến máu!',
  target:
    'Kính thưa quý vị! {festival} đã hoàn thành mục tiêu {target} người hiến máu. Ban Chỉ đạo xin trân trọng cảm ơn các cơ quan, đơn vị và từng người hiến máu đã chung tay làm nên thành công này!',
  agency_half: 'Kính thưa quý vị! {agency} đã có {count} người hiến máu, đạt một nửa chỉ tiêu {quota} người. Xin chúc mừng và cổ vũ {agency}!',
  agency_quota: 'Xin trân trọng chúc mừng {agency} đã hoàn thành chỉ tiêu {quota} người tham gia hiến máu! Xin cảm ơn toàn thể cán bộ, đoàn viên, người lao động của đơn vị.',
  custom: '{label}',
};

/** Step thresholds of total donations: 100…500 by 100, then every 250. */
export function isDonationStep(n: number): boolean {
  return n > 0 && ((n <= 500 && n % 100 === 0) || (n > 500 && n % 250 === 0));
}

/** The next donation step strictly above n. */
export function nextDonationStep(n: number): number {
  if (n < 500) return (Math.floor(n / 100) + 1) * 100;
  return (Math.floor(n / 250) + 1) * 250;
}

export function renderTemplate(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (Object.prototype.hasOwnProperty.call(vars, key) ? vars[key]! : whole));
}

export function festivalTargetOf(state: ProjectionState): number {
  let sum = 0;
  for (const agency of state.agencies.values()) sum += quotaOf(agency.quotaRule) ?? 0;
  return sum;
}

function agencyMetricOf(state: ProjectionState): 'donated' | 'checkedIn' {
  return state.event?.countOn ?? 'donated';
}

/** What made a milestone true: the event (its time of action and seq), and for a counting event what it counted. */
interface Trigger {
  /** The counter that moved. */
  field: keyof Counts;
  agencyId: string;
  day: string;
  at: string;
  seq: number;
  /** (donor layer) The donor whose event it was. */
  donorId?: string;
  /** (count layer, MC) That donor's name, when they agreed to have it announced. */
  announceName?: string;
}

/** When the state changed by something other than one count (a void, a move, a quota): the time and seq of that event. */
export interface Change {
  at: string;
  seq: number;
}

const crossed = (threshold: number, now: number, delta = 1) => now >= threshold && now - delta < threshold;

/** The figure an organisers' rule watches: its metric, for its agency or overall. */
function ruleValue(state: ProjectionState, rule: MilestoneRule): number {
  return rule.agencyId !== undefined ? (state.byAgency.get(rule.agencyId)?.[rule.metric] ?? 0) : state.totals[rule.metric];
}

/** The agency's counted figure and its quota (null without one). */
function agencyProgress(state: ProjectionState, agencyId: string): { count: number; quota: number | null } {
  const agency = state.agencies.get(agencyId);
  const quota = agency ? quotaOf(agency.quotaRule) : null;
  return { count: state.byAgency.get(agencyId)?.[agencyMetricOf(state)] ?? 0, quota: quota && quota > 0 ? quota : null };
}

/** The target milestone, whatever the target was when it fired (one per festival). */
function targetMilestone(state: ProjectionState): MilestoneInfo | undefined {
  for (const milestone of state.milestones.values()) if (milestone.kind === 'target') return milestone;
  return undefined;
}

/** Whether the festival's hours (when set) hold an instant: the first donor of the day is counted inside them. */
function withinFestivalHours(state: ProjectionState, day: string, at: string): boolean {
  const event = state.event;
  if (!event || !event.days.includes(day)) return false;
  if (!event.hours) return true;
  const local = formatTime(at, event.timezone);
  return local >= event.hours.opens && local < event.hours.closes;
}

/**
 * Called by the projection after a counting event raised `field` by one for `agencyId`.
 * Adds (or brings back) the milestones this crossing reaches.
 */
export function evaluateMilestones(state: ProjectionState, trigger: Trigger): void {
  const { field, agencyId } = trigger;
  const total = state.totals[field];

  if (field === 'donated') {
    const dayCount = state.byDay.get(trigger.day)?.donated ?? 0;
    if (dayCount >= 1 && !state.rehearsal && withinFestivalHours(state, trigger.day, trigger.at)) {
      fire(state, trigger, { id: `first-donation-${trigger.day}`, kind: 'first_donation_of_day', value: 1, agencyId, day: trigger.day });
    }
    const target = festivalTargetOf(state);
    if (target > 0 && crossed(target, total)) fire(state, trigger, { id: targetMilestone(state)?.id ?? `target-${target}`, kind: 'target', value: target });
    else if (total === 1000) fire(state, trigger, { id: 'donations-1000', kind: 'one_thousand', value: 1000 });
    else if (isDonationStep(total)) fire(state, trigger, { id: `donations-${total}`, kind: 'donations', value: total });
  }

  if (field === agencyMetricOf(state)) fireAgency(state, agencyId, trigger, 1);

  for (const rule of state.milestoneRules.values()) {
    if (rule.metric !== field) continue;
    if (rule.agencyId !== undefined && rule.agencyId !== agencyId) continue;
    const value = ruleValue(state, rule);
    if (crossed(rule.threshold, value)) fire(state, trigger, { id: `custom-${rule.id}`, kind: 'custom', value, ruleId: rule.id, ...(rule.agencyId ? { agencyId: rule.agencyId } : {}), rule });
  }
}

/** An agency's 50 % and 100 %, when its figure rose by `delta` across them (null: whenever it holds and never fired). */
function fireAgency(state: ProjectionState, agencyId: string, trigger: Trigger, delta: number | null): void {
  const { count, quota } = agencyProgress(state, agencyId);
  if (quota === null) return;
  const reaches = (threshold: number) => (delta === null ? count >= threshold : crossed(threshold, count, delta));
  if (reaches(Math.ceil(quota / 2)) && count < quota) fire(state, trigger, { id: `agency-${agencyId}-50`, kind: 'agency_half', value: count, agencyId });
  if (reaches(quota)) fire(state, trigger, { id: `agency-${agencyId}-100`, kind: 'agency_quota', value: count, agencyId });
}

/** Whether a milestone's condition holds in the state as it is now. */
export function milestoneHolds(state: ProjectionState, milestone: MilestoneInfo): boolean {
  switch (milestone.kind) {
    case 'first_donation_of_day':
      return (state.byDay.get(milestone.day ?? '')?.donated ?? 0) >= 1;
    case 'donations':
    case 'one_thousand':
      return state.totals.donated >= milestone.value;
    case 'target': {
      const target = festivalTargetOf(state);
      return target > 0 && state.totals.donated >= target;
    }
    case 'agency_half':
    case 'agency_quota': {
      const { count, quota } = agencyProgress(state, milestone.agencyId ?? '');
      if (quota === null) return false;
      return count >= (milestone.kind === 'agency_half' ? Math.ceil(quota / 2) : quota);
    }
    case 'custom': {
      const rule = state.milestoneRules.get(milestone.ruleId ?? '');
      return !rule || ruleValue(state, rule) >= rule.threshold;
    }
  }
}

/**
 * After a change that is not one count up (a void, a move, a quota, a rule, the counting
 * metric): withdraws the milestones waiting in the MC's queue that no longer hold, brings back
 * the withdrawn ones that hold again, and fires the agencies' and the festival's targets that
 * now hold and never fired (a quota entered or lowered, a donor moved in).
 */
export function reviewMilestones(state: ProjectionState, change: Change): void {
  const trigger: Trigger = { field: agencyMetricOf(state), agencyId: '', day: dayOf(change.at, state.event?.timezone ?? DEFAULT_TIMEZONE), at: change.at, seq: change.seq };
  for (const milestone of state.milestones.values()) {
    if (milestone.announcedAt !== null || milestone.skippedAt !== null) continue;
    const holds = milestoneHolds(state, milestone);
    if (!holds && milestone.withdrawnAt === null) milestone.withdrawnAt = change.at;
    else if (holds && milestone.withdrawnAt !== null) {
      fire(state, { ...trigger, agencyId: milestone.agencyId ?? '' }, { id: milestone.id, kind: milestone.kind, value: milestone.value, ...reachedKeysOf(milestone, state) });
    }
  }
  for (const agencyId of state.agencies.keys()) fireAgency(state, agencyId, { ...trigger, agencyId }, null);
  const target = festivalTargetOf(state);
  if (target > 0 && state.totals.donated >= target && !targetMilestone(state)) fire(state, { ...trigger, field: 'donated' }, { id: `target-${target}`, kind: 'target', value: target });
}

function reachedKeysOf(milestone: MilestoneInfo, state: ProjectionState): Pick<Reached, 'agencyId' | 'day' | 'ruleId' | 'rule'> {
  const rule = milestone.ruleId ? state.milestoneRules.get(milestone.ruleId) : undefined;
  return {
    ...(milestone.agencyId ? { agencyId: milestone.agencyId } : {}),
    ...(milestone.day ? { day: milestone.day } : {}),
    ...(milestone.ruleId ? { ruleId: milestone.ruleId } : {}),
    ...(rule ? { rule } : {}),
  };
}

interface Reached {
  id: string;
  kind: MilestoneKind;
  value: number;
  agencyId?: string;
  day?: string;
  ruleId?: string;
  rule?: MilestoneRule;
}

/** Fires a milestone, or brings back a withdrawn one; one already reached (or announced, or skipped) stays as it is. */
function fire(state: ProjectionState, trigger: Trigger, reached: Reached): void {
  const existing = state.milestones.get(reached.id);
  if (existing && existing.withdrawnAt === null) return;
  const timezone = state.event?.timezone;
  const agency = reached.agencyId ? state.agencies.get(reached.agencyId) : undefined;
  const quota = agency ? quotaOf(agency.quotaRule) : null;
  const target = festivalTargetOf(state);
  const value = reached.kind === 'target' ? target : reached.kind === 'agency_half' || reached.kind === 'agency_quota' ? agencyProgress(state, reached.agencyId ?? '').count : reached.value;
  const vars: Record<string, string> = {
    festival: state.event?.name ?? 'ngày hội',
    n: formatNumber(value),
    count: formatNumber(value),
    target: formatNumber(target),
    remaining: formatNumber(Math.max(0, target - state.totals.donated)),
    towardsTarget:
      target > state.totals.donated
        ? `chỉ còn ${formatNumber(target - state.totals.donated)} người nữa là ngày hội đạt mục tiêu ${formatNumber(target)} người hiến máu`
        : `ngày hội đã vượt mục tiêu ${formatNumber(target)} người hiến máu`,
    agency: agency?.name ?? '',
    agencyPart: agency ? ` thuộc ${agency.name}` : '',
    quota: quota === null ? '' : formatNumber(quota),
    day: formatDate(trigger.day),
    time: formatTime(trigger.at, timezone),
    label: reached.rule?.label ?? '',
  };
  const template = reached.rule?.script || state.milestoneTemplates.get(reached.kind) || DEFAULT_TEMPLATES[reached.kind];
  const milestone: MilestoneInfo = {
    id: reached.id,
    kind: reached.kind,
    label: labelOf(reached, vars),
    script: renderTemplate(template, vars),
    value,
    ...(reached.agencyId ? { agencyId: reached.agencyId } : {}),
    ...(reached.day ? { day: reached.day } : {}),
    ...(reached.ruleId ? { ruleId: reached.ruleId } : {}),
    reachedAt: trigger.at,
    reachedSeq: trigger.seq,
    announcedAt: null,
    announcedEventId: null,
    skippedAt: null,
    skippedEventId: null,
    withdrawnAt: null,
    ...(trigger.donorId ? { donorId: trigger.donorId } : {}),
    ...(trigger.announceName ? { announceName: trigger.announceName } : {}),
  };
  // A milestone brought back keeps its place in the map (Map.set on a key keeps its order).
  state.milestones.set(milestone.id, milestone);
}

function labelOf(reached: Reached, vars: Record<string, string>): string {
  switch (reached.kind) {
    case 'first_donation_of_day':
      return `Người hiến máu đầu tiên ngày ${vars.day}`;
    case 'donations':
      return `Đơn vị máu thứ ${vars.n}`;
    case 'one_thousand':
      return `${vars.n} — Một ngàn trái tim hồng`;
    case 'target':
      return `Đạt mục tiêu ${vars.target} người hiến máu`;
    case 'agency_half':
      return `${vars.agency} đạt 50% chỉ tiêu`;
    case 'agency_quota':
      return `${vars.agency} hoàn thành chỉ tiêu ${vars.quota} người`;
    case 'custom':
      return reached.rule?.label ?? vars.label!;
  }
}

export interface UpcomingMilestone {
  id: string;
  label: string;
  /** How many more units it needs. */
  remaining: number;
}

/** The next milestones coming, nearest first ("còn 12 đơn vị nữa đạt 1.000"); a withdrawn one is coming again. */
export function upcomingMilestones(state: ProjectionState, limit = 5): UpcomingMilestone[] {
  const out: UpcomingMilestone[] = [];
  const reached = (id: string) => {
    const milestone = state.milestones.get(id);
    return milestone !== undefined && milestone.withdrawnAt === null;
  };
  const donated = state.totals.donated;
  const target = festivalTargetOf(state);
  const targetId = targetMilestone(state)?.id ?? `target-${target}`;
  let step = nextDonationStep(donated);
  for (let i = 0; i < 3; i++, step = nextDonationStep(step)) {
    const id = step === target ? targetId : step === 1000 ? 'donations-1000' : `donations-${step}`;
    if (!reached(id)) out.push({ id, label: step === target ? `Mục tiêu ${formatNumber(target)}` : formatNumber(step), remaining: step - donated });
  }
  if (target > donated && !isDonationStep(target) && !reached(targetId)) {
    out.push({ id: targetId, label: `Mục tiêu ${formatNumber(target)}`, remaining: target - donated });
  }
  const metric = agencyMetricOf(state);
  for (const agency of state.agencies.values()) {
    const quota = quotaOf(agency.quotaRule);
    if (!quota) continue;
    const count = state.byAgency.get(agency.id)?.[metric] ?? 0;
    const half = Math.ceil(quota / 2);
    if (count < half && half < quota && !reached(`agency-${agency.id}-50`)) out.push({ id: `agency-${agency.id}-50`, label: `${agency.name} 50%`, remaining: half - count });
    else if (count < quota && !reached(`agency-${agency.id}-100`)) out.push({ id: `agency-${agency.id}-100`, label: `${agency.name} 100%`, remaining: quota - count });
  }
  for (const rule of state.milestoneRules.values()) {
    const value = ruleValue(state, rule);
    if (value < rule.threshold && !reached(`custom-${rule.id}`)) out.push({ id: `custom-${rule.id}`, label: rule.label, remaining: rule.threshold - value });
  }
  return out.sort((a, b) => a.remaining - b.remaining || a.id.localeCompare(b.id)).slice(0, limit);
}
