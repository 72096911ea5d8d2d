/**
 * Reading agency lists as the desk does (client/lib/readSpreadsheet.ts): a real XLSX file
 * (written with exceljs, read with read-excel-file) and CSV files in the encodings Excel
 * writes, through the same import plan; then what the import tool does to the plan
 * (client/components/importPlan.ts): random ids that say nothing of the person, and the
 * people already registered (the desk's look-up, `findSamePerson`) marked and not sent.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { planImport, type ImportOptions, type ImportPlan } from '../../shared/donorImport.ts';
import { throughTheDoor } from '../../shared/door.ts';
import type { RecordedEvent } from '../../shared/events.ts';
import { projectionForViewer } from '../../shared/privacy.ts';
import { replay, type ProjectionState } from '../../shared/projection.ts';
import { kindOf, readSpreadsheet, SpreadsheetError } from '../../client/lib/readSpreadsheet.ts';
import { RANDOM_IDS, maskLongDigits, peopleIn, randomDonorId, randomEventId, randomImportId, sendableRows, type FindExisting } from '../../client/components/importPlan.ts';
import { findSamePerson, type OwnEvent } from '../../client/views/desk/overlay.ts';
import { overlayFrom } from '../helpers/deskOverlay.ts';

const today = '2024-07-19';

/** The plan as the import tool makes it: random ids, and the page's look-up of people already registered. */
function planOf(rows: Parameters<typeof planImport>[0], options: Omit<ImportOptions, 'today' | 'newDonorId' | 'newEventId'>) {
  return planImport(rows, { today, ...RANDOM_IDS, ...options });
}

