import { describe, expect, it } from 'vitest';
import {
  QUARTER_HOUR_MS,
  WALK_IN_AGENCY_ID,
  apply,
  applyAndCount,
  applyInPlace,
  cloneState,
  initialState,
  projectionForViewer,
  projectionFromWire,
  projectionToWire,
  replay,
  toStateBody,
} from '../../shared/index.ts';
import type { Counts, ProjectionState, RecordedEvent, StateBody } from '../../shared/index.ts';
import { ADMIN, AG_COUNT, AG_PERCENT, COORD, DAY1, DAY2, DESK1, DESK2, LogBuilder, TASK, TZ, canonical, testHash, vn } from './fixtures.ts';

const counts = (registered: number, checkedIn: number, donated: number, deferred: number, volumeMl: number): Counts => ({
  registered,
  checkedIn,
  donated,
  deferred,
  volumeMl,
});

function withoutSeq(body: StateBody): Omit<StateBody, 'seq'> {
  const { seq: _seq, ...rest } = body;
  return rest;
}

/**
 * The reference scenario.
 * Day 1 (19/7): a1, a2 (count agency) and p1 (percent agency) register and check in;
 *   a1 gives 350 ml, a2 is deferred, p1 gives 450 ml.
 * Day 2 (20/7): at 2024-07-19T18:00:00Z (01:00 on the 20th in Việt Nam) walk-in w1 registers,
 *   checks in and gives 250 ml; a1 checks in again and gives 250 ml.
 */
function scenario() {
  const b = new LogBuilder().setup();
  const e = {
    regA1: b.add(
      'donor.registered',
      { donorId: 'a1', fullName: 'Nguyễn Thị Lan', agencyId: AG_COUNT, bloodType: 'O+', phone: '0912345678', nationalIdHash: testHash('030190001234'), nationalIdLast4: '1234' },
      { at: vn(DAY1, '07:30'), actor: DESK1 },
    ),
    regA2: b.add('donor.registered', { donorId: 'a2', fullName: 'Trần Văn Nam', agencyId: AG_COUNT }, { at: vn(DAY1, '07:31'), actor: DESK1 }),
    regP1: b.add('donor.registered', { donorId: 'p1', fullName: 'Lê Thị Hoa', agencyId: AG_PERCENT, bloodType: 'A+' }, { at: vn(DAY1, '07:32'), actor: DESK2 }),
    inA1: b.add('donor.checked_in', { donorId: 'a1' }, { at: vn(DAY1, '08:00'), actor: DESK1 }),
    inA2: b.add('donor.checked_in', { donorId: 'a2' }, { at: vn(DAY1, '08:01'), actor: DESK1 }),
    inP1: b.add('donor.checked_in', { donorId: 'p1' }, { at: vn(DAY1, '08:02'), actor: DESK2 }),
    donA1: b.add('donor.donated', { donorId: 'a1', volumeMl: 350 }, { at: vn(DAY1, '08:20'), actor: DESK1 }),
    defA2: b.add('donor.deferred', { donorId: 'a2', reason: 'Huyết áp thấp' }, { at: vn(DAY1, '08:25'), actor: DESK1 }),
    donP1: b.add('donor.donated', { donorId: 'p1', volumeMl: 450 }, { at: vn(DAY1, '08:40'), actor: DESK2 }),
    regW1: b.add('donor.registered', { donorId: 'w1', fullName: 'Phạm Văn Đức', agencyId: WALK_IN_AGENCY_ID, phone: '+84987654321' }, { at: '2024-07-19T18:00:00.000Z', actor: DESK2 }),
    inW1: b.add('donor.checked_in', { donorId: 'w1' }, { at: vn(DAY2, '07:00'), actor: DESK2 }),
    donW1: b.add('donor.donated', { donorId: 'w1', volumeMl: 250 }, { at: vn(DAY2, '07:20'), actor: DESK2 }),
    in2A1: b.add('donor.checked_in', { donorId: 'a1' }, { at: vn(DAY2, '07:05'), actor: DESK1 }),
    don2A1: b.add('donor.donated', { donorId: 'a1', volumeMl: 250 }, { at: vn(DAY2, '07:25'), actor: DESK1 }),
  };
  return { events: b.events, e, builder: b };
}

