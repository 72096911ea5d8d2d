/**
 * The import tool's side of a list planned by shared/donorImport.ts (`planImport`): random ids
 * for its rows (an id says nothing of the person; retries stay safe all the same, since the
 * outbox keeps an event's id until the server has answered it), the rows to send, and the
 * masking of a CCCD quoted in a row's problem.
 *
 * A row whose person is already registered (the page's `findExisting`: the desk looks in its
 * projection and its own pending registrations) is planned `exists` and not sent, so importing
 * the same file again registers nobody twice; one the desk could not recognise is recognised
 * by the server, which answers `duplicate_donor` with the existing record, and the tool shows
 * that row as already registered too.
 */
import type { ImportedDonor, ImportPlan, ImportRow } from '../../shared/donorImport.ts';

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

/** The ids planImport gives its rows: random. */
export const RANDOM_IDS = { newDonorId: randomDonorId, newEventId: () => randomEventId('imp') };

/** The donor already registered as this person, or null. */
export type FindExisting = (person: ImportedDonor) => string | null;

/** The rows to send: valid (with or without warnings), not already registered; and people registered with another agency, as also on this list. */
export function sendableRows(plan: ImportPlan): ImportRow[] {
  return plan.rows.filter((row) => (row.status === 'ok' || row.status === 'warning' || row.status === 'listed') && row.donor !== null);
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
