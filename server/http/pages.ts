/**
 * Serves the built client: `/` and one HTML entry per page (/wall, /desk, /console, /mc,
 * /admin, /agency, and the public /live), hashed assets with long caching. When the client is not built, each page says so
 * in a readable page rather than failing.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { PAGE_HEADERS } from './security.ts';

export const PAGES = ['wall', 'desk', 'console', 'mc', 'admin', 'agency', 'live'] as const;
export type Page = (typeof PAGES)[number];

const NOT_BUILT = `<!doctype html><html lang="vi"><meta charset="utf-8"><title>Chưa dựng giao diện</title>
<body style="font-family:sans-serif;max-width:40rem;margin:4rem auto">
<h1>Giao diện chưa được dựng</h1><p>Chạy <code>npm run build</code> (hoặc <code>npm start</code>, tự dựng khi cần), rồi tải lại trang.</p>
<p lang="en"><em>The client is not built. Run <code>npm run build</code> (or <code>npm start</code>, which builds it when needed), then reload.</em></p>
</body></html>`;

function notFoundPage(): string {
  const links = ['', ...PAGES].map((page) => `<li><a href="/${page}">/${page}</a></li>`).join('');
  return `<!doctype html><html lang="vi"><meta charset="utf-8"><title>Không tìm thấy trang</title>
<body style="font-family:sans-serif;max-width:40rem;margin:4rem auto">
<h1>Không tìm thấy trang này</h1><p lang="en"><em>Page not found.</em></p><ul>${links}</ul></body></html>`;
}

/**
 * The headers of /live where other sites may frame it (LIVE_FRAME_ANCESTORS, issue 19): the
 * pages' CSP with those sites as `frame-ancestors`, and no X-Frame-Options (which knows no list).
 */
function framedLiveHeaders(ancestors: readonly string[]): [string, string][] {
  const csp = PAGE_HEADERS.find(([name]) => name.toLowerCase() === 'content-security-policy')?.[1] ?? '';
  return [['Content-Security-Policy', csp.replace(/frame-ancestors [^;]*/, `frame-ancestors 'self' ${ancestors.join(' ')}`)]];
}

/** `pages`: the pages this server serves (a public process serves /live alone). */
export function pageRoutes(clientDir: string, liveFrameAncestors: readonly string[] = [], pages: readonly Page[] = PAGES): Router {
  const liveHeaders = liveFrameAncestors.length > 0 ? framedLiveHeaders(liveFrameAncestors) : null;
  const router = Router();
  router.use('/assets', express.static(path.join(clientDir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }));

  const sendPage =
    (file: string): express.RequestHandler =>
    (_req, res) => {
      if (file === 'live.html' && liveHeaders) {
        for (const [name, value] of liveHeaders) res.setHeader(name, value);
        res.removeHeader('X-Frame-Options');
      }
      const full = path.join(clientDir, file);
      if (!fs.existsSync(full)) {
        res.status(503).type('html').send(NOT_BUILT);
        return;
      }
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(full);
    };

  if (pages.length === PAGES.length) router.get('/', sendPage('index.html'));
  for (const page of pages) router.get([`/${page}`, `/${page}/`, `/${page}.html`], sendPage(`${page}.html`));
  // The page worker and the like: a public process serves none of the staff pages' files.
  if (pages.length === PAGES.length) router.use(express.static(clientDir, { index: false }));
  router.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    res.status(404).type('html').send(notFoundPage());
  });
  return router;
}
