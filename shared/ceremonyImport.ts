/**
 * Importing the ceremony's honourees (issue 17) from the list the standing office keeps with
 * Sở Nội vụ (CSV or XLSX): find the header row, recognise the columns by their Vietnamese (or
 * English) titles whatever their diacritics, check every row, and plan one
 * `ceremony.honouree_set` per new or changed honouree.
 *
 * All or nothing: one row in error and nothing is imported; each row says what is wrong.
 * Re-importing the same file changes nothing: an honouree already listed (same kind, name and
 * unit, diacritics and case aside) is matched, unchanged rows are skipped, changed ones update
 * the same honouree. Pure: the admin page previews with it, the server imports with it.
 */
import { HONOUREE_KINDS, type HonoureeKind } from './constants.ts';
import { cellText, fieldOfTitle, tidyName, type Cell } from './donorImport.ts';
import { foldForSearch } from './format.ts';
import type { CeremonyBatch, Honouree, ProjectionState } from './projectionState.ts';

export type HonoureeField = 'index' | 'kind' | 'name' | 'unit' | 'donations' | 'award' | 'batch' | 'order' | 'seat' | 'hidden' | 'leader';

const ALIASES: Record<HonoureeField, string[]> = {
  index: ['stt', 'tt', 'so tt', 'so thu tu', 'no'],
  kind: ['loai', 'doi tuong', 'loai doi tuong', 'ca nhan gia dinh tap the', 'ca nhan tap the', 'kind', 'type'],
  name: ['ho va ten', 'ho ten', 'ten', 'ten tap the', 'ho ten ten tap the', 'ho va ten ten tap the', 'ten ca nhan gia dinh tap the', 'ten ca nhan tap the', 'name'],
  unit: ['don vi', 'don vi dia chi', 'dia chi', 'don vi cong tac', 'noi cong tac', 'co quan don vi', 'que quan dia chi', 'unit', 'address', 'unit or address'],
  donations: ['so lan hien', 'so lan hien mau', 'so lan', 'lan hien mau', 'donations', 'number of donations'],
  award: ['hinh thuc khen thuong', 'khen thuong', 'hinh thuc', 'danh hieu', 'muc khen', 'award'],
  batch: ['dot', 'dot len san khau', 'dot trao', 'dot vinh danh', 'batch'],
  order: ['thu tu', 'thu tu trong dot', 'thu tu len', 'order'],
  seat: ['ghe', 'so ghe', 'cho ngoi', 'vi tri ngoi', 'vi tri', 'seat'],
  hidden: ['khong hien thi', 'khong cong khai', 'khong hien len man hinh', 'an ten', 'hidden', 'not shown'],
  leader: ['lanh dao trao', 'nguoi trao', 'lanh dao trao tang', 'leader', 'presenting leader'],
};

export const HONOUREE_FIELD_NAMES: Record<HonoureeField, { vi: string; en: string }> = {
  index: { vi: 'STT', en: 'No.' },
  kind: { vi: 'Loại (cá nhân / gia đình / tập thể)', en: 'Kind' },
  name: { vi: 'Họ và tên / Tên tập thể', en: 'Name' },
  unit: { vi: 'Đơn vị / Địa chỉ', en: 'Unit or address' },
  donations: { vi: 'Số lần hiến máu', en: 'Donations' },
  award: { vi: 'Hình thức khen thưởng', en: 'Award' },
  batch: { vi: 'Đợt', en: 'Batch' },
  order: { vi: 'Thứ tự', en: 'Order' },
  seat: { vi: 'Ghế', en: 'Seat' },
  hidden: { vi: 'Không hiển thị', en: 'Not shown' },
  leader: { vi: 'Lãnh đạo trao', en: 'Presenting leader' },
};

interface Header {
  rowNumber: number;
  columns: Partial<Record<HonoureeField, number>>;
}

