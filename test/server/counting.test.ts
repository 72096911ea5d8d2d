/**
 * Counts the organisers can sign (issue 15) against a real server: one donation per person per
 * festival even when two desks record it at the same moment on different days; the time of
 * action decides the day; rehearsal apart from live for the wall, the MC, the report and the
 * audit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectionFromWire, replay, type ProjectionState } from '../../shared/index.ts';
import { api, connectLive, festivalClock, getState, makeToken, newId, post, startTestServer, type LiveClient, type TestServer } from '../helpers/server.ts';

const DAY1_MORNING = '2024-07-19T10:00:00+07:00';
const DAY2_MORNING = '2024-07-20T09:30:00+07:00';

let server: TestServer;
let deskA: string;
let deskB: string;
const clients: LiveClient[] = [];

/** One event with the device's time of action. */
function postAt(token: string, type: string, payload: unknown, occurredAt: string) {
  return api(server.url, 'POST', '/api/events', { token, body: { id: newId('cnt'), type, payload, occurredAt } });
}

/** The projection a live client holds: its snapshot with every event after it applied. */
function projectionOf(client: LiveClient): ProjectionState {
  return replay(client.events, projectionFromWire(client.snapshots[client.snapshots.length - 1]!.projection));
}

beforeAll(async () => {
  // The server's clock: the morning of the second festival day.
  server = await startTestServer({ now: festivalClock('2024-07-20T10:00:00+07:00') });
  [deskA, deskB] = await Promise.all([makeToken(server, 'desk', 'Bàn A'), makeToken(server, 'desk', 'Bàn B')]);
});
afterAll(async () => {
  for (const client of clients) client.close();
  await server?.close();
});

