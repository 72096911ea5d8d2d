/**
 * Issue 18: what a liaison's phone fetches each time its agency's figures move — GET
 * /api/agencies/:agencyId/people for an agency of N people (default 800, the labour
 * federation's order of size) — in bytes plain and gzipped, and the server's time per request
 * (median of 50, in-process server, loopback):
 *
 *   node --import tsx bench/agency-people.ts [people=800]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../server/app.ts';
import { createLogger } from '../server/log.ts';

const people = Number(process.argv[2] ?? 800);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntth-agency-people-'));
const server = await startServer(
  { port: 0, host: '127.0.0.1', dataDir, adminToken: undefined, logLevel: 'silent', clientDir: path.resolve('dist/client'), backups: { intervalMinutes: 0, keep: 1 } },
  { log: createLogger('silent') },
);
const call = async (method: string, url: string, token: string, body?: unknown) =>
  (await fetch(`${server.url}${url}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) })).json();
const token = async (role: string, agencyId?: string) =>
  ((await call('POST', '/api/tokens', server.adminToken, { role, label: `đo ${role}`, ...(agencyId ? { agencyId } : {}) })) as { token: string }).token;
const desk = await token('desk');
const liaison = await token('agency', 'ldld');
for (let i = 0; i < people; i += 400) {
  const events = Array.from({ length: Math.min(400, people - i) }, (_, j) => {
    const n = i + j;
    return {
      id: `bench-people-${n}-x`,
      type: 'donor.registered',
      payload: {
        donorId: `bp-${n}`,
        fullName: `Nguyễn Văn Người Số ${n}`,
        agencyId: 'ldld',
        phone: `09123${String(n).padStart(5, '0')}`,
        birthYear: 1980 + (n % 30),
        workplace: 'Công ty TNHH May Tinh Lợi',
      },
    };
  });
  await call('POST', '/api/events/batch', desk, { events });
}
const get = async (encoding: string) => {
  const started = performance.now();
  const response = await fetch(`${server.url}/api/agencies/ldld/people`, { headers: { authorization: `Bearer ${liaison}`, 'accept-encoding': encoding } });
  const bytes = Number(response.headers.get('content-length') ?? (await response.clone().arrayBuffer()).byteLength);
  await response.arrayBuffer();
  return { bytes, ms: performance.now() - started };
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const runs = async (encoding: string) => {
  const all = [];
  for (let i = 0; i < 50; i += 1) all.push(await get(encoding));
  return { bytes: all[0]!.bytes, ms: median(all.map((r) => r.ms)) };
};
const plain = await runs('identity');
const gzip = await runs('gzip');
console.log(`GET /api/agencies/ldld/people, ${people} people: plain ${plain.bytes} B in ${plain.ms.toFixed(1)} ms; gzip ${gzip.bytes} B in ${gzip.ms.toFixed(1)} ms (median of 50)`);
await server.close();
fs.rmSync(dataDir, { recursive: true, force: true });
