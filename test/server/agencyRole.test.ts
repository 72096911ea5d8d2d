/**
 * The agency role (issue 18): a liaison's token is bound to one agency. Against a real server:
 * the token's making (and its enrolment code), every route of the API with the role (its own
 * agency's reads and writes only, 403 for everything else and for another agency), the event
 * types it writes (for its own agency only), the live socket (the wall's counts, never a donor),
 * and the headcount that sets a quota (rounded up, audited, kept across a restart).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_TYPES, mayWrite } from '../../shared/index.ts';
import { lastFourShownIn } from '../helpers/personalData.ts';
import { api, connectLive, festivalClock, makeToken, post, startTestServer, type TestServer } from '../helpers/server.ts';

/** What each route answers an agency liaison's token: its own agency's reads and its writes; nothing else. */
const LIAISON_ROUTES = new Set([
  'GET /health',
  // Public: no token needed (API.md v1.1).
  'GET /public',
  'GET /state',
  'GET /events',
  'GET /me',
  'POST /events',
  'POST /events/batch',
  // No token needed: the code is the credential (400 for an empty body).
  'POST /enrolments/redeem',
  'GET /agencies/:agencyId/people',
  'GET /reports/agencies/:agencyId/results',
  'GET /reports/agencies/:agencyId/results.xlsx',
]);

const THEIRS = { donorId: 'ag-theirs', fullName: 'Nguyễn Thị Kín Đáo', agencyId: 'bqlkcn', phone: '0912345678', nationalId: '030190001234', birthYear: 1990 };
const OURS = { donorId: 'ag-ours', fullName: 'Trần Văn Của Mình', agencyId: 'ldld', phone: '0987654321', birthYear: 1988, workplace: 'Công ty May Tinh Lợi' };
const OURS_LATE = { donorId: 'ag-late', fullName: 'Lê Thị Chưa Đến', agencyId: 'ldld', phone: '0977000111', birthYear: 1995 };

