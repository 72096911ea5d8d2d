/**
 * Importing an agency's pre-registration list (CSV or XLSX, as the agencies send them to the
 * standing office): find the header row, recognise the columns by their Vietnamese (or
 * English) titles whatever their diacritics and case, check every row, and plan one
 * `donor.registered` event per valid row.
 *
 * Re-importing the same file never doubles anyone: rows whose person is already registered
 * (`findExisting`, the page's look-up) are shown and skipped, and the server refuses one it
 * recognises (the same CCCD, or name and agency with the same birth year or phone) as
 * `duplicate_donor`. Ids are the caller's (`newDonorId`, `newEventId`: random on a device), never
 * made from a person's data: an id travels where the person's data may not.
 *
 * Pure: the reader of the file (client side) hands over rows of cells; `decodeText` and
 * `parseCsv` turn a CSV file's bytes into such rows.
 */
import { ABO_GROUPS, BLOOD_TYPES as BLOOD_TYPE_NAMES, type AboGroup, type BloodTypeName } from './constants.ts';
import { foldForSearch } from './format.ts';
import { identityKey } from './projection.ts';
import { normalizePhone } from './donorSearch.ts';

export type Cell = string | number | boolean | Date | null | undefined;

export type ImportField = 'fullName' | 'birthYear' | 'gender' | 'phone' | 'nationalId' | 'bloodType' | 'agency' | 'workplace' | 'weightKg' | 'lastDonationDate' | 'index';

export const IMPORT_FIELDS: Record<ImportField, { vi: string; en: string }> = {
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  birthYear: { vi: 'Năm sinh', en: 'Year of birth' },
  gender: { vi: 'Giới tính', en: 'Gender' },
  phone: { vi: 'Số điện thoại', en: 'Phone' },
  nationalId: { vi: 'CCCD', en: 'National ID' },
  bloodType: { vi: 'Nhóm máu', en: 'Blood type' },
  agency: { vi: 'Đơn vị', en: 'Agency' },
  workplace: { vi: 'Đơn vị công tác', en: 'Workplace' },
  weightKg: { vi: 'Cân nặng', en: 'Weight' },
  lastDonationDate: { vi: 'Lần hiến gần nhất', en: 'Last donation' },
  index: { vi: 'STT', en: 'No.' },
};

/** Header titles, folded (no diacritics, lower case, punctuation as spaces). */
const ALIASES: Record<ImportField, string[]> = {
  fullName: ['ho va ten', 'ho ten', 'ten', 'ho va ten nguoi hien mau', 'ho ten nguoi hien mau', 'ten nguoi hien mau', 'nguoi hien mau', 'full name', 'fullname', 'name'],
  birthYear: ['nam sinh', 'ngay sinh', 'ngay thang nam sinh', 'sinh nam', 'nam sinh ngay sinh', 'year of birth', 'birth year', 'date of birth', 'birthday', 'dob', 'ns'],
  gender: ['gioi tinh', 'gioi', 'phai', 'nam nu', 'gender', 'sex'],
  phone: ['so dien thoai', 'dien thoai', 'sdt', 'so dt', 'dt', 'dtdd', 'di dong', 'so di dong', 'dien thoai lien he', 'phone', 'phone number', 'mobile', 'tel'],
  nationalId: [
    'cccd',
    'so cccd',
    'can cuoc',
    'can cuoc cong dan',
    'so can cuoc',
    'so can cuoc cong dan',
    'cmnd cccd',
    'cccd cmnd',
    'so cmnd cccd',
    'so cccd cmnd',
    'so dinh danh',
    'so dinh danh ca nhan',
    'cmnd',
    'so cmnd',
    'national id',
    'id number',
  ],
  bloodType: ['nhom mau', 'nhom mau abo', 'nhom mau abo rh', 'blood type', 'blood group'],
  agency: ['don vi', 'ten don vi', 'co quan', 'co quan don vi', 'agency', 'organisation', 'organization', 'unit'],
  // (issue 18) The person's workplace (a company under the union federation), kept as such: not
  // the agency the list is imported for, and no mismatch with it.
  workplace: ['don vi cong tac', 'noi cong tac', 'co quan cong tac', 'noi lam viec', 'workplace', 'employer'],
  weightKg: ['can nang', 'can nang kg', 'weight', 'weight kg'],
  lastDonationDate: ['lan hien gan nhat', 'ngay hien gan nhat', 'ngay hien mau gan nhat', 'lan hien mau gan nhat', 'hien mau lan cuoi', 'last donation', 'last donation date'],
  index: ['stt', 'tt', 'so tt', 'so thu tu', 'no', 'number'],
};

