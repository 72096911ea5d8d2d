/**
 * The agency report as files, Vietnamese headers (the official report goes to the provincial
 * Red Cross in Vietnamese), the figures named as everywhere else (shared/figures.ts):
 *
 * - CSV: one line per agency, walk-ins and totals, for each festival day ("Ngày 19/7/2024"),
 *   other days ("Ngày khác") when there are counts outside the festival, and the whole
 *   festival ("Cả ngày hội"); the first column names the section. Data only: no letterhead or
 *   legend lines, so it reads back as a table.
 * - XLSX (exceljs): a "Tổng" sheet for the festival first, then one sheet per festival day
 *   ("Ngày 19-7-2024"; Excel forbids "/" in sheet names) and "Ngày khác" when needed. Each sheet
 *   is the document the committee signs (shared/report.ts, REPORT_FORM): the issuing body top
 *   left, the national name and motto top right with "Hải Dương, ngày 20 tháng 7 năm 2024" under
 *   them, the title, the event and section, venue and "as of" lines; then the header row (bold,
 *   shaded, frozen), numbers as numbers (#,##0; % of quota as a real percentage, 0.0%), walk-ins
 *   in italics on their own line, the totals row bold; then the legend, one line per column,
 *   and on the "Tổng" sheet the signatures.
 */
import type ExcelJS from 'exceljs';
import { bagName, FIGURES, reportLegend } from '../../shared/figures.ts';
import { formatDate, formatTime } from '../../shared/format.ts';
import type { AgencyReport, ReportRow, ReportSection } from '../../shared/report.ts';
import { REPORT_FORM, reportDateLine, sectionRows } from '../../shared/report.ts';
import { DEFAULT_TIMEZONE } from '../../shared/time.ts';
import { csvLine, CSV_BOM } from './csv.ts';

/** Column headers, in order (also what the tests read back). */
export const REPORT_HEADERS = {
  index: 'STT',
  agencyId: 'Mã đơn vị',
  name: 'Đơn vị',
  quota: FIGURES.quota.vi,
  registered: FIGURES.registered.vi,
  checkedIn: FIGURES.checkedIn.vi,
  donated: FIGURES.donated.vi,
  deferred: FIGURES.deferred.vi,
  percent: FIGURES.percentOfQuota.vi,
  volumeMl: FIGURES.volumeMl.vi,
  bag250: bagName(250).vi,
  bag350: bagName(350).vi,
  bag450: bagName(450).vi,
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

function timeZoneOf(report: AgencyReport): string {
  return report.event?.timezone ?? DEFAULT_TIMEZONE;
}

function asOf(report: AgencyReport, generatedAt: Date): string {
  const tz = timeZoneOf(report);
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
    REPORT_HEADERS.bag250,
    REPORT_HEADERS.bag350,
    REPORT_HEADERS.bag450,
  ]);
  for (const section of [...report.days, report.festival]) {
    const title = sectionTitle(section);
    for (const row of sectionRows(section)) {
      out += csvLine([
        title,
        row.agencyId,
        row.name,
        row.quota,
        row.registered,
        row.checkedIn,
        row.donated,
        row.deferred,
        row.percentOfQuota,
        row.volumeMl,
        row.bags?.[250] ?? null,
        row.bags?.[350] ?? null,
        row.bags?.[450] ?? null,
      ]);
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
  { key: 'bag250', width: 11, numFmt: '#,##0' },
  { key: 'bag350', width: 11, numFmt: '#,##0' },
  { key: 'bag450', width: 11, numFmt: '#,##0' },
];

/** The header row's number in each sheet (the letterhead, title and event lines above it). */
export const XLSX_HEADER_ROW = 9;

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
    row.bags?.[250] ?? null,
    row.bags?.[350] ?? null,
    row.bags?.[450] ?? null,
  ];
}

/** Column letter of a 1-based index (the report has fewer than 27 columns). */
function col(index: number): string {
  return String.fromCharCode(64 + index);
}

/**
 * One merged cell over columns `from`…`to` of a row: its text and font, centred unless told.
 * Only the letterhead wraps (its row is made two lines high): Excel does not grow a merged
 * cell's row to fit, so the other lines are kept to one line's length.
 */
