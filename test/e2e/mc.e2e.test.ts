/**
 * The MC's tablet in a real browser (headless Chromium) against the real server, with an mc
 * token and a desk token: the next milestones and how far away, the 100th donation bringing
 * its milestone and script onto /mc, "Đã công bố" / "Bỏ qua" recorded in the log (and undone),
 * a tap kept on the device while the server is unreachable, the wall message, the
 * run-of-show now/next, the tablet layout (no sideways scrolling, ≥ 7:1 contrast), and the
 * vi/en switch (the tablet remembers the choice).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launchChromium, openPage } from '../helpers/browser.ts';
import { fontsSettled } from '../helpers/fonts.ts';
import { recordDonations } from '../helpers/donors.ts';
import { api, festivalClock, getState, makeToken, post, startTestServer, type TestServer } from '../helpers/server.ts';

describe.skipIf(!hasChromium)('mc in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let desk: string;
  let mc: string;
  let coordinator: string;
  let page: Page;
  const errors: string[] = [];

  const milestone = async (id: string) => (await getState(server)).milestones.find((m: any) => m.id === id);
  /** Registers, checks in and records a donation for `count` new donors (batch endpoint, desk token). */
  const donations = (count: number, agencyId: string, prefix: string) => recordDonations(server, desk, count, agencyId, prefix);

  beforeAll(async () => {
    server = await startTestServer({ now: festivalClock() });
    [desk, mc, coordinator] = await Promise.all([makeToken(server, 'desk'), makeToken(server, 'mc', 'MC sân khấu'), makeToken(server, 'coordinator')]);
    browser = await launchChromium();
    // 88 donations: Sở Y tế reaches half its quota (75 of 150), the total is 12 short of 100.
    await donations(75, 'soyte', 'sy');
    await donations(13, 'ldld', 'ld');
    ({ page } = await openPage(browser, `${server.url}/mc?token=${mc}`, { viewport: { width: 1024, height: 768 }, errors }));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the next milestones and how far away: "còn 12 đơn vị nữa đạt 100"', async () => {
    const hundred = page.getByTestId('mc-upcoming-donations-100');
    await hundred.waitFor();
    expect(await hundred.getAttribute('data-remaining')).toBe('12');
    expect(await hundred.innerText()).toContain('còn 12 đơn vị nữa đạt 100');
    const youth = page.getByTestId('mc-upcoming-agency-tinhdoan-50');
    expect(await youth.innerText()).toContain('Tỉnh đoàn: còn 100 người hiến máu nữa đạt 50% chỉ tiêu');
    // Nearest first.
    const remaining = await page.locator('[data-testid^="mc-upcoming-"]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-remaining'))));
    expect(remaining).toEqual([...remaining].sort((a, b) => a - b));
    expect(remaining[0]).toBe(12);
    // Totals at a glance, numbers the Vietnamese way.
    expect(await page.getByTestId('mc-total-donated').innerText()).toMatch(/88\s*\/\s*2\.000/);
    expect(await page.getByTestId('mc-total-checked-in').innerText()).toContain('88');
    expect(await page.getByTestId('mc-total-registered').innerText()).toContain('88');
    // Already reached before the page opened: Sở Y tế's half, the first donation of the day.
    await page.getByTestId('mc-queued-agency-soyte-50').waitFor();
  });

  it('the 100th donation makes "Đơn vị máu thứ 100" appear on /mc with its script, on top of the queue', async () => {
    await donations(12, 'ldld', 'ld2');
    const card = page.getByTestId('mc-queued-donations-100');
    await card.waitFor({ timeout: 5000 });
    expect(await card.innerText()).toContain('Đơn vị máu thứ 100');
    const script = (await milestone('donations-100')).script as string;
    expect(script).toContain('100');
    expect(await page.getByTestId('mc-script-donations-100').innerText()).toBe(script);
    // Newest first.
    const order = await page.locator('[data-testid^="mc-queued-"]').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-testid')));
    expect(order[0]).toBe('mc-queued-donations-100');
    expect(order).toContain('mc-queued-agency-soyte-50');
    // The upcoming list moved on.
    expect(await page.getByTestId('mc-upcoming-donations-200').getAttribute('data-remaining')).toBe('100');
    expect(await page.getByTestId('mc-upcoming-donations-100').count()).toBe(0);
  });

  it('"Đã công bố" records milestone.announced and moves it out of the queue; "Hoàn tác" voids it', async () => {
    await page.getByTestId('mc-announce-donations-100').click();
    await expect.poll(async () => (await milestone('donations-100')).announcedAt, { timeout: 5000 }).toEqual(expect.any(String));
    await page.getByTestId('mc-queued-donations-100').waitFor({ state: 'detached' });
    const recent = page.getByTestId('mc-recent-donations-100');
    await expect.poll(() => recent.getAttribute('data-status')).toBe('announced');
    // In the log, from the MC's device.
    const { events } = (await api(server.url, 'GET', '/api/events?after=0&limit=5000', { token: server.adminToken })).body;
    const announced = events.filter((e: any) => e.type === 'milestone.announced');
    expect(announced).toHaveLength(1);
    expect(announced[0]).toMatchObject({ payload: { milestoneId: 'donations-100' }, actor: { role: 'mc', label: 'MC sân khấu' } });

    // A mistaken tap: undo from the bar voids that event, and the milestone is back in the queue.
    await page.getByTestId('mc-undo-last').click();
    await expect.poll(async () => (await milestone('donations-100')).announcedAt, { timeout: 5000 }).toBeNull();
    await page.getByTestId('mc-queued-donations-100').waitFor();
    const voids = (await api(server.url, 'GET', '/api/events?after=0&limit=5000', { token: server.adminToken })).body.events.filter((e: any) => e.type === 'event.voided');
    expect(voids.at(-1)).toMatchObject({ payload: { eventId: announced[0].id }, actor: { role: 'mc' } });

    // Announced for real this time.
    await page.getByTestId('mc-announce-donations-100').click();
    await expect.poll(async () => (await milestone('donations-100')).announcedAt, { timeout: 5000 }).toEqual(expect.any(String));
    await page.getByTestId('mc-queued-donations-100').waitFor({ state: 'detached' });
  });

  it('"Bỏ qua" records milestone.skipped (skippedAt) and moves it out of the queue', async () => {
    await page.getByTestId('mc-skip-agency-soyte-50').click();
    await expect.poll(async () => (await milestone('agency-soyte-50')).skippedAt, { timeout: 5000 }).toEqual(expect.any(String));
    expect((await milestone('agency-soyte-50')).announcedAt).toBeNull();
    await page.getByTestId('mc-queued-agency-soyte-50').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('mc-recent-agency-soyte-50').getAttribute('data-status')).toBe('skipped');
    // This device's own tap: it may undo it from the list too.
    expect(await page.getByTestId('mc-undo-agency-soyte-50').count()).toBe(1);
  });

  it('a tap while the server is unreachable is kept on the device, shown as waiting, and sent when it is back', async () => {
    const first = (await getState(server)).milestones.find((m: any) => m.id.startsWith('first-donation-'));
    expect(first).toMatchObject({ announcedAt: null, skippedAt: null });
    await page.route('**/api/events/batch', (route) => route.abort('internetdisconnected'));
    await page.getByTestId(`mc-announce-${first.id}`).click();
    await page.getByTestId(`mc-queued-${first.id}`).waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId(`mc-recent-${first.id}`).getAttribute('data-status')).toBe('pending-announce');
    await page.getByTestId('mc-outbox').waitFor();
    expect((await milestone(first.id)).announcedAt).toBeNull();
    await page.unroute('**/api/events/batch');
    await expect.poll(async () => (await milestone(first.id)).announcedAt, { timeout: 15_000 }).toEqual(expect.any(String));
    await expect.poll(() => page.getByTestId(`mc-recent-${first.id}`).getAttribute('data-status'), { timeout: 5000 }).toBe('announced');
    await page.getByTestId('mc-outbox').waitFor({ state: 'detached' });
  });

  it('a message sent from /mc reaches the wall (state wallMessage), and clearing it works', async () => {
    const text = 'Mời đoàn Sở Y tế lên sân khấu';
    await page.getByTestId('mc-wall-input').fill(`  ${text}  `);
    await page.getByTestId('mc-wall-send').click();
    await expect.poll(async () => (await getState(server)).wallMessage?.text, { timeout: 5000 }).toBe(text);
    expect((await getState(server)).wallMessage.by).toBe('MC sân khấu');
    await expect.poll(() => page.getByTestId('mc-wall-current').innerText()).toContain(text);
    expect(await page.getByTestId('mc-wall-input').inputValue()).toBe('');

    await page.getByTestId('mc-wall-clear').click();
    await expect.poll(async () => (await getState(server)).wallMessage, { timeout: 5000 }).toBeNull();
    await expect.poll(() => page.getByTestId('mc-wall-current').getAttribute('data-set')).toBe('false');
    // Empty text cannot be sent.
    await page.getByTestId('mc-wall-input').fill('   ');
    expect(await page.getByTestId('mc-wall-send').isDisabled()).toBe(true);
  });

  it('the run-of-show shows what is on now and what is next, with countdowns', async () => {
    expect(await page.getByTestId('mc-runofshow').count()).toBe(0); // no schedule yet: no panel
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    expect((await post(server, coordinator, 'schedule.item_set', { itemId: 'opening', title: 'Khai mạc ngày hội', start: iso(now - 10 * 60_000), durationMin: 30 })).status).toBe(201);
    expect((await post(server, coordinator, 'schedule.item_set', { itemId: 'honours', title: 'Lễ tôn vinh', start: iso(now + 25 * 60_000), durationMin: 45 })).status).toBe(201);
    const current = page.getByTestId('mc-now');
    await current.waitFor({ timeout: 5000 });
    expect(await current.getAttribute('data-item')).toBe('opening');
    expect(await current.innerText()).toContain('Khai mạc ngày hội');
    expect(await page.getByTestId('mc-now-countdown').innerText()).toMatch(/còn (19|20):\d\d/);
    expect(await page.getByTestId('mc-next').getAttribute('data-item')).toBe('honours');
    expect(await page.getByTestId('mc-next-countdown').innerText()).toMatch(/sau (24|25):\d\d/);
    // The clock and the times are in Asia/Ho_Chi_Minh, 24-hour.
    const vnTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now - 10 * 60_000);
    expect(await current.innerText()).toContain(vnTime);
    expect(errors).toEqual([]);
  });

  it.each([
    [1024, 768],
    [768, 1024],
  ])('tablet %i×%i: no sideways scrolling, big buttons, text at least 7:1 against its background', async (width, height) => {
    const { page: tablet } = await openPage(browser, `${server.url}/mc?token=${mc}`, { viewport: { width, height }, pageOptions: { hasTouch: true } });
    // Something in the queue to look at: the 200th donation.
    if (!(await milestone('donations-200'))) await donations(100, 'bqlkcn', `bq${width}`);
    await tablet.locator('[data-testid^="mc-queued-"]').first().waitFor({ timeout: 5000 });
    await fontsSettled(tablet);
    const overflow = await tablet.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const announce = await tablet.locator('[data-testid^="mc-announce-"]').first().boundingBox();
    expect(announce!.height).toBeGreaterThanOrEqual(56);
    expect(announce!.width).toBeGreaterThanOrEqual(150);

    const ratios = await tablet.evaluate(() => {
      const parse = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
      const lum = ([r, g, b]: number[]) => {
        const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
      };
      const background = (el: Element | null): number[] => {
        for (let e = el; e; e = e.parentElement) {
          const c = parse(getComputedStyle(e).backgroundColor);
          if (c.length >= 3 && (c.length === 3 || c[3]! > 0)) return c;
        }
        return [255, 255, 255];
      };
      const out: { what: string; ratio: number }[] = [];
      const selectors = [
        '.mc-card__script',
        '.mc-card__label',
        '.mc-btn__vi',
        '.mc-btn__en',
        '.mc-totals__big',
        '.mc-totals__value',
        '.mc-up__vi',
        '.mc-up__n',
        '.mc .en',
        '.mc-h2',
        '.mc-top__clock',
        '.mc-recent__label',
        '.mc-chip',
        '.mc-muted',
      ];
      for (const selector of selectors) {
        for (const el of document.querySelectorAll(selector)) {
          const fg = lum(parse(getComputedStyle(el).color));
          const bg = lum(background(el));
          out.push({ what: `${selector} “${(el.textContent ?? '').slice(0, 30)}”`, ratio: (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05) });
        }
      }
      return out;
    });
    expect(ratios.length).toBeGreaterThan(20);
    const low = ratios.filter((r) => r.ratio < 7);
    expect(low).toEqual([]);
    // Vietnamese first, with its diacritics.
    expect(await tablet.locator('.mc-top__title').innerText()).toMatch(/^Người dẫn chương trình/);
    await tablet.close();
  });

  it('an announcement made by another device is listed as said, without an undo here', async () => {
    expect((await milestone('donations-200'))?.announcedAt).toBeNull();
    expect((await post(server, server.adminToken, 'milestone.announced', { milestoneId: 'donations-200' })).status).toBe(201);
    await page.getByTestId('mc-queued-donations-200').waitFor({ state: 'detached', timeout: 5000 });
    await expect.poll(() => page.getByTestId('mc-recent-donations-200').getAttribute('data-status')).toBe('announced');
    expect(await page.getByTestId('mc-undo-donations-200').count()).toBe(0);
    expect(await page.getByTestId('mc-undo-donations-100').count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('switches to English and back: headings and numbers follow, the layout holds, and the choice survives a reload', async () => {
    const { page: tablet } = await openPage(browser, `${server.url}/mc?token=${mc}`, { viewport: { width: 1024, height: 768 }, pageOptions: { hasTouch: true }, errors });
    // Something in the queue to read: the 300th donation.
    if (!(await milestone('donations-300'))) await donations(100, 'bqlkcn', 'bqlang');
    await tablet.getByTestId('mc-queued-donations-300').waitFor({ timeout: 5000 });
    const title = tablet.getByTestId('mc-title');
    const lang = () => tablet.getByTestId('lang-switch').getAttribute('data-lang');
    // Vietnamese first, the English line beside it; numbers the Vietnamese way.
    expect(await lang()).toBe('vi');
    expect(await title.innerText()).toMatch(/^Người dẫn chương trình\s+MC$/);
    expect(await tablet.getByTestId('mc-total-donated').innerText()).toMatch(/\/\s*2\.000/);
    expect(await tablet.getByTestId('mc-queue').locator('h2').innerText()).toMatch(/^Cần công bố/);

    await tablet.getByTestId('lang-en').tap();
    await expect.poll(() => title.innerText()).toBe('MC');
    expect(await lang()).toBe('en');
    expect(await tablet.evaluate(() => [document.documentElement.lang, localStorage.getItem('ntth.lang')])).toEqual(['en', 'en']);
    expect(await tablet.getByTestId('mc-queue').locator('h2').innerText()).toMatch(/^To announce/);
    expect(await tablet.getByTestId('mc-total-donated').innerText()).toMatch(/\/\s*2,000/);
    expect(await tablet.getByTestId('mc-announce-donations-300').innerText()).toBe('Announced');
    // The milestone's script stays as the organisers wrote it (read out in Vietnamese).
    expect(await tablet.getByTestId('mc-script-donations-300').innerText()).toBe((await milestone('donations-300')).script);
    // The switch in the top bar: a finger-sized target, no sideways scrolling in either orientation.
    await fontsSettled(tablet);
    expect((await tablet.getByTestId('lang-en').boundingBox())!.height).toBeGreaterThanOrEqual(44);
    expect(await tablet.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await tablet.setViewportSize({ width: 768, height: 1024 });
    await fontsSettled(tablet);
    expect(await tablet.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

    await tablet.reload();
    await tablet.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: 10_000 });
    await expect.poll(() => title.innerText()).toBe('MC');
    expect(await lang()).toBe('en');

    await tablet.getByTestId('lang-vi').tap();
    await expect.poll(() => title.innerText()).toMatch(/^Người dẫn chương trình/);
    await tablet.reload();
    await tablet.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: 10_000 });
    await expect.poll(() => title.innerText()).toMatch(/^Người dẫn chương trình/);
    expect(await tablet.evaluate(() => [document.documentElement.lang, localStorage.getItem('ntth.lang')])).toEqual(['vi', 'vi']);
    await tablet.close();
    expect(errors).toEqual([]);
  });
});
