/**
 * Security headers. Pages get helmet's set with the Content-Security-Policy the built client
 * satisfies: only our own scripts, styles, images (and data: URIs for icons and QR codes) and
 * connections. The server runs on plain HTTP on the venue's LAN, so nothing upgrades to HTTPS
 * or sets HSTS.
 *
 * API responses are JSON, never rendered, and carry donors' data: they get the set OWASP
 * recommends for APIs instead — a policy that allows nothing, no framing, no sniffing, and
 * `Cache-Control: no-store` so no browser or proxy keeps a copy.
 *
 * Both sets are fixed, so they are worked out once and set by requestContext.ts (helmet runs
 * a dozen middlewares per request; on the write path that showed in profiles).
 */
import helmet from 'helmet';

function helmetHeaders(): [string, string][] {
  const headers: [string, string][] = [];
  const middleware = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // React sets style properties through the CSSOM (not blocked); the pages' small inline
        // <style> blocks and recharts' style attributes need 'unsafe-inline' for styles only.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        workerSrc: ["'self'", 'blob:'],
      },
    },
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
  // Every header helmet sets with these options is the same for every request: record them once.
  const recorder = { setHeader: (name: string, value: string) => headers.push([name, String(value)]), removeHeader: () => undefined };
  middleware({} as never, recorder as never, () => undefined);
  return headers;
}

export const PAGE_HEADERS: readonly [string, string][] = helmetHeaders();

export const API_HEADERS: readonly [string, string][] = [
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
  ['Referrer-Policy', 'no-referrer'],
  ['Cache-Control', 'no-store'],
];
