/**
 * The ceremony's after-report as a workbook (issue 17): who received which award — in person,
 * through a representative (named), or absent — by batch and order, with the decision that
 * granted it, and the totals. Honourees are named here: the file is the organisers'.
 */
import type ExcelJS from 'exceljs';
import { HONOUREE_KIND_NAMES, RECEPTION_NAMES, receptionCounts, type CeremonyReportRow } from '../../shared/ceremony.ts';
import { formatDate, formatTime } from '../../shared/format.ts';

export const CEREMONY_REPORT_HEADERS = [
  'Đợt',
  'Thứ tự',
  'Loại',
  'Họ và tên / Tên tập thể',
  'Đơn vị / Địa chỉ',
  'Số lần hiến máu',
  'Hình thức khen thưởng',
  'Nhận khen thưởng',
  'Người nhận thay',
  'Số quyết định',
  'Ngày quyết định',
];

export function ceremonyReportCells(row: CeremonyReportRow): (string | number | null)[] {
  return [
    row.batch,
    row.order,
    HONOUREE_KIND_NAMES[row.kind].vi,
    row.erased ? '(đã xoá dữ liệu cá nhân)' : row.name,
    row.unit,
    row.donations,
    row.award,
    RECEPTION_NAMES[row.reception].vi,
    row.representative,
    row.decisionNo,
    row.decisionDate ? formatDate(row.decisionDate) : '',
  ];
}

export async function ceremonyReportXlsx(rows: CeremonyReportRow[], title: string, generatedAt: Date, timeZone: string): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'Ngàn trái tim hồng';
  workbook.title = `Lễ tôn vinh — ${title}`;
  workbook.created = generatedAt;
  const sheet: ExcelJS.Worksheet = workbook.addWorksheet('Lễ tôn vinh');
  sheet.addRow(['KẾT QUẢ TRAO KHEN THƯỞNG — LỄ TÔN VINH']).font = { bold: true, size: 14 };
  sheet.addRow([title]);
  sheet.addRow([`Lập lúc ${formatTime(generatedAt.getTime(), timeZone)} ngày ${formatDate(generatedAt.getTime(), timeZone)}. Có dữ liệu cá nhân — chỉ dành cho Ban tổ chức.`]).font = { italic: true };
  sheet.addRow([]);
  const header = sheet.addRow(CEREMONY_REPORT_HEADERS);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  for (const row of rows) sheet.addRow(ceremonyReportCells(row));
  sheet.addRow([]);
  const counts = receptionCounts(rows);
  sheet.addRow(['Tổng số', rows.length]).font = { bold: true };
  for (const reception of ['in_person', 'representative', 'absent'] as const) sheet.addRow([RECEPTION_NAMES[reception].vi, counts[reception]]);
  const widths = [28, 8, 10, 32, 36, 10, 30, 18, 24, 16, 14];
  widths.forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  sheet.views = [{ state: 'frozen', ySplit: 5 }];
  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}