function findHeader(rows: Cell[][]): Header | null {
  for (let r = 0; r < Math.min(rows.length, 15); r += 1) {
    const columns: Partial<Record<HonoureeField, number>> = {};
    (rows[r] ?? []).forEach((cell, c) => {
      const field = fieldOfTitle(cellText(cell), ALIASES);
      if (field && columns[field] === undefined) columns[field] = c;
    });
    if (columns.name !== undefined && columns.award !== undefined && columns.batch !== undefined) return { rowNumber: r + 1, columns };
  }
  return null;
}

export interface HonoureeProblem {
  field: HonoureeField | 'row';
  vi: string;
  en: string;
}

/** What an honouree's row sets (the id is the existing honouree's, or made by the importer). */
export interface PlannedHonouree {
  kind: HonoureeKind;
  name: string;
  unit?: string;
  donations?: number;
  awardId: string;
  batchId: string;
  order: number;
  seat?: string;
  hidden?: boolean;
}

export type HonoureeRowStatus = 'new' | 'changed' | 'same' | 'error';

export interface HonoureeImportRow {
  rowNumber: number;
  status: HonoureeRowStatus;
  problems: HonoureeProblem[];
  honouree: PlannedHonouree | null;
  /** The honouree already listed that this row is (changed or same). */
  existingId?: string;
  /** The leader the row names for its batch. */
  leader?: string;
}

export interface HonoureeImportPlan {
  rows: HonoureeImportRow[];
  counts: Record<HonoureeRowStatus, number>;
  /** Batches whose presenting leader the list changes. */
  leaders: { batchId: string; leader: string }[];
}

export type HonoureeImportResult = { ok: true; plan: HonoureeImportPlan } | { ok: false; vi: string; en: string };

const KIND_WORDS: Record<string, HonoureeKind> = {
  'ca nhan': 'individual',
  individual: 'individual',
  'gia dinh': 'family',
  'ho gia dinh': 'family',
  family: 'family',
  'tap the': 'collective',
  'don vi': 'collective',
  'co quan': 'collective',
  collective: 'collective',
};

/** Who an honouree is, for matching a re-import: kind, name and unit, diacritics and case aside. */
export function honoureeKey(h: { kind: string; name: string; unit?: string | undefined }): string {
  return `${h.kind}|${foldForSearch(h.name)}|${foldForSearch(h.unit ?? '')}`;
}

function matchBatch(text: string, batches: CeremonyBatch[]): CeremonyBatch | undefined {
  const folded = foldForSearch(text);
  const byId = batches.find((b) => foldForSearch(b.id) === folded || foldForSearch(b.title) === folded);
  if (byId) return byId;
  // "2", "Đợt 2", "đợt 2 - tập thể": the batch's number is its place in the order (1-based).
  const number = /^(?:dot\s*)?(\d{1,3})\b/.exec(folded)?.[1];
  if (number === undefined) return undefined;
  return [...batches].sort((a, b) => a.order - b.order)[Number(number) - 1];
}

function integer(cell: Cell): number | null | undefined {
  const text = cellText(cell);
  if (!text) return undefined;
  const value = typeof cell === 'number' ? cell : Number(text.replace(/\s/g, ''));
  return Number.isInteger(value) && value >= 0 ? value : null;
}

function yes(text: string): boolean {
  return ['x', 'co', 'yes', 'true', '1', 'khong hien thi', 'an'].includes(foldForSearch(text));
}

