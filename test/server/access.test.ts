/**
 * Access control as docs/API.md says: every role × every event type (201/200/409 when the
 * role may write it, 403 when not), every endpoint × every role (and no token), tokens stored
 * hashed, rate limits on failed token attempts and per-token writes, security headers.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_TYPES, ROLES, mayWrite, type EventType, type Role } from '../../shared/index.ts';
import { DB_FILE } from '../../server/store/database.ts';
import { api, connectLive, makeToken, newId, post, startTestServer, type TestServer } from '../helpers/server.ts';

/** A schema-valid payload per type: the role check must decide, not the schema. */
const SAMPLE: Record<EventType, unknown> = {
  // The agency liaison's token below is the labour federation's: the one agency it writes for.
  'donor.registered': { donorId: 'acc-x', fullName: 'Kiểm Tra', agencyId: 'ldld' },
  'donor.checked_in': { donorId: 'acc-x' },
  'donor.donated': { donorId: 'acc-x', volumeMl: 250 },
  'donor.deferred': { donorId: 'acc-x', reason: 'huyết áp' },
  'task.status_set': { taskId: 'sound', status: 'in_progress' },
  'milestone.announced': { milestoneId: 'no-such' },
  'event.voided': { eventId: 'no-such-event', reason: 'thử' },
  'event.configured': { name: 'Ngày hội', venue: 'Xứ Đông', timezone: 'Asia/Ho_Chi_Minh', days: ['2024-07-19'], countOn: 'donated' },
  'agency.upserted': { agencyId: 'acc-agency', name: 'Đơn vị thử', quota: null },
  'task.defined': { taskId: 'acc-task', title: 'Việc thử', owner: 'hctd', phase: 'before', due: null },
  'donor.updated': { donorId: 'no-such-donor', fullName: 'Ai Đó' },
  'milestone.skipped': { milestoneId: 'no-such' },
  'milestone.rule_defined': { ruleId: 'acc-rule', label: 'Thử', metric: 'donated', threshold: 99999 },
  'milestone.template_set': { kind: 'donations', text: 'Đơn vị thứ {n}!' },
  'wall.message_set': { text: null },
  'incident.reported': { incidentId: 'acc-inc', title: 'Sự cố thử', severity: 'low' },
  'incident.acknowledged': { incidentId: 'no-such' },
  'incident.resolved': { incidentId: 'no-such' },
  'schedule.item_set': { itemId: 'acc-item', title: 'Mục thử', start: '2024-07-19T08:00:00+07:00', durationMin: 10 },
  'schedule.item_removed': { itemId: 'no-such' },
  'list.imported': { importId: 'acc-import', agencyId: 'ldld', fileName: 'thu.xlsx', rows: 0 },
  'donor.erased': { donorId: 'no-such-donor', reason: 'thử' },
  // Up to a time before anyone registered: erases nobody.
  'personal_data.expired': { registeredUpTo: '2000-01-01T00:00:00Z', reason: 'thử' },
  'event.mode_set': { mode: 'live' },
  'donor.listed': { donorId: 'no-such-donor', agencyId: 'soyte' },
  'parade.checkpoint_set': { checkpointId: 'acc-cp', order: 1, name: 'Điểm thử', kind: 'junction', plannedAt: '2024-07-18T15:00:00+07:00' },
  'parade.checkpoint_removed': { checkpointId: 'no-such' },
  'parade.passed': { checkpointId: 'no-such' },
  'parade.escort_set': { memberId: 'acc-member', name: 'Cán bộ thử' },
  'parade.escort_removed': { memberId: 'no-such' },
  'security.post_set': { postId: 'acc-post', name: 'Cổng thử' },
  'security.post_removed': { postId: 'no-such' },
  'security.shift_set': { shiftId: 'acc-shift', postId: 'no-such', day: '2024-07-19', from: '06:00', to: '12:00', who: 'Tổ thử' },
  'security.shift_removed': { shiftId: 'no-such' },
  'security.manned': { shiftId: 'no-such' },
  'ceremony.awards_set': { awards: [{ awardId: 'acc-award', name: 'Giấy khen thử' }] },
  'ceremony.batch_set': { batchId: 'acc-batch', order: 9, title: 'Đợt thử' },
  'ceremony.batch_removed': { batchId: 'no-such' },
  'ceremony.honouree_set': { honoureeId: 'acc-h', kind: 'collective', name: 'Tập thể thử', awardId: 'no-such', batchId: 'no-such', order: 1 },
  'ceremony.honouree_erased': { honoureeId: 'no-such', reason: 'Yêu cầu số 1' },
  'ceremony.dossier_set': { honoureeId: 'no-such', status: 'received' },
  'ceremony.arrived': { honoureeId: 'no-such' },
  'ceremony.batch_ready': { batchId: 'no-such', item: 'flowers', ready: true },
  'ceremony.batch_cued': { batchId: 'no-such' },
  'ceremony.batch_done': { batchId: 'no-such' },
  'ceremony.script_set': { batchId: 'no-such', text: 'Lời dẫn' },
  'ceremony.script_read': { batchId: 'no-such' },
  'list.reviewed': { importId: 'no-such', decision: 'accepted' },
  // The labour federation's quota is a count, not a share: refused by the rules, not the role.
  'agency.headcount_set': { agencyId: 'ldld', headcount: 1000 },
};

