/**
 * Issue 20, soak: a whole festival in fast motion against the compiled server (a child process,
 * as `npm start`), with the venue's troubles, and what it leaves behind.
 *
 * - 3.000 donors over two days (the event's days set to yesterday and today, the desks' times
 *   of action on them), each registered, checked in, then donated or deferred, or not come, by
 *   one of 10 desks; each desk keeps an outbox (its events in order, sent in batches, retried
 *   with the same ids until answered).
 * - 3 walls, 2 coordinators and the MC follow the live stream, resuming after `seq`.
 * - Every client goes through a TCP proxy that cuts every connection now and then for 1–4 s (the
 *   wifi), and the server is SIGKILLed once, half-way, and started again on its data directory.
 * - At the end the festival's report (GET /api/reports/agencies) must equal the generated
 *   truth, and each viewer's figures (the shared projection fed by its stream) the server's.
 * - The server's RSS and event-loop delay are sampled every second (bench/loop-probe.mjs) during
 *   the run and for 30 s after it, and plotted: `BENCHMARKS-soak.png` beside BENCHMARKS.md
 *   (drawn by headless Chromium from an SVG).
 *
 *   node --import tsx bench/soak.ts [seconds=120] [png path]
 *
 * Prints one line, and `BENCH_JSON {…}` for bench/run.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { io as ioClient, type Socket } from 'socket.io-client';
import { buildServer, SERVER_OUT } from '../scripts/build-server.ts';
import { applyInPlace, projectionFromWire, type ProjectionState } from '../shared/index.ts';
import { agencyReport } from '../shared/report.ts';
import { dayOf } from '../shared/time.ts';
import type { WireEvent } from '../shared/events.ts';
import type { SnapshotMessage } from '../shared/protocol.ts';
import { launchChromium } from '../test/helpers/browser.ts';
import { freePort } from '../test/helpers/server.ts';
import { benchServerEnv } from './serverEnv.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const SECONDS = Number(process.argv[2] ?? 120);
const PNG = process.argv[3] ?? '';
const DONORS = 3000;
const DESKS = 10;
const AFTER_SECONDS = 30;
const ADMIN = 'bench-soak-admin-token-0123456789';
const TIMEZONE = 'Asia/Ho_Chi_Minh';

let seed = 2024;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- the server, behind a proxy that cuts ------------------------------------------------------

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntth-soak-'));
const serverPort = await freePort();
await buildServer(ROOT);
interface Sample {
  at: number;
  max: number;
  rssMb: number;
  heapMb: number;
}
const samples: Sample[] = [];
const marks: { at: number; what: string }[] = [];
/** When each server process was listening: its first seconds' delay is its start-up (loading, replay), not a pause. */
const starts: number[] = [];
let server: ChildProcess | null = null;
// Never left running when this script fails.
process.once('exit', () => server?.kill('SIGKILL'));

async function startServer(): Promise<void> {
  const child = spawn(process.execPath, [path.join(ROOT, SERVER_OUT)], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_OPTIONS: `--import=${pathToFileURL(path.join(import.meta.dirname, 'loop-probe.mjs')).href}`,
      LOOP_PROBE_EVERY_MS: '1000',
      ...benchServerEnv(dataDir, ADMIN),
      PORT: String(serverPort),
      CLIENT_DIR: path.join(ROOT, 'dist/client'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = child;
  let out = '';
  let listening = false;
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    let newline: number;
    while ((newline = out.indexOf('\n')) >= 0) {
      const line = out.slice(0, newline);
      out = out.slice(newline + 1);
      if (line.startsWith('LOOP_SAMPLE ')) samples.push(JSON.parse(line.slice(12)) as Sample);
      if (line.includes('listening on')) listening = true;
    }
  });
  child.stderr!.resume();
  for (let i = 0; i < 600 && !listening; i++) {
    if (child.exitCode !== null) throw new Error('the server exited while starting');
    await sleep(50);
  }
  if (!listening) throw new Error('the server did not start');
  starts.push(Date.now());
}

