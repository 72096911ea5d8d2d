/**
 * Vite config for the browser client. Every page is its own entry (multi-page build), so the
 * wall never loads desk or admin code. The built files go to dist/client, which the server
 * serves on the same port as the API and Socket.IO.
 *
 * Dev: `vite` serves client/ and proxies /api and /socket.io to the server on PORT (3000);
 * /wall, /desk, /console, /mc and /admin are rewritten to their .html like the server does.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
const clientRoot = fileURLToPath(new URL('./client', import.meta.url));

/** The pages served at /<page>; '/' is index.html. */
const PAGES = ['wall', 'desk', 'console', 'mc', 'admin'] as const;

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

const apiTarget = `http://127.0.0.1:${process.env.PORT ?? 3000}`;

export default defineConfig({
  root: clientRoot,
  // Relative to nothing: pages are always served from the origin's root.
  base: '/',
  plugins: [react(), pageRoutes()],
  build: {
    outDir: fileURLToPath(new URL('./dist/client', import.meta.url)),
    emptyOutDir: true,
    // Small chunks are fine; the wall's budget is 250 KB gzip for all its JS.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL('./client/index.html', import.meta.url)),
        wall: fileURLToPath(new URL('./client/wall.html', import.meta.url)),
        desk: fileURLToPath(new URL('./client/desk.html', import.meta.url)),
        console: fileURLToPath(new URL('./client/console.html', import.meta.url)),
        mc: fileURLToPath(new URL('./client/mc.html', import.meta.url)),
        admin: fileURLToPath(new URL('./client/admin.html', import.meta.url)),
      },
      output: {
        // Named vendor chunks shared by the pages that need them (the size check reads these
        // names). Only small, always-needed libraries go here: a page-specific heavy library
        // (spreadsheet, QR code) must stay in its own page's chunk.
        codeSplitting: {
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            {
              name: 'live-vendor',
              test: /[\\/]node_modules[\\/](socket\.io-client|socket\.io-parser|engine\.io-client|engine\.io-parser|@socket\.io[\\/]component-emitter|zustand)[\\/]/,
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
