/** The console's pure helpers (client/views/console/model.ts): phases, overdue / blocked counts, filters, incident order, what waits to be sent, times. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { IncidentRow, TaskRow } from '../../shared/index.ts';
import { replay } from '../../shared/projection.ts';
import { toStateBody } from '../../shared/view.ts';
import { optimisticView } from '../../client/device/optimistic.ts';
import type { OutboxEntry, RecordedEntry } from '../../client/device/store.ts';
import { ADMIN, COORD, LogBuilder } from '../shared/fixtures.ts';
import { zoneOffsetMinutes as zoneOffsetMin } from '../../shared/time.ts';
import {
  countTasks,
  dayChoiceLabel,
  dayChoices,
  eventTypeLabel,
  filterTasks,
  formatDuration,
  formatWhen,
  fromLocalInput,
  groupByPhase,
  isOverdue,
  openIncidents,
  markPending,
  consoleDataOf,
  phaseLabel,
  phaseOptions,
  refusalText,
  resolvedIncidents,
  severityLabel,
  slugOf,
  statusLabel,
  toLocalInput,
} from '../../client/views/console/model.ts';

const HCM = 'Asia/Ho_Chi_Minh';
const at = (text: string) => Date.parse(text);

function task(id: string, patch: Partial<TaskRow> = {}): TaskRow {
  return {
    id,
    title: id,
    titleEn: null,
    owner: 'hctd',
    also: [],
    phase: 'before',
    due: null,
    whenText: null,
    status: 'todo',
    note: null,
    updatedAt: null,
    updatedBy: null,
    ...patch,
  };
}

/** The default event's 13 tasks, as the state body lists them before any change. */
function defaultTasks(): TaskRow[] {
  const plan = JSON.parse(fs.readFileSync('server/defaultEvent/hai-duong-xii.json', 'utf8')) as {
    tasks: { taskId: string; title: string; titleEn?: string; owner: string; also?: string[]; phase: string; due: string | null; whenText?: string }[];
  };
  return plan.tasks.map((t) => task(t.taskId, { title: t.title, titleEn: t.titleEn ?? null, owner: t.owner, also: t.also ?? [], phase: t.phase, due: t.due, whenText: t.whenText ?? null }));
}

describe('phases', () => {
  it('labels the plan phases in Vietnamese, dates from the festival days', () => {
    const days = ['2024-07-19', '2024-07-20'];
    expect(phaseLabel('before', days).vi).toBe('Trước ngày hội');
    expect(phaseLabel('parade', days).vi).toBe('Diễu hành 18/7');
    expect(phaseLabel('day1', days).vi).toBe('Ngày hội 19/7');
    expect(phaseLabel('day2', days).vi).toBe('Ngày hội 20/7');
    // Without the event, the Hải Dương plan's dates; another event's days move them.
    expect(phaseLabel('day2').vi).toBe('Ngày hội 20/7');
    expect(phaseLabel('parade', ['2025-08-01']).vi).toBe('Diễu hành 31/7');
    expect(phaseLabel('cleanup', days)).toEqual({ vi: 'cleanup', en: 'Other phase' });
  });

  it('groups the default plan by phase in the plan order, each by due time (none last)', () => {
    const groups = groupByPhase(defaultTasks());
    expect(groups.map((g) => [g.phase, g.tasks.length])).toEqual([
      ['before', 9],
      ['parade', 2],
      ['day1', 2],
    ]);
    const before = groups[0]!.tasks;
    expect(
      before
        .slice(0, 2)
        .map((t) => t.id)
        .sort(),
    ).toEqual(['banners', 'budget']); // due 17/7
    expect(before.at(-1)!.id).toBe('media'); // no due time
  });

  it('puts unknown phases in their own group after the known ones', () => {
    const groups = groupByPhase([task('x', { phase: 'zeta' }), task('y', { phase: 'day2' }), task('z', { phase: 'alpha' }), task('w', { phase: 'before' })]);
    expect(groups.map((g) => g.phase)).toEqual(['before', 'day2', 'alpha', 'zeta']);
  });

  it('offers the plan phases, one per festival day, then the others in use', () => {
    expect(phaseOptions([task('a', { phase: 'cleanup' }), task('b')], ['2024-07-19', '2024-07-20', '2024-07-21'])).toEqual(['before', 'parade', 'day1', 'day2', 'day3', 'cleanup']);
  });
});