describe('access', () => {
  let server: TestServer;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    server = await startTestServer();
    tokens.admin = server.adminToken;
    for (const role of ROLES.filter((r) => r !== 'admin')) tokens[role] = await makeToken(server, role);
  });
  afterAll(() => server?.close());

  it('every role × every event type: 403 exactly when the role may not write it, nothing recorded then', async () => {
    for (const type of EVENT_TYPES) {
      for (const role of ROLES) {
        const before = (await api(server.url, 'GET', '/api/health')).body.seq;
        const answer = await post(server, tokens[role], type, SAMPLE[type]);
        if (mayWrite(role, type)) {
          expect([200, 201, 409], `${role} ${type}: ${JSON.stringify(answer.body)}`).toContain(answer.status);
        } else {
          expect(answer.status, `${role} ${type}`).toBe(403);
          expect(answer.body.error.code).toBe('forbidden');
          expect((await api(server.url, 'GET', '/api/health')).body.seq).toBe(before);
        }
      }
    }
    // The contract's v1 rows, spelled out.
    expect(mayWrite('desk', 'donor.checked_in') && mayWrite('coordinator', 'task.status_set') && mayWrite('mc', 'milestone.announced')).toBe(true);
    // (issue 18) An agency's liaison registers its own agency's people (its list), and only them.
    expect(ROLES.filter((role) => mayWrite(role, 'donor.registered'))).toEqual(['admin', 'desk', 'agency']);
    expect(ROLES.some((role) => role === 'wall' && EVENT_TYPES.some((type) => mayWrite(role, type)))).toBe(false);
  });

  it('every endpoint × every role and no token', async () => {
    const matrix: [string, string, unknown, readonly Role[]][] = [
      ['GET', '/api/state', undefined, ROLES],
      ['GET', '/api/events', undefined, ROLES],
      ['GET', '/api/me', undefined, ROLES],
      ['POST', '/api/events', { id: newId(), type: 'wall.message_set', payload: { text: null } }, ['admin', 'mc']],
      ['POST', '/api/events/batch', { events: [{ id: newId(), type: 'wall.message_set', payload: { text: null } }] }, ['admin', 'desk', 'coordinator', 'mc', 'agency']],
      ['GET', '/api/tokens', undefined, ['admin']],
      ['POST', '/api/tokens', { role: 'wall', label: 'ma trận' }, ['admin']],
      ['DELETE', '/api/tokens/tok_none', undefined, ['admin']],
      ['GET', '/api/backups', undefined, ['admin']],
    ];
    for (const [method, url, body, allowed] of matrix) {
      const anonymous = await api(server.url, method, url, { body });
      expect(anonymous.status, `${method} ${url} without token`).toBe(401);
      for (const role of ROLES) {
        const answer = await api(server.url, method, url, { token: tokens[role], body });
        // Allowed roles get past auth (a batch answers 200 with a per-event 403 inside for desk/coordinator).
        if (allowed.includes(role)) expect([200, 201, 404, 409], `${role} ${method} ${url}`).toContain(answer.status);
        else expect(answer.status, `${role} ${method} ${url}`).toBe(403);
      }
    }
    expect((await api(server.url, 'GET', '/api/health')).status).toBe(200);
  });

  it('tokens are stored only as hashes', async () => {
    const made = await api(server.url, 'POST', '/api/tokens', { token: server.adminToken, body: { role: 'desk', label: 'hash?' } });
    const db = new Database(path.join(server.dataDir, DB_FILE), { readonly: true });
    const rows = db.prepare('SELECT * FROM tokens').all();
    db.close();
    expect(JSON.stringify(rows)).not.toContain(made.body.token);
    expect(JSON.stringify(rows)).not.toContain(server.adminToken);
    expect(rows.some((row: any) => /^[0-9a-f]{64}$/.test(row.hash))).toBe(true);
  });

  it('security headers and a Content-Security-Policy on pages', async () => {
    const res = await fetch(server.url + '/wall');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it("API answers, the write path's included, allow nothing to run or frame them and are never cached", async () => {
    const desk = await makeToken(server, 'desk');
    const answers = [
      await fetch(server.url + '/api/health'),
      await fetch(server.url + '/api/nothing-here'),
      await fetch(server.url + '/api/events', { method: 'POST', headers: { authorization: `Bearer ${desk}`, 'content-type': 'application/json' }, body: '{}' }),
      await fetch(server.url + '/api/events/batch', { method: 'POST', body: '{"events": []}', headers: { 'content-type': 'application/json' } }),
    ];
    for (const res of answers) {
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers.get('x-powered-by')).toBeNull();
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    }
    // An unknown route asks for a token like every other (the health check aside): nobody unknown learns which exist.
    expect(answers.map((r) => r.status)).toEqual([200, 401, 400, 401]);
  });
});

