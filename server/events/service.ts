/**
 * The write path and the live state. Owns the projection (rebuilt from the log at start),
 * checks roles and domain rules, appends to the log and tells listeners about every event
 * recorded, in seq order.
 *
 * Personal data: a submitted event first goes through the door (shared/door.ts: a CCCD becomes
 * its keyed hash and last 4 digits). Each person registered takes a key of the key store (made
 * ahead, already on disk) and the registration names it; every event about the person is stored
 * with its personal fields sealed with that key (privacy/sealing.ts), and with its counted
 * form, the payload the counting roles receive.
 *
 * Group commit: submissions arriving in the same turn of the event loop are committed in one
 * SQLite transaction (one fsync), and none is answered before that commit returns. Each event
 * is checked against the state that includes the events before it in the group. If the commit
 * fails (disk full, read-only file, locked), nothing of the group is acknowledged and the
 * projection is rebuilt from the log, which is the truth. A long write (an import, an outbox
 * flushed) joins the groups a slice at a time (flush); a failure fails the rest of it too.
 */
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import {
  applyAndCount,
  applyInPlace,
  checkEvent,
  honoureesListedBy,
  initialState,
  agencyScopeOf,
  mayWrite,
  placeOccurredAt,
  OCCURRED_AT_WINDOW_MS,
  throughTheDoor,
  writersOf,
  type Actor,
  type CountedPayload,
  type MilestoneInfo,
  type NewEvent,
  type ProjectionState,
  type RecordedEvent,
  type RuleResult,
  type SubmittedEvent,
} from '../../shared/index.ts';
import type { TokenRecord } from '../auth/tokenStore.ts';
import type { KeyStore } from '../privacy/keyStore.ts';
import { isSamePayload, keyRefOf, sealPayload } from '../privacy/sealing.ts';
import type { EventStore } from '../store/eventStore.ts';
import type { SnapshotStore } from '../store/snapshotStore.ts';

/**
 * A snapshot is taken (at start-up, while running, at shutdown) once this many events are past
 * the last one, or this share of the log if more: encoding the state pauses the event loop in
 * proportion to its size (~0.9 s at a million events), so a large log is snapshotted less
 * often, and start-up replays at most that share of it (~0.4 s at a million).
 */
export const SNAPSHOT_EVERY = 10_000;
/** Past this many events to replay, every key is read at once rather than one query per person. */
const LONG_REPLAY = 2_000;
export const SNAPSHOT_TAIL_SHARE = 0.05;

export type WriteOutcome = { status: 201; seq: number } | { status: 200; seq: number; duplicate: true } | { status: 403 | 409 | 503; code: string; message: string; details?: Record<string, unknown> };

interface Pending {
  event: SubmittedEvent;
  principal: TokenRecord;
  resolve: (outcome: WriteOutcome) => void;
  /** The write (one submitMany) it belongs to: when a slice of a long write fails, the rest of that write does too. */
  write: object;
}

/** A write of more events than this (an import, an outbox flushed) is a long one: see flush(). */
const SHORT_WRITE = 8;
/** How long one group of a long write may hold the event loop before the rest waits for the next turn (ms). */
const FLUSH_SLICE_MS = 20;

/** An event as committed, with its counted form and the milestones it reached. */
export interface Recorded {
  event: RecordedEvent;
  counted: CountedPayload | null;
  milestones: MilestoneInfo[];
  /**
   * The keys of the people whose personal data the event erases: an erasure, retention, or a
   * void of a registration (entered by mistake: the data has no purpose left).
   */
  freedKeys: string[];
}

export interface EventServiceEvents {
  recorded: [recorded: Recorded[]];
}

