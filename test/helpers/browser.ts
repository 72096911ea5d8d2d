/**
 * Headless Chromium for browser tests: Debian's /usr/bin/chromium (or CHROMIUM_PATH) driven by
 * playwright-core. Nothing downloads a browser. When none is installed the browser tests are
 * skipped with one clear line, except under CI=true where that is a failure (globalSetup).
 */
import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM_PATH);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
  });
}

export interface OpenPageOptions {
  /** The page's size (in a context: set on the new page). */
  viewport?: { width: number; height: number };
  /** Other options of a page opened on a browser (e.g. `hasTouch`). */
  pageOptions?: Parameters<Browser['newPage']>[0];
  /** Where the page's errors go (a new list by default), each after `errorPrefix`. */
  errors?: string[];
  errorPrefix?: string;
  /** How long the page may take to be live (default 15 s). */
  liveTimeout?: number;
  /** Wait until the page is live (default); false for what shows at once (a wall's demo). */
  waitLive?: boolean;
}

/**
 * Opens `url` in a new page of a browser or one of its contexts, as a device opens its page:
 * page errors collected; when the address carries `?token=`, once the page has enrolled it (the
 * token gone from the address bar); and once its data is live (the connection indicator).
 */
export async function openPage(owner: Browser | BrowserContext, url: string, options: OpenPageOptions = {}): Promise<{ page: Page; errors: string[] }> {
  const errors = options.errors ?? [];
  const onBrowser = 'newContext' in owner;
  const page = onBrowser ? await owner.newPage({ ...options.pageOptions, ...(options.viewport ? { viewport: options.viewport } : {}) }) : await owner.newPage();
  if (!onBrowser && options.viewport) await page.setViewportSize(options.viewport);
  page.on('pageerror', (error) => errors.push(`${options.errorPrefix ?? ''}${error.message}`));
  await page.goto(url);
  if (new URL(url).searchParams.has('token')) await page.waitForFunction(() => !location.search.includes('token='));
  if (options.waitLive !== false) await page.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: options.liveTimeout ?? 15_000 });
  return { page, errors };
}

/** What a page's origin keeps on the device: its localStorage and every IndexedDB store, as text. */
export async function storedOnDevice(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const replacer = (_key: string, value: unknown) => (value instanceof Map ? [...value.entries()] : value);
    const parts: string[] = [JSON.stringify({ ...localStorage })];
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name!);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const all = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(store).objectStore(store).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        parts.push(JSON.stringify(all, replacer));
      }
      db.close();
    }
    return parts.join('\n');
  });
}