describe('initial state and setup', () => {
  it('starts empty at seq 0', () => {
    const body = toStateBody(initialState());
    expect(body.seq).toBe(0);
    expect(body.event).toBeNull();
    expect(body.totals).toEqual(counts(0, 0, 0, 0, 0));
    expect(body.walkIns).toEqual(counts(0, 0, 0, 0, 0));
    expect(body.agencies).toEqual([]);
    expect(body.tasks).toEqual([]);
    expect(body.milestones).toEqual([]);
    expect(body.days).toEqual([]);
    expect(body.target).toBe(0);
  });

  it('folds the setup events: event, agencies with their quotas, tasks', () => {
    const b = new LogBuilder().setup();
    const body = toStateBody(replay(b.events));
    expect(body.seq).toBe(4);
    expect(body.event).toMatchObject({ timezone: TZ, days: [DAY1, DAY2], countOn: 'donated' });
    expect(body.agencies.map((a) => [a.id, a.quota])).toEqual([
      [AG_COUNT, 150],
      [AG_PERCENT, 61],
    ]);
    expect(body.target).toBe(211);
    expect(body.tasks).toEqual([expect.objectContaining({ id: TASK, title: 'Dựng sân khấu', owner: AG_COUNT, status: 'todo', updatedAt: null, updatedBy: null })]);
  });

  it('agency.upserted again replaces name and quota, keeps counts', () => {
    const { builder } = scenario();
    builder.add('agency.upserted', { agencyId: AG_COUNT, name: 'Sở Y tế tỉnh', quota: { kind: 'count', count: 10 } }, { at: vn(DAY2, '09:00'), actor: ADMIN });
    const row = toStateBody(replay(builder.events)).agencies.find((a) => a.id === AG_COUNT)!;
    expect(row).toMatchObject({ name: 'Sở Y tế tỉnh', quota: 10, registered: 2, donated: 2 });
  });

  it('task.defined again keeps the task status history', () => {
    const b = new LogBuilder().setup();
    b.add('task.status_set', { taskId: TASK, status: 'done' }, { at: vn(DAY1, '06:00'), actor: COORD });
    b.add('task.defined', { taskId: TASK, title: 'Dựng sân khấu chính', owner: AG_PERCENT, phase: 'before', due: null }, { at: vn(DAY1, '06:30'), actor: ADMIN });
    const task = toStateBody(replay(b.events)).tasks[0]!;
    expect(task).toMatchObject({ title: 'Dựng sân khấu chính', owner: AG_PERCENT, status: 'done' });
  });
});

