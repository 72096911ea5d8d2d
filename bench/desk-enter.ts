/**
 * A weak desk (issue 20): an old tablet (1024×768, Chromium's CPU slowed 4× with DevTools
 * Emulation.setCPUThrottlingRate) holding 5.000 registered donors. For each of N donors the
 * bench types the donor's id into the search box (as a scanner does) and presses Enter:
 *
 * - Enter → shown: from the keydown to the frame that shows the donor checked in (the panel's
 *   data-state) painted (requestAnimationFrame, then a task after that frame);
 * - Enter → acknowledged: until the desk's list marks the check-in recorded (data-fate), i.e.
 *   the outbox sent it, the server committed it and the desk's state holds it.
 *
 * The yardstick, on the same throttled CPU and server: a minimal page whose Enter writes one
 * line into the page and POSTs the same check-in with fetch (shown: that line painted;
 * acknowledged: the 201). Not part of `npm test`:
 *
 *   node --import tsx bench/desk-enter.ts [donors=5000] [checkIns=40]
 *   BENCH_PROFILE=desk.cpuprofile / BENCH_TRACE=desk-trace.json …   # the check-ins profiled / traced (bench/devtools.ts)
 *
 * Prints a line and `BENCH_JSON {…}` for bench/run.ts.
 */
import path from 'node:path';
import { startRecording } from './devtools.ts';
import { startBenchServer } from './inProcessServer.ts';
import { stats } from './stats.ts';
import { launchChromium, openPage } from '../test/helpers/browser.ts';
import { donorEvents, sendBatch } from '../test/helpers/donors.ts';
import { makeToken } from '../test/helpers/server.ts';

const DONORS = Number(process.argv[2] ?? 5000);
const CHECK_INS = Number(process.argv[3] ?? 40);
const THROTTLE = 4;

interface Timing {
  shown: number;
  acked: number;
}

/**
 * Runs in the desk page before its scripts: times each Enter in the search box to its check-in
 * shown, then recorded. A string, not a function: tsx would wrap its inner functions in a helper
 * the page does not have.
 */
const ENTER_TIMING = `
window.__enter = null;
window.__timings = [];
const recorded = () => document.querySelectorAll('[data-testid="recent-item"][data-type="donor.checked_in"][data-fate="recorded"]').length;
const afterPaint = (done) => requestAnimationFrame(() => setTimeout(() => done(performance.now()), 0));
document.addEventListener('keydown', (event) => {
  const input = event.target;
  if (event.key !== 'Enter' || !input || !input.dataset || input.dataset.testid !== 'desk-search') return;
  window.__enter = { donorId: input.value.trim(), t0: performance.now(), recordedBefore: recorded() };
}, true);
new MutationObserver(() => {
  const enter = window.__enter;
  if (!enter) return;
  if (enter.shown === undefined && document.querySelector('[data-testid="donor-panel"][data-donor-id="' + enter.donorId + '"][data-state="checkedIn"]')) {
    enter.shown = -1;
    afterPaint((at) => (enter.shown = at));
  }
  if (enter.acked === undefined && recorded() > enter.recordedBefore) {
    enter.acked = -1;
    afterPaint((at) => (enter.acked = at));
  }
}).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state', 'data-fate'] });
setInterval(() => {
  const enter = window.__enter;
  if (enter && enter.shown > 0 && enter.acked > 0) {
    window.__timings.push({ shown: enter.shown - enter.t0, acked: enter.acked - enter.t0 });
    window.__enter = null;
  }
}, 20);
`;

/** The yardstick page: Enter writes a line and POSTs the check-in; its line painted, its 201. */
function minimalPage(url: string, token: string): string {
  return `<!doctype html><html><body style="font:18px sans-serif"><input id="q" autofocus><ol id="list"></ol><script>
window.__timings = [];
document.getElementById('q').addEventListener('keydown', async (event) => {
  if (event.key !== 'Enter') return;
  const t0 = performance.now();
  const donorId = event.target.value.trim();
  const li = document.createElement('li'); li.textContent = donorId + ' — đã có mặt'; document.getElementById('list').prepend(li);
  let shown = 0;
  requestAnimationFrame(() => setTimeout(() => (shown = performance.now() - t0), 0));
  const res = await fetch(${JSON.stringify(url)} + '/api/events', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ${token}' }, body: JSON.stringify({ id: 'min-' + donorId + '-' + Math.random().toString(36).slice(2), type: 'donor.checked_in', payload: { donorId } }) });
  if (res.status !== 201) throw new Error('check-in answered ' + res.status);
  const acked = performance.now() - t0;
  const wait = () => (shown ? window.__timings.push({ shown, acked }) : setTimeout(wait, 5));
  wait();
});
</script></body></html>`;
}

