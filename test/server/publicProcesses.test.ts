/**
 * The public counter across processes (issue 19): a writer and two public processes (`npm run
 * start:public`, real child processes) with a real Redis (Debian's redis-server, started here on
 * a free port). A viewer on each sees the same figures in order; a public process killed, its
 * viewer resumes on the other with no gap; Redis stopped, the desks keep writing, the staff's
 * socket keeps its events, and the viewers catch up (from the writer), and again once Redis is back.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, connectLive, freePort, makeToken, post, startTestServer, type TestServer } from '../helpers/server.ts';

const hasRedis = spawnSync('redis-server', ['--version']).status === 0;

function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('redis-server did not start')), 10_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', () => reject(new Error('redis-server exited')));
  });
}

/** `readAfterMs`: how long without a body from Redis before it reads the writer (long: Redis alone carries the figures). */
function startPublicProcess(redisUrl: string, writerUrl: string, readAfterMs: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/publicMain.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', REDIS_URL: redisUrl, WRITER_URL: writerUrl, LOG_LEVEL: 'warn', WRITER_READ_AFTER_MS: String(readAfterMs) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('public process did not start')), 20_000);
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]! });
      }
    });
    child.once('exit', (code) => reject(new Error(`public process exited (${code})`)));
  });
}

interface Viewer {
  socket: Socket;
  bodies: { seq: number; totals: { donated: number } }[];
}

function viewer(url: string): Viewer {
  const socket = ioClient(`${url}/public`, { transports: ['websocket'], reconnection: false, forceNew: true });
  const seen: Viewer = { socket, bodies: [] };
  socket.on('public', (body) => seen.bodies.push(body));
  return seen;
}

const last = (v: Viewer) => v.bodies.at(-1);

describe.skipIf(!hasRedis)('the public counter on several processes, through Redis', () => {
  let redis: ChildProcess;
  let redisPort: number;
  let writer: TestServer;
  let desk: string;
  const publics: { child: ChildProcess; url: string }[] = [];
  let donor = 0;

  const donate = async () => {
    donor += 1;
    const donorId = `multi-${donor}`;
    expect((await post(writer, desk, 'donor.registered', { donorId, fullName: `Người Xem ${donor}`, agencyId: 'ldld' })).status).toBe(201);
    expect((await post(writer, desk, 'donor.checked_in', { donorId })).status).toBe(201);
    expect((await post(writer, desk, 'donor.donated', { donorId, volumeMl: 350 })).status).toBe(201);
  };
  const writerSeq = async () => (await api(writer.url, 'GET', '/api/health')).body.seq as number;

  beforeAll(async () => {
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    writer = await startTestServer({ redisUrl: `redis://127.0.0.1:${redisPort}` });
    desk = await makeToken(writer, 'desk', 'Bàn 1');
    // Two that hear the figures through Redis only (they read the writer once, at start)…
    for (let i = 0; i < 2; i += 1) publics.push(await startPublicProcess(`redis://127.0.0.1:${redisPort}`, writer.url, 600_000));
    // …and one that reads the writer after 1 s of silence, as it would (5 s) when Redis is away.
    publics.push(await startPublicProcess(`redis://127.0.0.1:${redisPort}`, writer.url, 1000));
  }, 60_000);
  afterAll(async () => {
    for (const p of publics) p.child.kill('SIGKILL');
    await writer?.close();
    redis?.kill('SIGKILL');
  });

  it('a viewer on each process sees the same figures, in order; one process killed, its viewer resumes on the other with no gap', async () => {
    const [a, b] = [viewer(publics[0]!.url), viewer(publics[1]!.url)];
    await expect.poll(() => a.bodies.length > 0 && b.bodies.length > 0, { timeout: 10_000 }).toBe(true);
    for (let i = 0; i < 3; i += 1) await donate();
    const seq = await writerSeq();
    await expect.poll(() => [last(a)?.seq, last(b)?.seq], { timeout: 10_000 }).toEqual([seq, seq]);
    for (const v of [a, b]) {
      expect(last(v)!.totals.donated).toBe(3);
      const seqs = v.bodies.map((body) => body.seq);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    }
    // Figures on the public processes are the writer's: no person reached them.
    expect(JSON.stringify([a.bodies, b.bodies])).not.toContain('Người Xem');

    publics[0]!.child.kill('SIGKILL');
    await expect.poll(() => a.socket.connected, { timeout: 20_000 }).toBe(false);
    await donate();
    // The viewer comes back on the other process: its first body is the current figures.
    const again = viewer(publics[1]!.url);
    await expect.poll(() => last(again)?.totals.donated, { timeout: 10_000 }).toBe(4);
    expect(last(again)!.seq).toBe(await writerSeq());
    for (const v of [a, b, again]) v.socket.close();
  }, 60_000);

  it('Redis stopped: desks write, staff sockets get their events, viewers catch up; and again once Redis is back', async () => {
    const v = viewer(publics[2]!.url);
    const staff = connectLive(writer.url, await makeToken(writer, 'coordinator'));
    await expect.poll(() => v.bodies.length > 0 && staff.snapshots.length > 0, { timeout: 10_000 }).toBe(true);
    const before = last(v)!.totals.donated;

    redis.kill('SIGKILL');
    await new Promise((resolve) => redis.once('exit', resolve));
    const staffEventsBefore = staff.events.length;
    await donate();
    await expect.poll(() => staff.events.length, { timeout: 5000 }).toBeGreaterThanOrEqual(staffEventsBefore + 3);
    // No Redis: the public process reads the writer when it hears nothing.
    await expect.poll(() => last(v)?.totals.donated, { timeout: 20_000 }).toBe(before + 1);

    redis = await startRedis(redisPort);
    await donate();
    await expect.poll(() => last(v)?.totals.donated, { timeout: 20_000 }).toBe(before + 2);
    expect(last(v)!.seq).toBe(await writerSeq());
    v.socket.close();
    staff.socket.close();
  }, 90_000);
});
