/**
 * `/live`, the public counter (API.md v1.1, issue 19), in Chromium at a phone's size against the
 * real server: no token; the figures of GET /api/public; a donation recorded at a desk shows by
 * itself; no donor's name, phone or CCCD digits on the page; greyed with the data's age when the
 * server cannot be reached, and back by itself. Its JavaScript stays small (≤ 60 KB gzip).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { pageJs } from '../helpers/bundle.ts';
import { hasChromium, launchChromium, openPage } from '../helpers/browser.ts';
import { api, festivalClock, makeToken, post, startTestServer, type TestServer } from '../helpers/server.ts';

const PERSON = { donorId: 'live-1', fullName: 'Trịnh Thị Công Khai', agencyId: 'ldld', phone: '0912678901', nationalId: '030190004455' };

describe('/live, the public counter', () => {
  it('loads at most 60 KB of JavaScript (gzip), no chart library', () => {
    const js = pageJs('dist/client', 'live');
    expect(js.gzip).toBeLessThanOrEqual(60_000);
    expect(js.files.some((f) => /recharts|react-dom/i.test(f.file))).toBe(false);
  });
});

describe.skipIf(!hasChromium)('/live in Chromium', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer({ now: festivalClock('2024-07-19T09:00:00+07:00') });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the public figures without a token, follows a donation, keeps people out, and says when it is stale', async () => {
    const desk = await makeToken(server, 'desk', 'Bàn 1');
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const errors: string[] = [];
    const { page } = await openPage(context, `${server.url}/live`, { errors });
    const donated = () => page.getByTestId('live-donated').innerText();
    expect(await donated()).toBe('0');
    expect(await page.locator('body').innerText()).toContain('Mục tiêu ngày hội');

    expect((await post(server, desk, 'donor.registered', PERSON)).status).toBe(201);
    expect((await post(server, desk, 'donor.checked_in', { donorId: PERSON.donorId })).status).toBe(201);
    expect((await post(server, desk, 'donor.donated', { donorId: PERSON.donorId, volumeMl: 350 })).status).toBe(201);
    await expect.poll(donated, { timeout: 10_000 }).toBe('1');
    expect(await page.getByTestId('live-agency-ldld').getAttribute('data-count')).toBe('1');
    expect((await api(server.url, 'GET', '/api/public')).body.totals.donated).toBe(1);
    const text = await page.locator('body').innerText();
    for (const secret of [PERSON.fullName, PERSON.phone, '4455', PERSON.donorId]) expect(text).not.toContain(secret);

    // The server out of reach: greyed, with the time of the figures; back by itself.
    await context.setOffline(true);
    await expect.poll(() => page.getByTestId('connection').getAttribute('data-state'), { timeout: 20_000 }).toBe('offline');
    expect(await donated()).toBe('1');
    await context.setOffline(false);
    await expect.poll(() => page.getByTestId('connection').getAttribute('data-state'), { timeout: 20_000 }).toBe('live');
    expect(errors).toEqual([]);
    await context.close();
  });
});
