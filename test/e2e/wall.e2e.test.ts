/**
 * The wall in a real browser (headless Chromium) against the real server: enrollment by
 * ?token=, a donation posted through the API reaching the big number within 2 s (its heart
 * glowing a moment, then not), and pages
 * that never show a blank screen without a token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { formatNumber } from '../../shared/index.ts';
import { hasChromium, launchChromium, openPage } from '../helpers/browser.ts';
import { api, makeToken, post, startTestServer, type TestServer } from '../helpers/server.ts';

describe.skipIf(!hasChromium)('wall in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let desk: string;
  let wall: string;

  beforeAll(async () => {
    server = await startTestServer();
    [desk, wall] = await Promise.all([makeToken(server, 'desk'), makeToken(server, 'wall', 'Màn hình chính')]);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a donation posted through the API appears on /wall within 2 s', async () => {
    // Enrollment keeps the token on the device and removes it from the address bar (openPage waits for it).
    const { page, errors } = await openPage(browser, `${server.url}/wall?token=${wall}`, { viewport: { width: 1920, height: 1080 } });
    const total = page.getByTestId('total-donated');
    await expect.poll(() => total.textContent()).toContain('0');
    const agencyRow = page.getByTestId('agency-ldld');
    await agencyRow.waitFor();

    const before = (await api(server.url, 'GET', '/api/state', { token: wall })).body.totals.donated as number;
    await post(server, desk, 'donor.registered', { donorId: 'wall-1', fullName: 'Hoàng Thị Thu', agencyId: 'ldld', phone: '0933333333' });
    await post(server, desk, 'donor.checked_in', { donorId: 'wall-1' });
    const started = Date.now();
    expect((await post(server, desk, 'donor.donated', { donorId: 'wall-1', volumeMl: 350 })).status).toBe(201);
    await page.waitForFunction((expected) => document.querySelector('[data-testid="total-donated"]')?.textContent?.includes(expected), formatNumber(before + 1), { timeout: 2000 });
    expect(Date.now() - started).toBeLessThan(2000);
    // The new heart glows (an element of its own, animated by CSS), then its glow is gone.
    await page.locator('.hearts__glow').first().waitFor({ state: 'attached', timeout: 2000 });
    await expect.poll(() => page.locator('.hearts__glow').count(), { timeout: 5000 }).toBe(0);
    expect(errors).toEqual([]);
    expect(await page.content()).not.toContain('0933333333');

    // The token is kept: a reload without it still shows the live wall.
    await page.goto(`${server.url}/wall`);
    await page.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: 10_000 });
    await page.close();
  });

  it.each(['wall', 'desk', 'console', 'mc', 'admin'])('/%s without a token says how to get one, never blank', async (name) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/${name}`);
    await expect.poll(async () => (await page.locator('body').innerText()).trim().length, { timeout: 5000 }).toBeGreaterThan(20);
    const text = await page.locator('body').innerText();
    expect(text).toMatch(/token/i);
    await context.close();
  });

  it('a refused token says so instead of a blank page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/wall?token=not-a-real-token`);
    await expect.poll(async () => (await page.locator('body').innerText()).toLowerCase(), { timeout: 10_000 }).toMatch(/token/);
    await context.close();
  });

  it("never runs with another page's token: after /admin?token=… on the same browser, /wall asks to be enrolled; an admin token stored for the wall is refused", async () => {
    const context = await browser.newContext();
    const admin = await context.newPage();
    await admin.goto(`${server.url}/admin?token=${server.adminToken}`);
    await admin.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: 10_000 });
    const screen = await context.newPage();
    const sockets: string[] = [];
    screen.on('websocket', (ws) => ws.on('framereceived', (frame) => sockets.push(String(frame.payload))));
    await screen.goto(`${server.url}/wall`);
    await screen.locator('[data-testid="token-gate"][data-problem="missing"]').waitFor({ timeout: 10_000 });
    // Even an admin token put where the wall keeps its own is refused by the server for this page.
    await screen.evaluate((token) => localStorage.setItem('ntth.token.wall', token), server.adminToken);
    await screen.reload();
    await screen.locator('[data-testid="token-gate"][data-problem="forbidden"]').waitFor({ timeout: 10_000 });
    expect(sockets.join('\n')).not.toMatch(/"phone"|09\d{8}/);
    // A device enrolled by an older version kept a token shared by all its pages: it is dropped.
    expect(await screen.evaluate(() => localStorage.getItem('ntth.token'))).toBeNull();
    await context.close();
  });
});
