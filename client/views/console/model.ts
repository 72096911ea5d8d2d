/**
 * The console's pure logic: labels, task phases and grouping, overdue / blocked counting,
 * filters, incident order, the optimistic overlay of events still waiting in the outbox, and
 * the conversion between `<input type="datetime-local">` values and instants in the event's
 * time zone. No React, no I/O: unit-tested in test/client/console.model.test.ts.
 */
import type { IncidentRow, ScheduleItem, StateBody, TaskRow } from '../../../shared/index.ts';
import { foldForSearch, formatDate, formatTime } from '../../../shared/format.ts';
import { DEFAULT_TIMEZONE, instantToZoned, zonedIso } from '../../../shared/time.ts';
import { i18n, type Lang } from '../../i18n/core.ts';
import { formatterFor } from '../../i18n/format.ts';
import { pairOf, tIn } from '../../i18n/pairs.ts';
// The console's catalogs: the labels below are read from them.
import './i18n.ts';

/** A text in both languages (from the catalogs, or data with its English name). */
export interface Bilingual {
  vi: string;
  en: string;
}

// ---- statuses and severities ------------------------------------------------------------

export const TASK_STATUS_IDS = ['todo', 'in_progress', 'done', 'blocked'] as const;
export type TaskStatusId = (typeof TASK_STATUS_IDS)[number];

/** A task status in both languages (the shared catalog's `taskStatus`); an unknown one as is. */
export function statusLabel(status: string): Bilingual {
  return (TASK_STATUS_IDS as readonly string[]).includes(status) ? pairOf(`taskStatus.${status}`) : { vi: status, en: status };
}

export const SEVERITY_IDS = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITY_IDS)[number];

/** A severity in both languages (the shared catalog's `severity`). */
export function severityLabel(severity: Severity): Bilingual {
  return pairOf(`severity.${severity}`);
}

export function incidentStatusLabel(status: string): Bilingual {
  return ['open', 'acknowledged', 'resolved'].includes(status) ? pairOf(`console.incidents.status.${status}`) : { vi: status, en: status };
}

// ---- phases ---------------------------------------------------------------------------

/** The plan's phases, in order; any other phase id gets its own group after these. */
export const KNOWN_PHASES = ['before', 'parade', 'day1', 'day2'] as const;

/** "19/7" · "19 Jul" from "2024-07-19", plus `deltaDays`. */
function shortDay(day: string, lang: Lang, deltaDays = 0): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y!, m! - 1, d! + deltaDays));
  if (lang === 'en') return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short' }).format(date);
  return `${date.getUTCDate()}/${date.getUTCMonth() + 1}`;
}

/** The phases the console names itself (any other phase id is shown as it is). */
export function isKnownPhase(phase: string): boolean {
  return phase === 'before' || phase === 'parade' || /^day\d+$/.test(phase);
}

/**
 * The heading of a phase. Dates come from the event's festival days when known (parade: the
 * day before the first), else the Hải Dương plan's (18/7, 19/7, 20/7).
 */
export function phaseLabel(phase: string, festivalDays?: readonly string[]): Bilingual {
  const first = festivalDays?.[0];
  const dayN = /^day(\d+)$/.exec(phase);
  if (phase === 'before') return pairOf('console.phases.before');
  if (phase === 'parade') {
    const date = (lang: Lang) => (first ? shortDay(first, lang, -1) : shortDay('2024-07-18', lang));
    return pairOf('console.phases.parade', (fmt) => ({ date: date(fmt.lang) }));
  }
  if (dayN) {
    const n = Number(dayN[1]);
    const day = festivalDays?.[n - 1] ?? (n === 1 ? '2024-07-19' : n === 2 ? '2024-07-20' : null);
    return day ? pairOf('console.phases.day', (fmt) => ({ date: shortDay(day, fmt.lang) })) : pairOf('console.phases.dayN', (fmt) => ({ n: fmt.number(n) }));
  }
  return pairOf('console.phases.other', { phase });
}

