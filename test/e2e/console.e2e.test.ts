/**
 * The coordinators' console in real browsers (headless Chromium, two separate contexts: two
 * phones) against the real server: a status tapped on one phone reaches the other within 1 s;
 * an incident raised on one is listed on the other; the later of two changes to a task wins on
 * both, with who made it; offline taps wait in the outbox and go when the link is back, also
 * after a reload while the server is unreachable (the copy kept on the phone); tasks and
 * run-of-show items are added and edited; nothing overflows a 360 × 740 screen; the vi/en switch
 * changes the page's language and the phone remembers it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { hasChromium, launchChromium, openPage } from '../helpers/browser.ts';
import { fontsSettled } from '../helpers/fonts.ts';
import { getState, makeToken, post, startTestServer, type TestServer } from '../helpers/server.ts';

const PHONE = { width: 360, height: 740 };

declare global {
  interface Window {
    __clickAt?: number;
    __seenAt?: number;
  }
}

describe.skipIf(!hasChromium)('coordinator console in Chromium (two phones)', () => {
  let server: TestServer;
  let browser: Browser;
  let tokenA: string;
  let tokenB: string;
  let contextA: BrowserContext;
  let contextB: BrowserContext;
  let a: Page;
  let b: Page;
  const errors: string[] = [];

  async function openConsole(context: BrowserContext, token: string): Promise<Page> {
    // No wait without end: a missing element fails the test in 5 s instead of hanging it.
    context.setDefaultTimeout(5000);
    const { page } = await openPage(context, `${server.url}/console?token=${token}`, { errors });
    await page.getByTestId('task-sound').waitFor();
    return page;
  }

  const task = (page: Page, id: string) => page.getByTestId(`task-${id}`);
  const statusOf = (page: Page, id: string) => task(page, id).getAttribute('data-status');
  const byOf = (page: Page, id: string) => task(page, id).getByTestId('updated-by').textContent();
  /** The task shows no waiting change on this phone (the server has it). */
  const settled = (page: Page, id: string) => page.locator(`[data-testid="task-${id}"][data-pending="false"]`).waitFor({ timeout: 5000 });

  beforeAll(async () => {
    server = await startTestServer();
    [tokenA, tokenB] = await Promise.all([makeToken(server, 'coordinator', 'Điều phối A'), makeToken(server, 'coordinator', 'Điều phối B')]);
    browser = await launchChromium();
    [contextA, contextB] = await Promise.all([browser.newContext({ viewport: PHONE }), browser.newContext({ viewport: PHONE })]);
    [a, b] = await Promise.all([openConsole(contextA, tokenA), openConsole(contextB, tokenB)]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a status tapped on one phone appears on the other within 1 s, with who made it', async () => {
    expect(await statusOf(b, 'sound')).toBe('todo');
    // Timestamps in the pages themselves (one browser, one clock): from the tap on A to the DOM change on B.
    await b.evaluate(() => {
      const check = () => {
        const card = document.querySelector('[data-testid="task-sound"]');
        if (!window.__seenAt && card?.getAttribute('data-status') === 'done') window.__seenAt = Date.now();
      };
      new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await a.evaluate(() => document.addEventListener('pointerdown', () => (window.__clickAt ??= Date.now()), { capture: true }));

    await a.getByTestId('set-sound-done').click();
    await b.waitForFunction(() => window.__seenAt !== undefined, undefined, { timeout: 3000 });
    const clickAt = await a.evaluate(() => window.__clickAt!);
    const seenAt = await b.evaluate(() => window.__seenAt!);
    expect(seenAt - clickAt).toBeGreaterThanOrEqual(0);
    expect(seenAt - clickAt).toBeLessThan(1000);

    await settled(a, 'sound');
    expect(await statusOf(a, 'sound')).toBe('done');
    expect(await byOf(b, 'sound')).toBe('Điều phối A');
    expect(await byOf(a, 'sound')).toBe('Điều phối A');
  });

  it('the later of two changes to the same task wins on both phones, and both see who made it', async () => {
    // One after the other: A, then B.
    await a.getByTestId('set-banners-in_progress').click();
    await settled(a, 'banners');
    await expect.poll(() => statusOf(b, 'banners'), { timeout: 2000 }).toBe('in_progress');
    await b.getByTestId('set-banners-blocked').click();
    for (const page of [a, b]) {
      await expect.poll(() => statusOf(page, 'banners'), { timeout: 2000 }).toBe('blocked');
      await settled(page, 'banners');
      expect(await byOf(page, 'banners')).toBe('Điều phối B');
    }
    // Each change is in the log: the card opens on its short history, newest first.
    await a.getByTestId('task-banners').locator('.con-task__head').click();
    const history = a.getByTestId('task-banners-history').locator('li');
    await expect.poll(() => history.allInnerTexts()).toEqual([expect.stringMatching(/Vướng mắc Điều phối B/), expect.stringMatching(/Đang làm Điều phối A/)]);

    // At the same moment: whichever the server records last wins, on both phones alike.
    await Promise.all([a.getByTestId('set-lighting-done').click(), b.getByTestId('set-lighting-blocked').click()]);
    await Promise.all([settled(a, 'lighting'), settled(b, 'lighting')]);
    const expected = (await getState(server, tokenA)).tasks.find((t: { id: string }) => t.id === 'lighting');
    expect(['done', 'blocked']).toContain(expected.status);
    for (const page of [a, b]) {
      await expect.poll(() => statusOf(page, 'lighting'), { timeout: 2000 }).toBe(expected.status);
      expect(await byOf(page, 'lighting')).toBe(expected.updatedBy);
    }
  });

  it('an incident raised on one phone is listed on the other, most severe first; acknowledged and resolved', async () => {
    await post(server, tokenB, 'incident.reported', { incidentId: 'inc-sound', title: 'Loa sân khấu rè', severity: 'high', place: 'Sân khấu' });
    await Promise.all([a.getByTestId('tab-incidents').click(), b.getByTestId('tab-incidents').click()]);
    await b.getByTestId('incident-inc-sound').waitFor();

    await a.getByTestId('incident-report').click();
    const form = a.getByTestId('incident-form');
    await form.locator('input[name="title"]').fill('Mất điện khu lấy máu số 2');
    await form.getByTestId('severity-critical').click();
    await form.locator('input[name="place"]').fill('Sảnh B');
    await form.locator('select[name="taskId"]').selectOption('venue');
    await form.locator('textarea[name="note"]').fill('Đã gọi điện lực');
    await form.getByTestId('incident-submit').click();

    const first = b.getByTestId('incidents-open').locator('article').first();
    await expect.poll(() => first.innerText(), { timeout: 2000 }).toContain('Mất điện khu lấy máu số 2');
    expect(await first.getAttribute('data-severity')).toBe('critical');
    const text = await first.innerText();
    expect(text).toContain('Sảnh B');
    expect(text).toContain('Bố trí địa điểm và cơ sở vật chất');
    expect(text).toContain('Điều phối A');
    await expect.poll(() => b.getByTestId('count-incidents').getAttribute('data-count')).toBe('2');

    // B acknowledges, A resolves; both lists follow.
    const id = (await first.getAttribute('data-testid'))!.replace('incident-', '');
    await b.getByTestId(`incident-${id}-ack`).click();
    await expect.poll(() => a.getByTestId(`incident-${id}`).getAttribute('data-status'), { timeout: 2000 }).toBe('acknowledged');
    await a.getByTestId(`incident-${id}-resolve`).click();
    await expect.poll(() => b.getByTestId('incidents-open').locator(`[data-testid="incident-${id}"]`).count(), { timeout: 2000 }).toBe(0);
    await expect.poll(() => b.getByTestId('count-incidents').getAttribute('data-count')).toBe('1');
    // The wall gets the count only.
    const wall = await makeToken(server, 'wall');
    const forWall = (await getState(server, wall)).incidents;
    expect(forWall).toEqual({ open: 1, bySeverity: { low: 0, medium: 0, high: 1, critical: 0 } });
  });

  it('offline, a tap shows at once and waits in the outbox; it reaches the other phone when the link is back', async () => {
    await Promise.all([a.getByTestId('tab-tasks').click(), b.getByTestId('tab-tasks').click()]);
    await contextA.setOffline(true);
    await a.getByTestId('set-venue-in_progress').click();
    await a.locator('[data-testid="task-venue"][data-status="in_progress"][data-pending="true"]').waitFor({ timeout: 1000 });
    await a.getByTestId('outbox-pending').waitFor({ timeout: 5000 });
    expect(await a.getByTestId('outbox-pending').innerText()).toMatch(/1 đang chờ gửi/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await statusOf(b, 'venue')).toBe('todo');

    await contextA.setOffline(false);
    await expect.poll(() => statusOf(b, 'venue'), { timeout: 10_000 }).toBe('in_progress');
    await settled(a, 'venue');
    await a.getByTestId('outbox-pending').waitFor({ state: 'detached', timeout: 5000 });
    expect(await byOf(b, 'venue')).toBe('Điều phối A');
  });

  it('a task is added with its note on one phone, then its owner and due time edited on the other', async () => {
    await a.getByTestId('task-add').click();
    const form = a.getByTestId('task-add-form');
    await form.locator('input[name="title"]').fill('Nước uống cho người hiến máu');
    await form.locator('select[name="owner"]').selectOption('tinhdoan');
    await form.locator('select[name="phase"]').selectOption('day2');
    // Day, hour and minute selects: 24-hour and 20/7/2024 whatever the phone's language.
    await form.locator('select[name="due-day"]').selectOption('2024-07-20');
    await form.locator('select[name="due-hour"]').selectOption('06');
    await form.locator('select[name="due-minute"]').selectOption('30');
    await form.locator('textarea[name="note"]').fill('500 chai');
    await form.getByTestId('task-form-save').click();

    const added = b.getByTestId('phase-day2').locator('article').filter({ hasText: 'Nước uống cho người hiến máu' });
    await expect.poll(() => added.count(), { timeout: 2000 }).toBe(1);
    await expect.poll(() => added.innerText(), { timeout: 2000 }).toContain('“500 chai”');
    expect(await added.innerText()).toContain('Tỉnh đoàn');
    expect(await added.innerText()).toContain('06:30 · 20/7/2024');

    await added.locator('.con-task__head').click();
    await added.getByRole('button', { name: /Sửa hạn/ }).click();
    const edit = b.getByTestId('task-edit-form');
    await edit.locator('select[name="owner"]').selectOption('soyte');
    await edit.locator('select[name="due-hour"]').selectOption('07');
    await edit.locator('select[name="due-minute"]').selectOption('15');
    await edit.getByTestId('task-form-save').click();

    const onA = a.getByTestId('phase-day2').locator('article').filter({ hasText: 'Nước uống cho người hiến máu' });
    await expect.poll(() => onA.innerText(), { timeout: 2000 }).toContain('Sở Y tế');
    expect(await onA.innerText()).toContain('07:15 · 20/7/2024');
    expect(await onA.innerText()).toContain('“500 chai”');
    const state = await getState(server, tokenA);
    expect(state.tasks.find((t: { title: string }) => t.title === 'Nước uống cho người hiến máu')).toMatchObject({
      owner: 'soyte',
      phase: 'day2',
      due: '2024-07-20T07:15:00+07:00',
      note: '500 chai',
    });
  });

  it('run-of-show items are added on one phone; the other shows now / next with a countdown', async () => {
    const now = Date.now();
    const minute = 60_000;
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    await post(server, tokenB, 'schedule.item_set', { itemId: 'donation', title: 'Hiến máu', start: iso(now - 60 * minute), durationMin: 600 });
    await Promise.all([a.getByTestId('tab-schedule').click(), b.getByTestId('tab-schedule').click()]);
    await a.getByTestId('ros-add').click();
    const form = a.getByTestId('ros-add-form');
    await form.getByRole('button', { name: 'Lễ tôn vinh' }).click();
    // In 10 to 15 minutes, on a 5-minute mark (Vietnam wall time, as the pickers take it).
    const startAt = Math.ceil((now + 10 * minute) / (5 * minute)) * 5 * minute;
    const [day, hour, min] = await a.evaluate((ms) => {
      const parts = new Intl.DateTimeFormat('en-CA', {
        timeZone: 'Asia/Ho_Chi_Minh',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).formatToParts(ms);
      const get = (type: string) => parts.find((p) => p.type === type)!.value;
      return [`${get('year')}-${get('month')}-${get('day')}`, get('hour'), get('minute')];
    }, startAt);
    await form.locator('select[name="start-day"]').selectOption(day!);
    await form.locator('select[name="start-hour"]').selectOption(hour!);
    await form.locator('select[name="start-minute"]').selectOption(min!);
    await form.locator('input[name="durationMin"]').fill('45');
    await form.getByTestId('ros-form-save').click();

    const next = b.getByTestId('next');
    await expect.poll(() => next.innerText(), { timeout: 2000 }).toContain('Lễ tôn vinh');
    expect(await next.getByTestId('next-countdown').innerText()).toMatch(/^(9|1[0-5]):\d\d$/);
    expect(await b.getByTestId('now').innerText()).toContain('Hiến máu');
    expect(await b.getByTestId('now-countdown').innerText()).toMatch(/^[89]:\d\d:\d\d$/);
    const before = await b.getByTestId('next-countdown').innerText();
    await expect.poll(() => b.getByTestId('next-countdown').innerText(), { timeout: 3000 }).not.toBe(before);
  });

  it('reloaded while offline, a console comes back from its service worker and its copy, and keeps taps for later', async () => {
    await b.getByTestId('tab-tasks').click();
    const context = await browser.newContext({ viewport: PHONE });
    const page = await openConsole(context, tokenA);
    // Online once: the service worker keeps the page, the phone keeps a copy of the data.
    await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistration('/console'))?.active?.state === 'activated', undefined, { timeout: 5000 });
    await page.waitForFunction(() => localStorage.getItem('ntth.console.copy') !== null, undefined, { timeout: 5000 });

    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('offline-copy').waitFor({ timeout: 5000 });
    expect(await statusOf(page, 'sound')).toBe('done');
    await task(page, 'sound').locator('.con-task__head').click();
    expect(await page.getByTestId('task-sound-history').innerText()).toContain('Điều phối A');

    await page.getByTestId('set-communication-in_progress').click();
    await page.locator('[data-testid="task-communication"][data-status="in_progress"][data-pending="true"]').waitFor({ timeout: 1000 });
    await page.getByTestId('outbox-pending').waitFor({ timeout: 5000 });
    expect(await statusOf(b, 'communication')).toBe('todo');

    await context.setOffline(false);
    await page.getByTestId('offline-copy').waitFor({ state: 'detached', timeout: 10_000 });
    await expect.poll(() => statusOf(b, 'communication'), { timeout: 10_000 }).toBe('in_progress');
    await settled(page, 'communication');
    await context.close();
  });

  it('at 360 × 740 nothing overflows horizontally, on every tab, with forms open', async () => {
    await post(server, tokenB, 'incident.reported', {
      incidentId: 'inc-long',
      title: 'Xe cứu thương chưa vào được cổng phía đường Tôn Đức Thắng vì bị chắn bởi các phương tiện đỗ sai quy định',
      severity: 'medium',
      place: 'Cổng chính, Trung tâm Văn hóa Xứ Đông, đường Tôn Đức Thắng',
      taskId: 'police-escort',
    });
    const overflow = () =>
      a.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const out: string[] = [];
        for (const el of document.querySelectorAll<HTMLElement>('body *')) {
          const rect = el.getBoundingClientRect();
          const style = getComputedStyle(el);
          if (rect.width === 0 || rect.height === 0 || style.visibility === 'hidden') continue;
          if (rect.right > width + 0.5) out.push(`${el.tagName.toLowerCase()}.${el.className} right=${Math.round(rect.right)}`);
        }
        return { scrollWidth: document.scrollingElement!.scrollWidth, width, out };
      });
    const check = async (where: string) => {
      await fontsSettled(a);
      const result = await overflow();
      expect(result.width, where).toBe(360);
      expect(result.scrollWidth, where).toBeLessThanOrEqual(360);
      expect(result.out, where).toEqual([]);
    };

    await a.getByTestId('tab-tasks').click();
    await a.getByTestId('task-police-escort').locator('.con-task__head').click();
    await a.getByTestId('task-police-escort-edit').click();
    await a.getByTestId('task-add').click();
    await check('tasks');
    await a.getByTestId('filter-status').selectOption('overdue');
    await check('tasks, filtered');

    await a.getByTestId('tab-incidents').click();
    await a.getByTestId('incident-inc-long').waitFor();
    await a.getByTestId('incident-report').click();
    await check('incidents');

    await a.getByTestId('tab-schedule').click();
    await a.getByTestId('ros-add').click();
    await a.getByTestId('ros-open-donation').click();
    await check('run-of-show');
    expect(errors).toEqual([]);
  });

  it('switches to English and back: headings, tabs and numbers follow, and the choice survives a reload', async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await openConsole(context, tokenA);
    const title = page.getByTestId('console-title');
    const lang = () => page.getByTestId('lang-switch').getAttribute('data-lang');
    const stored = () => page.evaluate(() => localStorage.getItem('ntth.lang'));
    // Vietnamese first, the English line beside it.
    expect(await lang()).toBe('vi');
    expect(await title.innerText()).toMatch(/^Điều phối hậu cần\s+Logistics console$/);
    expect(await page.getByTestId('tab-tasks').innerText()).toMatch(/^Công việc/);
    expect(await page.getByTestId('summary-donated').innerText()).toContain('/ 2.000');

    await page.getByTestId('lang-en').click();
    await expect.poll(() => title.innerText()).toBe('Logistics console');
    expect(await lang()).toBe('en');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await stored()).toBe('en');
    expect(await page.getByTestId('tab-tasks').innerText()).toMatch(/^Tasks/);
    expect(await page.getByTestId('tab-tasks').innerText()).not.toContain('Công việc');
    expect(await page.getByTestId('summary-donated').innerText()).toContain('/ 2,000');
    expect(await page.getByTestId('set-sound-in_progress').innerText()).toBe('In progress');
    // English is longer in places: still nothing sideways on a 360 px phone, with a card open.
    await task(page, 'police-escort').locator('.con-task__head').click();
    await page.getByTestId('task-add').click();
    await fontsSettled(page);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(360);
    // The switch is a finger-sized target that does not squeeze the title's line.
    const box = (await page.getByTestId('lang-en').boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.x + box.width).toBeLessThanOrEqual(360);

    await page.reload();
    await page.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: 10_000 });
    await expect.poll(() => title.innerText()).toBe('Logistics console');
    expect(await lang()).toBe('en');

    await page.getByTestId('lang-vi').click();
    await expect.poll(() => title.innerText()).toMatch(/^Điều phối hậu cần/);
    expect(await stored()).toBe('vi');
    await page.reload();
    await page.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: 10_000 });
    await expect.poll(() => title.innerText()).toMatch(/^Điều phối hậu cần/);
    expect(await lang()).toBe('vi');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');
    await context.close();
    expect(errors).toEqual([]);
  });
});
