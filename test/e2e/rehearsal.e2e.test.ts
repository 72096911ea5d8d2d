/**
 * Rehearsal in real browsers (issue 15): the admin starts a rehearsal from Setup → Event; every
 * page shows the "TẬP DƯỢT" band; a trainee's donation moves the wall; going live takes the
 * band away and the wall back to the live figures, and the audit shows the trainee's events
 * apart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { formatNumber } from '../../shared/format.ts';
import { hasChromium, launchChromium, openPage } from '../helpers/browser.ts';
import { festivalClock, getState, makeToken, post, startTestServer, type TestServer } from '../helpers/server.ts';

const wallTotal = (wall: Page) => wall.getByTestId('total-donated').textContent();

describe.skipIf(!hasChromium)('rehearsal and live in Chromium', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer({ now: festivalClock('2024-07-19T06:30:00+07:00') });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the admin switches; every page shows the band; going live puts the wall back on the live figures', async () => {
    const [desk, wallToken] = await Promise.all([makeToken(server, 'desk', 'Bàn tập'), makeToken(server, 'wall', 'Màn hình lớn')]);
    // One real donation before the rehearsal.
    for (const [type, payload] of [
      ['donor.registered', { donorId: 'real-1', fullName: 'Hoàng Văn Thật', agencyId: 'soyte' }],
      ['donor.checked_in', { donorId: 'real-1' }],
      ['donor.donated', { donorId: 'real-1', volumeMl: 350 }],
    ] as const) {
      expect((await post(server, desk, type, payload)).status).toBe(201);
    }
    const adminContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page: admin, errors } = await openPage(adminContext, `${server.url}/admin?token=${server.adminToken}#/setup/event`);
    const wallContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const { page: wall } = await openPage(wallContext, `${server.url}/wall?token=${wallToken}`, { errors });
    const deskContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const { page: deskPage } = await openPage(deskContext, `${server.url}/desk?token=${desk}`, { errors });
    await expect.poll(() => wallTotal(wall)).toContain('1');
    expect(await wall.getByTestId('rehearsal-band').count()).toBe(0);

    admin.on('dialog', (dialog) => void dialog.accept());
    await admin.locator('[data-testid="mode-state"][data-mode="live"]').waitFor({ timeout: 10_000 });
    await admin.getByTestId('mode-switch').click();
    await admin.locator('[data-testid="mode-state"][data-mode="rehearsal"]').waitFor({ timeout: 10_000 });
    for (const page of [admin, wall, deskPage]) {
      await page.getByTestId('rehearsal-band').waitFor({ timeout: 10_000 });
      expect(await page.getByTestId('rehearsal-band').textContent()).toContain('TẬP DƯỢT');
    }
    // The band never takes a click: the desk works under it.
    await deskPage.getByTestId('desk-search').fill('hoang van that');
    await deskPage.getByTestId('result').first().waitFor({ timeout: 5000 });

    // A trainee's walk-in donation moves the rehearsal's figures on the wall.
    for (const [type, payload] of [
      ['donor.registered', { donorId: 'train-1', fullName: 'Tình Nguyện Viên', agencyId: 'walk-in' }],
      ['donor.checked_in', { donorId: 'train-1' }],
      ['donor.donated', { donorId: 'train-1', volumeMl: 250 }],
    ] as const) {
      expect((await post(server, desk, type, payload)).status).toBe(201);
    }
    await wall.waitForFunction((expected) => document.querySelector('[data-testid="total-donated"]')?.textContent?.includes(expected), formatNumber(2), { timeout: 10_000 });

    // Going live: the band goes on every page, the wall counts the real donation only.
    await admin.getByTestId('mode-switch').click();
    await admin.locator('[data-testid="mode-state"][data-mode="live"]').waitFor({ timeout: 10_000 });
    for (const page of [admin, wall, deskPage]) await page.getByTestId('rehearsal-band').waitFor({ state: 'detached', timeout: 10_000 });
    await wall.waitForFunction((expected) => document.querySelector('[data-testid="total-donated"]')?.textContent?.trim().startsWith(expected), formatNumber(1), { timeout: 10_000 });
    expect((await getState(server, wallToken)).totals.donated).toBe(1);

    // The audit lists the trainee's events, marked as rehearsal.
    await admin.goto(`${server.url}/admin#/audit`);
    await admin.getByTestId('audit-rehearsal').first().waitFor({ timeout: 10_000 });
    expect(await admin.locator('tr[data-rehearsal="true"]').count()).toBe(3);
    expect(errors).toEqual([]);
    for (const context of [adminContext, wallContext, deskContext]) await context.close();
  }, 120_000);
});
