/**
 * /admin in a real browser (headless Chromium, 1366×768, the organisers' laptop) against the
 * real server: an agency added with its headcount reaches the wall with its quota; the
 * language switch (strings and number formats change, the choice is kept); a device token
 * made on the page shows its enrollment link and QR code, works, and is revoked from the page;
 * the audit log marks a voided event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { formatNumber } from '../../shared/format.ts';
import { hasChromium, launchChromium } from '../helpers/browser.ts';
import { api, makeToken, post, startTestServer, type TestServer } from '../helpers/server.ts';

describe.skipIf(!hasChromium)('admin in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let wall: string;
  let desk: string;
  const errors: string[] = [];

  /** The admin page, enrolled, live. */
  async function openAdmin(hash: string): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/admin?token=${server.adminToken}${hash}`);
    await page.waitForFunction(() => !location.search.includes('token='));
    await page.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: 10_000 });
    return page;
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
    const state = (await api(server.url, 'GET', '/api/state', { token: server.adminToken })).body;
    expect(state.agencies.find((a: any) => a.id === 'so-tu-phap')).toMatchObject({ name: 'Sở Tư pháp', quota: 60, quotaRule: { kind: 'percent_of_headcount', percent: 50, headcount: 120 } });

    const wallPage = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    wallPage.on('pageerror', (error) => errors.push(`wall: ${error.message}`));
    await wallPage.goto(`${server.url}/wall?token=${wall}`);
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
    const target = (await api(server.url, 'GET', '/api/state', { token: server.adminToken })).body.target as number;
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

  it('creates a device token with its enrollment link and QR code; the token works; revoking it from the page closes it', async () => {
    const page = await openAdmin('#devices');
    await page.getByTestId('token-role').selectOption('wall');
    await page.getByTestId('token-label').fill('Màn hình phụ');
    await page.getByTestId('token-create').click();

    const link = await page.getByTestId('enrollment-link').inputValue();
    expect(link).toMatch(new RegExp(`^${server.url.replace(/[.:/]/g, '\\$&')}/wall\\?token=[\\w-]+$`));
    const qr = page.getByTestId('enrollment-qr');
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);

    const token = new URL(link).searchParams.get('token')!;
    expect((await api(server.url, 'GET', '/api/me', { token })).body).toMatchObject({ role: 'wall', label: 'Màn hình phụ' });

    // The screen enrols with the link and shows up as connected in the list.
    const screen = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await screen.goto(link);
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

  it('the audit log marks a voided event with who voided it and why', async () => {
    await post(server, desk, 'donor.registered', { donorId: 'e2e-1', fullName: 'Trần Thị Hoa', agencyId: 'soyte' });
    const mistake = await post(server, desk, 'donor.registered', { donorId: 'e2e-2', fullName: 'Nhầm Lẫn', agencyId: 'soyte' });
    const entry = (await api(server.url, 'GET', `/api/audit?after=${mistake.body.seq - 1}&limit=1`, { token: server.adminToken })).body.events[0];
    expect((await post(server, desk, 'event.voided', { eventId: entry.id, reason: 'Đăng ký trùng' })).status).toBe(201);

    const page = await openAdmin('#audit');
    const voided = page.getByTestId(`audit-${mistake.body.seq}`);
    await voided.waitFor({ timeout: 5000 });
    expect(await voided.getAttribute('data-voided')).toBe('true');
    expect(await voided.getByTestId('voided-note').textContent()).toMatch(/Đã hủy.*Bàn 1.*Đăng ký trùng/);
    expect(await page.getByTestId(`audit-${mistake.body.seq - 1}`).getAttribute('data-voided')).toBe('false');

    await page.getByTestId('audit-type').selectOption('event.voided');
    await page.getByTestId('audit-apply').click();
    await expect.poll(() => page.locator('[data-testid="audit-table"] tbody tr').count()).toBe(1);
    expect(await page.locator('[data-testid="audit-table"] tbody tr').getAttribute('data-type')).toBe('event.voided');
    await page.close();
    expect(errors).toEqual([]);
  });
});
