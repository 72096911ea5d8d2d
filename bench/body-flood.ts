/**
 * Issue 16, 1: a desk's GET /api/me while 8 senders without a token post 2 MB of nested
 * brackets (which took ~0.4 s each to parse when bodies were read before the token). Runs the
 * server in-process from the given checkout, so two versions can be compared:
 *
 *   node --import tsx bench/body-flood.ts [checkout=.]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? '.');
const { startServer } = (await import(path.join(root, 'server/app.ts'))) as typeof import('../server/app.ts');
const { createLogger } = (await import(path.join(root, 'server/log.ts'))) as typeof import('../server/log.ts');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntth-flood-'));
const server = await startServer(
  { port: 0, host: '127.0.0.1', dataDir, adminToken: undefined, logLevel: 'silent', clientDir: path.join(root, 'dist/client'), backups: { intervalMinutes: 0, keep: 1 } },
  { log: createLogger('silent') },
);
const made = await fetch(`${server.url}/api/tokens`, {
  method: 'POST',
  headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
  body: JSON.stringify({ role: 'desk', label: 'Bàn đo' }),
});
const desk = ((await made.json()) as { token: string }).token;
const body = '['.repeat(1_000_000) + ']'.repeat(1_000_000);

/** One GET /api/me, in ms (a reset connection is retried: the time counts). */
async function me(): Promise<number> {
  const started = performance.now();
  for (;;) {
    try {
      await (await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${desk}` } })).arrayBuffer();
      return performance.now() - started;
    } catch {
      // reset under load: retried
    }
  }
}
const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.floor(q * (values.length - 1))]!.toFixed(1);

const idle: number[] = [];
for (let i = 0; i < 30; i++) idle.push(await me());
let stop = false;
const senders = Array.from({ length: 8 }, async () => {
  while (!stop)
    await fetch(`${server.url}/api/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(
      (r) => r.arrayBuffer(),
      () => undefined,
    );
});
await new Promise((resolve) => setTimeout(resolve, 500));
const flooded: number[] = [];
for (let i = 0; i < 30; i++) flooded.push(await me());
stop = true;
await Promise.all(senders);
console.log(`GET /api/me: idle p50 ${quantile(idle, 0.5)} ms; under 8 senders of 2 MB without a token p50 ${quantile(flooded, 0.5)} ms, max ${quantile(flooded, 1)} ms`);
await server.close();
fs.rmSync(dataDir, { recursive: true, force: true });
