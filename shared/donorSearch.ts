/**
 * Donor search for the registration desk: type-ahead over the registered donors by name
 * (diacritics and case ignored: "nguyen thi lan" finds "Nguyễn Thị Lan"), by phone number
 * (whole, or its first or last digits), by the last 4 digits of the CCCD (all that is kept of
 * it: a longer number ending with them is a possible match only), or by donor id; the exact
 * look-up of a scanned donor id; and the reading of the QR code printed on a chip CCCD card.
 *
 * Pure. The folded keys are computed once per donor (`buildDonorIndex`, which reuses the keys
 * of an earlier index for donors whose name, phone and CCCD did not change), so a query is one
 * linear pass of cheap string tests: a few milliseconds for 5.000 donors.
 */
import { foldForSearch } from './format.ts';

/** What the search reads of a donor (the projection's Donor fits). */
export interface SearchableDonor {
  id: string;
  fullName: string;
  agencyId: string;
  phone?: string;
  /** The last 4 digits of the CCCD: the server keeps no more of it. */
  nationalIdLast4?: string;
}

interface Entry<D> {
  donor: D;
  /** The values the keys were made from (to reuse them while unchanged). */
  fullName: string;
  rawPhone: string | undefined;
  name: string;
  /** The folded name without spaces ("nguyenthilan"). */
  compact: string;
  tokens: string[];
  phone: string;
  nationalIdLast4: string;
  idLower: string;
}

export interface DonorIndex<D extends SearchableDonor = SearchableDonor> {
  entries: Entry<D>[];
  /** Positions in `entries` (not the entries: a donor's new entry leaves the maps as they are). */
  byId: Map<string, number>;
  byIdLower: Map<string, number>;
}

/** Which field matched, best first in the ranking. */
export type MatchKind = 'id' | 'phone' | 'name' | 'nationalIdSuffix' | 'phoneDigits' | 'idPart';

export interface SearchResult<D> {
  donor: D;
  score: number;
  match: MatchKind;
}

export interface SearchAnswer<D> {
  results: SearchResult<D>[];
  /** How many donors matched in all (results are cut at `limit`). */
  total: number;
}

/** Digits of a phone number, the country code +84 / 84 written as the leading 0. */
export function normalizePhone(raw: string): string {
  const trimmed = raw.trim();
  let digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+84') || (digits.startsWith('84') && digits.length === 11)) digits = `0${digits.slice(2)}`;
  return digits;
}

function entryOf<D extends SearchableDonor>(donor: D): Entry<D> {
  const name = foldForSearch(donor.fullName);
  return {
    donor,
    fullName: donor.fullName,
    rawPhone: donor.phone,
    name,
    compact: name.replace(/ /g, ''),
    // Words without punctuation: "Lan (Hà)" has the words lan and ha.
    tokens: name.split(/[^a-z0-9]+/).filter(Boolean),
    phone: donor.phone ? normalizePhone(donor.phone) : '',
    nationalIdLast4: donor.nationalIdLast4 ?? '',
    idLower: donor.id.toLowerCase(),
  };
}

/** The entry for `donor`, reusing `old`'s keys when its name, phone and CCCD did not change. */
function entryFor<D extends SearchableDonor>(donor: D, old: Entry<D> | undefined): Entry<D> {
  if (!old || old.fullName !== donor.fullName || old.rawPhone !== donor.phone || old.nationalIdLast4 !== (donor.nationalIdLast4 ?? '')) return entryOf(donor);
  return old.donor === donor ? old : { ...old, donor };
}

/**
 * The previous index brought up to date when the donors are the same ones in the same order
 * (a check-in, a donation, a correction: what a desk sees most): only the entries of donors
 * whose object or keys changed are made again, the id maps are shared (they hold positions),
 * and the previous index itself is given back when nothing changed. Null when donors came or
 * went: the index is built anew.
 */
function updatedIndex<D extends SearchableDonor>(donors: readonly D[], previous: DonorIndex<D>): DonorIndex<D> | null {
  if (donors.length !== previous.entries.length) return null;
  let entries: Entry<D>[] | null = null;
  for (let i = 0; i < donors.length; i++) {
    const donor = donors[i]!;
    const old = previous.entries[i]!;
    if (old.donor.id !== donor.id) return null;
    const entry = entryFor(donor, old);
    if (entry === old) continue;
    entries ??= previous.entries.slice();
    entries[i] = entry;
  }
  return entries ? { entries, byId: previous.byId, byIdLower: previous.byIdLower } : previous;
}

/**
 * Folds every donor's keys once. Pass the previous index to reuse the keys of donors whose
 * name, phone and CCCD did not change (the projection mutates donors in place, so the same
 * object may carry new values).
 */