describe('rate limits', () => {
  it('failed token attempts per address: 429 with Retry-After for more failures (HTTP and socket); a valid token from that address still passes (v1.1)', async () => {
    const server = await startTestServer({ rateLimits: { authFailuresPerMinute: 5, writesPerSecond: 1000 } });
    try {
      for (let i = 0; i < 5; i++) expect((await api(server.url, 'GET', '/api/state', { token: `wrong-${i}` })).status).toBe(401);
      const limited = await api(server.url, 'GET', '/api/state', { token: 'wrong-again' });
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('rate_limited');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await api(server.url, 'GET', '/api/state')).status).toBe(429);
      const refused = connectLive(server.url, 'wrong-socket');
      const error = await new Promise<Error & { data?: { code: string } }>((resolve) => refused.socket.once('connect_error', resolve));
      expect(error.data?.code).toBe('rate_limited');
      refused.close();
      // Behind the same NAT, every good device goes on working.
      expect((await api(server.url, 'GET', '/api/state', { token: server.adminToken })).status).toBe(200);
      const socket = connectLive(server.url, server.adminToken);
      await socket.until(() => socket.snapshots.length === 1, 5000, 'snapshot');
      socket.close();
      expect((await api(server.url, 'GET', '/api/health')).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("per-token writes: WRITE_RATE_LIMIT throttles a runaway token with 429 and records nothing; the default never throttles a day's outbox", async () => {
    const server = await startTestServer({ rateLimits: { authFailuresPerMinute: 20, writesPerSecond: 5 } });
    try {
      const desk = await makeToken(server, 'desk');
      const statuses = [];
      for (let i = 0; i < 60; i++) statuses.push((await post(server, desk, 'donor.registered', { donorId: `rl-${i}`, fullName: `Người ${i}`, agencyId: 'soyte' })).status);
      expect(statuses.slice(0, 50).every((s) => s === 201)).toBe(true); // ten seconds' worth at once
      expect(statuses.slice(50)).toContain(429);
      const recorded = statuses.filter((s) => s === 201).length;
      const state = (await api(server.url, 'GET', '/api/state', { token: desk })).body;
      expect(state.totals.registered).toBe(recorded);
    } finally {
      await server.close();
    }
    const normal = await startTestServer();
    try {
      const desk = await makeToken(normal, 'desk');
      // A desk that was offline all day flushes ~4.500 events in 9 back-to-back batches.
      for (let b = 0; b < 9; b++) {
        const events = Array.from({ length: 500 }, (_, i) => ({
          id: newId(`day${b}`),
          type: 'donor.registered',
          payload: { donorId: `day-${b}-${i}`, fullName: `Người ${b}-${i}`, agencyId: 'ldld' },
        }));
        const answer = await api(normal.url, 'POST', '/api/events/batch', { token: desk, body: { events } });
        expect(answer.status).toBe(200);
      }
    } finally {
      await normal.close();
    }
  });
});
