/**
 * The pages a device opens, and the one role each runs with (issue 16, 4): a wall with an
 * admin's token would carry everyone's phones to a screen in the hall. No zod here: the pages'
 * bundles import it.
 */
import type { Role } from './roles.ts';

export const PAGES = ['wall', 'desk', 'console', 'mc', 'admin', 'agency'] as const;
export type Page = (typeof PAGES)[number];

/** The page each role's device opens. */
export const PAGE_OF_ROLE: Record<Role, Page> = { desk: 'desk', coordinator: 'console', mc: 'mc', wall: 'wall', admin: 'admin', agency: 'agency' };

export function pageIsFor(page: Page, role: Role): boolean {
  return PAGE_OF_ROLE[role] === page;
}

/** The role a page runs with. */
export function roleOfPage(page: Page): Role {
  return (Object.keys(PAGE_OF_ROLE) as Role[]).find((role) => PAGE_OF_ROLE[role] === page)!;
}
