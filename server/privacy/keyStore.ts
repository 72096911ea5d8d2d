/**
 * The key store: `DATA_DIR/keys.sqlite`, a small database apart from the event log. It holds
 *
 * - one random AES-256 key per person, with which that person's personal data is sealed in the
 *   log (sealing.ts). Deleting the key erases the data wherever the log is: the database, its
 *   snapshots' source, every backup of it (crypto-shredding). The log itself stays append-only;
 * - the installation's secret for the keyed hash (HMAC-SHA256) of CCCDs, so the same card is
 *   recognised without the number being kept, and a hash cannot be turned back into a number
 *   by trying every CCCD of a province and birth year.
 *
 * A key is on disk (fsynced) before the first event sealed with it, so an acknowledged event
 * can always be read while its key is kept. Keys are made ahead, KEYS_AHEAD at a time in one
 * transaction, and a registration takes one (the event names it, `keyRef`): one fsync of this
 * file per thousand registrations, not one per write. Keys made but never taken (a restart)
 * name nobody. Deleted keys are overwritten in the file (`secure_delete`) and the write-ahead
 * log is truncated, so no copy of them stays in a file. The refs of deleted keys are kept
 * (`erased_refs`, with the deletion, in one transaction): a key backup loses exactly those.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { randomBytes } from './random.ts';
import { privateDir, privateFile } from '../store/filePermissions.ts';

export const KEYS_FILE = 'keys.sqlite';

/** How many keys are made ahead at a time; more are made when fewer than a quarter are left. */
export const KEYS_AHEAD = 1024;
/** How many keys are kept at hand in memory (those made ahead, then the last ones read). */
const KEYS_AT_HAND = 4 * KEYS_AHEAD;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS person_keys (ref TEXT PRIMARY KEY, key BLOB NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS erased_refs (ref TEXT PRIMARY KEY, erased_at TEXT NOT NULL);
`;

function configure(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 1000');
  db.exec(SCHEMA);
}

/** A value of the meta table, made (and stored) by `make` the first time. */
function metaValue(db: Database.Database, key: string, make: () => Buffer): Buffer {
  let value = db.prepare<[string], { value: Buffer }>('SELECT value FROM meta WHERE key = ?').get(key)?.value;
  if (!value) {
    value = make();
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(key, value);
  }
  return value;
}

export class KeyStore {
  /** Keys on disk that no event names yet, made by this process. */
  private readonly ahead: string[] = [];
  private readonly secret: Buffer;
  /**
   * This key store's identity, made with it (a copy, a backup, has the same). A snapshot names
   * the key store its state was read with: with another one, people readable then may not be
   * now, or the other way round (snapshotStore.ts).
   */
  readonly id: string;
  private readonly insertStmt;
  private readonly deleteStmt;
  private readonly erasedStmt;
  private readonly keyStmt;
  /** Every key, read at once for a long replay (one scan beats a query per person), then dropped. */
  private loaded: Map<string, Buffer> | null = null;
  /**
   * Keys at hand, oldest first: the ones made ahead (the next registrations seal with them) and
   * the last ones read, so sealing does not query the file for each event. An erased key leaves
   * it with the file's copy.
   */
  private readonly atHand = new Map<string, Buffer>();

  /**
   * Keys are read from the file when asked (a point query is a microsecond or two), not loaded
   * at start: start-up and memory do not grow with the number of people.
   */
  private constructor(
    readonly db: Database.Database,
    readOnly = false,
  ) {
    if (readOnly) db.pragma('busy_timeout = 1000');
    else configure(db);
    const missing = () => {
      throw new Error('the key store is not made yet');
    };
    this.secret = metaValue(db, 'nationalIdSecret', readOnly ? missing : () => crypto.randomBytes(32));
    this.id = metaValue(db, 'storeId', readOnly ? missing : () => Buffer.from(`ks_${crypto.randomBytes(9).toString('base64url')}`)).toString();
    this.insertStmt = db.prepare<[string, Buffer, string]>('INSERT INTO person_keys (ref, key, created_at) VALUES (?, ?, ?)');
    this.deleteStmt = db.prepare<[string]>('DELETE FROM person_keys WHERE ref = ?');
    this.erasedStmt = db.prepare<[string, string]>('INSERT OR IGNORE INTO erased_refs (ref, erased_at) VALUES (?, ?)');
    this.keyStmt = db.prepare<[string], { key: Buffer }>('SELECT key FROM person_keys WHERE ref = ?');
  }

  static open(dataDir: string): KeyStore {
    privateDir(dataDir);
    privateFile(path.join(dataDir, KEYS_FILE));
    return new KeyStore(new Database(path.join(dataDir, KEYS_FILE)));
  }

  /** The key store for reading only (a worker thread's replay: snapshot.ts); it must exist. */
  static openReadOnly(dataDir: string): KeyStore {
    return new KeyStore(new Database(path.join(dataDir, KEYS_FILE), { readonly: true, fileMustExist: true }), true);
  }

  /** Whether DATA_DIR has a key store yet (before open() makes one). */
  static existsIn(dataDir: string): boolean {
    return fs.existsSync(path.join(dataDir, KEYS_FILE));
  }

  /** The keyed hash of a CCCD: recognises the same card, reveals nothing of its number. */
  hashNationalId(nationalId: string): string {
    return crypto.createHmac('sha256', this.secret).update(`cccd:${nationalId}`).digest('base64url');
  }

  keyOf(ref: string): Buffer | undefined {
    if (this.loaded) return this.loaded.get(ref);
    const near = this.atHand.get(ref);
    if (near) return near;
    const key = this.keyStmt.get(ref)?.key;
    if (key) this.keepAtHand(ref, key);
    return key;
  }

  private keepAtHand(ref: string, key: Buffer): void {
    this.atHand.set(ref, key);
    if (this.atHand.size > KEYS_AT_HAND) this.atHand.delete(this.atHand.keys().next().value!);
  }

  /** Runs `read` (which only reads keys: a replay) with every key read at once beforehand. */
  withEveryKey<T>(read: () => T): T {
    this.loaded = new Map(
      this.db
        .prepare<[], { ref: string; key: Buffer }>('SELECT ref, key FROM person_keys')
        .all()
        .map((row) => [row.ref, row.key]),
    );
    try {
      return read();
    } finally {
      this.loaded = null;
    }
  }

  /**
   * A key for a new person: its ref, to name in the event sealed with it. The key is already on
   * disk. Throws when the store cannot write (and has no key made ahead left).
   */
  take(): string {
    if (this.ahead.length === 0) this.makeAhead();
    return this.ahead.pop()!;
  }

  /** A key taken for an event that was not recorded after all: the next person gets it. */
  giveBack(ref: string): void {
    this.ahead.push(ref);
  }

  /** Makes keys ahead while few are left (call it off a request's path). */
  topUp(): void {
    if (this.ahead.length < KEYS_AHEAD / 4) this.makeAhead();
  }

  /** KEYS_AHEAD new keys, durably (one transaction, fsynced). */
  private makeAhead(): void {
    const at = new Date().toISOString();
    const fresh = Array.from({ length: KEYS_AHEAD }, () => ({ ref: `k_${randomBytes(12).toString('base64url')}`, key: randomBytes(32) }));
    this.db.transaction(() => {
      for (const { ref, key } of fresh) this.insertStmt.run(ref, key, at);
    })();
    for (const { ref, key } of fresh) {
      this.ahead.push(ref);
      this.keepAtHand(ref, key);
    }
  }

  /**
   * Deletes keys: what was sealed with them can never be read again. Their refs are noted as
   * erased, held here or not (a key backup may hold one this store lost), for the key backups
   * (scrubKeyBackup). Returns how many were held.
   */
  erase(refs: Iterable<string>): number {
    let deleted = 0;
    const at = new Date().toISOString();
    this.db.transaction(() => {
      for (const ref of new Set(refs)) {
        this.atHand.delete(ref);
        deleted += this.deleteStmt.run(ref).changes;
        this.erasedStmt.run(ref, at);
      }
    })();
    // Nothing of the deleted keys may stay in the write-ahead log either.
    if (deleted > 0) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return deleted;
  }

  /** Keeps only the given refs' keys (after a migration: orphans of an interrupted run, and those made ahead). */
  retainOnly(refs: ReadonlySet<string>): number {
    this.ahead.length = 0;
    const all = this.db.prepare<[], { ref: string }>('SELECT ref FROM person_keys').all();
    return this.erase(all.map((row) => row.ref).filter((ref) => !refs.has(ref)));
  }

  /** The refs of every key deleted so far (the key backups lose these). */
  erasedRefs(): Set<string> {
    return new Set(
      this.db
        .prepare<[], { ref: string }>('SELECT ref FROM erased_refs')
        .all()
        .map((row) => row.ref),
    );
  }

  close(): void {
    this.db.close();
  }
}

/**
 * Deletes from a backup of the key store, in place, the keys of `erased` (people erased since it
 * was taken), notes them as erased in it too (the next scrub has nothing to do), and compacts
 * the file so that no copy of them is left in it: restoring that backup must not bring them
 * back. Any other key stays, whether or not the live store holds it (a backup restored before
 * this one names people the live log may not). Returns how many keys it deleted.
 */
export function scrubKeyBackup(file: string, erased: ReadonlySet<string>): number {
  const db = new Database(file);
  try {
    db.exec(SCHEMA);
    const noted = new Set(
      db
        .prepare<[], { ref: string }>('SELECT ref FROM erased_refs')
        .all()
        .map((row) => row.ref),
    );
    const news = [...erased].filter((ref) => !noted.has(ref));
    if (news.length === 0) return 0;
    db.pragma('secure_delete = ON');
    const remove = db.prepare<[string]>('DELETE FROM person_keys WHERE ref = ?');
    const note = db.prepare<[string, string]>('INSERT OR IGNORE INTO erased_refs (ref, erased_at) VALUES (?, ?)');
    const at = new Date().toISOString();
    let deleted = 0;
    db.transaction(() => {
      for (const ref of news) {
        deleted += remove.run(ref).changes;
        note.run(ref, at);
      }
    })();
    if (deleted > 0) db.exec('VACUUM');
    return deleted;
  } finally {
    db.close();
  }
}
