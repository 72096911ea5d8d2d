/**
 * What the search box's Enter does with a code (a scanner types it, then Enter), now that the
 * desk holds no full CCCD, only its last 4 digits (`nationalIdLast4`). Pure.
 *
 * - A donor id: that donor.
 * - The QR code of a chip CCCD card (`parseCccdQr`): the card names the person, so the donor
 *   whose last 4 digits AND folded name are the card's (or, for a donor registered without a
 *   CCCD, whose folded name and year of birth are) is that person. Exactly one: act on them;
 *   several: show them to choose; nobody: the walk-in form filled from the card (should the
 *   server know the card after all, it answers `duplicate_donor` with the existing record,
 *   which the form opens).
 * - A typed 12-digit CCCD: its last 4 digits are shared by many people, so a match on them
 *   is a candidate only: shown, never acted on unless the person chose one (↑/↓). Nobody:
 *   the walk-in form with the number.
 * - Anything else: the highlighted result (API.md: "Enter checks in the first one").
 */
import { findExact, parseCccdQr, searchDonors, type CccdQr, type DonorIndex, type SearchAnswer, type SearchResult } from '../../../shared/donorSearch.ts';
import { foldForSearch } from '../../../shared/format.ts';
import type { Donor } from '../../../shared/projection.ts';
import type { WalkInPrefill } from './deskStore.ts';

/** A typed CCCD: 12 digits (spaces, dots and dashes allowed). */
export function typedCccd(text: string): string | null {
  const digits = text.trim().replace(/[\s.-]/g, '');
  return /^\d{12}$/.test(digits) ? digits : null;
}

/** The donors a scanned card names: same last 4 digits and folded name, or (no CCCD registered) same folded name and year of birth. */
export function cardMatches<D extends Donor>(donors: Iterable<D>, card: CccdQr): D[] {
  const name = foldForSearch(card.fullName ?? '');
  if (!name) return [];
  const last4 = card.nationalId.slice(-4);
  const found: D[] = [];
  for (const donor of donors) {
    if (donor.erased || foldForSearch(donor.fullName) !== name) continue;
    if (donor.nationalIdLast4 ? donor.nationalIdLast4 === last4 : card.birthYear !== undefined && donor.birthYear === card.birthYear) found.push(donor);
  }
  return found;
}

/** What the walk-in form can take from a card. */
export function prefillOfCard(card: CccdQr): WalkInPrefill {
  return {
    nationalId: card.nationalId,
    ...(card.fullName ? { fullName: card.fullName } : {}),
    ...(card.birthYear ? { birthYear: card.birthYear } : {}),
    ...(card.gender ? { gender: card.gender } : {}),
  };
}

/** What the walk-in form can take from an unmatched search. */
export function prefillOf(query: string): WalkInPrefill {
  const trimmed = query.trim();
  const card = parseCccdQr(trimmed);
  if (card) return prefillOfCard(card);
  const cccd = typedCccd(trimmed);
  if (cccd) return { nationalId: cccd };
  const digits = trimmed.replace(/[\s.-]/g, '');
  if (/^(0|\+84)\d{9}$/.test(digits)) return { phone: digits };
  if (/\d/.test(trimmed)) return {};
  return trimmed ? { fullName: trimmed } : {};
}

/**
 * The results the box lists: for a card, the people it names (see `cardMatches`); else the
 * type-ahead (a 12-digit CCCD lists the donors with the same last 4 digits, as candidates).
 */
export function searchBox<D extends Donor>(index: DonorIndex<D>, query: string, limit: number): SearchAnswer<D> {
  const card = parseCccdQr(query.trim());
  if (!card) return searchDonors(index, query, { limit });
  const matches = cardMatches(
    index.entries.map((entry) => entry.donor),
    card,
  );
  const results: SearchResult<D>[] = matches.slice(0, limit).map((donor) => ({ donor, score: 1000, match: 'nationalIdSuffix' }));
  return { results, total: matches.length };
}

export type EnterDecision<D> =
  { kind: 'act'; donor: D } | { kind: 'choose'; why: 'card' | 'cccd'; count: number } | { kind: 'walkIn'; why: 'card' | 'cccd'; prefill: WalkInPrefill } | { kind: 'none' };

/**
 * What Enter does. `results` are what the box lists for `typed` (`searchBox`), `highlight`
 * the highlighted one, `chosen` whether the person moved the highlight themselves.
 */
export function decideEnter<D extends Donor>(input: { index: DonorIndex<D>; typed: string; results: readonly SearchResult<D>[]; highlight: number; chosen: boolean }): EnterDecision<D> {
  const { index, typed, results } = input;
  const trimmed = typed.trim();
  if (!trimmed) return { kind: 'none' };
  const exact = findExact(index, trimmed);
  if (exact) return { kind: 'act', donor: exact };
  const card = parseCccdQr(trimmed);
  if (card) {
    if (results.length === 1) return { kind: 'act', donor: results[0]!.donor };
    if (results.length > 1) {
      const picked = input.chosen ? results[input.highlight] : undefined;
      return picked ? { kind: 'act', donor: picked.donor } : { kind: 'choose', why: 'card', count: results.length };
    }
    return { kind: 'walkIn', why: 'card', prefill: prefillOfCard(card) };
  }
  const cccd = typedCccd(trimmed);
  if (cccd) {
    const picked = input.chosen ? results[input.highlight] : undefined;
    if (picked) return { kind: 'act', donor: picked.donor };
    return results.length ? { kind: 'choose', why: 'cccd', count: results.length } : { kind: 'walkIn', why: 'cccd', prefill: { nationalId: cccd } };
  }
  const picked = results[input.highlight] ?? results[0];
  return picked ? { kind: 'act', donor: picked.donor } : { kind: 'none' };
}
