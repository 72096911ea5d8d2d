/**
 * Issue 20, "no pause": with a log of a million events, how long the server's event loop stops
 * (bench/loop-probe.mjs, monitorEventLoopDelay max) while a snapshot is written, a backup runs,
 * an XLSX report is exported and a 5.000-row list is imported, and a wall's live latency
 * (a desk's POST → the wall's socket receiving it, every 50 ms) during each against idle.
 * Runs the compiled server (dist/server/main.mjs, as `npm start`) as a child process:
 *
 *   node --import tsx bench/no-pause.ts [events=1000000] [dataDir: a log bench/benchLog.ts wrote]
 *
 * Without a data directory it writes the log first (a minute or two at a million events).
 * Prints one line per operation, and `BENCH_JSON {…}` for bench/run.ts.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { io as ioClient } from 'socket.io-client';
import { buildServer, SERVER_OUT } from '../scripts/build-server.ts';
import { MAX_BATCH, type NewEvent } from '../shared/index.ts';
import { donorTriple, newestSnapshotSeq, waitForSnapshot, writeLog } from './benchLog.ts';
import { benchServerEnv } from './serverEnv.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const EVENTS = Number(process.argv[2] ?? 1_000_000);
const ADMIN = 'bench-pause-admin-token-0123456789';
const LIST_ROWS = 5000;
/** The desk's import sends a list in batches of this many (client/views/desk/ImportPanel.tsx). */
const IMPORT_CHUNK = 100;
/** A live write every so often during each operation. */
const PROBE_EVERY_MS = 50;