async function xlsx(build: (workbook: ExcelJS.Workbook) => void): Promise<File> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  const buffer = await workbook.xlsx.writeBuffer();
  return new File([buffer], 'danh-sach.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

describe('agency list files', () => {
  it('reads an XLSX list with a title row, numbers as numbers and a date cell', async () => {
    const file = await xlsx((workbook) => {
      const sheet = workbook.addWorksheet('Danh sách');
      sheet.addRow(['DANH SÁCH CÁN BỘ ĐĂNG KÝ HIẾN MÁU']);
      sheet.addRow(['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'SĐT', 'Số CCCD', 'Nhóm máu']);
      sheet.addRow([1, 'Nguyễn Thị Lan', new Date(Date.UTC(1990, 2, 15)), 'Nữ', 912345678, 30190000001, 'O+']);
      sheet.addRow([2, 'TRẦN VĂN ĐỨC', 1985, 'Nam', '0987 654 321', '001085009999', 'a rh+']);
      sheet.addRow([3, '', 1999, 'Nam', '', '', '']);
    });
    expect(kindOf(file)).toBe('xlsx');
    const rows = await readSpreadsheet(file);
    const result = planOf(rows, { agencyId: 'ldld' });
    if (!result.ok) throw new Error(result.en);
    const { plan } = result;
    expect(plan.header.rowNumber).toBe(2);
    expect(plan.rows.map((r) => [r.rowNumber, r.status])).toEqual([
      [3, 'ok'],
      [4, 'ok'],
      [5, 'error'],
    ]);
    expect(plan.rows[0]!.donor).toMatchObject({ fullName: 'Nguyễn Thị Lan', birthYear: 1990, gender: 'female', phone: '0912345678', nationalId: '030190000001', bloodType: 'O+' });
    expect(plan.rows[1]!.donor).toMatchObject({ fullName: 'Trần Văn Đức', birthYear: 1985, gender: 'male', phone: '0987654321', nationalId: '001085009999', bloodType: 'A+' });
  });

  it('reads the sheet that holds the list, not an empty cover sheet', async () => {
    const file = await xlsx((workbook) => {
      workbook.addWorksheet('Hướng dẫn').addRow(['Điền danh sách vào trang sau']);
      const sheet = workbook.addWorksheet('DS');
      sheet.addRow(['Họ tên', 'Năm sinh']);
      sheet.addRow(['Lê Thu Hà', 1995]);
    });
    const result = planOf(await readSpreadsheet(file), { agencyId: 'soyte' });
    expect(result.ok && result.plan.rows.map((r) => r.donor?.fullName)).toEqual(['Lê Thu Hà']);
  });

  it('the same XLSX file read twice gets new random ids, none made from the person', async () => {
    const make = () =>
      xlsx((workbook) => {
        const sheet = workbook.addWorksheet('DS');
        sheet.addRow(['Họ và tên', 'Năm sinh', 'CCCD']);
        sheet.addRow(['Nguyễn Thị Lan', 1990, '030190000001']);
        sheet.addRow(['Trần Văn Đức', 1985, '']);
      });
    const plan = async () => {
      const result = planOf(await readSpreadsheet(await make()), { agencyId: 'ldld' });
      if (!result.ok) throw new Error(result.en);
      return result.plan;
    };
    const [first, second] = [await plan(), await plan()];
    for (const row of [...first.rows, ...second.rows]) {
      expect(row.donor!.donorId).toMatch(/^d_[A-Za-z0-9_-]{12}$/);
      expect(row.eventId).toMatch(/^imp-[A-Za-z0-9_-]{16}$/);
      // Long parts only: three random characters spell "lan" once in about 13.000 ids.
      for (const part of ['030190000001', '0001', 'nguyen', 'thilan', '1990']) expect(row.donor!.donorId.toLowerCase()).not.toContain(part);
    }
    const ids = (p: ImportPlan) => p.rows.flatMap((r) => [r.eventId, r.donor!.donorId]);
    expect(new Set([...ids(first), ...ids(second)]).size).toBe(8);
  });

  it('reads a CSV saved by Excel (UTF-8 with BOM, semicolons)', async () => {
    const text = '\ufeffHọ và tên;Năm sinh;Giới tính;Số điện thoại\r\nNguyễn Thị Lan;1990;Nữ;0912345678\r\n';
    const file = new File([new TextEncoder().encode(text)], 'ds.csv', { type: 'text/csv' });
    const rows = await readSpreadsheet(file);
    expect(rows).toEqual([
      ['Họ và tên', 'Năm sinh', 'Giới tính', 'Số điện thoại'],
      ['Nguyễn Thị Lan', '1990', 'Nữ', '0912345678'],
    ]);
  });

  it('explains what it cannot read', async () => {
    await expect(readSpreadsheet(new File([new Uint8Array([0xd0, 0xcf, 0x11, 0xe0])], 'cu.xls'))).rejects.toBeInstanceOf(SpreadsheetError);
    await expect(readSpreadsheet(new File(['x'], 'anh.png'))).rejects.toThrow(/xlsx|csv/);
    const broken = readSpreadsheet(new File([new Uint8Array([1, 2, 3, 4])], 'hong.xlsx'));
    await expect(broken).rejects.toBeInstanceOf(SpreadsheetError);
    await expect(broken).rejects.toMatchObject({ vi: expect.stringContaining('Không đọc được') });
  });
});

// ---- the desk's import: random ids, people already registered ----------------------------

const TZ = 'Asia/Ho_Chi_Minh';
const at = (hhmm: string) => new Date(`${today}T${hhmm}:00+07:00`).toISOString();
const system = { tokenId: 'system', role: 'admin', label: 'system' };
const desk = { tokenId: 'tok-desk-1', role: 'desk', label: 'Bàn 1' };

function deskProjection(registrations: Record<string, unknown>[]): ProjectionState {
  let seq = 0;
  const ev = (type: string, payload: Record<string, unknown>, actor = system): RecordedEvent => {
    seq += 1;
    const id = `e-${seq}`;
    // As the server records it: a CCCD becomes its keyed hash and its last 4 digits.
    return { seq, id, type, payload: throughTheDoor({ id, type, payload } as never, (n) => `h:${n}`).payload, at: at('07:00'), actor } as RecordedEvent;
  };
  const state = replay([
    ev('event.configured', { name: 'X', venue: 'Y', timezone: TZ, days: [today], countOn: 'donated' }),
    ev('agency.upserted', { agencyId: 'sogddt', name: 'Sở Giáo dục và Đào tạo', quota: { kind: 'count', count: 150 } }),
    ...registrations.map((payload) => ev('donor.registered', payload, desk)),
  ]);
  return projectionForViewer(state, { visibility: 'desk', tokenId: desk.tokenId });
}

const CSV = [
  'DANH SÁCH ĐĂNG KÝ HIẾN MÁU',
  'STT;Họ và tên;Năm sinh;Giới tính;Số điện thoại;CCCD;Nhóm máu',
  '1;Đinh Văn Toàn;1987;Nam;0913000001;030187000001;O+',
  '2;TẠ THỊ THU;;Nữ;913000002;;A+', // no year of birth: recognised again by her phone
  '3;;1990;Nữ;0913000003;;',
  '4;Mạc Thị Yến;1994;nữ;0913000004;030194000004;B+',
  '',
  '5;Lò Văn Páo;1979;Nam;;0301790000123;',
].join('\r\n');

async function planCsv(findExisting?: FindExisting): Promise<ImportPlan> {
  const rows = await readSpreadsheet(new File([new TextEncoder().encode(CSV)], 'sogddt.csv', { type: 'text/csv' }));
  const result = planOf(rows, { agencyId: 'sogddt', agencyName: 'Sở Giáo dục và Đào tạo', ...(findExisting ? { findExisting } : {}) });
  if (!result.ok) throw new Error(result.en);
  return result.plan;
}

describe('the desk imports a list', () => {
  it('random ids, of the expected shapes', () => {
    expect(randomDonorId()).toMatch(/^d_[A-Za-z0-9_-]{12}$/);
    expect(randomImportId()).toMatch(/^list_[A-Za-z0-9_-]{12}$/);
    const eventId = randomEventId('imp');
    expect(eventId).toMatch(/^[\x21-\x7e]{8,64}$/);
    expect(new Set(Array.from({ length: 1000 }, randomDonorId)).size).toBe(1000);
  });

  it('counts the people in the file (blank rows are not people), and sends the valid ones', async () => {
    const plan = await planCsv();
    expect(peopleIn(plan)).toBe(5);
    expect(plan.counts).toEqual({ ok: 3, warning: 1, error: 1, exists: 0, listed: 0 });
    expect(sendableRows(plan).map((r) => r.donor!.fullName)).toEqual(['Đinh Văn Toàn', 'Tạ Thị Thu', 'Mạc Thị Yến', 'Lò Văn Páo']);
  });

  it('the same file again registers nobody twice: everyone already registered is marked, not sent', async () => {
    const first = await planCsv();
    const sent = sendableRows(first).map((r) => ({ ...r.donor!, importId: 'list_1' }));
    const projection = deskProjection(sent);
    const overlay = overlayFrom(projection, []);
    const again = await planCsv((person) => findSamePerson(projection, overlay, person)?.donorId ?? null);
    expect(again.counts).toEqual({ ok: 0, warning: 0, error: 1, exists: 4, listed: 0 });
    expect(sendableRows(again)).toEqual([]);
    // Each is matched to the record the first import made.
    expect(again.rows.filter((r) => r.status === 'exists').map((r) => r.existingDonorId)).toEqual(sent.map((d) => d.donorId));
  });

  it('rows still waiting in the outbox count as registered too', async () => {
    const first = await planCsv();
    const pending: OwnEvent[] = sendableRows(first).map((r, i) => ({
      id: r.eventId,
      type: 'donor.registered',
      payload: { ...r.donor!, importId: 'list_1' },
      createdAt: Date.parse(at('08:00')) + i,
      pending: true,
    }));
    const projection = deskProjection([]);
    const overlay = overlayFrom(projection, pending);
    const again = await planCsv((person) => findSamePerson(projection, overlay, person)?.donorId ?? null);
    expect(again.counts.exists).toBe(4);
  });

  it("a corrected row (another phone, the same name and year) is the same person; another agency's is not", async () => {
    const projection = deskProjection([{ donorId: 'd_x', fullName: 'Đinh Văn Toàn', agencyId: 'sogddt', birthYear: 1987, phone: '0999999999' }]);
    const overlay = overlayFrom(projection, []);
    const plan = await planCsv((person) => findSamePerson(projection, overlay, person)?.donorId ?? null);
    expect(plan.rows.find((r) => r.donor?.fullName === 'Đinh Văn Toàn')).toMatchObject({ status: 'exists', existingDonorId: 'd_x' });
    const other = deskProjection([{ donorId: 'd_y', fullName: 'Đinh Văn Toàn', agencyId: 'walk-in', birthYear: 1987 }]);
    const otherOverlay = overlayFrom(other, []);
    const plan2 = await planCsv((person) => findSamePerson(other, otherOverlay, person)?.donorId ?? null);
    expect(plan2.rows.find((r) => r.donor?.fullName === 'Đinh Văn Toàn')!.status).toBe('ok');
  });

  it('a problem that quotes a CCCD shows its last 4 digits only', async () => {
    const plan = await planCsv();
    const paoProblems = plan.rows.find((r) => r.donor?.fullName === 'Lò Văn Páo')!.problems.filter((p) => p.field === 'nationalId');
    expect(paoProblems.map((p) => p.vi).join(' ')).toContain('0301790000123');
    expect(paoProblems.map((p) => maskLongDigits(p.vi)).join(' ')).not.toMatch(/\d{5,}/);
    expect(maskLongDigits('CCCD "0301790000123" không đủ 12 số')).toBe('CCCD "•••• 0123" không đủ 12 số');
    expect(maskLongDigits('Số điện thoại "091234"')).toBe('Số điện thoại "091234"');
  });
});