export function buildDonorIndex<D extends SearchableDonor>(donors: Iterable<D>, previous?: DonorIndex<D> | null): DonorIndex<D> {
  const list = Array.isArray(donors) ? (donors as readonly D[]) : [...donors];
  const updated = previous ? updatedIndex(list, previous) : null;
  if (updated) return updated;
  const entries: Entry<D>[] = [];
  const byId = new Map<string, number>();
  const byIdLower = new Map<string, number>();
  for (const donor of list) {
    const at = previous?.byId.get(donor.id);
    const entry = entryFor(donor, at === undefined ? undefined : previous!.entries[at]);
    byId.set(donor.id, entries.length);
    if (!byIdLower.has(entry.idLower)) byIdLower.set(entry.idLower, entries.length);
    entries.push(entry);
  }
  return { entries, byId, byIdLower };
}

// ---- the QR code on a chip CCCD card ------------------------------------------------------

export interface CccdQr {
  nationalId: string;
  /** The old 9-digit CMND, when printed. */
  oldId?: string;
  fullName?: string;
  /** YYYY-MM-DD */
  birthDate?: string;
  birthYear?: number;
  gender?: 'female' | 'male';
  address?: string;
}

function ddmmyyyy(text: string | undefined): string | undefined {
  const match = /^(\d{2})(\d{2})(\d{4})$/.exec(text?.trim() ?? '');
  if (!match) return undefined;
  const [, d, m, y] = match;
  const day = Number(d);
  const month = Number(m);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return `${y}-${m}-${d}`;
}

/**
 * The text a scanner reads from the QR code of a chip CCCD card:
 * `CCCD|CMND|Họ và tên|ngày sinh DDMMYYYY|Giới tính|Nơi thường trú|ngày cấp DDMMYYYY`.
 * Null when the text is not one.
 */
export function parseCccdQr(text: string): CccdQr | null {
  if (!text.includes('|')) return null;
  const parts = text
    .trim()
    .split('|')
    .map((part) => part.trim());
  const nationalId = parts[0] ?? '';
  if (!/^\d{12}$/.test(nationalId) || parts.length < 4) return null;
  const qr: CccdQr = { nationalId };
  if (parts[1] && /^\d{9}$/.test(parts[1])) qr.oldId = parts[1];
  if (parts[2]) qr.fullName = parts[2].replace(/\s+/g, ' ');
  const birthDate = ddmmyyyy(parts[3]);
  if (birthDate) {
    qr.birthDate = birthDate;
    qr.birthYear = Number(birthDate.slice(0, 4));
  }
  const gender = foldForSearch(parts[4] ?? '');
  if (gender === 'nu') qr.gender = 'female';
  else if (gender === 'nam') qr.gender = 'male';
  if (parts[5]) qr.address = parts[5];
  return qr;
}

// ---- exact look-up (scanner) --------------------------------------------------------------

/**
 * The donor a scanned (or typed) donor id names exactly, or null. (A CCCD names nobody
 * exactly here: only its last 4 digits are kept; the desk matches a card by them and the name
 * printed on it, client/views/desk/scan.ts.)
 */
export function findExact<D extends SearchableDonor>(index: DonorIndex<D>, code: string): D | null {
  const trimmed = code.trim();
  if (!trimmed) return null;
  const at = index.byId.get(trimmed) ?? index.byIdLower.get(trimmed.toLowerCase());
  return at === undefined ? null : index.entries[at]!.donor;
}

// ---- type-ahead ---------------------------------------------------------------------------

const SCORE = {
  id: 1000,
  phone: 900,
  nationalIdSuffix: 800,
  phoneSuffix: 760,
  phonePrefix: 720,
  phoneInside: 600,
  possibleSuffix: 500,
  idPrefix: 550,
  idInside: 300,
  nameExact: 700,
  nameStart: 520,
  tokensInOrder: 440,
  tokensAnyOrder: 360,
  compact: 260,
  nameInside: 200,
} as const;

/** Do the query tokens match name tokens as prefixes, in order (each a later token)? */
function tokensInOrder(query: string[], tokens: string[]): boolean {
  let at = 0;
  for (const q of query) {
    while (at < tokens.length && !tokens[at]!.startsWith(q)) at += 1;
    if (at === tokens.length) return false;
    at += 1;
  }
  return true;
}

function tokensAnyOrder(query: string[], tokens: string[]): boolean {
  return query.every((q) => tokens.some((t) => t.startsWith(q)));
}

function exactTokens(query: string[], tokens: string[]): number {
  let n = 0;
  for (const q of query) if (tokens.includes(q)) n += 1;
  return n;
}