export class EventService extends EventEmitter<EventServiceEvents> {
  private projection: ProjectionState;
  /** The seq the next recorded event gets. */
  private nextSeq: number;
  /** Short writes (a desk's tap, a wall's hand), all taken by the next group. */
  private queue: Pending[] = [];
  /** The events of long writes, in order, taken a slice at a time after the short ones. */
  private longQueue: Pending[] = [];
  private flushScheduled = false;
  private inFlight: Promise<void> = Promise.resolve();
  private closed = false;
  /** The last write failure, while the store cannot write; cleared by the next successful commit. */
  storeError: string | null = null;

  private lastSnapshotSeq = 0;
  /** The snapshot being written, if any: one at a time. */
  private snapshotting: Promise<void> | null = null;
  /** Stops the snapshot a worker is making from the log (closing does not wait for it). */
  private snapshotStop: AbortController | null = null;
  /** How the state was built at start: from which snapshot, how many events replayed after it, in how long. */
  readonly loaded: { snapshotSeq: number; replayed: number; ms: number };

  constructor(
    private readonly store: EventStore,
    private readonly keys: KeyStore,
    private readonly snapshots?: SnapshotStore,
    private readonly now: () => Date = () => new Date(),
    /** How old a device's time of action may be (placeOccurredAt). */
    private readonly occurredAtWindowMs = OCCURRED_AT_WINDOW_MS,
  ) {
    super();
    const started = performance.now();
    const { state, snapshotSeq, replayed } = this.rebuild();
    this.projection = state;
    this.nextSeq = store.lastSeq() + 1;
    this.loaded = { snapshotSeq, replayed, ms: Math.round(performance.now() - started) };
    this.lastSnapshotSeq = snapshotSeq;
  }

  get state(): ProjectionState {
    return this.projection;
  }

  /** The latest snapshot (if any) plus the events after it: the log is the truth. */
  private rebuild(): { state: ProjectionState; snapshotSeq: number; replayed: number } {
    const lastSeq = this.store.lastSeq();
    const state = this.snapshots?.latest(lastSeq) ?? initialState();
    const snapshotSeq = state.seq;
    let replayed = 0;
    const replay = () => {
      for (const event of this.store.all(state.seq)) {
        applyInPlace(state, event);
        replayed += 1;
      }
    };
    // A long tail opens many people's data: their keys are read in one go.
    if (lastSeq - snapshotSeq > LONG_REPLAY) this.keys.withEveryKey(replay);
    else replay();
    return { state, snapshotSeq, replayed };
  }

  /**
   * Starts a snapshot when enough events have gone by since the last one (and none is being
   * written). Called after each commit, and by the server once it is listening, so a long
   * replay at start-up is snapshotted without delaying it.
   */
  snapshotIfDue(force = false): void {
    const seq = this.projection.seq;
    if (!this.snapshots || this.snapshotting || seq === this.lastSnapshotSeq) return;
    if (!force && seq - this.lastSnapshotSeq < Math.max(SNAPSHOT_EVERY, Math.floor(seq * SNAPSHOT_TAIL_SHARE))) return;
    const previous = this.lastSnapshotSeq;
    this.lastSnapshotSeq = seq;
    // A snapshot is an optimisation: if it cannot be written, the log alone rebuilds the state.
    // It is made on a worker thread from the log up to this seq (encoding the state here would
    // stop the event loop for seconds at a million events); closing encodes the state at hand.
    const stop = force && this.closed ? null : new AbortController();
    this.snapshotStop = stop;
    const writing = (stop ? this.snapshots.saveFromLog(seq, stop.signal) : this.snapshots.save(this.projection))
      .catch(() => {
        // Stopped by closing: not made, so closing makes it.
        if (stop?.signal.aborted && this.lastSnapshotSeq === seq) this.lastSnapshotSeq = previous;
      })
      .finally(() => {
        if (this.snapshotting === writing) this.snapshotting = null;
      });
    this.snapshotting = writing;
  }

  /** Resolves once the snapshot being written, if any, is on disk (or failed). */
  snapshotSettled(): Promise<void> {
    return this.snapshotting ?? Promise.resolve();
  }