describe('counting', () => {
  const { events } = scenario();
  const state = replay(events);
  const body = toStateBody(state);

  it('counts overall totals', () => {
    expect(state.totals).toEqual(counts(4, 5, 4, 1, 350 + 450 + 250 + 250));
    expect(body.totals).toEqual(state.totals);
  });

  it('counts per agency (byAgency), walk-ins under their own id', () => {
    expect(state.byAgency.get(AG_COUNT)).toEqual(counts(2, 3, 2, 1, 600));
    expect(state.byAgency.get(AG_PERCENT)).toEqual(counts(1, 1, 1, 0, 450));
    expect(state.byAgency.get(WALK_IN_AGENCY_ID)).toEqual(counts(1, 1, 1, 0, 250));
  });

  it('counts per festival day in the event time zone (byDay)', () => {
    expect([...state.byDay.keys()].sort()).toEqual([DAY1, DAY2]);
    expect(state.byDay.get(DAY1)).toEqual(counts(3, 3, 2, 1, 800));
    // w1 registered at 2024-07-19T18:00:00Z, which is 01:00 on the 20th in Việt Nam.
    expect(state.byDay.get(DAY2)).toEqual(counts(1, 2, 2, 0, 500));
    expect(state.donors.get('w1')!.registeredDay).toBe(DAY2);
    expect(body.days).toEqual([
      { date: DAY1, ...counts(3, 3, 2, 1, 800) },
      { date: DAY2, ...counts(1, 2, 2, 0, 500) },
    ]);
  });

  it('counts per agency per day', () => {
    const row = body.agencies.find((a) => a.id === AG_COUNT)!;
    expect(row.days).toEqual({ [DAY1]: counts(2, 2, 1, 1, 350), [DAY2]: counts(0, 1, 1, 0, 250) });
  });

  it('shows walk-ins on their own line, not among agencies', () => {
    expect(body.walkIns).toEqual(counts(1, 1, 1, 0, 250));
    expect(body.agencies.map((a) => a.id)).toEqual([AG_COUNT, AG_PERCENT]);
    expect(body.agencies.some((a) => a.id === WALK_IN_AGENCY_ID)).toBe(false);
  });

  it('adds up: totals = agencies + walk-ins = sum of days', () => {
    for (const field of ['registered', 'checkedIn', 'donated', 'deferred', 'volumeMl'] as const) {
      const byAgencies = body.agencies.reduce((sum, a) => sum + a[field], 0) + body.walkIns[field];
      const byDays = body.days.reduce((sum, d) => sum + d[field], 0);
      expect(byAgencies, field).toBe(body.totals[field]);
      expect(byDays, field).toBe(body.totals[field]);
    }
  });

  it('counts a deferred donor as checked in, never as donated', () => {
    const row = body.agencies.find((a) => a.id === AG_COUNT)!;
    // a2 was deferred: checked in, not donated, no volume.
    const b = new LogBuilder().setup();
    b.add('donor.registered', { donorId: 'x', fullName: 'X', agencyId: AG_PERCENT }, { at: vn(DAY1, '08:00'), actor: DESK1 });
    b.add('donor.checked_in', { donorId: 'x' }, { at: vn(DAY1, '08:01'), actor: DESK1 });
    b.add('donor.deferred', { donorId: 'x', reason: 'Hemoglobin thấp' }, { at: vn(DAY1, '08:02'), actor: DESK1 });
    const deferredOnly = toStateBody(replay(b.events));
    expect(deferredOnly.totals).toEqual(counts(1, 1, 0, 1, 0));
    expect(deferredOnly.agencies.find((a) => a.id === AG_PERCENT)).toMatchObject(counts(1, 1, 0, 1, 0));
    expect(deferredOnly.bloodTypes).toEqual({});
    expect(deferredOnly.donationsPer15Min).toEqual([]);
    expect(row.deferred).toBe(1);
  });

  it('keeps donations per blood type and per 15 minutes', () => {
    expect(body.bloodTypes).toEqual({ 'O+': 2, 'A+': 1, unknown: 1 });
    expect(body.donationsPer15Min).toEqual([
      { start: '2024-07-19T01:15:00.000Z', donated: 1 }, // a1 08:20
      { start: '2024-07-19T01:30:00.000Z', donated: 1 }, // p1 08:40
      { start: '2024-07-20T00:15:00.000Z', donated: 2 }, // w1 07:20, a1 07:25
    ]);
    expect(QUARTER_HOUR_MS).toBe(900_000);
  });

  it('records the donor path per day, with who recorded the outcome', () => {
    const a1 = state.donors.get('a1')!;
    expect([...a1.days.keys()]).toEqual([DAY1, DAY2]);
    expect(a1.days.get(DAY1)!.outcome).toMatchObject({ kind: 'donated', volumeMl: 350, by: DESK1.label });
    expect(state.donors.get('a2')!.days.get(DAY1)!.outcome).toMatchObject({ kind: 'deferred', reason: 'Huyết áp thấp' });
  });

  it('uses the time zone of event.configured, not a fixed one', () => {
    const b = new LogBuilder();
    b.add('event.configured', { name: 'UTC fest', venue: 'v', timezone: 'UTC', days: ['2024-07-19'], countOn: 'donated' }, { at: '2024-07-18T00:00:00Z', actor: ADMIN });
    b.add('donor.registered', { donorId: 'u', fullName: 'U', agencyId: WALK_IN_AGENCY_ID }, { at: '2024-07-19T18:00:00.000Z', actor: DESK1 });
    expect([...replay(b.events).byDay.keys()]).toEqual(['2024-07-19']);
  });

  it('before any event.configured, uses Asia/Ho_Chi_Minh', () => {
    const b = new LogBuilder();
    b.add('donor.registered', { donorId: 'u', fullName: 'U', agencyId: WALK_IN_AGENCY_ID }, { at: '2024-07-19T18:00:00.000Z', actor: DESK1 });
    expect([...replay(b.events).byDay.keys()]).toEqual(['2024-07-20']);
  });
});