/** One operation's figures. */
export interface PauseRow {
  operation: string;
  /** How long the operation took, from its start to its end (ms). */
  ms: number;
  loopMax: number;
  liveP50: number;
  liveP99: number;
  liveCount: number;
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? NaN;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const dataDir = process.argv[3] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ntth-pause-'));
const ownDir = process.argv[3] === undefined;
if (ownDir) writeLog(dataDir, EVENTS);
await buildServer(ROOT);

function startServer() {
  const child = spawn(process.execPath, [...(process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []), path.join(ROOT, SERVER_OUT)], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_OPTIONS: `--import=${pathToFileURL(path.join(import.meta.dirname, 'loop-probe.mjs')).href}`,
      ...benchServerEnv(dataDir, ADMIN),
      // The log is dated July 2024: retention would erase everyone at start (see bench/run.ts).
      PERSONAL_DATA_DAYS: '0',
      CLIENT_DIR: path.join(ROOT, 'dist/client'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Never left running when this script fails.
  process.once('exit', () => child.kill('SIGKILL'));
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const waitFor = async (pattern: RegExp, from = 0): Promise<RegExpExecArray> => {
    for (let i = 0; i < 3000; i++) {
      const match = pattern.exec(out.slice(from));
      if (match) return match;
      if (child.exitCode !== null) throw new Error(`server exited: ${out.slice(-1500)}`);
      await sleep(50);
    }
    throw new Error(`timed out waiting for ${pattern}: ${out.slice(-1500)}`);
  };
  return {
    child,
    url: waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/).then((m) => m[1]!),
    /** The loop's figures since the last call (loop-probe.mjs answers SIGUSR2). */
    async loop(): Promise<{ max: number }> {
      const from = out.length;
      child.kill('SIGUSR2');
      return JSON.parse((await waitFor(/LOOP_PROBE (\{.*\})/, from))[1]!) as { max: number };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

// A first start and stop leaves a snapshot at the end of the log (a server's close takes one),
// so the measured server starts as one at the festival does: from its snapshot.
if (ownDir) {
  const first = startServer();
  await first.url;
  await waitForSnapshot(dataDir, 1);
  await first.stop();
}
const server = startServer();
const url = await server.url;

async function call<T>(method: string, urlPath: string, token: string, body?: unknown): Promise<{ status: number; json: T; bytes: number }> {
  const res = await fetch(url + urlPath, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const buffer = Buffer.from(await res.arrayBuffer());
  const json = (res.headers.get('content-type') ?? '').includes('json') ? (JSON.parse(buffer.toString()) as T) : (null as T);
  return { status: res.status, json, bytes: buffer.length };
}

const tokenOf = async (role: string) => (await call<{ token: string }>('POST', '/api/tokens', ADMIN, { role, label: `bench ${role}` })).json.token;
const desk = await tokenOf('desk');
const importer = await tokenOf('desk');
const wall = await tokenOf('wall');
const socket = ioClient(url, { auth: { token: wall }, transports: ['websocket'], forceNew: true });
const arrivals = new Map<string, () => void>();
socket.on('event', (event: { id: string }) => arrivals.get(event.id)?.());
await new Promise<void>((resolve, reject) => {
  socket.once('connect', () => resolve());
  socket.once('connect_error', reject);
});
// Past the start's own garbage collections (the snapshot decoded): idle is the server at rest.
await sleep(10_000);

let probeCounter = 0;
/** One live write: a desk's registration, from its POST to the wall receiving it (ms). */
async function liveOnce(): Promise<number> {
  probeCounter += 1;
  const [registration] = donorTriple('soyte', 'probe');
  const id = `${registration!.id}-${probeCounter}`;
  const t0 = performance.now();
  const arrived = new Promise<number>((resolve) => arrivals.set(id, () => resolve(performance.now() - t0)));
  const answer = await call<{ seq?: number }>('POST', '/api/events', desk, { ...registration, id });
  if (typeof answer.json.seq !== 'number') throw new Error(`probe not recorded: ${JSON.stringify(answer.json)}`);
  const ms = await Promise.race([arrived, sleep(30_000).then(() => NaN)]);
  arrivals.delete(id);
  return ms;
}

/** Runs `operation` with live writes beside it (at least `minMs`), and the loop's figures over it. */
async function during(operation: string, run: () => Promise<unknown>, minMs = 3000): Promise<PauseRow> {
  await sleep(1000);
  await server.loop();
  const latencies: number[] = [];
  let done = false;
  const t0 = performance.now();
  const finished = run().then(() => performance.now() - t0);
  finished.finally(() => (done = true)).catch(() => undefined);
  while (!done || performance.now() - t0 < minMs) {
    const tick = sleep(PROBE_EVERY_MS);
    latencies.push(await liveOnce());
    await tick;
  }
  const ms = await finished;
  const { max } = await server.loop();
  const row = { operation, ms, loopMax: max, liveP50: percentile(latencies, 50), liveP99: percentile(latencies, 99), liveCount: latencies.length };
  process.stdout.write(`${operation}: ${Math.round(ms)} ms; loop max ${max} ms; live p50 ${row.liveP50.toFixed(1)} / p99 ${row.liveP99.toFixed(1)} ms over ${latencies.length} writes\n`);
  return row;
}

const rows: PauseRow[] = [];
rows.push(await during('idle', () => sleep(5000)));

// A snapshot is due once the events since the last one reach 5 % of the log (service.ts): feed
// the log to just short of that, and the probe's own writes start it.
const lastSnapshot = newestSnapshotSeq(dataDir);
let seq = (await call<{ seq: number }>('POST', '/api/events', desk, donorTriple('soyte', 'seq')[0])).json.seq;
let due = lastSnapshot + 10_000;
while (due - lastSnapshot < Math.floor(due * 0.05)) due += 1;
while (seq < due - 30) {
  const events: NewEvent[] = [];
  while (events.length < Math.min(MAX_BATCH - 2, due - 30 - seq)) events.push(...donorTriple('ldld', 'feed'));
  const answer = await call<{ results: { seq?: number }[] }>('POST', '/api/events/batch', desk, { events });
  seq = Math.max(seq, ...answer.json.results.map((r) => r.seq ?? 0));
}
rows.push(
  await during('snapshot', async () => {
    for (let i = 0; i < 2400 && newestSnapshotSeq(dataDir) <= lastSnapshot; i++) await sleep(50);
    if (newestSnapshotSeq(dataDir) <= lastSnapshot) throw new Error('no snapshot was written within 2 minutes');
  }),
);

rows.push(
  await during('backup', async () => {
    const answer = await call('POST', '/api/backups', ADMIN);
    if (answer.status !== 201) throw new Error(`backup answered ${answer.status}`);
  }),
);

let xlsxBytes = 0;
rows.push(
  await during('XLSX export', async () => {
    // The largest report: the results of one agency (a sixth of the log's people).
    const answer = await call('GET', '/api/reports/agencies/ldld/results.xlsx', ADMIN);
    if (answer.status !== 200) throw new Error(`XLSX export answered ${answer.status}`);
    xlsxBytes = answer.bytes;
  }),
);

rows.push(
  await during(`import of a ${LIST_ROWS}-row list`, async () => {
    const importId = `bench-list-${Date.now()}`;
    const events: NewEvent[] = [{ id: `${importId}-imported`, type: 'list.imported', payload: { importId, agencyId: 'ldld', fileName: 'bench.xlsx', rows: LIST_ROWS } }];
    for (let i = 0; i < LIST_ROWS; i++) {
      const [registration] = donorTriple('ldld', 'list');
      events.push({ ...registration!, payload: { ...(registration!.payload as object), importId } } as NewEvent);
    }
    for (let i = 0; i < events.length; i += IMPORT_CHUNK) {
      const answer = await call<{ results: { seq?: number }[] }>('POST', '/api/events/batch', importer, { events: events.slice(i, i + IMPORT_CHUNK) });
      if (answer.status !== 200 || answer.json.results.some((r) => typeof r.seq !== 'number')) throw new Error(`import batch answered ${answer.status}`);
    }
  }),
);

socket.close();
await server.stop();
if (ownDir) fs.rmSync(dataDir, { recursive: true, force: true });
process.stdout.write(`BENCH_JSON ${JSON.stringify({ events: EVENTS, xlsxBytes, rows })}\n`);
process.exit(0);
