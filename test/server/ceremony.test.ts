/**
 * The ceremony against a real server (issue 17): the honourees' list imported all or nothing,
 * and again without doubling anyone; honourees' names sealed in the log and gone with their key
 * on erasure; the after-report as JSON and as a workbook that reads back the same.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { planHonoureeImport } from '../../shared/ceremonyImport.ts';
import { decodeText, parseCsv } from '../../shared/donorImport.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findInFiles } from '../helpers/files.ts';
import { api, getState, makeToken, post, startTestServer, type TestServer } from '../helpers/server.ts';

const HEADER = ['STT', 'Loại', 'Họ và tên', 'Đơn vị / Địa chỉ', 'Số lần hiến máu', 'Hình thức khen thưởng', 'Đợt', 'Thứ tự', 'Ghế', 'Lãnh đạo trao'];
const LIST = [
  ['DANH SÁCH TẬP THỂ, GIA ĐÌNH, CÁ NHÂN ĐỀ NGHỊ TẶNG BẰNG KHEN'],
  HEADER,
  [1, 'Tập thể', 'Công ty TNHH May Việt Hàn', 'KCN Đại An', 412, 'Bằng khen của Chủ tịch UBND tỉnh', 1, 1, 'A1', ''],
  [2, 'Gia đình', 'Gia đình bà Vũ Thị Hạnh', 'Phường Ngọc Châu', 75, 'Bằng khen của Chủ tịch UBND tỉnh', 2, 1, 'B3', ''],
  [3, 'Cá nhân', 'Nguyễn Quang Khải', 'Xã Thanh Xuân, huyện Thanh Hà', 51, 'Bằng khen của Chủ tịch UBND tỉnh', 3, 1, 'C7', 'đồng chí Phó Chủ tịch UBND tỉnh'],
];

describe('ceremony (issue 17): import, erasure, after-report', () => {
  let server: TestServer;
  let coordinator: string;

  beforeAll(async () => {
    server = await startTestServer();
    coordinator = await makeToken(server, 'coordinator');
  });
  afterAll(() => server.close());

  const importList = (rows: unknown[][], token = server.adminToken) => api(server.url, 'POST', '/api/ceremony/import', { token, body: { rows, fileName: 'ton-vinh.xlsx' } });

  it("the sample list in docs/ fits the default event's awards and batches", () => {
    const rows = parseCsv(decodeText(fs.readFileSync('docs/samples/ton-vinh-mau.csv')));
    const planned = planHonoureeImport(rows, server.service.state);
    if (!planned.ok) throw new Error(planned.en);
    expect(planned.plan.counts).toEqual({ new: 6, changed: 0, same: 0, error: 0 });
    expect(planned.plan.rows.find((row) => row.honouree?.name === 'Lê Văn Ví Dụ')?.honouree?.hidden).toBe(true);
  });

  it('a list with wrong rows is refused whole, each row saying why', async () => {
    const before = await getState(server);
    const answer = await importList([
      HEADER,
      [1, 'Cá nhân', '', 'Xã A', 20, 'Bằng khen của Chủ tịch UBND tỉnh', 1, 1, '', ''],
      [2, 'Cá nhân', 'Đinh Văn Long', 'Xã B', 20, 'Huân chương Lao động', 1, 2, '', ''],
      [3, 'Cá nhân', 'Đinh Văn Minh', 'Xã C', 20, 'Bằng khen của Chủ tịch UBND tỉnh', 'Đợt 12', 3, '', ''],
      [4, 'Cá nhân', 'Mạc Thị Nga', 'Xã D', 20, 'Bằng khen của Chủ tịch UBND tỉnh', 1, 4, '', ''],
      [5, 'Cá nhân', 'Mạc Thị Nga', 'Xã D', 20, 'Bằng khen của Chủ tịch UBND tỉnh', 1, 5, '', ''],
    ]);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('invalid_rows');
    const rows = answer.body.error.details.rows as { row: number; problems: { vi: string }[] }[];
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4, 6]);
    expect(rows.map((r) => r.problems[0]!.vi)).toEqual([
      'Thiếu họ và tên (hoặc tên tập thể)',
      expect.stringContaining('Không có hình thức khen thưởng "Huân chương Lao động"'),
      expect.stringContaining('Không có đợt "Đợt 12"'),
      'Trùng với dòng 5 (cùng loại, tên và đơn vị)',
    ]);
    const after = await getState(server);
    expect(after.seq).toBe(before.seq);
    // Only admin imports.
    expect((await importList(LIST, coordinator)).status).toBe(403);
  });

  it('imports a list, and the same list again changes nothing', async () => {
    const first = await importList(LIST);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ added: 3, changed: 0, unchanged: 0, leaders: 1 });
    const state = await getState(server);
    const honourees = [...server.service.state.honourees.values()];
    expect(honourees.map((h) => h.name).sort()).toEqual(['Công ty TNHH May Việt Hàn', 'Gia đình bà Vũ Thị Hạnh', 'Nguyễn Quang Khải']);
    expect(server.service.state.ceremonyBatches.get('dot-3')?.leader).toBe('đồng chí Phó Chủ tịch UBND tỉnh');
    const again = await importList(LIST);
    expect(again.body).toMatchObject({ added: 0, changed: 0, unchanged: 3, leaders: 0, importId: null });
    expect((await getState(server)).seq).toBe(state.seq);
    // A corrected number of donations updates the same honouree.
    const corrected = LIST.map((row, i) => (i === 4 ? [...row.slice(0, 4), 52, ...row.slice(5)] : row));
    expect((await importList(corrected)).body).toMatchObject({ added: 0, changed: 1, unchanged: 2 });
  });

  it('names are sealed in the log; an erasure takes them with their key; the report keeps the line', async () => {
    expect(findInFiles(server.dataDir, ['Nguyễn Quang Khải', 'Gia đình bà Vũ Thị Hạnh'])).toEqual([]);
    const byName = (name: string) => [...server.service.state.honourees.values()].find((h) => h.name === name)!.id;
    const company = byName('Công ty TNHH May Việt Hàn');
    const person = byName('Nguyễn Quang Khải');
    expect((await post(server, coordinator, 'ceremony.arrived', { honoureeId: company, representative: 'Trương Văn Phúc' })).status).toBe(201);
    // The MC's edited script of the person's batch names them: sealed, and gone with them.
    const mc = await makeToken(server, 'mc');
    expect((await post(server, mc, 'ceremony.script_set', { batchId: 'dot-3', text: 'Kính mời ông Nguyễn Quang Khải, Xã Thanh Xuân' })).status).toBe(201);
    expect(findInFiles(server.dataDir, ['Nguyễn Quang Khải', 'Xã Thanh Xuân'])).toEqual([]);
    const scriptKey = server.service.state.ceremonyBatches.get('dot-3')!.scriptKeyRef!;
    expect(server.keys.keyOf(scriptKey)).toBeDefined();
    expect((await post(server, server.adminToken, 'ceremony.honouree_erased', { honoureeId: person, reason: 'Đơn đề nghị ngày 2/8/2024' })).status).toBe(201);

    const report = await api(server.url, 'GET', '/api/ceremony/report', { token: server.adminToken });
    expect(report.body.counts).toEqual({ in_person: 0, representative: 1, absent: 2 });
    expect(report.body.rows.map((r: { name: string; reception: string }) => [r.name, r.reception])).toEqual([
      ['Công ty TNHH May Việt Hàn', 'representative'],
      ['Gia đình bà Vũ Thị Hạnh', 'absent'],
      ['', 'absent'],
    ]);
    const restarted = await server.restart();
    server = restarted;
    const after = server.service.state.honourees;
    expect(after.get(person)).toMatchObject({ name: '', erased: true });
    expect(after.get(company)?.representative).toBe('Trương Văn Phúc');
    expect(server.keys.keyOf(scriptKey)).toBeUndefined();
    expect(server.service.state.ceremonyBatches.get('dot-3')?.script).toBeUndefined();
    // Each honouree has a key of their own; the erased one's is gone.
    expect(server.keys.keyOf(after.get(person)!.keyRef!)).toBeUndefined();
    expect(server.keys.keyOf(after.get(company)!.keyRef!)).toBeDefined();
    expect(after.get(person)!.keyRef).not.toBe(after.get(company)!.keyRef);
    // The erased one is nowhere, snapshots included (the representative of the others is, like any donor's data).
    expect(findInFiles(server.dataDir, ['Nguyễn Quang Khải', 'Xã Thanh Xuân'])).toEqual([]);
  });

  it('the after-report workbook reads back as the report', async () => {
    const file = await fetch(`${server.url}/api/ceremony/report.xlsx`, { headers: { Authorization: `Bearer ${server.adminToken}` } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/le-ton-vinh-\d{8}-\d{4}\.xlsx/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await file.arrayBuffer()) as never);
    const sheet = workbook.worksheets[0]!;
    const lines: string[][] = [];
    sheet.eachRow((row) => lines.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    const header = lines.findIndex((line) => line[0] === 'Đợt');
    const body = lines.slice(header + 1, header + 4);
    expect(body.map((line) => [line[3], line[7], line[8]])).toEqual([
      ['Công ty TNHH May Việt Hàn', 'Người nhận thay', 'Trương Văn Phúc'],
      ['Gia đình bà Vũ Thị Hạnh', 'Vắng', ''],
      ['(đã xoá dữ liệu cá nhân)', 'Vắng', ''],
    ]);
    expect(lines.find((line) => line[0] === 'Người nhận thay')?.[1]).toBe('1');
  });
});