describe('events that do not fit the state are ignored the same way everywhere', () => {
  it('ignores a second registration of the same donor', () => {
    const b = new LogBuilder().setup();
    b.add('donor.registered', { donorId: 'x', fullName: 'X', agencyId: AG_COUNT }, { at: vn(DAY1, '08:00') });
    b.add('donor.registered', { donorId: 'x', fullName: 'Y', agencyId: AG_PERCENT }, { at: vn(DAY1, '08:01') });
    const state = replay(b.events);
    expect(state.totals.registered).toBe(1);
    expect(state.donors.get('x')!.fullName).toBe('X');
    expect(state.seq).toBe(6);
  });

  it('ignores check-in of an unknown donor, donation without check-in, a second check-in or outcome the same day', () => {
    const b = new LogBuilder().setup();
    b.add('donor.checked_in', { donorId: 'ghost' }, { at: vn(DAY1, '08:00') });
    b.add('donor.registered', { donorId: 'x', fullName: 'X', agencyId: AG_COUNT }, { at: vn(DAY1, '08:00') });
    b.add('donor.donated', { donorId: 'x', volumeMl: 350 }, { at: vn(DAY1, '08:01') });
    b.add('donor.checked_in', { donorId: 'x' }, { at: vn(DAY1, '08:02') });
    b.add('donor.checked_in', { donorId: 'x' }, { at: vn(DAY1, '08:03') });
    b.add('donor.donated', { donorId: 'x', volumeMl: 350 }, { at: vn(DAY1, '08:04') });
    b.add('donor.donated', { donorId: 'x', volumeMl: 450 }, { at: vn(DAY1, '08:05') });
    b.add('donor.deferred', { donorId: 'x', reason: 'r' }, { at: vn(DAY1, '08:06') });
    b.add('task.status_set', { taskId: 'no-such-task', status: 'done' }, { at: vn(DAY1, '08:07') });
    expect(replay(b.events).totals).toEqual(counts(1, 1, 1, 0, 350));
  });

  it('never throws on an unknown type', () => {
    const state = initialState();
    applyInPlace(state, { seq: 1, id: 'ev-x', type: 'donor.teleported', payload: {}, at: vn(DAY1, '08:00') } as unknown as RecordedEvent);
    expect(state.seq).toBe(1);
    expect(state.totals).toEqual(counts(0, 0, 0, 0, 0));
  });
});

describe('tasks', () => {
  it('shows the status of task.status_set with note and who set it', () => {
    const b = new LogBuilder().setup();
    b.add('task.status_set', { taskId: TASK, status: 'in_progress', note: 'đang dựng' }, { at: vn(DAY1, '06:00'), actor: COORD });
    const task = toStateBody(replay(b.events)).tasks[0]!;
    expect(task).toEqual(expect.objectContaining({ id: TASK, status: 'in_progress', note: 'đang dựng', updatedAt: vn(DAY1, '06:00'), updatedBy: COORD.label }));
  });

  it('is last-write-wins in log order, even when the later write carries an earlier time', () => {
    const b = new LogBuilder().setup();
    b.add('task.status_set', { taskId: TASK, status: 'in_progress' }, { at: vn(DAY1, '06:00'), actor: COORD });
    b.add('task.status_set', { taskId: TASK, status: 'blocked', note: 'thiếu điện' }, { at: vn(DAY1, '06:30'), actor: COORD });
    b.add('task.status_set', { taskId: TASK, status: 'done' }, { at: vn(DAY1, '06:10'), actor: ADMIN });
    const task = toStateBody(replay(b.events)).tasks[0]!;
    expect(task.status).toBe('done');
    expect(task.note).toBeNull();
    expect(task.updatedBy).toBe(ADMIN.label);
  });

  it('falls back to the role when the actor has no label, and to null with no actor', () => {
    const b = new LogBuilder().setup();
    b.add('task.status_set', { taskId: TASK, status: 'done' }, { at: vn(DAY1, '06:00'), actor: { tokenId: 't', role: 'coordinator', label: '' } });
    expect(toStateBody(replay(b.events)).tasks[0]!.updatedBy).toBe('coordinator');
    b.add('task.status_set', { taskId: TASK, status: 'todo' }, { at: vn(DAY1, '06:01') });
    expect(toStateBody(replay(b.events)).tasks[0]!.updatedBy).toBeNull();
  });
});

