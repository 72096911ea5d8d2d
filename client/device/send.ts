/**
 * How every page writes: `send(type, payload)` — typed by the event's schema — stamps the event
 * with the device's time of action (`occurredAt`, the device's clock corrected by its measured
 * offset to the server's) and hands it to the page's outbox. It resolves with the server's
 * answer when it comes within the wait, else `queued` (kept on the device, sent when it can).
 * A device that cannot store the event says so; nothing is lost silently.
 */
import type { EventType, SubmittedPayloadOf } from '../../shared/events.ts';
import { randomEventId } from '../components/importPlan.ts';
import { serverNow } from './clock.ts';
import { Outbox, type SubmitOutcome } from './outbox.ts';

export type { SubmitOutcome } from './outbox.ts';

let deviceOutbox: Outbox | null = null;

/** The page's outbox (one per page load), made by mountLivePage for writing pages. */
export function initDeviceOutbox(token: string, page: string): Outbox {
  deviceOutbox ??= new Outbox(token, page);
  return deviceOutbox;
}

/** The outbox, for flushing and dismissing refusals; null on read-only pages or before enrolment. */
export function getDeviceOutbox(): Outbox | null {
  return deviceOutbox;
}

/** A unique event id made on the device: a prefix and random characters (8-64 chars). */
export function newEventId(prefix = 'ev'): string {
  return randomEventId(prefix);
}

/** The time of action to stamp now (ISO 8601 on the server's clock). */
export function occurredAtNow(): string {
  return new Date(serverNow()).toISOString();
}

export interface SendOptions {
  /** The event's id, when the caller needs it beforehand (to undo it, to follow it). */
  id?: string;
  /** How long to wait for the server's answer before resolving `queued` (ms). */
  waitMs?: number;
}

/** Sends one event through the device outbox. */
export async function send<T extends EventType>(type: T, payload: SubmittedPayloadOf<T>, options: SendOptions = {}): Promise<SubmitOutcome> {
  const outbox = deviceOutbox;
  // The codes are put in words by the views; the message is for whoever debugs.
  if (!outbox) return { status: 'rejected', code: 'no_outbox', message: 'this device is not enrolled to write' };
  try {
    return await outbox.submit(type, payload, { id: options.id ?? newEventId(), occurredAt: occurredAtNow(), ...(options.waitMs !== undefined ? { waitMs: options.waitMs } : {}) });
  } catch (error) {
    return { status: 'rejected', code: 'device_storage', message: `could not store the event on this device: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Stores many events at once (a list import); they go with the next flush. */
export async function sendMany(events: readonly { id: string; type: EventType; payload: unknown }[]): Promise<boolean> {
  if (!deviceOutbox) return false;
  const occurredAt = occurredAtNow();
  try {
    await deviceOutbox.submitMany(events.map((event) => ({ ...event, occurredAt })));
    return true;
  } catch {
    return false;
  }
}
