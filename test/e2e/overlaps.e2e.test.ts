/**
 * A person on two agencies' lists, in real browsers (issue 15): the union federation's list
 * names a nurse the Department of Health's list registered first. The desk's import recognises
 * her and records her as also on the union's list instead of registering her twice; the desk
 * shows both lists and credits the union in one tap; the admin's list of overlaps shows her as
 * settled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasChromium, launchChromium, openPage } from '../helpers/browser.ts';
import { api, festivalClock, getState, makeToken, post, startTestServer, type TestServer } from '../helpers/server.ts';

describe.skipIf(!hasChromium)('overlapping lists in Chromium', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer({ now: festivalClock('2024-07-18T15:00:00+07:00') });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('imported twice, registered once; the desk credits the other agency; the admin sees it settled', async () => {
    const desk = await makeToken(server, 'desk', 'Bàn 2');
    expect((await post(server, desk, 'list.imported', { importId: 'list-yte', agencyId: 'soyte', fileName: 'so-y-te.xlsx', rows: 1 })).status).toBe(201);
    expect((await post(server, desk, 'donor.registered', { donorId: 'hoa-1', fullName: 'Trần Thị Hoa', agencyId: 'soyte', birthYear: 1988, phone: '0912000111', importId: 'list-yte' })).status).toBe(
      201,
    );
    const registeredBefore = (await getState(server)).totals.registered;

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, errors } = await openPage(context, `${server.url}/desk?token=${desk}`);
    const csv = ['DANH SÁCH ĐOÀN VIÊN ĐĂNG KÝ HIẾN MÁU', 'STT;Họ và tên;Năm sinh;Giới tính;Số điện thoại;Nhóm máu', '1;TRẦN THỊ HOA;1988;Nữ;0912000111;A+', '2;Vũ Văn Mới;1996;Nam;0913000222;O+'].join(
      '\r\n',
    );
    await page.getByTestId('open-import').click();
    await page.getByTestId('import-panel').waitFor({ timeout: 10_000 });
    await page.getByTestId('import-agency').selectOption('ldld');
    await page.getByTestId('import-file').setInputFiles({ name: 'ldld.csv', mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${csv}`, 'utf8') });
    await expect.poll(() => page.getByTestId('import-count-listed').getAttribute('data-count'), { timeout: 10_000 }).toBe('1');
    expect(await page.getByTestId('import-count-ok').getAttribute('data-count')).toBe('1');
    expect(await page.locator('[data-testid="import-row"][data-status="listed"]').textContent()).toContain('Đã đăng ký với Sở Y tế');
    await page.getByTestId('import-send').click();
    await page.locator('[data-testid="import-progress"][data-done="true"]').waitFor({ timeout: 10_000 });
    // One new person registered; the nurse is recorded as on the union's list too, not registered again.
    await expect.poll(async () => (await getState(server)).totals.registered, { timeout: 10_000 }).toBe(registeredBefore + 1);
    const events = (await api(server.url, 'GET', '/api/events?after=0&limit=1000', { token: server.adminToken })).body.events;
    expect(events.filter((e: { type: string }) => e.type === 'donor.listed').map((e: { payload: unknown }) => e.payload)).toEqual([
      { donorId: 'hoa-1', agencyId: 'ldld', importId: expect.any(String) },
    ]);
    await page.getByRole('button', { name: /Đóng/ }).first().click();

    // At the desk: both lists, and the union credited in one tap.
    await page.getByTestId('desk-search').fill('tran thi hoa');
    await page.getByTestId('result').first().click();
    const also = page.getByTestId('also-listed');
    await also.waitFor({ timeout: 10_000 });
    expect(await also.textContent()).toContain('Liên đoàn Lao động tỉnh');
    await also.getByTestId('credit-ldld').click();
    await expect.poll(async () => (await getState(server)).agencies.find((a: { id: string }) => a.id === 'ldld').registered, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    await expect.poll(() => also.textContent(), { timeout: 10_000 }).toContain('Sở Y tế');

    // The admin's list of overlaps: settled.
    const adminContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page: admin } = await openPage(adminContext, `${server.url}/admin?token=${server.adminToken}#/reports`, { errors });
    await admin.locator('[data-testid="overlap-hoa-1"][data-settled="true"]').waitFor({ timeout: 10_000 });
    expect(await admin.getByTestId('overlap-hoa-1').textContent()).toContain('Trần Thị Hoa');
    expect(errors).toEqual([]);
    await context.close();
    await adminContext.close();
  }, 90_000);
});
