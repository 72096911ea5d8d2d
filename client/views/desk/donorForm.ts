/**
 * The walk-in and correction form's checks, mirroring the event schema (shared/events.ts), so
 * the desk hears what is wrong before anything is sent. Pure. The problems are messages
 * (catalog keys, `desk.formErrors.*`) the form puts into words in the chosen language;
 * `checkDonorForm` gives them as text (Vietnamese unless asked otherwise).
 *
 * A walk-in needs name, agency (or "walk-in"), year of birth, gender, phone and weight; blood
 * type, CCCD and the previous donation date are optional. A correction sends only what changed
 * (an emptied optional field is cleared with null; an empty CCCD field keeps the CCCD: the desk
 * holds only its last 4 digits, so a CCCD typed anew is always sent, and the server keeps its
 * hash and last 4 digits in place of the old ones).
 */
import type { DonorDetails } from '../../../shared/donorImport.ts';
import type { Donor } from '../../../shared/projection.ts';
import type { Lang } from '../../i18n/index.ts';
import { BLOOD_TYPE_LIST } from './deskText.ts';
import { msg, textOf, type Msg } from './i18n.ts';

export interface DonorFormValues {
  fullName: string;
  agencyId: string;
  birthYear: string;
  gender: '' | 'female' | 'male';
  phone: string;
  nationalId: string;
  bloodType: string;
  weightKg: string;
  /** d/m/yyyy as typed (or yyyy-mm-dd). */
  lastDonationDate: string;
}

export type FormField = keyof DonorFormValues;
export type FormErrors = Partial<Record<FormField, string>>;
export type FormProblems = Partial<Record<FormField, Msg>>;

export const EMPTY_FORM: DonorFormValues = {
  fullName: '',
  agencyId: '',
  birthYear: '',
  gender: '',
  phone: '',
  nationalId: '',
  bloodType: '',
  weightKg: '',
  lastDonationDate: '',
};

export type { DonorDetails };