describe('one donation per person per festival', () => {
  it('two desks record the same person at the same moment, on different days: exactly one is accepted, every time', async () => {
    for (let i = 0; i < 8; i++) {
      const donorId = `same-${i}`;
      expect((await postAt(deskA, 'donor.registered', { donorId, fullName: `Lê Văn Cùng ${i}`, agencyId: 'soyte' }, DAY1_MORNING)).status).toBe(201);
      expect((await postAt(deskA, 'donor.checked_in', { donorId }, DAY1_MORNING)).status).toBe(201);
      expect((await postAt(deskB, 'donor.checked_in', { donorId }, DAY2_MORNING)).status).toBe(201);
      const answers = await Promise.all([
        postAt(deskA, 'donor.donated', { donorId, volumeMl: 350 }, '2024-07-19T10:20:00+07:00'),
        postAt(deskB, 'donor.donated', { donorId, volumeMl: 250 }, '2024-07-20T09:40:00+07:00'),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
      const refused = answers.find((a) => a.status === 409)!;
      expect(refused.body.error.code).toBe('already_donated');
      expect(refused.body.error.message).toContain('one donation per person');
    }
    const state = await getState(server, server.adminToken);
    expect(state.totals.donated).toBe(8);
  });

  it("a desk's outbox flushed on day 2 books its day-1 donations on day 1, after their day-1 check-ins", async () => {
    const before = (await getState(server, server.adminToken)).days.find((d: { date: string }) => d.date === '2024-07-19')?.donated ?? 0;
    const events = [
      { id: newId('late'), type: 'donor.registered', payload: { donorId: 'late-1', fullName: 'Đỗ Thị Muộn', agencyId: 'ldld' }, occurredAt: '2024-07-19T16:20:00+07:00' },
      { id: newId('late'), type: 'donor.checked_in', payload: { donorId: 'late-1' }, occurredAt: '2024-07-19T16:25:00+07:00' },
      { id: newId('late'), type: 'donor.donated', payload: { donorId: 'late-1', volumeMl: 450 }, occurredAt: '2024-07-19T16:40:00+07:00' },
    ];
    const batch = await api(server.url, 'POST', '/api/events/batch', { token: deskA, body: { events } });
    expect(batch.body.results.every((r: { seq?: number }) => typeof r.seq === 'number')).toBe(true);
    const state = await getState(server, server.adminToken);
    expect(state.days.find((d: { date: string }) => d.date === '2024-07-19').donated).toBe(before + 1);
    const report = (await api(server.url, 'GET', '/api/reports/agencies', { token: server.adminToken })).body;
    const day1 = report.days.find((s: { date: string }) => s.date === '2024-07-19');
    expect(day1.agencies.find((r: { agencyId: string }) => r.agencyId === 'ldld').donated).toBeGreaterThanOrEqual(1);
    expect(day1.agencies.find((r: { agencyId: string }) => r.agencyId === 'ldld').bags['450']).toBe(1);
  });
});

describe('rehearsal, then live', () => {
  it('the wall, the MC and the report start from the live figures when the event goes live; the rehearsal stays in the audit, marked', async () => {
    const live = await getState(server, server.adminToken);
    const liveReport = (await api(server.url, 'GET', '/api/reports/agencies', { token: server.adminToken })).body;
    const [wallToken, mcToken] = await Promise.all([makeToken(server, 'wall', 'Màn hình lớn'), makeToken(server, 'mc', 'MC')]);
    const wall = connectLive(server.url, wallToken);
    const mc = connectLive(server.url, mcToken);
    clients.push(wall, mc);
    await Promise.all([wall.until(() => wall.snapshots.length === 1), mc.until(() => mc.snapshots.length === 1)]);

    const start = await post(server, server.adminToken, 'event.mode_set', { mode: 'rehearsal' });
    expect(start.status).toBe(201);
    const trainees = [];
    for (let i = 0; i < 3; i++) {
      const donorId = `trainee-${i}`;
      for (const [type, payload] of [
        ['donor.registered', { donorId, fullName: `Tình nguyện viên ${i}`, agencyId: 'walk-in' }],
        ['donor.checked_in', { donorId }],
        ['donor.donated', { donorId, volumeMl: 250 }],
      ] as const) {
        const answer = await post(server, deskA, type, payload);
        expect(answer.status).toBe(201);
        trainees.push(answer.body.seq as number);
      }
    }
    const last = trainees[trainees.length - 1]!;
    await Promise.all([wall.until(() => wall.events.some((e) => e.seq === last)), mc.until(() => mc.events.some((e) => e.seq === last))]);
    // The screens move with the rehearsal (and say so); the report does not.
    expect(projectionOf(wall).totals.donated).toBe(live.totals.donated + 3);
    expect(projectionOf(wall).rehearsal).not.toBeNull();
    expect((await getState(server, wallToken)).mode).toBe('rehearsal');
    const duringReport = (await api(server.url, 'GET', '/api/reports/agencies', { token: server.adminToken })).body;
    expect(duringReport.festival.totals).toEqual(liveReport.festival.totals);

    const end = await post(server, server.adminToken, 'event.mode_set', { mode: 'live' });
    expect(end.status).toBe(201);
    await Promise.all([wall.until(() => wall.events.some((e) => e.seq === end.body.seq)), mc.until(() => mc.events.some((e) => e.seq === end.body.seq))]);
    for (const client of [wall, mc]) {
      const state = projectionOf(client);
      expect(state.rehearsal).toBeNull();
      expect({ ...state.totals }).toEqual(live.totals);
      expect([...state.milestones.keys()].sort()).toEqual(live.milestones.map((m: { id: string }) => m.id).sort());
    }
    const after = await getState(server, wallToken);
    expect(after.mode).toBe('live');
    expect(after.totals).toEqual(live.totals);
    // A client connecting now gets the same from its snapshot.
    const late = connectLive(server.url, wallToken);
    clients.push(late);
    await late.until(() => late.snapshots.length === 1);
    expect(late.snapshots[0]!.totals).toEqual(live.totals);

    // The audit keeps the rehearsal's events, marked; the switches themselves are not.
    const audit = (await api(server.url, 'GET', `/api/audit?order=asc&after=${start.body.seq - 1}&limit=50`, { token: server.adminToken })).body;
    const bySeq = new Map(audit.events.map((e: { seq: number; rehearsal?: boolean }) => [e.seq, e.rehearsal === true]));
    for (const seq of trainees) expect(bySeq.get(seq), `seq ${seq}`).toBe(true);
    expect(bySeq.get(start.body.seq)).toBe(false);
    expect(bySeq.get(end.body.seq)).toBe(false);
    const csv = (await api(server.url, 'GET', '/api/audit.csv', { token: server.adminToken })).body as string;
    expect(csv).toContain('Tập dượt');
    expect(csv.split('\n').filter((line) => line.includes('tập dượt (không tính)'))).toHaveLength(trainees.length);
  });
});