  /** Records one event (already schema-valid). Resolves once it is committed or refused. */
  submit(event: SubmittedEvent, principal: TokenRecord): Promise<WriteOutcome> {
    return this.submitMany([event], principal).then((outcomes) => outcomes[0]!);
  }

  /**
   * Records events in order, one outcome each, in order. A long write (more than SHORT_WRITE
   * events) is committed a slice at a time (see flush) unless `atomic`: then all its events
   * join one group commit (the ceremony's import, the default event), all or none on a failure.
   */
  submitMany(events: SubmittedEvent[], principal: TokenRecord, { atomic = false } = {}): Promise<WriteOutcome[]> {
    if (this.closed) {
      return Promise.resolve(events.map(() => ({ status: 503 as const, code: 'shutting_down', message: 'server is shutting down; retry shortly' })));
    }
    const queue = events.length > SHORT_WRITE && !atomic ? this.longQueue : this.queue;
    const write = {};
    const promises = events.map((event) => new Promise<WriteOutcome>((resolve) => queue.push({ event, principal, resolve, write })));
    this.scheduleFlush();
    return Promise.all(promises);
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.inFlight = new Promise<void>((done) =>
      setImmediate(() => {
        this.flushScheduled = false;
        this.flush();
        done();
      }),
    );
  }

  /**
   * Commits one group: every short write waiting, then the events of long writes for as long as
   * FLUSH_SLICE_MS allows; the rest of those follow in the next turns of the event loop, each
   * group its own transaction. A 5.000-row import or a 500-event outbox thus never holds the
   * loop for long, and a desk's check-in sent meanwhile waits for one slice, not for the import.
   * Every write is answered once its own events are committed.
   */
  private flush(): void {
    const group = this.queue;
    this.queue = [];
    if (group.length === 0 && this.longQueue.length === 0) return;
    const received = this.now();
    const at = received.toISOString();
    const receivedMs = received.getTime();
    const outcomes: WriteOutcome[] = [];
    const recorded: Recorded[] = [];
    const keysTaken: string[] = [];
    const started = performance.now();
    let taken = 0;
    try {
      this.store.db.transaction(() => {
        for (const pending of group) outcomes.push(this.writeOne(pending.event, pending.principal, at, receivedMs, recorded, keysTaken));
        while (taken < this.longQueue.length && (taken === 0 || performance.now() - started < FLUSH_SLICE_MS)) {
          const pending = this.longQueue[taken++]!;
          group.push(pending);
          outcomes.push(this.writeOne(pending.event, pending.principal, at, receivedMs, recorded, keysTaken));
        }
      })();
      this.storeError = null;
    } catch (err) {
      // The transaction rolled back: the projection may hold events that are not stored.
      this.storeError = (err as Error).message;
      this.projection = this.rebuild().state;
      this.nextSeq = this.store.lastSeq() + 1;
      // No registration of the group was recorded: the next people get their keys.
      for (const keyRef of keysTaken) this.keys.giveBack(keyRef);
      const unavailable: WriteOutcome = { status: 503, code: 'store_unavailable', message: `the event store cannot write (${this.storeError}); nothing was recorded, retry later` };
      this.longQueue.splice(0, taken);
      // The rest of a long write cut by the failure fails with it: its later events may need
      // the ones refused (a check-in after its registration). Other writes wait their turn.
      const cut = new Set(group.map((pending) => pending.write));
      const rest = this.longQueue.filter((pending) => cut.has(pending.write));
      this.longQueue = this.longQueue.filter((pending) => !cut.has(pending.write));
      for (const pending of [...group, ...rest]) pending.resolve(unavailable);
      if (this.longQueue.length > 0) this.scheduleFlush();
      return;
    }
    this.longQueue.splice(0, taken);
    group.forEach((pending, i) => pending.resolve(outcomes[i]!));
    if (recorded.length > 0) this.emit('recorded', recorded);
    this.snapshotIfDue();
    this.topUpKeys();
    if (this.longQueue.length > 0) this.scheduleFlush();
  }