export function normalizeName(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Digits of a phone as typed ("0912 345 678", "+84 912…"), the +84 kept as written. */
export function cleanPhone(text: string): string {
  const trimmed = text.trim();
  const digits = trimmed.replace(/\D/g, '');
  return trimmed.startsWith('+') ? `+${digits}` : digits;
}

/** 15/3/2024 or 2024-03-15 → 2024-03-15; null when not a real date. */
export function parseDay(text: string): string | null {
  const trimmed = text.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  if (match) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
    if (!match) return null;
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** The form's values for an existing donor (the CCCD field stays empty: the desk has only its last 4 digits). */
export function formValuesOf(donor: Donor): DonorFormValues {
  const [y, m, d] = donor.lastDonationDate ? donor.lastDonationDate.split('-').map(Number) : [];
  return {
    fullName: donor.fullName,
    agencyId: donor.agencyId,
    birthYear: donor.birthYear !== undefined ? String(donor.birthYear) : '',
    gender: donor.gender === 'female' || donor.gender === 'male' ? donor.gender : '',
    phone: donor.phone ?? '',
    nationalId: '',
    bloodType: donor.bloodType ?? '',
    weightKg: donor.weightKg !== undefined ? String(donor.weightKg).replace('.', ',') : '',
    lastDonationDate: donor.lastDonationDate ? `${d}/${m}/${y}` : '',
  };
}

/** The problems as text, in `lang` (Vietnamese unless asked otherwise). */
export function problemTexts(problems: FormProblems, lang: Lang = 'vi'): FormErrors {
  const errors: FormErrors = {};
  for (const [field, problem] of Object.entries(problems) as [FormField, Msg][]) errors[field] = textOf(problem, lang);
  return errors;
}

/** Checks the values, the problems as text (see `validateDonorForm`). */
export function checkDonorForm(values: DonorFormValues, options: { required: boolean; today: string; lang?: Lang }): { errors: FormErrors; details: DonorDetails | null } {
  const { problems, details } = validateDonorForm(values, options);
  return { errors: problemTexts(problems, options.lang), details };
}

const problem = (name: string, values?: Record<string, string>): Msg => msg(`desk.formErrors.${name}`, values);

/**
 * Checks the values. `required`: the walk-in's required fields (a correction requires only
 * name and agency). `today` (YYYY-MM-DD) bounds the year of birth and the previous donation.
 */
export function validateDonorForm(values: DonorFormValues, options: { required: boolean; today: string }): { problems: FormProblems; details: DonorDetails | null } {
  const problems: FormProblems = {};
  const details: DonorDetails = { fullName: normalizeName(values.fullName), agencyId: values.agencyId };
  const thisYear = Number(options.today.slice(0, 4));

  if (!details.fullName) problems.fullName = problem('fullNameMissing');
  else if (details.fullName.length > 120) problems.fullName = problem('fullNameLong');
  else if (/[0-9@#$%^&*_=+<>{}[\]\\|]/.test(details.fullName)) problems.fullName = problem('fullNameChars');

  if (!values.agencyId) problems.agencyId = problem('agencyMissing');

  const year = values.birthYear.trim();
  if (year) {
    if (!/^\d{4}$/.test(year)) problems.birthYear = problem('birthYearFormat');
    else if (Number(year) < 1900 || Number(year) > thisYear) problems.birthYear = problem('birthYearRange', { max: String(thisYear) });
    else details.birthYear = Number(year);
  } else if (options.required) problems.birthYear = problem('birthYearMissing');

  if (values.gender) details.gender = values.gender;
  else if (options.required) problems.gender = problem('genderMissing');

  const phone = cleanPhone(values.phone);
  if (phone) {
    if (!/^(0|\+84)\d{9}$/.test(phone)) problems.phone = problem('phoneFormat');
    else details.phone = phone.startsWith('+84') ? `0${phone.slice(3)}` : phone;
  } else if (options.required) problems.phone = problem('phoneMissing');

  const nationalId = values.nationalId.replace(/[\s.-]/g, '');
  if (nationalId) {
    if (!/^\d{12}$/.test(nationalId)) problems.nationalId = problem('nationalIdFormat');
    else details.nationalId = nationalId;
  }

  if (values.bloodType) {
    const bloodType = BLOOD_TYPE_LIST.find((type) => type === values.bloodType);
    if (!bloodType) problems.bloodType = problem('bloodTypeInvalid');
    else details.bloodType = bloodType;
  }

  const weightText = values.weightKg.trim().replace(',', '.');
  if (weightText) {
    const weight = Number(weightText);
    if (!/^\d+(\.\d+)?$/.test(weightText) || !Number.isFinite(weight) || weight < 20 || weight > 250) problems.weightKg = problem('weightRange');
    else details.weightKg = Math.round(weight * 10) / 10;
  } else if (options.required) problems.weightKg = problem('weightMissing');

  if (values.lastDonationDate.trim()) {
    const day = parseDay(values.lastDonationDate);
    if (!day) problems.lastDonationDate = problem('dateInvalid');
    else if (day > options.today) problems.lastDonationDate = problem('dateFuture');
    else details.lastDonationDate = day;
  }

  return { problems, details: Object.keys(problems).length ? null : details };
}

const OPTIONAL = ['birthYear', 'gender', 'phone', 'bloodType', 'weightKg', 'lastDonationDate'] as const;

/** What a correction changes: changed fields, null for a cleared optional one. Empty when nothing changed. */
export function changesOf(donor: Donor, details: DonorDetails): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if (details.fullName !== donor.fullName) changes.fullName = details.fullName;
  if (details.agencyId !== donor.agencyId) changes.agencyId = details.agencyId;
  for (const field of OPTIONAL) {
    const before = (donor as unknown as Record<string, unknown>)[field];
    const after = details[field];
    if (after === undefined && before !== undefined) changes[field] = null;
    else if (after !== undefined && after !== before) changes[field] = after;
  }
  if (details.nationalId) changes.nationalId = details.nationalId;
  return changes;
}
