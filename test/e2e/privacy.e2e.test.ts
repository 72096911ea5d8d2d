/**
 * Erasure and retention, the whole way (issue: privacy by design): people registered at a
 * desk in Chromium — typed, imported from an XLSX list, scanned from a chip card — then one
 * erased on request and everyone at the end of retention. Afterwards nothing of them is left
 * in any file under DATA_DIR nor in the desk's offline copy (IndexedDB, localStorage) after its
 * next sync, while the state, the report and the milestones stay exactly as they were.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { foldForSearch } from '../../shared/format.ts';
import { hasChromium, launchChromium, openPage, storedOnDevice } from '../helpers/browser.ts';
import { findInFiles } from '../helpers/files.ts';
import { api, freePort, getState, makeToken, post, startTestServer, type TestServer } from '../helpers/server.ts';

interface Person {
  fullName: string;
  phone: string;
  nationalId: string;
}

const TYPED: Person = { fullName: 'Vũ Thị Ngọc Ánh', phone: '0966111222', nationalId: '030197055501' };
const LISTED: Person[] = [
  { fullName: 'Bùi Văn Khánh', phone: '0966333444', nationalId: '030185066602' },
  { fullName: 'Lương Thị Diệp', phone: '0966555666', nationalId: '030192077703' },
];
const SCANNED: Person = { fullName: 'Kiều Văn Sơn', phone: '0966777888', nationalId: '030190088804' };
const EVERYONE = [TYPED, ...LISTED, SCANNED];

const secretsOf = (p: Person) => [p.fullName, foldForSearch(p.fullName), p.phone, p.nationalId];

async function xlsxList(people: Person[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh sách');
  sheet.addRow(['DANH SÁCH ĐĂNG KÝ HIẾN MÁU — SỞ Y TẾ']);
  sheet.addRow(['STT', 'Họ và tên', 'Năm sinh', 'Số điện thoại', 'CCCD']);
  people.forEach((p, i) => sheet.addRow([i + 1, p.fullName, 1990 + i, p.phone, p.nationalId]));
  // CCCDs as text, as the standing office asks the agencies to.
  sheet.getColumn(5).numFmt = '@';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Saves the desk's offline copy now (as when the tablet sleeps) and waits until it holds `seq`. */
async function syncOfflineCopy(page: Page, seq: number): Promise<void> {
  await expect
    .poll(
      async () => {
        await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
        return Number(await page.evaluate(() => document.documentElement.dataset.offlineCopySeq ?? '0'));
      },
      { timeout: 15_000, interval: 300 },
    )
    .toBeGreaterThanOrEqual(seq);
}

