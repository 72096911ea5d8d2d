import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, WALK_IN_AGENCY_ID, checkEvent, initialState, mayWrite, writersOf } from '../../shared/index.ts';
import type { EventType, RuleResult } from '../../shared/index.ts';
import { ADMIN, AG_COUNT, AG_PERCENT, COORD, DAY1, DAY2, DESK1, DESK2, MC, MiniServer, TASK, TZ, vn } from './fixtures.ts';

function expectCode(result: RuleResult, code: string): Extract<RuleResult, { ok: false }> {
  if (result.ok) throw new Error(`expected ${code}, got ok`);
  expect(result.code).toBe(code);
  expect(result.message.length).toBeGreaterThan(0);
  return result;
}

/** Setup plus donor d1 (count agency) registered on day 1. */
function withDonor(): { server: MiniServer; reg: ReturnType<MiniServer['ok']> } {
  const server = new MiniServer().setup();
  const reg = server.ok('donor.registered', { donorId: 'd1', fullName: 'Nguyễn Thị Lan', agencyId: AG_COUNT }, DESK1, vn(DAY1, '07:30'));
  return { server, reg };
}

describe('setup rules', () => {
  it('accepts the setup through the rules', () => {
    const server = new MiniServer().setup();
    expect(server.log.map((e) => e.type)).toEqual(['event.configured', 'agency.upserted', 'agency.upserted', 'task.defined']);
  });

  it('unknown_timezone', () => {
    const server = new MiniServer();
    const { result } = server.send('event.configured', { name: 'n', venue: 'v', timezone: 'Asia/Hai_Duong', days: [DAY1], countOn: 'donated' }, ADMIN, vn(DAY1, '06:00'));
    expectCode(result, 'unknown_timezone');
    expect(server.log).toHaveLength(0);
  });

  it('invalid_days: days out of order or repeated', () => {
    const server = new MiniServer();
    const base = { name: 'n', venue: 'v', timezone: TZ, countOn: 'donated' as const };
    expectCode(server.send('event.configured', { ...base, days: [DAY2, DAY1] }, ADMIN, vn(DAY1, '06:00')).result, 'invalid_days');
    expectCode(server.send('event.configured', { ...base, days: [DAY1, DAY1] }, ADMIN, vn(DAY1, '06:00')).result, 'invalid_days');
    expect(server.send('event.configured', { ...base, days: [DAY1, DAY2] }, ADMIN, vn(DAY1, '06:00')).result.ok).toBe(true);
  });

  it('unknown_agency: "walk-in" is reserved and cannot be upserted', () => {
    const server = new MiniServer();
    const { result } = server.send('agency.upserted', { agencyId: WALK_IN_AGENCY_ID, name: 'Vãng lai', quota: null }, ADMIN, vn(DAY1, '06:00'));
    expect(expectCode(result, 'unknown_agency').message).toContain(WALK_IN_AGENCY_ID);
  });

  it('unknown_agency: a task owner must be an agency', () => {
    const server = new MiniServer().setup();
    const { result } = server.send('task.defined', { taskId: 't2', title: 'T', owner: 'nope', phase: 'p', due: null }, ADMIN, vn(DAY1, '06:00'));
    expectCode(result, 'unknown_agency');
  });
});

