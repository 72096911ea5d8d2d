/**
 * Roles and what each may write. The server enforces it; clients use it to hide what a
 * device cannot do. Admin may do everything.
 */
import { z } from 'zod';
import type { EventType } from './events.ts';

/** (issue 18) `agency`: an agency's liaison, bound to that one agency (its token's `agencyId`). */
export const ROLES = ['admin', 'desk', 'coordinator', 'mc', 'wall', 'agency'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

const WRITERS: Record<EventType, readonly Role[]> = {
  // An agency's liaison registers only its own agency's people, from its list (agencyScopeOf).
  'donor.registered': ['desk', 'agency', 'admin'],
  'donor.checked_in': ['desk', 'admin'],
  'donor.donated': ['desk', 'admin'],
  'donor.deferred': ['desk', 'admin'],
  'task.status_set': ['coordinator', 'admin'],
  'milestone.announced': ['mc', 'admin'],
  // Everyone but admin may void only its own events: the domain rules check the author.
  'event.voided': ['desk', 'coordinator', 'mc', 'admin'],
  'event.configured': ['admin'],
  'agency.upserted': ['admin'],
  'task.defined': ['coordinator', 'admin'],
  'donor.updated': ['desk', 'admin'],
  'milestone.skipped': ['mc', 'admin'],
  'milestone.rule_defined': ['admin'],
  'milestone.template_set': ['admin'],
  'wall.message_set': ['mc', 'admin'],
  'incident.reported': ['coordinator', 'admin'],
  'incident.acknowledged': ['coordinator', 'admin'],
  'incident.resolved': ['coordinator', 'admin'],
  'schedule.item_set': ['coordinator', 'admin'],
  'schedule.item_removed': ['coordinator', 'admin'],
  'list.imported': ['desk', 'agency', 'admin'],
  'donor.erased': ['admin'],
  'personal_data.expired': ['admin'],
  'event.mode_set': ['admin'],
  'donor.listed': ['desk', 'admin'],
  'parade.checkpoint_set': ['coordinator', 'admin'],
  'parade.checkpoint_removed': ['coordinator', 'admin'],
  'parade.passed': ['coordinator', 'admin'],
  'parade.escort_set': ['coordinator', 'admin'],
  'parade.escort_removed': ['coordinator', 'admin'],
  'security.post_set': ['coordinator', 'admin'],
  'security.post_removed': ['coordinator', 'admin'],
  'security.shift_set': ['coordinator', 'admin'],
  'security.shift_removed': ['coordinator', 'admin'],
  'security.manned': ['coordinator', 'admin'],
  // The list and the dossiers are the standing office's (admin); the day is the stage manager's
  // and reception's (coordinators); the script is the MC's.
  'ceremony.awards_set': ['admin'],
  'ceremony.batch_set': ['coordinator', 'admin'],
  'ceremony.batch_removed': ['coordinator', 'admin'],
  'ceremony.honouree_set': ['admin'],
  'ceremony.honouree_erased': ['admin'],
  'ceremony.dossier_set': ['admin'],
  'ceremony.arrived': ['coordinator', 'admin'],
  'ceremony.batch_ready': ['coordinator', 'admin'],
  'ceremony.batch_cued': ['coordinator', 'admin'],
  'ceremony.batch_done': ['coordinator', 'admin'],
  'ceremony.script_set': ['mc', 'coordinator', 'admin'],
  'ceremony.script_read': ['mc', 'admin'],
  'list.reviewed': ['admin'],
  'agency.headcount_set': ['agency', 'admin'],
};

export function mayWrite(role: Role, type: EventType): boolean {
  return WRITERS[type].includes(role);
}

export function writersOf(type: EventType): readonly Role[] {
  return WRITERS[type];
}

/**
 * The agency an event of the agency role is about: a liaison's token writes for its own agency
 * only (the server answers 403 otherwise). Undefined for the types the role may not write.
 */
export function agencyScopeOf(event: { type: EventType; payload: unknown }): string | undefined {
  switch (event.type) {
    case 'donor.registered':
    case 'list.imported':
    case 'agency.headcount_set':
      return (event.payload as { agencyId: string }).agencyId;
    default:
      return undefined;
  }
}
