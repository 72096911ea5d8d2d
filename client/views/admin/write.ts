/**
 * Writing an event from /admin: through the device outbox (so a setup change made while the
 * wifi drops is kept and sent when the link is back), waiting a few seconds for the server's
 * answer to say "saved" or why it was refused.
 */
import { useState } from 'react';
import type { EventType, SubmittedPayloadOf } from '../../../shared/events.ts';
import { getDeviceOutbox, newEventId, send } from '../../device/send.ts';
import { t } from '../../i18n/index.ts';
import { errorText } from '../../i18n/errors.ts';
import { notify } from './notices.ts';

export { errorText };

/**
 * Sends one event; true when recorded. A refusal is shown (and dropped from the outbox's
 * rejected list: the admin has seen it here); a queued event is said to be waiting.
 */
export async function writeEvent<T extends EventType>(type: T, payload: SubmittedPayloadOf<T>, okText?: string): Promise<boolean> {
  const id = newEventId('adm');
  const outcome = await send(type, payload, { id, waitMs: 5000 });
  if (outcome.status === 'rejected' && outcome.code === 'no_outbox') {
    notify('error', t('admin.write.noOutbox'));
    return false;
  }
  if (outcome.status === 'recorded') {
    notify('ok', okText ?? t('admin.write.saved'));
    return true;
  }
  if (outcome.status === 'rejected') {
    notify('error', t('admin.write.refused', { reason: errorText(outcome.code, outcome.message) }));
    void getDeviceOutbox()?.dismiss(id);
    return false;
  }
  notify('queued', t('admin.write.queued'));
  return true;
}

/**
 * For an add-or-edit form: `write` sends one event, `busy` while it waits for the answer, and
 * `onDone` once it is recorded (or queued).
 */
export function useWriter(onDone: () => void): { busy: boolean; write: <T extends EventType>(type: T, payload: SubmittedPayloadOf<T>, okText?: string) => Promise<void> } {
  const [busy, setBusy] = useState(false);
  const write = async <T extends EventType>(type: T, payload: SubmittedPayloadOf<T>, okText?: string) => {
    setBusy(true);
    const ok = await writeEvent(type, payload, okText);
    setBusy(false);
    if (ok) onDone();
  };
  return { busy, write };
}