describe('donor rules', () => {
  it('unknown_agency: registering in an agency that does not exist; walk-in is accepted', () => {
    const server = new MiniServer().setup();
    const { result } = server.send('donor.registered', { donorId: 'd1', fullName: 'A', agencyId: 'nope' }, DESK1, vn(DAY1, '07:00'));
    expect(expectCode(result, 'unknown_agency').message).toContain('"nope"');
    expect(server.send('donor.registered', { donorId: 'd1', fullName: 'A', agencyId: WALK_IN_AGENCY_ID }, DESK1, vn(DAY1, '07:00')).result.ok).toBe(true);
    expect(server.send('donor.registered', { donorId: 'd2', fullName: 'B', agencyId: AG_PERCENT }, DESK1, vn(DAY1, '07:00')).result.ok).toBe(true);
  });

  it('not_registered: check-in before registration', () => {
    const server = new MiniServer().setup();
    const { result } = server.send('donor.checked_in', { donorId: 'd1' }, DESK1, vn(DAY1, '07:00'));
    expectCode(result, 'not_registered');
    expect(server.log).toHaveLength(4);
  });

  it('donor_already_registered, with when', () => {
    const { server, reg } = withDonor();
    const { result } = server.send('donor.registered', { donorId: 'd1', fullName: 'Other', agencyId: AG_PERCENT }, DESK2, vn(DAY1, '09:00'));
    expect(expectCode(result, 'donor_already_registered').details).toEqual({ registeredAt: reg.at });
  });

  it('already_checked_in: twice the same festival day (in Việt Nam time), with when', () => {
    const { server } = withDonor();
    // 00:30 on the 20th in Việt Nam is still the 19th in UTC.
    const first = server.ok('donor.checked_in', { donorId: 'd1' }, DESK1, vn(DAY2, '00:30'));
    expect(first.at).toBe('2024-07-19T17:30:00.000Z');
    const { result } = server.send('donor.checked_in', { donorId: 'd1' }, DESK2, vn(DAY2, '23:00'));
    expect(expectCode(result, 'already_checked_in').details).toEqual({ checkedInAt: first.at, by: DESK1.label });
  });

  it('a check-in late on day 1 and early on day 2 are two different days', () => {
    const { server } = withDonor();
    server.ok('donor.checked_in', { donorId: 'd1' }, DESK1, vn(DAY1, '23:59'));
    expect(server.send('donor.checked_in', { donorId: 'd1' }, DESK1, vn(DAY2, '00:01')).result.ok).toBe(true);
  });

  it('not_checked_in: donation or deferral without check-in today', () => {
    const { server } = withDonor();
    expectCode(server.send('donor.donated', { donorId: 'd1', volumeMl: 350 }, DESK1, vn(DAY1, '08:00')).result, 'not_checked_in');
    expectCode(server.send('donor.deferred', { donorId: 'd1', reason: 'r' }, DESK1, vn(DAY1, '08:00')).result, 'not_checked_in');
    // Checked in yesterday is not checked in today.
    server.ok('donor.checked_in', { donorId: 'd1' }, DESK1, vn(DAY1, '08:00'));
    expectCode(server.send('donor.donated', { donorId: 'd1', volumeMl: 350 }, DESK1, vn(DAY2, '08:00')).result, 'not_checked_in');
  });

  it('unknown_donor: donation or deferral of a donor never registered', () => {
    const server = new MiniServer().setup();
    expect(expectCode(server.send('donor.donated', { donorId: 'ghost', volumeMl: 350 }, DESK1, vn(DAY1, '08:00')).result, 'unknown_donor').message).toContain('"ghost"');
    expectCode(server.send('donor.deferred', { donorId: 'ghost', reason: 'r' }, DESK1, vn(DAY1, '08:00')).result, 'unknown_donor');
  });

  it('already_donated_today, with details.at, by and eventId; a deferral after it too', () => {
    const { server } = withDonor();
    server.ok('donor.checked_in', { donorId: 'd1' }, DESK1, vn(DAY1, '08:00'));
    const donation = server.ok('donor.donated', { donorId: 'd1', volumeMl: 350 }, DESK1, vn(DAY1, '08:20'));
    const again = expectCode(server.send('donor.donated', { donorId: 'd1', volumeMl: 450 }, DESK2, vn(DAY1, '11:00')).result, 'already_donated_today');
    expect(again.details).toEqual({ at: donation.at, by: DESK1.label, eventId: donation.id });
    expect(again.message).toContain(donation.at);
    expect(again.message).toContain(DESK1.label);
    expectCode(server.send('donor.deferred', { donorId: 'd1', reason: 'r' }, DESK2, vn(DAY1, '11:00')).result, 'already_donated_today');
  });

  it('already_deferred_today, with details.at; a donation after it too', () => {
    const { server } = withDonor();
    server.ok('donor.checked_in', { donorId: 'd1' }, DESK1, vn(DAY1, '08:00'));
    const deferral = server.ok('donor.deferred', { donorId: 'd1', reason: 'Huyết áp cao' }, DESK1, vn(DAY1, '08:20'));
    const result = expectCode(server.send('donor.donated', { donorId: 'd1', volumeMl: 250 }, DESK2, vn(DAY1, '09:00')).result, 'already_deferred_today');
    expect(result.details).toEqual({ at: deferral.at, by: DESK1.label, eventId: deferral.id });
    expectCode(server.send('donor.deferred', { donorId: 'd1', reason: 'again' }, DESK2, vn(DAY1, '09:00')).result, 'already_deferred_today');
  });

  it('one donation per person per festival: a second on ANOTHER day is refused (already_donated, with the day); the check-in is not', () => {
    const { server } = withDonor();
    server.ok('donor.checked_in', { donorId: 'd1' }, DESK1, vn(DAY1, '08:00'));
    const first = server.ok('donor.donated', { donorId: 'd1', volumeMl: 350 }, DESK1, vn(DAY1, '08:20'));
    server.ok('donor.checked_in', { donorId: 'd1' }, DESK2, vn(DAY2, '08:00'));
    const refused = expectCode(server.send('donor.donated', { donorId: 'd1', volumeMl: 250 }, DESK2, vn(DAY2, '08:20')).result, 'already_donated');
    expect(refused.details).toEqual({ day: DAY1, at: first.at, by: DESK1.label, eventId: first.id });
    expect(refused.message).toContain('one donation per person');
    expect(server.state.totals.donated).toBe(1);
    // A deferral that day is still possible (the physician may see them).
    expect(server.send('donor.deferred', { donorId: 'd1', reasonCode: 'too_soon' }, DESK2, vn(DAY2, '08:25')).result.ok).toBe(true);
  });

  it('an admin may record a second donation with a reason (it stays in the log and counts); a desk may not', () => {
    const { server } = withDonor();
    server.ok('donor.checked_in', { donorId: 'd1' }, DESK1, vn(DAY1, '08:00'));
    server.ok('donor.donated', { donorId: 'd1', volumeMl: 350 }, DESK1, vn(DAY1, '08:20'));
    server.ok('donor.checked_in', { donorId: 'd1' }, DESK1, vn(DAY2, '08:00'));
    const reason = 'Quyết định của bác sĩ trưởng: ghi bổ sung';
    expectCode(server.send('donor.donated', { donorId: 'd1', volumeMl: 250, secondDonationReason: reason }, DESK1, vn(DAY2, '08:20')).result, 'override_not_allowed');
    const second = server.ok('donor.donated', { donorId: 'd1', volumeMl: 250, secondDonationReason: reason }, ADMIN, vn(DAY2, '08:21'));
    expect(second.payload).toMatchObject({ secondDonationReason: reason });
    expect(server.state.totals.donated).toBe(2);
  });

  it('the same CCCD under another record is the same person: the second registration is refused and names the first', () => {
    const server = new MiniServer().setup();
    server.ok('donor.registered', { donorId: 'p1', fullName: 'Phạm Văn Một', agencyId: AG_COUNT, nationalId: '001203004005' }, DESK1, vn(DAY1, '07:00'));
    const refused = expectCode(
      server.send('donor.registered', { donorId: 'p2', fullName: 'Phạm Văn Một', agencyId: AG_PERCENT, nationalId: '001203004005' }, DESK2, vn(DAY2, '07:00')).result,
      'duplicate_donor',
    );
    expect(refused.details).toMatchObject({ donorId: 'p1', match: 'nationalId' });
  });

  it('the rules judge an event at its time of action: a day-1 donation reaching the server on day 2 follows its day-1 check-in', () => {
    const { server } = withDonor();
    server.ok('donor.checked_in', { donorId: 'd1' }, DESK1, vn(DAY1, '16:20'));
    // The desk went offline at 16:30; its outbox reaches the server at 07:30 the next morning.
    const late = server.ok('donor.donated', { donorId: 'd1', volumeMl: 350 }, DESK1, vn(DAY2, '07:30'), vn(DAY1, '16:40'));
    expect(late.occurredAt).toBe(vn(DAY1, '16:40'));
    expect(server.state.byDay.get(DAY1)?.donated).toBe(1);
    expect(server.state.byDay.get(DAY2)).toBeUndefined();
    // Without a time of action it is judged at its receive time: not checked in on day 2.
    const other = withDonor().server;
    other.ok('donor.checked_in', { donorId: 'd1' }, DESK1, vn(DAY1, '16:20'));
    expectCode(other.send('donor.donated', { donorId: 'd1', volumeMl: 350 }, DESK1, vn(DAY2, '07:30')).result, 'not_checked_in');
  });

  it('a deferral one day does not stop a donation the next', () => {
    const { server } = withDonor();
    server.ok('donor.checked_in', { donorId: 'd1' }, DESK1, vn(DAY1, '08:00'));
    server.ok('donor.deferred', { donorId: 'd1', reason: 'r' }, DESK1, vn(DAY1, '08:20'));
    server.ok('donor.checked_in', { donorId: 'd1' }, DESK1, vn(DAY2, '08:00'));
    expect(server.send('donor.donated', { donorId: 'd1', volumeMl: 250 }, DESK1, vn(DAY2, '08:20')).result.ok).toBe(true);
  });
});

