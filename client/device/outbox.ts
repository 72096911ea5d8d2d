/**
 * The device outbox: every event a writing page makes goes into IndexedDB first, then is sent
 * through POST /api/events/batch. It survives a tab reload or a browser crash, keeps the device
 * working while the server is unreachable, and never doubles an event: each carries its own id,
 * so a batch sent twice is recorded once.
 *
 * The entries live in memory (the device store) and IndexedDB is written as they change: one
 * write when an event is made, one transaction when its answer comes; it is read once, at start
 * (and again only when another tab of the same page changed it).
 *
 * After each answer:
 * - `{ seq }` or `{ seq, duplicate }`: recorded; removed from the outbox;
 * - a refusal the device must see (400/403/409: e.g. already donated today): moved to the
 *   refused list with the server's code and message (never with a full CCCD), kept until
 *   someone deals with it; sending it again would not help;
 * - the store cannot write, rate limited, server gone, network down: kept, retried with
 *   backoff (1 s doubling to 30 s), and at once when the connection comes back;
 * - the token refused (401), or its role may not write (403): the outbox stops and says so
 *   (`blocked`); the events stay, and go out with the new token once the device is enrolled
 *   again (a new page load).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { withoutFullNationalId } from '../../shared/door.ts';
import type { EventType } from '../../shared/events.ts';
import type { WriteResult } from '../../shared/protocol.ts';
import { deviceOutboxActions, useDeviceOutbox, type OutboxEntry, type RecordedEntry, type RefusedEntry } from './store.ts';

/** What became of one submitted event, when known before the caller's wait ran out. */
export type SubmitOutcome = { status: 'recorded'; seq: number; duplicate: boolean } | { status: 'rejected'; code: string; message: string; details?: Record<string, unknown> } | { status: 'queued' };

interface OutboxSchema extends DBSchema {
  pending: { key: string; value: OutboxEntry; indexes: { createdAt: number } };
  rejected: { key: string; value: RefusedEntry };
}

/** One outbox per page: each page sends with its own token (a desk's events never go out with the MC's). */
const dbName = (page: string) => `ntth-outbox-${page}`;
const BATCH_LIMIT = 500;
const MAX_BACKOFF_MS = 30_000;
/** Server answers that mean "try again later" rather than "this event is wrong". */
const RETRYABLE_CODES = new Set(['store_unavailable', 'shutting_down', 'rate_limited', 'internal']);