/** Checks every row of a sheet against the awards and batches of the state; plans the changes. */
export function planHonoureeImport(rows: Cell[][], state: Pick<ProjectionState, 'ceremonyAwards' | 'ceremonyBatches' | 'honourees'>): HonoureeImportResult {
  const header = findHeader(rows);
  if (!header) {
    return {
      ok: false,
      vi: 'Không tìm thấy dòng tiêu đề có các cột "Họ và tên", "Hình thức khen thưởng" và "Đợt" trong 15 dòng đầu.',
      en: 'No header row with "Họ và tên" (name), "Hình thức khen thưởng" (award) and "Đợt" (batch) columns in the first 15 rows.',
    };
  }
  const batches = [...state.ceremonyBatches.values()];
  const known = new Map<string, Honouree>();
  for (const h of state.honourees.values()) if (!h.erased) known.set(honoureeKey(h), h);
  const seen = new Map<string, number>();
  const seenPlace = new Map<string, number>();
  // A row without an order goes after the honourees its batch already has (and the rows before it).
  const nextOrder = new Map<string, number>();
  for (const h of state.honourees.values()) if (!h.erased) nextOrder.set(h.batchId, Math.max(nextOrder.get(h.batchId) ?? 0, h.order));
  const leaderOf = new Map<string, { leader: string; row: number }>();
  const out: HonoureeImportRow[] = [];
  const counts: Record<HonoureeRowStatus, number> = { new: 0, changed: 0, same: 0, error: 0 };
  const awardList = state.ceremonyAwards.map((a) => a.name).join('; ');

  for (let r = header.rowNumber; r < rows.length; r += 1) {
    const cells = rows[r] ?? [];
    const rowNumber = r + 1;
    const cell = (field: HonoureeField): Cell => (header.columns[field] === undefined ? undefined : cells[header.columns[field]]);
    const text = (field: HonoureeField) => cellText(cell(field));
    const filled = (Object.keys(header.columns) as HonoureeField[]).filter((f) => f !== 'index' && text(f));
    if (filled.length === 0) continue;

    const problems: HonoureeProblem[] = [];
    const problem = (field: HonoureeField | 'row', vi: string, en: string) => problems.push({ field, vi, en });
    const name = tidyName(text('name'));
    if (!name) problem('name', 'Thiếu họ và tên (hoặc tên tập thể)', 'Name missing');
    else if (name.length > 200) problem('name', 'Tên dài quá 200 ký tự', 'Name over 200 characters');

    let kind: HonoureeKind = 'individual';
    if (header.columns.kind !== undefined) {
      const written = foldForSearch(text('kind'));
      const found = KIND_WORDS[written] ?? (HONOUREE_KINDS as readonly string[]).find((k) => k === written);
      if (!written) problem('kind', 'Thiếu loại: cá nhân, gia đình hay tập thể', 'Kind missing: individual, family or collective');
      else if (!found) problem('kind', `Loại "${text('kind')}" không rõ: ghi cá nhân, gia đình hoặc tập thể`, `Unknown kind "${text('kind')}": individual, family or collective`);
      else kind = found as HonoureeKind;
    }

    const awardText = text('award');
    const award = state.ceremonyAwards.find((a) => foldForSearch(a.name) === foldForSearch(awardText) || foldForSearch(a.id) === foldForSearch(awardText));
    if (!awardText) problem('award', 'Thiếu hình thức khen thưởng', 'Award missing');
    else if (!award) problem('award', `Không có hình thức khen thưởng "${awardText}" (có: ${awardList || 'chưa khai báo'})`, `Unknown award "${awardText}" (known: ${awardList || 'none yet'})`);

    const batchText = text('batch');
    const batch = batchText ? matchBatch(batchText, batches) : undefined;
    if (!batchText) problem('batch', 'Thiếu đợt lên sân khấu', 'Batch missing');
    else if (!batch) problem('batch', `Không có đợt "${batchText}" (có ${batches.length} đợt)`, `Unknown batch "${batchText}" (${batches.length} batches)`);

    const donations = integer(cell('donations'));
    if (donations === null || (donations !== undefined && donations > 500))
      problem('donations', `Số lần hiến "${text('donations')}" không hợp lệ`, `Invalid number of donations "${text('donations')}"`);
    const orderCell = integer(cell('order'));
    if (orderCell === null || (orderCell !== undefined && orderCell > 10_000)) problem('order', `Thứ tự "${text('order')}" không hợp lệ`, `Invalid order "${text('order')}"`);
    const unit = text('unit');
    if (unit.length > 300) problem('unit', 'Đơn vị / địa chỉ dài quá 300 ký tự', 'Unit or address over 300 characters');
    const seat = text('seat');
    if (seat.length > 40) problem('seat', 'Số ghế dài quá 40 ký tự', 'Seat over 40 characters');
    const leader = text('leader');
    if (leader.length > 200) problem('leader', 'Tên lãnh đạo trao dài quá 200 ký tự', 'Presenting leader over 200 characters');

    let honouree: PlannedHonouree | null = null;
    let existingId: string | undefined;
    if (problems.length === 0 && award && batch) {
      const before = known.get(honoureeKey({ kind, name, unit }));
      // Without an order in the file: an honouree already listed in this batch keeps theirs.
      const order = orderCell ?? (before?.batchId === batch.id ? before.order : (nextOrder.get(batch.id) ?? 0) + 1);
      // "Không hiển thị" only ever hides: an empty cell (or no such column) keeps what the office
      // set before, and only an explicit "không" / "no" shows an honouree again.
      const hiddenText = foldForSearch(text('hidden'));
      const hidden = yes(text('hidden')) || (!['khong', 'no', '0', 'false'].includes(hiddenText) && Boolean(before?.hidden));
      nextOrder.set(batch.id, Math.max(order, nextOrder.get(batch.id) ?? 0));
      // A column the file does not have changes nothing of an honouree already listed.
      const keptSeat = header.columns.seat === undefined ? before?.seat : seat || undefined;
      const keptDonations = header.columns.donations === undefined ? before?.donations : (donations ?? undefined);
      honouree = {
        kind,
        name,
        awardId: award.id,
        batchId: batch.id,
        order,
        ...(unit ? { unit } : {}),
        ...(keptDonations !== undefined ? { donations: keptDonations } : {}),
        ...(keptSeat ? { seat: keptSeat } : {}),
        ...(hidden ? { hidden: true } : {}),
      };
      const key = honoureeKey(honouree);
      const sameRow = seen.get(key);
      const samePlace = seenPlace.get(`${batch.id}|${order}`);
      if (sameRow !== undefined) problem('row', `Trùng với dòng ${sameRow} (cùng loại, tên và đơn vị)`, `Duplicate of row ${sameRow} (same kind, name and unit)`);
      else if (samePlace !== undefined) problem('order', `Trùng thứ tự ${order} trong đợt với dòng ${samePlace}`, `Same order ${order} in the batch as row ${samePlace}`);
      if (leader) {
        const before = leaderOf.get(batch.id);
        if (before && foldForSearch(before.leader) !== foldForSearch(leader))
          problem('leader', `Đợt này đã ghi lãnh đạo trao khác ở dòng ${before.row}`, `Another presenting leader for this batch on row ${before.row}`);
        else if (!before) leaderOf.set(batch.id, { leader, row: rowNumber });
      }
      seen.set(key, rowNumber);
      seenPlace.set(`${batch.id}|${order}`, rowNumber);
      existingId = known.get(key)?.id;
    }
    if (problems.length > 0) honouree = null;
    const status: HonoureeRowStatus = problems.length > 0 ? 'error' : !existingId ? 'new' : sameHonouree(known.get(honoureeKey(honouree!))!, honouree!) ? 'same' : 'changed';
    counts[status] += 1;
    out.push({ rowNumber, status, problems, honouree, ...(existingId ? { existingId } : {}), ...(leader ? { leader } : {}) });
  }
  if (out.length === 0) return { ok: false, vi: 'Danh sách không có dòng nào.', en: 'The list has no rows.' };
  const leaders = [...leaderOf].filter(([batchId, { leader }]) => state.ceremonyBatches.get(batchId)?.leader !== leader).map(([batchId, { leader }]) => ({ batchId, leader }));
  return { ok: true, plan: { rows: out, counts, leaders } };
}

function sameHonouree(before: Honouree, row: PlannedHonouree): boolean {
  return (
    before.name === row.name &&
    (before.unit ?? '') === (row.unit ?? '') &&
    before.donations === row.donations &&
    before.awardId === row.awardId &&
    before.batchId === row.batchId &&
    before.order === row.order &&
    (before.seat ?? '') === (row.seat ?? '') &&
    Boolean(before.hidden) === Boolean(row.hidden)
  );
}
