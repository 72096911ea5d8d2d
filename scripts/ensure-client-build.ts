/**
 * Run by `npm start`: builds the client when dist/client is missing or older than its
 * sources (client/, shared/, vite.config.ts), so a fresh clone starts with one command.
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const marker = path.join(root, 'dist/client/wall.html');

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

const builtAt = fs.statSync(marker, { throwIfNoEntry: false })?.mtimeMs ?? 0;
const sourcesAt = Math.max(...['client', 'shared', 'vite.config.ts'].map((p) => newestMtime(path.join(root, p))));

if (builtAt < sourcesAt) {
  process.stdout.write('Đang dựng giao diện / building the client…\n');
  const { build } = await import('vite');
  await build({ root: path.join(root, 'client'), configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}
