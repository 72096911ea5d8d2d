/**
 * Reading agency lists as the desk does (client/lib/readSpreadsheet.ts): a real XLSX file
 * (written with exceljs, read with read-excel-file) and CSV files in the encodings Excel
 * writes, through the same import plan.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { planImport } from '../../shared/donorImport.ts';
import { kindOf, readSpreadsheet, SpreadsheetError } from '../../client/lib/readSpreadsheet.ts';

const today = '2024-07-19';

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
    const result = planImport(rows, { agencyId: 'ldld', today });
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
    const result = planImport(await readSpreadsheet(file), { agencyId: 'soyte', today });
    expect(result.ok && result.plan.rows.map((r) => r.donor?.fullName)).toEqual(['Lê Thu Hà']);
  });

  it('the same XLSX file read twice plans the same ids', async () => {
    const make = () =>
      xlsx((workbook) => {
        const sheet = workbook.addWorksheet('DS');
        sheet.addRow(['Họ và tên', 'Năm sinh', 'CCCD']);
        sheet.addRow(['Nguyễn Thị Lan', 1990, '030190000001']);
        sheet.addRow(['Trần Văn Đức', 1985, '']);
      });
    const plan = async () => {
      const result = planImport(await readSpreadsheet(await make()), { agencyId: 'ldld', today });
      if (!result.ok) throw new Error(result.en);
      return result.plan.rows.map((r) => [r.eventId, r.donor?.donorId]);
    };
    expect(await plan()).toEqual(await plan());
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
