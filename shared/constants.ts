/**
 * Constants of the domain, kept free of zod so that pure modules the wall loads
 * (projection, view) stay small.
 */

/** Donors with no agency are registered on this reserved agency: their own line in every total. */
export const WALK_IN_AGENCY_ID = 'walk-in';