const connections = new Set<net.Socket>();
let down = false;
const proxy = net.createServer((client) => {
  if (down) return client.destroy();
  const upstream = net.connect(serverPort, '127.0.0.1');
  for (const socket of [client, upstream]) {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
    socket.on('error', () => undefined);
  }
  client.pipe(upstream).pipe(client);
  client.on('close', () => upstream.destroy());
  upstream.on('close', () => client.destroy());
});
await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
const direct = `http://127.0.0.1:${serverPort}`;

/** The wifi drops: every connection cut, and none for `ms`. */
async function cut(ms: number): Promise<void> {
  marks.push({ at: Date.now(), what: 'cut' });
  down = true;
  for (const socket of connections) socket.destroy();
  await sleep(ms);
  down = false;
}

await startServer();

async function call<T>(base: string, method: string, urlPath: string, token: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(base + urlPath, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: res.status, json: (await res.json()) as T };
}
const tokenOf = async (role: string, label: string) => (await call<{ token: string }>(direct, 'POST', '/api/tokens', ADMIN, { role, label })).json.token;

// ---- the truth -------------------------------------------------------------------------------

const now = Date.now();
const days = [dayOf(now - 86_400_000, TIMEZONE), dayOf(now, TIMEZONE)];
const event = (await call<{ event: { name: string; venue: string; countOn: 'donated' | 'checkedIn' } }>(direct, 'GET', '/api/state', ADMIN)).json.event;
// The festival's days: yesterday and today (the desks' times of action fall on them).
const configured = await call(direct, 'POST', '/api/events', ADMIN, {
  id: `soak-configure-${now}`,
  type: 'event.configured',
  payload: { name: event.name, venue: event.venue, timezone: TIMEZONE, days, countOn: event.countOn },
});
if (configured.status !== 201) throw new Error(`event.configured answered ${configured.status}: ${JSON.stringify(configured.json)}`);
const agencies = ['ldld', 'bqlkcn', 'tinhdoan', 'soyte', 'sogddt', 'walk-in'];
/** A day's times of action: yesterday 07:00–17:00 (local), today from its midnight to a minute ago. */
const dayStart = [Date.parse(`${days[0]}T07:00:00+07:00`), Date.parse(`${days[1]}T00:00:00+07:00`)];
const dayLength = [10 * 3_600_000, Math.max(60_000, now - 60_000 - dayStart[1]!)];

interface Planned {
  releaseAt: number;
  event: { id: string; type: string; payload: unknown; occurredAt: string };
}
type Truth = Record<string, { registered: number; byDay: Record<string, { checkedIn: number; donated: number; deferred: number }> }>;
const truth: Truth = Object.fromEntries(agencies.map((id) => [id, { registered: 0, byDay: Object.fromEntries(days.map((d) => [d, { checkedIn: 0, donated: 0, deferred: 0 }])) }]));
const outboxes: Planned[][] = Array.from({ length: DESKS }, () => []);
for (let i = 0; i < DONORS; i++) {
  const day = i < DONORS / 2 ? 0 : 1;
  const agencyId = agencies[Math.floor(random() * agencies.length)]!;
  const donorId = `soak-${i}`;
  const progress = ((i % (DONORS / 2)) + random()) / (DONORS / 2);
  const at = (k: number) => new Date(dayStart[day]! + Math.min(1, progress + k * 0.0005) * dayLength[day]!).toISOString();
  const release = (k: number) => ((day + progress) / 2) * SECONDS * 1000 * 0.9 + k * 200;
  const roll = random();
  const events: Planned['event'][] = [{ id: `${donorId}-r`, type: 'donor.registered', payload: { donorId, fullName: `Người hiến ${i}`, agencyId, birthYear: 1970 + (i % 35) }, occurredAt: at(0) }];
  truth[agencyId]!.registered += 1;
  if (roll < 0.92) {
    events.push({ id: `${donorId}-c`, type: 'donor.checked_in', payload: { donorId }, occurredAt: at(1) });
    truth[agencyId]!.byDay[days[day]!]!.checkedIn += 1;
    if (roll < 0.8) {
      events.push({ id: `${donorId}-d`, type: 'donor.donated', payload: { donorId, volumeMl: roll < 0.4 ? 350 : 250 }, occurredAt: at(2) });
      truth[agencyId]!.byDay[days[day]!]!.donated += 1;
    } else {
      events.push({ id: `${donorId}-x`, type: 'donor.deferred', payload: { donorId, reason: 'Huyết áp cao' }, occurredAt: at(2) });
      truth[agencyId]!.byDay[days[day]!]!.deferred += 1;
    }
  }
  events.forEach((e, k) => outboxes[i % DESKS]!.push({ releaseAt: release(k), event: e }));
}
for (const outbox of outboxes) outbox.sort((a, b) => a.releaseAt - b.releaseAt);