describe('the agency role (issue 18)', () => {
  let server: TestServer;
  let desk: string;
  let ldld: string;
  let bqlkcn: string;

  beforeAll(async () => {
    server = await startTestServer({ now: festivalClock('2024-07-19T09:00:00+07:00') });
    desk = await makeToken(server, 'desk', 'Bàn 1');
    ldld = await makeToken(server, 'agency', 'Liên lạc LĐLĐ', 'ldld');
    bqlkcn = await makeToken(server, 'agency', 'Liên lạc KCN', 'bqlkcn');
  });
  afterAll(() => server?.close());

  it('a liaison’s token is bound to an agency that exists, by token or by enrolment code, and says which', async () => {
    const make = (body: unknown) => api(server.url, 'POST', '/api/tokens', { token: server.adminToken, body });
    expect((await make({ role: 'agency', label: 'Không đơn vị' })).body.error.code).toBe('invalid_body');
    expect((await make({ role: 'agency', label: 'Sai đơn vị', agencyId: 'no-such' })).body.error).toMatchObject({ code: 'unknown_agency' });
    expect((await make({ role: 'desk', label: 'Bàn có đơn vị', agencyId: 'ldld' })).status).toBe(400);

    const code = await api(server.url, 'POST', '/api/enrolments', { token: server.adminToken, body: { role: 'agency', label: 'Liên lạc Tỉnh đoàn', agencyId: 'tinhdoan' } });
    expect(code.status).toBe(201);
    expect(code.body).toMatchObject({ role: 'agency', page: 'agency', agencyId: 'tinhdoan' });
    const redeemed = await api(server.url, 'POST', '/api/enrolments/redeem', { body: { code: code.body.code } });
    expect(redeemed.body).toMatchObject({ role: 'agency', page: 'agency', agencyId: 'tinhdoan' });
    const me = await api(server.url, 'GET', '/api/me', { token: redeemed.body.token });
    expect(me.body).toMatchObject({ role: 'agency', agencyId: 'tinhdoan', label: 'Liên lạc Tỉnh đoàn' });
    const listed = (await api(server.url, 'GET', '/api/tokens', { token: server.adminToken })).body.tokens;
    expect(listed.find((t: { id: string }) => t.id === redeemed.body.id)).toMatchObject({ role: 'agency', agencyId: 'tinhdoan' });
  });

  it('every route of the API × the liaison: its own agency only; 403 for the rest, and for another agency', async () => {
    const routes = server.apiRoutes();
    // The list is the server's own: it cannot shrink to nothing unnoticed.
    expect(routes.length).toBeGreaterThan(25);
    for (const route of LIAISON_ROUTES)
      expect(
        routes.map((r) => `${r.method} ${r.path}`),
        route,
      ).toContain(route);
    const matrix: string[] = [];
    for (const { method, path } of routes) {
      const key = `${method} ${path}`;
      const url = `/api${path.replace(':agencyId', 'ldld').replace(':id', 'no-such')}`;
      const body = method === 'GET' || method === 'DELETE' ? undefined : {};
      const answer = await api(server.url, method, url, { token: ldld, ...(body ? { body } : {}) });
      matrix.push(`${key.padEnd(50)} ${answer.status}`);
      if (LIAISON_ROUTES.has(key)) {
        expect(answer.status, key).not.toBe(403);
        expect(answer.status, key).toBeLessThan(500);
      } else {
        expect(answer.status, key).toBe(403);
        expect(answer.body.error.code, key).toBe('forbidden');
      }
      if (path.includes(':agencyId')) {
        const other = await api(server.url, method, `/api${path.replace(':agencyId', 'bqlkcn')}`, { token: ldld });
        expect(other.status, `${key} for another agency`).toBe(403);
        expect(JSON.stringify(other.body)).not.toContain('bqlkcn-');
      }
    }
    console.log(`agency role × API routes:\n${matrix.join('\n')}`);
  });

  it('writes only what the role may, for its own agency; nothing is recorded otherwise', async () => {
    expect(EVENT_TYPES.filter((type) => mayWrite('agency', type))).toEqual(['donor.registered', 'list.imported', 'agency.headcount_set']);
    const seq = async () => (await api(server.url, 'GET', '/api/health')).body.seq;
    const before = await seq();
    const refused = [
      await post(server, ldld, 'list.imported', { importId: 'ag-list-other', agencyId: 'bqlkcn', fileName: 'khac.xlsx', rows: 1 }),
      await post(server, ldld, 'donor.registered', { donorId: 'ag-other', fullName: 'Người Khác', agencyId: 'bqlkcn' }),
      await post(server, ldld, 'agency.headcount_set', { agencyId: 'bqlkcn', headcount: 10 }),
      await post(server, ldld, 'donor.checked_in', { donorId: 'ag-other' }),
    ];
    // Its own agency's person, on another agency's list: that list would count them.
    expect((await post(server, server.adminToken, 'list.imported', { importId: 'ag-list-kcn', agencyId: 'bqlkcn', fileName: 'kcn.xlsx', rows: 1 })).status).toBe(201);
    const before2 = await seq();
    refused.push(await post(server, ldld, 'donor.registered', { donorId: 'ag-mixed', fullName: 'Người Lẫn Danh Sách', agencyId: 'ldld', importId: 'ag-list-kcn' }));
    for (const answer of refused) {
      expect(answer.status).toBe(403);
      expect(answer.body.error.code).toBe('forbidden');
    }
    expect(await seq()).toBe(before2);
    expect(before2).toBe(before + 1);
    expect((await post(server, ldld, 'list.imported', { importId: 'ag-list', agencyId: 'ldld', fileName: 'danh-sach-ldld.xlsx', rows: 2 })).status).toBe(201);
    expect((await post(server, ldld, 'donor.registered', { ...OURS_LATE, importId: 'ag-list' })).status).toBe(201);

    // In a rehearsal its list would count only there, and go with it: refused until live again.
    expect((await post(server, server.adminToken, 'event.mode_set', { mode: 'rehearsal' })).status).toBe(201);
    const inRehearsal = await post(server, ldld, 'list.imported', { importId: 'ag-list-r', agencyId: 'ldld', fileName: 'tap-duot.xlsx', rows: 1 });
    expect(inRehearsal.status).toBe(409);
    expect(inRehearsal.body.error.code).toBe('rehearsal_in_progress');
    expect((await post(server, server.adminToken, 'event.mode_set', { mode: 'live' })).status).toBe(201);
  });

  it('the liaison’s socket and reads: counts of everyone, its own people from its endpoint, never another agency’s', async () => {
    const socket = connectLive(server.url, ldld);
    await socket.until(() => socket.snapshots.length > 0, 5000, 'snapshot');
    const start = (await api(server.url, 'GET', '/api/health')).body.seq;
    for (const person of [THEIRS, OURS]) {
      expect((await post(server, desk, 'donor.registered', person)).status).toBe(201);
      expect((await post(server, desk, 'donor.checked_in', { donorId: person.donorId })).status).toBe(201);
      expect((await post(server, desk, 'donor.donated', { donorId: person.donorId, volumeMl: 350 })).status).toBe(201);
    }
    await socket.until(() => socket.events.some((e) => e.seq >= start + 6), 5000, 'the donations');
    const received = [socket.snapshots, socket.events];
    const events = (await api(server.url, 'GET', '/api/events', { token: ldld })).body;
    for (const what of [received, events]) {
      const text = JSON.stringify(what);
      for (const secret of [THEIRS.fullName, THEIRS.phone, THEIRS.nationalId, THEIRS.donorId, OURS.fullName, OURS.phone, OURS.donorId]) expect(text, secret).not.toContain(secret);
      expect(lastFourShownIn(what, THEIRS.nationalId.slice(-4))).toEqual([]);
    }
    socket.socket.close();

    const people = await api(server.url, 'GET', '/api/agencies/ldld/people', { token: ldld });
    expect(people.status).toBe(200);
    const byId = new Map(people.body.people.map((p: { donorId: string }) => [p.donorId, p]));
    expect(byId.get(OURS.donorId)).toMatchObject({ name: OURS.fullName, result: 'donated', volumeMl: 350, workplace: OURS.workplace });
    // The phone only of someone not yet come, to call them.
    expect(byId.get(OURS.donorId)).not.toHaveProperty('phone');
    expect(byId.get(OURS_LATE.donorId)).toMatchObject({ result: 'not_come', phone: OURS_LATE.phone });
    expect(people.body.lists).toEqual([expect.objectContaining({ importId: 'ag-list', fileName: 'danh-sach-ldld.xlsx', rows: 2 })]);
    const whole = JSON.stringify(people.body);
    for (const secret of [THEIRS.fullName, THEIRS.phone, THEIRS.donorId, 'nationalId', 'reason']) expect(whole).not.toContain(secret);
    // The other agency's liaison sees its own donor, and nothing of the labour federation's.
    const theirs = JSON.stringify((await api(server.url, 'GET', '/api/agencies/bqlkcn/people', { token: bqlkcn })).body);
    expect(theirs).toContain(THEIRS.fullName);
    expect(theirs).not.toContain(OURS.fullName);
  });

  it('the headcount sets a quota by share (rounded up), for the liaison’s agency or by admin, audited and durable', async () => {
    expect((await post(server, server.adminToken, 'agency.upserted', { agencyId: 'sotp', name: 'Sở Tư pháp', quota: { kind: 'percent_of_headcount', percent: 50, headcount: null } })).status).toBe(
      201,
    );
    const sotp = await makeToken(server, 'agency', 'Liên lạc Sở Tư pháp', 'sotp');
    const targetBefore = (await api(server.url, 'GET', '/api/state', { token: sotp })).body.target;
    expect((await post(server, ldld, 'agency.headcount_set', { agencyId: 'sotp', headcount: 121 })).status).toBe(403);
    expect((await post(server, server.adminToken, 'agency.headcount_set', { agencyId: 'ldld', headcount: 10 })).body.error.code).toBe('quota_not_by_headcount');
    expect((await post(server, sotp, 'agency.headcount_set', { agencyId: 'sotp', headcount: 121 })).status).toBe(201);
    const row = (body: { agencies: { id: string; quota: number | null }[] }) => body.agencies.find((a) => a.id === 'sotp');
    const state = (await api(server.url, 'GET', '/api/state', { token: sotp })).body;
    expect(row(state)?.quota).toBe(61);
    expect(state.target).toBe(targetBefore + 61);
    const audit = await api(server.url, 'GET', '/api/audit?type=agency.headcount_set', { token: server.adminToken });
    expect(audit.body.events).toEqual([expect.objectContaining({ payload: { agencyId: 'sotp', headcount: 121 }, actor: expect.objectContaining({ role: 'agency', label: 'Liên lạc Sở Tư pháp' }) })]);
    server = await server.restart();
    expect(row((await api(server.url, 'GET', '/api/state', { token: sotp })).body)?.quota).toBe(61);
    expect((await api(server.url, 'GET', '/api/me', { token: sotp })).body.agencyId).toBe('sotp');
  });
});
