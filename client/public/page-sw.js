/*
 * The service worker of the writing pages used on the move (/desk, /console), registered as
 * /page-sw.js?page=<page> with the page as its scope: keeps the page loadable when the server
 * cannot be reached (a reload while the hall's wifi is down, a tablet or phone that dropped
 * the tab), so it goes on from its offline copy and its outbox. Only the page and its hashed
 * assets are cached; /api and /socket.io always go to the network (the outbox handles their
 * absence).
 *
 * - the page (navigation): network first (4 s), else the cached page;
 * - /assets/* (hashed, never change): cache first, cached on first use;
 * - on install, and each time a newer page is fetched, the assets it names are cached.
 *
 * Browsers allow service workers only in a secure context (https, or localhost).
 */
const PAGES = ['desk', 'console'];
const NAME = new URL(self.location.href).searchParams.get('page');
if (!PAGES.includes(NAME)) throw new Error(`page-sw.js: unknown page ${NAME}`);
const CACHE = `ntth-${NAME}-v1`;
const PAGE = `/${NAME}`;
const PAGE_PATH = new RegExp(`^/${NAME}(/|\\.html)?$`);
const NAVIGATION_TIMEOUT_MS = 4000;

function assetsOf(html) {
  const urls = new Set();
  for (const match of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) urls.add(match[1]);
  return [...urls];
}

async function cacheAssets(cache, html) {
  await Promise.all(
    assetsOf(html).map(async (url) => {
      if (await cache.match(url)) return;
      try {
        const response = await fetch(url);
        if (response.ok) await cache.put(url, response);
      } catch {
        /* offline: cached on first use later */
      }
    }),
  );
}

async function cachePage(cache, response) {
  const html = await response.clone().text();
  await cache.put(PAGE, response);
  await cacheAssets(cache, html);
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
