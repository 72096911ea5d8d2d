/**
 * Online backups of the SQLite databases: consistent copies (each an image of the database in
 * one read transaction, written a part at a time: copyDatabase) taken while the server runs, on
 * a schedule (BACKUP_INTERVAL_MINUTES, default 15; 0 turns it off) and on demand
 * (POST /api/backups, admin), into DATA_DIR/backups, keeping the newest BACKUP_KEEP (default
 * 48). Restoring is copying one back while the server is stopped (README).
 *
 * Each backup is a pair: `events-<time>.sqlite`, the log (personal data sealed in it), and
 * `keys-<time>.sqlite`, the key store as it was then. When a person is erased, their key is
 * deleted from every key backup too (`scrubKeys`), so restoring any backup keeps them erased.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SEALED_SINCE_FORMAT, logFormatOfFile, type Db } from '../store/database.ts';
import type { Logger } from '../log.ts';
import { scrubKeyBackup, type KeyStore } from '../privacy/keyStore.ts';
import { privateDir } from '../store/filePermissions.ts';
import { writeInParts } from '../store/writeInParts.ts';
import { runWorker } from '../workers/runWorker.ts';

export interface BackupInfo {
  file: string;
  /** The key store's backup taken with it. */
  keysFile: string | null;
  bytes: number;
  createdAt: string;
}

export interface BackupConfig {
  intervalMinutes: number;
  keep: number;
}

const BACKUP_NAME = /^events-\d{8}T\d{6}\d{3}Z(-\d+)?\.sqlite$/;
const KEYS_BACKUP_NAME = /^keys-\d{8}T\d{6}\d{3}Z(-\d+)?\.sqlite$/;

/** Whether a backed-up log holds personal data in clear (the first versions' format). */
function isClearLog(file: string): boolean {
  const format = logFormatOfFile(file);
  return format !== null && format < SEALED_SINCE_FORMAT;
}

/** What the backup job copies: the log and the key store (their files), each to its copy. */
export interface BackupJob {
  events: string;
  eventsCopy: string;
  keys: string;
  keysCopy: string;
}

/**
 * Copies a live database (read-only, beside its writer) into a self-contained file only its
 * owner reads.
 *
 * The image is taken at once (sqlite3_serialize, in a read transaction of its own: the desks go
 * on writing meanwhile), then written a part at a time (writeInParts): SQLite's backup API wrote
 * it whole and fsynced it at the end, and step by step it would restart at every write of the
 * server.
 */
export async function copyDatabase(source: string, copy: string): Promise<void> {
  const db = new Database(source, { readonly: true, fileMustExist: true });
  let image: Buffer;
  try {
    image = db.serialize();
  } finally {
    db.close();
  }
  // A file on its own: its header says rollback journal (1), not write-ahead log (2), so no WAL
  // is looked for beside it when it is opened, restored or scrubbed (bytes 18–19: the file
  // format's write and read versions; the image holds every page the log's WAL had).
  image[18] = 1;
  image[19] = 1;
  // `copy` is a temporary name (take() renames it once the pair is whole); a write that fails leaves nothing.
  await writeInParts(copy, image);
}

/** keys-<time>.sqlite beside events-<time>.sqlite. */
export function keysBackupName(eventsBackup: string): string {
  return eventsBackup.replace(/^events-/, 'keys-');
}

export class BackupService {
  readonly dir: string;
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<BackupInfo> | null = null;

  constructor(
    private readonly db: Db,
    private readonly keys: KeyStore,
    dataDir: string,
    private readonly config: BackupConfig,
    private readonly log: Logger,
  ) {
    this.dir = path.join(dataDir, 'backups');
  }

