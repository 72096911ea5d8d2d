/*
 * The service worker of the writing pages used on the move (/desk, /console, /agency), registered as
 * /page-sw.js?page=<page> with the page as its scope: keeps the page loadable when the server
 * cannot be reached (a reload while the hall's wifi is down, a tablet or phone that dropped
 * the tab), so it goes on from its offline copy and its outbox. Only the page and its hashed
 * assets are cached; /api and /socket.io always go to the network (the outbox handles their
 * absence).
 *
 * - the page (navigation): network first (4 s), else the cached page;
 * - /assets/* (hashed, never change): cache first, cached on first use;
 * - on install, and each time a newer page is fetched, the assets it names are cached, and the
 *   fonts its style sheets name (precached: a reload offline draws in the page's own fonts);
 * - a new release (the page names other files): what only the old one named is deleted;
 * - the page is kept under its path, without the URL it was fetched with (which may carry a
 *   token or an enrolment code in its query).
 *
 * Browsers allow service workers only in a secure context (https, or localhost).
 */
const PAGES = ['desk', 'console', 'agency'];
const NAME = new URL(self.location.href).searchParams.get('page');
if (!PAGES.includes(NAME)) throw new Error(`page-sw.js: unknown page ${NAME}`);
const CACHE = `ntth-${NAME}-v1`;
const PAGE = `/${NAME}`;
const PAGE_PATH = new RegExp(`^/${NAME}(/|\\.html)?$`);
const NAVIGATION_TIMEOUT_MS = 4000;

function assetsOf(text) {
  const urls = new Set();
  for (const match of text.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) urls.add(match[1]);
  return [...urls];
}

/** The files a style sheet names (its fonts): url(/assets/…). */
function urlsInCss(css) {
  return [...css.matchAll(/url\(\s*["']?(\/assets\/[^"')\s]+)["']?\s*\)/g)].map((match) => match[1]);
}

async function cacheOne(cache, url) {
  const cached = await cache.match(url);
  if (cached) return cached;
  try {
    const response = await fetch(url);
    if (response.ok) await cache.put(url, response.clone());
    return response;
  } catch {
    return null; /* offline: cached on first use later */
  }
}

/** Caches what the page names and the fonts its style sheets name; returns every path kept. */
async function cacheAssets(cache, html) {
  const kept = new Set(assetsOf(html));
  await Promise.all(
    [...kept].map(async (url) => {
      const response = await cacheOne(cache, url);
      if (!response || !url.endsWith('.css')) return;
      const fonts = urlsInCss(await response.clone().text());
      for (const font of fonts) kept.add(font);
      await Promise.all(fonts.map((font) => cacheOne(cache, font)));
    }),
  );
  return kept;
}

async function cachePage(cache, response) {
  const html = await response.clone().text();
  const previous = await cache.match(PAGE);
  const previousHtml = previous ? await previous.text() : null;
  // Kept as a new response, which has no URL: the one fetched may carry `?token=` or `?code=` in
  // its URL, and the cache would keep it there (issue 16, 5).
  await cache.put(PAGE, new Response(html, { status: response.status, statusText: response.statusText, headers: response.headers }));
  const kept = await cacheAssets(cache, html);
  // A new release: the files only the old page named go (lazy parts of the new one are cached on first use).
  if (previousHtml !== null && previousHtml !== html) {
    for (const request of await cache.keys()) {
      const path = new URL(request.url).pathname;
      if (path.startsWith('/assets/') && !kept.has(path)) await cache.delete(request);
    }
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      try {
        const response = await fetch(PAGE, { cache: 'no-store' });
        if (response.ok) await cachePage(cache, response);
      } catch {
        /* the page that registered us came from the network: it is cached on the next visit */
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key.startsWith(`ntth-${NAME}-`) && key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

async function page(event) {
  const cache = await caches.open(CACHE);
  try {
    const response = await withTimeout(fetch(event.request), NAVIGATION_TIMEOUT_MS);
    if (response.ok) event.waitUntil(cachePage(cache, response.clone()));
    return response;
  } catch (error) {
    const cached = await cache.match(PAGE);
    if (cached) return cached;
    throw error;
  }
}

async function asset(request) {
  const cache = await caches.open(CACHE);
  const key = new URL(request.url).pathname;
  const cached = await cache.match(key);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(key, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && PAGE_PATH.test(url.pathname)) {
    event.respondWith(page(event));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(asset(request));
  }
});