describe('toStateBody matches the public contract (API.md)', () => {
  const { events } = scenario();
  const body = toStateBody(replay(events));

  it('has seq, totals, agencies, tasks, milestones', () => {
    expect(body.seq).toBe(events.length);
    expect(Object.keys(body.totals).sort()).toEqual(['checkedIn', 'deferred', 'donated', 'registered', 'volumeMl']);
    for (const value of Object.values(body.totals)) expect(Number.isInteger(value)).toBe(true);
    expect(Array.isArray(body.milestones)).toBe(true);
  });

  it('agency rows carry id, name, quota (number or null), registered, checkedIn, donated, deferred', () => {
    for (const row of body.agencies) {
      expect(row).toEqual(
        expect.objectContaining({
          id: expect.any(String),
          name: expect.any(String),
          registered: expect.any(Number),
          checkedIn: expect.any(Number),
          donated: expect.any(Number),
          deferred: expect.any(Number),
        }),
      );
      expect(row.quota === null || Number.isInteger(row.quota)).toBe(true);
    }
    expect(body.agencies.find((a) => a.id === AG_PERCENT)!.quota).toBe(61);
  });

  it('an agency with no quota has quota null', () => {
    const b = new LogBuilder();
    b.add('agency.upserted', { agencyId: 'hctd', name: 'Hội Chữ thập đỏ', quota: null }, { at: vn(DAY1, '06:00') });
    b.add('agency.upserted', { agencyId: 'x', name: 'X', quota: { kind: 'percent_of_headcount', percent: 50, headcount: null } }, { at: vn(DAY1, '06:00') });
    expect(toStateBody(replay(b.events)).agencies.map((a) => a.quota)).toEqual([null, null]);
  });

  it('task rows carry id, title, owner, status', () => {
    expect(body.tasks).toEqual([expect.objectContaining({ id: TASK, title: 'Dựng sân khấu', owner: AG_COUNT, status: 'todo' })]);
  });

  it('milestone rows carry id, label, reachedAt, announcedAt (v1) and kind, script, value, agencyId, reachedSeq, skippedAt, withdrawnAt', () => {
    // The engine reaches the first donation of each day: a1 at 08:20 on day 1 (seq 11), walk-in w1 at 07:20 on day 2 (seq 16).
    expect(body.milestones).toEqual([
      {
        id: 'first-donation-2024-07-19',
        label: 'Người hiến máu đầu tiên ngày 19/7/2024',
        reachedAt: vn(DAY1, '08:20'),
        announcedAt: null,
        kind: 'first_donation_of_day',
        script:
          'Kính thưa quý vị đại biểu, thưa toàn thể quý vị! Lúc 08:20 ngày 19/7/2024, Ngày hội Ngàn trái tim hồng đã tiếp nhận đơn vị máu đầu tiên của ngày, từ một người hiến máu thuộc Sở Y tế. Xin trân trọng cảm ơn người hiến máu đã mở đầu ngày hội bằng nghĩa cử cao đẹp này!',
        value: 1,
        agencyId: AG_COUNT,
        reachedSeq: 11,
        skippedAt: null,
        withdrawnAt: null,
      },
      {
        id: 'first-donation-2024-07-20',
        label: 'Người hiến máu đầu tiên ngày 20/7/2024',
        reachedAt: vn(DAY2, '07:20'),
        announcedAt: null,
        kind: 'first_donation_of_day',
        script:
          'Kính thưa quý vị đại biểu, thưa toàn thể quý vị! Lúc 07:20 ngày 20/7/2024, Ngày hội Ngàn trái tim hồng đã tiếp nhận đơn vị máu đầu tiên của ngày, từ một người hiến máu. Xin trân trọng cảm ơn người hiến máu đã mở đầu ngày hội bằng nghĩa cử cao đẹp này!',
        value: 1,
        agencyId: WALK_IN_AGENCY_ID,
        reachedSeq: 16,
        skippedAt: null,
        withdrawnAt: null,
      },
    ]);
  });

  it('is plain JSON (survives a JSON round trip unchanged)', () => {
    expect(JSON.parse(JSON.stringify(body))).toEqual(body);
  });

  it('never carries a donor record, phone or national id', () => {
    const json = JSON.stringify(body);
    expect(json).not.toContain('0912345678');
    expect(json).not.toContain('030190001234');
    expect(json).not.toContain('Nguyễn Thị Lan');
  });

  it('is a copy: mutating it does not touch the state', () => {
    const state = replay(events);
    const before = canonical(state);
    const view = toStateBody(state);
    view.totals.donated = 999;
    view.agencies[0]!.days[DAY1]!.donated = 999;
    view.event!.days.push('2099-01-01');
    view.tasks[0]!.also.push('x');
    expect(canonical(state)).toBe(before);
  });
});

