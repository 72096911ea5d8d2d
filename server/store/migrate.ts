/**
 * Brings a DATA_DIR written by the first versions (log format 0: names, phones and full CCCDs
 * in clear, donor ids of imported lists derived from the CCCD) to the current format, once, at
 * start-up, with every count unchanged:
 *
 * - each donor gets a new, random id (the old ones could be traced back to a CCCD), in every
 *   event that names them;
 * - each CCCD becomes its keyed hash and last 4 digits (the door, shared/door.ts);
 * - each person gets a key, and their personal fields are sealed with it;
 * - each donor event gets its counted form, computed by replaying the log in order.
 *
 * The new table is built beside the old one and swapped in with one transaction, then the
 * file is compacted (VACUUM) so that no page of the old text is left in it. The backups in
 * DATA_DIR/backups are migrated the same way with the same new ids; snapshots (which held the
 * old data) are deleted. An interrupted migration starts again from the old table.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { applyAndCount, initialState, throughTheDoor, type Actor, type EventType, type RecordedEvent, type SubmittedEvent } from '../../shared/index.ts';
import type { KeyStore } from '../privacy/keyStore.ts';
import { keyRefOf, sealPayload } from '../privacy/sealing.ts';
import { APPEND_ONLY_TRIGGERS, LOG_FORMAT, eventsTableSql, logFormat, type Db } from './database.ts';
import type { EventRow } from './eventStore.ts';
import { newLogId, writeLogId } from './logIdentity.ts';
import { SNAPSHOT_DIR } from './snapshotStore.ts';

const PAGE = 5000;

export interface MigrationReport {
  events: number;
  donors: number;
  backups: number;
}

/** A row of the first versions' events table: no counted form yet. */
type OldRow = Omit<EventRow, 'counted'>;

export function newDonorId(): string {
  return `d_${crypto.randomBytes(9).toString('base64url')}`;
}

/**
 * Rewrites one database's log (the live one or a backup) into the current format. `idMap` (old
 * donor id → new) and `keyOfDonor` (new donor id → key) are shared by all the logs of a
 * DATA_DIR, so a backup names the same donors, sealed with the same keys, as the log. Returns
 * how many events it rewrote.
 */
export function migrateLog(db: Db, keys: KeyStore, idMap: Map<string, string>, keyOfDonor: Map<string, string>, logId: string): number {
  db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); DROP TABLE IF EXISTS events_migrating;' + eventsTableSql('events_migrating'));
  const state = initialState();
  const read = db.prepare<[number, number], OldRow>('SELECT seq, id, type, payload, actor, received_at FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
  const insert = db.prepare<[number, string, string, string, string | null, string, string | null]>(
    'INSERT INTO events_migrating (seq, id, type, payload, actor, received_at, counted) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const hash = (nationalId: string) => keys.hashNationalId(nationalId);
  let last = 0;
  let total = 0;
  for (;;) {
    const rows = read.all(last, PAGE);
    if (rows.length === 0) break;
    const events = rows.map((row) => {
      const payload = JSON.parse(row.payload) as Record<string, unknown>;
      if (row.type.startsWith('donor.') && typeof payload.donorId === 'string') {
        let mapped = idMap.get(payload.donorId);
        if (!mapped) {
          mapped = newDonorId();
          idMap.set(payload.donorId, mapped);
        }
        payload.donorId = mapped;
      }
      const submitted = { id: row.id, type: row.type as EventType, payload } as SubmittedEvent;
      const event = throughTheDoor(submitted, hash);
      // Each person's own key (made ahead, on disk before the events sealed with it are written),
      // the same in the log and in every backup of it.
      if (event.type === 'donor.registered') {
        let keyRef = keyOfDonor.get(event.payload.donorId);
        if (!keyRef) {
          keyRef = keys.take();
          keyOfDonor.set(event.payload.donorId, keyRef);
        }
        event.payload.keyRef = keyRef;
      }
      return { row, event };
    });
    db.transaction(() => {
      for (const { row, event } of events) {
        const recorded = { ...event, seq: row.seq, at: row.received_at, ...(row.actor ? { actor: JSON.parse(row.actor) as Actor } : {}) } as RecordedEvent;
        const stored = sealPayload(event, keyRefOf(event, state), keys);
        const counted = applyAndCount(state, recorded);
        insert.run(row.seq, row.id, row.type, stored, row.actor, row.received_at, counted === null ? null : JSON.stringify(counted));
      }
    })();
    last = rows[rows.length - 1]!.seq;
    total += rows.length;
  }
  db.transaction(() => {
    db.exec('DROP TRIGGER IF EXISTS events_append_only_update; DROP TRIGGER IF EXISTS events_append_only_delete; DROP TABLE events; ALTER TABLE events_migrating RENAME TO events;');
    db.exec(APPEND_ONLY_TRIGGERS);
    writeLogId(db, logId);
    db.pragma(`user_version = ${LOG_FORMAT}`);
  })();
  // No page of the old text may stay in the file or its write-ahead log.
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
  return total;
}

/** Migrates the DATA_DIR whose log `db` is, when it is in an older format; null when there was nothing to do. */
export function migrateDataDir(dataDir: string, db: Db, keys: KeyStore): MigrationReport | null {
  if (logFormat(db) >= LOG_FORMAT) return null;
  // A new history: clients that followed the old one take a snapshot.
  const logId = newLogId();
  const idMap = new Map<string, string>();
  const keyOfDonor = new Map<string, string>();
  const events = migrateLog(db, keys, idMap, keyOfDonor, logId);
  let backups = 0;
  const backupDir = path.join(dataDir, 'backups');
  for (const name of fs.existsSync(backupDir) ? fs.readdirSync(backupDir) : []) {
    if (!/^events-.*\.sqlite$/.test(name)) continue;
    const backup = new Database(path.join(backupDir, name));
    try {
      if (logFormat(backup) < LOG_FORMAT) {
        migrateLog(backup, keys, idMap, keyOfDonor, logId);
        backups += 1;
      }
    } finally {
      backup.close();
    }
  }
  // Keys made by an interrupted earlier run, or made ahead and not taken, name nobody.
  keys.retainOnly(new Set(keyOfDonor.values()));
  fs.rmSync(path.join(dataDir, SNAPSHOT_DIR), { recursive: true, force: true });
  return { events, donors: idMap.size, backups };
}
