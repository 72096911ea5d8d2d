/**
 * `npm run bench`: measures the server against the physical limits of its stack, side by side
 * in one run, and writes BENCHMARKS.md (machine, date, figures, goals). Not a test: nothing
 * here asserts; `npm test` stays fast and deterministic.
 *
 * Everything talks to 127.0.0.1 only, with bounded counts and durations. The servers under
 * test run as child processes so the load generator (this process) does not share their
 * event loop.
 *
 * Options (env): BENCH_QUICK=1 for a short run (smaller N, 10k/100k logs only),
 * BENCH_SKIP=startup,wall,storm,... to leave parts out.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { io as ioClient, type Socket } from 'socket.io-client';
import { build as esbuild } from 'esbuild';
import { openDatabase } from '../server/store/database.ts';
import { EventStore } from '../server/store/eventStore.ts';
import { KeyStore } from '../server/privacy/keyStore.ts';
import { MAX_BATCH, type Actor, type NewEvent, type RecordedEvent } from '../shared/index.ts';
import { donorTriple, waitForSnapshot, writeLog } from './benchLog.ts';
import { buildServer, SERVER_OUT } from '../scripts/build-server.ts';
import { benchServerEnv } from './serverEnv.ts';
import type { PublicViewersRow } from './public-viewers.ts';
import type { PauseRow } from './no-pause.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const ROOT = path.resolve(import.meta.dirname, '..');
const ADMIN = 'bench-admin-token-0123456789';
const rows: string[][] = [];
/** The soak's plot of RSS and event-loop delay, beside BENCHMARKS.md. */
const SOAK_PLOT = 'BENCHMARKS-soak.png';
const notes: string[] = [];

// ---- helpers --------------------------------------------------------------------------------

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'ntth-bench-'));
}

interface Child {
  process: ChildProcess;
  port: number;
  /** Milliseconds from spawn to the "listening" line. */
  startedMs: number;
  stop(): Promise<void>;
}

function startChild(args: string[], env: Record<string, string>, ready: RegExp): Promise<Child> {
  const t0 = performance.now();
  // Compiled JavaScript runs on plain Node.js; TypeScript (the bare yardsticks) through tsx.
  const nodeArgs = args[0]!.endsWith('.mjs') ? args : ['--import', 'tsx', ...args];
  const child = spawn(process.execPath, nodeArgs, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = ready.exec(out);
      if (match) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve({
          process: child,
          port: Number(match[1]),
          startedMs: performance.now() - t0,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
              setTimeout(() => child.kill('SIGKILL'), 5000).unref();
            }),
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => reject(new Error(`child exited ${code}: ${out.slice(-2000)}`)));
  });
}

