/**
 * The desk's figures: what this desk did today (its own check-ins, donations, deferrals and
 * walk-in registrations, from the log's authors plus its own events not yet acknowledged) and
 * the festival's totals. Pure.
 */
import type { Counts, ProjectionState } from '../../../shared/projection.ts';
import { emptyCounts } from '../../../shared/projection.ts';
import { festivalTarget } from '../../../shared/quota.ts';
import type { DeskOverlay } from './overlay.ts';

export interface OwnCounts {
  registered: number;
  checkedIn: number;
  donated: number;
  deferred: number;
  /** How many of these are own events the server has not acknowledged (or pushed back) yet. */
  unconfirmed: number;
}

export interface DeskFigures {
  mine: OwnCounts;
  /** Festival-wide, today. */
  today: Counts;
  totals: Counts;
  target: number;
  /** Checked in today and not yet donated or deferred (festival-wide). */
  waiting: number;
}

const FIELD: Partial<Record<string, keyof Omit<OwnCounts, 'unconfirmed'>>> = {
  'donor.registered': 'registered',
  'donor.checked_in': 'checkedIn',
  'donor.donated': 'donated',
  'donor.deferred': 'deferred',
};

export function deskFigures(input: {
  projection: ProjectionState | null;
  overlay: DeskOverlay;
  /** This device's token id (GET /api/me); null when not known yet (then only its events not recorded yet count). */
  tokenId: string | null;
  today: string;
  dayOf: (instant: string) => string;
}): DeskFigures {
  const { projection, overlay, tokenId, today } = input;
  const mine: OwnCounts = { registered: 0, checkedIn: 0, donated: 0, deferred: 0, unconfirmed: 0 };

  if (projection && tokenId) {
    for (const [id, applied] of projection.applied) {
      if (applied.actorTokenId !== tokenId || applied.day !== today || applied.voidedBy || overlay.voided.has(id)) continue;
      const field = FIELD[applied.type];
      if (field) mine[field] += 1;
    }
  }
  for (const event of overlay.events) {
    const field = FIELD[event.type];
    if (!field || overlay.voided.has(event.id) || input.dayOf(new Date(event.createdAt).toISOString()) !== today) continue;
    mine[field] += 1;
    mine.unconfirmed += 1;
  }

  const todayCounts = { ...(projection?.byDay.get(today) ?? emptyCounts()) };
  return {
    mine,
    today: todayCounts,
    totals: { ...(projection?.totals ?? emptyCounts()) },
    target: projection ? festivalTarget([...projection.agencies.values()].map((a) => a.quotaRule)) : 0,
    waiting: Math.max(0, todayCounts.checkedIn - todayCounts.donated - todayCounts.deferred),
  };
}
