/**
 * The parade of 18/7 (issue 17) on two coordinators' phones (two Chromium contexts) against the
 * real server, its clock at 14:24:40 that afternoon: phone A taps "đoàn đã qua" at three points of
 * the default route; phone B shows where the parade is and how late, within 1 s of each tap; the
 * route and its passages survive a restart of the server. On a festival morning, the venue's
 * security posts: one checked in on a phone is manned on the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { hasChromium, launchChromium, openPage } from '../helpers/browser.ts';
import { festivalClock, makeToken, startTestServer, type TestServer } from '../helpers/server.ts';

const PHONE = { width: 360, height: 740 };

declare global {
  interface Window {
    __tapAt?: number;
    __seen?: Record<string, number>;
  }
}

describe.skipIf(!hasChromium)('the parade on two phones', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  async function openParade(token: string): Promise<Page> {
    const context = await browser.newContext({ viewport: PHONE });
    context.setDefaultTimeout(5000);
    contexts.push(context);
    const { page } = await openPage(context, `${server.url}/console?token=${token}#parade`, { errors });
    await page.getByTestId('parade-status').waitFor();
    return page;
  }

  beforeAll(async () => {
    server = await startTestServer({ now: festivalClock('2024-07-18T14:24:40+07:00') });
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  });

  it('taps at three points on one phone; the other shows the position and the delay within 1 s; an incident at a junction; a restart keeps them', async () => {
    const [tokenA, tokenB] = await Promise.all([makeToken(server, 'coordinator', 'Điều phối tuyến'), makeToken(server, 'coordinator', 'Điều phối sân khấu')]);
    const [a, b] = [await openParade(tokenA), await openParade(tokenB)];
    const statusB = b.getByTestId('parade-status');
    expect(await statusB.getAttribute('data-status')).toBe('not_started');
    expect(await statusB.getAttribute('data-next')).toBe('assembly');
    // The default event's escort: the police car and its 10 officers.
    expect(await b.getByTestId('parade-escort').locator('li').count()).toBe(11);

    // B notes when it first shows each point as the last passed (one browser, one clock).
    await b.evaluate(() => {
      window.__seen = {};
      const check = () => {
        const last = document.querySelector('[data-testid="parade-status"]')?.getAttribute('data-last');
        if (last && window.__seen![last] === undefined) window.__seen![last] = Date.now();
      };
      new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    // Planned 14:00, 14:20, 14:40; tapped at about 14:25: 25 late, 5 late, 15 early.
    const expected: [string, number][] = [
      ['assembly', 25],
      ['junction-1', 5],
      ['junction-2', -15],
    ];
    for (const [checkpoint, delay] of expected) {
      await a.evaluate(() => (window.__tapAt = Date.now()));
      await a.getByTestId('parade-pass-next').click();
      await b.waitForFunction((id) => window.__seen?.[id] !== undefined, checkpoint, { timeout: 3000 });
      const tapAt = await a.evaluate(() => window.__tapAt!);
      const seenAt = await b.evaluate((id) => window.__seen![id]!, checkpoint);
      expect(seenAt - tapAt, checkpoint).toBeLessThan(1000);
      await expect.poll(() => statusB.getAttribute('data-delay')).toBe(String(delay));
      expect(await b.getByTestId(`parade-checkpoint-${checkpoint}`).getAttribute('data-passed')).toBe('true');
    }
    expect(await statusB.getAttribute('data-next')).toBe('junction-3');
    expect(await statusB.innerText()).toContain('Sớm 15 phút');
    // Only the phone that tapped may undo it.
    expect(await a.getByTestId('parade-undo-junction-2').count()).toBe(1);
    expect(await b.getByTestId('parade-undo-junction-2').count()).toBe(0);

    // An incident at the next junction, reported from B's route: the place is filled in, and A's route counts it.
    await b.getByTestId('parade-report-junction-3').click();
    const form = b.getByTestId('incident-form');
    expect(await form.locator('input[name="place"]').inputValue()).toBe('Ngã tư thứ ba (cần xác định)');
    await form.locator('input[name="title"]').fill('Ùn tắc tại ngã tư, xe dẫn đoàn chờ');
    await b.getByTestId('incident-submit').click();
    await b.getByTestId('incident-checkpoint-junction-3').waitFor();
    await expect.poll(() => a.getByTestId('parade-incidents-junction-3').getAttribute('data-count'), { timeout: 3000 }).toBe('1');

    // A restart: the route and its passages are in the log.
    server = await server.restart();
    const c = await openParade(tokenB);
    const statusC = c.getByTestId('parade-status');
    expect(await statusC.getAttribute('data-last')).toBe('junction-2');
    for (const [checkpoint] of expected) expect(await c.getByTestId(`parade-checkpoint-${checkpoint}`).getAttribute('data-passed')).toBe('true');
    expect(await c.getByTestId('parade-checkpoint-end').getAttribute('data-passed')).toBe('false');
    // No sideways scrolling on a 360 px phone.
    expect(await c.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(errors).toEqual([]);
  });

  it('security posts on a festival morning: a post checked in on one phone is manned on the other; the rest are counted as needing attention', async () => {
    await server.close();
    server = await startTestServer({ now: festivalClock('2024-07-19T07:00:00+07:00') });
    const [tokenA, tokenB] = await Promise.all([makeToken(server, 'coordinator', 'Điều phối cổng'), makeToken(server, 'coordinator', 'Điều phối chung')]);
    const [a, b] = [await openParade(tokenA), await openParade(tokenB)];
    // The default event's four posts, each with a morning shift not yet checked in.
    const alerts = b.getByTestId('security-alerts');
    await expect.poll(() => alerts.getAttribute('data-count')).toBe('4');
    expect(await b.getByTestId('security-post-gate').getAttribute('data-now')).toBe('unmanned');
    await a.getByTestId('security-manned-gate-19-am').click();
    await expect.poll(() => b.getByTestId('security-post-gate').getAttribute('data-now'), { timeout: 2000 }).toBe('manned');
    expect(await alerts.getAttribute('data-count')).toBe('3');
    expect(await b.getByTestId('security-shift-gate-19-am').getAttribute('data-manned')).toBe('true');
    // The check-in is undone only by the phone that made it.
    expect(await b.getByTestId('security-undo-gate-19-am').count()).toBe(0);
    await a.getByTestId('security-undo-gate-19-am').click();
    await expect.poll(() => b.getByTestId('security-post-gate').getAttribute('data-now'), { timeout: 2000 }).toBe('unmanned');
    expect(await b.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    // The organisers put the real team in the placeholder's place (Setup → Diễu hành & an ninh): the phones follow.
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    contexts.push(context);
    const { page: admin } = await openPage(context, `${server.url}/admin?token=${server.adminToken}#setup/parade`, { errors, errorPrefix: 'admin: ' });
    expect(await admin.getByTestId('shift-row-gate-19-am').innerText()).toContain('cần điền người');
    await admin.getByTestId('shift-edit-gate-19-am').click();
    await admin.getByTestId('shift-who').fill('Tổ 1 — Thượng úy Đinh Văn Hùng');
    await admin.getByTestId('shift-phone').fill('0912345678');
    await admin.getByTestId('shift-save').click();
    await expect.poll(() => b.getByTestId('security-shift-gate-19-am').innerText(), { timeout: 3000 }).toContain('Thượng úy Đinh Văn Hùng');
    expect(await b.getByTestId('security-shift-gate-19-am').innerText()).toContain('0912345678');
    // A new point of the route, set in admin, is on the route of every phone.
    await admin.getByTestId('checkpoint-add').click();
    await admin.getByTestId('checkpoint-name').fill('Ngã ba Thanh Niên');
    await admin.getByTestId('checkpoint-time').fill('15:10');
    await admin.getByTestId('checkpoint-save').click();
    await expect.poll(() => server.service.state.paradeCheckpoints.get('nga-ba-thanh-nien')?.plannedAt, { timeout: 3000 }).toBe('2024-07-18T15:10:00+07:00');
    expect(errors).toEqual([]);
  });
});