// ---- the devices -----------------------------------------------------------------------------

const deskTokens = await Promise.all(Array.from({ length: DESKS }, (_, d) => tokenOf('desk', `Bàn ${d + 1}`)));
let refused = 0;
let retries = 0;
const started = Date.now();

/** A desk's outbox: its released events in order, a batch at a time, until each is answered. */
async function runDesk(d: number): Promise<void> {
  const outbox = outboxes[d]!;
  while (outbox.length > 0) {
    const due = outbox.filter((p) => p.releaseAt <= Date.now() - started).slice(0, 50);
    if (due.length === 0) {
      await sleep(50);
      continue;
    }
    try {
      const answer = await call<{ results: ({ seq: number } | { error: { code: string } })[] }>(url, 'POST', '/api/events/batch', deskTokens[d]!, { events: due.map((p) => p.event) });
      if (answer.status !== 200) throw new Error(String(answer.status));
      answer.json.results.forEach((result) => {
        if ('error' in result) refused += 1;
      });
      outbox.splice(0, due.length);
    } catch {
      retries += 1;
      await sleep(300 + random() * 700);
    }
  }
}

/** A live screen: its state from the stream, resuming after its seq on every reconnect. */
function follow(token: string) {
  const viewer: { projection: ProjectionState | null; logId?: string; socket?: Socket } = { projection: null };
  const socket: Socket = ioClient(url, {
    auth: (cb) => cb({ token, ...(viewer.projection ? { after: viewer.projection.seq, ...(viewer.logId ? { logId: viewer.logId } : {}) } : {}) }),
    transports: ['websocket'],
    reconnectionDelay: 300,
    reconnectionDelayMax: 2000,
  });
  socket.on('snapshot', (snapshot: SnapshotMessage) => {
    viewer.projection = projectionFromWire(snapshot.projection);
    viewer.logId = (snapshot as { logId?: string }).logId;
  });
  socket.on('event', (event: WireEvent) => {
    const projection = viewer.projection;
    if (!projection || event.seq <= projection.seq) return;
    // A gap: start again from a snapshot (never seen when the server keeps its word).
    if (event.seq !== projection.seq + 1) return socket.disconnect().connect();
    applyInPlace(projection, event);
  });
  viewer.socket = socket;
  return viewer;
}

const viewers = [
  ...(await Promise.all([0, 1, 2].map(async (i) => ({ role: 'wall', viewer: follow(await tokenOf('wall', `Màn hình ${i + 1}`)) })))),
  ...(await Promise.all([0, 1].map(async (i) => ({ role: 'coordinator', viewer: follow(await tokenOf('coordinator', `Điều phối ${i + 1}`)) })))),
  { role: 'mc', viewer: follow(await tokenOf('mc', 'MC')) },
];

// The troubles: cuts every 6–12 s, the SIGKILL half-way.
let cuts = 0;
let running = true;
const troubles = (async () => {
  let killed = false;
  while (running) {
    await sleep(6000 + random() * 6000);
    if (!running) break;
    if (!killed && Date.now() - started > SECONDS * 500) {
      killed = true;
      marks.push({ at: Date.now(), what: 'SIGKILL' });
      server!.kill('SIGKILL');
      await new Promise((resolve) => server!.once('exit', resolve));
      await sleep(1000);
      await startServer();
      continue;
    }
    cuts += 1;
    await cut(1000 + random() * 3000);
  }
})();

await Promise.all(Array.from({ length: DESKS }, (_, d) => runDesk(d)));
const runEnded = Date.now();
running = false;
await troubles;
marks.push({ at: runEnded, what: 'end' });

