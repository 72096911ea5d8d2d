/**
 * The audit log: the event log read back for people, filtered by what (type), who (the device
 * that sent it) and when (receive time), paged by seq, each event marked when it was voided —
 * with who voided it, when and why. Reads the events table directly (read-only queries); which
 * event voided which comes from the projection (`applied[id].voidedBy`), the same place the
 * totals come from.
 *
 * Query (GET /api/audit and GET /api/audit.csv):
 * - `type`: one event type, a family (`donor.*`), or several separated by commas;
 * - `actor`: a device's token id, its label, or a role (exact match; `system` is the start-up
 *   loader of the default event);
 * - `from`, `to`: an ISO 8601 instant (with `Z` or an offset), or a date YYYY-MM-DD meaning that
 *   day in the event's time zone (`from` its start, `to` its end); both inclusive;
 * - `order`: `asc` (oldest first, the default) or `desc` (newest first);
 * - `after` (asc) / `before` (desc): the seq to continue from — the previous answer's `next`;
 * - `limit`: 1-1000, default 100 (not for the CSV, which has every matching event).
 */
import { z } from 'zod';
import { EVENT_TYPES, eventForViewer, type Actor, type EventType, type OccurredAtFlag, type ProjectionState } from '../../shared/index.ts';
import { isCalendarDate, isRealInstant, zonedToEpoch } from '../../shared/time.ts';
import { timezoneOf } from '../../shared/projection.ts';
import type { Db } from '../store/database.ts';
import type { KeyLookup } from '../privacy/sealing.ts';
import { fromRow, type EventRow } from '../store/eventStore.ts';

const FAMILIES = [...new Set(EVENT_TYPES.map((type) => type.split('.')[0]!))];

const TypeFilter = z
  .string()
  .max(600)
  .transform((raw, ctx) => {
    const parts = raw
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    if (parts.length === 0 || parts.length > EVENT_TYPES.length) {
      ctx.addIssue({ code: 'custom', message: 'type must name one or more event types' });
      return z.NEVER;
    }
    const types = new Set<EventType>();
    for (const part of parts) {
      const family = /^([a-z_]+)\.\*$/.exec(part)?.[1];
      if (family && FAMILIES.includes(family)) {
        for (const type of EVENT_TYPES) if (type.startsWith(`${family}.`)) types.add(type);
      } else if ((EVENT_TYPES as readonly string[]).includes(part)) {
        types.add(part as EventType);
      } else {
        ctx.addIssue({ code: 'custom', message: `type: unknown event type ${JSON.stringify(part.slice(0, 64))}` });
        return z.NEVER;
      }
    }
    return [...types];
  });

const Seq = (name: string) =>
  z
    .string()
    .regex(/^\d{1,15}$/, `${name} must be a whole number ≥ 0`)
    .transform(Number);
// A real calendar day or instant only: an impossible one (2026-13-45) threw in the time zone
// arithmetic (a 500) or rolled over silently (9999-99-99).
const When = (name: string) =>
  z.string().refine((v) => isCalendarDate(v) || isRealInstant(v), {
    message: `${name} must be a real date YYYY-MM-DD, or an ISO date-time with Z or an offset`,
  });

const filterFields = {
  type: TypeFilter.optional(),
  actor: z.string().trim().min(1).max(100).optional(),
  from: When('from').optional(),
  to: When('to').optional(),
};

export const AuditCsvQuery = z.strictObject(filterFields);
export const AuditQuery = z.strictObject({
  ...filterFields,
  order: z.enum(['asc', 'desc']).optional(),
  after: Seq('after').optional(),
  before: Seq('before').optional(),
  limit: Seq('limit')
    .refine((n) => n >= 1 && n <= 1000, 'limit must be between 1 and 1000')
    .optional(),
});
export type AuditFilter = z.infer<typeof AuditCsvQuery>;
export type AuditPageQuery = z.infer<typeof AuditQuery>;

export interface VoidInfo {
  /** The client id, seq and time of the `event.voided` event. */
  eventId: string;
  seq: number;
  at: string;
  actor: Actor | null;
  reason: string;
}

export interface AuditEntry {
  seq: number;
  id: string;
  type: EventType;
  payload: unknown;
  at: string;
  /** (v1.1) The time of action on the device, when it sent one (clamped; `occurredAtFlag` says why). */
  occurredAt?: string;
  occurredAtFlag?: OccurredAtFlag;
  actor: Actor | null;
  /** Set when a later `event.voided` undid this event. */
  voided: VoidInfo | null;
  /** (issue 15) Recorded while the event was in rehearsal (tập dượt): kept, never counted. */
  rehearsal?: true;
}

/** Whether an event was recorded during a rehearsal (between the switch to rehearsal and the one back to live). */
export function inRehearsal(state: ProjectionState, seq: number): boolean {
  return state.rehearsals.some((period) => seq > period.fromSeq && (period.toSeq === null || seq < period.toSeq));
}