describe('event.voided reverses each voidable type', () => {
  const { events, e } = scenario();
  const voidAt = vn(DAY2, '10:00');

  /** The view of `log` + void(target) must equal the view of `log` without target (seq aside). */
  function expectVoidUndoes(log: RecordedEvent[], target: RecordedEvent): ProjectionState {
    const b = new LogBuilder(log.length);
    b.add('event.voided', { eventId: target.id, reason: 'nhập nhầm' }, { at: voidAt, actor: ADMIN });
    const voided = replay([...log, ...b.events]);
    const without = replay(log.filter((ev) => ev.id !== target.id));
    expect(withoutSeq(toStateBody(voided))).toEqual(withoutSeq(toStateBody(without)));
    expect(voided.applied.get(target.id)!.voidedBy).toBe(b.events[0]!.id);
    return voided;
  }

  it('donor.donated', () => {
    const state = expectVoidUndoes(events, e.don2A1);
    expect(state.totals).toEqual(counts(4, 5, 3, 1, 1050));
    expect(state.donors.get('a1')!.days.get(DAY2)!.outcome).toBeUndefined();
  });

  it('donor.deferred', () => {
    const state = expectVoidUndoes(events, e.defA2);
    expect(state.totals.deferred).toBe(0);
    expect(state.totals.checkedIn).toBe(5);
  });

  it('donor.checked_in (with no outcome that day)', () => {
    const log = events.filter((ev) => ev.id !== e.don2A1.id);
    const state = expectVoidUndoes(log, e.in2A1);
    expect(state.donors.get('a1')!.days.has(DAY2)).toBe(false);
  });

  it('donor.registered (with no check-in)', () => {
    const b = new LogBuilder().setup();
    const reg = b.add('donor.registered', { donorId: 'z', fullName: 'Z', agencyId: AG_PERCENT, phone: '0900000000' }, { at: vn(DAY1, '08:00'), actor: DESK1 });
    b.add('donor.registered', { donorId: 'y', fullName: 'Y', agencyId: AG_PERCENT }, { at: vn(DAY1, '08:05'), actor: DESK1 });
    const state = expectVoidUndoes(b.events, reg);
    expect(state.donors.has('z')).toBe(false);
    expect(state.totals.registered).toBe(1);
  });

  it('task.status_set (the previous status comes back)', () => {
    const b = new LogBuilder().setup();
    b.add('task.status_set', { taskId: TASK, status: 'in_progress' }, { at: vn(DAY1, '06:00'), actor: COORD });
    const last = b.add('task.status_set', { taskId: TASK, status: 'blocked', note: 'mưa' }, { at: vn(DAY1, '06:30'), actor: COORD });
    const state = expectVoidUndoes(b.events, last);
    expect(toStateBody(state).tasks[0]).toMatchObject({ status: 'in_progress', note: null, updatedAt: vn(DAY1, '06:00') });
  });

  it('task.status_set (an earlier change, the latest stays)', () => {
    const b = new LogBuilder().setup();
    const first = b.add('task.status_set', { taskId: TASK, status: 'in_progress' }, { at: vn(DAY1, '06:00'), actor: COORD });
    b.add('task.status_set', { taskId: TASK, status: 'done' }, { at: vn(DAY1, '06:30'), actor: COORD });
    const state = expectVoidUndoes(b.events, first);
    expect(toStateBody(state).tasks[0]!.status).toBe('done');
  });

  it('task.status_set (the only change: back to todo)', () => {
    const b = new LogBuilder().setup();
    const only = b.add('task.status_set', { taskId: TASK, status: 'done' }, { at: vn(DAY1, '06:00'), actor: COORD });
    const state = expectVoidUndoes(b.events, only);
    expect(toStateBody(state).tasks[0]).toMatchObject({ status: 'todo', updatedAt: null });
  });

  it('milestone.announced and milestone.skipped (a milestone the engine reached)', () => {
    const state = replay(events);
    const before = toStateBody(state);
    const b = new LogBuilder(state.seq);
    const announce = b.add('milestone.announced', { milestoneId: 'first-donation-2024-07-19' }, { at: vn(DAY1, '09:00'), actor: ADMIN });
    applyInPlace(state, announce);
    expect(toStateBody(state).milestones[0]!.announcedAt).toBe(vn(DAY1, '09:00'));
    applyInPlace(state, b.add('event.voided', { eventId: announce.id, reason: 'sớm quá' }, { at: vn(DAY1, '09:01'), actor: ADMIN }));
    expect(withoutSeq(toStateBody(state))).toEqual(withoutSeq(before));

    const skip = b.add('milestone.skipped', { milestoneId: 'first-donation-2024-07-20' }, { at: vn(DAY2, '09:00'), actor: ADMIN });
    applyInPlace(state, skip);
    expect(toStateBody(state).milestones[1]!.skippedAt).toBe(vn(DAY2, '09:00'));
    expect(state.milestones.get('first-donation-2024-07-20')!.skippedEventId).toBe(skip.id);
    applyInPlace(state, b.add('event.voided', { eventId: skip.id, reason: 'nhầm' }, { at: vn(DAY2, '09:01'), actor: ADMIN }));
    expect(withoutSeq(toStateBody(state))).toEqual(withoutSeq(before));
    expect(state.milestones.get('first-donation-2024-07-20')!.skippedEventId).toBeNull();
  });

  it('a void that does not apply changes nothing but seq: unknown, setup, already voided, a void, blocked', () => {
    const state = replay(events);
    const b = new LogBuilder(state.seq);
    const setupId = events[1]!.id; // agency.upserted
    const first = b.add('event.voided', { eventId: e.donP1.id, reason: 'r' }, { at: voidAt, actor: ADMIN });
    applyInPlace(state, first);
    const after = withoutSeq(toStateBody(state));
    const afterCanonical = JSON.stringify(withoutSeq(toStateBody(state)));
    for (const eventId of ['no-such-event', setupId, events[0]!.id, e.donP1.id, first.id, e.inA1.id, e.regA1.id]) {
      applyInPlace(state, b.add('event.voided', { eventId, reason: 'r' }, { at: voidAt, actor: ADMIN }));
      expect(withoutSeq(toStateBody(state)), eventId).toEqual(after);
    }
    expect(JSON.stringify(withoutSeq(toStateBody(state)))).toBe(afterCanonical);
    // The blocked check-in was not marked voided: it can be voided once its donation is.
    expect(state.applied.get(e.inA1.id)!.voidedBy).toBeUndefined();
    applyInPlace(state, b.add('event.voided', { eventId: e.donA1.id, reason: 'r' }, { at: voidAt, actor: ADMIN }));
    applyInPlace(state, b.add('event.voided', { eventId: e.inA1.id, reason: 'r' }, { at: voidAt, actor: ADMIN }));
    expect(state.donors.get('a1')!.days.has(DAY1)).toBe(false);
  });

  it('voiding the only event of a day leaves no empty day row behind (minimal case)', () => {
    // BUG (reported): bump() decrements but never removes a Counts that is back to all zeros, so
    // the view of L + void(e) shows a zero row that the view of L without e does not have.
    const b = new LogBuilder().setup();
    const reg = b.add('donor.registered', { donorId: 'w', fullName: 'W', agencyId: WALK_IN_AGENCY_ID }, { at: vn(DAY2, '08:00'), actor: DESK1 });
    b.add('event.voided', { eventId: reg.id, reason: 'trùng' }, { at: vn(DAY2, '08:01'), actor: DESK1 });
    const body = toStateBody(replay(b.events));
    expect(body.totals).toEqual(counts(0, 0, 0, 0, 0));
    expect(body.days).toEqual([]);
  });

  it('after voiding a donation, the donor can donate again that day', () => {
    const b = new LogBuilder(events.length);
    b.add('event.voided', { eventId: e.don2A1.id, reason: 'sai thể tích' }, { at: voidAt, actor: DESK1 });
    b.add('donor.donated', { donorId: 'a1', volumeMl: 450 }, { at: vn(DAY2, '10:01'), actor: DESK1 });
    const state = replay([...events, ...b.events]);
    expect(state.totals).toEqual(counts(4, 5, 4, 1, 350 + 450 + 250 + 450));
  });
});