// ---- what it left ----------------------------------------------------------------------------

const report = (
  await call<{
    seq: number;
    days: {
      date: string | null;
      agencies: { agencyId: string; checkedIn: number; donated: number; deferred: number }[];
      walkIns: { agencyId: string; checkedIn: number; donated: number; deferred: number };
    }[];
    festival: { agencies: { agencyId: string; registered: number }[]; walkIns: { registered: number } };
  }>(direct, 'GET', '/api/reports/agencies', ADMIN)
).json;
const mismatches: string[] = [];
for (const agencyId of agencies) {
  const registered = agencyId === 'walk-in' ? report.festival.walkIns.registered : report.festival.agencies.find((row) => row.agencyId === agencyId)?.registered;
  if (registered !== truth[agencyId]!.registered) mismatches.push(`${agencyId} registered ${registered} ≠ ${truth[agencyId]!.registered}`);
  for (const day of days) {
    const section = report.days.find((s) => s.date === day);
    const row = agencyId === 'walk-in' ? section?.walkIns : section?.agencies.find((r) => r.agencyId === agencyId);
    const expected = truth[agencyId]!.byDay[day]!;
    for (const key of ['checkedIn', 'donated', 'deferred'] as const) if (row?.[key] !== expected[key]) mismatches.push(`${agencyId} ${day} ${key} ${row?.[key]} ≠ ${expected[key]}`);
  }
}
// The viewers, once they have caught up: the same figures as the server's report.
// The counted figures of each row (a screen's report has no bag sizes: those come from donors' records).
const strip = (r: ReturnType<typeof agencyReport>) =>
  JSON.stringify(
    [...r.days, r.festival].map((section) =>
      [...section.agencies, section.walkIns, section.totals].map(({ agencyId, registered, checkedIn, donated, deferred, volumeMl }) => [agencyId, registered, checkedIn, donated, deferred, volumeMl]),
    ),
  );
const serverFigures = strip(report as unknown as ReturnType<typeof agencyReport>);
let viewersEqual = 0;
for (let i = 0; i < 100 && viewersEqual < viewers.length; i++) {
  viewersEqual = viewers.filter(({ viewer }) => viewer.projection && viewer.projection.seq >= report.seq && strip(agencyReport(viewer.projection)) === serverFigures).length;
  if (viewersEqual < viewers.length) await sleep(100);
}
await sleep(AFTER_SECONDS * 1000);
for (const { viewer } of viewers) viewer.socket?.close();
server!.kill('SIGTERM');
await new Promise((resolve) => server!.once('exit', resolve));
proxy.close();
fs.rmSync(dataDir, { recursive: true, force: true });

const serving = (s: Sample) => starts.every((at) => s.at < at - 1000 || s.at > at + 2000);
const during = samples.filter((s) => s.at <= runEnded);
const after = samples.filter((s) => s.at > runEnded + 2000);
const result = {
  donors: DONORS,
  desks: DESKS,
  viewers: viewers.length,
  cuts,
  retries,
  refused,
  seconds: Math.round((runEnded - started) / 1000),
  reportEqualsTruth: mismatches.length === 0,
  mismatches: mismatches.slice(0, 10),
  viewersEqual,
  rssStartMb: samples[0]?.rssMb ?? NaN,
  rssPeakMb: Math.max(...during.map((s) => s.rssMb)),
  rssEndOfRunMb: during.at(-1)?.rssMb ?? NaN,
  rssAfterMb: after.at(-1)?.rssMb ?? NaN,
  loopMaxDuring: Math.max(...during.filter(serving).map((s) => s.max)),
  loopMaxAfter: Math.max(...after.map((s) => s.max)),
};

