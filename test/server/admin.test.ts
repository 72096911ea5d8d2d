/**
 * The organisers' admin API against a real server: the agency report as JSON, CSV and XLSX
 * (parsed back and compared with /api/state; units by bag size reconciled with the volume and
 * the donations; the XLSX as the committee signs it: letterhead, date line, legend), the audit log (filters, paging, voided events
 * marked, CSV), token revocation as the admin page does it, an agency's quota from its
 * headcount, and roles (non-admin → 403 on every admin endpoint).
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLongDateVi } from '../../shared/format.ts';
import { dayOf } from '../../shared/time.ts';
import { donorEvents, numberedDonors, sendBatch, type DonorSpec } from '../helpers/donors.ts';
import { api, connectLive, festivalClock, getState, makeToken, post, startTestServer, type TestServer } from '../helpers/server.ts';
import { AUDIT_CSV_NOTICE } from '../../server/admin/routes.ts';
import { XLSX_HEADER_ROW } from '../../server/admin/reportExport.ts';

let server: TestServer;
let desk: string;
let desk2: string;
let coordinator: string;
let mc: string;
let wall: string;
let today: string;
let tomorrow: string;

const TZ = 'Asia/Ho_Chi_Minh';
const FIELDS = ['registered', 'checkedIn', 'donated', 'deferred', 'volumeMl'] as const;
const pick = (c: any) => Object.fromEntries(FIELDS.map((f) => [f, c[f]]));
const zero = { registered: 0, checkedIn: 0, donated: 0, deferred: 0, volumeMl: 0 };
const HEADERS = [
  'Mã đơn vị',
  'Đơn vị',
  'Chỉ tiêu (người)',
  'Đã đăng ký',
  'Đã có mặt',
  'Đã hiến máu',
  'Tạm hoãn',
  'Tỷ lệ đạt chỉ tiêu (%)',
  'Lượng máu (ml)',
  'Đơn vị 250 ml',
  'Đơn vị 350 ml',
  'Đơn vị 450 ml',
];
/** Units by bag size: their volume is the row's volume, their number its donations. */
function expectBagsReconcile(row: { bags: Record<string, number> | null; volumeMl: number; donated: number }, what: string) {
  expect(row.bags, what).not.toBeNull();
  const bags = row.bags!;
  expect(250 * bags['250']! + 350 * bags['350']! + 450 * bags['450']!, `${what}: volume`).toBe(row.volumeMl);
  expect(bags['250']! + bags['350']! + bags['450']!, `${what}: units`).toBe(row.donated);
}
const admin = (path: string) => api(server.url, 'GET', path, { token: server.adminToken });

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Raw bytes of an admin download. */
async function download(path: string, token = server.adminToken): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  const res = await fetch(server.url + path, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
}

/** Donors through the batch endpoint: each registers, checks in, then donates or is deferred. */
async function donors(token: string, agencyId: string, prefix: string, outcomes: NonNullable<DonorSpec['outcome']>[]) {
  const people = numberedDonors(outcomes.length, agencyId, prefix).map((donor, i) => ({ ...donor, outcome: outcomes[i], volumeMl: [250, 350, 450][i % 3] }));
  await sendBatch(server.url, token, donorEvents(people, prefix));
}

/**
 * The server's clock: real speed from a festival morning, so what the test records falls on its
 * first day whenever the tests run, midnight in Việt Nam (17:00 UTC) included.
 */
const clock = festivalClock('2024-07-19T09:00:00+07:00');

beforeAll(async () => {
  server = await startTestServer({ now: clock });
  [desk, desk2, coordinator, mc, wall] = await Promise.all([
    makeToken(server, 'desk', 'Bàn 1'),
    makeToken(server, 'desk', 'Bàn 2'),
    makeToken(server, 'coordinator', 'Điều phối'),
    makeToken(server, 'mc', 'MC'),
    makeToken(server, 'wall', 'Màn hình chính'),
  ]);
  // The festival days are the clock's today and tomorrow (venue time).
  today = dayOf(clock(), TZ);
  tomorrow = dayOf(clock() + 24 * 3600 * 1000, TZ);
  const event = (await getState(server)).event;
  expect((await post(server, server.adminToken, 'event.configured', { name: event.name, venue: event.venue, timezone: TZ, days: [today, tomorrow], countOn: 'donated' })).status).toBe(201);
});
afterAll(() => server?.close());

