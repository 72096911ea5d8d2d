/**
 * The honouring ceremony (issue 17) on the devices that run it, against the real server on the
 * morning of 19/7: the standing office imports the honourees (a wrong CSV first: each row says
 * why, nothing is imported; then the right one as an Excel workbook); reception checks two in on a phone — one in person, one absent
 * honouree's representative by name; the stage manager sees the batch's counts and cues it; the
 * MC's script shows the names; the wall shows the batch within 2 s, without the honouree who
 * asked not to be shown; "Xong đợt" returns the wall to the totals; the after-report names the
 * representative.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { hasChromium, launchChromium, openPage } from '../helpers/browser.ts';
import { api, festivalClock, makeToken, startTestServer, type TestServer } from '../helpers/server.ts';

const PHONE = { width: 360, height: 740 };
const TABLET = { width: 1024, height: 768 };
const WALL = { width: 1920, height: 1080 };
const LAPTOP = { width: 1366, height: 768 };

const HEADER = 'STT,Loại,Họ và tên / Tên tập thể,Đơn vị / Địa chỉ,Số lần hiến máu,Hình thức khen thưởng,Đợt,Thứ tự,Ghế,Không hiển thị';
const GOOD_LIST = [
  'DANH SÁCH ĐỀ NGHỊ TẶNG BẰNG KHEN',
  HEADER,
  '1,Tập thể,Công ty CP Sứ Hải Dương,KCN Lai Cách,388,Bằng khen của Chủ tịch UBND tỉnh,1,1,A1,',
  '2,Cá nhân,Đoàn Minh Quân,Phường Hải Tân,47,Bằng khen của Chủ tịch UBND tỉnh,1,2,A2,',
  '3,Cá nhân,Vương Thị Thu,Xã Hồng Lạc,36,Bằng khen của Chủ tịch UBND tỉnh,1,3,A3,x',
].join('\n');
const BAD_LIST = [
  HEADER,
  '1,Cá nhân,,Xã A,20,Bằng khen của Chủ tịch UBND tỉnh,1,1,,',
  '2,Cá nhân,Lò Văn Sáng,Xã B,20,Huân chương Lao động,1,2,,',
  '3,Cá nhân,Lò Văn Sáng,Xã B,20,Bằng khen của Chủ tịch UBND tỉnh,9,3,,',
  '4,Cá nhân,Hầu Thị Mai,Xã C,20,Bằng khen của Chủ tịch UBND tỉnh,1,4,,',
  '5,Cá nhân,Hầu Thị Mai,Xã C,20,Bằng khen của Chủ tịch UBND tỉnh,1,5,,',
].join('\n');

declare global {
  interface Window {
    __wallSawCeremonyAt?: number;
  }
}

describe.skipIf(!hasChromium)('the honouring ceremony on its devices', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  async function open(path: string, token: string, viewport: { width: number; height: number }, prefix: string, waitLive = true): Promise<Page> {
    const context = await browser.newContext({ viewport });
    context.setDefaultTimeout(5000);
    contexts.push(context);
    const { page } = await openPage(context, `${server.url}${path.replace('?', `?token=${token}&`)}`, { errors, errorPrefix: prefix, waitLive });
    return page;
  }

  beforeAll(async () => {
    server = await startTestServer({ now: festivalClock('2024-07-19T07:30:00+07:00') });
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  });

  it('import, reception, cue, script, wall, done, after-report', async () => {
    const [receptionToken, stageToken, mcToken, wallToken] = await Promise.all([
      makeToken(server, 'coordinator', 'Lễ tân'),
      makeToken(server, 'coordinator', 'Quản lý sân khấu'),
      makeToken(server, 'mc', 'MC'),
      makeToken(server, 'wall', 'Màn hình lớn'),
    ]);

    // The standing office imports the list: a wrong one first.
    const admin = await open('/admin?#ceremony', server.adminToken, LAPTOP, 'admin: ');
    const file = admin.getByTestId('ceremony-file');
    await file.setInputFiles({ name: 'sai.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_LIST, 'utf8') });
    await expect.poll(() => admin.getByTestId('ceremony-import-summary').getAttribute('data-errors')).toBe('4');
    expect(await admin.getByTestId('ceremony-row-2').innerText()).toContain('Thiếu họ và tên');
    expect(await admin.getByTestId('ceremony-row-3').innerText()).toContain('Không có hình thức khen thưởng "Huân chương Lao động"');
    expect(await admin.getByTestId('ceremony-row-4').innerText()).toContain('Không có đợt "9"');
    expect(await admin.getByTestId('ceremony-row-6').innerText()).toContain('Trùng với dòng 5');
    expect(await admin.getByTestId('ceremony-import-go').isDisabled()).toBe(true);
    // The right one as the standing office keeps it: an Excel workbook, a title row above the header.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Danh sách');
    for (const line of GOOD_LIST.split('\n')) sheet.addRow(line.split(',').map((cell) => (/^\d+$/.test(cell) ? Number(cell) : cell)));
    const xlsx = Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    await file.setInputFiles({ name: 'ton-vinh.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx });
    await expect.poll(() => admin.getByTestId('ceremony-import-summary').getAttribute('data-errors')).toBe('0');
    await admin.getByTestId('ceremony-import-go').click();
    await expect.poll(() => admin.getByTestId('honourees-table').locator('tbody tr').count()).toBe(3);
    const ids = Object.fromEntries([...server.service.state.honourees.values()].map((h) => [h.name, h.id]));
    const [company, quan, thu] = [ids['Công ty CP Sứ Hải Dương']!, ids['Đoàn Minh Quân']!, ids['Vương Thị Thu']!];

    // Reception, on a phone: Quân arrives; Thu is absent, her son receives for her.
    const reception = await open('/console?#ceremony', receptionToken, PHONE, 'reception: ');
    await reception.getByTestId('reception-search').fill('doan minh');
    expect(await reception.getByTestId(`seat-${quan}`).innerText()).toContain('A2');
    await reception.getByTestId(`arrive-${quan}`).click();
    await reception.getByTestId('reception-show-all').click();
    await reception.getByTestId('reception-search').fill('');
    await reception.getByTestId(`represent-${thu}`).click();
    await reception.getByTestId(`representative-name-${thu}`).fill('Phạm Văn Người Thay');
    await reception.getByTestId(`representative-save-${thu}`).click();
    await expect.poll(() => reception.getByTestId('reception-count').getAttribute('data-arrived'), { timeout: 3000 }).toBe('2');
    expect(await reception.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    // The wall and the MC are up; the wall notes when it first shows the batch.
    const wall = await open('/wall?', wallToken, WALL, 'wall: ');
    await wall.evaluate(() => {
      new MutationObserver(() => {
        if (window.__wallSawCeremonyAt === undefined && document.querySelector('[data-testid="wall-ceremony"]')) window.__wallSawCeremonyAt = Date.now();
      }).observe(document.body, { subtree: true, childList: true });
    });
    const mc = await open('/mc?', mcToken, TABLET, 'mc: ');
    expect(await mc.getByTestId('mc-script').count()).toBe(0);
    await mc.getByTestId('mc-batch-dot-1').waitFor();

    // The stage manager sees batch 1 coming, with who is here, and cues it.
    const stage = await open('/console?#ceremony', stageToken, PHONE, 'stage: ');
    await stage.getByTestId('ceremony-mode-stage').click();
    const counts = stage.getByTestId('stage-next-counts');
    await expect.poll(() => counts.getAttribute('data-present'), { timeout: 3000 }).toBe('1');
    expect([await counts.getAttribute('data-represented'), await counts.getAttribute('data-absent')]).toEqual(['1', '1']);
    await stage.getByTestId('ready-certificates-dot-1').click();
    await stage.getByTestId('ready-flowers-dot-1').click();
    const cuedAt = Date.now();
    await stage.getByTestId('batch-cue').click();

    await wall.waitForFunction(() => window.__wallSawCeremonyAt !== undefined, undefined, { timeout: 3000 });
    const sawAt = await wall.evaluate(() => window.__wallSawCeremonyAt!);
    expect(sawAt - cuedAt).toBeLessThan(2000);
    const onWall = await wall.getByTestId('wall-ceremony').innerText();
    expect(onWall).toContain('Công ty CP Sứ Hải Dương');
    expect(onWall).toContain('Đoàn Minh Quân');
    // She asked not to be shown: the wall never even receives her name.
    expect(onWall).not.toContain('Vương Thị Thu');
    expect(await wall.evaluate(() => document.body.innerHTML.includes('Vương Thị Thu'))).toBe(false);

    // The MC's script of the batch on stage, every name read, and "Đã đọc".
    const script = mc.getByTestId('mc-script');
    await script.waitFor({ timeout: 3000 });
    const text = await mc.getByTestId('mc-script-text').innerText();
    expect(text).toContain('Trân trọng kính mời đại diện các tập thể và cá nhân sau đây lên sân khấu nhận Bằng khen của Chủ tịch UBND tỉnh');
    expect(text).toContain('2. Đoàn Minh Quân — Phường Hải Tân — 47 lần hiến máu');
    expect(text).toContain('3. Vương Thị Thu');
    expect(text).toContain('Trân trọng kính mời đồng chí Chủ tịch UBND tỉnh lên trao');
    await mc.getByTestId('mc-mark-read').click();
    await mc.getByTestId('mc-script-read').waitFor({ timeout: 3000 });

    // "Xong đợt": the wall is back on the totals.
    await stage.getByTestId('batch-done').click();
    await wall.getByTestId('wall-ceremony').waitFor({ state: 'detached', timeout: 3000 });
    await expect.poll(() => stage.getByTestId('batch-dot-1').getAttribute('data-status')).toBe('done');
    expect(await stage.getByTestId('stage-next').getAttribute('data-batch')).toBe('dot-2');

    // The after-report: Thu received through her representative; the company was absent.
    const report = await api(server.url, 'GET', '/api/ceremony/report', { token: server.adminToken });
    const byName = Object.fromEntries(report.body.rows.map((r: { name: string }) => [r.name, r]));
    expect(byName['Vương Thị Thu']).toMatchObject({ reception: 'representative', representative: 'Phạm Văn Người Thay' });
    expect(byName['Đoàn Minh Quân']).toMatchObject({ reception: 'in_person' });
    expect(byName['Công ty CP Sứ Hải Dương']).toMatchObject({ reception: 'absent' });
    // The print view has no connection line of its own (it says whether its figures are live).
    const print = await open('/admin?print=ceremony', server.adminToken, LAPTOP, 'print: ', false);
    await expect.poll(() => print.getByTestId('print-ceremony-table').locator('tbody tr').count(), { timeout: 10_000 }).toBe(3);
    const printed = await print.getByTestId('print-ceremony-table').innerText();
    expect(printed).toContain('Phạm Văn Người Thay');
    expect(await print.getByTestId('print-ceremony-counts').innerText()).toContain('Tổng số 3: nhận trực tiếp 1, qua người nhận thay 1, vắng 1.');
    expect(byName['Công ty CP Sứ Hải Dương'].name).toBe(server.service.state.honourees.get(company)?.name);
    expect(errors).toEqual([]);
  });
});
