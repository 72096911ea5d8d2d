/**
 * Security hardening (issue 16), against a real server: each finding of the attacker's test
 * reproduced, and answered as it should be now.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCalendarDate, isRealInstant } from '../../shared/time.ts';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
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
  it("another device's id, or the same id for another type or payload: 409 id_conflict, nothing recorded; the same retry: 200 duplicate", async () => {
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
    // The desk itself, the same id and type with another payload (keys in another order are the same payload).
    const changed = await api(server.url, 'POST', '/api/events', { token: desk, body: { ...registration, payload: { ...registration.payload, fullName: 'Phan Văn Khác' } } });
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe('id_conflict');
    expect((await api(server.url, 'GET', '/api/state', { token: server.adminToken })).body.seq).toBe(seqBefore);
    // The desk's true retry, its payload's keys in another order.
    const reordered = { agencyId: 'soyte', fullName: 'Phan Văn Id', donorId: 'idc-1' };
    const retry = await api(server.url, 'POST', '/api/events', { token: desk, body: { type: registration.type, payload: reordered, id } });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual({ seq: first.body.seq, duplicate: true });
  });
});

describe('9. a retry of a personal record is compared without keeping anything of it', () => {
  it('a registration with a CCCD sent again is a duplicate, with another phone a conflict; once the person is erased, a retry is still a duplicate', async () => {
    const desk = await makeToken(server, 'desk', 'Bàn B');
    const registration = {
      id: 'desk-b-reg-cccd-z',
      type: 'donor.registered',
      payload: { donorId: 'idc-cccd', fullName: 'Vũ Thị Cước', agencyId: 'soyte', phone: '0912000111', nationalId: '030190001234' },
    };
    const first = await api(server.url, 'POST', '/api/events', { token: desk, body: registration });
    expect(first.status).toBe(201);
    expect((await api(server.url, 'POST', '/api/events', { token: desk, body: registration })).body).toEqual({ seq: first.body.seq, duplicate: true });
    const otherPhone = { ...registration, payload: { ...registration.payload, phone: '0912000222' } };
    expect((await api(server.url, 'POST', '/api/events', { token: desk, body: otherPhone })).body.error.code).toBe('id_conflict');
    expect(
      (
        await api(server.url, 'POST', '/api/events', {
          token: server.adminToken,
          body: { id: 'erase-idc-cccd-z', type: 'donor.erased', payload: { donorId: 'idc-cccd', reason: 'Người hiến yêu cầu xoá' } },
        })
      ).status,
    ).toBe(201);
    // Nothing of the person is left to compare with: the outbox's retry is answered as the duplicate it is.
    expect((await api(server.url, 'POST', '/api/events', { token: desk, body: registration })).body).toEqual({ seq: first.body.seq, duplicate: true });
    const raw = fs.readFileSync(path.join(server.dataDir, 'events.sqlite'));
    expect(raw.includes(Buffer.from('Vũ Thị Cước'))).toBe(false);
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

describe("6. DATA_DIR is the server user's alone", () => {
  const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

  it('the directory 0700; the log, its WAL, the key store, snapshots and backups 0600; a looser file is tightened at start, and said', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    let own = await startTestServer({ log: createLogger('warn', sink) });
    try {
      const desk = await makeToken(own, 'desk', 'Bàn quyền');
      expect(
        (
          await api(own.url, 'POST', '/api/events', {
            token: desk,
            body: { id: 'perm-reg-0001', type: 'donor.registered', payload: { donorId: 'perm-1', fullName: 'Quyền Riêng', agencyId: 'soyte' } },
          })
        ).status,
      ).toBe(201);
      expect((await api(own.url, 'POST', '/api/backups', { token: own.adminToken })).status).toBe(201);
      own = await own.restart();
      const dir = own.dataDir;
      expect(modeOf(dir).toString(8)).toBe('700');
      const files: string[] = [];
      for (const name of fs.readdirSync(dir)) {
        const full = path.join(dir, name);
        if (fs.statSync(full).isDirectory()) {
          expect(modeOf(full).toString(8), name).toBe('700');
          for (const inner of fs.readdirSync(full)) files.push(path.join(full, inner));
        } else files.push(full);
      }
      for (const name of ['events.sqlite', 'events.sqlite-wal', 'keys.sqlite']) expect(files.map((f) => path.basename(f))).toContain(name);
      expect(files.some((f) => f.includes(`${path.sep}backups${path.sep}`))).toBe(true);
      expect(files.some((f) => f.includes(`${path.sep}snapshots${path.sep}`))).toBe(true);
      for (const file of files) expect(modeOf(file).toString(8), path.relative(dir, file)).toBe('600');

      // Copied in by hand, or by an older version: 0644 and 0755 are tightened at the next start.
      fs.chmodSync(path.join(dir, 'events.sqlite'), 0o644);
      fs.chmodSync(dir, 0o755);
      own = await own.restart();
      expect(modeOf(path.join(dir, 'events.sqlite')).toString(8)).toBe('600');
      expect(modeOf(dir).toString(8)).toBe('700');
      expect(lines.some((l) => l.includes('DATA_DIR was readable by other users') && l.includes('events.sqlite'))).toBe(true);
    } finally {
      await own.close();
    }
  });
});

describe('1. no body is read before the token is known', () => {
  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  it('GET, HEAD and DELETE take no body; a bad token is refused without reading one; nesting is bounded; 64 KB but for a batch', async () => {
    const desk = await makeToken(server, 'desk', 'Bàn thân');
    // A GET with a body (fetch will not send one: HTTP spoken directly): refused, not parsed.
    const raw = await rawRequest(server.url, `GET /api/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${desk}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
    expect(raw).toContain('body_not_allowed');
    // A bad token: 401 at once, whatever the body.
    const big = nested(500_000);
    for (const path of ['/api/events', '/api/events/batch', '/api/tokens']) {
      const answer = await api(server.url, 'POST', path, { token: 'not-a-token', body: big, headers: { 'content-type': 'application/json' } });
      expect(answer.status, path).toBe(401);
    }
    // A good token: deep nesting is refused before JSON.parse; a single event over 64 KB is too large; a batch may be larger.
    const deep = await api(server.url, 'POST', '/api/events', { token: desk, body: nested(40), headers: { 'content-type': 'application/json' } });
    expect([deep.status, deep.body.error.code]).toEqual([400, 'invalid_json']);
    expect(deep.body.error.message).toContain('nested');
    const single = await api(server.url, 'POST', '/api/events', { token: desk, body: JSON.stringify({ id: 'x'.repeat(70_000) }), headers: { 'content-type': 'application/json' } });
    expect(single.status).toBe(413);
    const events = Array.from({ length: 480 }, (_, i) => ({
      id: `big-batch-${String(i).padStart(4, '0')}`,
      type: 'donor.registered',
      payload: { donorId: `bb-${i}`, fullName: `Người Thử Lô Lớn ${'Văn '.repeat(20)}${i}`, agencyId: 'soyte' },
    }));
    const batch = await api(server.url, 'POST', '/api/events/batch', { token: desk, body: { events } });
    expect(JSON.stringify({ events }).length).toBeGreaterThan(64 * 1024);
    expect(batch.status).toBe(200);
  });

  it('an unknown sender is answered 401 before its body arrives (the server does not wait for it, so never parses it)', async () => {
    for (const path of ['/api/events', '/api/events/batch', '/api/tokens', '/api/backups']) {
      // 2 MB announced, 16 bytes sent, the rest never: a server that read the body first would wait.
      const answer = await rawRequest(
        server.url,
        `POST ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer nobody\r\nContent-Type: application/json\r\nContent-Length: 2097152\r\n\r\n[[[[[[[[[[[[[[[[`,
        { keepOpen: true },
      );
      expect(answer, path).toMatch(/^HTTP\/1\.1 401/);
    }
  });
});

/**
 * One raw HTTP exchange (fetch will not send a GET with a body, nor stop half-way through one).
 * `keepOpen`: the request is left unfinished, and the first bytes of the answer are returned.
 */
