/**
 * The public figures (API.md v1.1): `GET /api/public`, no token — aggregates only
 * (shared/publicView.ts). Made once per log position and served to every reader from memory,
 * limited per address (PUBLIC_REQUESTS_PER_MINUTE), cacheable for 2 s by browsers and proxies (with an ETag, so a reader polling it gets 304 when
 * nothing changed), and readable from any site (the newspaper's own widget), which cannot send
 * anything with it.
 */
import { Router } from 'express';
import { publicBody } from '../../shared/publicView.ts';
import type { EventService } from '../events/service.ts';
import type { Authenticator } from '../auth/authenticate.ts';
import { RateLimiter } from '../auth/rateLimit.ts';
import { sendError } from '../http/errors.ts';

/** The route under /api: the one read without a token besides the health check. */
export const PUBLIC_PATH = '/public';
const MAX_AGE_SECONDS = 2;

export function publicRoutes(deps: { service: EventService; logId: () => string; auth: Authenticator; requestsPerMinute: number }): Router {
  const { service, logId, auth } = deps;
  const router = Router();
  let made: { key: string; json: string; etag: string } | null = null;
  // Per address: a hall of phones behind one NAT, each reading every few seconds, passes; a loop
  // or a flood from one address is slowed before it costs the desks anything.
  const limiter = new RateLimiter(deps.requestsPerMinute / 60, 60);

  router.get(PUBLIC_PATH, (req, res) => {
    const wait = limiter.take(auth.addressOf(req), 1);
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      return sendError(res, 429, 'rate_limited', `too many requests from this address (${deps.requestsPerMinute} a minute): retry in ${wait} s`);
    }
    const key = `${logId()}:${service.state.seq}`;
    if (made?.key !== key) {
      const body = { ...publicBody(service.state, new Date().toISOString()), logId: logId() };
      made = { key, json: JSON.stringify(body), etag: `W/"${key}"` };
    }
    res.setHeader('Cache-Control', `public, max-age=${MAX_AGE_SECONDS}`);
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('ETag', made.etag);
    if (req.headers['if-none-match'] === made.etag) return res.status(304).end();
    res.type('application/json').send(made.json);
  });

  return router;
}
