/**
 * The device outbox: every event a writing device makes (desk, console, MC) goes into
 * IndexedDB first, then is sent through POST /api/events/batch. It survives a tab reload or a
 * browser crash, keeps the device working while the server is unreachable, and never doubles
 * an event: each carries its own id, so a batch sent twice is recorded once.
 *
 * After each answer:
 * - `{ seq }` or `{ seq, duplicate }`: recorded; removed from the outbox;
 * - a refusal the device must see (400/403/409: e.g. already donated today): moved to the
 *   `rejected` list with the server's code and message; sending it again would not help;
 * - the store cannot write, rate limited, server gone, network down: kept, retried with
 *   backoff (1 s doubling to 30 s), and at once when the connection comes back.
 *
 * The counts feed client/stores/outboxStore.ts ("N đang chờ gửi").
 */
import { withoutFullNationalId } from '../../shared/door.ts';
import type { EventType } from '../../shared/events.ts';
import type { WriteResult } from '../../shared/protocol.ts';
import { outboxActions } from '../stores/outboxStore.ts';

export interface OutboxEntry {
  id: string;
  type: EventType;
  payload: unknown;
  /** When the device made it (epoch ms). */
  createdAt: number;
  attempts: number;
}

export interface RejectedEntry extends OutboxEntry {
  code: string;
  message: string;
  details?: Record<string, unknown>;
  rejectedAt: number;
}

/** What became of one submitted event, when known before the caller's wait ran out. */
export type SubmitOutcome =
  | { status: 'recorded'; seq: number; duplicate: boolean }
  | { status: 'rejected'; code: string; message: string; details?: Record<string, unknown> }
  | { status: 'queued' };

/** One outbox per page: each page sends with its own token (a desk's events never go out with the MC's). */
const dbName = (page: string) => `ntth-outbox-${page}`;
const PENDING = 'pending';
const REJECTED = 'rejected';
const BATCH_LIMIT = 500;
const MAX_BACKOFF_MS = 30_000;
/** Server answers that mean "try again later" rather than "this event is wrong". */
const RETRYABLE_CODES = new Set(['store_unavailable', 'shutting_down', 'rate_limited', 'internal']);

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function openDb(page: string): Promise<IDBDatabase> {
  const open = indexedDB.open(dbName(page), 1);
  open.onupgradeneeded = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains(PENDING)) db.createObjectStore(PENDING, { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
    if (!db.objectStoreNames.contains(REJECTED)) db.createObjectStore(REJECTED, { keyPath: 'id' });
  };
  return request(open);
}

/** A unique event id made on the device: time, device random part and a counter (8-64 chars). */
export function newEventId(prefix = 'ev'): string {
  const random = crypto.getRandomValues(new Uint32Array(2));
  counter = (counter + 1) % 1_000_000;
  return `${prefix}-${Date.now().toString(36)}-${random[0]!.toString(36)}${random[1]!.toString(36)}-${counter.toString(36)}`;
}
let counter = 0;

export class Outbox {
  private db: Promise<IDBDatabase> | null = null;
  private flushing: Promise<void> | null = null;
  private again = false;
  private backoffMs = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly waiters = new Map<string, (outcome: SubmitOutcome) => void>();

  constructor(
    private readonly token: string,
    private readonly page: string,
    private readonly baseUrl = '',
  ) {}

  private database(): Promise<IDBDatabase> {
    this.db ??= openDb(this.page);
    return this.db;
  }

  /** Loads what a previous page load left, and starts sending it. */
  async start(): Promise<void> {
    await this.publish();
    window.addEventListener('online', () => this.flushSoon(true));
    void this.flush();
  }

  /**
   * Stores the event, then tries to send it. Resolves with its fate when the server answers
   * within `waitMs`, else `queued` (it stays in the outbox and goes when it can).
   */
  async submit(type: EventType, payload: unknown, options: { id?: string; waitMs?: number } = {}): Promise<SubmitOutcome> {
    const entry: OutboxEntry = { id: options.id ?? newEventId(), type, payload, createdAt: Date.now(), attempts: 0 };
    const db = await this.database();
    await request(db.transaction(PENDING, 'readwrite').objectStore(PENDING).put(entry));
    await this.publish();
    const outcome = new Promise<SubmitOutcome>((resolve) => this.waiters.set(entry.id, resolve));
    this.flushSoon(true);
    const timeout = new Promise<SubmitOutcome>((resolve) => setTimeout(() => resolve({ status: 'queued' }), options.waitMs ?? 4000));
    const result = await Promise.race([outcome, timeout]);
    if (result.status === 'queued') this.waiters.delete(entry.id);
    return result;
  }

  async pending(): Promise<OutboxEntry[]> {
    const db = await this.database();
    return request(db.transaction(PENDING).objectStore(PENDING).index('createdAt').getAll() as IDBRequest<OutboxEntry[]>);
  }

  async rejected(): Promise<RejectedEntry[]> {
    const db = await this.database();
    const all = await request(db.transaction(REJECTED).objectStore(REJECTED).getAll() as IDBRequest<RejectedEntry[]>);
    return all.sort((a, b) => b.rejectedAt - a.rejectedAt);
  }

