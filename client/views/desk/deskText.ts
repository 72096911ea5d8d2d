/**
 * The desk's wording, Vietnamese first, English second: statuses, deferral reasons, the event
 * types in the desk's history, and the server's refusals turned into sentences a desk
 * volunteer can act on (with the time and desk of a first donation).
 */
import type { DEFERRAL_REASONS } from '../../../shared/events.ts';
import { formatNumber, formatTime } from '../../../shared/format.ts';
import type { DayState } from './overlay.ts';

export interface Text {
  vi: string;
  en: string;
}

export const STATE_TEXT: Record<DayState, Text> = {
  registered: { vi: 'Đã đăng ký', en: 'Registered' },
  checkedIn: { vi: 'Đã đến', en: 'Checked in' },
  donated: { vi: 'Đã hiến', en: 'Donated' },
  deferred: { vi: 'Tạm hoãn', en: 'Deferred' },
};

export type DeferralCode = (typeof DEFERRAL_REASONS)[number];

/** The deferral reasons, in the order the desk lists them (the schema's list; no zod at runtime). */
export const DEFERRAL_CODES: readonly DeferralCode[] = ['low_hemoglobin', 'blood_pressure', 'weight', 'recent_illness', 'medication', 'too_soon', 'other'];

/** Blood types (the schema's list). */
export const BLOOD_TYPE_LIST = ['O+', 'O-', 'A+', 'A-', 'B+', 'B-', 'AB+', 'AB-'] as const;

export const DEFERRAL_TEXT: Record<DeferralCode, Text> = {
  low_hemoglobin: { vi: 'Huyết sắc tố thấp', en: 'Low haemoglobin' },
  blood_pressure: { vi: 'Huyết áp không đạt', en: 'Blood pressure' },
  weight: { vi: 'Cân nặng không đạt', en: 'Weight' },
  recent_illness: { vi: 'Mới ốm / đang mắc bệnh', en: 'Recent illness' },
  medication: { vi: 'Đang dùng thuốc', en: 'Medication' },
  too_soon: { vi: 'Chưa đủ 12 tuần từ lần hiến trước', en: 'Too soon since last donation' },
  other: { vi: 'Lý do khác', en: 'Other' },
};

export const GENDER_TEXT: Record<string, Text> = {
  female: { vi: 'Nữ', en: 'Female' },
  male: { vi: 'Nam', en: 'Male' },
};

export const TYPE_TEXT: Record<string, Text> = {
  'donor.registered': { vi: 'Đăng ký', en: 'Registered' },
  'donor.checked_in': { vi: 'Xác nhận đến', en: 'Check-in' },
  'donor.donated': { vi: 'Đã hiến', en: 'Donation' },
  'donor.deferred': { vi: 'Tạm hoãn', en: 'Deferral' },
  'donor.updated': { vi: 'Sửa thông tin', en: 'Correction' },
  'event.voided': { vi: 'Hoàn tác', en: 'Undo' },
};

export const VOID_REASONS: Text[] = [
  { vi: 'Chọn nhầm người', en: 'Wrong person' },
  { vi: 'Nhầm lượng máu', en: 'Wrong volume' },
  { vi: 'Bấm nhầm', en: 'Pressed by mistake' },
];

/** "0912 345 678" */
export function formatPhone(phone: string | undefined): string {
  if (!phone) return '';
  const digits = phone.startsWith('+84') ? `0${phone.slice(3)}` : phone;
  return /^\d{10}$/.test(digits) ? `${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}` : phone;
}

/** The CCCD is never shown in full after entry: "•••• 1234". */
export function maskNationalId(nationalId: string | undefined, last4?: string): string {
  const tail = nationalId ? nationalId.slice(-4) : last4;
  return tail ? `•••• ${tail}` : '';
}

export function formatVolume(volumeMl: number | undefined): string {
  return volumeMl ? `${formatNumber(volumeMl)} ml` : '';
}

function timeOf(value: unknown, timeZone: string): string | null {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) return null;
  return formatTime(value, timeZone);
}