describe('agency quota from headcount', () => {
  it('an agency with headcount 120 at 50 % has quota 60 in /api/state, and the target grows by 60', async () => {
    const before = (await getState(server)).target as number;
    const answer = await post(server, server.adminToken, 'agency.upserted', {
      agencyId: 'so-tu-phap',
      name: 'Sở Tư pháp',
      nameEn: 'Department of Justice',
      quota: { kind: 'percent_of_headcount', percent: 50, headcount: 120 },
    });
    expect(answer.status).toBe(201);
    const after = await getState(server);
    expect(after.agencies.find((a: any) => a.id === 'so-tu-phap')).toMatchObject({ quota: 60, quotaRule: { kind: 'percent_of_headcount', percent: 50, headcount: 120 } });
    expect(after.target).toBe(before + 60);
    // 121 rounds up to 61; an edit is a new event and the state follows.
    await post(server, server.adminToken, 'agency.upserted', { agencyId: 'so-tu-phap', name: 'Sở Tư pháp', quota: { kind: 'percent_of_headcount', percent: 50, headcount: 121 } });
    expect((await getState(server)).agencies.find((a: any) => a.id === 'so-tu-phap').quota).toBe(61);
    await post(server, server.adminToken, 'agency.upserted', {
      agencyId: 'so-tu-phap',
      name: 'Sở Tư pháp',
      nameEn: 'Department of Justice',
      quota: { kind: 'percent_of_headcount', percent: 50, headcount: 120 },
    });
  });
});

