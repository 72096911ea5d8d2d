/**
 * Durability across restarts: state, tokens and idempotency survive a restart; SIGTERM
 * finishes in-flight writes; after SIGKILL in the middle of a burst every acknowledged event
 * is in the log exactly once. The server runs as a real child process (`node --import tsx`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SNAPSHOT_DIR } from '../../server/store/snapshotStore.ts';
import { donateOne } from '../helpers/donors.ts';
import { api, connectLive, freePort, getState, makeToken, post, startTestServer, tempDataDir } from '../helpers/server.ts';

describe('restart in process', () => {
  it('keeps the state, the tokens and idempotency; the default event is not loaded twice', async () => {
    let server = await startTestServer();
    const desk = await makeToken(server, 'desk');
    const [registered] = await donateOne(server, desk, { donorId: 'keep-1', fullName: 'Vũ Thị Mai', agencyId: 'soyte', volumeMl: 450 });
    const before = await getState(server, desk);

    server = await server.restart();
    try {
      const after = await api(server.url, 'GET', '/api/state', { token: desk });
      expect(after.status).toBe(200);
      expect(after.body).toEqual(before);
      const again = await post(server, desk, 'donor.registered', { donorId: 'keep-1', fullName: 'Vũ Thị Mai', agencyId: 'soyte' }, registered!.event.id);
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ seq: registered!.answer.body.seq, duplicate: true });
      expect((await api(server.url, 'GET', '/api/health')).body.seq).toBe(before.seq);
    } finally {
      await server.close();
    }
  });
});

interface Child {
  process: ChildProcess;
  url: Promise<string>;
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function startChild(dataDir: string, adminToken: string, port = 0, env: Record<string, string> = {}): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_TOKEN: adminToken, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { process: child, url, exited };
}

/** Writers posting register → check in → donate for fresh donors until told to stop. */
function burst(url: string, token: string, writers: number) {
  const acknowledged = new Map<string, number>();
  let stop = false;
  const one = async (id: string, type: string, payload: unknown) => {
    try {
      const answer = await api(url, 'POST', '/api/events', { token, body: { id, type, payload } });
      if (answer.status === 201 || answer.status === 200) acknowledged.set(id, answer.body.seq);
      return answer.status === 201 || answer.status === 200;
    } catch {
      return false; // connection refused or reset: not acknowledged
    }
  };
  const runs = Array.from({ length: writers }, async (_, w) => {
    for (let i = 0; !stop && i < 10_000; i++) {
      const donorId = `w${w}-d${i}`;
      if (!(await one(`reg-${donorId}`, 'donor.registered', { donorId, fullName: `Người hiến ${w}-${i}`, agencyId: 'ldld' }))) break;
      if (!(await one(`chk-${donorId}`, 'donor.checked_in', { donorId }))) break;
      if (!(await one(`don-${donorId}`, 'donor.donated', { donorId, volumeMl: 350 }))) break;
    }
  });
  return { acknowledged, stop: () => (stop = true), done: Promise.all(runs) };
}

/**
 * Desks that each register, check in and record a donation for their donors, retrying every
 * event with the same id until the server acknowledges it (as the outbox does), through a
 * crash and a restart.
 */
function retryingBurst(url: string, token: string, desks: number, donorsPerDesk: number) {
  const acknowledged = new Map<string, number>();
  const deadline = Date.now() + 45_000;
  const send = async (id: string, type: string, payload: unknown) => {
    while (Date.now() < deadline) {
      try {
        const answer = await api(url, 'POST', '/api/events', { token, body: { id, type, payload } });
        if (answer.status === 201 || answer.status === 200) {
          acknowledged.set(id, answer.body.seq);
          return;
        }
        if (answer.status < 500) throw new Error(`${type} ${id}: ${answer.status} ${JSON.stringify(answer.body)}`);
      } catch (err) {
        if (err instanceof Error && err.message.includes(id)) throw err;
      }
      await new Promise((r) => setTimeout(r, 50)); // connection refused or 503: retry, same id
    }
    throw new Error(`${id} never acknowledged`);
  };
  const done = Promise.all(
    Array.from({ length: desks }, async (_, d) => {
      for (let i = 0; i < donorsPerDesk; i++) {
        const donorId = `k${d}-${i}`;
        await send(`reg-${donorId}-x`, 'donor.registered', { donorId, fullName: `Người hiến ${d}-${i}`, agencyId: 'bqlkcn' });
        await send(`chk-${donorId}-x`, 'donor.checked_in', { donorId });
        await send(`don-${donorId}-x`, 'donor.donated', { donorId, volumeMl: 350 });
      }
    }),
  );
  return { acknowledged, done };
}

