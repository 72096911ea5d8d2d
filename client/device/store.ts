/**
 * The device store: what this device has sent and not yet seen recorded (`pending`, oldest
 * first), what the server refused (`refused`, newest first, kept until someone deals with it),
 * how the last attempt went, and whether the server refuses the device's token (`blocked`: the
 * outbox stops sending until the device is enrolled again). Fed only by outbox.ts; views read
 * it through the hook and never write it.
 */
import { create } from 'zustand';
import type { EventType } from '../../shared/events.ts';

export interface OutboxEntry {
  id: string;
  type: EventType;
  payload: unknown;
  /** When the device made it (epoch ms, the device's clock). */
  createdAt: number;
  /** The time of action sent to the server (ISO 8601, the device's clock corrected by its offset to the server's). */
  occurredAt?: string;
  attempts: number;
}

export interface RefusedEntry extends OutboxEntry {
  code: string;
  message: string;
  details?: Record<string, unknown>;
  rejectedAt: number;
}

/** Why the outbox stopped sending: the token is refused (401), or its role may not write (403). */
export type OutboxBlock = 'token_refused' | 'forbidden';

export interface DeviceOutboxState {
  pending: readonly OutboxEntry[];
  refused: readonly RefusedEntry[];
  sending: boolean;
  /** The last failure to reach the server, cleared by the next successful send. */
  lastError: string | null;
  lastSentAt: number | null;
  blocked: OutboxBlock | null;
  /** The page has an outbox (it writes, and the device is enrolled). */
  ready: boolean;
}

export const useDeviceOutbox = create<DeviceOutboxState>()(() => ({
  pending: [],
  refused: [],
  sending: false,
  lastError: null,
  lastSentAt: null,
  blocked: null,
  ready: false,
}));

export const deviceOutboxActions = {
  ready(): void {
    useDeviceOutbox.setState({ ready: true });
  },
  entries(pending: readonly OutboxEntry[], refused: readonly RefusedEntry[]): void {
    useDeviceOutbox.setState({ pending, refused });
  },
  sending(sending: boolean): void {
    useDeviceOutbox.setState({ sending });
  },
  failed(message: string): void {
    useDeviceOutbox.setState({ lastError: message });
  },
  blocked(block: OutboxBlock): void {
    useDeviceOutbox.setState({ blocked: block, sending: false });
  },
  sent(at: number): void {
    useDeviceOutbox.setState({ lastError: null, lastSentAt: at });
  },
};
