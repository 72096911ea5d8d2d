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
 * file is compacted (VACUUM) so that no page of the old text is left in it. An interrupted
 * migration starts again from the old table. Snapshots (which held the old data) are deleted;
 * so are the old backups (backup/service.ts, `sweep`, at every start), and a backup of the
 * migrated log, which holds everything they did, is taken at once: clients' outboxes name the
 * old donor ids, so they are to be flushed before the upgrade (README).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { applyAndCount, initialState, throughTheDoor, type Actor, type EventType, type ProjectionState, type RecordedEvent, type SubmittedEvent } from '../../shared/index.ts';
import type { KeyStore } from '../privacy/keyStore.ts';
import { keyRefOf, sealPayload } from '../privacy/sealing.ts';
import { APPEND_ONLY_TRIGGERS, LOG_FORMAT, SEALED_SINCE_FORMAT, eventsTableSql, logFormat, type Db } from './database.ts';
import type { EventRow } from './eventStore.ts';
import { newLogId, writeLogId } from './logIdentity.ts';
import { SNAPSHOT_DIR } from './snapshotStore.ts';

const PAGE = 5000;

export interface MigrationReport {
  events: number;
  donors: number;
}

/** A row of the first versions' events table: no counted form, no time of action yet. */
type OldRow = Omit<EventRow, 'counted' | 'occurred_at' | 'occurred_at_flag'>;

function newDonorId(): string {
  return `d_${crypto.randomBytes(9).toString('base64url')}`;
}

/**
 * Rewrites the log into the current format, each donor with a new id and their own key.
 * Returns how many events it rewrote and the state they build.
 */
function migrateLog(db: Db, keys: KeyStore, logId: string): { events: number; state: ProjectionState } {
  const idMap = new Map<string, string>();
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
      // Each registration its own key (made ahead, on disk before the events sealed with it are written).
      if (event.type === 'donor.registered') event.payload.keyRef = keys.take();
      return { row, event };
    });
    db.transaction(() => {
      for (const { row, event } of events) {
        const recorded = { ...event, seq: row.seq, at: row.received_at, ...(row.actor ? { actor: JSON.parse(row.actor) as Actor } : {}) } as RecordedEvent;
        const { stored } = sealPayload(event, keyRefOf(event, state), keys);
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
  return { events: total, state };
}

/** Migrates the DATA_DIR whose log `db` is, when it is in an older format; null when there was nothing to do. */
export function migrateDataDir(dataDir: string, db: Db, keys: KeyStore): MigrationReport | null {
  // A sealed log needs no rewrite: the columns added since format 2 are added at open (database.ts).
  if (logFormat(db) >= SEALED_SINCE_FORMAT) return null;
  // A new history: clients that followed the old one take a snapshot.
  const { events, state } = migrateLog(db, keys, newLogId());
  // Only the keys of the people in the log: not those of registrations voided (entered by
  // mistake), of an interrupted earlier run, or made ahead and not taken.
  const held = new Set<string>();
  for (const donor of state.donors.values()) if (donor.keyRef) held.add(donor.keyRef);
  keys.retainOnly(held);
  fs.rmSync(path.join(dataDir, SNAPSHOT_DIR), { recursive: true, force: true });
  return { events, donors: state.donors.size };
}