describe('task and milestone rules', () => {
  it('unknown_task', () => {
    const server = new MiniServer().setup();
    expect(expectCode(server.send('task.status_set', { taskId: 'nope', status: 'done' }, COORD, vn(DAY1, '06:00')).result, 'unknown_task').message).toContain('"nope"');
    expect(server.send('task.status_set', { taskId: TASK, status: 'done' }, COORD, vn(DAY1, '06:00')).result.ok).toBe(true);
  });

  it('unknown_milestone: not reached (or no such milestone)', () => {
    const server = new MiniServer().setup();
    expectCode(server.send('milestone.announced', { milestoneId: 'm-1000' }, ADMIN, vn(DAY1, '10:00')).result, 'unknown_milestone');
  });

  it('already_announced (a milestone the engine reached: the first donation of the day)', () => {
    const server = new MiniServer().setup();
    server.give(AG_COUNT, vn(DAY1, '08:00'));
    const id = 'first-donation-2024-07-19';
    expect(server.state.milestones.has(id)).toBe(true);
    server.ok('milestone.announced', { milestoneId: id }, MC, vn(DAY1, '09:05'));
    expect(expectCode(server.send('milestone.announced', { milestoneId: id }, ADMIN, vn(DAY1, '09:06')).result, 'already_announced').message).toContain(vn(DAY1, '09:05'));
  });
});

