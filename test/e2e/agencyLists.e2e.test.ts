/**
 * The agencies' lists at the standing office (issue 18), in Chromium against the real server: a
 * desk imports the health department's list; admin (Setup → Đơn vị & chỉ tiêu) sees it arrived,
 * with its rows and the people it registered against the quota, returns it with a note, then
 * accepts it; the agencies without a list are listed first. Then the results workbook of that
 * agency is downloaded from Reports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasChromium, launchChromium, openPage } from '../helpers/browser.ts';
import { makeToken, post, startTestServer, type TestServer } from '../helpers/server.ts';

describe.skipIf(!hasChromium)("the agencies' lists at the standing office", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('arrived, returned with a note, accepted; the results file of the agency', async () => {
    const desk = await makeToken(server, 'desk', 'Bàn 1');
    expect((await post(server, desk, 'list.imported', { importId: 'imp-soyte', agencyId: 'soyte', fileName: 'so-y-te.xlsx', rows: 3 })).status).toBe(201);
    for (const n of [1, 2]) expect((await post(server, desk, 'donor.registered', { donorId: `sy-${n}`, fullName: `Cán bộ Y tế ${n}`, agencyId: 'soyte', importId: 'imp-soyte' })).status).toBe(201);

    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    const errors: string[] = [];
    const { page } = await openPage(context, `${server.url}/admin?token=${server.adminToken}#setup/agencies`, { errors });
    const row = page.getByTestId('agency-list-soyte');
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 5000 }).toBe('waiting');
    expect(await row.innerText()).toContain('3 dòng, 2 người được đăng ký');
    expect(await row.innerText()).toContain('2 / 150');
    // Agencies with no list yet come first: the ones to chase.
    expect(await page.getByTestId('agency-lists').locator('tbody tr').first().getAttribute('data-status')).toBe('none');

    await page.getByTestId('list-return-imp-soyte').click();
    await page.getByTestId('list-note-imp-soyte').fill('Thiếu 1 người: dòng 3 không có họ tên');
    await page.getByTestId('list-return-confirm-imp-soyte').click();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 5000 }).toBe('returned');
    expect(await row.innerText()).toContain('Thiếu 1 người: dòng 3 không có họ tên');
    await page.getByTestId('list-accept-imp-soyte').click();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 5000 }).toBe('accepted');
    expect(server.service.state.imports.get('imp-soyte')?.review?.decision).toBe('accepted');

    // Reports → results back to the agency: its workbook.
    await page.goto(`${server.url}/admin#reports`);
    await page.getByTestId('agency-results-agency').selectOption('soyte');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('agency-results-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/^ket-qua-soyte-\d{8}-\d{4}\.xlsx$/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
