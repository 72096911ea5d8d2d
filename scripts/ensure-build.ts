/**
 * Run by `npm start`: builds what is missing or older than its sources — the client
 * (client/, shared/, vite.config.ts → dist/client) and the server (server/, shared/ →
 * dist/server/main.mjs) — so a fresh clone starts with one command and a pull is picked up.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildServer, SERVER_OUT } from './build-server.ts';

const root = path.resolve(import.meta.dirname, '..');

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

const builtAt = (file: string) => fs.statSync(path.join(root, file), { throwIfNoEntry: false })?.mtimeMs ?? 0;
const sourcesAt = (...entries: string[]) => Math.max(...entries.map((p) => newestMtime(path.join(root, p))));

if (builtAt('dist/client/wall.html') < sourcesAt('client', 'shared', 'vite.config.ts', 'package-lock.json')) {
  process.stdout.write('Đang dựng giao diện / building the client…\n');
  const { build } = await import('vite');
  await build({ root: path.join(root, 'client'), configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}

if (builtAt(SERVER_OUT) < sourcesAt('server', 'shared', 'scripts/build-server.ts', 'package-lock.json')) {
  process.stdout.write('Đang dựng máy chủ / building the server…\n');
  await buildServer(root);
}