describe('void rules', () => {
  function checkedInAndDonated() {
    const { server, reg } = withDonor();
    const checkIn = server.ok('donor.checked_in', { donorId: 'd1' }, DESK1, vn(DAY1, '08:00'));
    const donation = server.ok('donor.donated', { donorId: 'd1', volumeMl: 350 }, DESK1, vn(DAY1, '08:20'));
    return { server, reg, checkIn, donation };
  }
  const at = vn(DAY1, '12:00');

  it('unknown_event: no such event', () => {
    const { server } = withDonor();
    const result = expectCode(server.send('event.voided', { eventId: 'no-such-event', reason: 'r' }, ADMIN, at).result, 'unknown_event');
    expect(result.message).toContain('"no-such-event"');
  });

  it('already_voided', () => {
    const { server, donation } = checkedInAndDonated();
    const first = server.ok('event.voided', { eventId: donation.id, reason: 'nhầm' }, DESK1, at);
    const result = expectCode(server.send('event.voided', { eventId: donation.id, reason: 'nhầm' }, DESK1, at).result, 'already_voided');
    expect(result.message).toContain(first.id);
  });

  it('not_voidable: a void cannot be voided', () => {
    const { server, donation } = checkedInAndDonated();
    const voiding = server.ok('event.voided', { eventId: donation.id, reason: 'nhầm' }, ADMIN, at);
    // BUG (reported): the projection only remembers events of voidable types, so a recorded
    // event.voided is answered "unknown_event: no recorded event with id …" instead.
    expectCode(server.send('event.voided', { eventId: voiding.id, reason: 'undo the undo' }, ADMIN, at).result, 'not_voidable');
  });

  it('not_voidable: a setup event cannot be voided', () => {
    const server = new MiniServer().setup();
    for (const setup of server.log) {
      // BUG (reported): same cause, answered unknown_event.
      expectCode(server.send('event.voided', { eventId: setup.id, reason: 'r' }, ADMIN, at).result, 'not_voidable');
    }
  });

  it('not_own_event: a desk may void only its own events; the author and admin may', () => {
    const { server, donation } = checkedInAndDonated();
    const result = expectCode(server.send('event.voided', { eventId: donation.id, reason: 'r' }, DESK2, at).result, 'not_own_event');
    expect(result.message).toContain('own');
    expect(checkEvent(server.state, { id: 'cli-x-0001', type: 'event.voided', payload: { eventId: donation.id, reason: 'r' } }, { role: 'desk', tokenId: DESK1.tokenId, at }).ok).toBe(true);
    expect(server.send('event.voided', { eventId: donation.id, reason: 'r' }, ADMIN, at).result.ok).toBe(true);
  });

  it('coordinator and mc may void their own events only (not_own_event otherwise)', () => {
    const server = new MiniServer().setup();
    const COORD2 = { tokenId: 'tok-coord-2', role: 'coordinator', label: 'Điều phối 2' };
    const change = server.ok('task.status_set', { taskId: TASK, status: 'done' }, COORD, at);
    expectCode(server.send('event.voided', { eventId: change.id, reason: 'r' }, COORD2, at).result, 'not_own_event');
    expectCode(server.send('event.voided', { eventId: change.id, reason: 'r' }, MC, at).result, 'not_own_event');
    expect(server.send('event.voided', { eventId: change.id, reason: 'r' }, COORD, at).result.ok).toBe(true);

    server.give(AG_COUNT, at);
    const skip = server.ok('milestone.skipped', { milestoneId: 'first-donation-2024-07-19' }, MC, at);
    expectCode(server.send('event.voided', { eventId: skip.id, reason: 'r' }, COORD, at).result, 'not_own_event');
    expect(server.send('event.voided', { eventId: skip.id, reason: 'r' }, MC, at).result.ok).toBe(true);
    expect(server.state.milestones.get('first-donation-2024-07-19')!.skippedAt).toBeNull();
  });

  it('not_own_event: a desk cannot void an event recorded without an actor', () => {
    const server = new MiniServer().setup();
    server.ok('donor.registered', { donorId: 'd1', fullName: 'A', agencyId: AG_COUNT }, DESK1, at);
    server.state.applied.get(server.log[4]!.id)!.actorTokenId = undefined;
    expectCode(
      checkEvent(server.state, { id: 'cli-x-0001', type: 'event.voided', payload: { eventId: server.log[4]!.id, reason: 'r' } }, { role: 'desk', tokenId: DESK1.tokenId, at }),
      'not_own_event',
    );
  });

  it('void_blocked: a check-in with a donation (void the donation first)', () => {
    const { server, checkIn, donation } = checkedInAndDonated();
    expectCode(server.send('event.voided', { eventId: checkIn.id, reason: 'r' }, DESK1, at).result, 'void_blocked');
    server.ok('event.voided', { eventId: donation.id, reason: 'r' }, DESK1, at);
    expect(server.send('event.voided', { eventId: checkIn.id, reason: 'r' }, DESK1, at).result.ok).toBe(true);
    expect(server.state.totals).toMatchObject({ registered: 1, checkedIn: 0, donated: 0 });
  });

  it('void_blocked: a check-in with a deferral', () => {
    const { server } = withDonor();
    const checkIn = server.ok('donor.checked_in', { donorId: 'd1' }, DESK1, vn(DAY1, '08:00'));
    server.ok('donor.deferred', { donorId: 'd1', reason: 'r' }, DESK1, vn(DAY1, '08:10'));
    expectCode(server.send('event.voided', { eventId: checkIn.id, reason: 'r' }, ADMIN, at).result, 'void_blocked');
  });

  it('void_blocked: a registration with check-ins (void the check-ins first)', () => {
    const { server, reg, checkIn, donation } = checkedInAndDonated();
    expectCode(server.send('event.voided', { eventId: reg.id, reason: 'r' }, DESK1, at).result, 'void_blocked');
    server.ok('event.voided', { eventId: donation.id, reason: 'r' }, DESK1, at);
    server.ok('event.voided', { eventId: checkIn.id, reason: 'r' }, DESK1, at);
    expect(server.send('event.voided', { eventId: reg.id, reason: 'r' }, DESK1, at).result.ok).toBe(true);
    expect(server.state.donors.has('d1')).toBe(false);
    // The donor id is free again.
    expect(server.send('donor.registered', { donorId: 'd1', fullName: 'Lan', agencyId: AG_PERCENT }, DESK1, at).result.ok).toBe(true);
  });

  it('not_own_event is checked before void_blocked', () => {
    const { server, checkIn } = checkedInAndDonated();
    expectCode(server.send('event.voided', { eventId: checkIn.id, reason: 'r' }, DESK2, at).result, 'not_own_event');
  });

  it('a task change and a milestone announcement can be voided by admin', () => {
    const server = new MiniServer().setup();
    const change = server.ok('task.status_set', { taskId: TASK, status: 'done' }, COORD, at);
    expect(server.send('event.voided', { eventId: change.id, reason: 'r' }, ADMIN, at).result.ok).toBe(true);
    server.give(AG_PERCENT, at);
    const id = 'first-donation-2024-07-19';
    const announce = server.ok('milestone.announced', { milestoneId: id }, ADMIN, at);
    expect(server.send('event.voided', { eventId: announce.id, reason: 'r' }, ADMIN, at).result.ok).toBe(true);
    // Once voided, it can be announced again.
    expect(server.send('milestone.announced', { milestoneId: id }, ADMIN, at).result.ok).toBe(true);
  });

  it('after a donation is voided the donor may donate again the same day', () => {
    const { server, donation } = checkedInAndDonated();
    server.ok('event.voided', { eventId: donation.id, reason: 'sai thể tích' }, DESK1, at);
    expect(server.send('donor.donated', { donorId: 'd1', volumeMl: 250 }, DESK1, at).result.ok).toBe(true);
  });

  it('refused events are not recorded', () => {
    const { server } = withDonor();
    const before = server.log.length;
    server.send('donor.donated', { donorId: 'd1', volumeMl: 350 }, DESK1, at);
    server.send('event.voided', { eventId: 'no-such', reason: 'r' }, DESK1, at);
    expect(server.log).toHaveLength(before);
  });

  it('checkEvent does not mutate the state', () => {
    const state = initialState();
    const result = checkEvent(state, { id: 'cli-x-0001', type: 'donor.checked_in', payload: { donorId: 'x' } }, { role: 'desk', tokenId: 't', at });
    expect(result.ok).toBe(false);
    expect(state.seq).toBe(0);
    expect(state.donors.size).toBe(0);
  });
});