  /** Makes keys ahead when few are left; a failure shows at the next registration that needs one. */
  private topUpKeys(): void {
    try {
      this.keys.topUp();
    } catch {
      // The store cannot write: the next registration that needs a key is answered 503.
    }
  }

  private writeOne(submitted: SubmittedEvent, principal: TokenRecord, at: string, receivedMs: number, recorded: Recorded[], keysTaken: string[]): WriteOutcome {
    if (!mayWrite(principal.role, submitted.type)) {
      return { status: 403, code: 'forbidden', message: `role ${principal.role} may not send ${submitted.type} (allowed: ${writersOf(submitted.type).join(', ')})` };
    }
    // (issue 18) An agency's liaison writes for its own agency only.
    if (principal.role === 'agency') {
      const scope = agencyScopeOf(submitted);
      // A registration's list must be its own agency's too (a row of another agency's list would count there).
      const importId = submitted.type === 'donor.registered' ? submitted.payload.importId : undefined;
      const listAgency = importId !== undefined ? this.projection.imports.get(importId)?.agencyId : undefined;
      if (scope !== principal.agencyId || (listAgency !== undefined && listAgency !== principal.agencyId)) {
        return { status: 403, code: 'forbidden', message: `this token is for agency ${JSON.stringify(principal.agencyId ?? '')} only: ${submitted.type} names another agency` };
      }
      // A liaison's list is real: in a rehearsal it would go to the rehearsal's world, and be gone when it ends.
      if (this.projection.rehearsal && submitted.type !== 'agency.headcount_set') {
        return { status: 409, code: 'rehearsal_in_progress', message: 'the festival is in rehearsal (tập dượt): send the list once the organisers are back to live (chính thức)' };
      }
    }
    // The door: from here on no full CCCD exists, only its keyed hash and last 4 digits.
    let event = throughTheDoor(submitted, (nationalId) => this.keys.hashNationalId(nationalId));
    const existing = this.store.recordedAs(submitted.id);
    if (existing !== undefined) {
      // Only a true retry (same type, same payload, same device) is a duplicate: another use of
      // the id is not saved, and must not be told it is (nor learn what the id was) (issue 16, 9).
      const isRetry = existing.type === submitted.type && existing.tokenId === principal.id && isSamePayload(existing.payload, submitted.id, submitted.type, event.payload, this.keys);
      if (!isRetry) {
        return { status: 409, code: 'id_conflict', message: 'this id was already used for another event: give this event a new id' };
      }
      return { status: 200, seq: existing.seq, duplicate: true };
    }
    // (v1.1) The device's time of action, beside the receive time: clamped and flagged when out
    // of bounds, never used as sent. The rules judge the event at it (a day-1 donation flushed
    // on day 2 follows its day-1 check-in). A retry of a recorded id never gets here: the first one's stays.
    const placed = submitted.occurredAt !== undefined ? placeOccurredAt(Date.parse(submitted.occurredAt), receivedMs, this.occurredAtWindowMs) : undefined;
    const verdict: RuleResult = checkEvent(this.projection, event, { role: principal.role, tokenId: principal.id, at: placed?.occurredAt ?? at });
    if (!verdict.ok) {
      // A liaison learns that a person is already registered, never under which record (it may be another agency's).
      const details = verdict.details && principal.role !== 'agency' ? { details: verdict.details } : {};
      return { status: 409, code: verdict.code, message: verdict.message, ...details };
    }
    if (
      event.type === 'donor.registered' ||
      (event.type === 'ceremony.honouree_set' && !this.projection.honourees.get(event.payload.honoureeId)?.keyRef) ||
      (event.type === 'ceremony.script_set' && !this.projection.ceremonyBatches.get(event.payload.batchId)?.scriptKeyRef)
    ) {
      // A new person's key, taken only now that the registration will be recorded: checked
      // against the state with the events before it in the group (a void of the same donor).
      let keyRef: string;
      try {
        keyRef = this.keys.take();
      } catch (err) {
        return { status: 503, code: 'store_unavailable', message: `the key store cannot write (${(err as Error).message}); this registration was not recorded, retry later` };
      }
      keysTaken.push(keyRef);
      event = { id: event.id, type: event.type, payload: { ...event.payload, keyRef } } as NewEvent;
    }
    const actor: Actor = { tokenId: principal.id, role: principal.role, label: principal.label };
    // Sealed with the key of the donor it is about (a void: the donor of the voided event).
    const sealed = sealPayload(event, keyRefOf(event, this.projection), this.keys);
    // Built field by field: a spread that then replaces `payload` is V8's slow path (µs per event).
    const stamped = { id: event.id, type: event.type, payload: sealed.payload, seq: this.nextSeq, at, actor } as RecordedEvent;
    if (placed) {
      stamped.occurredAt = placed.occurredAt;
      if (placed.flag) stamped.occurredAtFlag = placed.flag;
    }
    const freedKeys = this.keysFreedBy(event);
    const counted = applyAndCount(this.projection, stamped);
    this.store.append(stamped, sealed.stored, counted);
    this.nextSeq += 1;
    recorded.push({ event: stamped, counted, milestones: this.milestonesReachedBy(stamped.seq), freedKeys });
    return { status: 201, seq: stamped.seq };
  }

