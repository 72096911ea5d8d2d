/**
 * The life of a person's key, against a real server and its files: a registration is never
 * stored without its own key (even voided and made again in one batch); the keys that should be
 * gone are gone after a restart whatever a stop or a fault left behind; a key backup loses only
 * the keys of people erased, and all of them; a key store lost and brought back loses nobody;
 * an event about an erased person reads back as it was recorded; a lost key store stops the
 * server rather than lose everyone's data; backups a stop interrupted, or of the first
 * versions' format, are deleted at start.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../shared/index.ts';
import { KEYS_AHEAD, KEYS_FILE } from '../../server/privacy/keyStore.ts';
import { DB_FILE } from '../../server/store/database.ts';
import { findInFiles } from '../helpers/files.ts';
import { api, makeToken, newId, post, startTestServer, type TestServer } from '../helpers/server.ts';

/** The stored (sealed) payload of an event, read from a log file. */
function storedPayload(file: string, eventId: string): Record<string, unknown> {
  const db = new Database(file, { readonly: true });
  try {
    const row = db.prepare<[string], { payload: string }>('SELECT payload FROM events WHERE id = ?').get(eventId);
    if (!row) throw new Error(`no event ${eventId} in ${file}`);
    return JSON.parse(row.payload) as Record<string, unknown>;
  } finally {
    db.close();
  }
}

/** The key ref an event is sealed with. */
function keyRefOf(file: string, eventId: string): string {
  const box = storedPayload(file, eventId).$sealed as { k: string } | undefined;
  if (!box) throw new Error(`event ${eventId} is not sealed`);
  return box.k;
}

/** Whether a key store file holds the key of `ref`. */
function holdsKey(file: string, ref: string): boolean {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT 1 FROM person_keys WHERE ref = ?').get(ref) !== undefined;
  } finally {
    db.close();
  }
}

/** Deletes a database file and its write-ahead log (a key store lost, a log replaced). */
function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}

/**
 * One person registered and a backup taken, then the server stopped and its key store lost:
 * the data directory, the registration's event id and the backup.
 */
async function keyStoreLostAfterBackup(donorId: string, fullName: string): Promise<{ dataDir: string; desk: string; registration: string; backup: { file: string; keysFile: string } }> {
  const server = await startTestServer({ personalDataDays: null });
  const desk = await makeToken(server, 'desk');
  const registration = await register(server, desk, donorId, fullName);
  const backup = (await api(server.url, 'POST', '/api/backups', { token: server.adminToken })).body;
  await server.close();
  removeDatabase(path.join(server.dataDir, KEYS_FILE));
  return { dataDir: server.dataDir, desk, registration, backup };
}

async function register(server: TestServer, token: string, donorId: string, fullName: string): Promise<string> {
  const id = newId('reg');
  const answer = await api(server.url, 'POST', '/api/events', { token, body: { id, type: 'donor.registered', payload: { donorId, fullName, agencyId: 'soyte', phone: '0912000111' } } });
  expect(answer.status).toBe(201);
  return id;
}

async function eventsOf(server: TestServer): Promise<RecordedEvent[]> {
  return (await api(server.url, 'GET', '/api/events?after=0&limit=1000', { token: server.adminToken })).body.events;
}