describe('overdue and blocked', () => {
  const now = at('2024-07-18T12:00:00+07:00');

  it('a task is overdue when its due time has passed and it is not done', () => {
    expect(isOverdue(task('a', { due: '2024-07-18T11:59:00+07:00' }), now)).toBe(true);
    expect(isOverdue(task('a', { due: '2024-07-18T11:59:00+07:00', status: 'blocked' }), now)).toBe(true);
    expect(isOverdue(task('a', { due: '2024-07-18T11:59:00+07:00', status: 'done' }), now)).toBe(false);
    expect(isOverdue(task('a', { due: '2024-07-18T12:00:00+07:00' }), now)).toBe(false);
    expect(isOverdue(task('a', { due: null }), now)).toBe(false);
  });

  it('counts the default plan: two tasks were due on 17/7', () => {
    const counts = countTasks(defaultTasks(), now);
    expect(counts).toMatchObject({ total: 13, done: 0, blocked: 0, overdue: 2, attention: 2 });
  });

  it('counts a task both overdue and blocked once for attention', () => {
    const tasks = [
      task('a', { due: '2024-07-17T17:00:00+07:00', status: 'blocked' }),
      task('b', { due: '2024-07-17T17:00:00+07:00' }),
      task('c', { status: 'blocked' }),
      task('d', { due: '2024-07-17T17:00:00+07:00', status: 'done' }),
      task('e', { status: 'in_progress' }),
    ];
    expect(countTasks(tasks, now)).toEqual({
      total: 5,
      done: 1,
      blocked: 2,
      overdue: 2,
      attention: 3,
      byStatus: { todo: 1, in_progress: 1, done: 1, blocked: 2 },
    });
  });
});

describe('filters', () => {
  const now = at('2024-07-18T12:00:00+07:00');
  const tasks = defaultTasks();

  it('by owner, including agencies that share a task', () => {
    expect(filterTasks(tasks, { owner: 'congan', status: null }, now).map((t) => t.id)).toEqual(['police-escort', 'parade-traffic', 'venue-security']);
    expect(filterTasks(tasks, { owner: 'baohd', status: null }, now).map((t) => t.id)).toEqual(['media']);
    expect(
      filterTasks(tasks, { owner: 'hctd', status: null }, now)
        .map((t) => t.id)
        .sort(),
    ).toEqual(['communication', 'donor-lists', 'honours-dossiers']);
  });

  it('by status, overdue, or overdue-or-blocked; with the owner; by words without diacritics', () => {
    const changed = tasks.map((t) => (t.id === 'sound' ? { ...t, status: 'blocked' } : t.id === 'budget' ? { ...t, status: 'done' } : t));
    expect(filterTasks(changed, { owner: null, status: 'blocked' }, now).map((t) => t.id)).toEqual(['sound']);
    expect(filterTasks(changed, { owner: null, status: 'done' }, now).map((t) => t.id)).toEqual(['budget']);
    expect(filterTasks(changed, { owner: null, status: 'overdue' }, now).map((t) => t.id)).toEqual(['banners']);
    expect(
      filterTasks(changed, { owner: null, status: 'attention' }, now)
        .map((t) => t.id)
        .sort(),
    ).toEqual(['banners', 'sound']);
    expect(filterTasks(changed, { owner: 'sovhttdl', status: 'todo' }, now).map((t) => t.id)).toEqual(['venue', 'lighting', 'performances']);
    expect(filterTasks(changed, { owner: null, status: null, text: 'am thanh' }, now).map((t) => t.id)).toEqual(['sound']);
  });
});