export function foldHeader(text: string): string {
  return foldForSearch(text)
    .replace(/\(\s*\*\s*\)|\*/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * The field a header title names, or null: an exact title first, else the longest title the
 * header starts with ("Ngày sinh (dd/mm/yyyy)" is a birth date, "Tên đơn vị" an agency).
 */
export function fieldOfHeader(title: string): ImportField | null {
  return fieldOfTitle(title, ALIASES);
}

/** fieldOfHeader over any list's titles (the ceremony's honourees have their own). */
export function fieldOfTitle<F extends string>(title: string, titles: Record<F, string[]>): F | null {
  const folded = foldHeader(title);
  if (!folded) return null;
  let best: { field: F; length: number } | null = null;
  for (const [field, aliases] of Object.entries(titles) as [F, string[]][]) {
    for (const alias of aliases) {
      if (folded === alias) return field;
      if (folded.startsWith(`${alias} `) && (!best || alias.length > best.length)) best = { field, length: alias.length };
    }
  }
  return best?.field ?? null;
}

export interface HeaderMapping {
  /** 1-based row number of the header in the sheet. */
  rowNumber: number;
  columns: Partial<Record<ImportField, number>>;
  /** Titles of the columns that were not recognised (ignored). */
  ignored: string[];
}

export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell).replace(/\s+/g, ' ').trim();
}

/** The header row: within the first 15 rows, the first that names a full-name column and one more. */
export function findHeader(rows: Cell[][]): HeaderMapping | null {
  for (let r = 0; r < Math.min(rows.length, 15); r += 1) {
    const columns: Partial<Record<ImportField, number>> = {};
    const ignored: string[] = [];
    (rows[r] ?? []).forEach((cell, c) => {
      const title = cellText(cell);
      if (!title) return;
      const field = fieldOfHeader(title);
      if (field && columns[field] === undefined) columns[field] = c;
      else ignored.push(title);
    });
    if (columns.fullName !== undefined && Object.keys(columns).length >= 2) return { rowNumber: r + 1, columns, ignored };
  }
  return null;
}

// ---- values -------------------------------------------------------------------------------

export interface ImportProblem {
  field: ImportField | 'row';
  level: 'error' | 'warning';
  vi: string;
  en: string;
}

type Parsed<T> = { value?: T; problem?: Omit<ImportProblem, 'field'> };

const warn = (vi: string, en: string) => ({ problem: { level: 'warning' as const, vi, en } });

/** "NGUYỄN THỊ LAN" → "Nguyễn Thị Lan"; names already in mixed case are kept. */
export function tidyName(raw: string): string {
  const name = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (name !== name.toLocaleUpperCase('vi') && name !== name.toLocaleLowerCase('vi')) return name;
  return name
    .toLocaleLowerCase('vi')
    .split(' ')
    .map((word) => word.charAt(0).toLocaleUpperCase('vi') + word.slice(1))
    .join(' ');
}

function excelSerialToDate(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86_400_000));
}

function parseBirthYear(cell: Cell, thisYear: number): Parsed<number> {
  let year: number | null = null;
  if (cell instanceof Date) year = cell.getUTCFullYear();
  else if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 1900 && cell <= 2100) year = cell;
    else if (cell > 2100 && cell < 80_000) year = excelSerialToDate(cell).getUTCFullYear();
  } else {
    const text = cellText(cell);
    if (!text) return {};
    const match = /^(\d{4})$/.exec(text) ?? /^\d{1,2}[/.-]\d{1,2}[/.-](\d{4})$/.exec(text) ?? /^(\d{4})[/.-]\d{1,2}[/.-]\d{1,2}/.exec(text) ?? /^\d{1,2}[/.-](\d{4})$/.exec(text);
    if (match) year = Number(match[1]);
  }
  if (year === null) return warn(`Năm sinh "${cellText(cell)}" không đọc được: bỏ trống`, `Year of birth "${cellText(cell)}" unreadable: left empty`);
  if (year < 1900 || year > thisYear) return warn(`Năm sinh ${year} không hợp lệ: bỏ trống`, `Year of birth ${year} is not valid: left empty`);
  return { value: year };
}

