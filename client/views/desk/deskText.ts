/**
 * The desk's wording helpers. The words themselves live in the catalogs
 * (client/i18n/desk/vi.ts and en.ts, added by ./i18n.ts); here: the lists the desk offers
 * (deferral reasons, blood types, undo reasons), the server's refusals turned into messages a
 * desk volunteer can act on (with the time and desk of a first donation), an agency's name in
 * both languages, and the phone and CCCD as the desk writes them.
 */
import type { DEFERRAL_REASONS } from '../../../shared/events.ts';
import { formatDate, formatTime } from '../../../shared/format.ts';
import type { Lang } from '../../i18n/index.ts';
import { bothOf, msg, tIn, type Msg } from './i18n.ts';

export interface Text {
  vi: string;
  en: string;
}

export type DeferralCode = (typeof DEFERRAL_REASONS)[number];

/** The deferral reasons, in the order the desk lists them (the schema's list; no zod at runtime). */
export const DEFERRAL_CODES: readonly DeferralCode[] = ['low_hemoglobin', 'blood_pressure', 'weight', 'recent_illness', 'medication', 'too_soon', 'other'];

/**
 * A deferral's reason as this desk may show it: the code's words and the note, in the words of
 * `t`. Empty when the deferral was recorded by another desk: the server sends it to this one
 * without them (health data: for the desk that recorded it, and admin).
 */
export function deferralReasonText(outcome: { reason?: string | undefined; reasonCode?: string | undefined }, t: (key: string, values?: Record<string, unknown>) => string): string {
  const label = outcome.reasonCode ? t(`desk.deferral.${outcome.reasonCode}`, { defaultValue: outcome.reasonCode }) : '';
  return [label, outcome.reason ?? ''].filter(Boolean).join(' — ');
}

/** Blood types (the schema's list). */
export const BLOOD_TYPE_LIST = ['O+', 'O-', 'A+', 'A-', 'B+', 'B-', 'AB+', 'AB-'] as const;

/** The quick reasons to undo (keys under desk.voidReasons). */
export const VOID_REASON_KEYS = ['wrongPerson', 'wrongVolume', 'mistake'] as const;

/**
 * What the desk records in the log is Vietnamese whatever the screen's language (the log, the
 * reports and the other desks read the same words): a deferral reason, an undo reason.
 */
export function recordedText(key: string): string {
  return tIn('vi')(key);
}

/** The catalog key of an event type's name (`desk.types.donor_checked_in`). */
export function typeKey(type: string): string {
  return `desk.types.${type.replace('.', '_')}`;
}

/** "0912 345 678" */
export function formatPhone(phone: string | undefined): string {
  if (!phone) return '';
  const digits = phone.startsWith('+84') ? `0${phone.slice(3)}` : phone;
  return /^\d{10}$/.test(digits) ? `${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}` : phone;
}

/**
 * The CCCD is never shown in full: "•••• 1234". The desk holds only the last 4 digits of a
 * registered donor's (`nationalIdLast4`); a number just typed or scanned is masked the same way.
 */
export function maskNationalId(nationalId: string | undefined, last4?: string): string {
  const tail = nationalId ? nationalId.slice(-4) : last4;
  return tail ? `•••• ${tail}` : '';
}

/** The last 4 digits of a CCCD as typed or scanned (spaces, dots and dashes ignored); '' when it is not 12 digits. */
export function lastFourOfTyped(text: string | undefined): string {
  const digits = (text ?? '').replace(/[\s.-]/g, '');
  return /^\d{12}$/.test(digits) ? digits.slice(-4) : '';
}

function timeOf(value: unknown, timeZone: string): string | null {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) return null;
  return formatTime(value, timeZone);
}

/**
 * A server refusal (code, message, details) as the desk explains it. The server's own message
 * is not translated: whoever shows the explanation shows the message beside it.
 */
export function refusalMsg(code: string, message: string, details: Record<string, unknown> | undefined, timeZone: string): Msg {
  const at = timeOf(details?.at, timeZone);
  const by = typeof details?.by === 'string' && details.by ? details.by : null;
  const when = at ? msg('desk.refusal.atTime', { time: at }) : '';
  const where = by ? msg('desk.refusal.atDesk', { by }) : '';
  switch (code) {
    case 'already_donated_today':
    case 'already_deferred_today':
      return msg(`desk.refusal.${code}`, { when, where });
    case 'already_donated': {
      const day = typeof details?.day === 'string' ? formatDate(details.day) : '';
      return msg('desk.refusal.already_donated', { day, when, where });
    }
    case 'already_checked_in': {
      const checkedInAt = timeOf(details?.checkedInAt, timeZone);
      return msg('desk.refusal.already_checked_in', { when: checkedInAt ? msg('desk.refusal.atTime', { time: checkedInAt }) : '' });
    }
    case 'duplicate_donor':
      return msg('desk.refusal.duplicate_donor', { id: typeof details?.donorId === 'string' ? msg('desk.refusal.withId', { id: details.donorId }) : '' });
    case 'not_registered':
    case 'unknown_donor':
      return msg('desk.refusal.unknown_donor');
    case 'invalid_payload':
    case 'invalid_body':
      return msg('desk.refusal.invalid');
    case 'not_checked_in':
    case 'donor_already_registered':
    case 'donor_erased':
    case 'unknown_import':
    case 'unknown_agency':
    case 'not_own_event':
    case 'void_blocked':
    case 'already_voided':
    case 'unknown_event':
    case 'not_voidable':
    case 'forbidden':
    case 'override_not_allowed':
      return msg(`desk.refusal.${code}`);
    default:
      return msg('desk.refusal.other', { message: message || code });
  }
}

/** A server refusal in both languages. */
export function describeRefusal(code: string, message: string, details: Record<string, unknown> | undefined, timeZone: string): Text {
  return bothOf(refusalMsg(code, message, details, timeZone));
}

/** The agency's name in both languages ("en" empty when it has none); "Tự do" for a donor with no agency (`walk-in`). */
export function agencyName(agencies: ReadonlyMap<string, { name: string; nameEn?: string }> | undefined, agencyId: string): Text {
  if (agencyId === 'walk-in') return { vi: tIn('vi')('desk.agency.walkIn'), en: tIn('en')('desk.agency.walkIn') };
  const agency = agencies?.get(agencyId);
  return agency ? { vi: agency.name, en: agency.nameEn ?? '' } : { vi: agencyId, en: '' };
}

/** A name given in both languages: the one to show in `lang`, and the other one (small, beside it) if any. */
export function namesIn(text: Text, lang: Lang): { main: string; other: string } {
  if (lang === 'en' && text.en) return { main: text.en, other: text.vi };
  return { main: text.vi, other: lang === 'vi' ? text.en : '' };
}

/** The age this year, from the year of birth. */
export function ageThisYear(birthYear: number | undefined, today: string): number | null {
  return birthYear ? Number(today.slice(0, 4)) - birthYear : null;
}