describe('incidents', () => {
  const incident = (id: string, severity: IncidentRow['severity'], status: IncidentRow['status'], reportedAt: string, resolvedAt?: string): IncidentRow => ({
    id,
    title: id,
    severity,
    status,
    reportedAt,
    updates: [],
    ...(resolvedAt ? { resolvedAt } : {}),
  });

  it('lists open ones by severity (critical first), new before acknowledged, oldest first; resolved apart', () => {
    const items = [
      incident('low-1', 'low', 'open', '2024-07-19T01:00:00Z'),
      incident('high-ack', 'high', 'acknowledged', '2024-07-19T01:00:00Z'),
      incident('high-new', 'high', 'open', '2024-07-19T02:00:00Z'),
      incident('crit', 'critical', 'open', '2024-07-19T03:00:00Z'),
      incident('med', 'medium', 'open', '2024-07-19T00:30:00Z'),
      incident('high-old', 'high', 'open', '2024-07-19T01:30:00Z'),
      incident('done-1', 'critical', 'resolved', '2024-07-19T00:00:00Z', '2024-07-19T00:10:00Z'),
      incident('done-2', 'low', 'resolved', '2024-07-19T00:00:00Z', '2024-07-19T00:20:00Z'),
    ];
    expect(openIncidents(items).map((i) => i.id)).toEqual(['crit', 'high-old', 'high-new', 'high-ack', 'med', 'low-1']);
    expect(resolvedIncidents(items).map((i) => i.id)).toEqual(['done-2', 'done-1']);
  });
});

