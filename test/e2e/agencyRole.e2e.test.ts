/**
 * The agency liaison's page (issue 18), in Chromium at a phone's size (360 px) against the real
 * server: the labour federation's liaison sends the federation's list (laid out as a union
 * federation writes it: title rows, workplaces, ABO groups without Rh); admin sees it arrived;
 * a desk checks one of its people in and records the donation; the liaison's phone shows the
 * person as donated within 2 s and the quota progress moves; the industrial zones board's
 * liaison sees nothing of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasChromium, launchChromium, openPage } from '../helpers/browser.ts';
import { api, makeToken, post, startTestServer, type TestServer } from '../helpers/server.ts';

const PHONE = { width: 360, height: 740 };

/** The list as the provincial labour federation sends it (CSV, title rows first). */
const FEDERATION_LIST = [
  'LIÊN ĐOÀN LAO ĐỘNG TỈNH HẢI DƯƠNG,,,,,,,',
  'DANH SÁCH ĐĂNG KÝ HIẾN MÁU TÌNH NGUYỆN,,,,,,,',
  ',,,,,,,',
  'STT,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Đơn vị công tác,Nhóm máu',
  '1,Vũ Văn Khang,12/03/1988,Nam,030088001234,0912.345.678,Công ty TNHH May Tinh Lợi,O',
  '2,Đỗ Thị Lan,05/11/1990,Nữ,030190004321,+84987654321,Công ty CP Sứ Hải Dương,A',
  '3,Phan Văn Long,20/01/1992,Nam,030092005555,977111222,Công ty TNHH Ford Việt Nam,AB',
].join('\n');

