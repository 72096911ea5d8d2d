/**
 * Erasure and retention of personal data (README, "Personal data").
 *
 * - **Erasure on request**: an admin erases one person (`donor.erased`, with a reason; an
 *   honouree of the ceremony, `ceremony.honouree_erased`). The
 *   projection forgets their data at once; then their key is deleted from the key store and
 *   from every key backup, and every snapshot made before is deleted. What was sealed with the
 *   key — in the log, in every backup of it — can never be read again, and every count stays.
 * - **Retention**: once the festival is `personalDataDays` days past, the personal data of
 *   everyone registered more than that long ago is erased the same way (`personal_data.expired`),
 *   checked at start-up and every hour.
 * - **A registration voided** (entered by mistake): the person's data has no purpose left, and
 *   their key goes the same way.
 *
 * Whoever writes the erasure (this service, or an admin through POST /api/events), the
 * shredding follows the recorded event; at start-up it is done again for anything a stop
 * interrupted.
 */
import crypto from 'node:crypto';
import { personalDataExpiresAt, retentionDue, type SubmittedEvent } from '../../shared/index.ts';
import type { TokenRecord } from '../auth/tokenStore.ts';
import { SYSTEM_PRINCIPAL } from '../auth/tokenStore.ts';
import type { BackupService } from '../backup/service.ts';
import type { EventService, WriteOutcome } from '../events/service.ts';
import type { Logger } from '../log.ts';
import type { EventStore } from '../store/eventStore.ts';
import type { SnapshotStore } from '../store/snapshotStore.ts';
import type { KeyStore } from './keyStore.ts';

const HOUR_MS = 60 * 60 * 1000;
/** How soon keys that could not be deleted (the key store could not write) are tried again. */
const RETRY_MS = 30_000;

export interface PrivacyDeps {
  service: EventService;
  keys: KeyStore;
  store: EventStore;
  snapshots: SnapshotStore;
  backups: BackupService;
  log: Logger;
  personalDataDays: number | null;
  now?: () => number;
}

export class PrivacyService {
  private timer: ReturnType<typeof setInterval> | null = null;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  /** The cleaning under way after an erasure (snapshots, key backups); the erasure is answered once it is done. */
  private shredding: Promise<void> = Promise.resolve();
  private readonly now: () => number;

  constructor(private readonly deps: PrivacyDeps) {
    this.now = deps.now ?? Date.now;
    deps.service.on('recorded', (recorded) => {
      const freed = recorded.flatMap((r) => r.freedKeys);
      if (freed.length > 0) this.shred(freed);
    });
  }

  get personalDataDays(): number | null {
    return this.deps.personalDataDays;
  }