/** Phase ids to offer when adding a task: the plan's, then any others the tasks use. */
export function phaseOptions(tasks: readonly Pick<TaskRow, 'phase'>[], festivalDays?: readonly string[]): string[] {
  const known: string[] = ['before', 'parade'];
  const days = Math.max(2, festivalDays?.length ?? 0);
  for (let i = 1; i <= days; i++) known.push(`day${i}`);
  const others = [...new Set(tasks.map((t) => t.phase))].filter((p) => !known.includes(p)).sort();
  return [...known, ...others];
}

function phaseRank(phase: string): number {
  const index = (KNOWN_PHASES as readonly string[]).indexOf(phase);
  if (index >= 0) return index;
  const dayN = /^day(\d+)$/.exec(phase);
  return dayN ? 1 + Number(dayN[1]) : 1000;
}

// ---- tasks ----------------------------------------------------------------------------

/** Due and not done. A task without a due time is never overdue. */
export function isOverdue(task: Pick<TaskRow, 'due' | 'status'>, nowMs: number): boolean {
  if (!task.due || task.status === 'done') return false;
  const due = Date.parse(task.due);
  return Number.isFinite(due) && due < nowMs;
}

export interface TaskCounts {
  total: number;
  done: number;
  blocked: number;
  overdue: number;
  /** Tasks that are overdue or blocked (each counted once). */
  attention: number;
  byStatus: Record<TaskStatusId, number>;
}

export function countTasks(tasks: readonly Pick<TaskRow, 'due' | 'status'>[], nowMs: number): TaskCounts {
  const byStatus: Record<TaskStatusId, number> = { todo: 0, in_progress: 0, done: 0, blocked: 0 };
  let overdue = 0;
  let attention = 0;
  for (const task of tasks) {
    if (task.status in byStatus) byStatus[task.status as TaskStatusId] += 1;
    const late = isOverdue(task, nowMs);
    if (late) overdue += 1;
    if (late || task.status === 'blocked') attention += 1;
  }
  return { total: tasks.length, done: byStatus.done, blocked: byStatus.blocked, overdue, attention, byStatus };
}

export interface PhaseGroup<T> {
  phase: string;
  tasks: T[];
}

const collator = new Intl.Collator('vi');

/** Tasks by phase (the plan's order, unknown phases after, by name); within, by due time (none last), then title. */
export function groupByPhase<T extends Pick<TaskRow, 'phase' | 'due' | 'title' | 'id'>>(tasks: readonly T[]): PhaseGroup<T>[] {
  const groups = new Map<string, T[]>();
  for (const task of tasks) {
    const list = groups.get(task.phase);
    if (list) list.push(task);
    else groups.set(task.phase, [task]);
  }
  const dueOf = (t: T): number => (t.due ? Date.parse(t.due) : Number.POSITIVE_INFINITY);
  return [...groups.entries()]
    .sort(([a], [b]) => phaseRank(a) - phaseRank(b) || collator.compare(a, b))
    .map(([phase, list]) => ({
      phase,
      tasks: list.sort((a, b) => dueOf(a) - dueOf(b) || collator.compare(a.title, b.title) || (a.id < b.id ? -1 : 1)),
    }));
}

export type StatusFilter = TaskStatusId | 'overdue' | 'attention' | null;

export interface TaskFilter {
  /** An agency id: tasks it owns or shares. */
  owner: string | null;
  status: StatusFilter;
  /** Words in the title (diacritics and case ignored). */
  text?: string;
}

export function matchesFilter(task: Pick<TaskRow, 'owner' | 'also' | 'status' | 'due' | 'title' | 'titleEn'>, filter: TaskFilter, nowMs: number): boolean {
  if (filter.owner && task.owner !== filter.owner && !task.also.includes(filter.owner)) return false;
  if (filter.status === 'overdue' && !isOverdue(task, nowMs)) return false;
  if (filter.status === 'attention' && !isOverdue(task, nowMs) && task.status !== 'blocked') return false;
  if (filter.status && filter.status !== 'overdue' && filter.status !== 'attention' && task.status !== filter.status) return false;
  const text = filter.text ? foldForSearch(filter.text) : '';
  if (text && !foldForSearch(`${task.title} ${task.titleEn ?? ''}`).includes(text)) return false;
  return true;
}