function parseGender(cell: Cell): Parsed<'female' | 'male'> {
  const text = cellText(cell);
  if (!text) return {};
  const folded = foldForSearch(text);
  if (['nu', 'n', 'f', 'female', 'nu gioi', 'gai', 'woman'].includes(folded)) return { value: 'female' };
  if (['nam', 'm', 'male', 'nam gioi', 'trai', 'man'].includes(folded)) return { value: 'male' };
  return warn(`Giới tính "${text}" không rõ: bỏ trống`, `Gender "${text}" unclear: left empty`);
}

function parsePhone(cell: Cell): Parsed<string> {
  const raw = typeof cell === 'number' ? String(cell) : cellText(cell);
  if (!raw) return {};
  // Several numbers in one cell: the first one.
  const first = raw.split(/[,;/]| - |\s{2,}/)[0] ?? raw;
  let digits = normalizePhone(first);
  // A spreadsheet that took the number for a number lost its leading 0.
  if (digits.length === 9 && /^[1-9]/.test(digits)) digits = `0${digits}`;
  if (!/^0\d{9}$/.test(digits)) return warn(`Số điện thoại "${raw}" không hợp lệ (cần 10 số): bỏ trống`, `Phone "${raw}" is not valid (10 digits): left empty`);
  return { value: digits };
}

