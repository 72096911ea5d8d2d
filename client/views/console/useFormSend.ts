/**
 * How a console form sends what it made: busy while it waits for the server (up to 1,5 s),
 * the refusal to show if the server said no, and `onDone` (the form closes) once it is
 * recorded or safely queued on the device.
 */
import { useState } from 'react';
import type { EventType, SubmittedPayloadOf } from '../../../shared/events.ts';
import type { SubmitOutcome } from '../../device/send.ts';
import { send } from '../../device/send.ts';

export function useFormSend(onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<SubmitOutcome | null>(null);
  const sendForm = async <T extends EventType>(type: T, payload: SubmittedPayloadOf<T>): Promise<SubmitOutcome> => {
    setBusy(true);
    setOutcome(null);
    const result = await send(type, payload, { waitMs: 1500 });
    setBusy(false);
    if (result.status === 'rejected') setOutcome(result);
    else onDone();
    return result;
  };
  return { busy, outcome, clearOutcome: () => setOutcome(null), sendForm };
}