/** The server as `npm start` runs it: the compiled dist/server/main.mjs (built at the start of the run). */
function startProduct(dataDir: string): Promise<Child> {
  return startChild(
    [path.join(ROOT, SERVER_OUT)],
    // Its logs are dated on the festival's days (July 2024), long past the retention of personal
    // data: a server would erase everyone at start (PERSONAL_DATA_DAYS). The bench measures the
    // pipeline, not that purge, so retention is off.
    {
      ...benchServerEnv(dataDir, ADMIN),
      PERSONAL_DATA_DAYS: '0',
      CLIENT_DIR: path.join(ROOT, 'dist/client'),
    },
    /listening on http:\/\/127\.0\.0\.1:(\d+)/,
  );
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');

async function post<T = unknown>(port: number, urlPath: string, body: unknown, token = ADMIN): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${port}${urlPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return (await res.json()) as T;
}

async function token(port: number, role: string, label: string): Promise<string> {
  return (await post<{ token: string }>(port, '/api/tokens', { role, label })).token;
}

function connectSockets(port: number, n: number, auth: Record<string, unknown>): Promise<Socket[]> {
  return Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<Socket>((resolve, reject) => {
          const socket = ioClient(`http://127.0.0.1:${port}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true, timeout: 20_000 });
          socket.once('connect', () => resolve(socket));
          socket.once('connect_error', reject);
        }),
    ),
  );
}

// ---- 1. live latency -------------------------------------------------------------------------

/** Events sent to each server before the measured ones, so neither is measured while its code is still cold. */
const WARM_UP = 5;

async function measureBroadcast(port: number, sockets: Socket[], send: (i: number) => Promise<void>, repeats: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < WARM_UP + repeats; i++) {
    const t0 = performance.now();
    const measured = i >= WARM_UP;
    const arrived = Promise.all(
      sockets.map(
        (socket) =>
          new Promise<void>((resolve) =>
            socket.once('event', () => {
              if (measured) latencies.push(performance.now() - t0);
              resolve();
            }),
          ),
      ),
    );
    await send(i);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('an event did not reach every socket within 10 s')), 10_000)));
    await Promise.race([arrived, late]).finally(() => clearTimeout(timer));
    await new Promise((r) => setTimeout(r, 20));
  }
  return latencies;
}

async function liveLatency(): Promise<{ rssWith1000: number | null }> {
  const sizes = QUICK ? [100, 500] : [100, 500, 1000];
  // Events per N. A p99 over (event, socket) pairs is set by the slowest few events, since one
  // event reaches all N sockets within a few ms: enough events that one slow fsync is not the p99.
  const repeatsFor = (n: number) => (QUICK ? 10 : n <= 100 ? 400 : n <= 500 ? 100 : 40);
  let rssWith1000: number | null = null;
  const dataDir = tempDir();
  const product = await startProduct(dataDir);
  const bare = await startChild(['bench/bareSocket.ts'], {}, /listening (\d+)/);
  try {
    const desk = await token(product.port, 'desk', 'bench desk');
    const wall = await token(product.port, 'wall', 'bench wall');
    // Donors ready to check in, one per measured event.
    const total = sizes.reduce((sum, n) => sum + WARM_UP + repeatsFor(n), 0) + 5;
    const prepared: string[] = [];
    const batch: NewEvent[] = [];
    for (let i = 0; i < total; i++) {
      const [reg] = donorTriple('ldld');
      batch.push(reg!);
      prepared.push((reg!.payload as { donorId: string }).donorId);
    }
    for (let i = 0; i < batch.length; i += MAX_BATCH) await post(product.port, '/api/events/batch', { events: batch.slice(i, i + MAX_BATCH) }, desk);
    let next = 0;
    for (const n of sizes) {
      const sockets = await connectSockets(product.port, n, { token: wall });
      await new Promise((r) => setTimeout(r, 300));
      if (n === 1000 || (QUICK && n === sizes.at(-1))) rssWith1000 = rssMb(product.process.pid!);
      // What the product broadcasts for a check-in, sent through the bare server too (same size).
      const sample = {
        seq: 1,
        id: 'c-bench-sample-000',
        type: 'donor.checked_in',
        payload: { donorId: 'b000000' },
        at: new Date().toISOString(),
        actor: { tokenId: 'tok_000000000000', role: 'desk', label: 'bench desk' },
      };
      const product_ = await measureBroadcast(
        product.port,
        sockets,
        async () => {
          const answer = await post<{ seq?: number }>(product.port, '/api/events', { id: `lat-${next}-bench-check`, type: 'donor.checked_in', payload: { donorId: prepared[next++] } }, desk);
          // Not recorded, never broadcast: fail the part rather than wait for it.
          if (typeof answer.seq !== 'number') throw new Error(`check-in not recorded: ${JSON.stringify(answer)}`);
        },
        repeatsFor(n),
      );
      for (const s of sockets) s.close();
      const bareSockets = await connectSockets(bare.port, n, {});
      await new Promise((r) => setTimeout(r, 300));
      const bare_ = await measureBroadcast(
        bare.port,
        bareSockets,
        async () => {
          await fetch(`http://127.0.0.1:${bare.port}/emit`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(sample) });
        },
        repeatsFor(n),
      );
      for (const s of bareSockets) s.close();
      const ratio = percentile(product_, 99) / percentile(bare_, 99);
      rows.push([
        `live latency, N = ${fmtInt(n)} wall sockets (p50 / p99)`,
        `${fmt(percentile(product_, 50))} / ${fmt(percentile(product_, 99))} ms`,
        `bare Socket.IO ${fmt(percentile(bare_, 50))} / ${fmt(percentile(bare_, 99))} ms`,
        `${fmt(ratio, 2)} × bare`,
        'p99 ≤ 1.5 × bare',
        ratio <= 1.5 ? 'met' : 'not met',
      ]);
      await new Promise((r) => setTimeout(r, 300));
    }
  } finally {
    await product.stop();
    await bare.stop();
  }
  return { rssWith1000 };
}

// ---- 1b. memory with 1.000 sockets ----------------------------------------------------------

/**
 * A server as it starts at the festival (the default event loaded) with 1.000 wall sockets
 * connected, measured on its own: the latency rounds before it leave garbage of their own
 * (hundreds of check-ins and thousands of connections come and gone), so their figure is given
 * beside it, not against the goal.
 */
async function memoryWithSockets(afterRounds: number | null): Promise<void> {
  const n = QUICK ? 500 : 1000;
  const product = await startProduct(tempDir());
  try {
    const wall = await token(product.port, 'wall', 'bench wall');
    const sockets: Socket[] = [];
    for (let i = 0; i < n; i += 100) sockets.push(...(await connectSockets(product.port, Math.min(100, n - i), { token: wall })));
    await new Promise((r) => setTimeout(r, 1000));
    const rss = rssMb(product.process.pid!);
    for (const socket of sockets) socket.close();
    const after = afterRounds === null ? '' : `; the latency server, after its rounds, ${fmtInt(afterRounds)} MB`;
    rows.push([`server memory with ${fmtInt(n)} sockets`, `${fmtInt(rss)} MB RSS${after}`, '—', '—', '≤ 150 MB RSS', rss <= 150 ? 'met' : 'not met']);
  } finally {
    await product.stop();
  }
}

// ---- 2. durable ingest, single events ------------------------------------------------------

async function closedLoop(writers: number, seconds: number, request: (writer: number, i: number) => Promise<boolean>): Promise<number> {
  let done = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; performance.now() < end; i++) if (await request(w, i)) done += 1;
    }),
  );
  return done / seconds;
}