  /** Finishes any shredding a stop interrupted, applies retention, and checks it every hour. */
  start(): void {
    this.shred(this.keysLeftOver());
    void this.applyRetention();
    this.timer = setInterval(() => void this.applyRetention(), HOUR_MS);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.retry) clearTimeout(this.retry);
    this.timer = null;
    this.retry = null;
  }

  /** Waits for the shredding under way (the answer to an erasure waits for it). */
  settled(): Promise<void> {
    return this.shredding;
  }

  /** Erases one person's personal data; the outcome of the `donor.erased` event. */
  async erase(donorId: string, reason: string, principal: TokenRecord): Promise<WriteOutcome> {
    const outcome = await this.deps.service.submit(this.systemEvent('donor.erased', { donorId, reason }), principal);
    await this.shredding;
    return outcome;
  }

  /** Erases the personal data of everyone registered up to `upTo` (an admin's "now", or retention). */
  async expire(upTo: string, reason: string, principal: TokenRecord = SYSTEM_PRINCIPAL): Promise<WriteOutcome> {
    const outcome = await this.deps.service.submit(this.systemEvent('personal_data.expired', { registeredUpTo: upTo, reason }), principal);
    await this.shredding;
    return outcome;
  }

  /** When the festival's donors' data is erased (ISO), or null. */
  expiresAt(): string | null {
    const at = personalDataExpiresAt(this.deps.service.state, this.deps.personalDataDays);
    return at === null ? null : new Date(at).toISOString();
  }

  private async applyRetention(): Promise<void> {
    const upTo = retentionDue(this.deps.service.state, this.deps.personalDataDays, this.now());
    if (!upTo) return;
    const days = this.deps.personalDataDays;
    const outcome = await this.expire(upTo, `Hết thời hạn lưu dữ liệu cá nhân (${days} ngày sau ngày hội, PERSONAL_DATA_DAYS) / retention period over`);
    if (outcome.status !== 201) this.deps.log.error({ status: outcome.status }, 'retention: personal data could not be erased');
  }

  private systemEvent<T extends 'donor.erased' | 'personal_data.expired'>(type: T, payload: Extract<SubmittedEvent, { type: T }>['payload']): SubmittedEvent {
    return { id: `privacy-${crypto.randomUUID()}`, type, payload } as SubmittedEvent;
  }

  /**
   * Deletes the keys of the people whose data is to go at once, in the same turn as the
   * erasure's commit; then, once a snapshot being written is on disk, every snapshot made before
   * the last erasure, and the erased keys in the key backups.
   */
  private shred(doomed: readonly string[]): void {
    const { service, keys, snapshots, backups, log } = this.deps;
    let deleted = 0;
    try {
      deleted = keys.erase(doomed);
    } catch (err) {
      // The erasure is recorded (the person is gone from every screen); the keys go as soon as
      // the key store can write: tried again shortly, and at every start (keysLeftOver).
      log.error({ err }, 'erasure: keys could not be deleted now; trying again every 30 s');
      this.retryLater();
    }
    this.shredding = this.shredding
      .then(async () => {
        // A snapshot being written may have been encoded before the erasure.
        await service.snapshotSettled();
        const erasureSeq = service.state.lastErasureSeq;
        const forgotten = erasureSeq > 0 ? snapshots.forgetBefore(erasureSeq) : 0;
        const scrubbed = await backups.scrubKeys();
        if (deleted > 0 || scrubbed > 0) log.info({ keys: deleted, keysInBackups: scrubbed }, 'personal data erased: keys deleted');
        // A fresh snapshot, so the next start does not replay the whole log.
        if (forgotten > 0) service.snapshotIfDue(true);
      })
      .catch((err: unknown) => log.error({ err }, 'erasure: snapshots or key backups could not be cleaned; they will be at the next start'));
  }

  private retryLater(): void {
    if (this.retry || this.stopped) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      if (!this.stopped) this.shred(this.keysLeftOver());
    }, RETRY_MS);
    this.retry.unref();
  }

  /**
   * The keys that should be gone (what a stop or a failure may have left): those of everyone
   * erased, and those of registrations voided (entered by mistake), read from the log.
   */
  private keysLeftOver(): string[] {
    const { service, store } = this.deps;
    const state = service.state;
    const refs: string[] = [];
    // Erased by an erasure, not merely read back without a key (a lost key store may come back).
    for (const donor of state.donors.values()) if (donor.erasedSeq !== undefined && donor.keyRef) refs.push(donor.keyRef);
    for (const honouree of state.honourees.values()) if (honouree.erased && honouree.keyRef) refs.push(honouree.keyRef);
    for (const batch of state.ceremonyBatches.values()) refs.push(...(batch.retiredKeyRefs ?? []));
    for (const [eventId, applied] of state.applied) {
      if (applied.type !== 'donor.registered' || !applied.voidedBy) continue;
      const ref = store.sealedKeyOf(eventId);
      // The same donor id registered again has a key of its own.
      if (ref && state.donors.get(applied.ref ?? '')?.keyRef !== ref) refs.push(ref);
    }
    return refs;
  }
}
