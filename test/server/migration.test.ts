/**
 * A DATA_DIR written by the first versions (log format 0: names, phones and full CCCDs in
 * clear, imported donors' ids derived from their CCCD) opens with the current server and is
 * migrated once: every count as it was, new opaque donor ids, no CCCD left in any file (log,
 * backups, snapshots), personal data sealed, and a new log identity. The old backups are
 * replaced by one of the migrated log, and only the keys of people in the log are kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { replay, throughTheDoor, toStateBody, type Actor, type RecordedEvent, type SubmittedEvent } from '../../shared/index.ts';
import { defaultEventEvents } from '../../server/defaultEvent/seed.ts';
import { DB_FILE, LOG_FORMAT } from '../../server/store/database.ts';
import { filesUnder } from '../helpers/files.ts';
import { api, startTestServer, tempDataDir } from '../helpers/server.ts';

/** The schema of the first versions (server/store/database.ts before log format 2). */
const OLD_SCHEMA = `
CREATE TABLE events (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, payload TEXT NOT NULL, actor TEXT, received_at TEXT NOT NULL);
CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TABLE store_probe (id INTEGER PRIMARY KEY, at TEXT NOT NULL, pad BLOB);
CREATE TABLE tokens (id TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, role TEXT NOT NULL, label TEXT NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT);
`;

const DESK: Actor = { tokenId: 'tok_old_desk', role: 'desk', label: 'Bàn cũ' };
const SYSTEM: Actor = { tokenId: 'system', role: 'admin', label: 'Khởi tạo (system)' };
const CCCDS = ['030190001234', '030195004321', '001088009999'];
/** The old import's ids: the agency and a hash of the CCCD. */
const OLD_IDS = ['soyte-1x2y3z4', 'soyte-9a8b7c6', 'walkin-desk-1'];

function oldLog(): SubmittedEvent[] {
  const at = (i: number) => ({ id: `old-${String(i).padStart(4, '0')}` });
  const events: SubmittedEvent[] = [...defaultEventEvents()];
  events.push({ ...at(1), type: 'donor.registered', payload: { donorId: OLD_IDS[0]!, fullName: 'Nguyễn Thị Lan', agencyId: 'soyte', phone: '0912345678', nationalId: CCCDS[0]!, bloodType: 'O+' } });
  events.push({ ...at(2), type: 'donor.registered', payload: { donorId: OLD_IDS[1]!, fullName: 'Trần Văn Nam', agencyId: 'soyte', nationalId: CCCDS[1]!, birthYear: 1988 } });
  events.push({ ...at(3), type: 'donor.registered', payload: { donorId: OLD_IDS[2]!, fullName: 'Lê Thị Hoa', agencyId: 'walk-in', phone: '0987654321' } });
  // Entered by mistake, and voided: no key is kept for it.
  events.push({ ...at(4), type: 'donor.registered', payload: { donorId: 'walkin-desk-2', fullName: 'Phạm Văn Nhầm', agencyId: 'walk-in', phone: '0977000111' } });
  events.push({ ...at(5), type: 'event.voided', payload: { eventId: 'old-0004', reason: 'nhập nhầm' } });
  for (const [i, donorId] of OLD_IDS.entries()) events.push({ ...at(10 + i), type: 'donor.checked_in', payload: { donorId } });
  events.push({ ...at(20), type: 'donor.donated', payload: { donorId: OLD_IDS[0]!, volumeMl: 350 } });
  events.push({ ...at(21), type: 'donor.deferred', payload: { donorId: OLD_IDS[1]!, reason: 'Huyết áp thấp' } });
  events.push({ ...at(22), type: 'donor.donated', payload: { donorId: OLD_IDS[2]!, volumeMl: 250 } });
  events.push({ ...at(23), type: 'event.voided', payload: { eventId: 'old-0022', reason: 'nhầm người' } });
  events.push({ ...at(24), type: 'donor.donated', payload: { donorId: OLD_IDS[2]!, volumeMl: 450 } });
  events.push({ ...at(25), type: 'donor.updated', payload: { donorId: OLD_IDS[2]!, agencyId: 'ldld', nationalId: CCCDS[2]! } });
  return events;
}

/** Writes the old log into a database file, as the first versions did (plain JSON, user_version 0). */
function writeOldDatabase(file: string, events: SubmittedEvent[]): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec(OLD_SCHEMA);
  const insert = db.prepare('INSERT INTO events (id, type, payload, actor, received_at) VALUES (?, ?, ?, ?, ?)');
  events.forEach((event, i) => {
    const actor = event.id.startsWith('seed:') ? SYSTEM : DESK;
    insert.run(event.id, event.type, JSON.stringify(event.payload), JSON.stringify(actor), new Date(Date.parse('2024-07-19T01:00:00Z') + i * 60_000).toISOString());
  });
  db.close();
}

