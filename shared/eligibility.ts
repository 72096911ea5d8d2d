/**
 * Eligibility hints for the registration desk, from Thông tư 26/2013/TT-BYT (whole-blood
 * donation): age from 18 to 60; weight at least 42 kg for women and 45 kg for men; at most
 * 250 ml under 45 kg; at most 9 ml per kg of body weight; 12 weeks (84 days) since a previous
 * whole-blood donation.
 *
 * These are hints the desk sees, never blocks: the physician decides. Pure: the caller gives
 * "today" (the festival day in the event's time zone).
 *
 * Age: the desk knows only the year of birth, so the age is the one reached this calendar
 * year. 18 this year may not be 18 yet, and 61 this year may still be 60: both are shown as
 * "check the date of birth" (info), not as a warning.
 */

export const MIN_AGE = 18;
export const MAX_AGE = 60;
export const MIN_WEIGHT_FEMALE_KG = 42;
export const MIN_WEIGHT_MALE_KG = 45;
/** Under this weight, at most 250 ml. */
export const FULL_VOLUME_WEIGHT_KG = 45;
export const MAX_ML_PER_KG = 9;
/** 12 weeks between two whole-blood donations. */
export const MIN_INTERVAL_DAYS = 84;

export type HintCode = 'age_under_18' | 'age_check_18' | 'age_check_60' | 'age_over_60' | 'weight_too_low' | 'weight_check_gender' | 'volume_max_250' | 'volume_over_per_kg' | 'too_soon';

export interface EligibilityHint {
  code: HintCode;
  /** `warning`: likely not eligible (the physician decides); `info`: something to check. */
  level: 'warning' | 'info';
  vi: string;
  en: string;
}

export interface EligibilityInput {
  /** The festival day, YYYY-MM-DD. */
  today: string;
  birthYear?: number | null;
  gender?: string | null;
  weightKg?: number | null;
  /** The previous whole-blood donation the donor told us of (YYYY-MM-DD). */
  lastDonationDate?: string | null;
  /** Days (YYYY-MM-DD) with a donation recorded in this log. */
  donatedDays?: Iterable<string>;
  /** The volume about to be recorded, when one is chosen. */
  volumeMl?: number | null;
}

const DAY_MS = 86_400_000;

function dayNumber(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!) / DAY_MS;
}