describe('what a console shows of its own waiting events (client/device/optimistic.ts folded, then markPending)', () => {
  const at = '2024-07-19T01:00:00.000Z';
  function liveLog(): LogBuilder {
    const log = new LogBuilder().setup();
    log.add('agency.upserted', { agencyId: 'hctd', name: 'Hội Chữ thập đỏ', quota: { kind: 'count', count: 10 } }, { at, actor: ADMIN });
    log.add('agency.upserted', { agencyId: 'ubndtp', name: 'UBND thành phố', quota: { kind: 'count', count: 10 } }, { at, actor: ADMIN });
    log.add('task.defined', { taskId: 'sound', title: 'Âm thanh', owner: 'hctd', phase: 'day1', due: null }, { at, actor: ADMIN });
    log.add('task.status_set', { taskId: 'sound', status: 'todo', note: 'kiểm tra loa' }, { at, actor: ADMIN });
    log.add('task.defined', { taskId: 'banners', title: 'banners', owner: 'hctd', phase: 'before', due: null }, { at, actor: ADMIN });
    log.add('incident.reported', { incidentId: 'inc-1', title: 'Mất điện', severity: 'high' }, { at, actor: COORD });
    log.add('schedule.item_set', { itemId: 'opening', title: 'Khai mạc', start: '2024-07-19T07:30:00+07:00', durationMin: 30 }, { at, actor: ADMIN });
    return log;
  }
  const me = { id: 'tok-phone-a', role: 'coordinator', label: 'Điều phối A' };
  const own = (id: string, type: OutboxEntry['type'], payload: Record<string, unknown>, createdAt: number): OutboxEntry => ({
    id,
    type,
    payload,
    createdAt,
    occurredAt: new Date(Date.parse(at) + createdAt).toISOString(),
    attempts: 0,
  });

  /** What the console lists: the view's rows, marked against the live rows. */
  function shown(pending: OutboxEntry[], recorded: RecordedEntry[] = [], log = liveLog()) {
    const base = replay(log.events);
    const view = optimisticView(base, pending, recorded, me);
    return { data: markPending(consoleDataOf(toStateBody(view.projection!)), consoleDataOf(toStateBody(base))), view, base };
  }

  it('shows a waiting status change at once, by this device, marked pending; the last one made wins; the live data is left as it was', () => {
    const before = JSON.stringify(toStateBody(replay(liveLog().events)));
    const { data, base } = shown([
      own('e1', 'task.status_set', { taskId: 'sound', status: 'in_progress', note: 'đang lắp' }, 1000),
      own('e2', 'task.status_set', { taskId: 'sound', status: 'done' }, 2000),
    ]);
    const sound = data.tasks.find((t) => t.id === 'sound')!;
    expect(sound).toMatchObject({ status: 'done', note: null, updatedBy: 'Điều phối A', pending: true, updatedAt: new Date(Date.parse(at) + 2000).toISOString() });
    expect(data.tasks.find((t) => t.id === 'banners')!.pending).toBeUndefined();
    expect(JSON.stringify(toStateBody(base))).toBe(before);
  });

  it('skips what the live data already includes, so a later change by someone else shows', () => {
    const log = liveLog();
    log.add('task.status_set', { taskId: 'sound', status: 'done' }, { at, actor: { tokenId: me.id, role: me.role, label: me.label }, id: 'e1' });
    log.add('task.status_set', { taskId: 'sound', status: 'blocked' }, { at, actor: { ...COORD, label: 'Điều phối B' } });
    const { data, view } = shown([own('e1', 'task.status_set', { taskId: 'sound', status: 'done' }, 1000)], [], log);
    expect(view.unconfirmed.size).toBe(0);
    expect(data.tasks.find((t) => t.id === 'sound')).toMatchObject({ status: 'blocked', updatedBy: 'Điều phối B' });
    expect(data.tasks.find((t) => t.id === 'sound')!.pending).toBeUndefined();
  });

  it('keeps showing an event the server recorded until the live data has it (no flicker back)', () => {
    const entry = own('e1', 'task.status_set', { taskId: 'sound', status: 'done' }, 1000);
    const { data, view } = shown([], [{ ...entry, seq: 999 }]);
    expect(view.unconfirmed.has('e1')).toBe(true);
    expect(view.waiting.has('e1')).toBe(false);
    expect(data.tasks.find((t) => t.id === 'sound')).toMatchObject({ status: 'done', pending: true });
  });

  it('adds a reported incident, acknowledges and resolves, ignoring a second report of one already live', () => {
    const { data } = shown([
      own('r', 'incident.reported', { incidentId: 'inc-2', title: 'Thiếu ghế', severity: 'medium', place: 'Sảnh A' }, 1),
      own('a', 'incident.acknowledged', { incidentId: 'inc-1' }, 2),
      own('x', 'incident.resolved', { incidentId: 'inc-2' }, 3),
      own('dup', 'incident.reported', { incidentId: 'inc-1', title: 'khác', severity: 'low' }, 4),
    ]);
    expect(data.incidents.find((i) => i.id === 'inc-1')).toMatchObject({ title: 'Mất điện', status: 'acknowledged', acknowledgedBy: 'Điều phối A', pending: true });
    expect(data.incidents.find((i) => i.id === 'inc-2')).toMatchObject({ status: 'resolved', place: 'Sảnh A', reportedBy: 'Điều phối A', pending: true });
  });

  it('adds and edits tasks and run-of-show items; a removal is shown struck through until recorded', () => {
    const { data } = shown([
      own('t', 'task.defined', { taskId: 'water', title: 'Nước uống', owner: 'hctd', phase: 'day1', due: null }, 1),
      own('e', 'task.defined', { taskId: 'banners', title: 'banners', owner: 'ubndtp', phase: 'before', due: '2024-07-17T17:00:00+07:00' }, 2),
      own('s', 'schedule.item_set', { itemId: 'honours', title: 'Lễ tôn vinh', start: '2024-07-19T08:00:00+07:00', durationMin: 45 }, 3),
      own('d', 'schedule.item_removed', { itemId: 'opening' }, 4),
    ]);
    expect(data.tasks.find((t) => t.id === 'water')).toMatchObject({ status: 'todo', phase: 'day1', pending: true });
    expect(data.tasks.find((t) => t.id === 'banners')).toMatchObject({ owner: 'ubndtp', due: '2024-07-17T17:00:00+07:00', pending: true });
    expect(data.schedule.map((s) => [s.id, s.removing === true, s.pending === true])).toEqual([
      ['opening', true, true],
      ['honours', false, true],
    ]);
  });

  it('an edit that leaves a row as it is live is not shown as pending', () => {
    const { data } = shown([own('s', 'schedule.item_set', { itemId: 'opening', title: 'Khai mạc', start: '2024-07-19T07:30:00+07:00', durationMin: 30 }, 1)]);
    expect(data.schedule[0]!.pending).toBeUndefined();
  });
});