if (PNG) {
  // The plot: RSS (MB, left axis) and the event loop's longest delay each second (ms, right axis).
  const t0 = samples[0]!.at;
  const width = 1200;
  const height = 500;
  const pad = { left: 70, right: 70, top: 40, bottom: 50 };
  const span = Math.max(1, samples.at(-1)!.at - t0);
  const x = (at: number) => pad.left + ((at - t0) / span) * (width - pad.left - pad.right);
  const rssTop = Math.max(100, ...samples.map((s) => s.rssMb)) * 1.1;
  // Scaled to the seconds of service: a start's own seconds (loading, replay) are clipped and labelled.
  const loopTop = Math.max(50, ...samples.filter(serving).map((s) => s.max)) * 1.5;
  const y = (value: number, top: number) => height - pad.bottom - (value / top) * (height - pad.top - pad.bottom);
  const line = (values: (s: Sample) => number, top: number) => samples.map((s, i) => `${i ? 'L' : 'M'}${x(s.at).toFixed(1)},${y(Math.min(top, values(s)), top).toFixed(1)}`).join('');
  const startLabels = starts.map((at) => {
    const first = Math.max(...samples.filter((s) => s.at >= at - 1000 && s.at <= at + 2000).map((s) => s.max), 0);
    return `<text x="${x(at) + 4}" y="${pad.top + 30}" fill="#1565c0">start-up: ${Math.round(first)} ms</text>`;
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="13">
<rect width="100%" height="100%" fill="#fff"/>
<text x="${pad.left}" y="24" font-size="16" font-weight="bold">Soak: ${DONORS} donors, two days, ${DESKS} desks, ${viewers.length} screens, ${cuts} network cuts, one SIGKILL (${result.seconds} s + ${AFTER_SECONDS} s after)</text>
${marks.map((m) => `<line x1="${x(m.at)}" x2="${x(m.at)}" y1="${pad.top}" y2="${height - pad.bottom}" stroke="${m.what === 'cut' ? '#ccc' : m.what === 'SIGKILL' ? '#d00' : '#000'}" stroke-dasharray="${m.what === 'cut' ? '3,3' : '0'}"/>${m.what === 'cut' ? '' : `<text x="${x(m.at) + 4}" y="${pad.top + 14}">${m.what === 'end' ? 'end of run' : m.what}</text>`}`).join('\n')}
${startLabels.join('\n')}
<path d="${line((s) => s.rssMb, rssTop)}" fill="none" stroke="#c2185b" stroke-width="2"/>
<path d="${line((s) => s.max, loopTop)}" fill="none" stroke="#1565c0" stroke-width="1.5"/>
<line x1="${pad.left}" x2="${width - pad.right}" y1="${height - pad.bottom}" y2="${height - pad.bottom}" stroke="#000"/>
${[0, 0.25, 0.5, 0.75, 1].map((f) => `<text x="${pad.left - 8}" y="${y(f * rssTop, rssTop) + 4}" text-anchor="end" fill="#c2185b">${Math.round(f * rssTop)}</text><text x="${width - pad.right + 8}" y="${y(f * loopTop, loopTop) + 4}" fill="#1565c0">${Math.round(f * loopTop)}</text>`).join('')}
<text x="${pad.left}" y="${height - 15}" fill="#c2185b">RSS, MB (left)</text>
<text x="${width - pad.right}" y="${height - 15}" text-anchor="end" fill="#1565c0">event-loop delay, max per second, ms (right)</text>
<text x="${width / 2}" y="${height - 15}" text-anchor="middle">${Math.round(span / 1000)} s; grey dashes: network cuts</text>
</svg>`;
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width, height } });
  await page.setContent(`<html><body style="margin:0">${svg}</body></html>`);
  await page.screenshot({ path: PNG });
  await browser.close();
}

console.log(
  `soak: ${DONORS} donors, ${DESKS} desks, ${viewers.length} screens, ${cuts} cuts, 1 SIGKILL, ${result.seconds} s: report = truth ${result.reportEqualsTruth}${mismatches.length ? ` (${mismatches.slice(0, 5).join('; ')})` : ''}; viewers equal ${viewersEqual}/${viewers.length}; RSS ${result.rssStartMb} → peak ${result.rssPeakMb} → ${result.rssEndOfRunMb} at the end → ${result.rssAfterMb} MB ${AFTER_SECONDS} s after; loop max ${result.loopMaxDuring} ms during, ${result.loopMaxAfter} ms after; ${retries} retries, ${refused} refused`,
);
console.log(`BENCH_JSON ${JSON.stringify(result)}`);
process.exit(0);
