/**
 * The outbox store: how many events wait to be sent, which ones the server refused, and how
 * the last attempt went. Fed only by client/outbox/outbox.ts; views read it through the hook.
 */
import { create } from 'zustand';
import type { RejectedEntry } from '../outbox/outbox.ts';

export interface OutboxState {
  /** Events stored on the device and not yet acknowledged by the server. */
  pending: number;
  /** Events the server refused (newest first), kept until the person dismisses them. */
  rejected: RejectedEntry[];
  sending: boolean;
  /** The last failure to reach the server, cleared by the next successful send. */
  lastError: string | null;
  lastSentAt: number | null;
}

export const useOutboxStore = create<OutboxState>()(() => ({ pending: 0, rejected: [], sending: false, lastError: null, lastSentAt: null }));

export const outboxActions = {
  counts(pending: number, rejected: RejectedEntry[]): void {
    useOutboxStore.setState({ pending, rejected });
  },
  sending(sending: boolean): void {
    useOutboxStore.setState({ sending });
  },
  failed(message: string): void {
    useOutboxStore.setState({ lastError: message });
  },
  sent(at: number): void {
    useOutboxStore.setState({ lastError: null, lastSentAt: at });
  },
};
