/**
 * What the desk does: check in, donated, deferred, register a walk-in, correct a donor, undo.
 * Every action is written to the desk's journal (so the screen shows it at once, and undo and
 * the badges survive a reload), then handed to the device outbox (IndexedDB first, then the
 * batch endpoint). The banner tells how it went: recorded, saved on the device and waiting
 * ("chờ gửi"), or refused with the server's reason.
 */
import type { Donor } from '../../../shared/projection.ts';
import { dayOf } from '../../../shared/time.ts';
import { getDeviceOutbox, newEventId, type SubmitOutcome } from '../../outbox/outbox.ts';
import { useLiveStore } from '../../stores/liveStore.ts';
import { useOutboxStore } from '../../stores/outboxStore.ts';
import { deskActions, useDeskStore, type DeskEventType } from './deskStore.ts';
import { DEFERRAL_TEXT, describeRefusal, formatVolume, type DeferralCode } from './deskText.ts';

/** How long an action waits for the server before saying "saved, waiting to be sent". */
export const WAIT_MS = 3000;

let timeZone = 'Asia/Ho_Chi_Minh';
export function setDeskTimeZone(zone: string): void {
  timeZone = zone;
}

interface SendOptions {
  donorId: string;
  donorName: string;
  done: { vi: string; en: string };
  id?: string;
  /** Refusals the caller shows itself (e.g. a duplicate in the walk-in form). */
  handles?: (code: string) => boolean;
}

async function send(type: DeskEventType, payload: Record<string, unknown>, options: SendOptions): Promise<SubmitOutcome> {
  const outbox = getDeviceOutbox();
  const id = options.id ?? newEventId('desk');
  const { donorId, donorName, done } = options;
  if (!outbox) {
    deskActions.banner({ kind: 'error', vi: 'Thiết bị này chưa có quyền ghi: mở lại đường dẫn có mã của bàn.', en: 'This device cannot write: open the desk link with its token again.' });
    return { status: 'rejected', code: 'no_outbox', message: 'no device outbox' };
  }
  deskActions.addToJournal({ id, type, payload, createdAt: Date.now(), donorId, donorName });
  deskActions.banner({ kind: 'sending', vi: `${done.vi} · đang gửi…`, en: `${done.en} · sending…`, eventId: id, donorId });
  let outcome: SubmitOutcome;
  try {
    outcome = await outbox.submit(type, payload, { id, waitMs: WAIT_MS });
  } catch {
    deskActions.markRejected(new Map([[id, { code: 'storage', message: 'could not store the event on this device' }]]));
    deskActions.bannerFor(id, {
      kind: 'error',
      vi: 'Không lưu được trên máy này (bộ nhớ trình duyệt). Thử lại.',
      en: 'Could not store it on this device (browser storage). Try again.',
      donorId,
    });
    return { status: 'rejected', code: 'storage', message: 'could not store the event on this device' };
  }
  if (outcome.status === 'recorded') {
    deskActions.bannerFor(id, { kind: 'ok', vi: `✓ ${done.vi}`, en: done.en, donorId });
  } else if (outcome.status === 'queued') {
    deskActions.bannerFor(id, {
      kind: 'queued',
      vi: `${done.vi} · đã lưu trên máy, chờ gửi`,
      en: `${done.en} · saved on this device, waiting to be sent`,
      donorId,
      label: done,
    });
  } else {
    deskActions.markRejected(new Map([[id, { code: outcome.code, message: outcome.message }]]));
    // Shown right here, in the banner (or by the caller): no need to keep it in the list too.
    void outbox.dismiss(id);
    if (options.handles?.(outcome.code)) {
      deskActions.bannerFor(id, { kind: 'info', vi: 'Người này đã có trong danh sách: xem hồ sơ đã có.', en: 'Already registered: see the existing record.', donorId });
    } else {
      const text = describeRefusal(outcome.code, outcome.message, outcome.details, timeZone);
      const existing = outcome.code === 'duplicate_donor' && typeof outcome.details?.donorId === 'string' ? outcome.details.donorId : undefined;
      deskActions.bannerFor(id, {
        kind: 'error',
        vi: text.vi,
        en: `${text.en}${text.en !== outcome.message ? ` (${outcome.message})` : ''}`,
        donorId,
        ...(existing ? { existingDonorId: existing } : {}),
      });
    }
  }
  return outcome;
}

/**
 * The banner says "waiting to be sent" for an event the outbox later sent or saw refused:
 * say how it ended (called whenever the outbox changes).
 */
export function settleWaitingBanner(): void {
  const { banner, pending } = useDeskStore.getState();
  if (!banner?.eventId || banner.kind !== 'queued') return;
  const refused = useOutboxStore.getState().rejected.find((entry) => entry.id === banner.eventId);
  if (refused) {
    const text = describeRefusal(refused.code, refused.message, refused.details, timeZone);
    deskActions.bannerFor(banner.eventId, { kind: 'error', vi: text.vi, en: text.en, ...(banner.donorId ? { donorId: banner.donorId } : {}) });
  } else if (!pending.some((entry) => entry.id === banner.eventId) && banner.label) {
    deskActions.bannerFor(banner.eventId, { kind: 'ok', vi: `✓ ${banner.label.vi} · đã gửi`, en: `${banner.label.en} · sent`, ...(banner.donorId ? { donorId: banner.donorId } : {}) });
  }
}