describe('personal keys', () => {
  it('a registration voided and made again in one batch is sealed with a key of its own', async () => {
    // The batch is checked event by event against the state with the events before it: the
    // registration is new only once the void before it is applied.
    const server = await startTestServer({ personalDataDays: null });
    try {
      const desk = await makeToken(server, 'desk');
      const first = await register(server, desk, 'd_x', 'Đỗ Văn Nhầm');
      const again = newId('reg');
      const batch = await api(server.url, 'POST', '/api/events/batch', {
        token: desk,
        body: {
          events: [
            { id: newId('void'), type: 'event.voided', payload: { eventId: first, reason: 'sai đơn vị' } },
            { id: again, type: 'donor.registered', payload: { donorId: 'd_x', fullName: 'Đỗ Văn Đúng', agencyId: 'ldld' } },
          ],
        },
      });
      expect(batch.body.results.map((r: { seq?: number; error?: unknown }) => r.error ?? typeof r.seq)).toEqual(['number', 'number']);
      const log = path.join(server.dataDir, DB_FILE);
      expect(keyRefOf(log, again)).not.toBe(keyRefOf(log, first));
      expect(findInFiles(server.dataDir, ['Đỗ Văn Nhầm', 'Đỗ Văn Đúng'])).toEqual([]);
      // The mistaken registration's key is gone with it; the new one reads back.
      expect(holdsKey(path.join(server.dataDir, KEYS_FILE), keyRefOf(log, first))).toBe(false);
      const events = await eventsOf(server);
      expect(events.find((e) => e.id === again)!.payload).toMatchObject({ fullName: 'Đỗ Văn Đúng', agencyId: 'ldld' });
      expect(events.find((e) => e.id === first)!.payload).toMatchObject({ fullName: '', erased: true });
    } finally {
      await server.close();
    }
  });

  it('keys that should be gone are deleted at the next start, whatever a stop left behind', async () => {
    let server = await startTestServer({ personalDataDays: null });
    const desk = await makeToken(server, 'desk');
    const mistaken = await register(server, desk, 'd_mistaken', 'Vũ Thị Nhầm');
    const erased = await register(server, desk, 'd_erased', 'Hồ Văn Xoá');
    const kept = await register(server, desk, 'd_kept', 'Mai Thị Giữ');
    await server.close();
    // The key store as it was before the void and the erasure: as if deleting their keys had failed.
    const keysFile = path.join(server.dataDir, KEYS_FILE);
    const stale = `${keysFile}.stale`;
    fs.copyFileSync(keysFile, stale);

    server = await startTestServer({ dataDir: server.dataDir, personalDataDays: null });
    expect((await post(server, desk, 'event.voided', { eventId: mistaken, reason: 'nhập nhầm' })).status).toBe(201);
    expect((await api(server.url, 'POST', '/api/donors/d_erased/erase', { token: server.adminToken, body: { reason: 'Đơn ngày 2/8' } })).status).toBe(201);
    await server.close();
    removeDatabase(keysFile);
    fs.renameSync(stale, keysFile);
    const log = path.join(server.dataDir, DB_FILE);
    expect(holdsKey(keysFile, keyRefOf(log, mistaken))).toBe(true);

    server = await startTestServer({ dataDir: server.dataDir, personalDataDays: null });
    try {
      await server.privacy.settled();
      expect(holdsKey(keysFile, keyRefOf(log, mistaken))).toBe(false);
      expect(holdsKey(keysFile, keyRefOf(log, erased))).toBe(false);
      expect(holdsKey(keysFile, keyRefOf(log, kept))).toBe(true);
      expect(findInFiles(server.dataDir, ['Vũ Thị Nhầm', 'Hồ Văn Xoá'])).toEqual([]);
      expect((await eventsOf(server)).find((e) => e.id === kept)!.payload).toMatchObject({ fullName: 'Mai Thị Giữ' });
    } finally {
      await server.close();
    }
  });

  it('a key backup loses the keys of the people erased, and only theirs (an older backup restored first)', async () => {
    let server = await startTestServer({ personalDataDays: null });
    const desk = await makeToken(server, 'desk');
    const early = await register(server, desk, 'd_early', 'Ngô Văn Sớm');
    const older = (await api(server.url, 'POST', '/api/backups', { token: server.adminToken })).body;
    // Enough people that the later ones' keys are made after the older backup (keys are made ahead in batches).
    for (let batch = 0; batch < Math.ceil(KEYS_AHEAD / 500) + 1; batch++) {
      const events = Array.from({ length: 500 }, (_, i) => ({
        id: newId('reg'),
        type: 'donor.registered',
        payload: { donorId: `d_${batch}_${i}`, fullName: `Người ${batch}-${i}`, agencyId: 'ldld' },
      }));
      expect((await api(server.url, 'POST', '/api/events/batch', { token: desk, body: { events } })).status).toBe(200);
    }
    const late = await register(server, desk, 'd_late', 'Đinh Thị Muộn');
    const newer = (await api(server.url, 'POST', '/api/backups', { token: server.adminToken })).body;
    await server.close();
    // The older pair restored (the newer backup names someone this log and key store do not).
    const backups = path.join(server.dataDir, 'backups');
    for (const file of [DB_FILE, KEYS_FILE]) removeDatabase(path.join(server.dataDir, file));
    fs.copyFileSync(path.join(backups, older.file), path.join(server.dataDir, DB_FILE));
    fs.copyFileSync(path.join(backups, older.keysFile), path.join(server.dataDir, KEYS_FILE));
    const newerLog = path.join(backups, newer.file);
    const newerKeys = path.join(backups, newer.keysFile);
    expect(holdsKey(newerKeys, keyRefOf(newerLog, late))).toBe(true);
    expect(holdsKey(path.join(server.dataDir, KEYS_FILE), keyRefOf(newerLog, late))).toBe(false);

    server = await startTestServer({ dataDir: server.dataDir, personalDataDays: null });
    try {
      expect((await api(server.url, 'POST', '/api/donors/d_early/erase', { token: server.adminToken, body: { reason: 'Đơn ngày 3/8' } })).status).toBe(201);
      expect(holdsKey(newerKeys, keyRefOf(newerLog, early))).toBe(false);
      expect(holdsKey(newerKeys, keyRefOf(newerLog, late))).toBe(true);
      expect(findInFiles(server.dataDir, ['Ngô Văn Sớm'])).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('a key store lost, then brought back from its backup: nobody was erased, everyone reads back', async () => {
    const { dataDir, desk, registration, backup } = await keyStoreLostAfterBackup('d_back', 'Trịnh Văn Về');
    const keysFile = path.join(dataDir, KEYS_FILE);
    // Run on without it (its snapshot sees the person as erased), then put the key store back.
    let server = await startTestServer({ dataDir, personalDataDays: null, acceptLostKeys: true });
    expect((await eventsOf(server)).find((e) => e.id === registration)!.payload).toMatchObject({ fullName: '', erased: true });
    // The state as the log reads now (not the snapshot of the first run, read with the lost keys).
    expect(server.service.state.donors.get('d_back')).toMatchObject({ fullName: '', erased: true });
    expect((await post(server, desk, 'donor.checked_in', { donorId: 'd_back' })).status).toBe(201);
    await server.close();
    removeDatabase(keysFile);
    fs.copyFileSync(path.join(server.dataDir, 'backups', backup.keysFile), keysFile);

    server = await startTestServer({ dataDir: server.dataDir, personalDataDays: null });
    try {
      await server.privacy.settled();
      const ref = keyRefOf(path.join(server.dataDir, DB_FILE), registration);
      expect(holdsKey(keysFile, ref)).toBe(true);
      expect(holdsKey(path.join(server.dataDir, 'backups', backup.keysFile), ref)).toBe(true);
      expect((await eventsOf(server)).find((e) => e.id === registration)!.payload).toMatchObject({ fullName: 'Trịnh Văn Về' });
      // The projection too (not the snapshot of the run without the key store).
      const donor = server.service.state.donors.get('d_back');
      expect(donor).toMatchObject({ fullName: 'Trịnh Văn Về', phone: '0912000111' });
      expect(donor).not.toHaveProperty('erased');
    } finally {
      await server.close();
    }
  });

  it('erasing someone whose key the live store lost takes it out of the key backups too', async () => {
    const { dataDir, registration, backup } = await keyStoreLostAfterBackup('d_lost', 'Lưu Thị Mất');
    const server = await startTestServer({ dataDir, personalDataDays: null, acceptLostKeys: true });
    try {
      const ref = keyRefOf(path.join(server.dataDir, DB_FILE), registration);
      const keysBackup = path.join(server.dataDir, 'backups', backup.keysFile);
      expect(holdsKey(keysBackup, ref)).toBe(true);
      expect((await api(server.url, 'POST', '/api/donors/d_lost/erase', { token: server.adminToken, body: { reason: 'Đơn ngày 5/8' } })).status).toBe(201);
      expect(holdsKey(keysBackup, ref)).toBe(false);
      expect(findInFiles(server.dataDir, ['Lưu Thị Mất'])).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('a key that could not be deleted (the key store could not write) is deleted at the next start', async () => {
    let server = await startTestServer({ personalDataDays: null });
    const desk = await makeToken(server, 'desk');
    const registration = await register(server, desk, 'd_stuck', 'Kha Văn Kẹt');
    server.keys.db.pragma('query_only = ON');
    // The erasure is recorded: the person is gone from every screen at once.
    expect((await api(server.url, 'POST', '/api/donors/d_stuck/erase', { token: server.adminToken, body: { reason: 'Đơn ngày 6/8' } })).status).toBe(201);
    expect(server.service.state.donors.get('d_stuck')).toMatchObject({ fullName: '', erased: true });
    const keysFile = path.join(server.dataDir, KEYS_FILE);
    const ref = keyRefOf(path.join(server.dataDir, DB_FILE), registration);
    expect(holdsKey(keysFile, ref)).toBe(true);
    server.keys.db.pragma('query_only = OFF');
    server = await server.restart();
    try {
      await server.privacy.settled();
      expect(holdsKey(keysFile, ref)).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('an event about an erased person is recorded as it reads back: without its personal fields', async () => {
    const server = await startTestServer({ personalDataDays: null });
    try {
      const desk = await makeToken(server, 'desk');
      await register(server, desk, 'd_gone', 'Lý Thị Đi');
      expect((await post(server, desk, 'donor.checked_in', { donorId: 'd_gone' })).status).toBe(201);
      expect((await api(server.url, 'POST', '/api/donors/d_gone/erase', { token: server.adminToken, body: { reason: 'Đơn ngày 4/8' } })).status).toBe(201);
      const recorded: RecordedEvent[] = [];
      server.service.on('recorded', (batch) => recorded.push(...batch.map((r) => r.event)));
      const deferral = newId('def');
      const answer = await api(server.url, 'POST', '/api/events', {
        token: desk,
        body: { id: deferral, type: 'donor.deferred', payload: { donorId: 'd_gone', reasonCode: 'blood_pressure', reason: 'HA 150/95' } },
      });
      expect(answer.status).toBe(201);
      // Counted, and its health data is not kept: live, and read back from the log, the same.
      expect(recorded[0]!.payload).toEqual({ donorId: 'd_gone' });
      expect((await eventsOf(server)).find((e) => e.id === deferral)!.payload).toEqual(recorded[0]!.payload);
      expect((await api(server.url, 'GET', '/api/state', { token: server.adminToken })).body.totals.deferred).toBe(1);
      expect(findInFiles(server.dataDir, ['HA 150/95'])).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('without its key store, a sealed log does not start unless told to go on without it', async () => {
    const { dataDir, registration } = await keyStoreLostAfterBackup('d_sealed', 'Tạ Văn Khoá');
    await expect(startTestServer({ dataDir, personalDataDays: null })).rejects.toThrow(/keys\.sqlite is missing.*ACCEPT_LOST_KEYS=1/s);
    // The refusal made no empty key store that the next start would take for the real one.
    expect(fs.existsSync(path.join(dataDir, KEYS_FILE))).toBe(false);

    const server = await startTestServer({ dataDir, personalDataDays: null, acceptLostKeys: true });
    try {
      const events = await eventsOf(server);
      expect(events.find((e) => e.id === registration)!.payload).toMatchObject({ fullName: '', erased: true });
      expect((await api(server.url, 'GET', '/api/state', { token: server.adminToken })).body.totals.registered).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('a backup a stop interrupted, and a backup of the first versions, are deleted at start', async () => {
    let server = await startTestServer({ personalDataDays: null });
    await server.close();
    const backups = path.join(server.dataDir, 'backups');
    fs.mkdirSync(backups, { recursive: true });
    fs.writeFileSync(path.join(backups, 'events-20240719T083000000Z.sqlite.partial'), 'half a copy');
    fs.writeFileSync(path.join(backups, 'keys-20240719T083000000Z.sqlite.partial'), 'half a copy');
    const old = new Database(path.join(backups, 'events-20240718T083000000Z.sqlite'));
    old.exec('CREATE TABLE events (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, payload TEXT NOT NULL, actor TEXT, received_at TEXT NOT NULL)');
    old
      .prepare('INSERT INTO events (id, type, payload, received_at) VALUES (?, ?, ?, ?)')
      .run('old-1', 'donor.registered', JSON.stringify({ donorId: 'x', fullName: 'Cao Văn Cũ', agencyId: 'soyte', nationalId: '030190009876' }), '2024-07-18T08:30:00Z');
    old.close();

    server = await startTestServer({ dataDir: server.dataDir, personalDataDays: null });
    try {
      const names = fs.readdirSync(backups);
      expect(names.filter((name) => name.endsWith('.partial') || name.startsWith('events-20240718'))).toEqual([]);
      // A backup of the current log replaces the old one.
      expect(server.backups.list()).toHaveLength(1);
      expect(findInFiles(server.dataDir, ['Cao Văn Cũ', '030190009876'])).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