describe('reports', () => {
  beforeAll(async () => {
    await donors(desk, 'ldld', 'rl', ['donated', 'donated', 'donated', 'deferred', 'checkedIn', 'registered']);
    await donors(desk2, 'so-tu-phap', 'rs', ['donated', 'donated', 'deferred']);
    await donors(desk, 'walk-in', 'rw', ['donated', 'deferred', 'registered']);
    await donors(desk2, 'soyte', 'ry', ['donated']);
    // A donation recorded by mistake, then voided: gone from every figure.
    await donors(desk, 'soyte', 'rv', ['donated']);
    const donation = (await admin('/api/audit?type=donor.donated&order=desc&limit=1')).body.events[0];
    expect(donation.payload.donorId).toBe('rv-0');
    expect((await post(server, desk, 'event.voided', { eventId: donation.id, reason: 'Nhập nhầm người hiến' })).status).toBe(201);
  });

  it('GET /api/reports/agencies: the festival section and each day reconcile with /api/state', async () => {
    const [report, body] = [(await admin('/api/reports/agencies')).body, await getState(server)];
    expect(report.seq).toBe(body.seq);
    expect(report.target).toBe(body.target);
    expect(report.generatedAt).toEqual(expect.any(String));
    expect(report.festival.agencies.map((r: any) => ({ id: r.agencyId, quota: r.quota, ...pick(r) }))).toEqual(body.agencies.map((a: any) => ({ id: a.id, quota: a.quota, ...pick(a) })));
    expect(pick(report.festival.walkIns)).toEqual(pick(body.walkIns));
    expect(pick(report.festival.totals)).toEqual(pick(body.totals));
    expect(report.days.map((s: any) => s.date)).toEqual([today, tomorrow]);
    expect(pick(report.days[0].totals)).toEqual(pick(body.days.find((d: any) => d.date === today)));
    expect(pick(report.days[1].totals)).toEqual(zero);
    for (const row of report.days[0].agencies) expect(pick(row)).toEqual(pick(body.agencies.find((a: any) => a.id === row.agencyId).days[today] ?? zero));
    const justice = report.festival.agencies.find((r: any) => r.agencyId === 'so-tu-phap');
    expect(justice).toMatchObject({ quota: 60, donated: 2, deferred: 1, percentOfQuota: 3.3 });
    expect(report.festival.walkIns).toMatchObject({ registered: 3, checkedIn: 2, donated: 1, deferred: 1 });
    expect(report.festival.agencies.find((r: any) => r.agencyId === 'soyte')).toMatchObject({ registered: 2, checkedIn: 2, donated: 1 });
  });

  it('GET /api/reports/agencies: units by bag size on every row; they reconcile with the volume and the donations, and add up like the counts', async () => {
    const report = (await admin('/api/reports/agencies')).body;
    const rowsOf = (section: any) => [...section.agencies, section.walkIns, section.totals];
    const sections = [...report.days, report.festival];
    for (const section of sections) for (const row of rowsOf(section)) expectBagsReconcile(row, `${section.date ?? section.kind} ${row.agencyId || 'total'}`);
    const sumBags = (rows: any[]) => Object.fromEntries(['250', '350', '450'].map((size) => [size, rows.reduce((n, r) => n + r.bags[size], 0)]));
    for (const section of sections) expect(sumBags([...section.agencies, section.walkIns])).toEqual(section.totals.bags);
    rowsOf(report.festival).forEach((row, i) => expect(row.bags).toEqual(sumBags(report.days.map((s: any) => rowsOf(s)[i]))));
    // Liên đoàn Lao động gave 250, 350 and 450 ml; Sở Tư pháp 250 and 350; a walk-in and Sở Y tế 250 each (its voided one is in no bag).
    const bagsOf = (id: string) => report.festival.agencies.find((r: any) => r.agencyId === id).bags;
    expect(bagsOf('ldld')).toEqual({ 250: 1, 350: 1, 450: 1 });
    expect(bagsOf('so-tu-phap')).toEqual({ 250: 1, 350: 1, 450: 0 });
    expect(bagsOf('soyte')).toEqual({ 250: 1, 350: 0, 450: 0 });
    expect(report.festival.walkIns.bags).toEqual({ 250: 1, 350: 0, 450: 0 });
    expect(report.festival.totals).toMatchObject({ donated: 7, volumeMl: 4 * 250 + 2 * 350 + 450, bags: { 250: 4, 350: 2, 450: 1 } });
    // The wire's totals keep their five keys: the split is the report's alone.
    expect(Object.keys((await getState(server)).totals).sort()).toEqual(['checkedIn', 'deferred', 'donated', 'registered', 'volumeMl']);
  });

  it('XLSX: a "Tổng" sheet and one per festival day, Vietnamese headers, formatted, the figures of /api/state', async () => {
    const dateBefore = formatLongDateVi(Date.now(), TZ);
    const file = await download('/api/reports/agencies.xlsx');
    const dateAfter = formatLongDateVi(Date.now(), TZ);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('spreadsheetml');
    expect(file.headers.get('content-disposition')).toMatch(/attachment; filename="bao-cao-don-vi-\d{8}-\d{4}\.xlsx"/);
    const body = await getState(server);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const dmy = (d: string) => d.split('-').reverse().map(Number).join('-');
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Tổng', `Ngày ${dmy(today)}`, `Ngày ${dmy(tomorrow)}`]);

    const read = (sheet: ExcelJS.Worksheet) => {
      const header = sheet.getRow(XLSX_HEADER_ROW).values as unknown[];
      expect(header.slice(1)).toEqual(['STT', ...HEADERS]);
      expect(sheet.getRow(XLSX_HEADER_ROW).font?.bold).toBe(true);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: XLSX_HEADER_ROW });
      expect(sheet.getColumn(3).width).toBeGreaterThan(30);
      // The document as the committee signs it: issuing body top left; nation, motto, place and date top right; title; the event.
      expect(sheet.getCell('A1').value).toBe('BAN CHỈ ĐẠO VẬN ĐỘNG HIẾN MÁU TÌNH NGUYỆN TỈNH HẢI DƯƠNG');
      expect(sheet.getCell('A1').font?.bold).toBe(true);
      expect(sheet.getCell('G1').value).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(sheet.getCell('G2').value).toBe('Độc lập - Tự do - Hạnh phúc');
      expect([`Hải Dương, ${dateBefore}`, `Hải Dương, ${dateAfter}`]).toContain(sheet.getCell('G3').value);
      expect(String(sheet.getCell('G3').value)).toMatch(/^Hải Dương, ngày \d{2} tháng \d{1,2} năm \d{4}$/);
      expect(sheet.getCell('A5').value).toBe('BÁO CÁO KẾT QUẢ HIẾN MÁU THEO ĐƠN VỊ');
      expect(String(sheet.getCell('A6').value)).toContain(body.event.name);
      const rows = new Map<string, any>();
      let end = 0;
      sheet.eachRow((row, n) => {
        if (n <= XLSX_HEADER_ROW || end) return;
        const v = row.values as any[];
        const key = v[3] === 'Tổng cộng' ? 'total' : String(v[2]);
        if (key === 'total') end = n;
        rows.set(key, {
          quota: v[4] ?? null,
          registered: v[5],
          checkedIn: v[6],
          donated: v[7],
          deferred: v[8],
          percent: v[9] ?? null,
          volumeMl: v[10],
          bags: { 250: v[11], 350: v[12], 450: v[13] },
          numFmt: row.getCell(5).numFmt,
          percentFmt: row.getCell(9).numFmt,
          bagFmt: row.getCell(12).numFmt,
          bold: row.font?.bold ?? false,
        });
      });
      // Under the table, the legend: one line per column, saying what it counts.
      const below: string[] = [];
      sheet.eachRow((row, n) => {
        // A merged line is read once, from its first cell.
        if (n > end) below.push(...[1, 7].map((c) => row.getCell(c)).flatMap((cell) => (cell.master.address === cell.address && cell.value ? [String(cell.value)] : [])));
      });
      expect(below[0]).toBe('Ghi chú:');
      expect(below).toContain('- Đã hiến máu: số người hiến máu thành công = số đơn vị máu tiếp nhận (mỗi người hiến một lần trong ngày hội).');
      expect(below).toContain('- Chỉ tiêu (người): số người đơn vị cam kết vận động tham gia hiến máu; chỉ tiêu “50 % quân số” được làm tròn lên.');
      expect(below.filter((line) => /^- (Chỉ tiêu|Đã đăng ký|Đã có mặt|Đã hiến máu|Tạm hoãn|Tỷ lệ đạt chỉ tiêu|Lượng máu|Đơn vị 250\/350\/450 ml|Hiến máu tự do)/.test(line))).toHaveLength(9);
      return { rows, below };
    };

    const { rows: total, below: totalBelow } = read(workbook.getWorksheet('Tổng')!);
    // The festival sheet is signed.
    expect(totalBelow).toContain('NGƯỜI LẬP BIỂU');
    expect(
      workbook
        .getWorksheet('Tổng')!
        .findRow(workbook.getWorksheet('Tổng')!.rowCount - 1)!
        .getCell(7).value,
    ).toBe('TM. BAN CHỈ ĐẠO');
    for (const row of total.values()) expectBagsReconcile(row, 'xlsx');
    expect(total.get('total')).toMatchObject({ bags: { 250: 4, 350: 2, 450: 1 }, bagFmt: '#,##0' });
    for (const agency of body.agencies) expect(total.get(agency.id)).toMatchObject({ quota: agency.quota, ...pick(agency) });
    expect(total.get('walk-in')).toMatchObject({ quota: null, ...pick(body.walkIns) });
    expect(total.get('total')).toMatchObject({ quota: body.target, ...pick(body.totals), bold: true });
    expect(total.size).toBe(body.agencies.length + 2);
    expect(total.get('so-tu-phap')).toMatchObject({ quota: 60, donated: 2, percent: 0.033, numFmt: '#,##0', percentFmt: '0.0%' });

    const { rows: day } = read(workbook.getWorksheet(`Ngày ${dmy(today)}`)!);
    for (const agency of body.agencies) expect(day.get(agency.id)).toMatchObject(pick(agency.days[today] ?? zero));
    expect(day.get('total')).toMatchObject(pick(body.days.find((d: any) => d.date === today)));
    const { rows: next } = read(workbook.getWorksheet(`Ngày ${dmy(tomorrow)}`)!);
    expect(next.get('total')).toMatchObject(zero);
  });

  it('CSV: UTF-8 with BOM, Vietnamese headers, one line per agency, walk-ins and totals per section; the figures of /api/state', async () => {
    const file = await download('/api/reports/agencies.csv');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = file.bytes.toString('utf8').slice(1);
    const lines = parseCsv(text);
    expect(lines[0]).toEqual(['Phạm vi', ...HEADERS]);
    const body = await getState(server);
    const num = (s: string | undefined) => (s === '' || s === undefined ? null : Number(s));
    const section = (title: string) =>
      new Map(
        lines
          .filter((l) => l[0] === title)
          .map((l) => [
            l[1] === '' ? 'total' : l[1]!,
            {
              quota: num(l[3]),
              registered: num(l[4]),
              checkedIn: num(l[5]),
              donated: num(l[6]),
              deferred: num(l[7]),
              percent: num(l[8]),
              volumeMl: num(l[9])!,
              bags: { 250: num(l[10])!, 350: num(l[11])!, 450: num(l[12])! },
            },
          ]),
      );
    const festival = section('Cả ngày hội');
    for (const agency of body.agencies) expect(festival.get(agency.id)).toMatchObject({ quota: agency.quota, ...pick(agency) });
    expect(festival.get('walk-in')).toMatchObject(pick(body.walkIns));
    expect(festival.get('total')).toMatchObject({ quota: body.target, ...pick(body.totals) });
    expect(festival.get('so-tu-phap')!.percent).toBe(3.3);
    for (const [id, row] of festival) expectBagsReconcile(row as any, `csv ${id}`);
    expect(festival.get('ldld')!.bags).toEqual({ 250: 1, 350: 1, 450: 1 });
    const [y, m, d] = today.split('-').map(Number);
    const todayLines = section(`Ngày ${d}/${m}/${y}`);
    expect(todayLines.get('total')).toMatchObject(pick(body.days.find((x: any) => x.date === today)));
    expect(text).toContain('Hiến máu tự do (không theo đơn vị)');
    expect(text).toContain('Liên đoàn Lao động tỉnh');
    expect(lines.length).toBe(1 + 3 * (body.agencies.length + 2));
  });
});