/**
 * This desk's own event of one of `types` for the donor today, still standing (not refused,
 * not undone): a second Enter or a double tap before the screen caught up must not send a
 * second one (the server would refuse it; offline it would wait and be refused later).
 */
function ownStandingToday(donorId: string, types: readonly string[]): boolean {
  const journal = useDeskStore.getState().journal;
  const today = dayOf(Date.now(), timeZone);
  const applied = useLiveStore.getState().projection?.applied;
  const undone = new Set(journal.filter((e) => e.type === 'event.voided' && !e.rejected).map((e) => String(e.payload.eventId)));
  return journal.some(
    (e) =>
      e.donorId === donorId &&
      types.includes(e.type) &&
      !e.rejected &&
      !undone.has(e.id) &&
      // Undone by someone else (an admin) counts too.
      !applied?.get(e.id)?.voidedBy &&
      dayOf(e.createdAt, timeZone) === today,
  );
}

const ALREADY: SubmitOutcome = { status: 'rejected', code: 'already_done_here', message: 'already recorded by this desk' };

export function checkIn(donor: Donor): Promise<SubmitOutcome> {
  if (ownStandingToday(donor.id, ['donor.checked_in'])) {
    deskActions.banner({ kind: 'info', vi: `${donor.fullName}: bàn này đã xác nhận đến rồi.`, en: 'Already checked in at this desk.', donorId: donor.id });
    return Promise.resolve(ALREADY);
  }
  return send('donor.checked_in', { donorId: donor.id }, { donorId: donor.id, donorName: donor.fullName, done: { vi: `Đã xác nhận đến: ${donor.fullName}`, en: 'Checked in' } });
}

function outcomeAlready(donor: Donor): boolean {
  if (!ownStandingToday(donor.id, ['donor.donated', 'donor.deferred'])) return false;
  deskActions.banner({ kind: 'info', vi: `${donor.fullName}: bàn này đã ghi kết quả hôm nay rồi.`, en: 'This desk already recorded the outcome today.', donorId: donor.id });
  return true;
}

export function recordDonation(donor: Donor, volumeMl: 250 | 350 | 450): Promise<SubmitOutcome> {
  if (outcomeAlready(donor)) return Promise.resolve(ALREADY);
  return send(
    'donor.donated',
    { donorId: donor.id, volumeMl },
    { donorId: donor.id, donorName: donor.fullName, done: { vi: `Đã hiến ${formatVolume(volumeMl)}: ${donor.fullName}`, en: `Donated ${volumeMl} ml` } },
  );
}

export function recordDeferral(donor: Donor, reasonCode: DeferralCode, note: string): Promise<SubmitOutcome> {
  if (outcomeAlready(donor)) return Promise.resolve(ALREADY);
  const label = DEFERRAL_TEXT[reasonCode].vi;
  const text = note.trim();
  const reason = (reasonCode === 'other' ? text || label : text ? `${label}: ${text}` : label).slice(0, 500);
  return send(
    'donor.deferred',
    { donorId: donor.id, reason, reasonCode },
    { donorId: donor.id, donorName: donor.fullName, done: { vi: `Tạm hoãn (${label}): ${donor.fullName}`, en: 'Deferred' } },
  );
}

export function newDonorId(): string {
  const random = crypto.getRandomValues(new Uint32Array(1))[0]!.toString(36).padStart(6, '0').slice(-6);
  return `walkin-${Date.now().toString(36)}-${random}`;
}

/**
 * Registers a walk-in (and checks them in when asked). A duplicate refused by the server is
 * returned to the caller (the form shows the existing record), not shown in the banner.
 */
export async function registerDonor(payload: Record<string, unknown> & { donorId: string; fullName: string }, options: { checkIn: boolean }): Promise<SubmitOutcome> {
  const outcome = await send('donor.registered', payload, {
    donorId: payload.donorId,
    donorName: payload.fullName,
    done: { vi: `Đã đăng ký: ${payload.fullName}`, en: 'Registered' },
    handles: (code) => code === 'duplicate_donor',
  });
  if (outcome.status === 'rejected' || !options.checkIn) return outcome;
  // The check-in must sort after the registration in the outbox (it orders by creation time).
  const registered = useDeskStore.getState().journal.find((e) => e.id && e.donorId === payload.donorId && e.type === 'donor.registered');
  if (registered && Date.now() <= registered.createdAt) await new Promise((resolve) => setTimeout(resolve, 2));
  return send(
    'donor.checked_in',
    { donorId: payload.donorId },
    { donorId: payload.donorId, donorName: payload.fullName, done: { vi: `Đã đăng ký và xác nhận đến: ${payload.fullName}`, en: 'Registered and checked in' } },
  );
}

export function updateDonor(donor: Donor, changes: Record<string, unknown>): Promise<SubmitOutcome> {
  return send('donor.updated', { donorId: donor.id, ...changes }, { donorId: donor.id, donorName: donor.fullName, done: { vi: `Đã sửa thông tin: ${donor.fullName}`, en: 'Details corrected' } });
}

export function undoEvent(target: { id: string; donorId: string; donorName: string }, reason: string): Promise<SubmitOutcome> {
  return send(
    'event.voided',
    { eventId: target.id, reason: reason.trim().slice(0, 500) || 'Hoàn tác' },
    { donorId: target.donorId, donorName: target.donorName, done: { vi: `Đã hoàn tác: ${target.donorName}`, en: 'Undone' } },
  );
}