describe('apply, applyInPlace, replay, cloneState', () => {
  const { events } = scenario();

  it('apply is pure: the input state is unchanged, the output has the event', () => {
    const base = replay(events.slice(0, 8));
    const before = canonical(base);
    for (const event of events.slice(8)) {
      const next = apply(base, event);
      expect(canonical(base)).toBe(before);
      expect(next).not.toBe(base);
      expect(next.seq).toBe(event.seq);
    }
    expect(base.seq).toBe(8);
  });

  it('apply shares nothing mutable with its input', () => {
    const base = replay(events);
    const next = apply(base, { seq: base.seq + 1, id: 'ev-new', type: 'donor.registered', payload: { donorId: 'n', fullName: 'N', agencyId: AG_COUNT }, at: vn(DAY2, '11:00') });
    next.donors.get('a1')!.days.get(DAY1)!.checkedInAt = 'mutated';
    next.totals.donated = -1;
    expect(base.donors.get('a1')!.days.get(DAY1)!.checkedInAt).toBe(vn(DAY1, '08:00'));
    expect(base.totals.donated).toBe(4);
    expect(base.donors.has('n')).toBe(false);
  });

  it('folding with apply gives the same state as replay', () => {
    const folded = events.reduce(apply, initialState());
    expect(canonical(folded)).toBe(canonical(replay(events)));
  });

  it('applyInPlace ignores events at or below state.seq', () => {
    const state = replay(events);
    const before = canonical(state);
    for (const event of events) applyInPlace(state, event);
    applyInPlace(state, { seq: state.seq, id: 'ev-same-seq', type: 'donor.registered', payload: { donorId: 'late', fullName: 'L', agencyId: AG_COUNT }, at: vn(DAY2, '11:00') });
    applyInPlace(state, { seq: 0, id: 'ev-zero', type: 'donor.registered', payload: { donorId: 'late2', fullName: 'L', agencyId: AG_COUNT }, at: vn(DAY2, '11:00') });
    expect(canonical(state)).toBe(before);
  });

  it('applyInPlace advances seq even over gaps and events it ignores', () => {
    const state = replay(events);
    applyInPlace(state, { seq: state.seq + 10, id: 'ev-gap', type: 'donor.checked_in', payload: { donorId: 'ghost' }, at: vn(DAY2, '11:00') });
    expect(state.seq).toBe(events.length + 10);
  });

  it('replay continues from a given state', () => {
    const head = replay(events.slice(0, 7));
    expect(canonical(replay(events.slice(7), head))).toBe(canonical(replay(events)));
  });

  it('replay of a log with duplicates equals replay without', () => {
    const doubled = [...events.slice(0, 10), ...events.slice(5, 10), ...events.slice(10)];
    expect(canonical(replay(doubled))).toBe(canonical(replay(events)));
  });

  it('cloneState is deep', () => {
    const state = replay(events);
    const before = canonical(state);
    const copy = cloneState(state);
    expect(canonical(copy)).toBe(before);
    copy.byDay.get(DAY1)!.donated = 100;
    copy.agencies.get(AG_COUNT)!.name = 'x';
    copy.event!.days.push('2099-01-01');
    expect(canonical(state)).toBe(before);
  });
});

