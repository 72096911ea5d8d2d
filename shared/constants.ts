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
  'list.imported',
  'donor.erased',
  'personal_data.expired',
  'event.mode_set',
  'donor.listed',
  'parade.checkpoint_set',
  'parade.checkpoint_removed',
  'parade.passed',
  'parade.escort_set',
  'parade.escort_removed',
  'security.post_set',
  'security.post_removed',
  'security.shift_set',
  'security.shift_removed',
  'security.manned',
  'ceremony.awards_set',
  'ceremony.batch_set',
  'ceremony.batch_removed',
  'ceremony.honouree_set',
  'ceremony.honouree_erased',
  'ceremony.dossier_set',
  'ceremony.arrived',
  'ceremony.batch_ready',
  'ceremony.batch_cued',
  'ceremony.batch_done',
  'ceremony.script_set',
  'ceremony.script_read',
  'list.reviewed',
  'agency.headcount_set',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/**
 * The event types the counting roles (wall, MC, coordinators) receive as counts, never as
 * written (events.ts, "what the counting roles receive"): all of a donor's, and list imports.
 * A void of one of them is counted too.
 */
export const COUNTED_TYPES = [
  'donor.registered',
  'donor.checked_in',
  'donor.donated',
  'donor.deferred',
  'donor.updated',
  'donor.erased',
  'personal_data.expired',
  'list.imported',
  'donor.listed',
] as const satisfies readonly EventType[];

/** (issue 17) The kinds of points of the parade's route. */
export const CHECKPOINT_KINDS = ['assembly', 'junction', 'waypoint', 'end'] as const;

/** (issue 17) Honourees of the ceremony: a person, a family, or a collective (an agency, a company, a school). */
export const HONOUREE_KINDS = ['individual', 'family', 'collective'] as const;
export type HonoureeKind = (typeof HONOUREE_KINDS)[number];
/** Where an honouree's dossier is, before the day: received, checked, sent to Sở Nội vụ, decided (with its decision number and date). */
export const DOSSIER_STATUSES = ['received', 'checked', 'sent', 'decided'] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];
/** What the stage manager checks before a batch goes up: the certificates, the flowers, the presenting leader. */
export const BATCH_READY_ITEMS = ['certificates', 'flowers', 'leader'] as const;
export type BatchReadyItem = (typeof BATCH_READY_ITEMS)[number];

/** The bag sizes a donation may have, ml (in constants.ts so the pages that only count need not load the schemas). */
export const DONATION_VOLUMES_ML = [250, 350, 450] as const;

/**
 * (issue 18) The ABO group alone, when the Rh factor is not known: Vietnamese lists usually write
 * "O", "A", "B", "AB". Kept as `bloodGroup` beside `bloodType` (which always has its Rh).
 */
export const ABO_GROUPS = ['O', 'A', 'B', 'AB'] as const;
export type AboGroup = (typeof ABO_GROUPS)[number];

/** Blood types with their Rh factor, as the desk and the lists write them. */
export const BLOOD_TYPES = ['O+', 'O-', 'A+', 'A-', 'B+', 'B-', 'AB+', 'AB-'] as const;
export type BloodTypeName = (typeof BLOOD_TYPES)[number];