it('an old DATA_DIR is migrated at start-up: counts unchanged, new ids, no CCCD in any file, data sealed', async () => {
  const dataDir = tempDataDir();
  const events = oldLog();
  writeOldDatabase(path.join(dataDir, DB_FILE), events);
  fs.mkdirSync(path.join(dataDir, 'backups'));
  writeOldDatabase(path.join(dataDir, 'backups', 'events-20240719T083000000Z.sqlite'), events.slice(0, -3));
  fs.mkdirSync(path.join(dataDir, 'snapshots'));
  fs.writeFileSync(path.join(dataDir, 'snapshots', 'snapshot-000000000030-p3-f2.v8'), `old snapshot with ${CCCDS[0]}`);
  // Before: the CCCDs are there in clear.
  expect(filesUnder(dataDir).some((file) => fs.readFileSync(file).includes(CCCDS[0]!))).toBe(true);

  // What the counts must be: the old log replayed by the same projection.
  const expected = replay(
    events.map((event, i) => ({ ...throughTheDoor(event, (n) => `h${n}`), seq: i + 1, at: new Date(Date.parse('2024-07-19T01:00:00Z') + i * 60_000).toISOString() }) as RecordedEvent),
  );
  // Retention off: this festival is long past, and its data would be erased at start (another test's subject).
  const server = await startTestServer({ dataDir, personalDataDays: null });
  try {
    const state = (await api(server.url, 'GET', '/api/state', { token: server.adminToken })).body;
    const { logId, ...view } = state;
    expect(view).toEqual(toStateBody(expected, 'full'));
    expect(state.totals).toMatchObject({ registered: 3, checkedIn: 3, donated: 2, deferred: 1, volumeMl: 800 });
    expect(logId).toMatch(/^log_/);

    const log = (await api(server.url, 'GET', '/api/events?after=0&limit=1000', { token: server.adminToken })).body.events;
    expect(log.map((e: { id: string }) => e.id)).toEqual(events.map((e) => e.id));
    const registrations = log.filter((e: { type: string }) => e.type === 'donor.registered').map((e: { payload: Record<string, unknown> }) => e.payload);
    expect(registrations.map((p: { fullName: string }) => p.fullName)).toEqual(['Nguyễn Thị Lan', 'Trần Văn Nam', 'Lê Thị Hoa', '']);
    expect(registrations[3]).toMatchObject({ erased: true });
    expect(registrations[3]).not.toHaveProperty('phone');
    expect(registrations[0]).toMatchObject({ phone: '0912345678', nationalIdLast4: '1234', bloodType: 'O+' });
    for (const payload of registrations) {
      expect(OLD_IDS).not.toContain(payload.donorId);
      expect(payload.donorId).toMatch(/^d_/);
      expect(payload).not.toHaveProperty('nationalId');
    }
    // Every event of a donor names the same new id.
    const idOf = new Map(registrations.map((p: { donorId: string }, i: number) => [OLD_IDS[i], p.donorId]));
    expect(log.find((e: { id: string }) => e.id === 'old-0025').payload).toMatchObject({ donorId: idOf.get(OLD_IDS[2]), agencyId: 'ldld', nationalIdLast4: '9999' });

    // No CCCD in any file: the log, its write-ahead log, the backup, the snapshots, the keys.
    for (const file of filesUnder(dataDir)) {
      const bytes = fs.readFileSync(file);
      for (const secret of [...CCCDS, ...OLD_IDS, 'Nguyễn Thị Lan', '0912345678', 'Phạm Văn Nhầm', '0977000111']) {
        expect(bytes.includes(Buffer.from(secret)) || bytes.includes(Buffer.from(secret, 'utf16le')), `${path.relative(dataDir, file)}: ${secret}`).toBe(false);
      }
    }
    // One key per person in the log.
    const keys = new Database(path.join(dataDir, 'keys.sqlite'), { readonly: true });
    expect((keys.prepare('SELECT COUNT(*) AS n FROM person_keys').get() as { n: number }).n).toBe(3);
    keys.close();
    // The old backup (in clear) is gone; a backup of the migrated log, with its keys, replaces it.
    const backups = server.backups.list();
    expect(backups.map((b) => b.file)).not.toContain('events-20240719T083000000Z.sqlite');
    expect(backups).toHaveLength(1);
    expect(backups[0]!.keysFile).not.toBeNull();
    const backup = new Database(path.join(dataDir, 'backups', backups[0]!.file), { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(LOG_FORMAT);
    expect((backup.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n).toBe(events.length);
    backup.close();
  } finally {
    await server.close();
  }

  // Once is enough: the next start reads the migrated log as it is.
  const again = await startTestServer({ dataDir, personalDataDays: null });
  try {
    const { logId: _l, ...view } = (await api(again.url, 'GET', '/api/state', { token: again.adminToken })).body;
    expect(view).toEqual(toStateBody(expected, 'full'));
    expect(again.service.loaded.snapshotSeq).toBeGreaterThan(0);
  } finally {
    await again.close();
  }
});
