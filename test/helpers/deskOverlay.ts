/**
 * The desk's overlay from a list of own events, as the device holds them: those still waiting
 * (`pending`) in the outbox, the others recorded and not yet pushed back; refused ones have
 * left the outbox. The desk is "Bàn 1" (tok-desk-1).
 */
import type { ProjectionState } from '../../shared/projection.ts';
import type { OutboxEntry } from '../../client/device/store.ts';
import { buildOverlay, type DeskOverlay, type OwnEvent } from '../../client/views/desk/overlay.ts';

export const DESK_ME = { id: 'tok-desk-1', role: 'desk', label: 'Bàn 1' };

export function overlayFrom(projection: ProjectionState | null, events: readonly OwnEvent[], refused: readonly string[] = []): DeskOverlay {
  const kept = events.filter((event) => !refused.includes(event.id)).sort((a, b) => a.createdAt - b.createdAt);
  const entry = (event: OwnEvent): OutboxEntry => ({
    id: event.id,
    type: event.type,
    payload: event.payload,
    createdAt: event.createdAt,
    occurredAt: new Date(event.createdAt).toISOString(),
    attempts: 0,
  });
  const recorded = kept.filter((event) => !event.pending).map((event, i) => ({ ...entry(event), seq: (projection?.seq ?? 0) + 1 + i }));
  return buildOverlay({ projection, pending: kept.filter((event) => event.pending).map(entry), recorded, me: DESK_ME });
}
