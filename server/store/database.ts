/**
 * Opens the SQLite database in DATA_DIR and brings its schema up to date. A log written by an
 * earlier version (personal data in clear, `LOG_FORMAT` below 2) is rewritten at start-up by
 * migrate.ts, which needs the key store and the projection; `logFormat` tells it.
 *
 * Durability: WAL with synchronous=FULL. Each commit is fsynced to the WAL before it returns,
 * so an event answered 201 survives both a process crash and a power cut (given a disk that
 * honours fsync). NORMAL would survive a crash but could lose the last commits on power loss;
 * the server laptop at the venue can be unplugged, so we pay one fsync per commit (shared by
 * every event in a group commit, see events/service.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { privateDir, privateFile } from './filePermissions.ts';

export type Db = Database.Database;

export const DB_FILE = 'events.sqlite';

/**
 * The log's format (SQLite `user_version`): 2 = personal fields sealed (privacy/sealing.ts),
 * no full CCCD, opaque donor ids, and each donor event's counted form beside it (`counted`).
 * 3 = as 2, plus the device's time of action (`occurred_at`, `occurred_at_flag`, nullable: API
 * v1.1 `occurredAt`); a log in format 2 gets the two columns at open (ALTER TABLE ADD COLUMN,
 * its rows keep NULL), so backups of either format restore. 0 = the format of the first versions.
 */
export const LOG_FORMAT = 3;
/** The first format with personal data sealed: a log in an older one holds it in clear. */
export const SEALED_SINCE_FORMAT = 2;

/** The events table; `name` lets the migration build the new one beside the old. */
export function eventsTableSql(name = 'events'): string {
  return `
CREATE TABLE IF NOT EXISTS ${name} (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  payload TEXT NOT NULL,
  actor TEXT,
  received_at TEXT NOT NULL,
  counted TEXT,
  occurred_at TEXT,
  occurred_at_flag TEXT
);`;
}

/**
 * Columns added to the events table since format 2, each nullable: a log written before them
 * gets them at open, its rows reading NULL (ALTER TABLE ADD COLUMN rewrites no row, fires no
 * trigger).
 */
const ADDED_COLUMNS = [
  // (format 3) The device's time of action (UTC ISO, ms), clamped; and why, when it was: 'clock_ahead' | 'too_old'.
  ['occurred_at', 'TEXT'],
  ['occurred_at_flag', 'TEXT'],
] as const;

/** Adds the columns a log of an earlier format lacks; a sealed log (format 2) is then in the current format. */
function addMissingColumns(db: Db): void {
  const present = new Set(
    db
      .prepare<[], { name: string }>("SELECT name FROM pragma_table_info('events')")
      .all()
      .map((c) => c.name),
  );
  const missing = ADDED_COLUMNS.filter(([name]) => !present.has(name));
  const format = logFormat(db);
  if (missing.length === 0 && (format < SEALED_SINCE_FORMAT || format >= LOG_FORMAT)) return;
  db.transaction(() => {
    for (const [name, type] of missing) db.exec(`ALTER TABLE events ADD COLUMN ${name} ${type}`);
    // A log still in clear (format 0) keeps its format: migrate.ts rewrites it and sets the current one.
    if (format >= SEALED_SINCE_FORMAT && format < LOG_FORMAT) db.pragma(`user_version = ${LOG_FORMAT}`);
  })();
}

export const APPEND_ONLY_TRIGGERS = `
CREATE TRIGGER IF NOT EXISTS events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER IF NOT EXISTS events_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
`;

const SCHEMA = `
-- Facts about the log itself (its identity, logIdentity.ts).
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- Snapshots were kept here before they moved to files (snapshotStore.ts).
DROP TABLE IF EXISTS snapshots;

-- Written only to test that the store can write again after a fault (events/service.ts).
CREATE TABLE IF NOT EXISTS store_probe (id INTEGER PRIMARY KEY, at TEXT NOT NULL, pad BLOB);

-- One-time enrolment codes (auth/enrolmentCodes.ts): the hash of each, what it enrols, until when.
CREATE TABLE IF NOT EXISTS enrolment_codes (
  hash TEXT PRIMARY KEY,
  role TEXT NOT NULL,
  label TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  token_id TEXT,
  agency_id TEXT
);

CREATE TABLE IF NOT EXISTS tokens (
  id TEXT PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  label TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  agency_id TEXT
);
`;

export function openDatabase(dataDir: string): Db {
  privateDir(dataDir);
  privateFile(path.join(dataDir, DB_FILE));
  const db = new Database(path.join(dataDir, DB_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // Short: better-sqlite3 is synchronous, so a wait on a lock holds up every request and socket.
  db.pragma('busy_timeout = 1000');
  const isNew = !db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get();
  db.exec(eventsTableSql() + APPEND_ONLY_TRIGGERS + SCHEMA);
  if (isNew) db.pragma(`user_version = ${LOG_FORMAT}`);
  else addMissingColumns(db);
  addAgencyColumns(db);
  return db;
}

/** (issue 18) The agency a liaison's token (and its enrolment code) is bound to: added to a database made before it. */
function addAgencyColumns(db: Db): void {
  for (const table of ['tokens', 'enrolment_codes']) {
    const columns = db.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)').all(table);
    if (!columns.some((column) => column.name === 'agency_id')) db.exec(`ALTER TABLE ${table} ADD COLUMN agency_id TEXT`);
  }
}

/** The format the log is in (LOG_FORMAT once migrated). */
export function logFormat(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * The format of a database file, read from its header (`user_version`, 4 bytes big-endian at
 * offset 60) without opening it: opening a file in WAL mode leaves files beside it. null when
 * it is not a database.
 */
export function logFormatOfFile(file: string): number | null {
  const header = Buffer.alloc(64);
  const fd = fs.openSync(file, 'r');
  try {
    if (fs.readSync(fd, header, 0, 64, 0) < 64 || header.toString('latin1', 0, 15) !== 'SQLite format 3') return null;
  } finally {
    fs.closeSync(fd);
  }
  return header.readUInt32BE(60);
}