describe.skipIf(!hasChromium)('the agency liaison’s phone', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sends its list, follows its people live, and another agency sees none of them', async () => {
    const federation = await makeToken(server, 'agency', 'Liên lạc LĐLĐ', 'ldld');
    const zones = await makeToken(server, 'agency', 'Liên lạc KCN', 'bqlkcn');
    const desk = await makeToken(server, 'desk', 'Bàn 1');
    const errors: string[] = [];

    const liaison = await browser.newContext({ viewport: PHONE, acceptDownloads: true });
    const { page } = await openPage(liaison, `${server.url}/agency?token=${federation}`, { errors });
    await expect.poll(() => page.getByTestId('agency-name').innerText(), { timeout: 10_000 }).toContain('Liên đoàn Lao động');
    const quota = Number(await page.getByTestId('agency-progress').getAttribute('data-quota'));
    expect(quota).toBe(700);

    // The list: read, checked, previewed, sent.
    await page.getByTestId('agency-upload').click();
    expect(await page.getByTestId('import-agency-name').innerText()).toContain('Liên đoàn Lao động');
    await page.getByTestId('import-file').setInputFiles({ name: 'ldld-danh-sach.csv', mimeType: 'text/csv', buffer: Buffer.from(FEDERATION_LIST, 'utf8') });
    await expect.poll(() => page.getByTestId('import-count-ok').getAttribute('data-count'), { timeout: 10_000 }).toBe('3');
    // The workplace column is the person's company, not a mismatch with the agency.
    expect(await page.getByTestId('import-count-warning').getAttribute('data-count')).toBe('0');
    await page.getByTestId('import-send').click();
    await expect.poll(() => page.getByTestId('import-progress').getAttribute('data-done'), { timeout: 10_000 }).toBe('true');
    expect(await page.getByTestId('import-progress').innerText()).toContain('3');

    // The standing office sees it arrived.
    const office = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const { page: admin } = await openPage(office, `${server.url}/admin?token=${server.adminToken}#setup/agencies`, { errors });
    const row = admin.getByTestId('agency-list-ldld');
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 5000 }).toBe('waiting');
    expect(await row.innerText()).toContain('3 dòng, 3 người được đăng ký');

    // Its people on the phone, with their workplaces and a "Gọi" for each (none has come yet).
    await page.goto(`${server.url}/agency`);
    await page.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('agency-person').count(), { timeout: 5000 }).toBe(3);
    expect(await page.getByTestId('agency-call').count()).toBe(3);
    expect(await page.getByTestId('agency-people').innerText()).toContain('Công ty TNHH May Tinh Lợi');
    expect(await page.getByTestId('agency-filter-not_come').getAttribute('data-count')).toBe('3');

    // The people as the server keeps them: the groups without Rh kept (O, A, AB), the workplaces.
    const people = (await api(server.url, 'GET', '/api/agencies/ldld/people', { token: federation })).body.people as { donorId: string; name: string }[];
    const khang = people.find((p) => p.name === 'Vũ Văn Khang')!;
    expect(server.service.state.donors.get(khang.donorId)).toMatchObject({ bloodGroup: 'O', workplace: 'Công ty TNHH May Tinh Lợi' });

    // The other agency's liaison, before and after: nothing of the federation's people.
    const other = await browser.newContext({ viewport: PHONE });
    const { page: zonesPage } = await openPage(other, `${server.url}/agency?token=${zones}`, { errors });
    await expect.poll(() => zonesPage.getByTestId('agency-name').innerText(), { timeout: 10_000 }).toContain('Khu công nghiệp');

    // A desk checks Khang in and records his donation: the phone shows it within 2 s.
    const done = Number(await page.getByTestId('agency-done').innerText());
    expect((await post(server, desk, 'donor.checked_in', { donorId: khang.donorId })).status).toBe(201);
    expect((await post(server, desk, 'donor.donated', { donorId: khang.donorId, volumeMl: 350 })).status).toBe(201);
    const recordedAt = Date.now();
    const person = page.locator(`[data-testid="agency-person"][data-donor="${khang.donorId}"]`);
    await expect.poll(() => person.getAttribute('data-result'), { timeout: 2000, interval: 50 }).toBe('donated');
    console.log(`agency phone: donation shown ${Date.now() - recordedAt} ms after it was recorded`);
    await expect.poll(async () => Number(await page.getByTestId('agency-done').innerText()), { timeout: 2000 }).toBe(done + 1);
    // Donated: no phone to call any more.
    expect(await person.getByTestId('agency-call').count()).toBe(0);

    const zonesText = await zonesPage.locator('body').innerText();
    for (const name of ['Vũ Văn Khang', 'Đỗ Thị Lan', 'Phan Văn Long', '0912', '977111222']) expect(zonesText).not.toContain(name);
    expect(await zonesPage.getByTestId('agency-person').count()).toBe(0);

    // The results file, from the phone.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('agency-results').click()]);
    expect(download.suggestedFilename()).toMatch(/^ket-qua-ldld-\d{8}-\d{4}\.xlsx$/);

    // Reloaded where the signal is gone: the page from its service worker, the figures from the
    // copy on the phone (counts only), the people not (they are kept in memory only); then back.
    await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistration('/agency'))?.active?.state === 'activated', undefined, { timeout: 10_000 });
    await page.waitForFunction(() => localStorage.getItem('ntth.agency.copy') !== null, undefined, { timeout: 15_000 });
    expect(await page.evaluate(() => localStorage.getItem('ntth.agency.copy'))).not.toContain('Vũ Văn Khang');
    await liaison.setOffline(true);
    await page.reload();
    await page.getByTestId('offline-copy').waitFor({ timeout: 10_000 });
    expect(Number(await page.getByTestId('agency-done').innerText())).toBeGreaterThanOrEqual(done);
    expect(await page.getByTestId('agency-people-stale').innerText()).toContain('Chưa tải được danh sách');
    await liaison.setOffline(false);
    await page.getByTestId('offline-copy').waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => page.getByTestId('agency-person').count(), { timeout: 15_000 }).toBe(3);
    expect(errors).toEqual([]);
    await Promise.all([liaison.close(), office.close(), other.close()]);
  });
});