  start(): void {
    if (this.config.intervalMinutes <= 0) return;
    this.timer = setInterval(() => {
      this.backup().catch((err) => this.log.error({ err }, 'scheduled backup failed'));
    }, this.config.intervalMinutes * 60_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Takes a consistent copy now (one at a time) and prunes old ones. */
  backup(): Promise<BackupInfo> {
    this.running ??= this.take().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Waits for a backup in progress, so the database can be closed safely. */
  async settle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  list(): BackupInfo[] {
    if (!fs.existsSync(this.dir)) return [];
    return fs
      .readdirSync(this.dir)
      .filter((name) => BACKUP_NAME.test(name))
      .sort()
      .reverse()
      .map((name) => {
        const stat = fs.statSync(path.join(this.dir, name));
        const keysFile = keysBackupName(name);
        return { file: name, keysFile: fs.existsSync(path.join(this.dir, keysFile)) ? keysFile : null, bytes: stat.size, createdAt: stat.mtime.toISOString() };
      });
  }

  /**
   * Deletes from every key backup the keys of the people erased since it was taken, waiting
   * first for a backup in progress, which may have copied them.
   */
  async scrubKeys(): Promise<number> {
    await this.settle();
    if (!fs.existsSync(this.dir)) return 0;
    const erased = this.keys.erasedRefs();
    let scrubbed = 0;
    for (const name of fs.readdirSync(this.dir)) {
      if (KEYS_BACKUP_NAME.test(name)) scrubbed += scrubKeyBackup(path.join(this.dir, name), erased);
    }
    return scrubbed;
  }

  /** Deletes copies a stop interrupted (`*.partial`): no backup, and keys a scrub would not see. */
  removePartials(): void {
    for (const name of this.names()) if (name.endsWith('.partial')) fs.rmSync(path.join(this.dir, name), { force: true });
  }

  /** Whether a backup of a log in clear (the first versions, before the migration) is here. */
  hasClearLogs(): boolean {
    return this.names().some((name) => BACKUP_NAME.test(name) && isClearLog(path.join(this.dir, name)));
  }

  /**
   * Deletes the backups of the log in clear, once a backup of the migrated log is taken: it
   * holds everything they did. Returns how many.
   */
  private deleteClearLogs(): number {
    let deleted = 0;
    for (const name of this.names()) {
      if (!BACKUP_NAME.test(name) || !isClearLog(path.join(this.dir, name))) continue;
      fs.rmSync(path.join(this.dir, name), { force: true });
      deleted += 1;
    }
    return deleted;
  }

  private names(): string[] {
    return fs.existsSync(this.dir) ? fs.readdirSync(this.dir) : [];
  }

  private async take(): Promise<BackupInfo> {
    privateDir(this.dir);
    const stamp = new Date().toISOString().replace(/[-:.]/g, '');
    let name = `events-${stamp}.sqlite`;
    for (let n = 1; fs.existsSync(path.join(this.dir, name)); n++) name = `events-${stamp}-${n}.sqlite`;
    const partial = path.join(this.dir, `${name}.partial`);
    const keysPartial = path.join(this.dir, `${keysBackupName(name)}.partial`);
    try {
      // Copied on a worker thread (workers/backup.ts), the log first, then the keys.
      await runWorker<null>('backup', { events: this.db.name, eventsCopy: partial, keys: this.keys.db.name, keysCopy: keysPartial } satisfies BackupJob);
      fs.renameSync(keysPartial, path.join(this.dir, keysBackupName(name)));
      fs.renameSync(partial, path.join(this.dir, name));
    } finally {
      // A copy that failed half-way is no backup (and may hold keys a scrub would not see).
      fs.rmSync(partial, { force: true });
      fs.rmSync(keysPartial, { force: true });
    }
    for (const old of this.list().slice(this.config.keep)) {
      fs.rmSync(path.join(this.dir, old.file), { force: true });
      fs.rmSync(path.join(this.dir, keysBackupName(old.file)), { force: true });
    }
    const info = this.list().find((b) => b.file === name)!;
    this.log.info({ file: name, bytes: info.bytes }, 'backup written');
    const clear = this.deleteClearLogs();
    if (clear > 0) this.log.info({ deleted: clear }, 'backups of the log in clear (first versions) deleted: this backup holds all they held');
    return info;
  }
}