function rawRequest(url: string, text: string, options: { keepOpen?: boolean } = {}): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => (options.keepOpen ? socket.write(text) : socket.end(text)));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('no answer while the body was still coming'));
    }, 3000);
    let answer = '';
    socket.on('data', (chunk) => {
      answer += String(chunk);
      if (options.keepOpen && answer.includes('\r\n\r\n')) {
        clearTimeout(timer);
        socket.destroy();
        resolve(answer);
      }
    });
    socket.on('end', () => {
      clearTimeout(timer);
      resolve(answer);
    });
    socket.on('error', reject);
  });
}

describe('10. the admin token, slow bodies, many connections, other sites', () => {
  it('a page of another site cannot open the live socket; the own origin, a configured one and no origin can', async () => {
    const configured = await startTestServer({ allowedOrigins: ['https://portal.haiduong.example'] });
    try {
      const wall = await makeToken(configured, 'wall', 'Màn hình');
      const tryOrigin = (origin: string | undefined) =>
        new Promise<string>((resolve) => {
          const socket = ioClient(configured.url, { auth: { token: wall }, transports: ['websocket'], reconnection: false, forceNew: true, ...(origin ? { extraHeaders: { origin } } : {}) });
          socket.on('connect', () => (socket.close(), resolve('connected')));
          socket.on('connect_error', (error) => (socket.close(), resolve(error.message)));
        });
      expect(await tryOrigin('http://evil.example')).not.toBe('connected');
      expect(await tryOrigin(configured.url)).toBe('connected');
      expect(await tryOrigin('https://portal.haiduong.example')).toBe('connected');
      expect(await tryOrigin(undefined)).toBe('connected');
    } finally {
      await configured.close();
    }
  });

  it('a body that never finishes is cut off after the request timeout; one address may hold only so many connections', async () => {
    const strict = await startTestServer({ requestTimeoutMs: 1500, maxConnectionsPerAddress: 6 });
    try {
      const desk = await makeToken(strict, 'desk', 'Bàn chậm');
      const started = Date.now();
      // Headers and a little of the body, then nothing: Node's default would wait 5 minutes.
      const closed = await new Promise<number>((resolve) => {
        const socket = net.connect(Number(new URL(strict.url).port), '127.0.0.1', () =>
          socket.write(`POST /api/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${desk}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"id":`),
        );
        socket.on('data', () => undefined);
        socket.on('close', () => resolve(Date.now() - started));
        socket.on('error', () => undefined);
      });
      expect(closed).toBeLessThan(10_000);

      const sockets: net.Socket[] = [];
      const closedEarly: number[] = [];
      for (let i = 0; i < 10; i++) {
        const socket = net.connect(Number(new URL(strict.url).port), '127.0.0.1');
        socket.on('error', () => undefined);
        socket.on('close', () => closedEarly.push(i));
        sockets.push(socket);
        await new Promise((resolve) => socket.once('connect', resolve));
      }
      // Six at most (this test's own keep-alive connection may hold one of them): the last four are closed at once, the first five stay.
      await expect.poll(() => [6, 7, 8, 9].every((i) => closedEarly.includes(i))).toBe(true);
      expect(closedEarly.filter((i) => i < 5)).toEqual([]);
      for (const socket of sockets) socket.destroy();
      // Once they are gone, the address connects again.
      await expect.poll(async () => (await api(strict.url, 'GET', '/api/health')).status).toBe(200);
    } finally {
      await strict.close();
    }
  });
});

