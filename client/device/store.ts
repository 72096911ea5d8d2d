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

/** An event the server recorded, kept until the live data shows it (the screen must not flicker back in between). */
export interface RecordedEntry extends OutboxEntry {
  seq: number;
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
  /** Recorded by the server, not yet in the live data (memory only: a reload starts from a snapshot that has them). */
  recorded: readonly RecordedEntry[];
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
  recorded: [],
  refused: [],
  sending: false,
  lastError: null,
  lastSentAt: null,
  blocked: null,
  ready: false,
}));

/** At most this many recorded events wait for the live data (a socket down for long keeps the newest). */
const RECORDED_KEPT = 1000;

export const deviceOutboxActions = {
  ready(): void {
    useDeviceOutbox.setState({ ready: true });
  },
  entries(pending: readonly OutboxEntry[], refused: readonly RefusedEntry[]): void {
    useDeviceOutbox.setState({ pending, refused });
  },
  recorded(entries: readonly RecordedEntry[]): void {
    if (entries.length === 0) return;
    useDeviceOutbox.setState({ recorded: [...useDeviceOutbox.getState().recorded, ...entries].slice(-RECORDED_KEPT) });
  },
  /** The live data now holds these: they leave the recorded list. */
  seen(isInLiveData: (entry: RecordedEntry) => boolean): void {
    const { recorded } = useDeviceOutbox.getState();
    const left = recorded.filter((entry) => !isInLiveData(entry));
    if (left.length !== recorded.length) useDeviceOutbox.setState({ recorded: left });
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
