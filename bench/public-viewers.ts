/**
 * Issue 19: the public counter under many viewers, across 1, 2 and 4 public processes behind
 * Redis. A writer (the compiled product, REDIS_URL set) and K public processes (`npm run
 * start:public`), each its own child process, with a Redis started here on a free port; V
 * viewers of `/public` from worker threads, spread over the K processes; a desk checks a donor in,
 * and 1,2 s later records their donation, as at the festival (the writer sends the figures at
 * most once a second: a change after a quiet second goes at once). Measured:
 *
 * - from sending the donation's POST to each viewer receiving figures that include it (p50 / p99
 *   over every viewer and donation);
 * - the same through bare Socket.IO servers behind the same adapter and Redis (bench/barePublic.ts),
 *   a POST of a body of the same size handed on at once: the fan-out's own cost;
 * - RSS of each public process with its viewers; the desk's write latency meanwhile, against
 *   the same writes with no viewer.
 *
 *   node --import tsx bench/public-viewers.ts [viewers=10000] [processes=1,2,4] [donations=12]
 *
 * With BENCH_EMIT_JSON=1 it prints `BENCH_JSON {…}` for bench/run.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { buildServer, SERVER_OUT } from '../scripts/build-server.ts';
import { benchServerEnv } from './serverEnv.ts';
import { freePort } from '../test/helpers/server.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const VIEWERS = Number(process.argv[2] ?? 10_000);
const PROCESSES = (process.argv[3] ?? '1,2,4').split(',').map(Number);
const DONATIONS = Number(process.argv[4] ?? 12);
const WORKERS = Math.min(4, Math.max(1, os.cpus().length));
const ADMIN = 'bench-admin-token-public-0123456789';
const LIMITS = { PUBLIC_MAX_SOCKETS: '100000', MAX_SOCKETS_PER_ADDRESS: '100000', MAX_CONNECTIONS_PER_ADDRESS: '100000', PUBLIC_REQUESTS_PER_MINUTE: '10000000' };
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function start(args: string[], env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(args[0]!, args.slice(1), { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = ready.exec(out);
      if (match) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve({ child, match });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${out.slice(-1500)}`)));
  });
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? NaN;

async function post(url: string, body: unknown, token?: string): Promise<{ status: number; seq?: number; ms: number }> {
  const t0 = now();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  const json = (await res.json()) as { seq?: number };
  return { status: res.status, ...(json.seq !== undefined ? { seq: json.seq } : {}), ms: now() - t0 };
}

/** Opens the viewers over `urls` from worker threads; resolves once all are connected (or refused). */
async function openViewers(urls: string[], count: number): Promise<{ workers: Worker[]; connected: number; refused: number }> {
  const workers: Worker[] = [];
  let connected = 0;
  let refused = 0;
  await Promise.all(
    Array.from({ length: WORKERS }, (_, w) => {
      const share = Math.floor(count / WORKERS) + (w < count % WORKERS ? 1 : 0);
      const worker = new Worker(path.join(ROOT, 'bench/public-viewers-worker.mjs'), { workerData: { urls, count: share } });
      workers.push(worker);
      return new Promise<void>((resolve) =>
        worker.once('message', (m: { connected: number; refused: number }) => {
          connected += m.connected;
          refused += m.refused;
          resolve();
        }),
      );
    }),
  );
  return { workers, connected, refused };
}

async function collect(workers: Worker[]): Promise<Map<number, number[]>> {
  const all = new Map<number, number[]>();
  for (const worker of workers) {
    const message = await new Promise<{ arrivals: [number, number[]][] }>((resolve) => {
      worker.once('message', resolve);
      worker.postMessage('collect');
    });
    for (const [seq, times] of message.arrivals) all.set(seq, [...(all.get(seq) ?? []), ...times]);
  }
  return all;
}

async function closeViewers(workers: Worker[]): Promise<void> {
  for (const worker of workers) {
    await new Promise((resolve) => {
      worker.once('message', resolve);
      worker.postMessage('close');
    });
    await worker.terminate();
  }
}

/** Each viewer's latency for each send: the first body with a seq at or after the send's, minus when it was sent. */
function latencies(sends: { at: number; seq: number }[], arrivals: Map<number, number[]>): number[] {
  const seqs = [...arrivals.keys()].sort((a, b) => a - b);
  const out: number[] = [];
  for (const send of sends) {
    const seq = seqs.find((s) => s >= send.seq);
    if (seq === undefined) continue;
    for (const at of arrivals.get(seq)!) out.push(at - send.at);
  }
  return out;
}

/** One configuration's figures (bench/run.ts reads them from BENCH_JSON). */
export interface PublicViewersRow {
  processes: number;
  /** The size of the figures sent to every viewer (JSON). */
  bodyBytes: number;
  viewers: number;
  refused: number;
  p50: number;
  p99: number;
  bareP50: number;
  bareP99: number;
  rssMb: number[];
  writerRssMb: number;
  deskIdleP50: number;
  deskLoadedP50: number;
  deskLoadedMax: number;
}