describe('audit log', () => {
  let latestDonation: any;
  let t0: string;
  let t1: string;

  beforeAll(async () => {
    await new Promise((r) => setTimeout(r, 20));
    t0 = new Date(clock()).toISOString();
    await new Promise((r) => setTimeout(r, 20));
    await post(server, coordinator, 'task.status_set', { taskId: 'venue', status: 'in_progress', note: 'Đang dựng' });
    await post(server, mc, 'wall.message_set', { text: 'Chào mừng' });
    await donors(desk2, 'tinhdoan', 'au', ['donated']);
    await new Promise((r) => setTimeout(r, 20));
    t1 = new Date(clock()).toISOString();
    latestDonation = (await admin(`/api/audit?type=donor.donated&actor=${encodeURIComponent('Bàn 2')}&order=desc&limit=1`)).body.events[0];
  });

  it('filters by type (one, a family, a list), with the total and no other type', async () => {
    const one = (await admin('/api/audit?type=task.status_set')).body;
    expect(one.total).toBe(1);
    expect(one.events[0]).toMatchObject({ type: 'task.status_set', payload: { taskId: 'venue', status: 'in_progress' }, actor: { role: 'coordinator', label: 'Điều phối' }, voided: null });
    const family = (await admin('/api/audit?type=donor.*&limit=1000')).body;
    expect(family.events.length).toBe(family.total);
    expect(new Set(family.events.map((e: any) => e.type.split('.')[0]))).toEqual(new Set(['donor']));
    const list = (await admin('/api/audit?type=wall.message_set,task.status_set')).body;
    expect(list.events.map((e: any) => e.type)).toEqual(['task.status_set', 'wall.message_set']);
    const setup = (await admin('/api/audit?type=agency.upserted&actor=system&limit=1000')).body;
    expect(setup.total).toBe(13);
    expect(setup.events[0].actor).toMatchObject({ tokenId: 'system' });
  });

  it('filters by actor: token id, label or role', async () => {
    const tokens = (await admin('/api/tokens')).body.tokens;
    const desk2Id = tokens.find((t: any) => t.label === 'Bàn 2').id;
    const byId = (await admin(`/api/audit?actor=${desk2Id}&limit=1000`)).body;
    const byLabel = (await admin(`/api/audit?actor=${encodeURIComponent('Bàn 2')}&limit=1000`)).body;
    expect(byId.total).toBeGreaterThan(0);
    expect(byLabel.events).toEqual(byId.events);
    expect(byId.events.every((e: any) => e.actor.tokenId === desk2Id)).toBe(true);
    const desks = (await admin('/api/audit?actor=desk&limit=1000')).body;
    expect(desks.total).toBeGreaterThan(byId.total);
    expect(desks.events.every((e: any) => e.actor.role === 'desk')).toBe(true);
    expect((await admin('/api/audit?actor=nobody')).body).toEqual({ events: [], total: 0, next: null });
  });

  it('filters by time range (instants with Z or an offset, or days in the event zone)', async () => {
    const between = (await admin(`/api/audit?from=${t0}&to=${t1}&limit=1000`)).body;
    expect(between.events.map((e: any) => e.type)).toEqual(['task.status_set', 'wall.message_set', 'donor.registered', 'donor.checked_in', 'donor.donated']);
    expect(between.events.every((e: any) => e.at >= t0 && e.at <= t1)).toBe(true);
    const local = new Date(Date.parse(t0) + 7 * 3600 * 1000).toISOString().replace('Z', '+07:00');
    expect((await admin(`/api/audit?from=${encodeURIComponent(local)}&limit=1000`)).body.total).toBe(between.total);
    const before = (await admin(`/api/audit?to=${t0}&limit=1`)).body;
    const all = (await admin('/api/audit?limit=1')).body;
    expect(before.total + between.total).toBe(all.total);
    // Everything, the seeded setup included, was recorded today (venue time).
    expect((await admin(`/api/audit?from=${today}&to=${today}&limit=1`)).body.total).toBe(all.total);
    expect((await admin(`/api/audit?from=${tomorrow}`)).body.total).toBe(0);
  });

  it('voided events are marked with who voided them, when and why; the void itself is listed', async () => {
    const donated = (await admin('/api/audit?type=donor.donated&limit=1000')).body.events;
    const voided = donated.filter((e: any) => e.voided);
    expect(voided).toHaveLength(1);
    expect(voided[0].payload.donorId).toBe('rv-0');
    expect(voided[0].voided).toMatchObject({ reason: 'Nhập nhầm người hiến', actor: { label: 'Bàn 1', role: 'desk' }, at: expect.any(String), seq: expect.any(Number), eventId: expect.any(String) });
    const voids = (await admin('/api/audit?type=event.voided')).body.events;
    expect(voids).toHaveLength(1);
    expect(voids[0]).toMatchObject({ id: voided[0].voided.eventId, payload: { eventId: voided[0].id, reason: 'Nhập nhầm người hiến' } });
    expect(latestDonation).toMatchObject({ payload: { donorId: 'au-0' }, voided: null });
  });

  it('pages forwards with after and backwards with before, none skipped or repeated', async () => {
    const everything = (await admin('/api/audit?limit=1000')).body.events.map((e: any) => e.seq);
    const forward: number[] = [];
    let cursor: number | null = 0;
    while (cursor !== null) {
      const page: any = (await admin(`/api/audit?after=${cursor}&limit=7`)).body;
      forward.push(...page.events.map((e: any) => e.seq));
      cursor = page.next;
    }
    expect(forward).toEqual(everything);
    const backward: number[] = [];
    let page: any = (await admin('/api/audit?order=desc&limit=9')).body;
    backward.push(...page.events.map((e: any) => e.seq));
    while (page.next !== null) {
      page = (await admin(`/api/audit?order=desc&before=${page.next}&limit=9`)).body;
      backward.push(...page.events.map((e: any) => e.seq));
    }
    expect(backward).toEqual([...everything].reverse());
  });

  it('rejects unknown or malformed query parameters with 400 invalid_query', async () => {
    for (const query of [
      'type=donor.exploded',
      'type=nope.*',
      'from=yesterday',
      'to=2024-07-19T08:00:00',
      'limit=0',
      'limit=1001',
      'after=-1',
      'order=sideways',
      'page=2',
      'order=desc&after=3',
      'before=3',
      'type=a&type=b',
    ]) {
      const answer = await admin(`/api/audit?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body.error.code, query).toBe('invalid_query');
    }
    expect((await admin('/api/audit.csv?limit=5')).status).toBe(400);
    expect((await admin('/api/reports/agencies?lang=en')).status).toBe(400);
  });

  it('GET /api/audit.csv: BOM, Vietnamese headers, the filtered events, voided columns', async () => {
    const file = await download('/api/audit.csv?type=donor.donated');
    expect(file.status).toBe(200);
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.headers.get('content-disposition')).toMatch(/filename="nhat-ky-du-lieu-ca-nhan-\d{8}-\d{4}\.csv"/);
    const [notice, ...lines] = file.bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    // The file says, on its first line, that it holds personal data and is for the organisers only.
    expect(notice).toBe(`"${AUDIT_CSV_NOTICE}"`);
    expect(lines[0]).toBe(
      'Số thứ tự (seq),Thời gian,Thời điểm (UTC),Loại sự kiện,Mã loại,Thiết bị,Vai trò,Mã thiết bị,Mã sự kiện,Nội dung,Đã hủy,Hủy bởi,Thời gian hủy,Lý do hủy,Thời gian thao tác (thiết bị),Thời điểm thao tác (UTC),Ghi chú thời điểm,Tập dượt',
    );
    const donated = (await admin('/api/audit?type=donor.donated&limit=1000')).body;
    expect(lines.length - 1).toBe(donated.total);
    const voidedLine = lines.find((l) => l.includes('"{""donorId"":""rv-0""'))!;
    expect(voidedLine).toContain('Đã hiến máu,donor.donated,Bàn 1,desk,');
    expect(voidedLine).toMatch(/,có,Bàn 1,\d{1,2}\/\d{1,2}\/\d{4} \d{2}:\d{2}:\d{2},Nhập nhầm người hiến,,,,$/);
    const other = lines.find((l) => l.includes('"{""donorId"":""au-0""'))!;
    // Not voided, and no time of action sent: the voided, time-of-action and rehearsal columns are empty.
    expect(other).toMatch(/,,,,,,,,$/);
  });
});

describe('tokens from the admin page', () => {
  it('create → listed in /api/devices → revoke → 401 and its socket closed at once; listed as revoked', async () => {
    const made = await api(server.url, 'POST', '/api/tokens', { token: server.adminToken, body: { role: 'desk', label: 'Bàn 3' } });
    expect(made.status).toBe(201);
    const client = connectLive(server.url, made.body.token);
    await client.until(() => client.snapshots.length === 1);
    await expect.poll(async () => (await admin('/api/devices')).body.devices.find((d: any) => d.id === made.body.id)?.connected).toBe(true);
    const disconnected = new Promise<string>((resolve) => client.socket.on('disconnect', (reason) => resolve(reason)));

    const revoked = await api(server.url, 'DELETE', `/api/tokens/${made.body.id}`, { token: server.adminToken });
    expect(revoked.body).toEqual({ id: made.body.id, revoked: true });
    expect(await disconnected).toBe('io server disconnect');
    expect((await api(server.url, 'GET', '/api/state', { token: made.body.token })).status).toBe(401);
    expect((await post(server, made.body.token, 'donor.checked_in', { donorId: 'rl-0' })).status).toBe(401);
    const device = (await admin('/api/devices')).body.devices.find((d: any) => d.id === made.body.id);
    expect(device).toMatchObject({ role: 'desk', label: 'Bàn 3', revokedAt: expect.any(String), connected: false });
    expect((await api(server.url, 'DELETE', `/api/tokens/${made.body.id}`, { token: server.adminToken })).status).toBe(404);
    client.close();
  });
});

describe('roles', () => {
  const ADMIN_GETS = ['/api/devices', '/api/reports/agencies', '/api/reports/agencies.csv', '/api/reports/agencies.xlsx', '/api/audit', '/api/audit.csv', '/api/tokens'];

  it('every admin endpoint answers 403 to desk, coordinator, mc and wall, 401 without a token, 200 to admin', async () => {
    for (const path of ADMIN_GETS) {
      for (const token of [desk, coordinator, mc, wall]) {
        const answer = await api(server.url, 'GET', path, { token });
        expect(answer.status, `${path}`).toBe(403);
        expect(answer.body.error.code).toBe('forbidden');
      }
      expect((await api(server.url, 'GET', path)).status, path).toBe(401);
      expect((await download(path)).status, path).toBe(200);
    }
    const devices = (await admin('/api/devices')).body.devices;
    const wallId = devices.find((d: any) => d.label === 'Màn hình chính').id;
    for (const token of [desk, coordinator, mc, wall]) {
      expect((await api(server.url, 'POST', `/api/devices/${wallId}/control`, { token, body: { action: 'reload' } })).status).toBe(403);
      expect((await api(server.url, 'POST', '/api/tokens', { token, body: { role: 'wall', label: 'x' } })).status).toBe(403);
      expect((await api(server.url, 'DELETE', `/api/tokens/${wallId}`, { token })).status).toBe(403);
      expect((await post(server, token, 'agency.upserted', { agencyId: 'x', name: 'X', quota: null })).status).toBe(403);
      expect((await post(server, token, 'event.configured', { name: 'X', venue: 'Y', timezone: TZ, days: [today], countOn: 'donated' })).status).toBe(403);
      expect((await post(server, token, 'milestone.template_set', { kind: 'donations', text: 'X' })).status).toBe(403);
    }
  });
});