const repo = path.resolve(import.meta.dirname, '..');
const { server, close: closeServer } = await startBenchServer(path.join(repo, 'dist/client'));
const browser = await launchChromium();
try {
  const agencies = ['ldld', 'bqlkcn', 'tinhdoan', 'soyte', 'sogddt', 'walk-in'];
  const donors = Array.from({ length: DONORS }, (_, i) => ({
    donorId: `dk-${String(i).padStart(5, '0')}`,
    fullName: `Nguyễn Văn Bàn ${i}`,
    agencyId: agencies[i % agencies.length]!,
    details: { birthYear: 1970 + (i % 35) },
    outcome: 'registered' as const,
  }));
  await sendBatch(server.url, server.adminToken, donorEvents(donors, 'desk-bench'));
  const desk = await makeToken(server, 'desk', 'Bàn đo');
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  await context.addInitScript(ENTER_TIMING);
  const { page, errors } = await openPage(context, `${server.url}/desk?token=${desk}`, { viewport: { width: 1024, height: 768 } });
  const cdp = await context.newCDPSession(page);
  await page.waitForTimeout(2000);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });

  const stopRecording = await startRecording(cdp);
  const box = page.getByTestId('desk-search');
  for (let i = 0; i < CHECK_INS; i++) {
    const donorId = donors[i * 7]!.donorId;
    await box.fill(donorId);
    await page.locator(`[data-testid="result"][data-donor-id="${donorId}"]`).first().waitFor({ timeout: 20_000 });
    await box.press('Enter');
    await page.waitForFunction((n) => (window as unknown as { __timings: unknown[] }).__timings.length >= n, i + 1, { timeout: 30_000 });
    await page.waitForTimeout(300);
  }
  await stopRecording();
  const desks = await page.evaluate(() => (window as unknown as { __timings: Timing[] }).__timings.slice());
  if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);

  const minimalToken = await makeToken(server, 'desk', 'Trang tối thiểu');
  const minimal = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  // Served at the server's origin (its POSTs are same-origin), by the browser itself: no CSP of the product's.
  await minimal.route(`${server.url}/bench-minimal`, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: minimalPage(server.url, minimalToken) }));
  await minimal.goto(`${server.url}/bench-minimal`);
  const minimalCdp = await minimal.context().newCDPSession(minimal);
  await minimalCdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  for (let i = 0; i < CHECK_INS; i++) {
    await minimal.locator('#q').fill(donors[i * 7 + 1]!.donorId);
    await minimal.locator('#q').press('Enter');
    await minimal.waitForFunction((n) => (window as unknown as { __timings: unknown[] }).__timings.length >= n, i + 1, { timeout: 30_000 });
    await minimal.waitForTimeout(300);
  }
  const bare = await minimal.evaluate(() => (window as unknown as { __timings: Timing[] }).__timings.slice());

  const shown = stats(desks.map((t) => t.shown));
  const acked = stats(desks.map((t) => t.acked));
  const result = {
    donors: DONORS,
    checkIns: desks.length,
    shownP50: shown.p50,
    shownP95: shown.p95,
    ackedP50: acked.p50,
    ackedP95: acked.p95,
    minimalShownP95: stats(bare.map((t) => t.shown)).p95,
    minimalAckedP95: stats(bare.map((t) => t.acked)).p95,
  };
  console.log(
    `desk with ${DONORS} donors, CPU slowed ${THROTTLE}×, ${desks.length} check-ins: Enter → shown p50 ${result.shownP50.toFixed(1)} / p95 ${result.shownP95.toFixed(1)} ms; → acknowledged p50 ${result.ackedP50.toFixed(1)} / p95 ${result.ackedP95.toFixed(1)} ms; minimal page: shown p95 ${result.minimalShownP95.toFixed(1)}, acknowledged p95 ${result.minimalAckedP95.toFixed(1)} ms`,
  );
  console.log(`BENCH_JSON ${JSON.stringify(result)}`);
} finally {
  await browser.close();
  await closeServer();
}
