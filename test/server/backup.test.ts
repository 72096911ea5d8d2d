/**
 * Online backups: on demand (admin) and on a schedule into DATA_DIR/backups, each a pair (the
 * log, and the key store its personal data is sealed with); restoring one as the README says
 * (stop, copy it over events.sqlite — and, on a new machine, its keys over keys.sqlite —, start)
 * gives the same state.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { DB_FILE } from '../../server/store/database.ts';
import { KEYS_FILE } from '../../server/privacy/keyStore.ts';
import { copyDatabase } from '../../server/backup/service.ts';
import { api, makeToken, post, startTestServer, tempDataDir } from '../helpers/server.ts';

it('a backup taken while writing restores to the same state, tokens included', async () => {
  const server = await startTestServer();
  const desk = await makeToken(server, 'desk');
  for (let i = 0; i < 20; i++) await post(server, desk, 'donor.registered', { donorId: `bk-${i}`, fullName: `Người ${i}`, agencyId: 'soyte', phone: '0912345678' });
  expect((await api(server.url, 'POST', '/api/backups', { token: desk })).status).toBe(403);
  const [taken] = await Promise.all([api(server.url, 'POST', '/api/backups', { token: server.adminToken }), post(server, desk, 'donor.checked_in', { donorId: 'bk-0' })]);
  expect(taken.status).toBe(201);
  expect(taken.body).toMatchObject({ file: expect.stringMatching(/^events-.*\.sqlite$/), keysFile: taken.body.file.replace(/^events-/, 'keys-'), bytes: expect.any(Number) });
  const listed = await api(server.url, 'GET', '/api/backups', { token: server.adminToken });
  expect(listed.body.backups.map((b: any) => b.file)).toContain(taken.body.file);

  // What the backup holds: everything committed before it finished.
  const backupFile = path.join(server.dataDir, 'backups', taken.body.file);
  const Database = (await import('better-sqlite3')).default;
  const copy = new Database(backupFile, { readonly: true });
  const backupSeq = (copy.prepare('SELECT MAX(seq) AS seq FROM events').get() as { seq: number }).seq;
  // A file on its own (no write-ahead log looked for beside it), whole.
  expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
  expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
  copy.close();
  expect(fs.readdirSync(path.join(server.dataDir, 'backups')).filter((name) => name.endsWith('.partial'))).toEqual([]);
  // Read as the desk reads them, before and after (what each role receives is privacy's business).
  const atBackup = (await api(server.url, 'GET', `/api/events?after=0&limit=5000`, { token: desk })).body.events.filter((e: any) => e.seq <= backupSeq);
  await post(server, desk, 'donor.registered', { donorId: 'after-backup', fullName: 'Sau sao lưu', agencyId: 'soyte' });
  await server.close();

  // Restore into a fresh directory (a new machine), as the README says: the log and its keys.
  const restoredDir = tempDataDir();
  fs.copyFileSync(backupFile, path.join(restoredDir, DB_FILE));
  fs.copyFileSync(path.join(server.dataDir, 'backups', taken.body.keysFile), path.join(restoredDir, KEYS_FILE));
  const restored = await startTestServer({ dataDir: restoredDir, adminToken: 'Restore-Admin-Token-qZ7wP3kL5vX9' });
  try {
    const events = (await api(restored.url, 'GET', '/api/events?after=0&limit=5000', { token: desk })).body.events;
    expect(events).toEqual(atBackup);
    const state = (await api(restored.url, 'GET', '/api/state', { token: desk })).body;
    expect(state.seq).toBe(backupSeq);
    expect(state.totals.registered).toBe(20);
  } finally {
    await restored.close();
  }
});

it('scheduled backups appear in DATA_DIR/backups and the oldest are pruned', async () => {
  const server = await startTestServer({ backups: { intervalMinutes: 0.004, keep: 2 } });
  try {
    const dir = path.join(server.dataDir, 'backups');
    const count = (prefix: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith('.sqlite')).length : 0);
    await expect.poll(() => count('events-'), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 800));
    expect(count('events-')).toBeLessThanOrEqual(2);
    // Each backup of the log has the key store's beside it, pruned with it.
    expect(count('keys-')).toBe(count('events-'));
  } finally {
    await server.close();
  }
});

it('copies a live database bigger than one part, its write-ahead log included, while it is written', async () => {
  const Database = (await import('better-sqlite3')).default;
  const dir = tempDataDir();
  const source = path.join(dir, 'live.sqlite');
  const writer = new Database(source);
  writer.pragma('journal_mode = WAL');
  writer.pragma('wal_autocheckpoint = 0');
  writer.exec('CREATE TABLE rows (n INTEGER PRIMARY KEY, body BLOB)');
  const insert = writer.prepare('INSERT INTO rows (n, body) VALUES (?, ?)');
  // ~12 MB, three parts of the copy and more; all of it still in the WAL (no checkpoint).
  writer.transaction(() => {
    for (let n = 0; n < 3000; n++) insert.run(n, Buffer.alloc(4000, n % 251));
  })();
  expect(fs.statSync(`${source}-wal`).size).toBeGreaterThan(8 * 1024 * 1024);
  const copying = copyDatabase(source, path.join(dir, 'copy.sqlite'));
  // The writer goes on: the copy is the database as it was when it was taken, whole.
  insert.run(3000, Buffer.alloc(10));
  await copying;
  writer.close();
  expect(fs.readdirSync(dir).filter((name) => name.startsWith('copy'))).toEqual(['copy.sqlite']);
  const copy = new Database(path.join(dir, 'copy.sqlite'), { readonly: true });
  try {
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    const { count, bytes } = copy.prepare('SELECT COUNT(*) AS count, SUM(LENGTH(body)) AS bytes FROM rows').get() as { count: number; bytes: number };
    expect(bytes).toBe(3000 * 4000 + (count - 3000) * 10);
    expect(copy.prepare('SELECT body FROM rows WHERE n = 2999').get()).toEqual({ body: Buffer.alloc(4000, 2999 % 251) });
  } finally {
    copy.close();
  }
  expect(fs.statSync(path.join(dir, 'copy.sqlite')).mode & 0o777).toBe(0o600);
});
