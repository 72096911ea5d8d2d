/**
 * Issue 16, 2: a reconnect storm. With 5.000 donors in the log, 200 sockets of every role (20
 * devices, 10 sockets each) connect at once without `after` (every device after a wifi drop): how long the server's event loop stops, how
 * long the last wall waits for its snapshot, and a desk's write latency meanwhile against idle.
 * Runs the server of the given checkout as a child process (its event loop sampled by
 * bench/loop-probe.mjs), so two versions can be compared:
 *
 *   node --import tsx bench/reconnect-storm.ts [checkout=.] [sockets=200] [donors=5000]
 *
 * Prints one line, and `BENCH_JSON {…}` for bench/run.ts.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { benchServerEnv } from './serverEnv.ts';

const root = path.resolve(process.argv[2] ?? '.');
const SOCKETS = Number(process.argv[3] ?? 200);
const DONORS = Number(process.argv[4] ?? 5000);
const ADMIN = 'bench-storm-admin-token-0123456789';
const here = import.meta.dirname;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntth-storm-'));

// STORM_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", to profile the server.
const nodeArgs = (process.env.STORM_NODE_ARGS ?? '').split(' ').filter(Boolean);
const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(root, 'server/main.ts')], {
  cwd: root,
  env: {
    ...process.env,
    NODE_OPTIONS: `--import=${pathToFileURL(path.join(here, 'loop-probe.mjs')).href}`,
    ...benchServerEnv(dataDir, ADMIN),
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let out = '';
child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
const waitFor = async (pattern: RegExp): Promise<RegExpExecArray> => {
  for (let i = 0; i < 600; i++) {
    const match = pattern.exec(out);
    if (match) return match;
    if (child.exitCode !== null) throw new Error(`server exited: ${out.slice(-1500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${pattern}: ${out.slice(-1500)}`);
};
const url = (await waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/))[1]!;

interface Answer {
  status: number;
  json: { token?: string; agencies?: { id: string }[] } | null;
}

async function call(method: string, urlPath: string, token: string, body?: unknown): Promise<Answer> {
  const res = await fetch(url + urlPath, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, json: (await res.json().catch(() => null)) as Answer['json'] };
}
const tokenOf = async (role: string, label: string) => (await call('POST', '/api/tokens', ADMIN, { role, label })).json!.token!;

const desk = await tokenOf('desk', 'Bàn đo');
const agencyIds = ((await call('GET', '/api/state', ADMIN)).json?.agencies ?? []).map((a) => a.id);
const agencyOf = (i: number) => agencyIds[i % agencyIds.length]!;

// The log: DONORS people registered, checked in and donated, as a festival day leaves it.
const run = Date.now().toString(36);
let events: unknown[] = [];
for (let i = 0; i < DONORS; i++) {
  const donorId = `storm-${run}-${i}`;
  events.push(
    {
      id: `r-${donorId}`,
      type: 'donor.registered',
      payload: { donorId, fullName: `Nguyễn Văn Thử ${i}`, agencyId: agencyOf(i), phone: `09${String(10_000_000 + i).slice(-8)}`, birthYear: 1980 + (i % 25) },
    },
    { id: `c-${donorId}`, type: 'donor.checked_in', payload: { donorId } },
    { id: `d-${donorId}`, type: 'donor.donated', payload: { donorId, volumeMl: 350 } },
  );
  if (events.length >= 450 || i === DONORS - 1) {
    const answer = await call('POST', '/api/events/batch', desk, { events });
    if (answer.status !== 200 && answer.status !== 207) throw new Error(`seeding: ${answer.status} ${JSON.stringify(answer.json).slice(0, 300)}`);
    events = [];
  }
}
// The devices that reconnect: every role's pages, 4 devices of each (a desk's and admin's
// snapshots carry personal data and are the largest).
const ROLES = ['wall', 'coordinator', 'mc', 'desk', 'admin'];
const devices: string[] = [];
for (const role of ROLES) for (let i = 1; i <= 4; i++) devices.push(await tokenOf(role, `${role} ${i}`));

let written = 0;
let resets = 0;
/** One desk registration, in ms. */
async function deskWrite(): Promise<number> {
  const started = performance.now();
  const donorId = `storm-desk-${run}-${(written += 1)}`;
  const body = { id: `r-${donorId}`, type: 'donor.registered', payload: { donorId, fullName: 'Trần Thị Bàn', agencyId: agencyOf(written) } };
  for (;;) {
    try {
      const answer = await call('POST', '/api/events', desk, body);
      // 200: a retry after a reset found it recorded.
      if (answer.status !== 201 && answer.status !== 200) throw new Error(`desk write: ${answer.status}`);
      return performance.now() - started;
    } catch (err) {
      // A connection reset under load: the desk's outbox retries it; the time counts.
      if (!/fetch failed/.test((err as Error).message)) throw err;
      resets += 1;
    }
  }
}
const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.floor(q * (values.length - 1))]!;

async function loopProbe(): Promise<{ max: number; p99: number; mean: number }> {
  const before = out.length;
  child.kill('SIGUSR2');
  for (let i = 0; i < 100; i++) {
    const match = /LOOP_PROBE (\{.*\})/.exec(out.slice(before));
    if (match) return JSON.parse(match[1]!);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the loop probe did not answer');
}

await loopProbe();
const idle: number[] = [];
for (let i = 0; i < 40; i++) idle.push(await deskWrite());
const idleLoop = await loopProbe();

const worker = new Worker(path.join(here, 'storm-sockets.mjs'), { workerData: { url, tokens: devices, count: SOCKETS } });
let done = false;
const stormResult = new Promise<{ lastMs: number; p50Ms: number; bytes: number; refused: number }>((resolve, reject) => {
  worker.once('message', (message) => {
    done = true;
    resolve(message);
  });
  worker.once('error', reject);
});
const during: number[] = [];
while (!done) during.push(await deskWrite());
const storm = await stormResult;
const stormLoop = await loopProbe();
await worker.terminate();

child.kill('SIGTERM');
await new Promise((resolve) => child.once('exit', resolve));
fs.rmSync(dataDir, { recursive: true, force: true });

const result = {
  sockets: SOCKETS,
  donors: DONORS,
  largestSnapshotKb: storm.bytes / 1024,
  refused: storm.refused,
  lastSnapshotMs: storm.lastMs,
  loopMaxMs: stormLoop.max,
  idleLoopMaxMs: idleLoop.max,
  deskIdleP50: quantile(idle, 0.5),
  deskIdleMax: quantile(idle, 1),
  deskStormP50: quantile(during, 0.5),
  deskStormMax: quantile(during, 1),
  deskStormWrites: during.length,
  deskResets: resets,
};
const f = (n: number) => n.toFixed(1);
console.log(
  `${SOCKETS} sockets of 5 roles at once, ${DONORS} donors (largest snapshot ${f(result.largestSnapshotKb)} KB, ${result.refused} refused): last snapshot after ${f(result.lastSnapshotMs)} ms; ` +
    `event-loop delay max ${f(result.loopMaxMs)} ms (idle ${f(result.idleLoopMaxMs)}); desk write p50 ${f(result.deskStormP50)} / max ${f(result.deskStormMax)} ms during (${result.deskStormWrites} writes, ${result.deskResets} connection resets retried), idle p50 ${f(result.deskIdleP50)} / max ${f(result.deskIdleMax)} ms`,
);
console.log(`BENCH_JSON ${JSON.stringify(result)}`);
