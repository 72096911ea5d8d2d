/**
 * An agency's results as the workbook the standing office sends back (issue 18): the agency's
 * figures first (the report's row), then its people and what came of each — donated (day, bag),
 * deferred (no reason), checked in without an outcome, registered and not come. It names the
 * agency's own people: the file says so on its third line.
 */
import { PERSON_RESULT_NAMES, type AgencyResults } from '../../shared/agencyResults.ts';
import { FIGURES } from '../../shared/figures.ts';
import { formatDate, formatTime } from '../../shared/format.ts';

export const RESULTS_PEOPLE_HEADERS = ['STT', 'Họ và tên', 'Năm sinh', 'Đơn vị công tác', 'Kết quả', 'Ngày', 'Thể tích (ml)'];

/** The figures block: each figure's one name (shared/figures.ts) and its value. */
export function resultsFigures(results: AgencyResults): [string, number | string][] {
  const row = results.figures;
  return [
    [FIGURES.quota.vi, row.quota ?? ''],
    [FIGURES.registered.vi, row.registered],
    [FIGURES.checkedIn.vi, row.checkedIn],
    [FIGURES.donated.vi, row.donated],
    [FIGURES.deferred.vi, row.deferred],
    [FIGURES.volumeMl.vi, row.volumeMl],
    [FIGURES.percentOfQuota.vi, row.percentOfQuota ?? ''],
  ];
}

export async function agencyResultsXlsx(results: AgencyResults, eventName: string, generatedAt: Date, timeZone: string): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'Ngàn trái tim hồng';
  workbook.title = `Kết quả hiến máu — ${results.name}`;
  workbook.created = generatedAt;
  const sheet = workbook.addWorksheet('Kết quả');
  sheet.addRow([`KẾT QUẢ HIẾN MÁU — ${results.name.toUpperCase()}`]).font = { bold: true, size: 14 };
  sheet.addRow([eventName]);
  sheet.addRow([
    `Lập lúc ${formatTime(generatedAt.getTime(), timeZone)} ngày ${formatDate(generatedAt.getTime(), timeZone)}. Có dữ liệu cá nhân của người lao động, đoàn viên của đơn vị — chỉ dùng cho công tác vận động hiến máu.`,
  ]).font = {
    italic: true,
  };
  sheet.addRow([]);
  for (const [label, value] of resultsFigures(results)) sheet.addRow([label, value]).getCell(1).font = { bold: true };
  if (results.erased > 0) sheet.addRow([`Người đã xoá dữ liệu cá nhân (được tính, không ghi tên)`, results.erased]);
  sheet.addRow([]);
  const header = sheet.addRow(RESULTS_PEOPLE_HEADERS);
  header.font = { bold: true };
  results.people.forEach((person, i) => {
    sheet.addRow([i + 1, person.name, person.birthYear, person.workplace, PERSON_RESULT_NAMES[person.result].vi, person.day ? formatDate(person.day) : '', person.volumeMl]);
  });
  [6, 30, 10, 34, 32, 12, 14].forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}
