/**
 * The registration desk in a real browser (headless Chromium) against the real server:
 * type-ahead ignoring diacritics and Enter to check in; a walk-in registered (with the
 * form's checks, the privacy notice and the consent it requires, and the duplicate rule); a
 * donation recorded, and a second one the same day refused with the time and desk of the
 * first, seen on /wall; a deferral's reason seen by the desk that recorded it and not by
 * another; a scanned CCCD card and a typed CCCD (the desk holds only the last 4 digits); a
 * person whose data was erased; the offline outbox (server stopped, three check-ins, a reload,
 * the server back on the same port: each event recorded exactly once); a refusal shown with
 * its message; the vi/en switch (kept across a reload); and the time from Enter to
 * acknowledged on a desk holding 5.000 donors. No full CCCD ever shows on the page or stays
 * on the device once sent.
 */
import ExcelJS from 'exceljs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { foldForSearch, formatNumber, formatTime } from '../../shared/format.ts';
import { hasChromium, launchChromium, openPage, storedOnDevice } from '../helpers/browser.ts';
import { api, freePort, getState, makeToken, post, startTestServer, type TestServer } from '../helpers/server.ts';

/** The built client; DESK_E2E_CLIENT_DIR lets a desk-only build be tested while other pages are mid-edit. */
const clientDir = process.env.DESK_E2E_CLIENT_DIR ?? path.resolve('dist/client');

interface Registration {
  donorId: string;
  fullName: string;
  agencyId: string;
  phone?: string;
  birthYear?: number;
  gender?: 'female' | 'male';
  weightKg?: number;
  nationalId?: string;
}

const DONORS: Registration[] = [
  { donorId: 'ldld-0001', fullName: 'Nguyễn Thị Lan', agencyId: 'ldld', phone: '0912000001', birthYear: 1990, gender: 'female', weightKg: 52, nationalId: '030190000001' },
  { donorId: 'ldld-0002', fullName: 'Nguyễn Thị Lanh', agencyId: 'ldld', phone: '0912000002', birthYear: 1992, gender: 'female', weightKg: 50 },
  { donorId: 'soyte-0001', fullName: 'Trần Văn Đức', agencyId: 'soyte', phone: '0912000003', birthYear: 1985, gender: 'male', weightKg: 70 },
  { donorId: 'soyte-0002', fullName: 'Lê Thu Hà', agencyId: 'soyte', phone: '0912000004', birthYear: 1995, gender: 'female', weightKg: 55 },
  { donorId: 'tinhdoan-0001', fullName: 'Phạm Văn Hải', agencyId: 'tinhdoan', phone: '0912000005', birthYear: 2000, gender: 'male', weightKg: 65 },
  { donorId: 'tinhdoan-0002', fullName: 'Bùi Thị Ngọc', agencyId: 'tinhdoan', phone: '0912000006', birthYear: 2001, gender: 'female', weightKg: 48 },
  { donorId: 'tinhdoan-0003', fullName: 'Đỗ Minh Khoa', agencyId: 'tinhdoan', phone: '0912000007', birthYear: 1999, gender: 'male', weightKg: 60 },
  { donorId: 'congan-0001', fullName: 'Vũ Quang Huy', agencyId: 'congan', phone: '0912000008', birthYear: 1988, gender: 'male', weightKg: 75 },
  { donorId: 'sogddt-0001', fullName: 'Ngô Thị Hồng', agencyId: 'sogddt', phone: '0912000009', birthYear: 1993, gender: 'female', weightKg: 47 },
  { donorId: 'hctd-0001', fullName: 'Đặng Văn Toàn', agencyId: 'hctd', phone: '0912000010', birthYear: 1987, gender: 'male', weightKg: 68 },
  // Two people whose CCCDs end in the same 4 digits; one registered under a shorter name than her card's.
  { donorId: 'congan-0002', fullName: 'Lý Thị Bích', agencyId: 'congan', phone: '0912000011', birthYear: 1994, gender: 'female', weightKg: 50, nationalId: '030194001234' },
  { donorId: 'hctd-0002', fullName: 'Mai Văn Cường', agencyId: 'hctd', phone: '0912000012', birthYear: 1988, gender: 'male', weightKg: 66, nationalId: '001088001234' },
  { donorId: 'soyte-0003', fullName: 'Quách Nam', agencyId: 'soyte', phone: '0912000013', birthYear: 1985, gender: 'male', weightKg: 64, nationalId: '030185005678' },
  { donorId: 'ldld-0004', fullName: 'Tô Thị Liên', agencyId: 'ldld', phone: '0912000014', birthYear: 1991, gender: 'female', weightKg: 53 },
  { donorId: 'ldld-0005', fullName: 'Kiều Thị Vân', agencyId: 'ldld', phone: '0912000015', birthYear: 1996, gender: 'female', weightKg: 52 },
];

/** Every full CCCD the test sends: none may show on a desk's page or stay on its device once sent. */
const FULL_CCCDS = ['030190000001', '030194001234', '001088001234', '030185005678', '030196012345', '030199000777', '030187000001', '030194000004', '030170001111'];

/** The text a chip CCCD card's QR code holds (what a scanner types). */
const cardQr = (cccd: string, name: string, ddmmyyyy: string, gender: 'Nam' | 'Nữ') => `${cccd}|123456789|${name}|${ddmmyyyy}|${gender}|Thôn Đông, Cẩm Giàng, Hải Dương|01072021`;

async function expectNoFullCccd(page: Page): Promise<void> {
  const html = await page.content();
  const stored = await storedOnDevice(page);
  for (const cccd of FULL_CCCDS) {
    expect(html, `page shows ${cccd}`).not.toContain(cccd);
    expect(stored, `device keeps ${cccd}`).not.toContain(cccd);
  }
}

async function registerAll(server: TestServer, token: string, donors: Registration[], prefix: string): Promise<void> {
  for (let i = 0; i < donors.length; i += 500) {
    const events = donors.slice(i, i + 500).map((payload, j) => ({ id: `${prefix}-${i + j}-seed`, type: 'donor.registered', payload }));
    const answer = await api(server.url, 'POST', '/api/events/batch', { token, body: { events } });
    expect(answer.status).toBe(200);
    expect(answer.body.results.every((r: { seq?: number }) => typeof r.seq === 'number')).toBe(true);
  }
}

async function allEvents(server: TestServer): Promise<{ id: string; type: string; payload: Record<string, unknown>; actor?: { label: string } }[]> {
  return (await api(server.url, 'GET', '/api/events?after=0&limit=5000', { token: server.adminToken })).body.events;
}

function openDesk(context: BrowserContext, server: TestServer, token: string, viewport = { width: 1280, height: 800 }): Promise<{ page: Page; errors: string[] }> {
  return openPage(context, `${server.url}/desk?token=${token}`, { viewport });
}