  /** The person at the desk has seen a refusal: forget it. */
  async dismiss(id: string): Promise<void> {
    const db = await this.database();
    await request(db.transaction(REJECTED, 'readwrite').objectStore(REJECTED).delete(id));
    await this.publish();
  }

  /** Sends now (e.g. the socket just reconnected), cancelling any backoff wait. */
  flushSoon(resetBackoff = false): void {
    if (resetBackoff) this.backoffMs = 0;
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    void this.flush();
  }

  /** One flush at a time; a request for another while one runs makes it go round again. */
  flush(): Promise<void> {
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    this.flushing = (async () => {
      try {
        do {
          this.again = false;
          await this.withLock(() => this.sendAll());
        } while (this.again);
      } finally {
        this.flushing = null;
      }
    })();
    return this.flushing;
  }

  /** Tabs of the same device take turns (Web Locks); the ids make overlap harmless anyway. */
  private async withLock(work: () => Promise<void>): Promise<void> {
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    if (locks) await locks.request(`ntth-outbox-flush-${this.page}`, work);
    else await work();
  }

  private async sendAll(): Promise<void> {
    for (;;) {
      const batch = (await this.pending()).slice(0, BATCH_LIMIT);
      if (batch.length === 0) {
        this.backoffMs = 0;
        outboxActions.sent(Date.now());
        return;
      }
      outboxActions.sending(true);
      let results: WriteResult[];
      try {
        const response = await fetch(`${this.baseUrl}/api/events/batch`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
          body: JSON.stringify({ events: batch.map(({ id, type, payload }) => ({ id, type, payload })) }),
        });
        if (response.status === 401 || response.status === 403) {
          outboxActions.failed(response.status === 401 ? 'Mã thiết bị bị từ chối (token refused)' : 'Thiết bị không được phép gửi (not allowed)');
          return this.retryLater();
        }
        if (!response.ok) {
          outboxActions.failed(`Máy chủ trả lời ${response.status} (server answered ${response.status})`);
          return this.retryLater();
        }
        results = ((await response.json()) as { results: WriteResult[] }).results;
      } catch {
        outboxActions.failed('Không kết nối được máy chủ (server unreachable)');
        return this.retryLater();
      } finally {
        outboxActions.sending(false);
      }
      const progressed = await this.settle(batch, results);
      if (!progressed) return this.retryLater();
    }
  }

  /** Applies one batch answer; false when nothing could be settled (all retryable). */
  private async settle(batch: OutboxEntry[], results: WriteResult[]): Promise<boolean> {
    const db = await this.database();
    const tx = db.transaction([PENDING, REJECTED], 'readwrite');
    const pending = tx.objectStore(PENDING);
    const rejected = tx.objectStore(REJECTED);
    const outcomes: [string, SubmitOutcome][] = [];
    let settled = 0;
    batch.forEach((entry, i) => {
      const result = results[i];
      if (!result) return;
      if ('seq' in result) {
        pending.delete(entry.id);
        outcomes.push([entry.id, { status: 'recorded', seq: result.seq, duplicate: result.duplicate === true }]);
        settled += 1;
      } else if (RETRYABLE_CODES.has(result.error.code)) {
        pending.put({ ...entry, attempts: entry.attempts + 1 });
      } else {
        pending.delete(entry.id);
        const { code, message, details } = result.error;
        // Kept to show the refusal: never with a full CCCD (its last 4 digits are enough to tell whose).
        const kept = { ...entry, payload: entry.payload && typeof entry.payload === 'object' ? withoutFullNationalId(entry.payload) : entry.payload };
        rejected.put({ ...kept, code, message, ...(details ? { details } : {}), rejectedAt: Date.now() } satisfies RejectedEntry);
        outcomes.push([entry.id, { status: 'rejected', code, message, ...(details ? { details } : {}) }]);
        settled += 1;
      }
    });
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    for (const [id, outcome] of outcomes) {
      this.waiters.get(id)?.(outcome);
      this.waiters.delete(id);
    }
    await this.publish();
    return settled > 0;
  }

  private retryLater(): void {
    this.backoffMs = Math.min(MAX_BACKOFF_MS, this.backoffMs ? this.backoffMs * 2 : 1000);
    this.retryTimer ??= setTimeout(() => {
      this.retryTimer = null;
      void this.flush();
    }, this.backoffMs);
  }

  private async publish(): Promise<void> {
    const [pending, rejected] = await Promise.all([this.pending(), this.rejected()]);
    outboxActions.counts(pending.length, rejected);
  }
}

let deviceOutbox: Outbox | null = null;

/** The page's outbox (one per page load), made by mountLivePage for writing pages. */
export function initDeviceOutbox(token: string, page: string): Outbox {
  deviceOutbox ??= new Outbox(token, page);
  return deviceOutbox;
}

/** The outbox views write through; null on read-only pages or before enrolment. */
export function getDeviceOutbox(): Outbox | null {
  return deviceOutbox;
}