describe('roles (who may write what, API.md)', () => {
  const table: Record<EventType, string[]> = {
    'donor.registered': ['admin', 'agency', 'desk'],
    'donor.checked_in': ['admin', 'desk'],
    'donor.donated': ['admin', 'desk'],
    'donor.deferred': ['admin', 'desk'],
    'task.status_set': ['admin', 'coordinator'],
    'milestone.announced': ['admin', 'mc'],
    'event.voided': ['admin', 'coordinator', 'desk', 'mc'],
    'event.configured': ['admin'],
    'agency.upserted': ['admin'],
    'task.defined': ['admin', 'coordinator'],
    'donor.updated': ['admin', 'desk'],
    'milestone.skipped': ['admin', 'mc'],
    'milestone.rule_defined': ['admin'],
    'milestone.template_set': ['admin'],
    'wall.message_set': ['admin', 'mc'],
    'incident.reported': ['admin', 'coordinator'],
    'incident.acknowledged': ['admin', 'coordinator'],
    'incident.resolved': ['admin', 'coordinator'],
    'schedule.item_set': ['admin', 'coordinator'],
    'schedule.item_removed': ['admin', 'coordinator'],
    'list.imported': ['admin', 'agency', 'desk'],
    'donor.erased': ['admin'],
    'personal_data.expired': ['admin'],
    'event.mode_set': ['admin'],
    'donor.listed': ['admin', 'desk'],
    'parade.checkpoint_set': ['admin', 'coordinator'],
    'parade.checkpoint_removed': ['admin', 'coordinator'],
    'parade.passed': ['admin', 'coordinator'],
    'parade.escort_set': ['admin', 'coordinator'],
    'parade.escort_removed': ['admin', 'coordinator'],
    'security.post_set': ['admin', 'coordinator'],
    'security.post_removed': ['admin', 'coordinator'],
    'security.shift_set': ['admin', 'coordinator'],
    'security.shift_removed': ['admin', 'coordinator'],
    'security.manned': ['admin', 'coordinator'],
    'ceremony.awards_set': ['admin'],
    'ceremony.batch_set': ['admin', 'coordinator'],
    'ceremony.batch_removed': ['admin', 'coordinator'],
    'ceremony.honouree_set': ['admin'],
    'ceremony.honouree_erased': ['admin'],
    'ceremony.dossier_set': ['admin'],
    'ceremony.arrived': ['admin', 'coordinator'],
    'ceremony.batch_ready': ['admin', 'coordinator'],
    'ceremony.batch_cued': ['admin', 'coordinator'],
    'ceremony.batch_done': ['admin', 'coordinator'],
    'ceremony.script_set': ['admin', 'coordinator', 'mc'],
    'ceremony.script_read': ['admin', 'mc'],
    'list.reviewed': ['admin'],
    'agency.headcount_set': ['admin', 'agency'],
  };

  it('matches the contract for every type', () => {
    for (const type of EVENT_TYPES) expect([...writersOf(type)].sort(), type).toEqual(table[type]);
  });

  it('wall writes nothing; admin writes everything', () => {
    for (const type of EVENT_TYPES) {
      expect(mayWrite('wall', type)).toBe(false);
      expect(mayWrite('admin', type)).toBe(true);
    }
    expect(mayWrite('desk', 'task.status_set')).toBe(false);
    expect(mayWrite('coordinator', 'donor.donated')).toBe(false);
    expect(mayWrite('mc', 'donor.registered')).toBe(false);
    expect(mayWrite('coordinator', 'task.defined')).toBe(true);
    expect(mayWrite('desk', 'task.defined')).toBe(false);
    expect(mayWrite('mc', 'wall.message_set')).toBe(true);
    expect(mayWrite('coordinator', 'wall.message_set')).toBe(false);
    expect(mayWrite('mc', 'milestone.rule_defined')).toBe(false);
    expect(mayWrite('desk', 'incident.reported')).toBe(false);
  });
});