describe('transfer and privacy', () => {
  const { events, e } = scenario();

  it('a projection survives the wire (JSON) and goes on applying', () => {
    const head = replay(events.slice(0, 9));
    const wire = JSON.parse(JSON.stringify(projectionToWire(head, { visibility: 'full' })));
    const continued = replay(events.slice(9), projectionFromWire(wire));
    // Admin's copy holds everything but the CCCD hashes, which stay on the server.
    expect(canonical(continued)).toBe(canonical(projectionForViewer(replay(events), { visibility: 'full' })));
    expect(continued.donors).toBeInstanceOf(Map);
    expect(continued.donors.get('a1')!.days).toBeInstanceOf(Map);
  });

  it("'staff' holds the counts and no donor; the state is left untouched", () => {
    const state = replay(events);
    const before = canonical(state);
    const stripped = projectionFromWire(JSON.parse(JSON.stringify(projectionToWire(state, { visibility: 'staff' }))));
    expect(stripped.donors.size).toBe(0);
    expect(stripped.identityIndex.size).toBe(0);
    expect(stripped.donatedByBloodType.size).toBe(0);
    expect(canonical(state)).toBe(before);
    expect(state.donors.get('a1')!.phone).toBe('0912345678');
    expect(toStateBody(stripped, 'staff')).toEqual(toStateBody(state, 'staff'));
  });

  it('decoding a "__proto__" key does not reach a prototype', () => {
    const wire = JSON.parse('{"$projection":1,"body":{"__proto__":{"polluted":true},"seq":3}}');
    const decoded = projectionFromWire(wire) as unknown as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(decoded.seq).toBe(3);
  });

  it('applyAndCount gives what a donor event changed in the counts: what wall, mc and coordinator receive instead of the donor', () => {
    const state = replay(events.slice(0, events.indexOf(e.regA1)));
    expect(applyAndCount(state, e.regA1)).toEqual({ agencyId: AG_COUNT, day: DAY1 });
    for (const event of events.slice(events.indexOf(e.regA1) + 1, events.indexOf(e.donA1))) applyAndCount(state, event);
    expect(applyAndCount(state, e.donA1)).toEqual({ agencyId: AG_COUNT, day: DAY1, volumeMl: 350, quarterHour: vn(DAY1, '08:15') });
    // A setup event is not a donor's: it is sent as it is.
    expect(applyAndCount(replay([]), events[0]!)).toBeNull();
  });
});
