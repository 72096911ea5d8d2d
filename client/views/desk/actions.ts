/**
 * What the desk does: check in, donated, deferred, register a walk-in, correct a donor, undo.
 * Every action goes through the device layer (client/device: the outbox, then the batch
 * endpoint); the screen shows it at once through the device's optimistic view. The banner
 * tells how it went: recorded, saved on the device and waiting ("chờ gửi"), or refused with
 * the server's reason.
 */
import type { Donor } from '../../../shared/projection.ts';
import { dayOf } from '../../../shared/time.ts';
import { randomDonorId } from '../../components/importPlan.ts';
import type { SubmittedPayloadOf } from '../../../shared/events.ts';
import { getDeviceOutbox, newEventId, send as sendFromDevice, type SubmitOutcome } from '../../device/send.ts';
import { useDeviceOutbox } from '../../device/store.ts';
import { serverNow } from '../../device/clock.ts';
import { useLiveStore } from '../../stores/liveStore.ts';
import { deskActions, useDeskStore, type DeskEventType } from './deskStore.ts';
import { recordedText, refusalMsg, type DeferralCode } from './deskText.ts';
import { msg, type Msg } from './i18n.ts';

/** How long an action waits for the server before saying "saved, waiting to be sent". */
export const WAIT_MS = 3000;

let timeZone = 'Asia/Ho_Chi_Minh';
export function setDeskTimeZone(zone: string): void {
  timeZone = zone;
}

interface SendOptions {
  donorId: string;
  done: Msg;
  id?: string;
  /** Refusals the caller shows itself (e.g. a duplicate in the walk-in form). */
  handles?: (code: string) => boolean;
}

/**
 * Events whose answer the action that sent them is still waiting for, or has shown in the
 * banner: their refusal is not moved to the desk's own list (deskSync.ts) behind its back.
 */
const waitingHere = new Set<string>();
const shownHere = new Set<string>();

export function isHandledHere(eventId: string): boolean {
  return waitingHere.has(eventId) || shownHere.has(eventId);
}