function parseNationalId(cell: Cell): Parsed<string> {
  if (typeof cell === 'number') {
    if (!Number.isSafeInteger(cell)) return warn('CCCD bị bảng tính làm tròn: bỏ trống (định dạng cột là Văn bản)', 'CCCD rounded by the spreadsheet: left empty (format the column as Text)');
    const digits = String(cell);
    // Stored as a number, the leading zeros of the province code were lost.
    if (digits.length >= 10 && digits.length <= 12) return { value: digits.padStart(12, '0') };
    return warn(`CCCD "${digits}" không đủ 12 số: bỏ trống`, `CCCD "${digits}" is not 12 digits: left empty`);
  }
  const text = cellText(cell);
  if (!text) return {};
  if (/e\+?\d+$/i.test(text)) return warn(`CCCD "${text}" bị bảng tính làm tròn: bỏ trống`, `CCCD "${text}" was rounded by the spreadsheet: left empty`);
  const digits = text.replace(/[\s.\-']/g, '');
  if (/^\d{12}$/.test(digits)) return { value: digits };
  if (/^\d{9}$/.test(digits)) return warn('Số CMND 9 số, không phải CCCD: bỏ trống', 'A 9-digit old ID, not a CCCD: left empty');
  return warn(`CCCD "${text}" không đủ 12 số: bỏ trống`, `CCCD "${text}" is not 12 digits: left empty`);
}

const BLOOD_TYPES = new Set<string>(BLOOD_TYPE_NAMES);

/** A blood type with its Rh, or (issue 18) the ABO group alone: lists usually omit the Rh. */
function parseBloodType(cell: Cell): Parsed<{ bloodType: BloodTypeName } | { bloodGroup: AboGroup }> {
  const text = cellText(cell);
  if (!text) return {};
  let compact = foldForSearch(text).toUpperCase().replace(/\s+/g, '');
  compact = compact
    .replace(/RH\(?([+-])\)?/, '$1')
    .replace(/\(([+-])\)/, '$1')
    .replace(/DUONG$/, '+')
    .replace(/AM$/, '-')
    .replace(/^0/, 'O');
  if (BLOOD_TYPES.has(compact)) return { value: { bloodType: compact as BloodTypeName } };
  if ((ABO_GROUPS as readonly string[]).includes(compact)) return { value: { bloodGroup: compact as AboGroup } };
  return warn(`Nhóm máu "${text}" không rõ: bỏ trống`, `Blood type "${text}" unclear: left empty`);
}

function parseWeight(cell: Cell): Parsed<number> {
  const text = typeof cell === 'number' ? String(cell) : cellText(cell).replace(/kg$/i, '').replace(',', '.').trim();
  if (!text) return {};
  const value = Number(text);
  if (!Number.isFinite(value) || value < 20 || value > 250) return warn(`Cân nặng "${cellText(cell)}" không hợp lệ: bỏ trống`, `Weight "${cellText(cell)}" not valid: left empty`);
  return { value: Math.round(value * 10) / 10 };
}

function parseDate(cell: Cell, today: string): Parsed<string> {
  let day: string | null = null;
  if (cell instanceof Date) day = cell.toISOString().slice(0, 10);
  else if (typeof cell === 'number' && cell > 20_000 && cell < 80_000) day = excelSerialToDate(cell).toISOString().slice(0, 10);
  else {
    const text = cellText(cell);
    if (!text) return {};
    let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
    if (match) day = `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
    match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
    if (match) day = `${match[1]}-${match[2]}-${match[3]}`;
  }
  const valid = day && !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day);
  if (!day || !valid) return warn(`Ngày "${cellText(cell)}" không đọc được (dd/mm/yyyy): bỏ trống`, `Date "${cellText(cell)}" unreadable (dd/mm/yyyy): left empty`);
  if (day > today) return warn(`Ngày hiến gần nhất ${day} ở tương lai: bỏ trống`, `Last donation ${day} is in the future: left empty`);
  return { value: day };
}

// ---- the plan -----------------------------------------------------------------------------

/** What is known of a donor when registering: from a list's row, or typed at the desk. */
export interface DonorDetails {
  fullName: string;
  agencyId: string;
  birthYear?: number;
  gender?: 'female' | 'male';
  phone?: string;
  nationalId?: string;
  bloodType?: BloodTypeName;
  /** (issue 18) The ABO group when the Rh is not known. */
  bloodGroup?: AboGroup;
  /** (issue 18) Where the person works. */
  workplace?: string;
  weightKg?: number;
  lastDonationDate?: string;
}

export interface ImportedDonor extends DonorDetails {
  donorId: string;
}

/**
 * `listed`: the person is already registered with another agency (same name, and the same CCCD
 * last digits, phone or year of birth): not registered twice, recorded as also on this list
 * (`donor.listed`), credited by the default rule to the agency whose list came first.
 */
export type ImportRowStatus = 'ok' | 'warning' | 'error' | 'exists' | 'listed';

export interface ImportRow {
  /** 1-based row number in the sheet (what the person sees in Excel). */
  rowNumber: number;
  /** The cells as read, by field, for the preview. */
  raw: Partial<Record<ImportField, string>>;
  status: ImportRowStatus;
  problems: ImportProblem[];
  /** The event to send (ok and warning rows). */
  eventId: string;
  donor: ImportedDonor | null;
  /** The donor already registered as this person (status `exists`, or `listed` with another agency). */
  existingDonorId?: string;
  /** (status `listed`) The agency the person is registered with, and credited to. */
  listedWith?: string;
}

export interface ImportPlan {
  header: HeaderMapping;
  rows: ImportRow[];
  counts: Record<ImportRowStatus, number>;
}

export interface ImportOptions {
  agencyId: string;
  /** The agency's name, to check a "Đơn vị" column against. */
  agencyName?: string;
  /** YYYY-MM-DD, in the event's time zone. */
  today: string;
  /** The id of a row's donor and of its event: random on a device (never made from the person's data). */
  newDonorId: () => string;
  newEventId: () => string;
  /** The donor already registered as this person, if any (the page knows whom it holds). */
  findExisting?: (person: ImportedDonor) => string | null;
  /** The same person registered with another agency, if any (an overlap: status `listed`). */
  findListedElsewhere?: (person: ImportedDonor) => { donorId: string; agencyId: string } | null;
}

export type ImportFailure = { ok: false; vi: string; en: string };

/** Checks every row of a sheet and plans the events; a failure when no header row is found. */
export function planImport(rows: Cell[][], options: ImportOptions): { ok: true; plan: ImportPlan } | ImportFailure {
  const header = findHeader(rows);
  if (!header) {
    return {
      ok: false,
      vi: 'Không tìm thấy dòng tiêu đề có cột "Họ và tên" (và ít nhất một cột khác như Năm sinh, Số điện thoại, CCCD) trong 15 dòng đầu.',
      en: 'No header row with a "Họ và tên" (full name) column and one more (year of birth, phone, CCCD…) in the first 15 rows.',
    };
  }
  const thisYear = Number(options.today.slice(0, 4));
  const agencyFolded = options.agencyName ? foldForSearch(options.agencyName) : null;
  const seenNationalIds = new Map<string, number>();
  const seenIdentities = new Map<string, number>();
  const out: ImportRow[] = [];
  const counts: Record<ImportRowStatus, number> = { ok: 0, warning: 0, error: 0, exists: 0, listed: 0 };

  for (let r = header.rowNumber; r < rows.length; r += 1) {
    const cells = rows[r] ?? [];
    const rowNumber = r + 1;
    const cell = (field: ImportField): Cell => {
      const column = header.columns[field];
      return column === undefined ? undefined : cells[column];
    };
    const raw: Partial<Record<ImportField, string>> = {};
    for (const field of Object.keys(header.columns) as ImportField[]) {
      const text = cellText(cell(field));
      if (text) raw[field] = text;
    }
    // Blank rows (and rows with only a serial number) are not people.
    const meaningful = (Object.keys(raw) as ImportField[]).filter((f) => f !== 'index');
    if (meaningful.length === 0) continue;

    const problems: ImportProblem[] = [];
    const take = <T>(field: ImportField, parsed: Parsed<T>): T | undefined => {
      if (parsed.problem) problems.push({ field, ...parsed.problem });
      return parsed.value;
    };
    const fullName = tidyName(raw.fullName ?? '');
    if (!fullName) problems.push({ field: 'fullName', level: 'error', vi: 'Thiếu họ và tên', en: 'Full name missing' });
    else if (fullName.length > 120) problems.push({ field: 'fullName', level: 'error', vi: 'Họ và tên dài quá 120 ký tự', en: 'Full name over 120 characters' });
    else if (/\d/.test(fullName)) problems.push({ field: 'fullName', level: 'warning', vi: 'Họ và tên có chữ số: kiểm tra lại', en: 'The name contains digits: check it' });

    const birthYear = take('birthYear', parseBirthYear(cell('birthYear'), thisYear));
    const gender = take('gender', parseGender(cell('gender')));
    const phone = take('phone', parsePhone(cell('phone')));
    const nationalId = take('nationalId', parseNationalId(cell('nationalId')));
    const blood = take('bloodType', parseBloodType(cell('bloodType')));
    const workplace = raw.workplace && raw.workplace.length <= 200 ? raw.workplace : undefined;
    const weightKg = take('weightKg', parseWeight(cell('weightKg')));
    const lastDonationDate = take('lastDonationDate', parseDate(cell('lastDonationDate'), options.today));
    if (raw.agency && agencyFolded) {
      const written = foldForSearch(raw.agency);
      if (!agencyFolded.includes(written) && !written.includes(agencyFolded) && written !== foldForSearch(options.agencyId)) {
        problems.push({ field: 'agency', level: 'warning', vi: `Đơn vị ghi "${raw.agency}", khác đơn vị đang nhập`, en: `Agency "${raw.agency}" differs from the one being imported` });
      }
    }

    let donor: ImportedDonor | null = null;
    let existingDonorId: string | undefined;
    let listedWith: { donorId: string; agencyId: string } | undefined;
    const eventId = options.newEventId();
    if (!problems.some((p) => p.level === 'error')) {
      donor = {
        donorId: options.newDonorId(),
        fullName,
        agencyId: options.agencyId,
        ...(birthYear !== undefined ? { birthYear } : {}),
        ...(gender ? { gender } : {}),
        ...(phone ? { phone } : {}),
        ...(nationalId ? { nationalId } : {}),
        ...(blood ?? {}),
        ...(workplace ? { workplace } : {}),
        ...(weightKg !== undefined ? { weightKg } : {}),
        ...(lastDonationDate ? { lastDonationDate } : {}),
      };
      // The same person twice in the file.
      const identity = identityKey(fullName, birthYear, options.agencyId);
      const sameCccd = nationalId ? seenNationalIds.get(nationalId) : undefined;
      const samePerson = identity ? seenIdentities.get(identity) : undefined;
      if (sameCccd !== undefined) {
        problems.push({ field: 'nationalId', level: 'error', vi: `Trùng CCCD với dòng ${sameCccd}`, en: `Same CCCD as row ${sameCccd}` });
      } else if (samePerson !== undefined) {
        problems.push({ field: 'row', level: 'error', vi: `Trùng họ tên và năm sinh với dòng ${samePerson}`, en: `Same name and year of birth as row ${samePerson}` });
      } else {
        if (nationalId) seenNationalIds.set(nationalId, rowNumber);
        if (identity) seenIdentities.set(identity, rowNumber);
        existingDonorId = options.findExisting?.(donor) ?? undefined;
        if (!existingDonorId) listedWith = options.findListedElsewhere?.(donor) ?? undefined;
      }
      if (problems.some((p) => p.level === 'error')) donor = null;
    }
    const failed = problems.some((p) => p.level === 'error');
    const status: ImportRowStatus = failed ? 'error' : existingDonorId ? 'exists' : listedWith ? 'listed' : problems.length ? 'warning' : 'ok';
    counts[status] += 1;
    const existing = existingDonorId ? { existingDonorId } : !failed && listedWith ? { existingDonorId: listedWith.donorId, listedWith: listedWith.agencyId } : {};
    out.push({ rowNumber, raw, status, problems, eventId, donor, ...existing });
  }
  return { ok: true, plan: { header, rows: out, counts } };
}

// ---- CSV ----------------------------------------------------------------------------------

/**
 * The text of a CSV file: UTF-8 (with or without BOM), UTF-16 with BOM, or — when the bytes
 * are not valid UTF-8 — Windows-1258 (the Vietnamese code page older Excel saves in).
 */
export function decodeText(bytes: Uint8Array): string {
  return decodeBytes(bytes).normalize('NFC');
}

function decodeBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    try {
      return new TextDecoder('windows-1258').decode(body);
    } catch {
      return new TextDecoder('utf-8').decode(body);
    }
  }
}

/**
 * RFC 4180 CSV: quoted fields (with "" for a quote, and line breaks inside quotes), CRLF or
 * LF line ends. The separator is the one Excel wrote: a leading `sep=;` line, else whichever
 * of `,` `;` tab appears most in the first lines (title rows above the header have none).
 */
export function parseCsv(text: string): string[][] {
  let source = text.startsWith('\ufeff') ? text.slice(1) : text;
  let separator: string | null = null;
  const sepLine = /^sep=(.)\r?\n/i.exec(source);
  if (sepLine) {
    separator = sepLine[1]!;
    source = source.slice(sepLine[0].length);
  }
  if (!separator) {
    // Title rows above the header have no separators: look at the first lines that do.
    const lines = source.split(/\r?\n/, 20).map((line) => line.replace(/"[^"]*"/g, ''));
    const counts = [',', ';', '\t'].map((sep) => [sep, lines.reduce((n, line) => n + line.split(sep).length - 1, 0)] as const);
    separator = counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
    if (counts.every(([, n]) => n === 0)) separator = ',';
  }
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (quoted) {
      if (ch === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
      i += 1;
    } else if (ch === separator) {
      row.push(field);
      field = '';
      i += 1;
    } else if (ch === '\r' || ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += ch === '\r' && source[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i += 1;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

// ---- overlapping lists ----------------------------------------------------------------------

/** What the overlap look-up needs of a registered donor (a desk's projection holds it). */
export interface KnownDonor {
  id: string;
  fullName: string;
  agencyId: string;
  birthYear?: number | undefined;
  phone?: string | undefined;
  nationalIdLast4?: string | undefined;
  erased?: true | undefined;
}

/**
 * Recognises a person of a list already registered with ANOTHER agency (a union member also on a
 * department's list): the same name (diacritics and case aside) and the same last 4 digits of
 * the CCCD or the same phone; or the same year of birth when neither side gives a different CCCD
 * or phone. A name alone is never enough (many people share one). Built once per list.
 */
export function overlapFinder(donors: Iterable<KnownDonor>): (person: DonorDetails) => { donorId: string; agencyId: string } | null {
  const byName = new Map<string, KnownDonor[]>();
  for (const donor of donors) {
    if (donor.erased || !donor.fullName) continue;
    const key = foldForSearch(donor.fullName);
    const list = byName.get(key);
    if (list) list.push(donor);
    else byName.set(key, [donor]);
  }
  return (person) => {
    const candidates = byName.get(foldForSearch(person.fullName));
    if (!candidates) return null;
    const last4 = person.nationalId ? person.nationalId.slice(-4) : undefined;
    for (const donor of candidates) {
      if (donor.agencyId === person.agencyId) continue;
      const sameCard = last4 !== undefined && donor.nationalIdLast4 === last4;
      const samePhone = person.phone !== undefined && donor.phone === person.phone;
      const differs =
        (last4 !== undefined && donor.nationalIdLast4 !== undefined && donor.nationalIdLast4 !== last4) || (person.phone !== undefined && donor.phone !== undefined && donor.phone !== person.phone);
      const sameYear = person.birthYear !== undefined && donor.birthYear === person.birthYear && !differs;
      if (sameCard || samePhone || sameYear) return { donorId: donor.id, agencyId: donor.agencyId };
    }
    return null;
  };
}
