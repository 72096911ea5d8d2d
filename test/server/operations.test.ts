/**
 * The extensions of the contract against a real server: milestones (the `milestone` socket
 * event, announce/skip and who may), the wall message, incidents, run-of-show, task editing,
 * donor corrections and duplicate recognition — each with its roles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { donateOne, recordDonations } from '../helpers/donors.ts';
import { api, connectLive, festivalClock, getState, makeToken, newId, post, startTestServer, type LiveClient, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let desk: string;
let coordinator: string;
let mc: string;
let wall: string;
const clients: LiveClient[] = [];

beforeAll(async () => {
  // On a festival day: the first donor of the day is announced only then.
  server = await startTestServer({ now: festivalClock() });
  [desk, coordinator, mc, wall] = await Promise.all([makeToken(server, 'desk'), makeToken(server, 'coordinator'), makeToken(server, 'mc'), makeToken(server, 'wall')]);
});
afterAll(async () => {
  for (const client of clients) client.close();
  await server?.close();
});

describe('milestones', () => {
  it('the 100th donation fires `milestone` once, at its seq, on every connected client; the state lists it with its script', async () => {
    const watchers = [connectLive(server.url, wall), connectLive(server.url, desk), connectLive(server.url, mc)];
    clients.push(...watchers);
    for (const client of watchers) await client.until(() => client.snapshots.length === 1);

    const seqs = await recordDonations(server, desk, 100, 'soyte', 'm100');
    const hundredth = seqs[seqs.length - 1]!;
    for (const client of watchers) {
      await client.until(() => client.milestones.some((m) => m.id === 'donations-100'), 5000, 'milestone 100');
      const received = client.milestones.filter((m) => m.id === 'donations-100');
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ seq: hundredth, label: 'Đơn vị máu thứ 100', kind: 'donations' });
      // The first donation of the day fired too, once, at the first donation's seq.
      const first = client.milestones.filter((m) => m.id.startsWith('first-donation-'));
      expect(first).toHaveLength(1);
      expect(first[0]!.seq).toBe(seqs[2]);
    }
    // Sở Y tế (quota 150) passed 50 % at its 75th donation.
    expect(watchers[0]!.milestones.find((m) => m.id === 'agency-soyte-50')?.seq).toBe(seqs[74 * 3 + 2]);

    const listed = (await getState(server, wall)).milestones.find((m: any) => m.id === 'donations-100');
    expect(listed).toMatchObject({ reachedAt: expect.any(String), announcedAt: null, reachedSeq: hundredth });
    expect(listed.script).toContain('100');
    expect(listed.script).toContain('1.900');
  });

  it('only mc and admin announce or skip; announcing twice is 409; the wall sees announcedAt', async () => {
    expect((await post(server, desk, 'milestone.announced', { milestoneId: 'donations-100' })).status).toBe(403);
    expect((await post(server, coordinator, 'milestone.announced', { milestoneId: 'donations-100' })).status).toBe(403);
    expect((await post(server, wall, 'milestone.announced', { milestoneId: 'donations-100' })).status).toBe(403);
    const announced = await post(server, mc, 'milestone.announced', { milestoneId: 'donations-100' });
    expect(announced.status).toBe(201);
    expect((await post(server, mc, 'milestone.announced', { milestoneId: 'donations-100' })).body.error.code).toBe('already_announced');
    expect((await getState(server, wall)).milestones.find((m: any) => m.id === 'donations-100').announcedAt).toEqual(expect.any(String));

    const skipped = await post(server, mc, 'milestone.skipped', { milestoneId: 'agency-soyte-50' });
    expect(skipped.status).toBe(201);
    expect((await post(server, mc, 'milestone.skipped', { milestoneId: 'agency-soyte-50' })).body.error.code).toBe('already_skipped');
    expect((await post(server, desk, 'milestone.skipped', { milestoneId: 'agency-soyte-50' })).status).toBe(403);
  });

  it("an organisers' rule fires when crossed; only admin defines rules and templates", async () => {
    expect((await post(server, coordinator, 'milestone.rule_defined', { ruleId: 'tinhdoan-3', label: 'Tỉnh đoàn 3 người', metric: 'donated', agencyId: 'tinhdoan', threshold: 3 })).status).toBe(403);
    const defined = await post(server, server.adminToken, 'milestone.rule_defined', { ruleId: 'tinhdoan-3', label: 'Tỉnh đoàn 3 người', metric: 'donated', agencyId: 'tinhdoan', threshold: 3 });
    expect(defined.status).toBe(201);
    expect((await post(server, server.adminToken, 'milestone.template_set', { kind: 'agency_half', text: '{agency}: một nửa chặng đường!' })).status).toBe(201);
    const seqs = await recordDonations(server, desk, 3, 'tinhdoan', 'td');
    const reached = (await getState(server)).milestones.find((m: any) => m.id === 'custom-tinhdoan-3');
    expect(reached).toMatchObject({ kind: 'custom', label: 'Tỉnh đoàn 3 người', reachedSeq: seqs[8] });
  });
});

describe('the wall message', () => {
  it('mc and admin set and clear it; others may not', async () => {
    expect((await post(server, desk, 'wall.message_set', { text: 'x' })).status).toBe(403);
    expect((await post(server, mc, 'wall.message_set', { text: 'Mời đoàn Sở Y tế lên sân khấu' })).status).toBe(201);
    expect((await getState(server, wall)).wallMessage).toMatchObject({ text: 'Mời đoàn Sở Y tế lên sân khấu', at: expect.any(String) });
    expect((await post(server, mc, 'wall.message_set', { text: null })).status).toBe(201);
    expect((await getState(server, wall)).wallMessage).toBeNull();
    expect((await post(server, mc, 'wall.message_set', { text: '' })).status).toBe(400);
  });
});

describe('logistics', () => {
  it('coordinators add and edit tasks; desks may not', async () => {
    const task = { taskId: 'water', title: 'Nước uống cho người hiến máu', owner: 'hctd', phase: 'day1', due: '2024-07-19T06:30:00+07:00' };
    expect((await post(server, desk, 'task.defined', task)).status).toBe(403);
    expect((await post(server, coordinator, 'task.defined', task)).status).toBe(201);
    expect((await post(server, coordinator, 'task.defined', { ...task, owner: 'no-such-agency' })).body.error.code).toBe('unknown_agency');
    expect((await post(server, coordinator, 'task.status_set', { taskId: 'water', status: 'in_progress' })).status).toBe(201);
    expect((await post(server, coordinator, 'task.defined', { ...task, owner: 'tinhdoan', due: '2024-07-19T07:00:00+07:00' })).status).toBe(201);
    const row = (await getState(server)).tasks.find((t: any) => t.id === 'water');
    expect(row).toMatchObject({ owner: 'tinhdoan', due: '2024-07-19T07:00:00+07:00', status: 'in_progress' });
  });

  it('incidents: report, acknowledge, resolve; the wall gets the count only', async () => {
    const incident = { incidentId: 'inc-1', title: 'Mất điện khu lấy máu số 2', severity: 'high', place: 'Sảnh B', taskId: 'venue', note: 'đã gọi điện lực' };
    expect((await post(server, desk, 'incident.reported', incident)).status).toBe(403);
    const reportId = newId('inc');
    expect((await post(server, coordinator, 'incident.reported', incident, reportId)).status).toBe(201);
    expect((await post(server, coordinator, 'incident.reported', incident, reportId)).status).toBe(200); // a retry
    expect((await post(server, coordinator, 'incident.reported', { ...incident, incidentId: 'inc-2', taskId: 'nope' })).body.error.code).toBe('unknown_task');
    expect((await post(server, coordinator, 'incident.reported', incident, newId())).body.error.code).toBe('incident_exists');

    const forWall = (await getState(server, wall)).incidents;
    expect(forWall).toEqual({ open: 1, bySeverity: { low: 0, medium: 0, high: 1, critical: 0 } });
    const forCoordinator = (await getState(server, coordinator)).incidents;
    expect(forCoordinator.items[0]).toMatchObject({ id: 'inc-1', title: 'Mất điện khu lấy máu số 2', status: 'open', place: 'Sảnh B' });

    expect((await post(server, coordinator, 'incident.acknowledged', { incidentId: 'inc-1', note: 'đang xử lý' })).status).toBe(201);
    expect((await post(server, coordinator, 'incident.acknowledged', { incidentId: 'inc-1' })).body.error.code).toBe('incident_not_open');
    expect((await post(server, coordinator, 'incident.resolved', { incidentId: 'inc-1' })).status).toBe(201);
    expect((await post(server, coordinator, 'incident.resolved', { incidentId: 'inc-1' })).body.error.code).toBe('already_resolved');
    expect((await post(server, coordinator, 'incident.resolved', { incidentId: 'inc-9' })).body.error.code).toBe('unknown_incident');
    expect((await getState(server, wall)).incidents.open).toBe(0);

    const wallEvents = await api(server.url, 'GET', '/api/events?after=0&limit=5000', { token: wall });
    expect(JSON.stringify(wallEvents.body)).not.toContain('Mất điện');
  });

  it('run-of-show items are set, edited and removed by coordinators, listed by start time', async () => {
    const opening = { itemId: 'opening', title: 'Khai mạc ngày hội', start: '2024-07-19T07:30:00+07:00', durationMin: 30 };
    const honours = { itemId: 'honours', title: 'Lễ tôn vinh', start: '2024-07-19T08:00:00+07:00', durationMin: 60 };
    expect((await post(server, mc, 'schedule.item_set', opening)).status).toBe(403);
    expect((await post(server, coordinator, 'schedule.item_set', honours)).status).toBe(201);
    expect((await post(server, coordinator, 'schedule.item_set', opening)).status).toBe(201);
    expect((await getState(server, wall)).schedule.map((i: any) => i.id)).toEqual(['opening', 'honours']);
    expect((await post(server, coordinator, 'schedule.item_removed', { itemId: 'opening' })).status).toBe(201);
    expect((await post(server, coordinator, 'schedule.item_removed', { itemId: 'opening' })).body.error.code).toBe('unknown_schedule_item');
    expect((await getState(server)).schedule.map((i: any) => i.id)).toEqual(['honours']);
  });
});

describe('donors', () => {
  it('the same CCCD, or the same name, birth year and agency, is recognised as the existing donor', async () => {
    const first = { donorId: 'dup-a', fullName: 'Bùi Thị Ngọc', agencyId: 'sogddt', birthYear: 1990, nationalId: '034190001111' };
    expect((await post(server, desk, 'donor.registered', first)).status).toBe(201);
    const sameId = await post(server, desk, 'donor.registered', { donorId: 'dup-b', fullName: 'Bùi Ngọc', agencyId: 'ldld', nationalId: '034190001111' });
    expect(sameId.status).toBe(409);
    expect(sameId.body.error).toMatchObject({ code: 'duplicate_donor', details: { donorId: 'dup-a' } });
    const sameName = await post(server, desk, 'donor.registered', { donorId: 'dup-c', fullName: 'bui thi ngoc', agencyId: 'sogddt', birthYear: 1990 });
    expect(sameName.body.error).toMatchObject({ code: 'duplicate_donor', details: { donorId: 'dup-a' } });
    // The desk confirmed it is a different person with the same name.
    expect((await post(server, desk, 'donor.registered', { donorId: 'dup-c', fullName: 'Bùi Thị Ngọc', agencyId: 'sogddt', birthYear: 1990, allowDuplicateName: true })).status).toBe(201);
  });

  it("a correction moves a donor's counts to the right agency", async () => {
    await donateOne(server, desk, { donorId: 'move-1', fullName: 'Đinh Văn Sửa', agencyId: 'ldld', volumeMl: 250 });
    const before = await getState(server);
    const corrected = await post(server, desk, 'donor.updated', { donorId: 'move-1', agencyId: 'bqlkcn', phone: '0977000111' });
    expect(corrected.status).toBe(201);
    const after = await getState(server);
    const delta = (id: string, field: string) => after.agencies.find((a: any) => a.id === id)[field] - before.agencies.find((a: any) => a.id === id)[field];
    expect([delta('ldld', 'donated'), delta('bqlkcn', 'donated'), delta('bqlkcn', 'registered'), delta('bqlkcn', 'volumeMl')]).toEqual([-1, 1, 1, 250]);
    expect(after.totals).toEqual(before.totals);
    expect((await post(server, desk, 'donor.updated', { donorId: 'move-1' })).status).toBe(400);
    expect((await post(server, desk, 'donor.updated', { donorId: 'nobody', fullName: 'X' })).body.error.code).toBe('unknown_donor');
    expect((await post(server, coordinator, 'donor.updated', { donorId: 'move-1', fullName: 'X' })).status).toBe(403);
    const forMc = await api(server.url, 'GET', `/api/events?after=${corrected.body.seq - 1}`, { token: mc });
    expect(JSON.stringify(forMc.body)).not.toContain('0977000111');
  });
});
