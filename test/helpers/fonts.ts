/**
 * Text is measured in the page's own font, never in a fallback: the pages ship Be Vietnam Pro
 * (client/styles/fonts.css) with font-display: swap, so until a face has loaded, text is laid
 * out in whatever the machine has (Noto Sans, DejaVu…) and a measurement would depend on the
 * machine. A face is fetched only when text needs it, so this lays the page out first, waits for
 * every load that starts, and gives the page two frames to measure again (the wall's agency
 * board cuts its pages from measured heights when fonts finish loading).
 */
import type { Page } from 'playwright-core';

/** Runs in the page: resolves once no font is loading after a fresh layout. */
export async function fontsSettledInPage(): Promise<void> {
  const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
  for (;;) {
    document.body.getBoundingClientRect();
    await document.fonts.ready;
    await frame();
    await frame();
    document.body.getBoundingClientRect();
    if (document.fonts.status === 'loaded') return;
  }
}

export async function fontsSettled(page: Page): Promise<void> {
  await page.evaluate(fontsSettledInPage);
}
