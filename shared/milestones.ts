/**
 * The milestone engine: which moments the MC announces, evaluated as each counting event is
 * applied (so replaying the log fires the same milestones at the same seq), with the
 * announcement script filled in from the organisers' templates.
 *
 * Rules (DESIGN.md, "Milestones worth announcing"):
 * - the first donation of each festival day;
 * - total donations 100, 200, 300, 400, 500, then every 250 (750, 1.000, 1.250, …); 1.000 is
 *   "một ngàn trái tim hồng"; the festival target (sum of quotas) is its own milestone, and
 *   replaces a step milestone of the same number;
 * - each agency at 50 % and 100 % of its quota (on `donated`, or `checkedIn` when the event
 *   counts check-ins);
 * - the organisers' own rules: a threshold on a total, overall or for one agency.
 *
 * A milestone fires when a counting event takes its value from below the threshold to the
 * threshold or above, and fires at most once: once reached it stays reached, even if a void
 * takes the total back below and a later donation crosses the threshold again. (The MC has
 * already announced it; announcing it twice would be wrong.) Rules defined while the value is
 * already past them fire only on a later crossing, i.e. never for that threshold.
 */
import { formatDate, formatNumber, formatTime } from './format.ts';
import type { Counts, MilestoneInfo, MilestoneKind, MilestoneRule, ProjectionState } from './projectionState.ts';
import { quotaOf } from './quota.ts';

export type { MilestoneKind, MilestoneRule } from './projectionState.ts';

/**
 * Announcement templates. Placeholders: {n} the number reached, {target}, {remaining} to the
 * target, {towardsTarget} ("còn 120 đơn vị nữa để đạt mục tiêu 2.000 đơn vị máu", or "đã vượt
 * mục tiêu …" past it), {agency}, {quota}, {count}, {day} (19/7/2024), {time} (15:40), {label}.
 */
