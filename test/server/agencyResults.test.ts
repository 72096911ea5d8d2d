/**
 * An agency's results (issue 18), against a real server on the festival's first day: its
 * people and what came of each, and its figures, as JSON and as the workbook the standing office
 * sends back — read back and reconciled with GET /api/reports/agencies; no deferral reason and no
 * other agency's person in it.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, festivalClock, makeToken, post, startTestServer, type TestServer } from '../helpers/server.ts';

describe('an agency’s results (issue 18)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ now: festivalClock('2024-07-19T09:00:00+07:00') });
    const desk = await makeToken(server, 'desk', 'Bàn 1');
    const ok = async (type: string, payload: unknown) => expect((await post(server, desk, type, payload)).status, `${type} ${JSON.stringify(payload)}`).toBe(201);
    const people = [
      { donorId: 'r-1', fullName: 'Vũ Văn Khang', agencyId: 'ldld', birthYear: 1988, workplace: 'Công ty TNHH May Tinh Lợi', bloodGroup: 'O' },
      { donorId: 'r-2', fullName: 'Đỗ Thị Lan', agencyId: 'ldld', birthYear: 1990 },
      { donorId: 'r-3', fullName: 'Phan Văn Long', agencyId: 'ldld', birthYear: 1992 },
      { donorId: 'r-4', fullName: 'Lý Thị Mơ', agencyId: 'ldld', birthYear: 1995, workplace: 'Công ty CP Sứ Hải Dương' },
      { donorId: 'r-5', fullName: 'Người Đơn Vị Khác', agencyId: 'soyte', birthYear: 1985 },
    ];
    for (const person of people) await ok('donor.registered', person);
    for (const donorId of ['r-1', 'r-2', 'r-3', 'r-5']) await ok('donor.checked_in', { donorId });
    await ok('donor.donated', { donorId: 'r-1', volumeMl: 350 });
    await ok('donor.donated', { donorId: 'r-5', volumeMl: 250 });
    await ok('donor.deferred', { donorId: 'r-2', reasonCode: 'low_hemoglobin', reason: 'Hb 11,2 g/dl' });
  });
  afterAll(() => server.close());

  it('lists its people with what came of each, and its figures are the report’s', async () => {
    const answer = await api(server.url, 'GET', '/api/reports/agencies/ldld/results', { token: server.adminToken });
    expect(answer.status).toBe(200);
    expect(answer.body.people.map((p: { name: string; result: string; volumeMl: number | null }) => [p.name, p.result, p.volumeMl])).toEqual([
      ['Vũ Văn Khang', 'donated', 350],
      ['Đỗ Thị Lan', 'deferred', null],
      ['Phan Văn Long', 'checked_in', null],
      ['Lý Thị Mơ', 'not_come', null],
    ]);
    const report = await api(server.url, 'GET', '/api/reports/agencies', { token: server.adminToken });
    const row = report.body.festival.agencies.find((r: { agencyId: string }) => r.agencyId === 'ldld');
    expect(answer.body.figures).toEqual(row);
    expect(row).toMatchObject({ registered: 4, checkedIn: 3, donated: 1, deferred: 1, volumeMl: 350 });
    expect((await api(server.url, 'GET', '/api/reports/agencies/nope/results', { token: server.adminToken })).status).toBe(404);
    const coordinator = await makeToken(server, 'coordinator');
    expect((await api(server.url, 'GET', '/api/reports/agencies/ldld/results', { token: coordinator })).status).toBe(403);
  });

  it('the workbook reads back as the report, with no deferral reason and no other agency’s person', async () => {
    const file = await fetch(`${server.url}/api/reports/agencies/ldld/results.xlsx`, { headers: { Authorization: `Bearer ${server.adminToken}` } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/ket-qua-ldld-\d{8}-\d{4}\.xlsx/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await file.arrayBuffer()) as never);
    const lines: string[][] = [];
    workbook.worksheets[0]!.eachRow((row) => lines.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    const figure = (name: string) => lines.find((line) => line[0] === name)?.[1];
    const report = await api(server.url, 'GET', '/api/reports/agencies', { token: server.adminToken });
    const row = report.body.festival.agencies.find((r: { agencyId: string }) => r.agencyId === 'ldld');
    expect([figure('Chỉ tiêu (người)'), figure('Đã đăng ký'), figure('Đã có mặt'), figure('Đã hiến máu'), figure('Tạm hoãn'), figure('Lượng máu (ml)')]).toEqual(
      [row.quota, row.registered, row.checkedIn, row.donated, row.deferred, row.volumeMl].map(String),
    );
    const header = lines.findIndex((line) => line[0] === 'STT');
    const people = lines.slice(header + 1).map((line) => [line[1], line[3], line[4], line[5], line[6] ?? '']);
    expect(people).toEqual([
      ['Vũ Văn Khang', 'Công ty TNHH May Tinh Lợi', 'Đã hiến máu', '19/7/2024', '350'],
      ['Đỗ Thị Lan', '', 'Tạm hoãn', '19/7/2024', ''],
      ['Phan Văn Long', '', 'Đã có mặt, chưa có kết quả', '19/7/2024', ''],
      ['Lý Thị Mơ', 'Công ty CP Sứ Hải Dương', 'Đã đăng ký, chưa có mặt', '', ''],
    ]);
    const text = JSON.stringify(lines);
    expect(text).not.toMatch(/Hb 11|hemoglobin|huyết sắc tố|Người Đơn Vị Khác/i);
  });
});
