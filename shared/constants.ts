/**
 * Constants of the domain, kept free of zod so that pure modules the wall loads
 * (projection, view) stay small.
 */

/** Donors with no agency are registered on this reserved agency: their own line in every total. */
export const WALK_IN_AGENCY_ID = 'walk-in';

/** Every event type the server accepts (the schemas are in events.ts, which checks this list). */
export const EVENT_TYPES = [
  'donor.registered',
  'donor.checked_in',
  'donor.donated',
  'donor.deferred',
  'task.status_set',
  'milestone.announced',
  'event.voided',
  'event.configured',
  'agency.upserted',
  'task.defined',
  'donor.updated',
  'milestone.skipped',
  'milestone.rule_defined',
  'milestone.template_set',
  'wall.message_set',
  'incident.reported',
  'incident.acknowledged',
  'incident.resolved',
  'schedule.item_set',
  'schedule.item_removed',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];