  /** The keys an event frees, as the state before it knows them (see Recorded.freedKeys). */
  private keysFreedBy(event: NewEvent): string[] {
    const state = this.projection;
    const keyOf = (donorId: string | undefined) => (donorId ? state.donors.get(donorId)?.keyRef : undefined);
    let freed: (string | undefined)[] = [];
    if (event.type === 'donor.erased') freed = [keyOf(event.payload.donorId)];
    else if (event.type === 'ceremony.honouree_erased') {
      const honouree = state.honourees.get(event.payload.honoureeId);
      freed = [honouree?.keyRef, honouree ? state.ceremonyBatches.get(honouree.batchId)?.scriptKeyRef : undefined];
    } else if (event.type === 'personal_data.expired') {
      const upTo = Date.parse(event.payload.registeredUpTo);
      for (const donor of state.donors.values()) if (donor.erasedSeq === undefined && Date.parse(donor.registeredAt) <= upTo) freed.push(donor.keyRef);
      for (const honouree of honoureesListedBy(state, upTo)) freed.push(honouree.keyRef, state.ceremonyBatches.get(honouree.batchId)?.scriptKeyRef);
    } else if (event.type === 'event.voided') {
      const target = state.applied.get(event.payload.eventId);
      if (target?.type === 'donor.registered') freed = [keyOf(target.ref)];
    }
    return [...new Set(freed.filter((ref): ref is string => ref !== undefined))];
  }

  /** Milestones the last event reached, or brought back after a void had withdrawn them. */
  private milestonesReachedBy(seq: number): MilestoneInfo[] {
    const reached: MilestoneInfo[] = [];
    for (const milestone of this.projection.milestones.values()) if (milestone.reachedSeq === seq && milestone.withdrawnAt === null) reached.push(milestone);
    return reached;
  }

  /**
   * After a failed write, checks whether the store can write again, so health recovers by
   * itself once the fault clears, without waiting for the next write.
   */
  probeStore(): void {
    if (!this.storeError) return;
    try {
      this.store.probeWrite();
      this.storeError = null;
    } catch (err) {
      this.storeError = (err as Error).message;
    }
  }

  /** Stops taking writes and waits for the group in flight to commit. */
  async close(): Promise<void> {
    this.closed = true;
    await this.inFlight;
    while (this.queue.length > 0 || this.longQueue.length > 0) this.flush();
    // A worker replaying a long log may take a while: the state at hand is snapshotted instead.
    this.snapshotStop?.abort();
    await this.snapshotting;
    this.snapshotIfDue(true);
    await this.snapshotting;
  }
}