function scoreName<D>(entry: Entry<D>, folded: string, query: string[]): number {
  if (!entry.name) return 0;
  let score = 0;
  if (entry.name === folded) score = SCORE.nameExact;
  else if (entry.name.startsWith(folded)) score = SCORE.nameStart;
  else if (query.length > 0 && tokensInOrder(query, entry.tokens)) score = SCORE.tokensInOrder;
  else if (query.length > 0 && tokensAnyOrder(query, entry.tokens)) score = SCORE.tokensAnyOrder;
  else if (query.length === 1 && folded.length >= 3 && entry.compact.includes(folded)) score = SCORE.compact;
  else if (folded.length >= 3 && entry.name.includes(folded)) score = SCORE.nameInside;
  if (!score) return 0;
  // Whole words beat prefixes ("lan" ranks Lan above Lanh), and the given name (the last word
  // of a Vietnamese name) matters most.
  score += exactTokens(query, entry.tokens) * 12;
  if (query[query.length - 1] === entry.tokens[entry.tokens.length - 1]) score += 15;
  return score;
}

function scoreDigits<D>(entry: Entry<D>, digits: string): [number, MatchKind] | null {
  if (entry.phone && entry.phone === digits) return [SCORE.phone, 'phone'];
  if (digits.length >= 3) {
    // Only the last 4 digits are kept: a whole CCCD (12 digits) ending with them is a possible
    // match only, ranked below phone matches.
    if (entry.nationalIdLast4) {
      if (digits.length <= 4 && entry.nationalIdLast4.endsWith(digits)) return [SCORE.nationalIdSuffix, 'nationalIdSuffix'];
      if (digits.length === 12 && digits.endsWith(entry.nationalIdLast4)) return [SCORE.possibleSuffix, 'nationalIdSuffix'];
    }
    if (entry.phone) {
      if (entry.phone.endsWith(digits)) return [SCORE.phoneSuffix, 'phoneDigits'];
      if (digits.length >= 4 && entry.phone.startsWith(digits)) return [SCORE.phonePrefix, 'phoneDigits'];
      if (digits.length >= 5 && entry.phone.includes(digits)) return [SCORE.phoneInside, 'phoneDigits'];
    }
  }
  if (digits.length >= 2 && entry.idLower.includes(digits)) return [SCORE.idInside, 'idPart'];
  return null;
}

/**
 * Donors matching what was typed, best first, at most `limit`. Digits (spaces, dots, dashes
 * and a leading +84 allowed) search phone numbers and CCCD; anything else searches names and
 * donor ids. Ties go by name, then id, so the order is stable.
 */
export function searchDonors<D extends SearchableDonor>(index: DonorIndex<D>, query: string, options: { limit?: number } = {}): SearchAnswer<D> {
  const limit = options.limit ?? 50;
  const trimmed = query.trim();
  if (!trimmed) return { results: [], total: 0 };
  const found: { entry: Entry<D>; score: number; match: MatchKind }[] = [];

  const qr = parseCccdQr(trimmed);
  const isDigits = !qr && /^\+?[\d\s.\-()]+$/.test(trimmed) && /\d/.test(trimmed);
  const lower = trimmed.toLowerCase();

  if (qr || isDigits) {
    const digits = qr ? qr.nationalId : normalizePhone(trimmed);
    for (const entry of index.entries) {
      if (entry.idLower === lower) {
        found.push({ entry, score: SCORE.id, match: 'id' });
        continue;
      }
      const hit = scoreDigits(entry, digits);
      if (hit) found.push({ entry, score: hit[0], match: hit[1] });
    }
  } else {
    const folded = foldForSearch(trimmed);
    const tokens = folded.split(/[^a-z0-9]+/).filter(Boolean);
    for (const entry of index.entries) {
      if (entry.idLower === lower) {
        found.push({ entry, score: SCORE.id, match: 'id' });
        continue;
      }
      const nameScore = scoreName(entry, folded, tokens);
      const idScore = lower.length >= 3 && entry.idLower.startsWith(lower) ? SCORE.idPrefix : lower.length >= 4 && entry.idLower.includes(lower) ? SCORE.idInside : 0;
      if (nameScore >= idScore && nameScore > 0) found.push({ entry, score: nameScore, match: 'name' });
      else if (idScore > 0) found.push({ entry, score: idScore, match: 'idPart' });
    }
  }

  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  found.sort((a, b) => b.score - a.score || order(a.entry.name, b.entry.name) || order(a.entry.donor.id, b.entry.donor.id));
  return {
    results: found.slice(0, limit).map(({ entry, score, match }) => ({ donor: entry.donor, score, match })),
    total: found.length,
  };
}