export interface AuditPage {
  events: AuditEntry[];
  /** How many events match the filters (all pages). */
  total: number;
  /** The cursor for the next page (`after` for asc, `before` for desc), or null at the end. */
  next: number | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** An instant as stored (toISOString); a date is that day's start (`from`) or last millisecond (`to`) in the zone. */
function boundary(value: string, edge: 'from' | 'to', timeZone: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = zonedToEpoch(value, '00:00', timeZone);
    return new Date(edge === 'from' ? start : zonedToEpoch(new Date(Date.parse(`${value}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10), '00:00', timeZone) - 1).toISOString();
  }
  return new Date(Date.parse(value)).toISOString();
}

export class AuditLog {
  private readonly byId;

  constructor(
    private readonly db: Db,
    private readonly keys: KeyLookup,
  ) {
    this.byId = db.prepare<[string], EventRow>('SELECT * FROM events WHERE id = ?');
  }

  private where(filter: AuditFilter, state: ProjectionState): { sql: string; params: (string | number)[] } {
    const clauses: string[] = [];
    const params: (string | number)[] = [];
    if (filter.type) {
      clauses.push(`type IN (${filter.type.map(() => '?').join(', ')})`);
      params.push(...filter.type);
    }
    if (filter.actor) {
      if (filter.actor === 'system') {
        clauses.push(`(actor IS NULL OR json_extract(actor, '$.tokenId') = ?)`);
        params.push('system');
      } else {
        clauses.push(`(json_extract(actor, '$.tokenId') = ? OR json_extract(actor, '$.label') = ? OR json_extract(actor, '$.role') = ?)`);
        params.push(filter.actor, filter.actor, filter.actor);
      }
    }
    const tz = timezoneOf(state);
    if (filter.from) {
      clauses.push('received_at >= ?');
      params.push(boundary(filter.from, 'from', tz));
    }
    if (filter.to) {
      clauses.push('received_at <= ?');
      params.push(boundary(filter.to, 'to', tz));
    }
    return { sql: clauses.length ? clauses.join(' AND ') : '1', params };
  }

  private entry(row: EventRow, state: ProjectionState): AuditEntry {
    const voidedBy = state.applied.get(row.id)?.voidedBy;
    let voided: VoidInfo | null = null;
    const voidRow = voidedBy ? this.byId.get(voidedBy) : undefined;
    if (voidRow) {
      const undo = fromRow(voidRow, this.keys);
      const reason = (undo.payload as { reason?: string }).reason ?? '';
      voided = { eventId: undo.id, seq: undo.seq, at: undo.at, actor: undo.actor ?? null, reason };
    }
    // As admin receives it: personal data where it is still kept, never a CCCD's hash.
    const { seq, id, type, payload, at, actor, occurredAt, occurredAtFlag } = eventForViewer(fromRow(row, this.keys), { visibility: 'full' }, { counted: null });
    const entry: AuditEntry = { seq, id, type: type as EventType, payload, at, actor: actor ?? null, voided };
    if (occurredAt !== undefined) entry.occurredAt = occurredAt;
    if (occurredAtFlag !== undefined) entry.occurredAtFlag = occurredAtFlag;
    if (inRehearsal(state, seq)) entry.rehearsal = true;
    return entry;
  }

  page(query: AuditPageQuery, state: ProjectionState): AuditPage {
    const { sql, params } = this.where(query, state);
    const total = this.db.prepare<(string | number)[], { n: number }>(`SELECT COUNT(*) AS n FROM events WHERE ${sql}`).get(...params)?.n ?? 0;
    const desc = query.order === 'desc';
    const limit = query.limit ?? 100;
    const cursor = desc ? (query.before !== undefined ? 'AND seq < ?' : '') : query.after !== undefined ? 'AND seq > ?' : '';
    const cursorParams = desc ? (query.before !== undefined ? [query.before] : []) : query.after !== undefined ? [query.after] : [];
    const rows = this.db.prepare<(string | number)[], EventRow>(`SELECT * FROM events WHERE ${sql} ${cursor} ORDER BY seq ${desc ? 'DESC' : 'ASC'} LIMIT ?`).all(...params, ...cursorParams, limit + 1);
    const more = rows.length > limit;
    const events = rows.slice(0, limit).map((row) => this.entry(row, state));
    return { events, total, next: more ? events[events.length - 1]!.seq : null };
  }

  /**
   * Every matching event in seq order, in chunks (the CSV export): each chunk is one finished
   * query, so the caller may yield to the event loop (and writes) between chunks.
   */
  *chunks(filter: AuditFilter, state: ProjectionState, size = 2000): Generator<AuditEntry[]> {
    const { sql, params } = this.where(filter, state);
    const statement = this.db.prepare<(string | number)[], EventRow>(`SELECT * FROM events WHERE ${sql} AND seq > ? ORDER BY seq LIMIT ?`);
    let after = 0;
    for (;;) {
      const rows = statement.all(...params, after, size);
      if (rows.length === 0) return;
      after = rows[rows.length - 1]!.seq;
      yield rows.map((row) => this.entry(row, state));
      if (rows.length < size) return;
    }
  }
}
