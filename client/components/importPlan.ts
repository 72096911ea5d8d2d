/**
 * What the import tool (./AgencyImport.tsx) does to a list planned by shared/donorImport.ts
 * (`planImport`) before it shows and sends it:
 *
 * - every row gets a random donor id and a random event id. An id says nothing of the person
 *   (planImport's own ids are derived from the file and from the person's CCCD, name, year of
 *   birth and phone: they are not used). Retries stay safe all the same: the outbox keeps an
 *   event's id until the server has answered it;
 * - a row whose person is already registered (the page's `findExisting`: the desk looks in its
 *   projection and its own pending registrations) is marked `exists` and not sent, so importing
 *   the same file again registers nobody twice; one the desk could not recognise is recognised
 *   by the server, which answers `duplicate_donor` with the existing record, and the tool shows
 *   that row as already registered too.
 *
 * Pure but for the random ids (crypto.getRandomValues), which the tests may replace.
 */
import type { ImportedDonor, ImportPlan, ImportRow, ImportRowStatus } from '../../shared/donorImport.ts';

/** `bytes` random bytes as base64url (4 characters for every 3 bytes). */
export function randomToken(bytes: number): string {
  const values = crypto.getRandomValues(new Uint8Array(bytes));
  let binary = '';
  for (const value of values) binary += String.fromCharCode(value);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A donor id: `d_` and 12 random base64url characters (72 bits), never made from the person's data. */
export function randomDonorId(): string {
  return `d_${randomToken(9)}`;
}

/** An event id (8-64 printable ASCII characters): a prefix and 16 random base64url characters. */
export function randomEventId(prefix: string): string {
  return `${prefix}-${randomToken(12)}`;
}

/** The id of one import of a list (`list.imported`), which each of its rows names. */
export function randomImportId(): string {
  return `list_${randomToken(9)}`;
}

export interface PlanIds {
  donorId: () => string;
  eventId: () => string;
}

const RANDOM_IDS: PlanIds = { donorId: randomDonorId, eventId: () => randomEventId('imp') };

/** The donor already registered as this person, or null. */
export type FindExisting = (person: ImportedDonor) => string | null;

/** The plan with random ids, and the rows of people already registered marked `exists`. */
export function finishImportPlan(plan: ImportPlan, findExisting?: FindExisting, ids: PlanIds = RANDOM_IDS): ImportPlan {
  const counts: Record<ImportRowStatus, number> = { ok: 0, warning: 0, error: 0, exists: 0 };
  const rows = plan.rows.map((row): ImportRow => {
    const donor = row.donor ? { ...row.donor, donorId: ids.donorId() } : null;
    let next: ImportRow = { ...row, eventId: ids.eventId(), donor };
    if (donor && (row.status === 'ok' || row.status === 'warning')) {
      const existing = findExisting?.(donor);
      if (existing) next = { ...next, status: 'exists', existingDonorId: existing };
    }
    counts[next.status] += 1;
    return next;
  });
  return { ...plan, rows, counts };
}

/** The rows to send: valid (with or without warnings), not already registered. */
export function sendableRows(plan: ImportPlan): ImportRow[] {
  return plan.rows.filter((row) => (row.status === 'ok' || row.status === 'warning') && row.donor !== null);
}

/** How many people the file lists (what `list.imported` records as `rows`): every row planned, blank ones left out. */
export function peopleIn(plan: ImportPlan): number {
  return plan.rows.length;
}

/**
 * A CCCD inside a text (a row's problem quotes the cell): every run of 9 or more digits shown
 * as its last 4 only.
 */
export function maskLongDigits(text: string): string {
  return text.replace(/\d{9,}/g, (digits) => `•••• ${digits.slice(-4)}`);
}
