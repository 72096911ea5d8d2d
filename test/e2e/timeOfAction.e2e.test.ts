/**
 * The time of action in a real browser (issue 15): a desk goes offline at 16:30 on the first
 * festival day, records a donation and a whole walk through for another donor, and reconnects
 * at 07:30 the next morning. Its outbox is sent then; the donations are booked on day 1 (the
 * report, the state), the one whose check-in reached the server on day 1 included. The
 * browser's clock (page.clock) and the server's clock both run on festival time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launchChromium, openPage } from '../helpers/browser.ts';
import { api, getState, makeToken, post, startTestServer, type TestServer } from '../helpers/server.ts';

const DAY1_1620 = Date.parse('2024-07-19T16:20:00+07:00');
const DAY2_0730 = Date.parse('2024-07-20T07:30:00+07:00');

async function search(page: Page, text: string, expectedName: string): Promise<void> {
  await page.getByTestId('desk-search').fill(text);
  await expect.poll(() => page.getByTestId('result').first().locator('.result__name').textContent(), { timeout: 5000 }).toBe(expectedName);
}

describe.skipIf(!hasChromium)('time of action in Chromium: a desk offline overnight', () => {
  let server: TestServer;
  let browser: Browser;
  /** The server's clock: real time moved to festival time; the test moves it on. */
  let serverOffset = DAY1_1620 - Date.now();

  beforeAll(async () => {
    server = await startTestServer({ now: () => Date.now() + serverOffset });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('offline from 16:30 on day 1, back at 07:30 on day 2: its donations are booked on day 1', async () => {
    const desk = await makeToken(server, 'desk', 'Bàn 3');
    for (const [donorId, fullName] of [
      ['tdl-1', 'Phạm Thị Chiều'],
      ['tdl-2', 'Ngô Văn Tối'],
    ]) {
      expect((await post(server, desk, 'donor.registered', { donorId, fullName, agencyId: 'ldld' })).status).toBe(201);
    }
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    // The tablet's clock says what the server's says (16:20 on day 1) and runs on from there.
    await context.clock.install({ time: Date.now() + serverOffset });
    const { page, errors } = await openPage(context, `${server.url}/desk?token=${desk}`);

    // 16:25, online: Phạm Thị Chiều is checked in; the server has it on day 1.
    await search(page, 'pham thi chieu', 'Phạm Thị Chiều');
    await page.getByTestId('desk-search').press('Enter');
    const chieu = page.locator('[data-testid="donor-panel"][data-donor-id="tdl-1"][data-state="checkedIn"]');
    await chieu.waitFor({ timeout: 10_000 });
    await expect.poll(async () => (await getState(server)).totals.checkedIn, { timeout: 10_000 }).toBe(1);

    // 16:30: the venue's wifi is gone. Her donation, and Ngô Văn Tối's check-in and donation, wait on the tablet.
    await context.setOffline(true);
    await page.locator('[data-testid="connection"]:not([data-state="live"])').waitFor({ timeout: 15_000 });
    await chieu.getByTestId('donate-350').click();
    await page.locator('[data-testid="donor-panel"][data-donor-id="tdl-1"][data-state="donated"]').waitFor({ timeout: 10_000 });
    await search(page, 'ngo van toi', 'Ngô Văn Tối');
    await page.getByTestId('desk-search').press('Enter');
    const toi = page.locator('[data-testid="donor-panel"][data-donor-id="tdl-2"][data-state="checkedIn"]');
    await toi.waitFor({ timeout: 10_000 });
    await toi.getByTestId('donate-450').click();
    await expect.poll(() => page.getByTestId('outbox-pending').getAttribute('data-count'), { timeout: 10_000 }).toBe('3');

    // The next morning, 07:30: the server and the tablet are on day 2, the wifi is back.
    serverOffset = DAY2_0730 - Date.now();
    await context.clock.setSystemTime(DAY2_0730);
    await context.setOffline(false);
    await expect.poll(() => page.getByTestId('outbox-pending').getAttribute('data-count'), { timeout: 40_000 }).toBe('0');
    expect(await page.getByTestId('outbox-rejected').count()).toBe(0);

    // Booked on the day they were given: day 1 has both donations, day 2 none.
    const state = await getState(server);
    expect(state.totals.donated).toBe(2);
    expect(state.days.find((d: { date: string }) => d.date === '2024-07-19')).toMatchObject({ checkedIn: 2, donated: 2, volumeMl: 800 });
    expect(state.days.find((d: { date: string }) => d.date === '2024-07-20')).toBeUndefined();
    const report = (await api(server.url, 'GET', '/api/reports/agencies', { token: server.adminToken })).body;
    const day1 = report.days.find((s: { date: string }) => s.date === '2024-07-19');
    const day2 = report.days.find((s: { date: string }) => s.date === '2024-07-20');
    expect(day1.totals).toMatchObject({ donated: 2, volumeMl: 800 });
    expect(day1.totals.bags).toEqual({ 250: 0, 350: 1, 450: 1 });
    expect(day2.totals.donated).toBe(0);
    // The audit shows when each happened on the tablet, and when it arrived.
    const audit = (await api(server.url, 'GET', '/api/audit?order=asc&limit=100', { token: server.adminToken })).body.events;
    const donations = audit.filter((e: { type: string }) => e.type === 'donor.donated');
    expect(donations).toHaveLength(2);
    for (const donation of donations) {
      expect(Date.parse(donation.occurredAt)).toBeLessThan(Date.parse('2024-07-19T17:00:00+07:00'));
      expect(Date.parse(donation.at)).toBeGreaterThanOrEqual(DAY2_0730);
      expect(donation.occurredAtFlag).toBeUndefined();
    }
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