describe('2. live sockets are bounded per token and per address, handshakes per address, and share their snapshot', () => {
  const open = (url: string, token: string) =>
    new Promise<{ socket: ReturnType<typeof ioClient>; answer: string; snapshot?: unknown }>((resolve) => {
      const socket = ioClient(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
      socket.on('snapshot', (snapshot) => resolve({ socket, answer: 'connected', snapshot }));
      socket.on('connect_error', (error) => resolve({ socket, answer: error.message }));
    });

  it('a token past its cap is refused (too_many_connections), and accepted again once one closes; so is an address', async () => {
    const capped = await startTestServer({ maxSocketsPerToken: 3, maxSocketsPerAddress: 5 });
    const sockets: ReturnType<typeof ioClient>[] = [];
    try {
      const wall = await makeToken(capped, 'wall', 'Màn hình');
      const first = await Promise.all([1, 2, 3].map(() => open(capped.url, wall)));
      sockets.push(...first.map((o) => o.socket));
      expect(first.map((o) => o.answer)).toEqual(['connected', 'connected', 'connected']);
      // Every socket that asked at the same seq got the same snapshot.
      expect(JSON.stringify(first[1]!.snapshot)).toBe(JSON.stringify(first[0]!.snapshot));
      const fourth = await open(capped.url, wall);
      sockets.push(fourth.socket);
      expect(fourth.answer).toBe('too_many_connections');
      first[0]!.socket.close();
      await expect
        .poll(async () => {
          const again = await open(capped.url, wall);
          sockets.push(again.socket);
          return again.answer;
        })
        .toBe('connected');
      // The address: two more tokens' sockets fill it to 5; the next is refused whatever its token.
      const other = await makeToken(capped, 'wall', 'Màn hình 2');
      const more = await Promise.all([1, 2].map(() => open(capped.url, other)));
      sockets.push(...more.map((o) => o.socket));
      expect(more.map((o) => o.answer)).toEqual(['connected', 'connected']);
      const third = await makeToken(capped, 'wall', 'Màn hình 3');
      const refused = await open(capped.url, third);
      sockets.push(refused.socket);
      expect(refused.answer).toBe('too_many_connections');
    } finally {
      for (const socket of sockets) socket.close();
      await capped.close();
    }
  });

  it('the defaults admit 1.000 sockets from one address and 100 for one token (API.md v1.1: a venue behind one NAT, a load test)', async () => {
    const own = await startTestServer();
    const sockets: ReturnType<typeof ioClient>[] = [];
    try {
      const walls = await Promise.all(Array.from({ length: 10 }, (_, i) => makeToken(own, 'wall', `Màn hình ${i + 1}`)));
      const opened = await Promise.all(Array.from({ length: 1000 }, (_, i) => open(own.url, walls[Math.floor(i / 100)]!)));
      sockets.push(...opened.map((o) => o.socket));
      expect(opened.filter((o) => o.answer !== 'connected').map((o) => o.answer)).toEqual([]);
    } finally {
      for (const socket of sockets) socket.close();
      await own.close();
    }
  }, 60_000);

  it('handshakes from one address are limited per minute (rate_limited with retryAfter), whatever their token', async () => {
    const limited = await startTestServer({ socketHandshakesPerMinute: 4 });
    const sockets: ReturnType<typeof ioClient>[] = [];
    try {
      const wall = await makeToken(limited, 'wall', 'Màn hình');
      const answers: string[] = [];
      for (const token of [wall, 'not-a-token', wall, wall, wall, wall]) {
        const opened = await open(limited.url, token);
        sockets.push(opened.socket);
        answers.push(opened.answer);
      }
      expect(answers).toEqual(['connected', 'unauthorized', 'connected', 'connected', 'rate_limited', 'rate_limited']);
      const refused = await new Promise<{ message: string; data?: { retryAfter?: number; message?: string } }>((resolve) => {
        const socket = ioClient(limited.url, { auth: { token: wall }, transports: ['websocket'], reconnection: false, forceNew: true });
        sockets.push(socket);
        socket.on('connect_error', (error) => resolve(error as never));
      });
      expect(refused.data?.retryAfter).toBeGreaterThanOrEqual(1);
      expect(refused.data?.message).toMatch(/too many connections opened from this address/);
      // The HTTP API is not this limit's business.
      expect((await api(limited.url, 'GET', '/api/state', { token: wall })).status).toBe(200);
    } finally {
      for (const socket of sockets) socket.close();
      await limited.close();
    }
  });

  it('a storm of snapshot requests (30 at once, with writes meanwhile): each socket gets a snapshot then every later event once, in order', async () => {
    const own = await startTestServer();
    const sockets: ReturnType<typeof ioClient>[] = [];
    try {
      const [wall, desk] = await Promise.all([makeToken(own, 'wall', 'Màn hình'), makeToken(own, 'desk', 'Bàn A')]);
      const received: { seq: number; events: number[] }[] = [];
      const connectOne = () =>
        new Promise<void>((resolve) => {
          const socket = ioClient(own.url, { auth: { token: wall }, transports: ['websocket'], reconnection: false, forceNew: true });
          sockets.push(socket);
          const log = { seq: -1, events: [] as number[] };
          received.push(log);
          socket.on('snapshot', (snapshot: { seq: number }) => {
            log.seq = snapshot.seq;
            resolve();
          });
          socket.on('event', (event: { seq: number }) => log.events.push(event.seq));
        });
      const storm = Array.from({ length: 30 }, connectOne);
      // Events recorded while the snapshots are being sent.
      const writes = Array.from({ length: 5 }, (_, i) =>
        api(own.url, 'POST', '/api/events', { token: desk, body: { id: `storm-${i}-z`, type: 'donor.registered', payload: { donorId: `storm-${i}`, fullName: 'Lê Văn Bão', agencyId: 'soyte' } } }),
      );
      await Promise.all([...storm, ...writes]);
      const last = (await api(own.url, 'GET', '/api/state', { token: wall })).body.seq as number;
      for (const log of received) {
        await expect.poll(() => log.seq + log.events.length).toBe(last);
        // After its snapshot, each later event exactly once and in order.
        expect(log.events).toEqual(Array.from({ length: last - log.seq }, (_, i) => log.seq + 1 + i));
      }
    } finally {
      for (const socket of sockets) socket.close();
      await own.close();
    }
  });
});

describe("10. the environment's admin token", () => {
  it('is listed (never its value) and cannot be revoked here: it is rotated by setting ADMIN_TOKEN anew', async () => {
    const secret = 'Env-Admin-Token-7fQ2xL9pR4mW8kZ3vB6n';
    const own = await startTestServer({ adminToken: secret });
    try {
      const list = await api(own.url, 'GET', '/api/tokens', { token: secret });
      expect(list.status).toBe(200);
      const fromEnv = list.body.tokens.find((t: { id: string }) => t.id === 'admin-env');
      expect(fromEnv).toMatchObject({ role: 'admin', label: 'ADMIN_TOKEN', revokedAt: null });
      expect(JSON.stringify(list.body)).not.toContain(secret);
      const revoke = await api(own.url, 'DELETE', '/api/tokens/admin-env', { token: secret });
      expect([revoke.status, revoke.body.error.code]).toEqual([409, 'token_from_environment']);
      expect(revoke.body.error.message).toContain('ADMIN_TOKEN');
      expect((await api(own.url, 'GET', '/api/me', { token: secret })).status).toBe(200);
    } finally {
      await own.close();
    }
  });
});

describe('4. a page runs only with its own role’s token', () => {
  const connect = (url: string, auth: Record<string, unknown>) =>
    new Promise<{ answer: string; message?: string; close: () => void }>((resolve) => {
      const socket = ioClient(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
      socket.on('snapshot', () => resolve({ answer: 'connected', close: () => socket.close() }));
      socket.on('connect_error', (error: Error & { data?: { message?: string } }) => resolve({ answer: error.message, message: error.data?.message, close: () => socket.close() }));
    });

  it("the handshake names its page: another role's token is refused forbidden, saying which it needs; no page, as in API.md, is accepted", async () => {
    const [wall, desk] = await Promise.all([makeToken(server, 'wall', 'Màn hình'), makeToken(server, 'desk', 'Bàn A')]);
    const cases: [Record<string, unknown>, string][] = [
      [{ token: server.adminToken, page: 'wall' }, 'forbidden'],
      [{ token: desk, page: 'wall' }, 'forbidden'],
      [{ token: wall, page: 'desk' }, 'forbidden'],
      [{ token: wall, page: 'wall' }, 'connected'],
      [{ token: desk, page: 'desk' }, 'connected'],
      [{ token: server.adminToken, page: 'admin' }, 'connected'],
      [{ token: server.adminToken }, 'connected'],
      [{ token: wall, page: 'nowhere' }, 'bad_request'],
    ];
    for (const [auth, expected] of cases) {
      const result = await connect(server.url, auth);
      result.close();
      expect(result.answer, JSON.stringify({ ...auth, token: '…' })).toBe(expected);
      if (expected === 'forbidden') expect(result.message).toMatch(new RegExp(`runs only with a \\w+ token`));
    }
    // A refused page is no failed token: the valid token still connects at once.
    expect((await connect(server.url, { token: wall, page: 'wall' })).answer).toBe('connected');
  });
});

describe('5. one-time enrolment codes', () => {
  it('an admin makes a code; the device exchanges it once, without a token, for its own token of that role and page', async () => {
    const made = await api(server.url, 'POST', '/api/enrolments', { token: server.adminToken, body: { role: 'desk', label: 'Bàn 7' } });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ role: 'desk', label: 'Bàn 7', page: 'desk' });
    expect(made.body.code).toMatch(/^[\w-]{22}$/);
    expect(Date.parse(made.body.expiresAt) - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(Date.parse(made.body.expiresAt) - Date.now()).toBeLessThanOrEqual(30 * 60_000);

    const redeemed = await api(server.url, 'POST', '/api/enrolments/redeem', { body: { code: made.body.code } });
    expect(redeemed.status).toBe(201);
    expect(redeemed.body).toMatchObject({ role: 'desk', label: 'Bàn 7', page: 'desk' });
    expect((await api(server.url, 'GET', '/api/me', { token: redeemed.body.token })).body).toMatchObject({ id: redeemed.body.id, role: 'desk', label: 'Bàn 7' });

    // Once only.
    const again = await api(server.url, 'POST', '/api/enrolments/redeem', { body: { code: made.body.code } });
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('enrolment_code_used');
    // Only an admin makes codes.
    const desk = redeemed.body.token as string;
    expect((await api(server.url, 'POST', '/api/enrolments', { token: desk, body: { role: 'admin', label: 'Chiếm quyền' } })).status).toBe(403);
    expect((await api(server.url, 'POST', '/api/enrolments', { body: { role: 'admin', label: 'Chiếm quyền' } })).status).toBe(401);
    // A malformed code is a 400 that says what a code is.
    const malformed = await api(server.url, 'POST', '/api/enrolments/redeem', { body: { code: 'a b' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/code/);
  });

  it('a code expires (ENROLMENT_CODE_MINUTES); an unknown one counts toward the address lock-out', async () => {
    let offset = 0;
    const own = await startTestServer({ now: () => Date.now() + offset, enrolmentCodeMinutes: 10, rateLimits: { authFailuresPerMinute: 3, writesPerSecond: 1000 } });
    try {
      const made = await api(own.url, 'POST', '/api/enrolments', { token: own.adminToken, body: { role: 'wall', label: 'Màn hình 2' } });
      offset = 10 * 60_000 + 1000;
      const late = await api(own.url, 'POST', '/api/enrolments/redeem', { body: { code: made.body.code } });
      expect(late.status).toBe(410);
      expect(late.body.error.code).toBe('enrolment_code_expired');
      const guesses = [];
      for (let i = 0; i < 4; i++) guesses.push((await api(own.url, 'POST', '/api/enrolments/redeem', { body: { code: `guess${i}`.padEnd(22, 'x') } })).status);
      expect(guesses).toEqual([401, 401, 401, 429]);
    } finally {
      await own.close();
    }
  });
});
