/**
 * Security hardening (issue 16), against a real server: each finding of the attacker's test
 * reproduced, and answered as it should be now.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCalendarDate, isRealInstant } from '../../shared/time.ts';
import { Writable } from 'node:stream';
import { io as ioClient } from 'socket.io-client';
import { createLogger } from '../../server/log.ts';
import { api, makeToken, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('8. impossible dates are a 400, never a 500 or a silent roll-over', () => {
  it('isCalendarDate / isRealInstant know the calendar', () => {
    for (const good of ['2024-02-29', '2024-07-19', '2026-12-31', '1900-01-01']) expect(isCalendarDate(good), good).toBe(true);
    for (const bad of ['2026-13-45', '9999-99-99', '2025-02-29', '2024-04-31', '2024-00-10', '2024-01-00', '24-07-19', '2024-7-19']) expect(isCalendarDate(bad), bad).toBe(false);
    expect(isRealInstant('2024-07-19T08:30:00+07:00')).toBe(true);
    expect(isRealInstant('2024-07-19T08:30Z')).toBe(true);
    for (const bad of ['2024-02-30T08:00:00Z', '2024-07-19T25:00:00Z', '2024-07-19T08:61:00Z', '2024-07-19T08:00:00+25:00', '2024-07-19T08:00:00']) expect(isRealInstant(bad), bad).toBe(false);
  });

  it('GET /api/audit and /api/audit.csv: 400 invalid_query naming the parameter, for every impossible date', async () => {
    for (const route of ['/api/audit', '/api/audit.csv']) {
      for (const [name, value] of [
        ['to', '2026-13-45'],
        ['from', '9999-99-99'],
        ['from', '2025-02-29'],
        ['to', '2024-02-30T08:00:00Z'],
        ['from', '2024-07-19T24:00:00Z'],
      ]) {
        const answer = await api(server.url, 'GET', `${route}?${name}=${encodeURIComponent(value!)}`, { token: server.adminToken });
        expect(answer.status, `${route}?${name}=${value}`).toBe(400);
        expect(answer.body.error.code).toBe('invalid_query');
        expect(answer.body.error.message).toContain(name);
      }
    }
    // A real day still works.
    expect((await api(server.url, 'GET', '/api/audit?from=2024-02-29&to=2024-07-20', { token: server.adminToken })).status).toBe(200);
  });

  it('fuzz: any date-like value of from/to on every audit route is a 2xx or a 400, never a 500', async () => {
    const part = (digits: number) => fc.integer({ min: 0, max: 10 ** digits - 1 }).map((n) => String(n).padStart(digits, '0'));
    const dateLike = fc
      .tuple(part(4), part(2), part(2), fc.option(fc.tuple(part(2), part(2), fc.constantFrom('Z', '+07:00', '-13:00', '+99:99')), { nil: null }))
      .map(([y, m, d, time]) => `${y}-${m}-${d}${time ? `T${time[0]}:${time[1]}${time[2]}` : ''}`);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/api/audit', '/api/audit.csv'), fc.constantFrom('from', 'to'), dateLike, async (route, name, value) => {
        const answer = await api(server.url, 'GET', `${route}?${name}=${encodeURIComponent(value)}`, { token: server.adminToken });
        expect([200, 400], `${route}?${name}=${value}`).toContain(answer.status);
        expect(answer.status === 200, value).toBe(isCalendarDate(value) || isRealInstant(value));
      }),
      { numRuns: 60 },
    );
  });
});

describe('7. a malformed handshake is a bad request, never a failed token', () => {
  const handshakeError = (auth: Record<string, unknown>) =>
    new Promise<{ message: string; data?: { code?: string; message?: string } }>((resolve, reject) => {
      const socket = ioClient(server.url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
      const timer = setTimeout(() => reject(new Error('no answer to the handshake')), 5000);
      socket.on('connect', () => {
        clearTimeout(timer);
        socket.close();
        resolve({ message: 'connected' });
      });
      socket.on('connect_error', (error: Error & { data?: { code?: string; message?: string } }) => {
        clearTimeout(timer);
        socket.close();
        resolve({ message: error.message, ...(error.data ? { data: error.data } : {}) });
      });
    });

  it('a valid token with after -1, 1.5, null or "abc": bad_request saying what is wrong, 30 times without a lock-out', async () => {
    const wall = await makeToken(server, 'wall', 'Màn hình thử');
    for (let i = 0; i < 30; i++) {
      const after = [-1, 1.5, null, 'abc'][i % 4];
      const answer = await handshakeError({ token: wall, after });
      expect(answer.message, `after ${JSON.stringify(after)}`).toBe('bad_request');
      expect(answer.data?.message).toContain('auth.after');
    }
    // Not locked out: the same address connects with the same token at once.
    expect((await handshakeError({ token: wall, after: 0 })).message).toBe('connected');
    // A missing token is still unauthorized (API.md).
    expect((await handshakeError({ after: 0 })).message).toBe('unauthorized');
  });
});

describe('9. an id already used is a duplicate only for a true retry', () => {
  it("another device's id, or the same id for another type: 409 id_conflict, nothing recorded; the same retry: 200 duplicate", async () => {
    const [desk, coordinator] = await Promise.all([makeToken(server, 'desk', 'Bàn A'), makeToken(server, 'coordinator', 'Điều phối')]);
    const id = 'desk-a-reg-0001';
    const registration = { id, type: 'donor.registered', payload: { donorId: 'idc-1', fullName: 'Phan Văn Id', agencyId: 'soyte' } };
    const first = await api(server.url, 'POST', '/api/events', { token: desk, body: registration });
    expect(first.status).toBe(201);
    const seqBefore = (await api(server.url, 'GET', '/api/state', { token: server.adminToken })).body.seq;
    // The coordinator's own event with the desk's id: not saved, and told so.
    const probe = await api(server.url, 'POST', '/api/events', { token: coordinator, body: { id, type: 'task.status_set', payload: { taskId: 'stage-setup', status: 'done' } } });
    expect(probe.status).toBe(409);
    expect(probe.body.error.code).toBe('id_conflict');
    // The desk itself, the same id for another type.
    const other = await api(server.url, 'POST', '/api/events', { token: desk, body: { id, type: 'donor.checked_in', payload: { donorId: 'idc-1' } } });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('id_conflict');
    // In a batch too.
    const batch = await api(server.url, 'POST', '/api/events/batch', { token: coordinator, body: { events: [{ id, type: 'task.status_set', payload: { taskId: 'stage-setup', status: 'done' } }] } });
    expect(batch.body.results[0].error.code).toBe('id_conflict');
    expect((await api(server.url, 'GET', '/api/state', { token: server.adminToken })).body.seq).toBe(seqBefore);
    // The desk's true retry.
    const retry = await api(server.url, 'POST', '/api/events', { token: desk, body: registration });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual({ seq: first.body.seq, duplicate: true });
  });
});

describe('3. /api in any case is the API: its headers, its log line, its auth', () => {
  it('/API, /Api and /api/ answer with no-store and are logged; an encoded /%61pi is no API at all', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    const logged = await startTestServer({ log: createLogger('info', sink) });
    try {
      for (const path of ['/API/events?after=0&limit=5', '/Api/state', '/api/state/', '/aPI/tokens']) {
        const answer = await api(logged.url, 'GET', path, { token: logged.adminToken });
        expect(answer.status, path).toBe(200);
        expect(answer.headers.get('cache-control'), path).toBe('no-store');
        expect(answer.headers.get('content-security-policy'), path).toContain("default-src 'none'");
        // Without a token: refused like the lower-case route.
        expect((await api(logged.url, 'GET', path)).status, path).toBe(401);
      }
      const made = await api(logged.url, 'POST', '/API/tokens', { token: logged.adminToken, body: { role: 'wall', label: 'Màn hình qua /API' } });
      expect(made.status).toBe(201);
      await expect.poll(() => lines.filter((l) => /"path":"\/API\/tokens"/.test(l) && /"status":201/.test(l)).length).toBe(1);
      expect(lines.some((l) => /"path":"\/API\/events"/.test(l))).toBe(true);
      expect(lines.join('\n')).not.toContain(made.body.token);
      // Percent-encoded, the path is not the API's (Express does not route it there): a page 404, no data.
      const encoded = await api(logged.url, 'GET', '/%61pi/state', { token: logged.adminToken });
      expect(encoded.status).toBe(404);
      expect(JSON.stringify(encoded.body)).not.toContain('"totals"');
    } finally {
      await logged.close();
    }
  });
});