/** Whole days from `from` to `to` (YYYY-MM-DD each). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** `day` plus `days`, as YYYY-MM-DD. */
export function addDays(day: string, days: number): string {
  return new Date((dayNumber(day) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** 19/7/2024 */
function viDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${d}/${m}/${y}`;
}

/** The latest whole-blood donation before `today`: the one declared or one in this log. */
export function previousDonation(input: Pick<EligibilityInput, 'today' | 'lastDonationDate' | 'donatedDays'>): string | null {
  let latest: string | null = null;
  const consider = (day: string | null | undefined) => {
    if (day && /^\d{4}-\d{2}-\d{2}$/.test(day) && day < input.today && (latest === null || day > latest)) latest = day;
  };
  consider(input.lastDonationDate);
  for (const day of input.donatedDays ?? []) consider(day);
  return latest;
}

/**
 * The largest of the usual volumes (250 / 350 / 450 ml) the rules allow for a weight: 250 ml
 * under 45 kg, else at most 9 ml/kg. Null when the weight is unknown.
 */
export function maxVolumeMl(weightKg: number | null | undefined): 250 | 350 | 450 | null {
  if (weightKg === null || weightKg === undefined || !Number.isFinite(weightKg)) return null;
  if (weightKg < FULL_VOLUME_WEIGHT_KG) return 250;
  const perKg = weightKg * MAX_ML_PER_KG;
  if (perKg >= 450) return 450;
  if (perKg >= 350) return 350;
  return 250;
}

function minWeight(gender: string | null | undefined): number | null {
  if (gender === 'female') return MIN_WEIGHT_FEMALE_KG;
  if (gender === 'male') return MIN_WEIGHT_MALE_KG;
  return null;
}

function kg(value: number): string {
  return String(Math.round(value * 10) / 10).replace('.', ',');
}

export function eligibilityHints(input: EligibilityInput): EligibilityHint[] {
  const hints: EligibilityHint[] = [];
  const year = Number(input.today.slice(0, 4));

  // Age, from the year of birth.
  if (typeof input.birthYear === 'number') {
    const age = year - input.birthYear;
    if (age < MIN_AGE) {
      hints.push({ code: 'age_under_18', level: 'warning', vi: `Chưa đủ 18 tuổi (năm nay ${age} tuổi)`, en: `Under 18 (${age} this year)` });
    } else if (age === MIN_AGE) {
      hints.push({ code: 'age_check_18', level: 'info', vi: 'Tròn 18 tuổi trong năm nay: kiểm tra ngày sinh', en: 'Turns 18 this year: check the date of birth' });
    } else if (age === MAX_AGE + 1) {
      hints.push({ code: 'age_check_60', level: 'info', vi: 'Tròn 61 tuổi trong năm nay: kiểm tra ngày sinh (tối đa 60 tuổi)', en: 'Turns 61 this year: check the date of birth (60 at most)' });
    } else if (age > MAX_AGE + 1) {
      hints.push({ code: 'age_over_60', level: 'warning', vi: `Quá 60 tuổi (năm nay ${age} tuổi)`, en: `Over 60 (${age} this year)` });
    }
  }

  // Weight.
  const weight = typeof input.weightKg === 'number' && Number.isFinite(input.weightKg) ? input.weightKg : null;
  if (weight !== null) {
    const min = minWeight(input.gender);
    if (min !== null && weight < min) {
      hints.push({
        code: 'weight_too_low',
        level: 'warning',
        vi: `Cân nặng ${kg(weight)} kg, dưới mức tối thiểu ${min} kg (${input.gender === 'female' ? 'nữ' : 'nam'})`,
        en: `${kg(weight)} kg is under the ${min} kg minimum (${input.gender === 'female' ? 'women' : 'men'})`,
      });
    } else if (min === null && weight < MIN_WEIGHT_MALE_KG) {
      if (weight < MIN_WEIGHT_FEMALE_KG) {
        hints.push({ code: 'weight_too_low', level: 'warning', vi: `Cân nặng ${kg(weight)} kg, dưới mức tối thiểu 42 kg`, en: `${kg(weight)} kg is under the 42 kg minimum` });
      } else {
        hints.push({ code: 'weight_check_gender', level: 'info', vi: 'Nam cần từ 45 kg, nữ từ 42 kg: ghi giới tính', en: 'Men need 45 kg, women 42 kg: record the gender' });
      }
    }
    // Volume.
    const max = maxVolumeMl(weight)!;
    const volume = input.volumeMl ?? null;
    if (weight < FULL_VOLUME_WEIGHT_KG) {
      hints.push({
        code: 'volume_max_250',
        level: volume !== null && volume > 250 ? 'warning' : 'info',
        vi: `Dưới 45 kg: hiến tối đa 250 ml`,
        en: 'Under 45 kg: 250 ml at most',
      });
    } else if (max < 450) {
      hints.push({
        code: 'volume_over_per_kg',
        level: volume !== null && volume > max ? 'warning' : 'info',
        vi: `Không quá 9 ml/kg: tối đa ${max} ml với ${kg(weight)} kg`,
        en: `At most 9 ml/kg: ${max} ml at ${kg(weight)} kg`,
      });
    }
  }

  // Interval since the previous whole-blood donation.
  const previous = previousDonation(input);
  if (previous) {
    const days = daysBetween(previous, input.today);
    if (days < MIN_INTERVAL_DAYS) {
      const next = addDays(previous, MIN_INTERVAL_DAYS);
      hints.push({
        code: 'too_soon',
        level: 'warning',
        vi: `Lần hiến trước ${viDate(previous)} (${days} ngày): cần đủ 12 tuần, từ ${viDate(next)}`,
        en: `Last donated ${viDate(previous)} (${days} days ago): 12 weeks needed, from ${viDate(next)}`,
      });
    }
  }
  return hints;
}