async function send<T extends DeskEventType>(type: T, payload: SubmittedPayloadOf<T>, options: SendOptions): Promise<SubmitOutcome> {
  const outbox = getDeviceOutbox();
  const id = options.id ?? newEventId('desk');
  const { donorId, done } = options;
  if (!outbox) {
    deskActions.banner({ kind: 'error', text: msg('desk.banner.noOutbox') });
    return { status: 'rejected', code: 'no_outbox', message: 'no device outbox' };
  }
  sentHere.set(id, { type, donorId, day: dayOf(serverNow(), timeZone) });
  deskActions.banner({ kind: 'sending', text: msg('desk.banner.sending', { what: done }), eventId: id, donorId });
  waitingHere.add(id);
  const outcome = await sendFromDevice(type, payload, { id, waitMs: WAIT_MS });
  if (outcome.status === 'rejected' && outcome.code === 'device_storage') {
    waitingHere.delete(id);
    sentHere.delete(id);
    deskActions.bannerFor(id, { kind: 'error', text: msg('desk.banner.storage'), donorId });
    return outcome;
  }
  if (outcome.status === 'rejected') shownHere.add(id);
  waitingHere.delete(id);
  if (outcome.status === 'recorded') {
    deskActions.bannerFor(id, { kind: 'ok', text: msg('desk.banner.recorded', { what: done }), donorId });
  } else if (outcome.status === 'queued') {
    deskActions.bannerFor(id, { kind: 'queued', text: msg('desk.banner.queued', { what: done }), donorId, label: done });
  } else {
    sentHere.delete(id);
    // Shown right here, in the banner (or by the caller): no need to keep it in the list too.
    void outbox.dismiss(id);
    if (options.handles?.(outcome.code)) {
      deskActions.bannerFor(id, { kind: 'info', text: msg('desk.banner.duplicate'), donorId });
    } else {
      const existing = outcome.code === 'duplicate_donor' && typeof outcome.details?.donorId === 'string' ? outcome.details.donorId : undefined;
      deskActions.bannerFor(id, {
        kind: 'error',
        text: refusalMsg(outcome.code, outcome.message, outcome.details, timeZone),
        ...(outcome.message ? { detail: outcome.message } : {}),
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
  const { banner } = useDeskStore.getState();
  if (!banner?.eventId || banner.kind !== 'queued') return;
  const { pending, refused: refusals } = useDeviceOutbox.getState();
  const refused = refusals.find((entry) => entry.id === banner.eventId);
  if (refused) {
    deskActions.bannerFor(banner.eventId, {
      kind: 'error',
      text: refusalMsg(refused.code, refused.message, refused.details, timeZone),
      ...(refused.message ? { detail: refused.message } : {}),
      ...(banner.donorId ? { donorId: banner.donorId } : {}),
    });
  } else if (!pending.some((entry) => entry.id === banner.eventId) && banner.label) {
    deskActions.bannerFor(banner.eventId, { kind: 'ok', text: msg('desk.banner.sent', { what: banner.label }), ...(banner.donorId ? { donorId: banner.donorId } : {}) });
  }
}

/**
 * What this desk sent since the page loaded: a second Enter or a double tap before the screen
 * caught up must not send a second check-in or outcome (the server would refuse it; offline it
 * would wait and be refused later). After a reload the screen itself shows what was done.
 */
const sentHere = new Map<string, { type: DeskEventType; donorId: string; day: string }>();

/** This desk's own event of one of `types` for the donor today, still standing (not refused, not undone). */
function ownStandingToday(donorId: string, types: readonly string[]): boolean {
  const today = dayOf(serverNow(), timeZone);
  const { refused } = useDeviceOutbox.getState();
  const applied = useLiveStore.getState().projection?.applied;
  const undone = new Set<string>();
  for (const [id, sent] of sentHere) if (sent.type === 'event.voided' && !refused.some((e) => e.id === id)) undone.add(id);
  return [...sentHere].some(
    ([id, sent]) =>
      sent.donorId === donorId &&
      types.includes(sent.type) &&
      sent.day === today &&
      !refused.some((e) => e.id === id) &&
      // Undone here, or by someone else (an admin).
      ![...undone].some((undoId) => undoTargets.get(undoId) === id) &&
      !applied?.get(id)?.voidedBy,
  );
}

/** The event each undo sent from here voids. */
const undoTargets = new Map<string, string>();

const ALREADY: SubmitOutcome = { status: 'rejected', code: 'already_done_here', message: 'already recorded by this desk' };

export function checkIn(donor: Donor): Promise<SubmitOutcome> {
  if (ownStandingToday(donor.id, ['donor.checked_in'])) {
    deskActions.banner({ kind: 'info', text: msg('desk.banner.alreadyCheckedInHere', { name: donor.fullName }), donorId: donor.id });
    return Promise.resolve(ALREADY);
  }
  return send('donor.checked_in', { donorId: donor.id }, { donorId: donor.id, done: msg('desk.done.checkedIn', { name: donor.fullName }) });
}

function outcomeAlready(donor: Donor): boolean {
  if (!ownStandingToday(donor.id, ['donor.donated', 'donor.deferred'])) return false;
  deskActions.banner({ kind: 'info', text: msg('desk.banner.outcomeAlreadyHere', { name: donor.fullName }), donorId: donor.id });
  return true;
}

export function recordDonation(donor: Donor, volumeMl: 250 | 350 | 450): Promise<SubmitOutcome> {
  if (outcomeAlready(donor)) return Promise.resolve(ALREADY);
  return send('donor.donated', { donorId: donor.id, volumeMl }, { donorId: donor.id, done: msg('desk.done.donated', { n: volumeMl, name: donor.fullName }) });
}

/**
 * A deferral: the reason's code, and the note as `reason` only when one was typed (v1.1). Both
 * are health data: the server shows them to this desk and admin only; other desks see
 * "Tạm hoãn" alone.
 */
export function deferralPayload(donorId: string, reasonCode: DeferralCode, note: string): { donorId: string; reasonCode: DeferralCode; reason?: string } {
  const text = note.trim().replace(/\s+/g, ' ').slice(0, 500);
  return { donorId, reasonCode, ...(text ? { reason: text } : {}) };
}

export function recordDeferral(donor: Donor, reasonCode: DeferralCode, note: string): Promise<SubmitOutcome> {
  if (outcomeAlready(donor)) return Promise.resolve(ALREADY);
  return send('donor.deferred', deferralPayload(donor.id, reasonCode, note), {
    donorId: donor.id,
    done: msg('desk.done.deferred', { reason: msg(`desk.deferral.${reasonCode}`), name: donor.fullName }),
  });
}

/** A new donor's id: opaque and random, never made from the person's data. */
export function newDonorId(): string {
  return randomDonorId();
}

/**
 * Registers a walk-in (and checks them in when asked). A duplicate refused by the server is
 * returned to the caller (the form shows the existing record), not shown in the banner.
 */
export async function registerDonor(payload: SubmittedPayloadOf<'donor.registered'>, options: { checkIn: boolean }): Promise<SubmitOutcome> {
  const outcome = await send('donor.registered', payload, {
    donorId: payload.donorId,
    done: msg('desk.done.registered', { name: payload.fullName }),
    handles: (code) => code === 'duplicate_donor',
  });
  if (outcome.status === 'rejected' || !options.checkIn) return outcome;
  // The check-in must sort after the registration in the outbox (it orders by creation time).
  const registeredAt = Date.now();
  while (Date.now() <= registeredAt) await new Promise((resolve) => setTimeout(resolve, 1));
  return send('donor.checked_in', { donorId: payload.donorId }, { donorId: payload.donorId, done: msg('desk.done.registeredCheckedIn', { name: payload.fullName }) });
}

export function updateDonor(donor: Donor, changes: Omit<SubmittedPayloadOf<'donor.updated'>, 'donorId'>): Promise<SubmitOutcome> {
  return send('donor.updated', { donorId: donor.id, ...changes }, { donorId: donor.id, done: msg('desk.done.updated', { name: donor.fullName }) });
}

/** The donor agrees, or no longer agrees, to have their name announced on stage. */
export function setAnnounceName(donor: Donor, announceName: boolean): Promise<SubmitOutcome> {
  return send('donor.updated', { donorId: donor.id, announceName }, { donorId: donor.id, done: msg(announceName ? 'desk.done.announceYes' : 'desk.done.announceNo', { name: donor.fullName }) });
}

export function undoEvent(target: { id: string; donorId: string; donorName: string }, reason: string): Promise<SubmitOutcome> {
  const id = newEventId('desk');
  undoTargets.set(id, target.id);
  return send(
    'event.voided',
    { eventId: target.id, reason: reason.trim().slice(0, 500) || recordedText('desk.undo.fallbackReason') },
    { id, donorId: target.donorId, done: msg('desk.done.undone', { name: target.donorName }) },
  );
}
