/**
 * The append-only event log in SQLite: append, look up by client id, read in seq order.
 * Statements are prepared once. The caller decides transaction boundaries (see service.ts).
 */
import type { Actor, EventType, NewEvent, RecordedEvent } from '../../shared/index.ts';
import type { Db } from './database.ts';

/** A row of the events table, as SELECT * gives it. */
export interface EventRow {
  seq: number;
  id: string;
  type: string;
  payload: string;
  actor: string | null;
  received_at: string;
}

/** A stored row as the event it records. */
export function fromRow(row: EventRow): RecordedEvent {
  return {
    seq: row.seq,
    id: row.id,
    type: row.type as EventType,
    payload: JSON.parse(row.payload),
    at: row.received_at,
    ...(row.actor ? { actor: JSON.parse(row.actor) as Actor } : {}),
  } as RecordedEvent;
}

export class EventStore {
  private readonly insertStmt;
  private readonly seqByIdStmt;
  private readonly idAtStmt;
  private readonly afterStmt;
  private readonly lastSeqStmt;
  private readonly countStmt;

  constructor(readonly db: Db) {
    this.insertStmt = db.prepare<[string, string, string, string | null, string]>(
      'INSERT INTO events (id, type, payload, actor, received_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.seqByIdStmt = db.prepare<[string], { seq: number }>('SELECT seq FROM events WHERE id = ?');
    this.idAtStmt = db.prepare<[number], { id: string }>('SELECT id FROM events WHERE seq = ?');
    this.afterStmt = db.prepare<[number, number], EventRow>('SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
    this.lastSeqStmt = db.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM events');
    this.countStmt = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM events');
  }

  /** Appends one event and returns it as recorded. Call inside a transaction for a group. */
  append(event: NewEvent, actor: Actor, at: string): RecordedEvent {
    const info = this.insertStmt.run(event.id, event.type, JSON.stringify(event.payload), JSON.stringify(actor), at);
    return { ...event, seq: Number(info.lastInsertRowid), at, actor } as RecordedEvent;
  }

  seqOf(id: string): number | undefined {
    return this.seqByIdStmt.get(id)?.seq;
  }

  /** The id of the event at `seq` (snapshots check they belong to this log with it). */
  idAt(seq: number): string | undefined {
    return this.idAtStmt.get(seq)?.id;
  }

  /** Events with seq > after, in seq order, at most `limit`. */
  after(after: number, limit: number): RecordedEvent[] {
    return this.afterStmt.all(after, limit).map(fromRow);
  }

  /** Every event after `after` in seq order, streamed (start-up replay). */
  *all(after = 0): Generator<RecordedEvent> {
    for (const row of this.db.prepare<[number], EventRow>('SELECT * FROM events WHERE seq > ? ORDER BY seq').iterate(after)) yield fromRow(row);
  }

  /**
   * Proves the store can write: a committed transaction that allocates a page and frees it
   * again, so a full disk, a read-only file or a held lock all make it throw.
   */
  probeWrite(): void {
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO store_probe (at, pad) VALUES (?, zeroblob(8192))').run(new Date().toISOString());
      this.db.prepare('DELETE FROM store_probe').run();
    }).immediate();
  }

  lastSeq(): number {
    return this.lastSeqStmt.get()?.seq ?? 0;
  }

  count(): number {
    return this.countStmt.get()?.n ?? 0;
  }
}
