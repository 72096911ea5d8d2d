/**
 * The public figures (API.md v1.1 `GET /api/public`, issue 19), against a real server: no token,
 * the same figures as `GET /api/state`, aggregates only (checked against a log with names, phones
 * and CCCDs), cacheable (2 s, an ETag and 304), readable from another site, and the live figures
 * during a rehearsal.
 */
import { io as ioClient } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, festivalClock, makeToken, post, startTestServer, type TestServer } from '../helpers/server.ts';

const PEOPLE = [
  { donorId: 'pub-1', fullName: 'Phạm Thị Riêng Tư', agencyId: 'ldld', phone: '0912345001', nationalId: '030190009876', birthYear: 1990, bloodType: 'O+' },
  { donorId: 'pub-2', fullName: 'Hoàng Văn Bí Mật', agencyId: 'soyte', phone: '0912345002', birthYear: 1985 },
  { donorId: 'pub-3', fullName: 'Ngô Tự Do', agencyId: 'walk-in', phone: '0912345003' },
];

describe('GET /api/public', () => {
  let server: TestServer;
  let desk: string;

  beforeAll(async () => {
    server = await startTestServer({ now: festivalClock('2024-07-19T09:00:00+07:00') });
    desk = await makeToken(server, 'desk', 'Bàn 1');
    for (const person of PEOPLE) {
      expect((await post(server, desk, 'donor.registered', person)).status).toBe(201);
      expect((await post(server, desk, 'donor.checked_in', { donorId: person.donorId })).status).toBe(201);
    }
    expect((await post(server, desk, 'donor.donated', { donorId: 'pub-1', volumeMl: 350 })).status).toBe(201);
    expect((await post(server, desk, 'donor.donated', { donorId: 'pub-3', volumeMl: 250 })).status).toBe(201);
    expect((await post(server, desk, 'donor.deferred', { donorId: 'pub-2', reasonCode: 'low_hemoglobin', reason: 'Hb 11' })).status).toBe(201);
  });
  afterAll(() => server?.close());

  it('needs no token and gives the same figures as GET /api/state', async () => {
    const answer = await api(server.url, 'GET', '/api/public');
    expect(answer.status).toBe(200);
    const state = (await api(server.url, 'GET', '/api/state', { token: server.adminToken })).body;
    expect(answer.body.seq).toBe(state.seq);
    expect(answer.body.totals).toEqual(state.totals);
    expect(answer.body.totals).toMatchObject({ registered: 3, checkedIn: 3, donated: 2, deferred: 1, volumeMl: 600 });
    expect(answer.body.target).toBe(state.target);
    for (const agency of state.agencies.filter((a: { id: string }) => a.id !== 'walk-in')) {
      expect(answer.body.agencies.find((a: { id: string }) => a.id === agency.id)).toMatchObject({ id: agency.id, name: agency.name, quota: agency.quota, donated: agency.donated });
    }
    expect(answer.body.days).toEqual(state.days);
    expect(answer.body.event).toMatchObject({ name: state.event.name, days: state.event.days });
  });

  it('carries no donor data of any kind, no task and no incident', async () => {
    const coordinator = await makeToken(server, 'coordinator');
    expect((await post(server, coordinator, 'incident.reported', { incidentId: 'pub-inc', title: 'Chị Mai ngất ở cổng 2', severity: 'high', place: 'Cổng 2' })).status).toBe(201);
    const text = JSON.stringify((await api(server.url, 'GET', '/api/public')).body);
    for (const person of PEOPLE) for (const value of [person.fullName, person.phone, person.donorId]) expect(text).not.toContain(value);
    for (const secret of ['9876', 'O+', 'Hb 11', 'low_hemoglobin', 'Chị Mai', 'Cổng 2', 'donorId', 'nationalId', 'phone', 'tasks', 'incident']) expect(text).not.toContain(secret);
  });

  it('is cacheable for 2 s, answers 304 while nothing changed, and may be read from another site', async () => {
    const first = await fetch(`${server.url}/api/public`, { headers: { origin: 'https://baohaiduong.vn' } });
    expect(first.headers.get('cache-control')).toBe('public, max-age=2');
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"/);
    expect((await fetch(`${server.url}/api/public`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await post(server, desk, 'donor.registered', { donorId: 'pub-4', fullName: 'Người Mới', agencyId: 'ldld' })).status).toBe(201);
    const changed = await fetch(`${server.url}/api/public`, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as { totals: { registered: number } }).totals.registered).toBe(4);
    // A widget's cache-buster is accepted; any other parameter is a mistake said as such.
    expect((await api(server.url, 'GET', '/api/public?_=1721350000000')).status).toBe(200);
    expect((await api(server.url, 'GET', '/api/public?agency=ldld')).body.error.code).toBe('invalid_query');
  });

  it('one address reading too often is slowed (429 with Retry-After), and all of them together; the desks are not', async () => {
    const all = await startTestServer({ publicRequestsTotalPerMinute: 6 });
    try {
      // 6 a minute in all, with a burst of 10 s of it: the second read already waits.
      const statuses = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await fetch(`${all.url}/api/public`)).status);
      expect(statuses).toContain(429);
    } finally {
      await all.close();
    }
    const limited = await startTestServer({ publicRequestsPerMinute: 5 });
    try {
      const answers = [];
      for (let i = 0; i < 7; i += 1) answers.push(await fetch(`${limited.url}/api/public`));
      expect(answers.slice(0, 5).map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
      expect(answers[5]!.status).toBe(429);
      expect(Number(answers[5]!.headers.get('retry-after'))).toBeGreaterThan(0);
      const desk = await makeToken(limited, 'desk');
      expect((await post(limited, desk, 'donor.registered', { donorId: 'pub-after', fullName: 'Vẫn Ghi Được', agencyId: 'ldld' })).status).toBe(201);
    } finally {
      await limited.close();
    }
  });

  it('/live is public, framed only by the sites LIVE_FRAME_ANCESTORS names; no other page may be framed', async () => {
    const live = await fetch(`${server.url}/live`);
    expect(live.status).toBe(200);
    expect(live.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const framed = await startTestServer({ liveFrameAncestors: ['https://haiduong.gov.vn', 'https://baohaiduong.vn'] });
    try {
      const page = await fetch(`${framed.url}/live`);
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'self' https://haiduong.gov.vn https://baohaiduong.vn");
      expect(page.headers.get('x-frame-options')).toBeNull();
      const wall = await fetch(`${framed.url}/wall`);
      expect(wall.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(wall.headers.get('x-frame-options')).not.toBeNull();
    } finally {
      await framed.close();
    }
  });

  it('streams the figures on /public without a token: on connecting, then after a change; capped in total', async () => {
    const viewer = ioClient(`${server.url}/public`, { transports: ['websocket'], reconnection: false, forceNew: true });
    const bodies: { seq: number; totals: { donated: number } }[] = [];
    viewer.on('public', (body) => bodies.push(body));
    await expect.poll(() => bodies.length, { timeout: 5000 }).toBe(1);
    const first = bodies[0]!;
    expect(first.seq).toBe((await api(server.url, 'GET', '/api/public')).body.seq);
    expect((await post(server, desk, 'donor.registered', { donorId: 'pub-s', fullName: 'Người Xem Trực Tiếp', agencyId: 'ldld', phone: '0912999888' })).status).toBe(201);
    expect((await post(server, desk, 'donor.checked_in', { donorId: 'pub-s' })).status).toBe(201);
    expect((await post(server, desk, 'donor.donated', { donorId: 'pub-s', volumeMl: 250 })).status).toBe(201);
    await expect.poll(() => bodies.at(-1)!.totals.donated, { timeout: 5000 }).toBe(first.totals.donated + 1);
    // One broadcast for the three events (at most one a second), never a person.
    expect(bodies.length).toBeLessThanOrEqual(3);
    expect(JSON.stringify(bodies)).not.toMatch(/Người Xem Trực Tiếp|0912999888|pub-s/);
    viewer.close();

    const capped = await startTestServer({ publicMaxSockets: 2 });
    try {
      const open = [0, 1].map(() => ioClient(`${capped.url}/public`, { transports: ['websocket'], reconnection: false, forceNew: true }));
      await Promise.all(open.map((s) => new Promise((resolve) => s.once('public', resolve))));
      const third = ioClient(`${capped.url}/public`, { transports: ['websocket'], reconnection: false, forceNew: true });
      const refused = await new Promise<{ message: string; data?: { code: string } }>((resolve) => third.once('connect_error', resolve));
      expect(refused.data?.code).toBe('too_many_connections');
      for (const s of [...open, third]) s.close();
    } finally {
      await capped.close();
    }
  });

  it('shows the live figures while the organisers rehearse', async () => {
    const before = (await api(server.url, 'GET', '/api/public')).body.totals;
    expect((await post(server, server.adminToken, 'event.mode_set', { mode: 'rehearsal' })).status).toBe(201);
    expect((await post(server, desk, 'donor.registered', { donorId: 'pub-r', fullName: 'Tập Dượt', agencyId: 'ldld' })).status).toBe(201);
    expect((await api(server.url, 'GET', '/api/state', { token: server.adminToken })).body.mode).toBe('rehearsal');
    expect((await api(server.url, 'GET', '/api/public')).body.totals).toEqual(before);
    expect((await post(server, server.adminToken, 'event.mode_set', { mode: 'live' })).status).toBe(201);
  });
});