async function ingest(): Promise<void> {
  const seconds = QUICK ? 3 : 6;
  const writers = 16;
  const dataDir = tempDir();
  const product = await startProduct(dataDir);
  const bare = await startChild(['bench/bareHttp.ts'], {}, /listening (\d+)/);
  try {
    const tokens = await Promise.all(Array.from({ length: writers }, (_, w) => token(product.port, 'desk', `bench desk ${w}`)));
    const body = (w: number, i: number) => ({
      id: `ing-${w}-${i}-bench`,
      type: 'donor.registered',
      payload: { donorId: `ing-${w}-${i}`, fullName: `Trần Thị Bench ${w} ${i}`, agencyId: 'bqlkcn', phone: '0912345678' },
    });
    const productRate = await closedLoop(writers, seconds, async (w, i) => {
      const res = await fetch(`http://127.0.0.1:${product.port}/api/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[w]}` },
        body: JSON.stringify(body(w, i)),
      });
      await res.arrayBuffer();
      return res.status === 201;
    });
    const bareRate = await closedLoop(writers, seconds, async (w, i) => {
      const res = await fetch(`http://127.0.0.1:${bare.port}/api/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[w]}` },
        body: JSON.stringify(body(w, i + 1e6)),
      });
      await res.arrayBuffer();
      return res.status === 201;
    });
    const ratio = productRate / bareRate;
    rows.push([
      `durable ingest, single events over HTTP, ${writers} concurrent writers`,
      `${fmtInt(productRate)} events/s (each committed, synchronous=FULL, before its 201)`,
      `bare node:http ${fmtInt(bareRate)} req/s`,
      `${fmt(ratio, 2)} × bare`,
      '≥ 0.7 × bare',
      ratio >= 0.7 ? 'met' : 'not met',
    ]);
  } finally {
    await product.stop();
    await bare.stop();
  }
}

// ---- 3. batch ingest ------------------------------------------------------------------------

async function batchIngest(): Promise<void> {
  const batches = QUICK ? 20 : 60;
  const dataDir = tempDir();
  const product = await startProduct(dataDir);
  try {
    const desk = await token(product.port, 'desk', 'bench batch desk');
    const payloads: NewEvent[][] = [];
    for (let b = 0; b < batches; b++) {
      const events: NewEvent[] = [];
      while (events.length < 498) events.push(...donorTriple(b % 2 ? 'ldld' : 'soyte'));
      payloads.push(events);
    }
    const t0 = performance.now();
    let recorded = 0;
    for (const events of payloads) {
      const answer = await post<{ results: { seq?: number }[] }>(product.port, '/api/events/batch', { events }, desk);
      recorded += answer.results.filter((r) => typeof r.seq === 'number').length;
    }
    const productRate = recorded / ((performance.now() - t0) / 1000);

    // The same rows straight into better-sqlite3: one transaction per 500, same schema and pragmas.
    const rawDir = tempDir();
    const db = openDatabase(rawDir);
    const keys = KeyStore.open(rawDir);
    const store = new EventStore(db, keys);
    const actor: Actor = { tokenId: 'tok_bench', role: 'desk', label: 'bench' };
    const t1 = performance.now();
    let raw = 0;
    for (const events of payloads) {
      db.transaction(() => {
        for (const event of events) {
          raw += 1;
          store.append({ ...event, id: `raw-${event.id}`, seq: raw, at: new Date().toISOString(), actor } as RecordedEvent, JSON.stringify(event.payload), null);
        }
      })();
    }
    const rawRate = raw / ((performance.now() - t1) / 1000);
    db.close();
    keys.close();
    rows.push([
      'batch ingest, POST /api/events/batch (500 a batch)',
      `${fmtInt(productRate)} events/s`,
      `raw better-sqlite3 inserts ${fmtInt(rawRate)} rows/s`,
      `${fmt(productRate / rawRate, 2)} × raw`,
      '≥ 0.5 × raw',
      productRate / rawRate >= 0.5 ? 'met' : 'not met',
    ]);
  } finally {
    await product.stop();
  }
}

// ---- 4. start-up ----------------------------------------------------------------------------

/** The largest log the start-up part wrote, kept for the no-pause part (which deletes it). */
let largestLog: { dataDir: string; events: number } | null = null;

