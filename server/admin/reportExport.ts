/**
 * The agency report as files, Vietnamese headers (the official report goes to the provincial
 * Red Cross in Vietnamese):
 *
 * - CSV: one line per agency, walk-ins and totals, for each festival day ("Ngày 19/7/2024"),
 *   other days ("Ngày khác") when there are counts outside the festival, and the whole
 *   festival ("Cả ngày hội"); the first column names the section.
 * - XLSX (exceljs): a "Tổng" sheet for the festival first, then one sheet per festival day
 *   ("Ngày 19-7-2024"; Excel forbids "/" in sheet names) and "Ngày khác" when needed. Each sheet:
 *   title, venue and "as of" lines, then the header row (bold, shaded, frozen), numbers as
 *   numbers (#,##0; % of quota as a real percentage, 0.0%), walk-ins in italics on their own
 *   line, the totals row bold.
 */
import type ExcelJS from 'exceljs';
import { formatDate, formatTime } from '../../shared/format.ts';
import type { AgencyReport, ReportRow, ReportSection } from '../../shared/report.ts';
import { sectionRows } from '../../shared/report.ts';
import { DEFAULT_TIMEZONE } from '../../shared/time.ts';
import { csvLine, CSV_BOM } from './csv.ts';

/** Column headers, in order (also what the tests read back). */
export const REPORT_HEADERS = {
  index: 'STT',
  agencyId: 'Mã đơn vị',
  name: 'Đơn vị',
  quota: 'Chỉ tiêu',
  registered: 'Đăng ký',
  checkedIn: 'Đã có mặt',
  donated: 'Đã hiến máu',
  deferred: 'Tạm hoãn',
  percent: 'Tỷ lệ đạt chỉ tiêu (%)',
  volumeMl: 'Lượng máu (ml)',
} as const;

export const OTHER_DAYS_TITLE = 'Ngày khác';
export const FESTIVAL_TITLE = 'Cả ngày hội';
export const TOTAL_SHEET = 'Tổng';

/** "Ngày 19/7/2024", "Ngày khác", "Cả ngày hội". */
export function sectionTitle(section: ReportSection): string {
  if (section.kind === 'day') return `Ngày ${formatDate(section.date!)}`;
  return section.kind === 'other_days' ? OTHER_DAYS_TITLE : FESTIVAL_TITLE;
}

/** Excel sheet names: at most 31 characters, none of \ / ? * [ ] :. */
export function sheetName(section: ReportSection): string {
  if (section.kind === 'festival') return TOTAL_SHEET;
  if (section.kind === 'other_days') return OTHER_DAYS_TITLE;
  return `Ngày ${formatDate(section.date!).replace(/\//g, '-')}`;
}

function countedOn(report: AgencyReport): string {
  return report.countOn === 'checkedIn' ? 'số người đã có mặt' : 'số người đã hiến máu';
}

function asOf(report: AgencyReport, generatedAt: Date): string {
  const tz = report.event?.timezone ?? DEFAULT_TIMEZONE;
  return `Số liệu đến ${formatTime(generatedAt.getTime(), tz)} ngày ${formatDate(generatedAt.getTime(), tz)} (bản ghi số ${report.seq})`;
}

// ---- CSV -------------------------------------------------------------------------------------

export function reportCsv(report: AgencyReport): string {
  let out = CSV_BOM;
  out += csvLine([
    'Phạm vi',
    REPORT_HEADERS.agencyId,
    REPORT_HEADERS.name,
    REPORT_HEADERS.quota,
    REPORT_HEADERS.registered,
    REPORT_HEADERS.checkedIn,
    REPORT_HEADERS.donated,
    REPORT_HEADERS.deferred,
    REPORT_HEADERS.percent,
    REPORT_HEADERS.volumeMl,
  ]);
  for (const section of [...report.days, report.festival]) {
    const title = sectionTitle(section);
    for (const row of sectionRows(section)) {
      out += csvLine([title, row.agencyId, row.name, row.quota, row.registered, row.checkedIn, row.donated, row.deferred, row.percentOfQuota, row.volumeMl]);
    }
  }
  return out;
}

// ---- XLSX ------------------------------------------------------------------------------------

const COLUMNS: { key: keyof typeof REPORT_HEADERS; width: number; numFmt?: string }[] = [
  { key: 'index', width: 6 },
  { key: 'agencyId', width: 14 },
  { key: 'name', width: 46 },
  { key: 'quota', width: 11, numFmt: '#,##0' },
  { key: 'registered', width: 11, numFmt: '#,##0' },
  { key: 'checkedIn', width: 12, numFmt: '#,##0' },
  { key: 'donated', width: 13, numFmt: '#,##0' },
  { key: 'deferred', width: 11, numFmt: '#,##0' },
  { key: 'percent', width: 14, numFmt: '0.0%' },
  { key: 'volumeMl', width: 15, numFmt: '#,##0' },
];

