/**
 * The MC's taps: "Đã công bố" (milestone.announced), "Bỏ qua" (milestone.skipped), "Hoàn tác"
 * (event.voided of this device's own tap) and the wall message (wall.message_set). Every one
 * goes through the device layer (client/device: the outbox, then the batch endpoint), so a tap
 * made while the hall's wifi is down is kept and sent later; the screen shows it at once, as
 * pending, through the device's optimistic view.
 *
 * The local store keeps the last tap for the undo bar, and the notice that answers a tap.
 * Nothing here touches the live store.
 */
import { create } from 'zustand';
import type { EventType, SubmittedPayloadOf } from '../../../shared/events.ts';
import { getDeviceOutbox, newEventId, send, type SubmitOutcome } from '../../device/send.ts';
import { i18n } from '../../i18n/core.ts';
import { pairOf, type Pair } from '../../i18n/pairs.ts';
import type { McAction } from './mcModel.ts';
import './i18n.ts';

/** How long the undo bar stays after a tap. */
export const UNDO_BAR_MS = 20_000;
/** How long to wait for the server's answer before showing "queued". */
const WAIT_MS = 4000;

export interface UndoBar {
  milestoneId: string;
  label: string;
  action: McAction;
  eventId: string;
  at: number;
}

export interface Notice {
  kind: 'ok' | 'info' | 'error';
  /** In both languages (client/i18n/mc), so a switch of language while it shows follows. */
  text: Pair;
  at: number;
}

export interface McLocalState {
  undoBar: UndoBar | null;
  notice: Notice | null;
}

export const useMcLocal = create<McLocalState>()(() => ({ undoBar: null, notice: null }));

function notify(kind: Notice['kind'], key: string, values: Record<string, string> = {}, reason?: Pair): void {
  const text = pairOf(key, (fmt) => ({ ...values, ...(reason ? { reason: reason[fmt.lang] } : {}) }));
  useMcLocal.setState({ notice: { kind, text, at: Date.now() } });
}

/** Why the server refused, in words when the shared catalog has its code, else its own message. */
export function reasonOf(outcome: { code: string; message: string }): Pair {
  return outcome.code && i18n.exists(`errors.${outcome.code}`) ? pairOf(`errors.${outcome.code}`) : { vi: outcome.message, en: outcome.message };
}

export function dismissNotice(): void {
  useMcLocal.setState({ notice: null });
}

export function dismissUndoBar(): void {
  useMcLocal.setState({ undoBar: null });
}

async function submit<T extends EventType>(type: T, payload: SubmittedPayloadOf<T>, id: string): Promise<SubmitOutcome> {
  const outcome = await send(type, payload, { id, waitMs: WAIT_MS });
  // The MC sees the refusal here at once: no need to keep it in the device's refused list.
  if (outcome.status === 'rejected')
    void getDeviceOutbox()
      ?.dismiss(id)
      .catch(() => undefined);
  return outcome;
}

/** Announce or skip a milestone. */
export async function markMilestone(milestoneId: string, label: string, action: McAction): Promise<void> {
  const eventId = newEventId('mc');
  useMcLocal.setState({ undoBar: { milestoneId, label, action, eventId, at: Date.now() } });
  const outcome = await submit(action === 'announce' ? 'milestone.announced' : 'milestone.skipped', { milestoneId }, eventId);
  if (outcome.status === 'recorded') return;
  if (outcome.status === 'queued') return notify('info', 'mc.notices.queued');
  if (useMcLocal.getState().undoBar?.eventId === eventId) dismissUndoBar();
  if (outcome.code === 'already_announced') return notify('info', 'mc.notices.alreadyAnnounced', { label });
  if (outcome.code === 'already_skipped') return notify('info', 'mc.notices.alreadySkipped', { label });
  notify('error', 'mc.notices.notRecorded', { label }, reasonOf(outcome));
}

/** Undo a tap: voids the announce/skip event (the server allows it for this device's own events). */
export async function undoMilestone(label: string, eventId: string): Promise<void> {
  if (useMcLocal.getState().undoBar?.eventId === eventId) dismissUndoBar();
  // The reason stays in the log, read by the organisers in either language.
  const reason = pairOf('mc.undoReason');
  const outcome = await submit('event.voided', { eventId, reason: `${reason.vi} · ${reason.en}` }, newEventId('mcundo'));
  if (outcome.status === 'recorded') return notify('ok', 'mc.notices.undone', { label });
  if (outcome.status === 'queued') return notify('info', 'mc.notices.undoQueued');
  if (outcome.code === 'already_voided') return notify('info', 'mc.notices.alreadyUndone');
  if (outcome.code === 'not_own_event') return notify('error', 'mc.notices.notOwn', { label });
  notify('error', 'mc.notices.undoRefused', { label }, reasonOf(outcome));
}

/** Puts a message on the wall (text) or clears it (null). */
export function setWallMessage(text: string | null): Promise<SubmitOutcome> {
  return submit('wall.message_set', { text }, newEventId('mcwall'));
}