export function filterTasks<T extends Pick<TaskRow, 'owner' | 'also' | 'status' | 'due' | 'title' | 'titleEn'>>(tasks: readonly T[], filter: TaskFilter, nowMs: number): T[] {
  return tasks.filter((task) => matchesFilter(task, filter, nowMs));
}

// ---- incidents --------------------------------------------------------------------------

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };
const INCIDENT_STATUS_RANK: Record<IncidentRow['status'], number> = { open: 0, acknowledged: 1, resolved: 2 };

/** Not resolved yet: most severe first, then new before acknowledged, then oldest first. */
export function openIncidents<T extends Pick<IncidentRow, 'severity' | 'status' | 'reportedAt' | 'id'>>(items: readonly T[]): T[] {
  return items
    .filter((i) => i.status !== 'resolved')
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || INCIDENT_STATUS_RANK[a.status] - INCIDENT_STATUS_RANK[b.status] || a.reportedAt.localeCompare(b.reportedAt) || (a.id < b.id ? -1 : 1),
    );
}

/** Resolved ones, most recently resolved first. */
export function resolvedIncidents<T extends Pick<IncidentRow, 'status' | 'resolvedAt' | 'reportedAt'>>(items: readonly T[]): T[] {
  return items.filter((i) => i.status === 'resolved').sort((a, b) => (b.resolvedAt ?? b.reportedAt).localeCompare(a.resolvedAt ?? a.reportedAt));
}

// ---- what waits to be sent -------------------------------------------------------------

export type Pending<T> = T & { pending?: boolean; removing?: boolean };

export interface ConsoleData {
  tasks: Pending<TaskRow>[];
  incidents: Pending<IncidentRow>[];
  schedule: Pending<ScheduleItem>[];
}

/** The rows of a state body the console shows. */
export function consoleDataOf(body: StateBody | null): ConsoleData {
  return body ? { tasks: body.tasks, incidents: body.incidents.items ?? [], schedule: body.schedule } : { tasks: [], incidents: [], schedule: [] };
}

/**
 * Marks what the device's own waiting events change: `shown` is the optimistic view (the
 * device's events folded onto the data, client/device/optimistic.ts), `base` the data without
 * them. A row that differs from its base row, or is new, is `pending`; a run-of-show item the
 * device removed stays listed, `removing`, until the removal is recorded.
 */
export function markPending(shown: ConsoleData, base: ConsoleData): ConsoleData {
  const mark = <T extends { id: string }>(rows: readonly T[], baseRows: readonly T[]): Pending<T>[] => {
    const before = new Map(baseRows.map((row) => [row.id, row]));
    return rows.map((row) => {
      const was = before.get(row.id);
      return was && JSON.stringify(was) === JSON.stringify(row) ? row : { ...row, pending: true };
    });
  };
  const shownItems = new Set(shown.schedule.map((item) => item.id));
  const removed = base.schedule.filter((item) => !shownItems.has(item.id)).map((item) => ({ ...item, pending: true, removing: true }));
  return {
    tasks: mark(shown.tasks, base.tasks),
    incidents: mark(shown.incidents, base.incidents),
    schedule: [...mark(shown.schedule, base.schedule), ...removed].sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || (a.id < b.id ? -1 : 1)),
  };
}

// ---- times in the event's zone ---------------------------------------------------------

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** An instant as the value of a datetime-local input in the zone: "2024-07-19T07:30". */
export function toLocalInput(instant: string | number | null, timeZone: string = DEFAULT_TIMEZONE): string {
  if (instant === null) return '';
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  if (!Number.isFinite(ms)) return '';
  const { date, time } = instantToZoned(ms, timeZone);
  return `${date}T${time}`;
}

/**
 * A datetime-local value ("2024-07-19T07:30", wall time in the zone) as an ISO instant with
 * the zone's offset ("2024-07-19T07:30:00+07:00"); null when empty or malformed.
 */