/** The header row's number in each sheet (title lines above it). */
export const XLSX_HEADER_ROW = 5;

const ACCENT = 'FFD4144A';
const HEADER_FILL = 'FFFFE3EA';

function rowValues(row: ReportRow, index: number | null): (string | number | null)[] {
  return [
    index,
    row.kind === 'total' ? null : row.agencyId,
    row.name,
    row.quota,
    row.registered,
    row.checkedIn,
    row.donated,
    row.deferred,
    // A real percentage in Excel: 57.1 % is 0.571 shown with 0.0%.
    row.percentOfQuota === null ? null : Math.round(row.percentOfQuota * 10) / 1000,
    row.volumeMl,
  ];
}

function addSheet(workbook: ExcelJS.Workbook, report: AgencyReport, section: ReportSection, generatedAt: Date): void {
  const sheet = workbook.addWorksheet(sheetName(section), {
    views: [{ state: 'frozen', ySplit: XLSX_HEADER_ROW, xSplit: 0, showGridLines: true }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${XLSX_HEADER_ROW}:${XLSX_HEADER_ROW}` },
    properties: { tabColor: { argb: section.kind === 'festival' ? ACCENT : 'FFEF5B86' } },
  });
  COLUMNS.forEach((column, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = column.width;
    if (column.numFmt) col.numFmt = column.numFmt;
  });
  const lastCol = String.fromCharCode(64 + COLUMNS.length);

  const title = sheet.getRow(1);
  title.getCell(1).value = report.event?.name ?? 'Ngày hội hiến máu';
  title.font = { bold: true, size: 14, color: { argb: ACCENT } };
  sheet.mergeCells(`A1:${lastCol}1`);
  const subtitle = sheet.getRow(2);
  const range = report.event && report.event.days.length > 0 ? ` (${report.event.days.map((d) => formatDate(d)).join(' – ')})` : '';
  subtitle.getCell(1).value = `Báo cáo kết quả theo đơn vị — ${sectionTitle(section)}${section.kind === 'festival' ? range : ''}`;
  subtitle.font = { bold: true, size: 12 };
  sheet.mergeCells(`A2:${lastCol}2`);
  const meta = sheet.getRow(3);
  meta.getCell(1).value = `${report.event?.venue ? `Địa điểm: ${report.event.venue}. ` : ''}${asOf(report, generatedAt)}. Tỷ lệ đạt chỉ tiêu tính trên ${countedOn(report)}.`;
  meta.font = { italic: true, size: 10, color: { argb: 'FF8B4D5F' } };
  sheet.mergeCells(`A3:${lastCol}3`);

  const header = sheet.getRow(XLSX_HEADER_ROW);
  header.values = COLUMNS.map((c) => REPORT_HEADERS[c.key]);
  header.font = { bold: true };
  header.height = 32;
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.border = { bottom: { style: 'medium', color: { argb: ACCENT } } };
  });

  let rowNumber = XLSX_HEADER_ROW;
  section.agencies.forEach((row, i) => {
    rowNumber += 1;
    sheet.getRow(rowNumber).values = rowValues(row, i + 1);
  });
  rowNumber += 1;
  const walkIns = sheet.getRow(rowNumber);
  walkIns.values = rowValues(section.walkIns, null);
  walkIns.font = { italic: true };
  rowNumber += 1;
  const totals = sheet.getRow(rowNumber);
  totals.values = rowValues(section.totals, null);
  totals.font = { bold: true };
  totals.eachCell({ includeEmpty: true }, (cell) => {
    cell.border = { top: { style: 'thin' }, bottom: { style: 'double' } };
  });
  sheet.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  sheet.getCell('A1').alignment = { vertical: 'middle' };
  sheet.autoFilter = { from: { row: XLSX_HEADER_ROW, column: 1 }, to: { row: rowNumber - 2, column: COLUMNS.length } };
}

export async function reportXlsx(report: AgencyReport, generatedAt = new Date()): Promise<Buffer> {
  // exceljs is large: loaded on the first export, not at start-up (memory, start time).
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'Ngàn trái tim hồng';
  workbook.title = `Báo cáo theo đơn vị — ${report.event?.name ?? ''}`.trim();
  workbook.created = generatedAt;
  workbook.modified = generatedAt;
  addSheet(workbook, report, report.festival, generatedAt);
  for (const section of report.days) addSheet(workbook, report, section, generatedAt);
  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}