describe('times in the event zone', () => {
  it('converts datetime-local values to instants with the zone offset and back', () => {
    expect(zoneOffsetMin(at('2024-07-19T00:00:00Z'), HCM)).toBe(420);
    expect(fromLocalInput('2024-07-19T07:30', HCM)).toBe('2024-07-19T07:30:00+07:00');
    expect(fromLocalInput('2024-07-19T00:15', HCM)).toBe('2024-07-19T00:15:00+07:00');
    expect(toLocalInput('2024-07-19T00:30:00Z', HCM)).toBe('2024-07-19T07:30');
    expect(toLocalInput('2024-07-18T17:15:00Z', HCM)).toBe('2024-07-19T00:15');
    expect(toLocalInput(null, HCM)).toBe('');
    expect(fromLocalInput('', HCM)).toBeNull();
    expect(fromLocalInput('19/7/2024 07:30', HCM)).toBeNull();
    // A zone with daylight saving and a negative offset.
    expect(fromLocalInput('2024-07-04T09:00', 'America/New_York')).toBe('2024-07-04T09:00:00-04:00');
    expect(fromLocalInput('2024-01-04T09:00', 'America/New_York')).toBe('2024-01-04T09:00:00-05:00');
    for (const value of ['2024-07-19T07:30', '2024-07-20T23:59', '2024-12-31T00:00']) expect(toLocalInput(fromLocalInput(value, HCM), HCM)).toBe(value);
  });

  it('writes times the Vietnamese way: 24-hour, then 19/7/2024', () => {
    expect(formatWhen('2024-07-19T06:05:00Z', HCM)).toBe('13:05 · 19/7/2024');
    expect(formatWhen('2024-07-18T17:30:00Z', HCM)).toBe('00:30 · 19/7/2024');
  });

  it('offers the days around the festival and today in the date picker, labelled the Vietnamese way', () => {
    const days = dayChoices(['2024-07-19', '2024-07-20'], '2024-07-18', null);
    expect(days[0]).toBe('2024-06-21');
    expect(days.at(-1)).toBe('2024-08-01'); // today + 14
    expect(new Set(days).size).toBe(days.length);
    const far = dayChoices(['2024-07-19', '2024-07-20'], '2026-01-10', '2023-12-31');
    expect(far).toContain('2023-12-31');
    expect(far).toContain('2026-01-09');
    expect(far).toContain('2024-07-22');
    expect(far).not.toContain('2024-07-23');
    expect(far).toEqual([...far].sort());
    expect(dayChoiceLabel('2024-07-19', ['2024-07-19', '2024-07-20'])).toBe('Ngày hội 1 · Thứ Sáu 19/7/2024');
    expect(dayChoiceLabel('2024-07-21', ['2024-07-19', '2024-07-20'])).toBe('Chủ Nhật 21/7/2024');
  });

  it('writes phases, times, durations, days and refusals in English too (client/i18n/console)', () => {
    const days = ['2024-07-19', '2024-07-20'];
    expect(phaseLabel('parade', days)).toEqual({ vi: 'Diễu hành 18/7', en: 'Parade 18 Jul' });
    expect(phaseLabel('day2', days)).toEqual({ vi: 'Ngày hội 20/7', en: 'Festival 20 Jul' });
    expect(formatWhen('2024-07-19T06:05:00Z', HCM, 'en')).toBe('13:05 · 19 Jul 2024');
    expect(formatDuration(90)).toEqual({ vi: '1 giờ 30 phút', en: '1 h 30 min' });
    expect(formatDuration(45)).toEqual({ vi: '45 phút', en: '45 min' });
    expect(dayChoiceLabel('2024-07-19', days, 'en')).toBe('Festival day 1 · Friday 19 Jul 2024');
    expect(dayChoiceLabel('2024-07-21', days, 'en')).toBe('Sunday 21 Jul 2024');
    expect(eventTypeLabel('incident.reported')).toEqual({ vi: 'Báo sự cố', en: 'Incident reported' });
    expect(eventTypeLabel('donor.registered')).toBeNull();
    // The console's own words, else the shared errors', else the server's message.
    expect(refusalText('incident_not_open', 'x')).toEqual({ vi: 'sự cố đã được tiếp nhận hoặc xử lý rồi', en: 'the incident was acknowledged or resolved already' });
    expect(refusalText('unknown_task', 'x')).toEqual({ vi: 'không có công việc này', en: 'no such task' });
    expect(refusalText('weird', 'teapot')).toEqual({ vi: 'máy chủ từ chối (teapot)', en: 'refused by the server (teapot)' });
    expect(statusLabel('done')).toEqual({ vi: 'Đã xong', en: 'Done' });
    expect(severityLabel('critical')).toEqual({ vi: 'Khẩn cấp', en: 'Critical' });
  });

  it('makes short ids from Vietnamese titles', () => {
    expect(slugOf('Nước uống cho người hiến máu')).toBe('nuoc-uong-cho-nguoi-hien');
    expect(slugOf('Đường điện dự phòng', 64)).toBe('duong-dien-du-phong');
    expect(slugOf('!!!')).toBe('muc');
  });
});