async function search(page: Page, text: string, expectedName: string): Promise<void> {
  const box = page.getByTestId('desk-search');
  await box.fill(text);
  await expect.poll(() => page.getByTestId('result').first().locator('.result__name').textContent(), { timeout: 5000 }).toBe(expectedName);
}

describe.skipIf(!hasChromium)('registration desk in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let port: number;
  let desk1: string;
  let desk2: string;

  beforeAll(async () => {
    port = await freePort();
    server = await startTestServer({ port, clientDir });
    [desk1, desk2] = await Promise.all([makeToken(server, 'desk', 'Bàn 1'), makeToken(server, 'desk', 'Bàn 2')]);
    await registerAll(server, desk2, DONORS, 'base');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('"nguyen thi lan" finds Nguyễn Thị Lan; Enter checks her in (server checkedIn +1)', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openDesk(context, server, desk1);
    const before = (await getState(server)).totals.checkedIn;

    await search(page, 'nguyen thi lan', 'Nguyễn Thị Lan');
    const first = page.getByTestId('result').first();
    await expect.poll(() => first.getAttribute('data-donor-id')).toBe('ldld-0001');
    expect(await first.getByTestId('state').getAttribute('data-state')).toBe('registered');
    expect(await first.textContent()).toContain('Liên đoàn Lao động tỉnh');
    // "Lanh" is found too, below.
    expect(await page.getByTestId('result').nth(1).getAttribute('data-donor-id')).toBe('ldld-0002');

    await page.getByTestId('desk-search').press('Enter');
    await page.locator('[data-testid="banner"][data-kind="ok"]').waitFor({ timeout: 10_000 });
    await expect.poll(async () => (await getState(server)).totals.checkedIn, { timeout: 5000 }).toBe(before + 1);
    const checkIns = (await allEvents(server)).filter((e) => e.type === 'donor.checked_in' && e.payload.donorId === 'ldld-0001');
    expect(checkIns).toHaveLength(1);
    expect(checkIns[0]!.actor?.label).toBe('Bàn 1');

    // The panel shows her checked in, the search box is empty again for the next donor, and
    // the desk's own count went up.
    await page.locator('[data-testid="donor-panel"][data-donor-id="ldld-0001"][data-state="checkedIn"]').waitFor();
    expect(await page.getByTestId('desk-search').inputValue()).toBe('');
    await expect.poll(() => page.getByTestId('mine-checked-in').locator('.fig__value').textContent()).toBe('1');
    // The CCCD is never shown in full.
    expect(await page.content()).not.toContain('030190000001');

    // Arrows choose: ↓ then Enter checks in the second result.
    await search(page, 'nguyen thi lan', 'Nguyễn Thị Lan');
    await page.getByTestId('desk-search').press('ArrowDown');
    await page.getByTestId('desk-search').press('Enter');
    await page.locator('[data-testid="donor-panel"][data-donor-id="ldld-0002"][data-state="checkedIn"]').waitFor({ timeout: 10_000 });
    // A scanner types an exact donor id and Enter: that donor, whatever the ranking.
    await page.getByTestId('desk-search').fill('soyte-0002');
    await page.getByTestId('desk-search').press('Enter');
    await page.locator('[data-testid="donor-panel"][data-donor-id="soyte-0002"][data-state="checkedIn"]').waitFor({ timeout: 10_000 });
    await expect.poll(async () => (await getState(server)).totals.checkedIn, { timeout: 5000 }).toBe(before + 3);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('registers a walk-in (checks first, Vietnamese messages), and shows the existing record for a duplicate', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openDesk(context, server, desk1);
    const before = (await getState(server)).totals;

    await page.getByTestId('desk-search').press('F4');
    const form = page.getByTestId('walk-in-form');
    await form.waitFor();
    // The privacy notice, Vietnamese then English: what is kept, why, for how long, whom to ask.
    const notice = (await page.getByTestId('privacy-notice').textContent()) ?? '';
    expect(notice).toContain('4 số cuối CCCD');
    expect(notice).toContain('Số CCCD đầy đủ không bao giờ được lưu');
    expect(notice).toContain('Để tổ chức ngày hội và cảm ơn người hiến máu');
    expect(notice).toMatch(/90 ngày sau ngày cuối của ngày hội, rồi xoá \(ngày \d{1,2}\/\d{1,2}\/\d{4}\)/);
    expect(notice).toContain('Văn phòng Thường trực Ban Chỉ đạo — Hội Chữ thập đỏ tỉnh Hải Dương');
    expect(notice).toContain('The full CCCD number is never stored');
    expect(await page.getByTestId('walkin-consent').isChecked()).toBe(false);
    expect(await page.getByTestId('walkin-announce-name').isChecked()).toBe(false);
    // Nothing filled: the schema's checks, in Vietnamese, and nothing sent.
    await page.getByTestId('submit-donor').click();
    await expect.poll(() => page.getByTestId('error-donor-fullName').textContent()).toBe('Nhập họ và tên');
    expect(await page.getByTestId('error-donor-agencyId').textContent()).toContain('Chọn đơn vị');
    expect(await page.getByTestId('error-donor-phone').textContent()).toBe('Nhập số điện thoại');
    expect(await page.getByTestId('error-walkin-consent').textContent()).toContain('Người hiến đã được thông báo và đồng ý');

    await page.getByTestId('field-fullName').fill('Hoàng Thị Mai');
    await page.getByTestId('agency-input').fill('tu do');
    await page.locator('[data-testid="agency-option"][data-agency-id="walk-in"]').click();
    await page.getByTestId('field-birthYear').fill('1996');
    await page.getByTestId('gender-female').check({ force: true });
    await page.getByTestId('field-phone').fill('0987 654 321');
    await page.getByTestId('field-weightKg').fill('51,5');
    await page.getByTestId('field-nationalId').fill('0301');
    await page.getByTestId('submit-donor').click();
    await expect.poll(() => page.getByTestId('error-donor-nationalId').textContent()).toBe('CCCD gồm đúng 12 chữ số');
    await page.getByTestId('field-nationalId').fill('030196012345');
    await page.getByTestId('field-bloodType').selectOption('B+');
    // Everything right but the consent: refused on the desk, nothing sent.
    await page.getByTestId('submit-donor').click();
    await page.getByTestId('error-walkin-consent').waitFor();
    expect(await page.getByTestId('error-donor-fullName').count()).toBe(0);
    await page.waitForTimeout(300);
    expect((await allEvents(server)).filter((e) => e.type === 'donor.registered' && e.payload.fullName === 'Hoàng Thị Mai')).toHaveLength(0);
    expect((await getState(server)).totals.registered).toBe(before.registered);
    // Ticked (and she agrees to have her name announced): sent with the consent.
    await page.getByTestId('walkin-consent').check();
    await page.getByTestId('error-walkin-consent').waitFor({ state: 'detached' });
    await page.getByTestId('walkin-announce-name').check();
    await page.getByTestId('submit-donor').click();

    const panel = page.locator('[data-testid="donor-panel"][data-state="checkedIn"]');
    await panel.waitFor({ timeout: 10_000 });
    expect(await panel.getByTestId('donor-name').textContent()).toBe('Hoàng Thị Mai');
    await expect.poll(async () => (await getState(server)).totals.registered, { timeout: 5000 }).toBe(before.registered + 1);
    await expect.poll(async () => (await getState(server)).totals.checkedIn, { timeout: 5000 }).toBe(before.checkedIn + 1);
    const registered = (await allEvents(server)).filter((e) => e.type === 'donor.registered' && e.payload.fullName === 'Hoàng Thị Mai');
    expect(registered).toHaveLength(1);
    // As recorded: the consent, the CCCD's last 4 digits, never the number.
    expect(registered[0]!.payload).toMatchObject({
      agencyId: 'walk-in',
      birthYear: 1996,
      gender: 'female',
      phone: '0987654321',
      weightKg: 51.5,
      nationalIdLast4: '2345',
      bloodType: 'B+',
      consent: { dataProcessing: true, announceName: true },
    });
    expect(registered[0]!.payload).not.toHaveProperty('nationalId');
    expect(registered[0]!.payload).not.toHaveProperty('nationalIdHash');
    expect(String(registered[0]!.payload.donorId)).toMatch(/^d_[A-Za-z0-9_-]{12}$/);
    // The panel shows the CCCD masked, and her consent to have the name announced, which she withdraws.
    await expect.poll(() => panel.textContent()).toContain('•••• 2345');
    const announce = panel.getByTestId('donor-announce-name');
    expect(await announce.isChecked()).toBe(true);
    await announce.uncheck();
    await expect
      .poll(async () => (await allEvents(server)).filter((e) => e.type === 'donor.updated' && e.payload.donorId === registered[0]!.payload.donorId).map((e) => e.payload), { timeout: 10_000 })
      .toEqual([{ donorId: registered[0]!.payload.donorId, announceName: false }]);
    await expect.poll(() => announce.isChecked()).toBe(false);
    await expect.poll(() => page.getByTestId('outbox-pending').getAttribute('data-count')).toBe('0');
    await expectNoFullCccd(page);

    // The same person again (same name, year of birth, agency): the existing record is shown.
    await page.getByTestId('open-walk-in').click();
    await page.getByTestId('field-fullName').fill('hoang thi mai');
    await page.getByTestId('agency-input').fill('tự do');
    await page.locator('[data-testid="agency-option"][data-agency-id="walk-in"]').click();
    await page.getByTestId('field-birthYear').fill('1996');
    await page.getByTestId('gender-female').check({ force: true });
    await page.getByTestId('field-phone').fill('0987000111');
    await page.getByTestId('field-weightKg').fill('50');
    await page.getByTestId('walkin-consent').check();
    await page.getByTestId('submit-donor').click();
    const duplicate = page.locator('[data-testid="duplicate"][data-match="identity"]');
    await duplicate.waitFor();
    expect(await duplicate.getByTestId('duplicate-card').textContent()).toContain('Hoàng Thị Mai');
    await page.getByTestId('open-existing').click();
    await expect.poll(() => page.getByTestId('donor-name').textContent()).toBe('Hoàng Thị Mai');
    expect((await allEvents(server)).filter((e) => e.type === 'donor.registered' && foldForSearch(String(e.payload.fullName)) === 'hoang thi mai')).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('switches to English and back: headings, numbers and messages change; the choice survives a reload', async () => {
    // The festival target is over a thousand, so the thousands separator shows (2.000 · 2,000).
    const { target } = await getState(server);
    expect(target).toBeGreaterThan(1000);
    const vi = formatNumber(target, 'vi');
    const en = formatNumber(target, 'en');
    expect(vi).not.toBe(en);

    const context = await browser.newContext();
    const { page, errors } = await openDesk(context, server, desk1);
    const title = page.getByTestId('desk-title');
    const festival = page.getByTestId('festival-donated');
    const lang = () => page.evaluate(() => document.documentElement.lang);
    expect(await title.textContent()).toContain('Bàn đăng ký');
    await expect.poll(() => festival.locator('.fig__value').textContent()).toContain(`/ ${vi}`);
    expect(await festival.textContent()).toContain('Đã hiến');
    expect(await page.getByTestId('lang-switch').getAttribute('data-lang')).toBe('vi');
    expect(await lang()).toBe('vi');

    await page.getByTestId('lang-en').click();
    await expect.poll(() => title.textContent()).toContain('Registration desk');
    expect(await title.textContent()).not.toContain('Bàn đăng ký');
    expect(await festival.locator('.fig__value').textContent()).toContain(`/ ${en}`);
    expect(await festival.textContent()).not.toContain('Đã hiến');
    expect(await page.getByTestId('desk-search').getAttribute('placeholder')).toContain('Name, phone');
    expect(await page.getByTestId('connection').textContent()).toContain('Live');
    expect(await lang()).toBe('en');

    // Kept on this device: after a reload the desk is still in English.
    await page.reload();
    await page.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: 15_000 });
    await expect.poll(() => title.textContent()).toContain('Registration desk');
    await expect.poll(() => festival.locator('.fig__value').textContent()).toContain(`/ ${en}`);
    expect(await page.getByTestId('lang-switch').getAttribute('data-lang')).toBe('en');
    expect(await page.evaluate(() => localStorage.getItem('ntth.lang'))).toBe('en');

    // A message already on screen follows the switch (the walk-in form's checks; nothing sent).
    await page.getByTestId('open-walk-in').click();
    await page.getByTestId('submit-donor').click();
    await expect.poll(() => page.getByTestId('error-donor-fullName').textContent()).toBe('Enter the full name');

    await page.getByTestId('lang-vi').click();
    await expect.poll(() => page.getByTestId('error-donor-fullName').textContent()).toBe('Nhập họ và tên');
    expect(await title.textContent()).toContain('Bàn đăng ký');
    expect(await festival.locator('.fig__value').textContent()).toContain(`/ ${vi}`);
    expect(await lang()).toBe('vi');
    expect(await page.evaluate(() => localStorage.getItem('ntth.lang'))).toBe('vi');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('records a donation; a second one the same day is refused with the time and desk of the first', async () => {
    const context = await browser.newContext();
    // Hold back the live events the server pushes, on demand: the desk then acts on what it
    // knew, as a desk whose view lags behind another desk's does.
    let hold = false;
    const held: (string | Buffer)[] = [];
    const link: { toPage?: (message: string | Buffer) => void } = {};
    await context.routeWebSocket(/\/socket\.io\//, (ws) => {
      const upstream = ws.connectToServer();
      link.toPage = (message) => ws.send(message);
      upstream.onMessage((message) => {
        if (hold && String(message).startsWith('42')) held.push(message);
        else ws.send(message);
      });
    });
    const { page, errors } = await openDesk(context, server, desk1);
    const before = (await getState(server)).totals.donated;
    // The big screen, in its own browser, follows what the desk records.
    const wallContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const { page: wall } = await openPage(wallContext, `${server.url}/wall?token=${await makeToken(server, 'wall', 'Màn hình chính')}`);

    // Trần Văn Đức: check in, then 350 ml.
    await search(page, 'tran van duc', 'Trần Văn Đức');
    await page.getByTestId('desk-search').press('Enter');
    const panel = page.locator('[data-testid="donor-panel"][data-donor-id="soyte-0001"][data-state="checkedIn"]');
    await panel.waitFor({ timeout: 10_000 });
    await panel.getByTestId('donate-350').click();
    await page.locator('[data-testid="donor-panel"][data-donor-id="soyte-0001"][data-state="donated"]').waitFor({ timeout: 10_000 });
    await expect.poll(async () => (await getState(server)).totals.donated, { timeout: 5000 }).toBe(before + 1);
    const donation = (await allEvents(server)).find((e) => e.type === 'donor.donated' && e.payload.donorId === 'soyte-0001');
    expect(donation?.payload.volumeMl).toBe(350);
    await expect.poll(() => page.getByTestId('mine-donated').locator('.fig__value').textContent()).toBe('1');
    // search → check in → donated, seen on /wall.
    await wall.waitForFunction((expected) => document.querySelector('[data-testid="total-donated"]')?.textContent?.includes(expected), formatNumber(before + 1), { timeout: 5000 });
    await wallContext.close();

    // Phạm Văn Hải is checked in here; then Bàn 2 records his donation while this desk's view lags.
    await search(page, 'pham van hai', 'Phạm Văn Hải');
    await page.getByTestId('desk-search').press('Enter');
    const hai = page.locator('[data-testid="donor-panel"][data-donor-id="tinhdoan-0001"][data-state="checkedIn"]');
    await hai.waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="banner"][data-kind="ok"]').waitFor({ timeout: 10_000 });
    hold = true;
    const first = await post(server, desk2, 'donor.donated', { donorId: 'tinhdoan-0001', volumeMl: 450 });
    expect(first.status).toBe(201);
    const firstAt = (await allEvents(server)).find((e) => e.type === 'donor.donated' && e.payload.donorId === 'tinhdoan-0001') as unknown as { at: string };
    await hai.getByTestId('donate-250').click();
    const refusal = page.locator('[data-testid="banner"][data-kind="error"]');
    await refusal.waitFor({ timeout: 10_000 });
    const text = (await refusal.textContent()) ?? '';
    expect(text).toContain('đã hiến máu hôm nay');
    expect(text).toContain(`lúc ${formatTime(firstAt.at)}`);
    expect(text).toContain('tại Bàn 2');
    // Nothing recorded twice.
    expect((await allEvents(server)).filter((e) => e.type === 'donor.donated' && e.payload.donorId === 'tinhdoan-0001')).toHaveLength(1);

    // The view catches up: the donor shows donated (by Bàn 2), nothing waits, nothing doubled.
    hold = false;
    for (const message of held.splice(0)) link.toPage?.(message);
    await page.locator('[data-testid="donor-panel"][data-donor-id="tinhdoan-0001"][data-state="donated"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid="donor-panel"]').textContent()).toContain('tại Bàn 2');
    expect(await page.getByTestId('outbox-pending').getAttribute('data-count')).toBe('0');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('defers with a reason from the list, undoes it with a reason (the log keeps both), corrects a phone', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openDesk(context, server, desk1);
    await search(page, 'ngo thi hong', 'Ngô Thị Hồng');
    await page.getByTestId('desk-search').press('Enter');
    const panel = page.locator('[data-testid="donor-panel"][data-donor-id="sogddt-0001"]');
    await page.locator('[data-testid="donor-panel"][data-donor-id="sogddt-0001"][data-state="checkedIn"]').waitFor({ timeout: 10_000 });
    // 47 kg: the hints say at most 350 ml (9 ml/kg), and 450 is marked.
    expect(await panel.getByTestId('hints').textContent()).toContain('tối đa 350 ml');
    expect(await panel.getByTestId('donate-450').textContent()).toContain('⚠');

    await panel.getByTestId('defer').click();
    await panel.getByTestId('defer-submit').click();
    expect(await panel.textContent()).toContain('Chọn lý do tạm hoãn');
    await panel.getByText('Huyết sắc tố thấp').click();
    await panel.getByTestId('defer-note').fill('Hb 115 g/L');
    await panel.getByTestId('defer-submit').click();
    await page.locator('[data-testid="donor-panel"][data-donor-id="sogddt-0001"][data-state="deferred"]').waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="banner"][data-kind="ok"]').waitFor({ timeout: 10_000 });
    const deferred = (await allEvents(server)).filter((e) => e.type === 'donor.deferred' && e.payload.donorId === 'sogddt-0001');
    expect(deferred).toHaveLength(1);
    // The code, and the typed note as the reason.
    expect(deferred[0]!.payload).toEqual({ donorId: 'sogddt-0001', reasonCode: 'low_hemoglobin', reason: 'Hb 115 g/L' });
    await expect.poll(() => page.getByTestId('mine-deferred').locator('.fig__value').textContent()).toBe('1');
    // This desk sees why…
    await expect.poll(() => panel.getByTestId('today-line').textContent()).toContain('Lý do: Huyết sắc tố thấp — Hb 115 g/L');

    // …another desk sees only that she was deferred (health data: for the desk that recorded it).
    const otherContext = await browser.newContext();
    const other = await openDesk(otherContext, server, desk2, { width: 1024, height: 768 });
    await search(other.page, 'ngo thi hong', 'Ngô Thị Hồng');
    await other.page.getByTestId('desk-search').press('Enter');
    const otherPanel = other.page.locator('[data-testid="donor-panel"][data-donor-id="sogddt-0001"][data-state="deferred"]');
    await otherPanel.waitFor({ timeout: 10_000 });
    const otherLine = (await otherPanel.getByTestId('today-line').textContent()) ?? '';
    expect(otherLine).toContain('Tạm hoãn lúc');
    expect(otherLine).toContain('tại Bàn 1');
    expect(otherLine).not.toContain('Lý do');
    for (const secret of ['Huyết sắc tố', 'Hb 115', 'low_hemoglobin']) expect(await other.page.content()).not.toContain(secret);
    expect(other.errors).toEqual([]);
    await otherContext.close();

    // Undo the deferral (this desk's own, within 15 minutes), with a reason.
    await panel.getByTestId('undo').click();
    await panel.getByTestId('undo-reason').filter({ hasText: 'Bấm nhầm' }).click();
    await page.locator('[data-testid="donor-panel"][data-donor-id="sogddt-0001"][data-state="checkedIn"]').waitFor({ timeout: 10_000 });
    await expect.poll(async () => (await allEvents(server)).filter((e) => e.type === 'event.voided' && e.payload.eventId === deferred[0]!.id).length, { timeout: 5000 }).toBe(1);
    const voided = (await allEvents(server)).find((e) => e.type === 'event.voided' && e.payload.eventId === deferred[0]!.id)!;
    expect(voided.payload.reason).toBe('Bấm nhầm');
    // The log keeps both.
    expect((await allEvents(server)).filter((e) => e.type === 'donor.deferred' && e.payload.donorId === 'sogddt-0001')).toHaveLength(1);
    await expect.poll(() => page.getByTestId('mine-deferred').locator('.fig__value').textContent()).toBe('0');
    await page.locator('[data-testid="recent-item"][data-type="donor.deferred"][data-fate="undone"]').waitFor({ timeout: 5000 });

    // Correct the phone number: only the change is sent.
    await panel.getByTestId('edit-donor').click();
    await page.getByTestId('edit-form').waitFor();
    await page.getByTestId('field-phone').fill('0933 111 222');
    await page.getByTestId('submit-donor').click();
    await page.locator('[data-testid="donor-panel"][data-donor-id="sogddt-0001"]').waitFor({ timeout: 10_000 });
    await expect
      .poll(async () => (await allEvents(server)).filter((e) => e.type === 'donor.updated' && e.payload.donorId === 'sogddt-0001').map((e) => e.payload), { timeout: 5000 })
      .toEqual([{ donorId: 'sogddt-0001', phone: '0933111222' }]);
    await expect.poll(() => page.getByTestId('donor-panel').textContent()).toContain('0933 111 222');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a scanned CCCD card checks its holder in; a typed CCCD only lists who shares its last 4 digits; an unknown card opens the walk-in form', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openDesk(context, server, desk1, { width: 1024, height: 768 });
    const box = page.getByTestId('desk-search');
    const checkIns = async (donorId: string) => (await allEvents(server)).filter((e) => e.type === 'donor.checked_in' && e.payload.donorId === donorId).length;

    // A typed CCCD: Lý Thị Bích and Mai Văn Cường share its last 4 digits. Both are listed;
    // Enter checks nobody in.
    await box.fill('030194001234');
    await expect.poll(() => page.getByTestId('result').count(), { timeout: 5000 }).toBe(2);
    await page.getByTestId('cccd-candidates').waitFor();
    await box.press('Enter');
    await page.locator('[data-testid="banner"][data-kind="info"]').waitFor({ timeout: 5000 });
    expect(await page.getByTestId('banner').textContent()).toContain('trùng 4 số cuối CCCD');
    await page.waitForTimeout(500);
    expect(await checkIns('congan-0002')).toBe(0);
    expect(await checkIns('hctd-0002')).toBe(0);
    expect(await box.inputValue()).toBe('030194001234');

    // Her card's QR code, typed by the scanner, then Enter: the card names her (last 4 digits and name).
    await box.fill(cardQr('030194001234', 'LÝ THỊ BÍCH', '12041994', 'Nữ'));
    await box.press('Enter');
    await page.locator('[data-testid="donor-panel"][data-donor-id="congan-0002"][data-state="checkedIn"]').waitFor({ timeout: 10_000 });
    await expect.poll(() => checkIns('congan-0002'), { timeout: 5000 }).toBe(1);
    expect(await checkIns('hctd-0002')).toBe(0);
    expect(await box.inputValue()).toBe('');

    // A card nobody registered: the walk-in form, filled from the card (the CCCD typed there once).
    await box.fill(cardQr('030199000777', 'Đoàn Thị Thảo', '05061999', 'Nữ'));
    await box.press('Enter');
    await page.getByTestId('walk-in-form').waitFor({ timeout: 5000 });
    expect(await page.getByTestId('field-fullName').inputValue()).toBe('Đoàn Thị Thảo');
    expect(await page.getByTestId('field-birthYear').inputValue()).toBe('1999');
    expect(await page.getByTestId('gender-female').isChecked()).toBe(true);
    expect(await page.getByTestId('field-nationalId').inputValue()).toBe('030199000777');
    await page.getByTestId('agency-input').fill('tu do');
    await page.locator('[data-testid="agency-option"][data-agency-id="walk-in"]').click();
    await page.getByTestId('field-phone').fill('0977000777');
    await page.getByTestId('field-weightKg').fill('49');
    await page.getByTestId('walkin-consent').check();
    await page.getByTestId('submit-donor').click();
    await page.locator('[data-testid="donor-panel"][data-state="checkedIn"]').waitFor({ timeout: 10_000 });
    const thao = (await allEvents(server)).filter((e) => e.type === 'donor.registered' && e.payload.fullName === 'Đoàn Thị Thảo');
    expect(thao).toHaveLength(1);
    expect(thao[0]!.payload).toMatchObject({ nationalIdLast4: '0777', consent: { dataProcessing: true, announceName: false } });
    expect(thao[0]!.payload).not.toHaveProperty('nationalId');

    // A card whose holder is registered under another name (Quách Nam, the card says Quách Văn
    // Nam): the desk cannot tell, the server can (the same card): its answer opens her record.
    await box.fill(cardQr('030185005678', 'Quách Văn Nam', '20021985', 'Nam'));
    await box.press('Enter');
    await page.getByTestId('walk-in-form').waitFor({ timeout: 5000 });
    await page.getByTestId('agency-input').fill('so y te');
    await page.locator('[data-testid="agency-option"][data-agency-id="soyte"]').click();
    await page.getByTestId('field-phone').fill('0977000778');
    await page.getByTestId('field-weightKg').fill('64');
    await page.getByTestId('walkin-consent').check();
    await page.getByTestId('submit-donor').click();
    const duplicate = page.locator('[data-testid="duplicate"][data-match="nationalId"]');
    await duplicate.waitFor({ timeout: 10_000 });
    expect(await duplicate.getByTestId('duplicate-card').textContent()).toContain('Quách Nam');
    await page.getByTestId('open-existing').click();
    await page.locator('[data-testid="donor-panel"][data-donor-id="soyte-0003"]').waitFor({ timeout: 5000 });
    expect((await allEvents(server)).filter((e) => e.type === 'donor.registered' && String(e.payload.fullName).startsWith('Quách'))).toHaveLength(1);
    // Refused and shown at once: nothing left in the refusals list, no CCCD kept.
    expect(await page.getByTestId('outbox-rejected').count()).toBe(0);
    await expectNoFullCccd(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a person whose personal data is erased: no name, nothing to act on, found by nobody', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openDesk(context, server, desk1, { width: 1024, height: 768 });
    await search(page, 'to thi lien', 'Tô Thị Liên');
    await page.getByTestId('desk-search').press('Enter');
    const panel = page.locator('[data-testid="donor-panel"][data-donor-id="ldld-0004"]');
    await page.locator('[data-testid="donor-panel"][data-donor-id="ldld-0004"][data-state="checkedIn"]').waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="banner"][data-kind="ok"]').waitFor({ timeout: 10_000 });

    // The standing office erases her data on request (every count stays).
    const erased = await api(server.url, 'POST', '/api/donors/ldld-0004/erase', { token: server.adminToken, body: { reason: 'Yêu cầu số 7/2024' } });
    expect(erased.status).toBe(201);
    await page.locator('[data-testid="donor-panel"][data-donor-id="ldld-0004"][data-erased="true"]').waitFor({ timeout: 10_000 });
    expect(await panel.getByTestId('donor-name').textContent()).toContain('Dữ liệu cá nhân đã được xoá');
    for (const action of ['check-in', 'donate-350', 'defer', 'edit-donor', 'donor-announce-name', 'undo']) expect(await panel.getByTestId(action).count()).toBe(0);
    expect(await page.content()).not.toContain('Tô Thị Liên');
    // The journal forgot her name too, on the device.
    await expect.poll(() => page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain('Tô Thị Liên');
    // Nobody finds her.
    await page.getByTestId('desk-search').fill('to thi lien');
    await page.getByTestId('no-results').waitFor({ timeout: 5000 });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('imports an agency list (CSV, then XLSX): a row report, then the valid rows; the same file again registers nobody twice', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openDesk(context, server, desk1);
    const before = (await getState(server)).totals.registered;
    const csv = [
      'DANH SÁCH ĐĂNG KÝ HIẾN MÁU - SỞ GIÁO DỤC VÀ ĐÀO TẠO',
      'STT;Họ và tên;Năm sinh;Giới tính;Số điện thoại;CCCD;Nhóm máu',
      '1;Đinh Văn Toàn;1987;Nam;0913000001;030187000001;O+',
      '2;TẠ THỊ THU;1991;Nữ;913000002;;A?',
      '3;;1990;Nữ;0913000003;;',
      '4;Mạc Thị Yến;1994;nữ;0913000004;030194000004;B',
    ].join('\r\n');
    const file = { name: 'sogddt.csv', mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${csv}`, 'utf8') };

    await page.getByTestId('open-import').click();
    await page.getByTestId('import-panel').waitFor({ timeout: 10_000 });
    await page.getByTestId('import-agency').selectOption('sogddt');
    await page.getByTestId('import-file').setInputFiles(file);
    const count = (status: string) => page.getByTestId(`import-count-${status}`).getAttribute('data-count', { timeout: 2000 });
    await expect.poll(() => count('ok'), { timeout: 10_000 }).toBe('2');
    expect(await count('warning')).toBe('1');
    expect(await count('error')).toBe('1');
    expect(await count('exists')).toBe('0');
    // The rows with problems, and why.
    expect(await page.locator('[data-testid="import-row"][data-row="5"]').textContent()).toContain('Thiếu họ và tên');
    expect(await page.locator('[data-testid="import-row"][data-row="4"]').textContent()).toContain('Nhóm máu "A?" không rõ');
    // What the desk sends, as its outbox would send it again after a lost answer.
    const sent: { id: string; type: string; payload: Record<string, unknown> }[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/events/batch') sent.push(...(request.postDataJSON() as { events: typeof sent }).events);
    });
    await page.getByTestId('import-send').click();
    await page.locator('[data-testid="import-progress"][data-done="true"]').waitFor({ timeout: 10_000 });
    await expect.poll(async () => (await getState(server)).totals.registered, { timeout: 10_000 }).toBe(before + 3);
    const imported = (await allEvents(server)).filter((e) => e.type === 'donor.registered' && e.payload.agencyId === 'sogddt' && e.id.startsWith('imp-'));
    expect(imported.map((e) => e.payload.fullName).sort()).toEqual(['Mạc Thị Yến', 'Tạ Thị Thu', 'Đinh Văn Toàn']);
    expect(imported.find((e) => e.payload.fullName === 'Tạ Thị Thu')!.payload).toMatchObject({ phone: '0913000002', birthYear: 1991, gender: 'female' });
    // (issue 18) "B" without its Rh is kept as the ABO group, the Rh unknown.
    const yen = imported.find((e) => e.payload.fullName === 'Mạc Thị Yến')!.payload;
    expect([yen.bloodGroup, yen.bloodType]).toEqual(['B', undefined]);
    // The list's source, recorded once before its rows: agency, file, people in it (who and when: the event's actor and time).
    const lists = (await allEvents(server)).filter((e) => e.type === 'list.imported');
    expect(lists).toHaveLength(1);
    expect(lists[0]!.payload).toMatchObject({ agencyId: 'sogddt', fileName: 'sogddt.csv', rows: 4 });
    expect(lists[0]!.actor?.label).toBe('Bàn 1');
    const allSeq = new Map((await allEvents(server)).map((e) => [e.id, (e as unknown as { seq: number }).seq]));
    const seqOf = (id: string) => allSeq.get(id) ?? 0;
    for (const row of imported) {
      // Random ids: nothing in them comes from the person; every row names its list.
      expect(row.payload).toMatchObject({ importId: lists[0]!.payload.importId });
      expect(String(row.payload.donorId)).toMatch(/^d_[A-Za-z0-9_-]{12}$/);
      expect(row.id).toMatch(/^imp-[A-Za-z0-9_-]{16}$/);
      expect(row.payload).not.toHaveProperty('nationalId');
      expect(seqOf(row.id)).toBeGreaterThan(seqOf(lists[0]!.id));
    }
    expect(imported.find((e) => e.payload.fullName === 'Đinh Văn Toàn')!.payload).toMatchObject({ nationalIdLast4: '0001' });
    // The preview shows a CCCD's last 4 digits only.
    await page.getByRole('tab', { name: /Tất cả/ }).click();
    await expect.poll(() => page.getByTestId('import-panel').textContent()).toContain('•••• 0001');
    await expectNoFullCccd(page);
    await expect.poll(() => page.getByTestId('import-progress').textContent(), { timeout: 10_000 }).toContain('Máy chủ đã ghi 3 / 3');

    // The same file again: everyone is already there, nothing to send.
    await page.getByTestId('import-file').setInputFiles([]);
    await page.getByTestId('import-file').setInputFiles(file);
    await expect.poll(() => count('exists'), { timeout: 10_000 }).toBe('3');
    expect(await count('ok')).toBe('0');
    expect(await page.getByTestId('import-send').isDisabled()).toBe(true);
    // Even sent again exactly as sent (as an outbox would after a lost answer), the same ids are duplicates.
    expect(
      sent
        .filter((e) => e.type === 'donor.registered')
        .map((e) => e.id)
        .sort(),
    ).toEqual(imported.map((e) => e.id).sort());
    const again = await api(server.url, 'POST', '/api/events/batch', { token: desk1, body: { events: sent } });
    expect(again.body.results.every((r: { duplicate?: boolean }) => r.duplicate === true)).toBe(true);
    expect((await getState(server)).totals.registered).toBe(before + 3);
    expect((await allEvents(server)).filter((e) => e.type === 'list.imported')).toHaveLength(1);

    // A person the desk cannot recognise (the list gives another name than the one registered,
    // and the same CCCD): the server does, and the row shows as already registered, not as an error.
    const known = await post(server, desk2, 'donor.registered', { donorId: 'sogddt-0009', fullName: 'Hà Văn Long', agencyId: 'sogddt', birthYear: 1970, nationalId: '030170001111' });
    expect(known.status).toBe(201);
    const second = ['Họ và tên;Năm sinh;CCCD;Số điện thoại', 'Hà Long;1970;030170001111;0913000011', 'Cao Thị Lụa;1992;;0913000012'].join('\r\n');
    await page.getByTestId('import-file').setInputFiles([]);
    await page.getByTestId('import-file').setInputFiles({ name: 'bo-sung.csv', mimeType: 'text/csv', buffer: Buffer.from(second, 'utf8') });
    await expect.poll(() => count('ok'), { timeout: 10_000 }).toBe('2');
    await page.getByTestId('import-send').click();
    await expect.poll(() => page.getByTestId('import-found-before').getAttribute('data-count'), { timeout: 15_000 }).toBe('1');
    await expect.poll(() => count('exists')).toBe('1');
    expect(await page.locator('[data-testid="import-row"][data-row="2"]').getAttribute('data-status')).toBe('exists');
    expect(await page.locator('[data-testid="import-row"][data-row="2"]').textContent()).toContain('sogddt-0009');
    await expect.poll(() => page.getByTestId('import-progress').textContent(), { timeout: 10_000 }).toContain('Máy chủ đã ghi 1 / 1');
    expect(await page.getByTestId('outbox-rejected').count()).toBe(0);
    expect(await page.locator('[data-testid="banner"][data-kind="error"]').count()).toBe(0);
    expect((await allEvents(server)).filter((e) => e.type === 'donor.registered' && String(e.payload.fullName).includes('Long'))).toHaveLength(1);
    expect((await allEvents(server)).filter((e) => e.type === 'list.imported').map((e) => e.payload)).toEqual([
      expect.objectContaining({ fileName: 'sogddt.csv', rows: 4 }),
      expect.objectContaining({ fileName: 'bo-sung.csv', rows: 2, agencyId: 'sogddt' }),
    ]);

    // An XLSX list for another agency goes the same way (the XLSX reader loads on demand).
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('DS');
    sheet.addRow(['Họ tên', 'Ngày sinh', 'Giới tính', 'SĐT']);
    sheet.addRow(['Lưu Văn Bình', new Date(Date.UTC(1980, 0, 2)), 'Nam', 914000001]);
    const xlsx = { name: 'ptth.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await workbook.xlsx.writeBuffer()) };
    await page.getByTestId('import-agency').selectOption('ptth');
    await page.getByTestId('import-file').setInputFiles(xlsx);
    await expect.poll(() => count('ok'), { timeout: 10_000 }).toBe('1');
    await page.getByTestId('import-send').click();
    await expect
      .poll(async () => (await allEvents(server)).filter((e) => e.type === 'donor.registered' && e.payload.fullName === 'Lưu Văn Bình').map((e) => e.payload), { timeout: 10_000 })
      .toEqual([expect.objectContaining({ agencyId: 'ptth', birthYear: 1980, gender: 'male', phone: '0914000001' })]);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('offline: check-ins wait in the outbox across a reload and a server restart, then arrive exactly once', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openDesk(context, server, desk1);
    // The page is cached for offline use, and so is a copy of the donors.
    await page.waitForFunction(() => document.documentElement.dataset.offlinePage === 'ready', null, { timeout: 15_000 });
    await page.waitForFunction(() => Number(document.documentElement.dataset.offlineCopySeq ?? 0) > 0, null, { timeout: 15_000 });
    const before = (await getState(server)).totals.checkedIn;
    const dataDir = server.dataDir;
    const adminToken = server.adminToken;

    await server.close();
    await page.locator('[data-testid="connection"]:not([data-state="live"])').waitFor({ timeout: 15_000 });

    // Three check-ins while the server is gone.
    await search(page, 'bui thi ngoc', 'Bùi Thị Ngọc');
    await page.getByTestId('desk-search').press('Enter');
    await search(page, 'do minh khoa', 'Đỗ Minh Khoa');
    await page.getByTestId('desk-search').press('Enter');
    await search(page, 'dang van toan', 'Đặng Văn Toàn');
    await page.getByTestId('desk-search').press('Enter');
    const pending = page.getByTestId('outbox-pending');
    await expect.poll(() => pending.getAttribute('data-count'), { timeout: 10_000 }).toBe('3');
    expect(await pending.textContent()).toContain('3 đang chờ gửi');
    // Shown at once as checked in, waiting to be sent.
    const toan = page.locator('[data-testid="donor-panel"][data-donor-id="hctd-0001"][data-state="checkedIn"]');
    await toan.waitFor();
    expect(await toan.getByTestId('state').getAttribute('data-waiting')).toBe('true');
    await page.locator('[data-testid="banner"][data-kind="queued"]').waitFor({ timeout: 10_000 });

    // A reload while the server is still down: the page comes from the service worker, the
    // count from IndexedDB, the donors from the offline copy.
    await page.reload();
    await expect.poll(() => page.getByTestId('outbox-pending').getAttribute('data-count'), { timeout: 15_000 }).toBe('3');
    await page.getByTestId('offline-copy').waitFor({ timeout: 10_000 });
    await search(page, 'bui thi ngoc', 'Bùi Thị Ngọc');
    const ngoc = page.getByTestId('result').first().getByTestId('state');
    expect(await ngoc.getAttribute('data-state')).toBe('checkedIn');
    expect(await ngoc.getAttribute('data-waiting')).toBe('true');
    expect(errors).toEqual([]);

    // The server comes back on the same data and the same port: the outbox empties.
    server = await startTestServer({ dataDir, port, adminToken, clientDir });
    await page.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('outbox-pending').getAttribute('data-count'), { timeout: 40_000 }).toBe('0');
    const events = await allEvents(server);
    const ids = events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const donorId of ['tinhdoan-0002', 'tinhdoan-0003', 'hctd-0001']) {
      expect(events.filter((e) => e.type === 'donor.checked_in' && e.payload.donorId === donorId)).toHaveLength(1);
    }
    await expect.poll(async () => (await getState(server)).totals.checkedIn, { timeout: 5000 }).toBe(before + 3);
    await page.locator('[data-testid="result"] [data-testid="state"][data-state="checkedIn"][data-waiting="false"]').first().waitFor({ timeout: 10_000 });

    // A refusal: an event queued offline that another desk made moot before it arrived is
    // shown with the server's reason until dismissed.
    await context.setOffline(true);
    await search(page, 'vu quang huy', 'Vũ Quang Huy');
    await page.getByTestId('desk-search').press('Enter');
    await expect.poll(() => page.getByTestId('outbox-pending').getAttribute('data-count'), { timeout: 10_000 }).toBe('1');
    // Saved on the device and reported as waiting (a refusal within the first seconds would be
    // shown in the banner instead).
    await page.locator('[data-testid="banner"][data-kind="queued"]').waitFor({ timeout: 10_000 });
    const other = await post(server, desk2, 'donor.checked_in', { donorId: 'congan-0001' });
    expect(other.status).toBe(201);
    // A walk-in registered offline with a CCCD the server already knows (Mai Văn Cường, who
    // gives a shorter name): its refusal is kept with the CCCD's last 4 digits only.
    await page.getByTestId('desk-search').press('F4');
    await page.getByTestId('field-fullName').fill('Mai Cường');
    await page.getByTestId('agency-input').fill('tu do');
    await page.locator('[data-testid="agency-option"][data-agency-id="walk-in"]').click();
    await page.getByTestId('field-birthYear').fill('1988');
    await page.getByTestId('gender-male').check({ force: true });
    await page.getByTestId('field-phone').fill('0912999000');
    await page.getByTestId('field-weightKg').fill('66');
    await page.getByTestId('field-nationalId').fill('001088001234');
    await page.getByTestId('check-in-now').uncheck();
    await page.getByTestId('walkin-consent').check();
    await page.getByTestId('submit-donor').click();
    await expect.poll(() => page.getByTestId('outbox-pending').getAttribute('data-count'), { timeout: 10_000 }).toBe('2');
    await page.locator('[data-testid="banner"][data-kind="queued"]', { hasText: 'Mai Cường' }).waitFor({ timeout: 10_000 });
    await context.setOffline(false);
    const refused = page.locator('[data-testid="rejected-item"][data-code="already_checked_in"]');
    await refused.waitFor({ timeout: 40_000 });
    expect(await refused.textContent()).toContain('Đã xác nhận có mặt hôm nay');
    expect(await refused.textContent()).toContain('Vũ Quang Huy');
    await expect.poll(() => page.getByTestId('outbox-pending').getAttribute('data-count')).toBe('0');
    expect((await allEvents(server)).filter((e) => e.type === 'donor.checked_in' && e.payload.donorId === 'congan-0001')).toHaveLength(1);
    const duplicate = page.locator('[data-testid="rejected-item"][data-code="duplicate_donor"]');
    await duplicate.waitFor({ timeout: 20_000 });
    expect(await duplicate.textContent()).toContain('Mai Cường');
    expect(await page.getByTestId('rejected-item').count()).toBe(2);
    expect((await allEvents(server)).filter((e) => e.type === 'donor.registered' && String(e.payload.fullName).startsWith('Mai'))).toHaveLength(1);
    await expectNoFullCccd(page);
    // "Xem người này" opens the record the server named.
    await duplicate.getByRole('button', { name: /Xem người này/ }).click();
    await page.locator('[data-testid="donor-panel"][data-donor-id="hctd-0002"]').waitFor({ timeout: 5000 });
    await refused.getByTestId('dismiss-rejected').click();
    await duplicate.getByTestId('dismiss-rejected').click();
    await page.getByTestId('outbox-rejected').waitFor({ state: 'detached' });
    // Dismissed for good: not back after a reload.
    await page.reload();
    await page.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: 15_000 });
    await page.waitForTimeout(500);
    expect(await page.getByTestId('outbox-rejected').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 150_000);

  it('a loaded desk (5.000 donors): from Enter to acknowledged', async () => {
    const family = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô'];
    const middle = ['Thị', 'Văn', 'Minh', 'Thu', 'Đức', 'Quang', 'Ngọc'];
    const given = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hạnh', 'Khánh', 'Linh', 'Mạnh', 'Nga', 'Oanh', 'Phúc', 'Quỳnh', 'Sơn', 'Tâm', 'Uyên', 'Vân', 'Xuân', 'Yến'];
    const agencies = ['ldld', 'bqlkcn', 'tinhdoan', 'soyte', 'sogddt'];
    const many: Registration[] = Array.from({ length: 5000 }, (_, i) => ({
      donorId: `load-${i}`,
      fullName: `${family[i % 10]} ${middle[(i >> 3) % 7]} ${given[(i * 7) % 19]} ${i}`,
      agencyId: agencies[i % 5]!,
      phone: `08${String(i).padStart(8, '0')}`,
      birthYear: 1970 + (i % 35),
    }));
    many[4321] = { donorId: 'load-target', fullName: 'Lương Thị Thanh Xuân', agencyId: 'bqlkcn', phone: '0866123456', birthYear: 1991 };
    await registerAll(server, desk2, many, 'load');

    const context = await browser.newContext();
    const { page, errors } = await openDesk(context, server, desk1);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="recent"]').length === 1);
    const box = page.getByTestId('desk-search');
    const typedAt = Date.now();
    await box.pressSequentially('luong thi thanh xuan', { delay: 20 });
    await expect.poll(() => page.getByTestId('result').first().getAttribute('data-donor-id'), { timeout: 5000 }).toBe('load-target');
    const shownMs = Date.now() - typedAt;
    const enterAt = Date.now();
    await box.press('Enter');
    await page.locator('[data-testid="banner"][data-kind="ok"]').waitFor({ timeout: 10_000 });
    const ackMs = Date.now() - enterAt;
    console.log(`desk with 5.000 donors: typed 20 keys and saw the donor in ${shownMs} ms; Enter → acknowledged in ${ackMs} ms`);
    // Generous for a shared 2-core machine (typically ~100 ms).
    expect(ackMs).toBeLessThan(3000);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