export const DEFAULT_TEMPLATES: Record<MilestoneKind, string> = {
  first_donation_of_day:
    'Xin chúc mừng! Lúc {time}, người hiến máu đầu tiên của ngày {day} đã hoàn thành hiến máu{agencyPart}. Ngày hội hiến máu “Hải Dương ngàn trái tim hồng” chính thức bắt đầu những giọt máu nghĩa tình!',
  donations: 'Chúng ta vừa đón đơn vị máu thứ {n}! Xin cảm ơn tất cả những tấm lòng vàng — {towardsTarget}.',
  one_thousand: 'Một ngàn trái tim hồng! Lúc {time}, chúng ta vừa đón đơn vị máu thứ {n}. Xin một tràng pháo tay thật lớn cho những người hiến máu!',
  target: 'Chúng ta đã đạt mục tiêu {target} đơn vị máu của ngày hội! Xin trân trọng cảm ơn các cơ quan, đơn vị và từng người hiến máu đã cùng nhau làm nên điều kỳ diệu này.',
  agency_half: '{agency} đã đạt một nửa chỉ tiêu: {count} trên {quota} đơn vị máu. Cố lên {agency}!',
  agency_quota: 'Xin chúc mừng {agency} đã hoàn thành chỉ tiêu {quota} đơn vị máu! Xin cảm ơn toàn thể cán bộ, đoàn viên, người lao động của đơn vị.',
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

interface Trigger {
  /** The counter that moved, and by how much it was before this event. */
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

/**
 * Called by the projection after a counting event raised `field` by one for `agencyId`.
 * Adds the milestones this crossing reaches.
 */
export function evaluateMilestones(state: ProjectionState, trigger: Trigger): void {
  const { field, agencyId } = trigger;
  const total = state.totals[field];
  const crossed = (threshold: number, now: number) => now >= threshold && now - 1 < threshold;

  if (field === 'donated') {
    const dayCount = state.byDay.get(trigger.day)?.donated ?? 0;
    if (dayCount === 1) fire(state, trigger, { id: `first-donation-${trigger.day}`, kind: 'first_donation_of_day', value: 1, agencyId });
    const target = festivalTargetOf(state);
    if (target > 0 && crossed(target, total)) fire(state, trigger, { id: `target-${target}`, kind: 'target', value: target });
    else if (total === 1000) fire(state, trigger, { id: 'donations-1000', kind: 'one_thousand', value: 1000 });
    else if (isDonationStep(total)) fire(state, trigger, { id: `donations-${total}`, kind: 'donations', value: total });
  }

  if (field === agencyMetricOf(state)) {
    const agency = state.agencies.get(agencyId);
    const quota = agency ? quotaOf(agency.quotaRule) : null;
    const count = state.byAgency.get(agencyId)?.[field] ?? 0;
    if (agency && quota && quota > 0) {
      if (crossed(Math.ceil(quota / 2), count) && count < quota) fire(state, trigger, { id: `agency-${agencyId}-50`, kind: 'agency_half', value: count, agencyId });
      if (crossed(quota, count)) fire(state, trigger, { id: `agency-${agencyId}-100`, kind: 'agency_quota', value: count, agencyId });
    }
  }

  for (const rule of state.milestoneRules.values()) {
    if (rule.metric !== field) continue;
    if (rule.agencyId !== undefined && rule.agencyId !== agencyId) continue;
    const value = rule.agencyId !== undefined ? (state.byAgency.get(rule.agencyId)?.[field] ?? 0) : total;
    if (crossed(rule.threshold, value)) fire(state, trigger, { id: `custom-${rule.id}`, kind: 'custom', value, ...(rule.agencyId ? { agencyId: rule.agencyId } : {}), rule });
  }
}

interface Reached {
  id: string;
  kind: MilestoneKind;
  value: number;
  agencyId?: string;
  rule?: MilestoneRule;
}

function fire(state: ProjectionState, trigger: Trigger, reached: Reached): void {
  if (state.milestones.has(reached.id)) return;
  const timezone = state.event?.timezone;
  const agency = reached.agencyId ? state.agencies.get(reached.agencyId) : undefined;
  const quota = agency ? quotaOf(agency.quotaRule) : null;
  const target = festivalTargetOf(state);
  const vars: Record<string, string> = {
    n: formatNumber(reached.value),
    count: formatNumber(reached.value),
    target: formatNumber(target),
    remaining: formatNumber(Math.max(0, target - state.totals.donated)),
    towardsTarget:
      target > state.totals.donated
        ? `còn ${formatNumber(target - state.totals.donated)} đơn vị nữa để đạt mục tiêu ${formatNumber(target)} đơn vị máu`
        : `đã vượt mục tiêu ${formatNumber(target)} đơn vị máu`,
    agency: agency?.name ?? '',
    agencyPart: agency ? ` (${agency.name})` : '',
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
    value: reached.value,
    ...(reached.agencyId ? { agencyId: reached.agencyId } : {}),
    reachedAt: trigger.at,
    reachedSeq: trigger.seq,
    announcedAt: null,
    announcedEventId: null,
    skippedAt: null,
    skippedEventId: null,
    ...(trigger.donorId ? { donorId: trigger.donorId } : {}),
    ...(trigger.announceName ? { announceName: trigger.announceName } : {}),
  };
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
      return `Đạt mục tiêu ${vars.target} đơn vị máu`;
    case 'agency_half':
      return `${vars.agency} đạt 50% chỉ tiêu`;
    case 'agency_quota':
      return `${vars.agency} hoàn thành chỉ tiêu ${vars.quota}`;
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

/** The next milestones coming, nearest first ("còn 12 đơn vị nữa đạt 1.000"). */
export function upcomingMilestones(state: ProjectionState, limit = 5): UpcomingMilestone[] {
  const out: UpcomingMilestone[] = [];
  const donated = state.totals.donated;
  const target = festivalTargetOf(state);
  let step = nextDonationStep(donated);
  for (let i = 0; i < 3; i++, step = nextDonationStep(step)) {
    const id = step === target ? `target-${target}` : step === 1000 ? 'donations-1000' : `donations-${step}`;
    if (!state.milestones.has(id)) out.push({ id, label: step === target ? `Mục tiêu ${formatNumber(target)}` : formatNumber(step), remaining: step - donated });
  }
  if (target > donated && !isDonationStep(target) && !state.milestones.has(`target-${target}`)) {
    out.push({ id: `target-${target}`, label: `Mục tiêu ${formatNumber(target)}`, remaining: target - donated });
  }
  const metric = agencyMetricOf(state);
  for (const agency of state.agencies.values()) {
    const quota = quotaOf(agency.quotaRule);
    if (!quota) continue;
    const count = state.byAgency.get(agency.id)?.[metric] ?? 0;
    const half = Math.ceil(quota / 2);
    if (count < half && half < quota && !state.milestones.has(`agency-${agency.id}-50`)) out.push({ id: `agency-${agency.id}-50`, label: `${agency.name} 50%`, remaining: half - count });
    else if (count < quota && !state.milestones.has(`agency-${agency.id}-100`)) out.push({ id: `agency-${agency.id}-100`, label: `${agency.name} 100%`, remaining: quota - count });
  }
  for (const rule of state.milestoneRules.values()) {
    const value = rule.agencyId !== undefined ? (state.byAgency.get(rule.agencyId)?.[rule.metric] ?? 0) : state.totals[rule.metric];
    if (value < rule.threshold && !state.milestones.has(`custom-${rule.id}`)) out.push({ id: `custom-${rule.id}`, label: rule.label, remaining: rule.threshold - value });
  }
  return out.sort((a, b) => a.remaining - b.remaining || a.id.localeCompare(b.id)).slice(0, limit);
}