async function runProduct(redisUrl: string, processes: number): Promise<Omit<PublicViewersRow, 'bareP50' | 'bareP99'>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntth-public-bench-'));
  const writer = await start(
    [process.execPath, path.join(ROOT, SERVER_OUT)],
    { ...benchServerEnv(dataDir, ADMIN), ...LIMITS, PERSONAL_DATA_DAYS: '0', REDIS_URL: redisUrl, CLIENT_DIR: path.join(ROOT, 'dist/client') },
    /listening on (http:\/\/127\.0\.0\.1:\d+)/,
  );
  const writerUrl = writer.match[1]!;
  const publics = [];
  for (let i = 0; i < processes; i += 1) {
    publics.push(
      await start(
        [process.execPath, '--import', 'tsx', 'server/publicMain.ts'],
        { PORT: '0', HOST: '127.0.0.1', REDIS_URL: redisUrl, WRITER_URL: writerUrl, LOG_LEVEL: 'warn', ...LIMITS },
        /listening on (http:\/\/\S+)/,
      ),
    );
  }
  const desk = (
    (await (
      await fetch(`${writerUrl}/api/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
        body: JSON.stringify({ role: 'desk', label: 'Bàn đo' }),
      })
    ).json()) as { token: string }
  ).token;
  let n = 0;
  const donate = async () => {
    n += 1;
    const donorId = `pv-${processes}-${n}`;
    await post(`${writerUrl}/api/events`, { id: `${donorId}-r-xxxx`, type: 'donor.registered', payload: { donorId, fullName: `Người ${n}`, agencyId: 'ldld' } }, desk);
    await post(`${writerUrl}/api/events`, { id: `${donorId}-c-xxxx`, type: 'donor.checked_in', payload: { donorId } }, desk);
    await sleep(1200);
    const at = now();
    const answer = await post(`${writerUrl}/api/events`, { id: `${donorId}-d-xxxx`, type: 'donor.donated', payload: { donorId, volumeMl: 350 } }, desk);
    return { at, seq: answer.seq!, ms: answer.ms };
  };
  const idle: number[] = [];
  for (let i = 0; i < 6; i += 1) idle.push((await donate()).ms);
  const bodyBytes = (await (await fetch(`${writerUrl}/api/public`)).text()).length;

  const { workers, refused } = await openViewers(
    publics.map((p) => p.match[1]!),
    VIEWERS,
  );
  await sleep(1500);
  await collect(workers);
  const sends = [];
  for (let i = 0; i < DONATIONS; i += 1) {
    sends.push(await donate());
    await sleep(1200);
  }
  await sleep(2000);
  const all = latencies(sends, await collect(workers));
  const rss = publics.map((p) => rssMb(p.child.pid!));
  const writerRss = rssMb(writer.child.pid!);
  await closeViewers(workers);
  for (const p of [...publics, writer]) p.child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
  return {
    processes,
    bodyBytes,
    viewers: VIEWERS,
    refused,
    p50: quantile(all, 0.5),
    p99: quantile(all, 0.99),
    rssMb: rss,
    writerRssMb: writerRss,
    deskIdleP50: quantile(idle, 0.5),
    deskLoadedP50: quantile(
      sends.map((s) => s.ms),
      0.5,
    ),
    deskLoadedMax: Math.max(...sends.map((s) => s.ms)),
  };
}

async function runBare(redisUrl: string, processes: number, bodyBytes: number): Promise<{ p50: number; p99: number }> {
  const emitter = await start([process.execPath, '--import', 'tsx', 'bench/barePublic.ts', 'emitter', redisUrl], {}, /listening on (http:\/\/\S+)/);
  const servers = [];
  for (let i = 0; i < processes; i += 1) servers.push(await start([process.execPath, '--import', 'tsx', 'bench/barePublic.ts', 'viewers', redisUrl], {}, /listening on (http:\/\/\S+)/));
  const { workers } = await openViewers(
    servers.map((s) => s.match[1]!),
    VIEWERS,
  );
  await sleep(1500);
  const sends = [];
  for (let i = 1; i <= DONATIONS; i += 1) {
    const at = now();
    await post(emitter.match[1]!, { seq: i, totals: { donated: i }, padding: 'x'.repeat(Math.max(0, bodyBytes - 60)) });
    sends.push({ at, seq: i });
    await sleep(500);
  }
  await sleep(2000);
  const all = latencies(sends, await collect(workers));
  await closeViewers(workers);
  for (const s of [...servers, emitter]) s.child.kill('SIGKILL');
  return { p50: quantile(all, 0.5), p99: quantile(all, 0.99) };
}

await buildServer(ROOT);
const redisPort = await freePort();
const redis = await start(['redis-server', '--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {}, /Ready to accept connections/);
const redisUrl = `redis://127.0.0.1:${redisPort}`;
const rows: PublicViewersRow[] = [];
try {
  for (const processes of PROCESSES) {
    const product = await runProduct(redisUrl, processes);
    const bare = await runBare(redisUrl, processes, product.bodyBytes);
    rows.push({ ...product, bareP50: bare.p50, bareP99: bare.p99 });
    const r = rows.at(-1)!;
    process.stdout.write(
      `${processes} public process(es), ${r.viewers} viewers (${r.refused} refused), ${r.bodyBytes} B figures: desk POST → viewers p50 ${r.p50.toFixed(0)} / p99 ${r.p99.toFixed(0)} ms (bare adapter: p50 ${r.bareP50.toFixed(1)} / p99 ${r.bareP99.toFixed(1)} ms); RSS per public process ${r.rssMb.map((m) => m.toFixed(0)).join(', ')} MB, writer ${r.writerRssMb.toFixed(0)} MB; desk write p50 ${r.deskLoadedP50.toFixed(1)} ms (idle ${r.deskIdleP50.toFixed(1)}), max ${r.deskLoadedMax.toFixed(1)} ms\n`,
    );
  }
} finally {
  redis.child.kill('SIGKILL');
}
if (process.env.BENCH_EMIT_JSON === '1') process.stdout.write(`BENCH_JSON ${JSON.stringify({ rows })}\n`);
process.exit(0);