export function fromLocalInput(value: string, timeZone: string = DEFAULT_TIMEZONE): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return null;
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part))) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  return zonedIso(`${String(y).padStart(4, '0')}-${pad(mo)}-${pad(d)}`, `${pad(h)}:${pad(mi)}:${pad(s)}`, timeZone);
}

/** A short unique id part for new tasks, incidents and run-of-show items. */
export function slugOf(text: string, max = 24): string {
  return (
    foldForSearch(text)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, max)
      .replace(/-+$/g, '') || 'muc'
  );
}

// ---- wording ------------------------------------------------------------------------------

/** "14:05 · 18/7/2024" (English: "14:05 · 18 Jul 2024"): 24-hour time and the date, in the event's zone. */
export function formatWhen(instant: string | number, timeZone: string = DEFAULT_TIMEZONE, lang: Lang = 'vi'): string {
  if (lang === 'vi') return `${formatTime(instant, timeZone)} · ${formatDate(instant, timeZone)}`;
  const fmt = formatterFor(lang, timeZone);
  return `${fmt.time(instant)} · ${fmt.date(instant)}`;
}

/** "30 phút", "1 giờ 30 phút" / "30 min", "1 h 30 min". */
export function formatDuration(minutes: number): Bilingual {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const values = { h: String(h), m: String(m) };
  if (h === 0) return pairOf('console.duration.minutes', values);
  if (m === 0) return pairOf('console.duration.hours', values);
  return pairOf('console.duration.hoursMinutes', values);
}

/** What kind of change an outbox entry is ("Báo sự cố" / "Incident reported"); null for another type. */
export function eventTypeLabel(type: string): Bilingual | null {
  const key = `console.outbox.types.${type.replace('.', '_')}`;
  return i18n.exists(key) ? pairOf(key) : null;
}

/**
 * Why the server refused an event, in both languages: the console's own words for its codes,
 * else the shared `errors` ones, else "refused by the server (its message)".
 */
export function refusalText(code: string, message: string): Bilingual {
  for (const key of [`console.refusals.${code}`, `errors.${code}`]) if (code && i18n.exists(key)) return pairOf(key);
  return pairOf('console.refusals.other', { message });
}

/** A sentence's first letter in capitals ("không có…" → "Không có…"). */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// ---- the date and time pickers ---------------------------------------------------------

/** "2024-07-19" plus n days. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + n)).toISOString().slice(0, 10);
}

/**
 * The days a date picker offers: four weeks before the festival to two days after it, the
 * days around today, and the value itself; in order, without repeats.
 */
export function dayChoices(festivalDays: readonly string[], today: string, value: string | null): string[] {
  const days = new Set<string>();
  const addRange = (from: string, to: string) => {
    for (let day = from; day <= to; day = addDays(day, 1)) days.add(day);
  };
  const first = festivalDays[0];
  const last = festivalDays[festivalDays.length - 1];
  if (first && last) addRange(addDays(first, -28), addDays(last, 2));
  addRange(addDays(today, -1), addDays(today, 14));
  if (value) days.add(value);
  return [...days].sort();
}

const weekdays: Record<Lang, Intl.DateTimeFormat> = {
  vi: new Intl.DateTimeFormat('vi-VN', { weekday: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' }),
};

/** "Thứ Năm 18/7/2024" · "Thursday 18 Jul 2024" (with "Ngày hội 1 ·" · "Festival day 1 ·" on a festival day). */
export function dayChoiceLabel(day: string, festivalDays: readonly string[], lang: Lang = 'vi'): string {
  const [y, m, d] = day.split('-').map(Number);
  const weekday = weekdays[lang].format(Date.UTC(y!, m! - 1, d!));
  const index = festivalDays.indexOf(day);
  const date = formatterFor(lang).date(day);
  const head = weekday.charAt(0).toUpperCase() + weekday.slice(1);
  const text = `${head} ${date}`;
  return index >= 0 ? tIn(lang, 'console.datetime.festivalDay', { n: String(index + 1), day: text }) : text;
}