function block(sheet: ExcelJS.Worksheet, row: number, from: number, to: number, text: string, font: Partial<ExcelJS.Font>, horizontal: 'center' | 'left' = 'center', wrap = false): void {
  sheet.mergeCells(`${col(from)}${row}:${col(to)}${row}`);
  const cell = sheet.getCell(`${col(from)}${row}`);
  cell.value = text;
  cell.font = font;
  cell.alignment = { horizontal, vertical: 'middle', wrapText: wrap };
  // A merged line keeps the number format of its first column; text needs none.
  cell.numFmt = '@';
}

/** The issuing body's block (left) and the nation's (right): over the table's first four and last seven columns. */
const LEFT_BLOCK = [1, 4] as const;
const RIGHT_BLOCK = [COLUMNS.length - 6, COLUMNS.length] as const;

function addSheet(workbook: ExcelJS.Workbook, report: AgencyReport, section: ReportSection, generatedAt: Date): void {
  const sheet = workbook.addWorksheet(sheetName(section), {
    views: [{ state: 'frozen', ySplit: XLSX_HEADER_ROW, xSplit: 0, showGridLines: true }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${XLSX_HEADER_ROW}:${XLSX_HEADER_ROW}` },
    properties: { tabColor: { argb: section.kind === 'festival' ? ACCENT : 'FFEF5B86' } },
  });
  COLUMNS.forEach((column, i) => {
    const sheetColumn = sheet.getColumn(i + 1);
    sheetColumn.width = column.width;
    if (column.numFmt) sheetColumn.numFmt = column.numFmt;
  });
  const last = COLUMNS.length;
  const tz = timeZoneOf(report);

  // The letterhead: issuing body | nation, motto, place and date.
  block(sheet, 1, ...LEFT_BLOCK, REPORT_FORM.authority.vi, { bold: true, size: 11 }, 'center', true);
  block(sheet, 1, ...RIGHT_BLOCK, REPORT_FORM.nation.vi, { bold: true, size: 11 }, 'center', true);
  block(sheet, 2, ...RIGHT_BLOCK, REPORT_FORM.motto.vi, { bold: true, underline: true, size: 11 });
  block(sheet, 3, ...RIGHT_BLOCK, reportDateLine(generatedAt.getTime(), tz, 'vi'), { italic: true, size: 11 });
  sheet.getRow(1).height = 30;

  block(sheet, 5, 1, last, REPORT_FORM.title.vi, { bold: true, size: 14 });
  const range = report.event && report.event.days.length > 0 ? ` (${report.event.days.map((d) => formatDate(d)).join(' – ')})` : '';
  const eventName = report.event?.name ?? 'Ngày hội hiến máu';
  block(sheet, 6, 1, last, `${eventName} — ${sectionTitle(section)}${section.kind === 'festival' ? range : ''}`, { bold: true, size: 12, color: { argb: ACCENT } });
  block(sheet, 7, 1, last, `${report.event?.venue ? `Địa điểm: ${report.event.venue}. ` : ''}${asOf(report, generatedAt)}.`, { italic: true, size: 10, color: { argb: 'FF555555' } });

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
  for (let r = XLSX_HEADER_ROW + 1; r <= rowNumber; r++) sheet.getCell(`C${r}`).alignment = { wrapText: true, vertical: 'top' };
  sheet.autoFilter = { from: { row: XLSX_HEADER_ROW, column: 1 }, to: { row: rowNumber - 2, column: COLUMNS.length } };

  // The legend: what each column counts, one line each.
  rowNumber += 2;
  block(sheet, rowNumber, 1, last, `${REPORT_FORM.legend.vi}:`, { bold: true, size: 10 }, 'left');
  for (const line of reportLegend(report.countOn, 'vi')) {
    rowNumber += 1;
    block(sheet, rowNumber, 1, last, `- ${line}`, { size: 10 }, 'left');
  }

  if (section.kind === 'festival') {
    rowNumber += 2;
    block(sheet, rowNumber, ...LEFT_BLOCK, REPORT_FORM.preparedBy.vi, { bold: true });
    block(sheet, rowNumber, ...RIGHT_BLOCK, REPORT_FORM.approvedBy.vi, { bold: true });
    rowNumber += 1;
    block(sheet, rowNumber, ...LEFT_BLOCK, REPORT_FORM.signHint.vi, { italic: true });
    block(sheet, rowNumber, ...RIGHT_BLOCK, REPORT_FORM.signHint.vi, { italic: true });
  }
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