function openOutboxDb(page: string): Promise<IDBPDatabase<OutboxSchema>> {
  return openDB<OutboxSchema>(dbName(page), 1, {
    upgrade(db) {
      if (!db.objectStoreNames.contains('pending')) db.createObjectStore('pending', { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
      if (!db.objectStoreNames.contains('rejected')) db.createObjectStore('rejected', { keyPath: 'id' });
    },
  });
}

const byCreation = (a: OutboxEntry, b: OutboxEntry) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const newestRefusalFirst = (a: RefusedEntry, b: RefusedEntry) => b.rejectedAt - a.rejectedAt;

export class Outbox {
  private readonly db: Promise<IDBPDatabase<OutboxSchema>>;
  private readonly loaded: Promise<void>;
  private pending: OutboxEntry[] = [];
  private isLoaded = false;
  private refused: RefusedEntry[] = [];
  private flushing: Promise<void> | null = null;
  private again = false;
  private backoffMs = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly waiters = new Map<string, (outcome: SubmitOutcome) => void>();
  /** Tells the other tabs of this page that the outbox changed (they read it again). */
  private readonly channel: BroadcastChannel | null;

  constructor(
    private readonly token: string,
    private readonly page: string,
    private readonly baseUrl = '',
  ) {
    this.db = openOutboxDb(page);
    this.loaded = this.reload();
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`${dbName(page)}-changed`) : null;
    if (this.channel) this.channel.onmessage = () => void this.reload();
  }

  /** Reads the outbox from IndexedDB (at start, and when another tab changed it). */
  private async reload(): Promise<void> {
    const db = await this.db;
    const [pending, refused] = await Promise.all([db.getAllFromIndex('pending', 'createdAt'), db.getAll('rejected')]);
    this.pending = pending.sort(byCreation);
    this.refused = refused.sort(newestRefusalFirst);
    this.isLoaded = true;
    this.publish();
  }

  private publish(): void {
    deviceOutboxActions.entries(this.pending, this.refused);
  }

  private changed(): void {
    this.publish();
    this.channel?.postMessage('changed');
  }

  /** Loads what a previous page load left, and starts sending it. */
  async start(): Promise<void> {
    deviceOutboxActions.ready();
    window.addEventListener('online', () => this.flushSoon(true));
    await this.loaded;
    void this.flush();
  }

  /**
   * Stores the event, then tries to send it. Resolves with its fate when the server answers
   * within `waitMs`, else `queued` (it stays in the outbox and goes when it can).
   */
  async submit(type: EventType, payload: unknown, options: { id: string; occurredAt?: string; waitMs?: number }): Promise<SubmitOutcome> {
    if (!this.isLoaded) await this.loaded;
    const entry: OutboxEntry = { id: options.id, type, payload, createdAt: Date.now(), ...(options.occurredAt ? { occurredAt: options.occurredAt } : {}), attempts: 0 };
    // In memory and on screen at once (a tapped checkbox must not spring back while IndexedDB writes).
    const last = this.pending[this.pending.length - 1];
    this.pending = last && byCreation(last, entry) > 0 ? [...this.pending, entry].sort(byCreation) : [...this.pending, entry];
    this.publish();
    try {
      await (await this.db).put('pending', entry);
    } catch (error) {
      this.pending = this.pending.filter((kept) => kept.id !== entry.id);
      this.publish();
      throw error;
    }
    this.channel?.postMessage('changed');
    // A device whose token is refused keeps the event and says so: no need to wait for an answer.
    if (useDeviceOutbox.getState().blocked) return { status: 'queued' };
    const outcome = new Promise<SubmitOutcome>((resolve) => this.waiters.set(entry.id, resolve));
    this.flushSoon(true);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<SubmitOutcome>((resolve) => {
      timer = setTimeout(() => resolve({ status: 'queued' }), options.waitMs ?? 4000);
    });
    const result = await Promise.race([outcome, timeout]);
    clearTimeout(timer);
    if (result.status === 'queued') this.waiters.delete(entry.id);
    return result;
  }

  /**
   * Stores many events in one transaction (a list import): they wait in the outbox and go in
   * order with the next flush. Throws when the device cannot store them.
   */
  async submitMany(events: readonly { id: string; type: EventType; payload: unknown; occurredAt?: string }[]): Promise<void> {
    await this.loaded;
    const createdAt = Date.now();
    const entries = events.map(({ id, type, payload, occurredAt }): OutboxEntry => ({ id, type, payload, createdAt, ...(occurredAt ? { occurredAt } : {}), attempts: 0 }));
    const tx = (await this.db).transaction('pending', 'readwrite');
    for (const entry of entries) void tx.store.put(entry);
    await tx.done;
    // Same creation time: their order is the order given (a stable sort keeps it).
    this.pending = [...this.pending, ...entries].sort((a, b) => a.createdAt - b.createdAt);
    this.changed();
    this.flushSoon(true);
  }

  /** Someone dealt with a refusal: forget it. */
  async dismiss(id: string): Promise<void> {
    await this.loaded;
    await (await this.db).delete('rejected', id);
    this.refused = this.refused.filter((entry) => entry.id !== id);
    this.changed();
  }

  /** Sends now (e.g. the socket just reconnected), cancelling any backoff wait. */
  flushSoon(resetBackoff = false): void {
    if (useDeviceOutbox.getState().blocked) return;
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
    await this.loaded;
    for (;;) {
      if (useDeviceOutbox.getState().blocked) return;
      const batch = this.pending.slice(0, BATCH_LIMIT);
      if (batch.length === 0) {
        this.backoffMs = 0;
        deviceOutboxActions.sent(Date.now());
        return;
      }
      deviceOutboxActions.sending(true);
      let results: WriteResult[];
      try {
        const response = await fetch(`${this.baseUrl}/api/events/batch`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
          body: JSON.stringify({ events: batch.map(({ id, type, payload, occurredAt }) => ({ id, type, payload, ...(occurredAt ? { occurredAt } : {}) })) }),
        });
        if (response.status === 401 || response.status === 403) {
          // Sending again with this token would never work: stop, and keep every event.
          deviceOutboxActions.blocked(response.status === 401 ? 'token_refused' : 'forbidden');
          deviceOutboxActions.failed(response.status === 401 ? 'Mã thiết bị bị từ chối (token refused)' : 'Thiết bị không được phép gửi (not allowed)');
          for (const [id, resolve] of this.waiters) {
            resolve({ status: 'queued' });
            this.waiters.delete(id);
          }
          return;
        }
        if (!response.ok) {
          deviceOutboxActions.failed(`Máy chủ trả lời ${response.status} (server answered ${response.status})`);
          return this.retryLater();
        }
        results = ((await response.json()) as { results: WriteResult[] }).results;
      } catch {
        deviceOutboxActions.failed('Không kết nối được máy chủ (server unreachable)');
        return this.retryLater();
      } finally {
        deviceOutboxActions.sending(false);
      }
      const progressed = await this.settle(batch, results);
      if (!progressed) return this.retryLater();
    }
  }

  /** Applies one batch answer in one transaction; false when nothing could be settled (all retryable). */
  private async settle(batch: OutboxEntry[], results: WriteResult[]): Promise<boolean> {
    const tx = (await this.db).transaction(['pending', 'rejected'], 'readwrite');
    const pendingStore = tx.objectStore('pending');
    const refusedStore = tx.objectStore('rejected');
    const outcomes: [string, SubmitOutcome][] = [];
    const done = new Set<string>();
    const retried = new Map<string, OutboxEntry>();
    const refused: RefusedEntry[] = [];
    const recorded: RecordedEntry[] = [];
    batch.forEach((entry, i) => {
      const result = results[i];
      if (!result) return;
      if ('seq' in result) {
        void pendingStore.delete(entry.id);
        done.add(entry.id);
        recorded.push({ ...entry, seq: result.seq });
        outcomes.push([entry.id, { status: 'recorded', seq: result.seq, duplicate: result.duplicate === true }]);
      } else if (RETRYABLE_CODES.has(result.error.code)) {
        const again = { ...entry, attempts: entry.attempts + 1 };
        void pendingStore.put(again);
        retried.set(entry.id, again);
      } else {
        void pendingStore.delete(entry.id);
        done.add(entry.id);
        const { code, message, details } = result.error;
        // Kept to show the refusal: never with a full CCCD (its last 4 digits are enough to tell whose).
        const payload = entry.payload && typeof entry.payload === 'object' ? withoutFullNationalId(entry.payload as Record<string, unknown>) : entry.payload;
        const kept: RefusedEntry = { ...entry, payload, code, message, ...(details ? { details } : {}), rejectedAt: Date.now() };
        void refusedStore.put(kept);
        refused.push(kept);
        outcomes.push([entry.id, { status: 'rejected', code, message, ...(details ? { details } : {}) }]);
      }
    });
    await tx.done;
    this.pending = this.pending.filter((entry) => !done.has(entry.id)).map((entry) => retried.get(entry.id) ?? entry);
    if (refused.length) this.refused = [...refused, ...this.refused].sort(newestRefusalFirst);
    deviceOutboxActions.recorded(recorded);
    this.changed();
    for (const [id, outcome] of outcomes) {
      this.waiters.get(id)?.(outcome);
      this.waiters.delete(id);
    }
    return done.size > 0;
  }

  private retryLater(): void {
    this.backoffMs = Math.min(MAX_BACKOFF_MS, this.backoffMs ? this.backoffMs * 2 : 1000);
    this.retryTimer ??= setTimeout(() => {
      this.retryTimer = null;
      void this.flush();
    }, this.backoffMs);
  }
}