describe.skipIf(!hasChromium)('privacy, end to end', () => {
  let server: TestServer;
  let browser: Browser;
  let port: number;
  let daysAhead = 0;
  const now = () => Date.now() + daysAhead * 86_400_000;

  beforeAll(async () => {
    port = await freePort();
    server = await startTestServer({ port, personalDataDays: 30, now });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const seqNow = async () => (await api(server.url, 'GET', '/api/health')).body.seq as number;
  const events = async () => (await api(server.url, 'GET', '/api/events?after=0&limit=5000', { token: server.adminToken })).body.events as { type: string; payload: Record<string, unknown> }[];
  const figures = async () => {
    const { seq: _s, logId: _l, milestones, ...state } = await getState(server);
    const report = (await api(server.url, 'GET', '/api/reports/agencies', { token: server.adminToken })).body;
    return { state, festival: report.festival, days: report.days, milestones: milestones.map(({ announceName: _n, ...m }: Record<string, unknown>) => m) };
  };

  it('typed, imported and scanned at the desk; erased on request, then by retention: nothing left in DATA_DIR or on the desk, every figure kept', async () => {
    const desk = await makeToken(server, 'desk', 'Bàn 1');
    const context = await browser.newContext();
    const { page, errors } = await openPage(context, `${server.url}/desk?token=${desk}`, { viewport: { width: 1024, height: 768 } });
    const registered = (await figures()).state.totals.registered as number;

    // Typed: a walk-in, with the privacy notice accepted.
    await page.getByTestId('desk-search').press('F4');
    await page.getByTestId('walk-in-form').waitFor();
    await page.getByTestId('field-fullName').fill(TYPED.fullName);
    await page.getByTestId('agency-input').fill('tu do');
    await page.locator('[data-testid="agency-option"][data-agency-id="walk-in"]').click();
    await page.getByTestId('field-birthYear').fill('1997');
    await page.getByTestId('gender-female').check({ force: true });
    await page.getByTestId('field-phone').fill(TYPED.phone);
    await page.getByTestId('field-weightKg').fill('50');
    await page.getByTestId('field-nationalId').fill(TYPED.nationalId);
    await page.getByTestId('walkin-consent').check();
    await page.getByTestId('walkin-announce-name').check();
    await page.getByTestId('submit-donor').click();
    await page.locator('[data-testid="donor-panel"][data-state="checkedIn"]').waitFor({ timeout: 10_000 });

    // Imported: an agency's XLSX list.
    await page.getByTestId('open-import').click();
    await page.getByTestId('import-panel').waitFor({ timeout: 10_000 });
    await page.getByTestId('import-agency').selectOption('soyte');
    await page.getByTestId('import-file').setInputFiles({ name: 'so-y-te.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await xlsxList(LISTED) });
    await expect.poll(() => page.getByTestId('import-count-ok').getAttribute('data-count'), { timeout: 10_000 }).toBe('2');
    await page.getByTestId('import-send').click();
    await page.locator('[data-testid="import-progress"][data-done="true"]').waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape');

    // Scanned: a chip card nobody registered opens the walk-in form filled from it.
    const box = page.getByTestId('desk-search');
    await box.fill(`${SCANNED.nationalId}|123456789|${SCANNED.fullName}|15031990|Nam|Thôn Đông, Cẩm Giàng, Hải Dương|01072021`);
    await box.press('Enter');
    await page.getByTestId('walk-in-form').waitFor({ timeout: 5000 });
    await page.getByTestId('agency-input').fill('tu do');
    await page.locator('[data-testid="agency-option"][data-agency-id="walk-in"]').click();
    await page.getByTestId('field-phone').fill(SCANNED.phone);
    await page.getByTestId('field-weightKg').fill('60');
    await page.getByTestId('walkin-consent').check();
    await page.getByTestId('submit-donor').click();
    await expect.poll(async () => (await figures()).state.totals.registered, { timeout: 10_000 }).toBe(registered + 4);

    // The typed walk-in gives blood: the first donation of the day, a milestone with her consented name.
    const donorIdOf = async (person: Person) => String((await events()).find((e) => e.type === 'donor.registered' && e.payload.fullName === person.fullName)!.payload.donorId);
    const typedId = await donorIdOf(TYPED);
    expect((await post(server, desk, 'donor.donated', { donorId: typedId, volumeMl: 350 })).status).toBe(201);
    await syncOfflineCopy(page, await seqNow());
    // Positive controls: the desk does keep its donors' names and phones (and no full CCCD, ever).
    const kept = await storedOnDevice(page);
    for (const person of EVERYONE) {
      expect(kept, person.fullName).toContain(person.fullName);
      expect(kept).toContain(person.phone);
      expect(kept).not.toContain(person.nationalId);
    }
    const before = await figures();
    expect(before.state.totals.registered).toBe(registered + 4);

    // Erasure on request.
    const erased = await api(server.url, 'POST', `/api/donors/${typedId}/erase`, { token: server.adminToken, body: { reason: 'Đơn yêu cầu ngày 25/7/2024, số 3/VP' } });
    expect(erased.status).toBe(201);
    await syncOfflineCopy(page, erased.body.seq);
    const afterErasure = await storedOnDevice(page);
    for (const secret of [...secretsOf(TYPED), `"${TYPED.nationalId.slice(-4)}"`]) expect(afterErasure, secret).not.toContain(secret);
    for (const person of [...LISTED, SCANNED]) expect(afterErasure).toContain(person.fullName);
    expect(findInFiles(server.dataDir, secretsOf(TYPED))).toEqual([]);
    expect(await figures()).toEqual(before);

    // 31 days on, retention: the server erases everyone at its next start; the desk follows.
    daysAhead = 31;
    await server.close();
    server = await startTestServer({ port, dataDir: server.dataDir, personalDataDays: 30, now });
    await expect.poll(async () => (await api(server.url, 'GET', '/api/privacy', { token: server.adminToken })).body.donors.held, { timeout: 10_000 }).toBe(0);
    await page.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: 20_000 });
    await syncOfflineCopy(page, await seqNow());
    const afterRetention = await storedOnDevice(page);
    for (const person of EVERYONE) for (const secret of secretsOf(person)) expect(afterRetention, secret).not.toContain(secret);
    expect(findInFiles(server.dataDir, EVERYONE.flatMap(secretsOf))).toEqual([]);
    expect(await figures()).toEqual(before);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