async function startup(): Promise<void> {
  const sizes = QUICK ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
  // The yardstick: the same snapshot read and decoded by a process doing nothing else, compiled as the server is.
  const loader = path.join(ROOT, 'dist/bench/snapshot-load.mjs');
  await esbuild({
    entryPoints: [path.join(ROOT, 'bench/snapshot-load.ts')],
    outfile: loader,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  for (const size of sizes) {
    const dataDir = tempDir();
    writeLog(dataDir, size);
    const first = await startProduct(dataDir);
    // Its snapshot is made by a worker once it listens (a replay of the whole log): the restart
    // measured is one from a snapshot, as every restart at the festival.
    await waitForSnapshot(dataDir, size);
    await first.stop();
    const second = await startProduct(dataDir);
    const rss = rssMb(second.process.pid!);
    await second.stop();
    const largest = size === sizes.at(-1);
    if (!largest) {
      rows.push([
        `start-up, log of ${fmtInt(size)} events (restart until listening)`,
        `${fmt(second.startedMs / 1000, 2)} s (first start ${fmt(first.startedMs / 1000, 2)} s; RSS ${fmtInt(rss)} MB)`,
        '—',
        '—',
        'grows with the tail, not the log',
        '',
      ]);
      fs.rmSync(dataDir, { recursive: true, force: true });
      continue;
    }
    const yardstick = await runScript<{ ms: number; rssMb: number }>('Snapshot load', [loader, dataDir], []);
    const met = second.startedMs <= 1000 && rss <= 400;
    rows.push([
      `start-up and memory, log of ${fmtInt(size)} events (restart until listening; RSS then)`,
      `${fmt(second.startedMs / 1000, 2)} s, RSS ${fmtInt(rss)} MB (first start ${fmt(first.startedMs / 1000, 2)} s)`,
      yardstick ? `its snapshot read and decoded alone: ${fmt(yardstick.ms / 1000, 2)} s, RSS ${fmtInt(yardstick.rssMb)} MB` : '—',
      yardstick ? `${fmt(second.startedMs / yardstick.ms, 2)} × the load; ${fmt(rss / yardstick.rssMb, 2)} × its RSS` : '—',
      '≤ 1 s and RSS ≤ 400 MB',
      met ? 'met' : 'not met',
    ]);
    if (SKIP.has('pause')) fs.rmSync(dataDir, { recursive: true, force: true });
    else largestLog = { dataDir, events: size };
  }
}

/**
 * Runs a bench script (TypeScript, through tsx) and returns the object it prints after
 * `BENCH_JSON `; when it fails, says so in the notes and returns null.
 */
async function runScript<T>(name: string, args: string[], nodeArgs = ['--import', 'tsx'], env: Record<string, string> = {}): Promise<T | null> {
  const child = spawn(process.execPath, [...nodeArgs, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, BENCH_EMIT_JSON: '1', ...env } });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const json = /BENCH_JSON (\{.*\})/.exec(out);
  if (code !== 0 || !json) {
    notes.push(`${name}: the script failed (${code}); its output:\n\n\`\`\`\n${out.slice(-1500)}\n\`\`\``);
    return null;
  }
  return JSON.parse(json[1]!) as T;
}

// ---- 6. wall repaint (issue 3's script, when present) ---------------------------------------

interface WallResult {
  p50: number;
  p95: number;
  max: number;
  paintedP95: number;
  hearts: number;
  jsGzipKb: number;
  heapMb: number;
  donations: number;
  minimalP95: number;
}

async function wallRepaint(): Promise<void> {
  const script = path.join(ROOT, 'bench/wall-repaint.ts');
  const result = await runScript<WallResult>('Wall repaint', [script]);
  if (result) {
    rows.push([
      `wall repaint per event, ${fmtInt(result.hearts)} hearts, headless Chromium (main-thread work of the event's frame)`,
      `p50 ${fmt(result.p50)} / p95 ${fmt(result.p95)} / max ${fmt(result.max)} ms; arrival → painted p95 ${fmt(result.paintedP95)} ms; wall JS ${fmt(result.jsGzipKb)} KB gzip`,
      `16 ms frame; a minimal page drawing the same hearts: p95 ${fmt(result.minimalP95)} ms`,
      `${fmt(result.p95 / 16, 2)} × frame (p95)`,
      '≤ 16 ms',
      result.p95 <= 16 ? 'met' : 'not met',
    ]);
  }
  // A weak screen (issue 20): the CPU slowed 4×, after a 3.000-donor day (2.750 before, 250 measured).
  const weak = await runScript<WallResult>('Wall repaint, CPU slowed 4×', [script], undefined, { BENCH_NO_BUILD: '1', BENCH_CPU_THROTTLE: '4', BENCH_PRELOAD: '2750' });
  if (!weak) return;
  const met = weak.p95 <= 16 && weak.heapMb <= 30;
  rows.push([
    `weak screen: the wall with Chromium's CPU slowed 4×, ${fmtInt(weak.hearts)} hearts, after a ${fmtInt(weak.donations)}-donor day`,
    `per event p50 ${fmt(weak.p50)} / p95 ${fmt(weak.p95)} ms; JS heap ${fmt(weak.heapMb)} MB`,
    `a minimal page drawing the same hearts, same CPU: p95 ${fmt(weak.minimalP95)} ms`,
    `${fmt(weak.p95 / weak.minimalP95, 2)} × the minimal page (p95)`,
    '≤ 16 ms p95; heap ≤ 30 MB',
    met ? 'met' : 'not met',
  ]);
}

// ---- 6b. a weak desk (issue 20) ------------------------------------------------------------------

async function deskEnter(): Promise<void> {
  const donors = 5000;
  const r = await runScript<{ checkIns: number; shownP50: number; shownP95: number; ackedP50: number; ackedP95: number; minimalShownP95: number; minimalAckedP95: number }>('Desk, CPU slowed 4×', [
    path.join(ROOT, 'bench/desk-enter.ts'),
    String(donors),
    QUICK ? '15' : '40',
  ]);
  if (!r) return;
  rows.push([
    `weak desk: a tablet (1024×768) with Chromium's CPU slowed 4×, ${fmtInt(donors)} donors, ${r.checkIns} check-ins by Enter`,
    `Enter → shown p50 ${fmt(r.shownP50)} / p95 ${fmt(r.shownP95)} ms; → acknowledged p50 ${fmt(r.ackedP50)} / p95 ${fmt(r.ackedP95)} ms`,
    `a minimal page (a line written, the check-in POSTed), same CPU: shown p95 ${fmt(r.minimalShownP95)}, acknowledged p95 ${fmt(r.minimalAckedP95)} ms`,
    `${fmt(r.shownP95 / r.minimalShownP95, 2)} × / ${fmt(r.ackedP95 / r.minimalAckedP95, 2)} × the minimal page (p95)`,
    'shown ≤ 50 ms, acknowledged ≤ 200 ms (p95)',
    r.shownP95 <= 50 && r.ackedP95 <= 200 ? 'met' : 'not met',
  ]);
}

// ---- 7. reconnect storm (issue 16) -------------------------------------------------------------

async function reconnectStorm(): Promise<void> {
  const sockets = 200;
  const donors = QUICK ? 1000 : 5000;
  const r = await runScript<{
    largestSnapshotKb: number;
    lastSnapshotMs: number;
    loopMaxMs: number;
    idleLoopMaxMs: number;
    deskIdleP50: number;
    deskIdleMax: number;
    deskStormP50: number;
    deskStormMax: number;
  }>('Reconnect storm', [path.join(ROOT, 'bench/reconnect-storm.ts'), ROOT, String(sockets), String(donors)]);
  if (!r) return;
  rows.push([
    `reconnect storm: ${sockets} sockets of 5 roles at once without \`after\`, ${fmtInt(donors)} donors (largest snapshot ${fmtInt(r.largestSnapshotKb)} KB)`,
    `event-loop delay max ${fmtInt(r.loopMaxMs)} ms; desk write p50 ${fmt(r.deskStormP50)} / max ${fmtInt(r.deskStormMax)} ms; last snapshot after ${fmt(r.lastSnapshotMs / 1000)} s`,
    `idle: loop max ${fmt(r.idleLoopMaxMs)} ms, desk p50 ${fmt(r.deskIdleP50)} / max ${fmt(r.deskIdleMax)} ms`,
    `${fmt(r.deskStormP50 / r.deskIdleP50)} × desk p50`,
    'desks answered during it',
    '',
  ]);
}

// ---- 9. no pause (issue 20) ----------------------------------------------------------------

/** Whatever stops the event loop at a large log: a snapshot, a backup, an XLSX export, an import. */
async function noPause(): Promise<void> {
  const log = largestLog;
  const events = log?.events ?? (QUICK ? 100_000 : 1_000_000);
  const r = await runScript<{ rows: PauseRow[] }>('No pause', [path.join(ROOT, 'bench/no-pause.ts'), String(events), ...(log ? [log.dataDir] : [])]);
  if (log) fs.rmSync(log.dataDir, { recursive: true, force: true });
  if (!r) return;
  const idle = r.rows.find((row) => row.operation === 'idle')!;
  for (const row of r.rows) {
    if (row === idle) continue;
    const ratio = row.liveP99 / idle.liveP99;
    const met = row.loopMax < 50 && ratio <= 1.5;
    rows.push([
      `no pause: ${row.operation} with a log of ${fmtInt(events)} events (${fmt(row.ms / 1000)} s), a wall's live latency meanwhile`,
      `event-loop delay max ${fmt(row.loopMax)} ms; live p50 ${fmt(row.liveP50)} / p99 ${fmt(row.liveP99)} ms`,
      `idle: loop max ${fmt(idle.loopMax)} ms; live p50 ${fmt(idle.liveP50)} / p99 ${fmt(idle.liveP99)} ms`,
      `${fmt(ratio, 2)} × idle (p99)`,
      'loop max < 50 ms; p99 ≤ 1.5 × idle',
      met ? 'met' : 'not met',
    ]);
  }
}

// ---- 10. soak (issue 20) ------------------------------------------------------------------

async function soak(): Promise<void> {
  const seconds = QUICK ? 40 : 120;
  const r = await runScript<{
    donors: number;
    desks: number;
    viewers: number;
    cuts: number;
    retries: number;
    refused: number;
    seconds: number;
    reportEqualsTruth: boolean;
    mismatches: string[];
    viewersEqual: number;
    rssStartMb: number;
    rssPeakMb: number;
    rssEndOfRunMb: number;
    rssAfterMb: number;
    loopMaxDuring: number;
    loopMaxAfter: number;
  }>('Soak', [path.join(ROOT, 'bench/soak.ts'), String(seconds), path.join(ROOT, SOAK_PLOT)]);
  if (!r) return;
  const growth = r.rssAfterMb / r.rssEndOfRunMb;
  const met = r.reportEqualsTruth && r.viewersEqual === r.viewers && growth <= 1.05;
  rows.push([
    `soak: ${fmtInt(r.donors)} donors over two days in ${r.seconds} s, ${r.desks} desks with outboxes, ${r.viewers} screens, ${r.cuts} network cuts, one SIGKILL (plot: ${SOAK_PLOT})`,
    `report = truth: ${r.reportEqualsTruth ? 'yes' : `no (${r.mismatches.join('; ')})`}; screens with the same figures ${r.viewersEqual}/${r.viewers}; RSS ${fmtInt(r.rssStartMb)} → peak ${fmtInt(r.rssPeakMb)} → ${fmtInt(r.rssAfterMb)} MB 30 s after; loop max ${fmtInt(r.loopMaxDuring)} ms (starts aside), ${fmt(r.loopMaxAfter)} ms after; ${fmtInt(r.retries)} retries, ${r.refused} refused`,
    `RSS at the end of the run ${fmtInt(r.rssEndOfRunMb)} MB`,
    `${fmt(growth, 2)} × after / end`,
    'report = truth; no growth after the run',
    met ? 'met' : 'not met',
  ]);
}

// ---- 8. the public counter across processes (issue 19) ----------------------------------------

async function publicViewers(): Promise<void> {
  const viewers = QUICK ? 2000 : 10_000;
  const r = await runScript<{ rows: PublicViewersRow[] }>('Public viewers', [path.join(ROOT, 'bench/public-viewers.ts'), String(viewers), '1,2,4']);
  if (!r) return;
  for (const row of r.rows) {
    rows.push([
      `public counter: ${fmtInt(row.viewers)} viewers of /public over ${row.processes} public process${row.processes > 1 ? 'es' : ''} and Redis${row.refused ? ` (${fmtInt(row.refused)} refused)` : ''}, ${fmtInt(row.bodyBytes)} B of figures: desk POST → every viewer`,
      `p50 ${fmtInt(row.p50)} / p99 ${fmtInt(row.p99)} ms; RSS per public process ${row.rssMb.map((m) => fmtInt(m)).join(', ')} MB (writer ${fmtInt(row.writerRssMb)} MB); desk write p50 ${fmt(row.deskLoadedP50)} / max ${fmt(row.deskLoadedMax)} ms`,
      `bare Socket.IO behind the same adapter: p50 ${fmt(row.bareP50)} / p99 ${fmt(row.bareP99)} ms; desk idle p50 ${fmt(row.deskIdleP50)} ms`,
      `${fmt(row.p99 / row.bareP99, 2)} × bare (p99); ${fmt(row.deskLoadedP50 / row.deskIdleP50, 2)} × idle desk`,
      'desks keep their latency',
      '',
    ]);
  }
}

// ---- run --------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = new Date();
  await buildServer(ROOT);
  let rss: number | null = null as number | null;
  // A part that fails is reported in the notes; the others still run.
  const part = async (name: string, run: () => Promise<void>) => {
    if (SKIP.has(name)) return;
    try {
      await run();
    } catch (err) {
      notes.push(`${name}: failed — ${(err as Error).message}`);
    }
  };
  await part('latency', async () => {
    rss = (await liveLatency()).rssWith1000;
  });
  await part('memory', () => memoryWithSockets(rss));
  await part('ingest', ingest);
  await part('batch', batchIngest);
  await part('startup', startup);
  await part('pause', noPause);
  await part('wall', wallRepaint);
  await part('desk', deskEnter);
  await part('storm', reconnectStorm);
  await part('public', publicViewers);
  await part('soak', soak);

  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const table = ['| measure | this product | compared with (same run) | ratio | goal | |', '| --- | --- | --- | --- | --- | --- |', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  const report = `# Benchmarks

Written by \`npm run bench\` (bench/run.ts) — do not edit by hand.

- Date: ${started.toISOString()} (${Math.round((Date.now() - started.getTime()) / 1000)} s run${QUICK ? ', BENCH_QUICK' : ''})
- Machine: ${cpu}, ${os.cpus().length} cores, ${fmtInt(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}
- Node.js ${process.version}; SQLite ${String((new Database(':memory:').prepare('select sqlite_version() v').get() as { v: string }).v)} (WAL, synchronous=FULL)
- The product runs as \`npm start\` runs it (the compiled dist/server/main.mjs), each server under test in
  its own child process; the load comes from this process over 127.0.0.1, so on a small machine
  the load generator itself limits both sides of a comparison.

${table}

How each is measured:

- **Live latency**: N wall sockets (WebSocket transport) connected to the product; a desk POSTs a
  check-in; the time from sending the POST to each socket receiving the event, over ${QUICK ? 10 : '400, 100 and 40'}
  events per N, after ${WARM_UP} unmeasured ones to each server (one event reaches all N sockets
  within a few ms, so the p99 is set by the slowest few events: it takes many to measure one).
  The bare server broadcasts a payload of the same shape and size to the same N sockets on an
  HTTP POST. The product's event is committed (an fsync, ~0.5 ms on this disk when idle) before
  it is broadcast; the bare one is not.
- **Memory**: RSS of a fresh server (the default event loaded) with ${QUICK ? 500 : '1.000'} wall sockets connected, a
  second after the last one connected.
- **Durable ingest**: 16 writers in a closed loop, each POSTing one \`donor.registered\` at a time and
  waiting for its 201 (committed with synchronous=FULL: group commit shares one fsync among the
  writes that arrive together). The bare node:http server parses the same requests and answers 201.
- Servers under test run with \`WRITE_RATE_LIMIT=1000000\`: the default per-token limit (1.000 events/s,
  a burst of ten seconds' worth) is a guard for the festival, not part of the pipeline measured.
- **Batch ingest**: sequential batches of ~500 events (register, check in, donate) through
  \`/api/events/batch\`; the raw figure inserts the same rows with the same schema and pragmas,
  one transaction per batch (no validation, sealing, rules or projection: the floor of the pipeline).
- **Start-up**: a log of N events written straight into SQLite, the server started once, stopped,
  then timed from spawn to its \`listening\` line; its RSS then. The yardstick of the largest
  (\`bench/snapshot-load.ts\`, compiled): the same snapshot read and decoded by a process doing
  nothing else.
- **No pause** (\`bench/no-pause.ts\`): the largest start-up log, served by the compiled server
  with its event loop sampled inside it (\`bench/loop-probe.mjs\`, max of
  \`monitorEventLoopDelay\`); a desk registers a donor every 50 ms and a wall socket times each
  POST → its arrival, idle for 5 s and then during each operation: a snapshot (the log fed to
  just short of one being due, then the probe's writes start it), \`POST /api/backups\`, the
  results workbook of one agency (\`GET /api/reports/agencies/ldld/results.xlsx\`, a sixth of
  the log's people) and a 5.000-row list imported as the desk sends one (100 rows a batch).
- **Weak screens** (\`bench/wall-repaint.ts\` with \`BENCH_CPU_THROTTLE=4\`,
  \`bench/desk-enter.ts\`): Chromium's CPU slowed 4× with DevTools'
  \`Emulation.setCPUThrottlingRate\` once the page is up. The wall as above, after a 3.000-donor
  day, and its JS heap after a forced GC. The desk on a 1024×768 tablet holding 5.000 donors:
  a donor's id typed as a scanner does, Enter, and the frame showing the check-in painted, then
  the desk's list marking it recorded. Each beside a minimal page on the same slowed CPU doing
  the least the screen could (one heart drawn and a number written; a line written and the
  check-in POSTed).
- **Wall repaint**: \`bench/wall-repaint.ts\` (headless Chromium, Performance API); see docs/WALL.md.
- **Reconnect storm** (\`bench/reconnect-storm.ts\`, which also runs against another checkout to
  compare versions): a log of N donors (registered, checked in, donated); 200 sockets of 20 devices
  (wall, coordinator, MC, desk, admin: 4 each) connect at once without \`after\`, as every device
  does after a wifi drop, from a worker thread; meanwhile one desk writes registrations one after
  another. The server's event-loop delay is sampled inside it (\`bench/loop-probe.mjs\`).
- **Soak** (\`bench/soak.ts\`): the compiled server as a child process behind a TCP proxy; the
  event's days set to yesterday and today; 3.000 donors, each registered, checked in, then
  donated (80 %), deferred (12 %) or not come (8 %) by one of 10 desks whose outboxes send their
  events in order, in batches of up to 50, retried with the same ids until answered, their times
  of action on the donor's day; 3 walls, 2 coordinators and the MC follow the stream (the shared
  projection, resuming after their seq). The proxy cuts every connection for 1–4 s every 6–12 s;
  half-way the server is SIGKILLed and started again. Then the festival's report must equal the
  generated truth (registered per agency; checked in, donated, deferred per agency and day) and
  every screen's figures the server's; RSS and the event loop's longest delay are sampled every
  second by the server itself (\`bench/loop-probe.mjs\`) for the run and 30 s after, and drawn in
  \`${SOAK_PLOT}\` (the first seconds of each start are its start-up, not a pause).
- **Public counter** (\`bench/public-viewers.ts\`): a Redis started on a free port, the writer
  (\`REDIS_URL\` set) and 1, 2 or 4 public processes (\`npm run start:public\`); the viewers connect
  to \`/public\` from worker threads, spread over the processes; a desk checks a donor in and 1,2 s
  later records the donation, and the time from sending that POST to each viewer receiving
  figures that include it is taken over every viewer and donation. The bare yardstick (\`bench/barePublic.ts\`) hands a POST at
  once through the same adapter and Redis to bare Socket.IO servers holding the same viewers.

What holds these numbers (each found with \`node --cpu-prof\` on the server under the same load):

- **Write path ahead of Express** (\`server/events/writeRoutes.ts\`): with Express, body-parser and
  helmet, a single durable write cost ~190 µs of server CPU; answered straight from Node's request
  handler with the same checks in the same order, ~85 µs. Durable ingest went from ~3,300 to
  ~4,300–4,700 events/s.
- **Group commit**: the writes that arrive in one turn of the event loop share one transaction
  and one fsync (synchronous=FULL), and none is answered before it. Handing the fsync to another
  thread was tried and measured slower here (~3,000/s): on two busy cores the thread hand-off
  costs more than the fsync.
- **Broadcasts**: one emit per visibility room, encoded once by Socket.IO for all its sockets;
  rooms with no sockets are skipped; no per-socket work.
- **Snapshots** (\`server/store/snapshotCodec.ts\`, \`snapshotStore.ts\`): the projection in columns
  (objects by shape, numbers in typed arrays), which loads in about half the time v8.serialize of
  the state did. Each distinct string (an event's id, a donor's id, a time) is stored and decoded
  once for the whole snapshot, and shared by every place of the state that holds it, as in a state
  built live: decoded column by column, the same ids and times were several strings each (a heap
  snapshot at 100.000 events: 718.000 strings, 44 % of the heap). At a million events that took
  the decoded state from 595 to 453 MB of heap and its load from 5,6 to 4,9 s. A snapshot is taken every
  10,000 events or every 5 % of the log, whichever is more, on a **worker thread**
  (\`server/workers/snapshot.ts\`): the latest snapshot on disk plus the log up to its seq, read
  through read-only connections of its own. Encoding the live state on the event loop had
  stopped it 3,8 s at a million events (the profile: \`encodeObjects\`/\`encodeMaps\`, then
  \`v8.serialize\`); the worker's state is its own, at the cost of replaying the tail and of its
  memory while it runs. Closing still encodes the state at hand: nobody waits then.
- **XLSX and backups on worker threads** (\`server/workers/xlsx.ts\`, \`backup.ts\`): exceljs
  wrote a 55.000-person results workbook in seconds on the event loop (1,4 s stopped at a million
  events); the server now hands the people to the worker a few milliseconds of the loop at a
  time. SQLite's online backup and the final fsync of a copy of hundreds of megabytes took
  ~0,25 s of the loop. A worker takes the database's image in one read transaction of its own
  (step by step, SQLite's backup of another connection's database restarts at every write) and
  writes it 4 MB at a time, each part on disk before the next: fsynced at once, hundreds of
  megabytes had held every desk's commit (an fsync on the same disk) for up to 0,2 s. The
  workbook's figures read the units by bag size, which the report made by reading every donor
  (~50 ms of the loop alone at a million events): the projection now counts them with the
  donations (\`donatedBags\`, voids and a corrected agency included).
- **Long writes a slice at a time** (\`server/events/service.ts\`): a write of more than 8 events
  (an import, an outbox flushed) is committed ~20 ms of the loop at a time, each slice its own
  transaction, after every short write waiting: a desk's check-in sent during an import waits for
  one slice, not for the import.
- **The day of an instant** (\`shared/time.ts\` \`dayOf\`): one \`Intl.DateTimeFormat\` call per
  minute instead of per event (since 1970 every offset and change of offset falls on a whole
  minute; before, Intl answers directly); it was 6 % of the batch path's CPU, and every record of
  a day now shares one string.
- **The weak wall** (\`client/views/wall/HeartsCanvas.tsx\`, \`CountUp.tsx\`): a DevTools trace of the
  throttled wall (\`BENCH_TRACE=… bench/wall-repaint.ts\`) showed a frame drawn every 16 ms between
  events: the newest hearts' glow, redrawn on a canvas for 2,2 s, and count-ups easing on after
  their number was reached. A glow is now a small element animated by CSS (opacity, scale: the
  compositor runs its frames), and a count-up stops once it shows its value. The hearts' fill
  stops once it has reached its goal (a +1 is painted in under a third of its 1,5 s easing):
  403 frames for 30 donations in that trace before, 215 after.
- **The weak desk** (\`shared/donorSearch.ts\`, \`client/i18n/core.ts\`, \`shared/fork.ts\`): its profile
  (\`BENCH_PROFILE=… bench/desk-enter.ts\`) was led by the donor search index rebuilt over all
  5.000 donors on every change, and by i18next resolving every label on every render. The index is
  now brought up to date by the donors that changed (given back as it was when none did; its id
  maps hold positions, so a changed donor copies nothing else), and a text is translated once per
  language and values (strings and numbers), the desk's lines included. The 5.000 donors are
  listed through the fork of the desk's own events without a second generator per donor.
- **Snapshots on the live socket** (\`server/live/socket.ts\`, \`SnapshotQueue\`): with an emit per
  socket, 200 devices reconnecting at once over 5.000 donors stopped the event loop for 5,7 s and
  kept a desk's write waiting 6,3 s (the profile: JSON.stringify of megabytes, then its UTF-8
  length and copy in ws, once per socket). Now a snapshot is built, encoded and framed once per
  visibility (a desk's per token) and written as is to every socket that asks while it is recent
  (the events since follow it), a few sockets per turn of the event loop: what remains is the
  bytes themselves (writev), which a leaner projection would cut.
${notes.length ? `\nNotes:\n\n${notes.map((n) => `- ${n}`).join('\n')}\n` : ''}`;
  fs.writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), report);
  process.stdout.write(`${table}\n\nBENCHMARKS.md written.\n`);
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
