/**
 * The public figures (API.md v1.1): `GET /api/public`, no token — aggregates only
 * (shared/publicView.ts). Made once per log position and served to every reader from memory,
 * limited per address (PUBLIC_REQUESTS_PER_MINUTE) and in all (PUBLIC_REQUESTS_TOTAL_PER_MINUTE), cacheable for 2 s by browsers and proxies
 * (with an ETag, so a reader polling it gets 304 when nothing changed), and readable from any
 * site (the newspaper's own widget), which cannot send anything with it. The writer and the
 * public processes (./server.ts) serve it alike, from the figures they hold.
 */
import type { IncomingMessage } from 'node:http';
import { Router } from 'express';
import type { PublicBody } from '../../shared/publicView.ts';
import { RateLimiter } from '../auth/rateLimit.ts';
import { sendError } from '../http/errors.ts';
import { PUBLIC_REQUESTS_TOTAL_PER_MINUTE } from '../http/limits.ts';

/** The route under /api: the one read without a token besides the health check. */
export const PUBLIC_PATH = '/public';
const MAX_AGE_SECONDS = 2;

/** The figures now: a key that changes with them (`logId:seq`), and how to make the body; null before there are any. */
export type PublicSource = () => { key: string; body: () => PublicBody } | null;

export function publicRoutes(deps: { current: PublicSource; addressOf: (req: IncomingMessage) => string; requestsPerMinute: number; totalPerMinute?: number }): Router {
  const { current, addressOf } = deps;
  const router = Router();
  let made: { key: string; json: string; etag: string } | null = null;
  // Per address: a hall of phones behind one NAT, each reading every few seconds, passes; a loop
  // or a flood from one address is slowed before it costs the desks anything.
  const limiter = new RateLimiter(deps.requestsPerMinute / 60, 60);
  // And in all, from every address: past it a flood costs a 429, never the event loop.
  const totalPerMinute = deps.totalPerMinute ?? PUBLIC_REQUESTS_TOTAL_PER_MINUTE;
  const total = new RateLimiter(totalPerMinute / 60, 10);

  router.get(PUBLIC_PATH, (req, res) => {
    const wait = limiter.take(addressOf(req), 1);
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      return sendError(res, 429, 'rate_limited', `too many requests from this address (${deps.requestsPerMinute} a minute): retry in ${wait} s`);
    }
    const busy = total.take('*', 1);
    if (busy > 0) {
      res.setHeader('Retry-After', String(busy));
      return sendError(res, 429, 'rate_limited', `too many readers just now (${totalPerMinute} a minute in all): retry in ${busy} s`);
    }
    const now = current();
    if (!now) {
      res.setHeader('Retry-After', '2');
      return sendError(res, 503, 'not_ready', 'the figures have not reached this server yet: retry in a few seconds');
    }
    if (made?.key !== now.key) made = { key: now.key, json: JSON.stringify(now.body()), etag: `W/"${now.key}"` };
    res.setHeader('Cache-Control', `public, max-age=${MAX_AGE_SECONDS}`);
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('ETag', made.etag);
    if (req.headers['if-none-match'] === made.etag) return res.status(304).end();
    res.type('application/json').send(made.json);
  });

  return router;
}
