/**
 * Vite config for the browser client. Every page is its own entry (multi-page build), so the
 * wall never loads desk or admin code. The built files go to dist/client, which the server
 * serves on the same port as the API and Socket.IO.
 *
 * Dev: `vite` serves client/ and proxies /api and /socket.io to the server on PORT (3000);
 * /wall, /desk, /console, /mc and /admin are rewritten to their .html like the server does.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type HtmlTagDescriptor, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
const clientRoot = fileURLToPath(new URL('./client', import.meta.url));

/** The pages served at /<page>; '/' is index.html. */
const PAGES = ['wall', 'desk', 'console', 'mc', 'admin', 'agency', 'live'] as const;

/** Dev only: /wall?theme=light → /wall.html?theme=light (the server does the same in production). */
function pageRoutes(): Plugin {
  const route = new RegExp(`^/(${PAGES.join('|')})/?(\\?.*)?$`);
  const rewrite = (req: { url?: string }, _res: unknown, next: () => void): void => {
    const match = req.url ? route.exec(req.url) : null;
    if (match) req.url = `/${match[1]}.html${match[2] ?? ''}`;
    next();
  };
  return {
    name: 'ntth-page-routes',
    configureServer(server) {
      server.middlewares.use(rewrite);
    },
    configurePreviewServer(server) {
      server.middlewares.use(rewrite);
    },
  };
}

const HEART_ICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 29'%3E%3Cpath fill='%23ff3366' d='M16 28.6 13.7 26.5C5.6 19.2.3 14.4.3 8.5.3 3.7 4 0 8.8 0c2.7 0 5.3 1.3 7.2 3.3C17.9 1.3 20.5 0 23.2 0 28 0 31.7 3.7 31.7 8.5c0 5.9-5.3 10.7-13.4 18z'/%3E%3C/svg%3E";

/** The colours a page is painted in before any script runs (no white flash on the wall), by its `data-theme`. */
const THEME_COLOURS = {
  light: { background: '#fff6f8', text: '#2b0a15' },
  dark: { background: '#13060b', text: '#fff3f6' },
} as const;

/**
 * What every page's HTML has in common, written once: charset, viewport, no referrer, the
 * heart icon, its theme's colours (from `<html data-theme>`), and the note for a browser
 * without JavaScript. Each page's .html keeps only its theme, title and entry script.
 */
function sharedHead(): Plugin {
  const tags: HtmlTagDescriptor[] = [
    { tag: 'meta', attrs: { charset: 'UTF-8' }, injectTo: 'head-prepend' },
    { tag: 'meta', attrs: { name: 'viewport', content: 'width=device-width, initial-scale=1' }, injectTo: 'head-prepend' },
    { tag: 'meta', attrs: { name: 'referrer', content: 'no-referrer' }, injectTo: 'head' },
    { tag: 'link', attrs: { rel: 'icon', href: HEART_ICON }, injectTo: 'head' },
    { tag: 'noscript', children: 'Trang này cần JavaScript. · This page needs JavaScript.', injectTo: 'body' },
  ];
  return {
    name: 'ntth-shared-head',
    transformIndexHtml(html) {
      const theme = /<html[^>]*\sdata-theme="(light|dark)"/.exec(html)?.[1];
      if (!theme) throw new Error('every page names its theme: <html data-theme="light|dark">');
      const { background, text } = THEME_COLOURS[theme as keyof typeof THEME_COLOURS];
      return [
        ...tags,
        // Before the style sheets, which restyle the page by its theme (?theme=light on the wall).
        { tag: 'meta', attrs: { name: 'theme-color', content: background }, injectTo: 'head-prepend' },
        { tag: 'style', children: `html,body{margin:0;background:${background};color:${text}}`, injectTo: 'head-prepend' },
      ];
    },
  };
}

const apiTarget = `http://127.0.0.1:${process.env.PORT ?? 3000}`;

export default defineConfig({
  root: clientRoot,
  // Relative to nothing: pages are always served from the origin's root.
  base: '/',
  plugins: [react(), pageRoutes(), sharedHead()],
  build: {
    outDir: fileURLToPath(new URL('./dist/client', import.meta.url)),
    emptyOutDir: true,
    // Small chunks are fine; the wall's budget is 250 KB gzip for all its JS.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      input: Object.fromEntries(['index', ...PAGES].map((page) => [page, fileURLToPath(new URL(`./client/${page}.html`, import.meta.url))])),
      output: {
        // Named vendor chunks shared by the pages that need them (the size check reads these
        // names). Only small, always-needed libraries go here: a page-specific heavy library
        // (spreadsheet, QR code) must stay in its own page's chunk.
        codeSplitting: {
          groups: [
            // zustand with React, which it needs: the socket's chunk must not pull React into /live.
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|zustand)[\\/]/ },
            {
              name: 'live-vendor',
              test: /[\\/]node_modules[\\/](socket\.io-client|socket\.io-parser|engine\.io-client|engine\.io-parser|@socket\.io[\\/]component-emitter)[\\/]/,
            },
            // Apart: the pages that validate forms load it, the wall (every KB counts) does not.
            { name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    // Client code imports ../shared/*.ts, outside the root.
    fs: { allow: [repoRoot] },
    proxy: {
      '/api': { target: apiTarget, changeOrigin: true },
      '/socket.io': { target: apiTarget, ws: true, changeOrigin: true },
    },
  },
  preview: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: true },
      '/socket.io': { target: apiTarget, ws: true, changeOrigin: true },
    },
  },
});
