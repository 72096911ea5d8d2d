/**
 * The append-only event log in SQLite: append, look up by client id, read in seq order.
 * Statements are prepared once. The caller decides transaction boundaries (see service.ts).
 *
 * Each row keeps the event with its personal fields sealed (privacy/sealing.ts) and, for a
 * donor event, its counted form (`counted`): what the counting roles receive instead.
 */
import type { Actor, CountedPayload, EventType, OccurredAtFlag, RecordedEvent } from '../../shared/index.ts';
import { openPayload, sealedKeyRef, type KeyLookup } from '../privacy/sealing.ts';
import type { Db } from './database.ts';

/** A row of the events table, as SELECT * gives it. */
export interface EventRow {
  seq: number;
  id: string;
  type: string;
  payload: string;
  actor: string | null;
  received_at: string;
  counted: string | null;
  /** (format 3) The device's time of action, clamped (UTC ISO, ms); NULL when it sent none. */
  occurred_at: string | null;
  /** (format 3) Why occurred_at was clamped ('clock_ahead' | 'too_old'); NULL when it was not. */
  occurred_at_flag: string | null;
}

/** An event read back from the log, with its counted form (null: not a donor's event). */
export interface StoredEvent {
  event: RecordedEvent;
  counted: CountedPayload | null;
}

/** A stored row as the event it records, its personal fields opened when the person's key is kept. */
export function fromRow(row: Omit<EventRow, 'counted'>, keys: KeyLookup): RecordedEvent {
  const event = {
    seq: row.seq,
    id: row.id,
    type: row.type as EventType,
    payload: openPayload(row.payload, row.id, row.type, keys),
    at: row.received_at,
    ...(row.actor ? { actor: JSON.parse(row.actor) as Actor } : {}),
  } as RecordedEvent;
  // The time of action only when the device sent one (the wire stays as it was without).
  if (row.occurred_at !== null) {
    event.occurredAt = row.occurred_at;
    if (row.occurred_at_flag !== null) event.occurredAtFlag = row.occurred_at_flag as OccurredAtFlag;
  }
  return event;
}

function storedOf(row: EventRow, keys: KeyLookup): StoredEvent {
  return { event: fromRow(row, keys), counted: row.counted === null ? null : (JSON.parse(row.counted) as CountedPayload) };
}

/** What an id was recorded as (EventStore.recordedAs). */
export interface RecordedAs {
  seq: number;
  type: string;
  tokenId: string | null;
  /** As stored: personal fields sealed (privacy/sealing.ts). */
  payload: string;
}

export class EventStore {
  private readonly insertStmt;
  private readonly seqByIdStmt;
  private readonly payloadByIdStmt;
  private readonly idAtStmt;
  private readonly afterStmt;
  private readonly lastSeqStmt;
  private readonly countStmt;

  constructor(
    readonly db: Db,
    readonly keys: KeyLookup,
  ) {
    this.insertStmt = db.prepare<[number, string, string, string, string | null, string, string | null, string | null, string | null]>(
      'INSERT INTO events (seq, id, type, payload, actor, received_at, counted, occurred_at, occurred_at_flag) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.seqByIdStmt = db.prepare<[string], RecordedAs>("SELECT seq, type, json_extract(actor, '$.tokenId') AS tokenId, payload FROM events WHERE id = ?");
    this.payloadByIdStmt = db.prepare<[string], { payload: string }>('SELECT payload FROM events WHERE id = ?');
    this.idAtStmt = db.prepare<[number], { id: string }>('SELECT id FROM events WHERE seq = ?');
    this.afterStmt = db.prepare<[number, number], EventRow>('SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
    this.lastSeqStmt = db.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM events');
    this.countStmt = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM events');
  }

  /**
   * Appends one recorded event: its stored payload (sealed) and its counted form. Call inside a
   * transaction for a group.
   */
  append(event: RecordedEvent, storedPayload: string, counted: CountedPayload | null): void {
    this.insertStmt.run(
      event.seq,
      event.id,
      event.type,
      storedPayload,
      event.actor ? JSON.stringify(event.actor) : null,
      event.at,
      counted === null ? null : JSON.stringify(counted),
      event.occurredAt ?? null,
      event.occurredAtFlag ?? null,
    );
  }

  seqOf(id: string): number | undefined {
    return this.seqByIdStmt.get(id)?.seq;
  }

  /** What an id was recorded as: its seq, type, the token that wrote it and its stored payload (a retry must match them). */
  recordedAs(id: string): RecordedAs | undefined {
    return this.seqByIdStmt.get(id);
  }

  /** The ref of the key the event's personal fields are sealed with, if they are. */
  sealedKeyOf(id: string): string | undefined {
    const row = this.payloadByIdStmt.get(id);
    return row ? sealedKeyRef(row.payload) : undefined;
  }

  /** The id of the event at `seq` (snapshots check they belong to this log with it). */
  idAt(seq: number): string | undefined {
    return this.idAtStmt.get(seq)?.id;
  }

  /** Events with seq > after, in seq order, at most `limit`, each with its counted form. */
  after(after: number, limit: number): StoredEvent[] {
    return this.afterStmt.all(after, limit).map((row) => storedOf(row, this.keys));
  }

  /** Every event after `after` (up to `upTo`) in seq order, streamed (a replay: the counted forms are not read). */
  *all(after = 0, upTo = Number.MAX_SAFE_INTEGER): Generator<RecordedEvent> {
    const rows = this.db
      .prepare<[number, number], Omit<EventRow, 'counted'>>('SELECT seq, id, type, payload, actor, received_at, occurred_at, occurred_at_flag FROM events WHERE seq > ? AND seq <= ? ORDER BY seq')
      .iterate(after, upTo);
    for (const row of rows) yield fromRow(row, this.keys);
  }

  /**
   * Proves the store can write: a committed transaction that allocates a page and frees it
   * again, so a full disk, a read-only file or a held lock all make it throw.
   */
  probeWrite(): void {
    this.db
      .transaction(() => {
        this.db.prepare('INSERT INTO store_probe (at, pad) VALUES (?, zeroblob(8192))').run(new Date().toISOString());
        this.db.prepare('DELETE FROM store_probe').run();
      })
      .immediate();
  }

  lastSeq(): number {
    return this.lastSeqStmt.get()?.seq ?? 0;
  }

  count(): number {
    return this.countStmt.get()?.n ?? 0;
  }
}
