/**
 * /admin in a real browser (headless Chromium, 1366×768, the organisers' laptop) against the
 * real server: an agency added with its headcount reaches the wall with its quota; the
 * language switch (strings and number formats change, the choice is kept); a device token
 * made on the page shows its enrollment link and QR code, works, and is revoked from the page;
 * the audit log marks a voided event; the personal-data tab erases one person on request
 * (found without diacritics; the log keeps their registration without a name, every count
 * stays, the other donor is intact) and then everyone at once; the print view is the document
 * the committee signs (letterhead, date line, units by bag size, legend, signatures).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { formatLongDateEn, formatLongDateVi, formatNumber } from '../../shared/format.ts';
import { hasChromium, launchChromium, openPage } from '../helpers/browser.ts';
import { api, getState, makeToken, post, startTestServer, type TestServer } from '../helpers/server.ts';

describe.skipIf(!hasChromium)('admin in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let wall: string;
  let desk: string;
  const errors: string[] = [];

  /** The admin page, enrolled, live. */
  async function openAdmin(hash: string): Promise<Page> {
    return (await openPage(context, `${server.url}/admin?token=${server.adminToken}${hash}`, { errors })).page;
  }

  beforeAll(async () => {
    // TEST_CLIENT_DIR: a client built elsewhere (a helper's own build); by default dist/client.
    server = await startTestServer(process.env.TEST_CLIENT_DIR ? { clientDir: process.env.TEST_CLIENT_DIR } : {});
    [wall, desk] = await Promise.all([makeToken(server, 'wall', 'Màn hình chính'), makeToken(server, 'desk', 'Bàn 1')]);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an agency added on /admin with headcount 120 appears on /wall with quota 60', async () => {
    const page = await openAdmin('#setup/agencies');
    await page.getByTestId('agency-add').click();
    const form = page.getByTestId('agency-form');
    await form.getByTestId('agency-name').fill('Sở Tư pháp');
    await form.getByTestId('agency-name-en').fill('Department of Justice');
    await expect.poll(() => form.getByTestId('agency-id').inputValue()).toBe('so-tu-phap');
    // 50 % of the headcount is the default rule for the "other departments".
    expect(await form.getByTestId('quota-kind-percent').isChecked()).toBe(true);
    expect(await form.getByTestId('agency-percent').inputValue()).toBe('50');
    await form.getByTestId('agency-headcount').fill('120');
    await expect.poll(() => form.getByTestId('agency-quota-preview').textContent()).toContain('60');
    await form.getByTestId('agency-save').click();

    const row = page.getByTestId('admin-agency-so-tu-phap');
    await row.waitFor({ timeout: 5000 });
    await expect.poll(() => row.getByTestId('agency-quota').textContent()).toBe('60');
    await page.getByTestId('agency-form').waitFor({ state: 'detached' });
    const state = await getState(server);
    expect(state.agencies.find((a: any) => a.id === 'so-tu-phap')).toMatchObject({ name: 'Sở Tư pháp', quota: 60, quotaRule: { kind: 'percent_of_headcount', percent: 50, headcount: 120 } });

    const { page: wallPage } = await openPage(browser, `${server.url}/wall?token=${wall}`, { viewport: { width: 1920, height: 1080 }, errors, errorPrefix: 'wall: ' });
    // The wall may page through the agencies (a row off screen is hidden): attached is enough.
    const wallRow = wallPage.getByTestId('agency-so-tu-phap');
    await wallRow.waitFor({ state: 'attached', timeout: 10_000 });
    await expect.poll(() => wallRow.textContent(), { timeout: 5000 }).toContain('60');

    // An edit is another event, and the wall follows it live: 50 % of 121 → 61.
    await page.getByTestId('agency-edit-so-tu-phap').click();
    await page.getByTestId('agency-form').getByTestId('agency-headcount').fill('121');
    await page.getByTestId('agency-form').getByTestId('agency-save').click();
    await expect.poll(() => row.getByTestId('agency-quota').textContent()).toBe('61');
    await expect.poll(() => wallRow.textContent(), { timeout: 5000 }).toContain('61');
    await wallPage.close();
    await page.close();
    expect(errors).toEqual([]);
  });

  it('switches to English and back: strings, number formats and <html lang> change; the choice is kept', async () => {
    // The festival target is over a thousand, so the thousands separator shows (2.000 · 2,000).
    const target = (await getState(server)).target as number;
    expect(target).toBeGreaterThan(1000);
    const page = await openAdmin('#reports');
    const tab = page.getByTestId('tab-setup');
    const donatedKpi = page.getByTestId('kpi-donated');
    expect(await tab.textContent()).toBe('Thiết lập');
    expect(await donatedKpi.textContent()).toContain(`0 / ${formatNumber(target, 'vi')}`);
    expect(formatNumber(target, 'vi')).toMatch(/^\d\.\d{3}$/);
    expect(await page.getByTestId('report-row-total').textContent()).toContain('Tổng cộng');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');

    await page.getByTestId('lang-en').click();
    await expect.poll(() => tab.textContent()).toBe('Setup');
    expect(await donatedKpi.textContent()).toContain(`0 / ${formatNumber(target, 'en')}`);
    expect(formatNumber(target, 'en')).toMatch(/^\d,\d{3}$/);
    expect(await page.getByTestId('report-row-total').textContent()).toContain('Total');
    expect(await page.getByTestId('report-row-ldld').textContent()).toContain('Provincial Labour Federation');
    expect(await page.getByTestId('tab-audit').textContent()).toBe('Audit log');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.getByTestId('lang-switch').getAttribute('data-lang')).toBe('en');

    // Kept on the device: a reload, and the index page, are in English too.
    await page.reload();
    await page.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('tab-setup').textContent()).toBe('Setup');
    const home = await context.newPage();
    await home.goto(`${server.url}/`);
    await expect.poll(() => home.getByTestId('home-admin').textContent()).toContain('Organisers');
    await home.getByTestId('lang-vi').click();
    await expect.poll(() => home.getByTestId('home-admin').textContent()).toContain('Ban tổ chức');
    await home.close();

    await page.getByTestId('lang-vi').click();
    await expect.poll(() => page.getByTestId('tab-setup').textContent()).toBe('Thiết lập');
    expect(await page.getByTestId('kpi-donated').textContent()).toContain(`0 / ${formatNumber(target, 'vi')}`);
    expect(await page.evaluate(() => localStorage.getItem('ntth.lang'))).toBe('vi');
    await page.close();
    expect(errors).toEqual([]);
  });

  it('makes a one-time enrolment link and QR code; the device exchanges it for its token, once; revoking it from the page closes it', async () => {
    const page = await openAdmin('#devices');
    await page.getByTestId('token-role').selectOption('wall');
    await page.getByTestId('token-label').fill('Màn hình phụ');
    await page.getByTestId('token-create').click();

    const link = await page.getByTestId('enrollment-link').inputValue();
    // The link carries a one-time code, never a token (issue 16, 5).
    expect(link).toMatch(new RegExp(`^${server.url.replace(/[.:/]/g, '\\$&')}/wall\\?code=[\\w-]+$`));
    expect(await page.getByTestId('enrollment-expires').textContent()).toMatch(/\d{2}:\d{2}/);
    const qr = page.getByTestId('enrollment-qr');
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);

    // The screen enrols with the link: it exchanges the code, keeps its own token, and the address
    // bar and history hold no token.
    const screen = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await screen.goto(link);
    await screen.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: 10_000 });
    expect(screen.url()).toBe(`${server.url}/wall`);
    const token = (await screen.evaluate(() => localStorage.getItem('ntth.token.wall')))!;
    expect((await api(server.url, 'GET', '/api/me', { token })).body).toMatchObject({ role: 'wall', label: 'Màn hình phụ' });
    expect(link).not.toContain(token);
    // The same link, opened anywhere else afterwards, enrols nothing.
    const other = await browser.newPage();
    await other.goto(link);
    await other.locator('[data-testid="token-gate"][data-problem="code"]').waitFor({ timeout: 10_000 });
    expect(await other.locator('body').innerText()).toContain('đã được dùng hoặc đã hết hạn');
    expect(await other.evaluate(() => localStorage.getItem('ntth.token.wall'))).toBeNull();
    await other.close();

    await page.getByTestId('enrollment-done').click();
    const me = (await api(server.url, 'GET', '/api/me', { token })).body;
    const row = page.getByTestId(`device-${me.id}`);
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('Đang kết nối');
    expect(await row.textContent()).toContain('Màn hình lớn');

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId(`device-revoke-${me.id}`).click();
    await expect.poll(async () => (await api(server.url, 'GET', '/api/me', { token })).status).toBe(401);
    // Its page is told at once: the socket is closed and the screen says the token is refused.
    await screen.getByTestId('token-gate').waitFor({ timeout: 10_000 });
    await expect.poll(() => page.getByTestId(`device-${me.id}`).count()).toBe(0);
    await screen.close();
    await page.close();
  });

  it('the audit log marks a voided event with who voided it and why; a registration voided keeps no personal data, its note included', async () => {
    await post(server, desk, 'donor.registered', { donorId: 'e2e-1', fullName: 'Trần Thị Hoa', agencyId: 'soyte' });
    const mistake = await post(server, desk, 'donor.checked_in', { donorId: 'e2e-1' });
    const duplicate = await post(server, desk, 'donor.registered', { donorId: 'e2e-2', fullName: 'Nhầm Lẫn', agencyId: 'soyte' });
    const idAt = async (seq: number) => (await api(server.url, 'GET', `/api/audit?after=${seq - 1}&limit=1`, { token: server.adminToken })).body.events[0].id;
    expect((await post(server, desk, 'event.voided', { eventId: await idAt(mistake.body.seq), reason: 'Nhầm người' })).status).toBe(201);
    expect((await post(server, desk, 'event.voided', { eventId: await idAt(duplicate.body.seq), reason: 'Đăng ký trùng' })).status).toBe(201);

    const page = await openAdmin('#audit');
    const voided = page.getByTestId(`audit-${mistake.body.seq}`);
    await voided.waitFor({ timeout: 5000 });
    expect(await voided.getAttribute('data-voided')).toBe('true');
    expect(await voided.getByTestId('voided-note').textContent()).toMatch(/Đã hủy.*Bàn 1.*Nhầm người/);
    expect(await page.getByTestId(`audit-${mistake.body.seq - 1}`).getAttribute('data-voided')).toBe('false');
    // The duplicate registration: voided, and erased with its note (the person's key is gone).
    const erased = page.getByTestId(`audit-${duplicate.body.seq}`);
    expect(await erased.getAttribute('data-voided')).toBe('true');
    expect(await erased.getByTestId('voided-note').textContent()).toMatch(/Đã hủy.*Bàn 1/);
    expect(await erased.textContent()).not.toContain('Nhầm Lẫn');
    expect(await erased.textContent()).not.toContain('Đăng ký trùng');

    await page.getByTestId('audit-type').selectOption('event.voided');
    await page.getByTestId('audit-apply').click();
    await expect.poll(() => page.locator('[data-testid="audit-table"] tbody tr').count()).toBe(2);
    expect(await page.locator('[data-testid="audit-table"] tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-type')))).toEqual(['event.voided', 'event.voided']);
    await page.close();
    expect(errors).toEqual([]);
  });

  it('the audit log shows the time of action beside the receive time when they differ by more than a minute, and why it was clamped', async () => {
    const send = (donorId: string, occurredAt: string) =>
      api(server.url, 'POST', '/api/events', {
        token: desk,
        body: { id: `e2e-oa-${donorId}-${Date.now()}`, type: 'donor.registered', payload: { donorId, fullName: 'Đỗ Thị Giờ', agencyId: 'soyte' }, occurredAt },
      });
    const late = await send('e2e-oa-late', new Date(Date.now() - 3 * 60 * 60 * 1000).toISOString());
    const ahead = await send('e2e-oa-ahead', new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString());
    const old = await send('e2e-oa-old', '2020-01-01T08:00:00+07:00');
    // Half a minute ahead: within a minute of the receive time whenever the request takes less than 90 s.
    const now = await send('e2e-oa-now', new Date(Date.now() + 30_000).toISOString());
    expect([late.status, ahead.status, old.status, now.status]).toEqual([201, 201, 201, 201]);

    const page = await openAdmin('#audit');
    const row = (answer: { body: { seq: number } }) => page.getByTestId(`audit-${answer.body.seq}`);
    await row(now).waitFor({ timeout: 5000 });
    // Sent from an outbox three hours late: the time of action, unflagged.
    expect(await row(late).getByTestId('audit-occurred').textContent()).toMatch(/^Thao tác trên thiết bị lúc \d{2}:\d{2}:\d{2}/);
    expect(await row(late).getByTestId('audit-occurred').getAttribute('data-flag')).toBeNull();
    expect(await row(ahead).getByTestId('audit-occurred').getAttribute('data-flag')).toBe('clock_ahead');
    expect(await row(ahead).getByTestId('audit-occurred').textContent()).toContain('Đồng hồ thiết bị lệch (clock off)');
    expect(await row(old).getByTestId('audit-occurred').getAttribute('data-flag')).toBe('too_old');
    expect(await row(old).getByTestId('audit-occurred').textContent()).toContain('Gửi muộn (late)');
    // Within a minute of the receive time: nothing more to say.
    expect(await row(now).getByTestId('audit-occurred').count()).toBe(0);
    await page.close();
    expect(errors).toEqual([]);
  });

  it('erases one person from the personal-data tab: the registration stays without a name, the other donor is intact, the counts stay', async () => {
    const admin = server.adminToken;
    const totals = async () => (await getState(server, admin)).totals;
    const a = await post(server, admin, 'donor.registered', { donorId: 'priv-1', fullName: 'Phạm Thị Thuỳ Dung', agencyId: 'soyte', phone: '0912340001', nationalId: '030190011234' });
    const b = await post(server, admin, 'donor.registered', { donorId: 'priv-2', fullName: 'Phạm Văn Dũng', agencyId: 'ldld', phone: '0912340002', nationalId: '030190015678' });
    expect([a.status, b.status]).toEqual([201, 201]);
    const before = await totals();

    const page = await openAdmin('#privacy');
    await page.getByTestId('privacy-tab').waitFor();
    const held = page.getByTestId('privacy-held');
    const erased = page.getByTestId('privacy-erased');
    await expect.poll(() => held.getAttribute('data-count')).not.toBe('0');
    const heldBefore = Number(await held.getAttribute('data-count'));
    const erasedBefore = Number(await erased.getAttribute('data-count'));

    // Without diacritics; the CCCD is shown masked, never whole.
    await page.getByTestId('privacy-search').fill('pham thi thuy dung');
    const row = page.getByTestId('privacy-result-priv-1');
    await row.waitFor({ timeout: 5000 });
    expect(await row.textContent()).toContain('Phạm Thị Thuỳ Dung');
    expect(await row.textContent()).toContain('•••• 1234');
    expect(await page.locator('[data-testid="privacy-tab"]').textContent()).not.toContain('030190011234');
    expect(await page.getByTestId('privacy-result-priv-2').count()).toBe(0);

    await page.getByTestId('privacy-choose-priv-1').click();
    const confirm = page.getByTestId('privacy-erase-confirm');
    expect(await confirm.isDisabled()).toBe(true);
    // The reason stays in the log: the person's name is refused in it.
    await page.getByTestId('privacy-erase-reason').fill('Yêu cầu của Phạm Thị Thuỳ Dung');
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByTestId('privacy-erase-reason').fill('Đơn yêu cầu ngày 22/7/2024, số 15/CTĐ');
    expect(await confirm.isDisabled()).toBe(false);
    await confirm.click();

    // The row stays, greyed as erased, and the figures move.
    await page.locator('[data-testid="privacy-result-priv-1"][data-erased="true"]').waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('Đã xoá');
    expect(await row.textContent()).not.toContain('Thuỳ Dung');
    expect(await row.getByRole('button').count()).toBe(0);
    expect(await page.getByTestId('privacy-erase-result').getAttribute('data-kind')).toBe('ok');
    await expect.poll(() => erased.getAttribute('data-count')).toBe(String(erasedBefore + 1));
    expect(await held.getAttribute('data-count')).toBe(String(heldBefore - 1));

    const events = (await api(server.url, 'GET', '/api/events?after=0&limit=1000', { token: admin })).body.events as { type: string; payload: Record<string, unknown> }[];
    const registration = (donorId: string) => events.find((e) => e.type === 'donor.registered' && e.payload.donorId === donorId)!.payload;
    expect(registration('priv-1')).toMatchObject({ donorId: 'priv-1', agencyId: 'soyte', fullName: '', erased: true });
    for (const field of ['phone', 'nationalId', 'nationalIdLast4', 'nationalIdHash']) expect(registration('priv-1'), field).not.toHaveProperty(field);
    expect(JSON.stringify(events)).not.toMatch(/Thuỳ Dung|0912340001|030190011234/);
    expect(registration('priv-2')).toMatchObject({ donorId: 'priv-2', fullName: 'Phạm Văn Dũng', agencyId: 'ldld', phone: '0912340002', nationalIdLast4: '5678' });
    expect(registration('priv-2')).not.toHaveProperty('erased');
    expect(events.find((e) => e.type === 'donor.erased')?.payload).toEqual({ donorId: 'priv-1', reason: 'Đơn yêu cầu ngày 22/7/2024, số 15/CTĐ' });
    expect(await totals()).toEqual(before);

    // The audit log names the erasure and shows the registration without a name.
    await page.getByTestId('tab-audit').click();
    await page.getByTestId('audit-type').selectOption('donor.erased');
    await page.getByTestId('audit-apply').click();
    await expect.poll(() => page.locator('[data-testid="audit-table"] tbody tr').count()).toBe(1);
    expect(await page.locator('[data-testid="audit-table"] tbody tr').textContent()).toContain('Xoá dữ liệu cá nhân theo yêu cầu');
    const erasedRow = page.locator(`[data-testid="audit-${a.body.seq}"]`);
    await page.getByTestId('audit-type').selectOption('donor.registered');
    await page.getByTestId('audit-apply').click();
    await erasedRow.waitFor({ timeout: 5000 });
    expect(await erasedRow.getAttribute('data-erased')).toBe('true');
    expect(await erasedRow.textContent()).toContain('priv-1');
    await page.close();
    expect(errors).toEqual([]);
  });

  it('erases everyone at once only with a reason and the typed word; every count stays', async () => {
    const admin = server.adminToken;
    const before = (await getState(server, admin)).totals;
    const page = await openAdmin('#privacy');
    await page.getByTestId('privacy-tab').waitFor();
    await expect.poll(() => page.getByTestId('privacy-held').getAttribute('data-count')).not.toBe('0');
    const button = page.getByTestId('privacy-expire');
    await page.getByTestId('privacy-expire-reason').fill('Kết thúc ngày hội, quyết định ngày 25/7/2024');
    expect(await button.isDisabled()).toBe(true);
    await page.getByTestId('privacy-expire-word').fill('XOÁ');
    expect(await button.isDisabled()).toBe(false);
    await button.click();
    await expect.poll(() => page.getByTestId('privacy-held').getAttribute('data-count'), { timeout: 10_000 }).toBe('0');
    expect(await page.getByTestId('privacy-expire-result').getAttribute('data-kind')).toBe('ok');
    const privacy = (await api(server.url, 'GET', '/api/privacy', { token: admin })).body;
    expect(privacy.donors.held).toBe(0);
    const events = (await api(server.url, 'GET', '/api/events?after=0&limit=1000', { token: admin })).body.events as { type: string; payload: Record<string, unknown> }[];
    expect(events.find((e) => e.type === 'donor.registered' && e.payload.donorId === 'priv-2')?.payload).toMatchObject({ donorId: 'priv-2', agencyId: 'ldld', fullName: '', erased: true });
    expect(JSON.stringify(events)).not.toMatch(/Phạm Văn Dũng|0912340002/);
    expect((await getState(server, admin)).totals).toEqual(before);

    // The family filter finds the erasure of everyone.
    await page.getByTestId('tab-audit').click();
    await page.getByTestId('audit-type').selectOption('personal_data.*');
    await page.getByTestId('audit-apply').click();
    await expect.poll(() => page.locator('[data-testid="audit-table"] tbody tr').count()).toBe(1);
    expect(await page.locator('[data-testid="audit-table"] tbody tr').getAttribute('data-type')).toBe('personal_data.expired');
    await page.close();
    expect(errors).toEqual([]);
  });

  it('the print view is the document the committee signs: letterhead, date line, units by bag size beside the volume, the legend, the signatures', async () => {
    const give = async (donorId: string, agencyId: string, volumeMl: 250 | 350 | 450) => {
      expect((await post(server, desk, 'donor.registered', { donorId, fullName: 'Người Hiến Máu', agencyId })).status).toBe(201);
      expect((await post(server, desk, 'donor.checked_in', { donorId })).status).toBe(201);
      expect((await post(server, desk, 'donor.donated', { donorId, volumeMl })).status).toBe(201);
    };
    await give('print-1', 'soyte', 250);
    await give('print-2', 'soyte', 350);
    await give('print-3', 'soyte', 450);
    await give('print-4', 'walk-in', 450);
    const report = (await api(server.url, 'GET', '/api/reports/agencies', { token: server.adminToken })).body;
    const totals = report.festival.totals;
    expect(totals.bags).toEqual({ 250: 1, 350: 1, 450: 2 });

    const dates = [formatLongDateVi(Date.now())];
    // The print view has no connection indicator: it is ready when its figures are.
    const { page } = await openPage(context, `${server.url}/admin?token=${server.adminToken}&print=report`, { errors, waitLive: false });
    dates.push(formatLongDateVi(Date.now()));
    const doc = page.getByTestId('print-report');
    const festival = page.getByTestId('print-table-festival');
    await expect.poll(() => festival.getByTestId('report-row-total').getByTestId('bag-450').textContent(), { timeout: 10_000 }).toBe('2');

    // The letterhead: the issuing body top left, the nation top right with the place and date line (ngày … tháng … năm …, venue time).
    const firstSection = doc.locator('section').first();
    expect(await firstSection.getByTestId('print-authority').textContent()).toBe('BAN CHỈ ĐẠO VẬN ĐỘNG HIẾN MÁU TÌNH NGUYỆN TỈNH HẢI DƯƠNG');
    const head = await firstSection.locator('header').textContent();
    expect(head).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(head).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(dates.map((d) => `Hải Dương, ${d}`)).toContain(await firstSection.getByTestId('print-date').textContent());
    const left = await firstSection.getByTestId('print-authority').boundingBox();
    const right = await firstSection.getByTestId('print-date').boundingBox();
    expect(left!.x + left!.width).toBeLessThan(right!.x);
    expect(await firstSection.locator('h1').textContent()).toBe('BÁO CÁO KẾT QUẢ HIẾN MÁU THEO ĐƠN VỊ');

    // The columns, named as everywhere; the units by bag size add up to the volume and the donations.
    const headers = await festival.locator('thead th').allTextContents();
    expect(headers.slice(2)).toEqual([
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
    ]);
    const cells = (await festival.getByTestId('report-row-total').locator('td').allTextContents()).map((text) => text.replace(/\./g, ''));
    const [donated, volume, n250, n350, n450] = [cells[5], cells[8], cells[9], cells[10], cells[11]].map(Number);
    expect([donated, volume, n250, n350, n450]).toEqual([totals.donated, totals.volumeMl, 1, 1, 2]);
    expect(250 * n250! + 350 * n350! + 450 * n450!).toBe(volume);
    expect(n250! + n350! + n450!).toBe(donated);
    expect(await festival.getByTestId('report-row-walk-in').getByTestId('bag-450').textContent()).toBe('1');

    // Under each table, what each column counts, one line each; the festival's page is signed.
    const legend = await page.getByTestId('print-legend-festival').locator('li').allTextContents();
    expect(legend).toContain('Đã hiến máu: số người hiến máu thành công = số đơn vị máu tiếp nhận (mỗi người hiến một lần trong ngày hội).');
    expect(legend).toContain('Tạm hoãn: số người được khám nhưng chưa đủ điều kiện hiến (trong ngày).');
    expect(legend.some((line) => line.startsWith('Đơn vị 250/350/450 ml: '))).toBe(true);
    expect(legend.some((line) => line.startsWith('Chỉ tiêu (người): số người'))).toBe(true);
    expect(await page.getByTestId('print-signs').textContent()).toContain('TM. BAN CHỈ ĐẠO');
    expect(await page.getByTestId('print-signs').count()).toBe(1);

    // In English: the same document, its date line in English.
    const enDates = [formatLongDateEn(Date.now())];
    await page.getByTestId('lang-en').click();
    await expect.poll(() => firstSection.getByTestId('print-authority').textContent()).toBe('HẢI DƯƠNG PROVINCIAL STEERING COMMITTEE FOR VOLUNTARY BLOOD DONATION');
    enDates.push(formatLongDateEn(Date.now()));
    expect(enDates.map((d) => `Hải Dương, ${d}`)).toContain(await firstSection.getByTestId('print-date').textContent());
    expect((await festival.locator('thead th').allTextContents()).slice(-4)).toEqual(['Volume (ml)', '250 ml units', '350 ml units', '450 ml units']);
    await page.getByTestId('lang-vi').click();
    await expect.poll(() => firstSection.getByTestId('print-authority').textContent()).toContain('BAN CHỈ ĐẠO');
    await page.close();
    expect(errors).toEqual([]);
  });
});
