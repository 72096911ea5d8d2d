/**
 * Reads an agency's list file into rows of cells: CSV (any common encoding and separator,
 * shared/donorImport.ts) or XLSX through `read-excel-file`, which is loaded only when an XLSX
 * file is opened (its own chunk: no page pays for it until then). Of a workbook, the first
 * sheet with a recognisable header row is read.
 */
import { decodeText, findHeader, parseCsv, type Cell } from '../../shared/donorImport.ts';

export class SpreadsheetError extends Error {
  constructor(
    readonly vi: string,
    readonly en: string,
  ) {
    super(en);
  }
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function kindOf(file: { name: string; type: string }): 'csv' | 'xlsx' | 'xls' | 'other' {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv') || name.endsWith('.txt') || file.type === 'text/csv') return 'csv';
  if (name.endsWith('.xlsx') || name.endsWith('.xlsm') || file.type === XLSX_TYPE) return 'xlsx';
  if (name.endsWith('.xls')) return 'xls';
  return 'other';
}

export async function readSpreadsheet(file: Blob & { name: string }): Promise<Cell[][]> {
  const kind = kindOf(file);
  if (kind === 'csv') return parseCsv(decodeText(new Uint8Array(await file.arrayBuffer())));
  if (kind === 'xlsx') {
    const { default: readXlsxFile } = await import('read-excel-file/universal');
    let sheets: { sheet: string; data: unknown[][] }[];
    try {
      sheets = (await readXlsxFile(file)) as unknown as { sheet: string; data: unknown[][] }[];
    } catch {
      throw new SpreadsheetError('Không đọc được tệp Excel này (hỏng hoặc có mật khẩu?).', 'Could not read this Excel file (damaged or password-protected?).');
    }
    const withHeader = sheets.find((s) => findHeader(s.data as Cell[][]));
    return ((withHeader ?? sheets[0])?.data ?? []) as Cell[][];
  }
  if (kind === 'xls') {
    throw new SpreadsheetError('Tệp .xls (Excel 97-2003): mở bằng Excel và lưu lại dạng .xlsx hoặc .csv (UTF-8).', 'An .xls file (Excel 97-2003): save it as .xlsx or .csv (UTF-8) first.');
  }
  throw new SpreadsheetError('Chỉ nhận tệp .xlsx hoặc .csv.', 'Only .xlsx or .csv files.');
}

/** Fetches the XLSX reader ahead of need (idle time), so it is at hand offline too. */
export function preloadXlsxReader(): Promise<unknown> {
  return import('read-excel-file/universal');
}
