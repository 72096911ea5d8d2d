/**
 * CSV for people who open it in Excel: UTF-8 with a byte-order mark (so Vietnamese shows right),
 * comma-separated, CRLF line ends, RFC 4180 quoting. A text cell that Excel would read as a
 * formula (starting with = + - @, a tab or a carriage return) is prefixed with an apostrophe,
 * so a device label such as "=HYPERLINK(…)" stays text. Numbers are written plain (1234, 57.1).
 */
export type CsvCell = string | number | null | undefined;

export const CSV_BOM = '\uFEFF';

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly CsvCell[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

/** Content-Disposition for a download: an ASCII name, and the same name for RFC 5987 clients. */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
