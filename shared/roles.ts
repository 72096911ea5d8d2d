/**
 * Roles and what each may write. The server enforces it; clients use it to hide what a
 * device cannot do. Admin may do everything.
 */
import { z } from 'zod';
import type { EventType } from './events.ts';

export const ROLES = ['admin', 'desk', 'coordinator', 'mc', 'wall'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

const WRITERS: Record<EventType, readonly Role[]> = {
  'donor.registered': ['desk', 'admin'],
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
  'list.imported': ['desk', 'admin'],
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
};

export function mayWrite(role: Role, type: EventType): boolean {
  return WRITERS[type].includes(role);
}

export function writersOf(type: EventType): readonly Role[] {
  return WRITERS[type];
}