/** A server refusal (code, message, details) as the desk says it. */
export function describeRefusal(code: string, message: string, details: Record<string, unknown> | undefined, timeZone: string): Text {
  const at = timeOf(details?.at, timeZone);
  const by = typeof details?.by === 'string' && details.by ? details.by : null;
  const where = (vi: boolean) => (by ? (vi ? ` tại ${by}` : ` at ${by}`) : '');
  switch (code) {
    case 'already_donated_today':
      return {
        vi: `Người này đã hiến máu hôm nay${at ? ` lúc ${at}` : ''}${where(true)}. Không ghi lần thứ hai.`,
        en: `Already donated today${at ? ` at ${at}` : ''}${where(false)}. Not recorded twice.`,
      };
    case 'already_deferred_today':
      return {
        vi: `Người này đã được tạm hoãn hôm nay${at ? ` lúc ${at}` : ''}${where(true)}.`,
        en: `Already deferred today${at ? ` at ${at}` : ''}${where(false)}.`,
      };
    case 'already_checked_in': {
      const when = timeOf(details?.checkedInAt, timeZone);
      return { vi: `Đã xác nhận đến hôm nay${when ? ` lúc ${when}` : ''}.`, en: `Already checked in today${when ? ` at ${when}` : ''}.` };
    }
    case 'not_checked_in':
      return { vi: 'Chưa xác nhận đến hôm nay: xác nhận đến trước.', en: 'Not checked in today: check in first.' };
    case 'duplicate_donor':
      return {
        vi: `Người này đã đăng ký rồi${typeof details?.donorId === 'string' ? ` (mã ${details.donorId})` : ''}: dùng hồ sơ đã có.`,
        en: `Already registered${typeof details?.donorId === 'string' ? ` (id ${details.donorId})` : ''}: use the existing record.`,
      };
    case 'donor_already_registered':
      return { vi: 'Mã người hiến này đã được đăng ký.', en: 'This donor id is already registered.' };
    case 'not_registered':
    case 'unknown_donor':
      return { vi: 'Không có người hiến này trong danh sách.', en: 'No such donor.' };
    case 'unknown_agency':
      return { vi: 'Đơn vị không có trong danh sách.', en: 'Unknown agency.' };
    case 'not_own_event':
      return { vi: 'Chỉ hoàn tác được thao tác do chính bàn này ghi.', en: 'A desk can only undo its own events.' };
    case 'void_blocked':
      return { vi: 'Hãy hoàn tác thao tác sau trước (vd. lần hiến/tạm hoãn trước khi hoàn tác xác nhận đến).', en: 'Undo the later event first.' };
    case 'already_voided':
      return { vi: 'Thao tác này đã được hoàn tác.', en: 'Already undone.' };
    case 'unknown_event':
      return { vi: 'Không tìm thấy thao tác cần hoàn tác.', en: 'Event to undo not found.' };
    case 'not_voidable':
      return { vi: 'Không hoàn tác được loại thao tác này.', en: 'This kind of event cannot be undone.' };
    case 'invalid_payload':
    case 'invalid_body':
      return { vi: 'Dữ liệu không hợp lệ.', en: message };
    case 'forbidden':
      return { vi: 'Thiết bị này không được phép ghi thao tác này.', en: 'This device may not do that.' };
    default:
      return { vi: 'Máy chủ từ chối thao tác.', en: message || code };
  }
}

/** The agency's name; "Tự do" for a donor with no agency (`walk-in`). */
export function agencyName(agencies: ReadonlyMap<string, { name: string; nameEn?: string }> | undefined, agencyId: string): Text {
  if (agencyId === 'walk-in') return { vi: 'Tự do (không thuộc đơn vị)', en: 'Walk-in' };
  const agency = agencies?.get(agencyId);
  return agency ? { vi: agency.name, en: agency.nameEn ?? '' } : { vi: agencyId, en: '' };
}

/** "34 tuổi" this year, from the year of birth. */
export function ageText(birthYear: number | undefined, today: string): string {
  return birthYear ? `${Number(today.slice(0, 4)) - birthYear} tuổi` : '';
}