async function allEvents(url: string, token: string) {
  const events: { seq: number; id: string; type: string }[] = [];
  for (;;) {
    const page = await api(url, 'GET', `/api/events?after=${events.at(-1)?.seq ?? 0}&limit=5000`, { token });
    events.push(...page.body.events);
    if (page.body.events.length < 5000) return events;
  }
}

describe('the server as a child process', () => {
  it('SIGTERM: stops, finishes the writes in flight, exits 0; nothing acknowledged is lost', async () => {
    const dataDir = tempDataDir();
    const adminToken = 'Test-Admin-SIGTERM-qZ7wP3kL5vX9';
    const first = startChild(dataDir, adminToken);
    const url = await first.url;
    const load = burst(url, adminToken, 4);
    while (load.acknowledged.size < 60) await new Promise((r) => setTimeout(r, 10));
    first.process.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    load.stop();
    await load.done;

    const second = startChild(dataDir, adminToken);
    const url2 = await second.url;
    const ids = new Map((await allEvents(url2, adminToken)).map((e) => [e.id, e.seq]));
    for (const [id, seq] of load.acknowledged) expect(ids.get(id), id).toBe(seq);
    second.process.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('SIGTERM while it is still starting: it finishes starting, then stops gracefully (exit 0, snapshot written)', async () => {
    const dataDir = tempDataDir();
    const child = startChild(dataDir, 'Test-Admin-EarlyStop-qZ7wP3kL5vX9', 0, { LOG_LEVEL: 'info' });
    child.url.catch(() => undefined);
    let output = '';
    // The state is loaded before the server listens: stop it right then.
    await new Promise<void>((resolve) =>
      child.process.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('state loaded')) resolve();
      }),
    );
    child.process.kill('SIGTERM');
    expect(await child.exited).toBe(0);
    expect(fs.readdirSync(path.join(dataDir, SNAPSHOT_DIR))).toHaveLength(1);
  });

  it('SIGKILL in the middle of a burst from 8 desks retrying with the same ids: every acknowledged event once, totals exact, a follower resumes with no gap', async () => {
    const dataDir = tempDataDir();
    const adminToken = 'Test-Admin-SIGKILL-qZ7wP3kL5vX9';
    const port = await freePort();
    const first = startChild(dataDir, adminToken, port);
    const url = await first.url;
    const desk = await makeToken({ url, adminToken }, 'desk', 'Bàn thử');
    const wall = await makeToken({ url, adminToken }, 'wall', 'Màn hình thử');
    const follower = connectLive(url, wall);
    await follower.until(() => follower.snapshots.length === 1);

    const DONORS_PER_DESK = 12;
    const load = retryingBurst(url, desk, 8, DONORS_PER_DESK);
    while (load.acknowledged.size < 120) await new Promise((r) => setTimeout(r, 5));
    first.process.kill('SIGKILL');
    await first.exited;
    const lastSeen = follower.events.at(-1)?.seq ?? follower.snapshots[0]!.seq;
    follower.close();

    // The desks keep retrying while the server is down; it comes back on the same address.
    await new Promise((r) => setTimeout(r, 300));
    const second = startChild(dataDir, adminToken, port);
    await second.url;
    await load.done;
    expect(load.acknowledged.size).toBe(8 * DONORS_PER_DESK * 3);

    const events = await allEvents(url, adminToken);
    const ids = events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const bySeq = new Map(events.map((e) => [e.id, e.seq]));
    for (const [id, seq] of load.acknowledged) expect(bySeq.get(id), id).toBe(seq);

    const state = (await api(url, 'GET', '/api/state', { token: adminToken })).body;
    expect(state.totals.donated).toBe(8 * DONORS_PER_DESK);
    expect(state.totals.registered).toBe(8 * DONORS_PER_DESK);
    expect(state.totals.volumeMl).toBe(8 * DONORS_PER_DESK * 350);

    // A wall that followed the first server resumes on the second with `after` and no gap.
    const resumed = connectLive(url, wall, lastSeen);
    await resumed.until(() => (resumed.events.at(-1)?.seq ?? lastSeen) === state.seq, 5000, 'catch-up');
    expect(resumed.events.map((e) => e.seq)).toEqual(Array.from({ length: state.seq - lastSeen }, (_, i) => lastSeen + 1 + i));
    resumed.close();
    second.process.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
