/**
 * The log's identity (API.md "Live", `logId`): one id per history. A client that resumes with
 * `after` sends the `logId` of the state it holds; when it is not the server's, the client gets
 * a snapshot instead of events replayed on top of another history's state.
 *
 * The id is kept in the log's own `meta` table, so a copy or a backup of the log carries it.
 * A backup restored carries the same id without the same history past the backup, so the
 * server checks at start-up: `log-head.json` in DATA_DIR (outside the database, untouched by a
 * restore) remembers the last seq it saw and the id of the event there. When the log no
 * longer holds that event at that seq, its history was rewound or replaced: it gets a new id.
 * A log rewritten by a migration gets a new id too.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './database.ts';

export const LOG_HEAD_FILE = 'log-head.json';

interface Head {
  logId: string;
  seq: number;
  eventId: string | null;
}

export function newLogId(): string {
  return `log_${crypto.randomBytes(9).toString('base64url')}`;
}

export function readLogId(db: Db): string | undefined {
  return db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'logId'").get()?.value;
}

export function writeLogId(db: Db, logId: string = newLogId()): string {
  db.prepare("INSERT INTO meta (key, value) VALUES ('logId', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(logId);
  return logId;
}

export class LogIdentity {
  private written: Head | null = null;
  /** Why the id changed at start-up, if it did. */
  readonly renewed: 'new' | 'rewound' | null;
  logId: string;

  constructor(
    db: Db,
    dataDir: string,
    private readonly idAt: (seq: number) => string | undefined,
  ) {
    this.file = path.join(dataDir, LOG_HEAD_FILE);
    const stored = readLogId(db);
    const head = this.readHead();
    if (!stored) {
      this.logId = writeLogId(db);
      this.renewed = 'new';
    } else if (head && head.logId === stored && head.eventId !== null && idAt(head.seq) !== head.eventId) {
      this.logId = writeLogId(db);
      this.renewed = 'rewound';
    } else {
      this.logId = stored;
      this.renewed = null;
    }
  }

  private readonly file: string;

  private readHead(): Head | null {
    try {
      const head = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Head;
      return typeof head.logId === 'string' && Number.isInteger(head.seq) ? head : null;
    } catch {
      return null;
    }
  }

  /** Remembers the log's head (the last seq and its event), outside the database. */
  noteHead(seq: number): void {
    const head: Head = { logId: this.logId, seq, eventId: seq > 0 ? (this.idAt(seq) ?? null) : null };
    if (this.written && this.written.seq === head.seq && this.written.logId === head.logId) return;
    const temporary = `${this.file}.partial`;
    fs.writeFileSync(temporary, JSON.stringify(head), { mode: 0o600 });
    fs.renameSync(temporary, this.file);
    this.written = head;
  }
}
