/**
 * Every page is drawn in the font it ships, whatever the machine has installed: Be Vietnam Pro
 * (client/styles/fonts.css), woff2 files built into dist/client/assets and served by our own
 * server — no font CDN, no system font for Vietnamese text. Asked of Chromium itself: the
 * platform fonts it used for each text node (DevTools protocol), not only the CSS asked for.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasChromium, launchChromium } from '../helpers/browser.ts';
import { fontsSettled } from '../helpers/fonts.ts';
import { makeToken, startTestServer, type TestServer } from '../helpers/server.ts';

const FAMILY = 'Be Vietnam Pro';
const assets = path.resolve('dist/client/assets');

describe('the built client ships its fonts', () => {
  it('woff2 files of Be Vietnam Pro, Latin and Vietnamese subsets only, referenced by the CSS from our own origin', () => {
    const files = fs.readdirSync(assets);
    const fonts = files.filter((f) => /\.(woff2?|ttf|otf|eot)$/.test(f));
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/^be-vietnam-pro-(latin|vietnamese)-\d00-(normal|italic)-[\w-]+\.woff2$/);
    const vietnamese = fonts.filter((f) => f.includes('-vietnamese-'));
    const latin = fonts.filter((f) => f.includes('-latin-'));
    expect(vietnamese.length).toBe(latin.length);
    const css = files.filter((f) => f.endsWith('.css')).map((f) => fs.readFileSync(path.join(assets, f), 'utf8'));
    const faces = css.flatMap((text) => text.match(/@font-face\s*{[^}]*}/g) ?? []);
    expect(faces.length).toBe(fonts.length);
    for (const face of faces) {
      expect(face).toContain(FAMILY);
      // Only our own files: a relative /assets/ path, never another origin.
      for (const [, url] of face.matchAll(/url\(\s*['"]?([^'")]+)/g)) expect(url).toMatch(/^\/assets\/be-vietnam-pro-[\w-]+\.woff2$/);
    }
  });
});

describe.skipIf(!hasChromium)('every page is drawn in Be Vietnam Pro, served by our server', () => {
  let server: TestServer;
  let browser: Browser;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer();
    [tokens.wall, tokens.desk, tokens.console, tokens.mc] = await Promise.all([makeToken(server, 'wall'), makeToken(server, 'desk'), makeToken(server, 'coordinator'), makeToken(server, 'mc')]);
    tokens.admin = server.adminToken;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each([
    ['wall', 1920, 1080],
    ['desk', 1024, 768],
    ['console', 360, 740],
    ['mc', 1024, 768],
    ['admin', 1280, 800],
    ['index', 1280, 800],
  ] as const)('/%s at %i×%i', async (name, width, height) => {
    const page = await browser.newPage({ viewport: { width, height } });
    const requests: { url: string; type: string }[] = [];
    page.on('request', (request) => requests.push({ url: request.url(), type: request.resourceType() }));
    if (name === 'index') {
      await page.goto(`${server.url}/`);
      await page.locator('#root *').first().waitFor();
    } else {
      await page.goto(`${server.url}/${name}?token=${tokens[name]}`);
      await page.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: 10_000 });
    }
    await fontsSettled(page);

    const fonts = await page.evaluate(
      async ([family]) => ({
        body: getComputedStyle(document.body).fontFamily,
        // Bold stacked diacritics, as the wall's titles and names draw them.
        check: document.fonts.check(`700 48px "${family}"`, 'Ệ Ộ Ữ Ẫ'),
        loaded: [...document.fonts]
          .filter((face) => face.family.replace(/"/g, '') === family && face.status === 'loaded')
          .map((face) => `${face.weight} ${face.style} ${face.unicodeRange.includes('1EA0') ? 'vietnamese' : 'latin'}`),
      }),
      [FAMILY] as const,
    );
    expect(fonts.body.startsWith(`"${FAMILY}"`), fonts.body).toBe(true);
    // check() is also true for a family no face declares: the faces must be there and loaded.
    expect(fonts.check).toBe(true);
    expect(fonts.loaded).toContain('400 normal latin');
    expect(fonts.loaded).toContain('400 normal vietnamese');
    expect(fonts.loaded).toContain('700 normal vietnamese');

    // What Chromium really drew each text with: every text whose letters the shipped subsets
    // cover is drawn in the shipped font only (a symbol such as ♥ may come from the system).
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const marked = await page.evaluate(() => {
      // The shipped subsets' code points (latin, vietnamese: client/styles/fonts.css).
      const ranges = [
        [0x0000, 0x00ff],
        [0x0102, 0x0103],
        [0x0110, 0x0111],
        [0x0128, 0x0129],
        [0x0168, 0x0169],
        [0x01a0, 0x01a1],
        [0x01af, 0x01b0],
        [0x0300, 0x0304],
        [0x0308, 0x0309],
        [0x0323, 0x0323],
        [0x0329, 0x0329],
        [0x1ea0, 0x1ef9],
        [0x2000, 0x206f],
        [0x20ab, 0x20ac],
        [0x2122, 0x2122],
        [0x2212, 0x2212],
      ];
      const covered = (text: string) =>
        [...text].every((ch) => {
          const code = ch.codePointAt(0)!;
          return ranges.some(([from, to]) => code >= from! && code <= to!);
        });
      let n = 0;
      for (const el of document.querySelectorAll<HTMLElement>('body *')) {
        // Code, keys and ids are set in the system's monospace on purpose (Chromium reports
        // the fonts of an element's children with its own).
        const mono = 'code, kbd, samp, pre, .adm-mono';
        if (!el.checkVisibility() || el.closest(`svg, canvas, script, style, noscript, ${mono}`) || el.querySelector(mono)) continue;
        const text = [...el.childNodes]
          .filter((node) => node.nodeType === Node.TEXT_NODE)
          .map((node) => node.textContent ?? '')
          .join('')
          .trim();
        if (text === '' || !covered(text)) continue;
        el.setAttribute('data-font-probe', String(n++));
      }
      return n;
    });
    expect(marked).toBeGreaterThan(3);
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '[data-font-probe]' });
    const drawnWith = new Set<string>();
    for (const nodeId of nodeIds) {
      const { fonts: used } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      for (const font of used) drawnWith.add(`${font.familyName}${font.isCustomFont ? ' (web font)' : ' (system)'}`);
    }
    const vietnamese = await page.evaluate(() => [...document.querySelectorAll('[data-font-probe]')].filter((el) => /[ạ-ỹđĐăĂơƠưƯ]/.test(el.textContent ?? '')).length);
    await cdp.detach();
    // Chromium names each weight's face: "Be Vietnam Pro", "Be Vietnam Pro ExtraBold"…
    const drawn = [...drawnWith];
    expect(drawn.length).toBeGreaterThan(0);
    for (const font of drawn) expect(font).toMatch(new RegExp(`^${FAMILY}( \\w+)? \\(web font\\)$`));
    expect(vietnamese).toBeGreaterThan(0);

    // Every font came from our server, as woff2, and nothing left the origin.
    const fontRequests = requests.filter((r) => r.type === 'font');
    expect(fontRequests.length).toBeGreaterThan(0);
    for (const request of fontRequests) expect(request.url).toMatch(new RegExp(`^${server.url}/assets/be-vietnam-pro-[\\w-]+\\.woff2$`));
    for (const request of requests) expect(request.url.startsWith(server.url) || /^(data|blob):/.test(request.url), request.url).toBe(true);
    const served = await fetch(fontRequests[0]!.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('font/woff2');
    expect(
      Buffer.from(await served.arrayBuffer())
        .subarray(0, 4)
        .toString('latin1'),
    ).toBe('wOF2');
    await page.close();
  });
});
