/**
 * The write path: POST /api/events and POST /api/events/batch, answered straight from Node's
 * request handler, ahead of Express.
 *
 * Why not an Express route: this is the one path under load (every check-in from every desk),
 * and profiles of 16 concurrent writers showed Express's routing, body-parser and res.json
 * costing more CPU per request than parsing, checking and committing the event (~190 µs
 * against ~85 µs a request here). The request goes through the same steps as any API route
 * and in the same order — headers, request id and log line, body, query, token, role — built
 * from the same functions (http/requestContext.ts, http/jsonBody.ts, auth/authenticate.ts),
 * so its answers are the same as they were as an Express route.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BatchBody, EVENT_TYPES, ROLES, describeZodError, mayWrite, parseSubmittedEvent, type NewEvent, type WriteResult } from '../../shared/index.ts';
import { Authenticator } from '../auth/authenticate.ts';
import type { RateLimiter } from '../auth/rateLimit.ts';
import { sendError, sendJson, UNEXPECTED_MESSAGE } from '../http/errors.ts';
import { BATCH_BODY_LIMIT_BYTES, BODY_LIMIT_BYTES, readJsonBody } from '../http/jsonBody.ts';
import { beginRequest, unknownQueryMessage, type RequestFacts } from '../http/requestContext.ts';
import type { Logger } from '../log.ts';
import type { EventService, WriteOutcome } from './service.ts';

/** The roles that write some event type (the wall writes none): the rest is refused before its body is read. */
const WRITERS = ROLES.filter((role) => EVENT_TYPES.some((type) => mayWrite(role, type)));

function toResult(outcome: WriteOutcome): WriteResult {
  if (outcome.status === 201) return { seq: outcome.seq };
  if (outcome.status === 200) return { seq: outcome.seq, duplicate: true };
  return { error: { code: outcome.code, message: outcome.message, ...(outcome.details ? { details: outcome.details } : {}) } };
}

/** The route a request is for: its path under /api, as Express would match it (any case, one trailing slash). */
function writeRouteOf(req: IncomingMessage): { apiPath: '/events' | '/events/batch'; query: string } | null {
  if (req.method !== 'POST') return null;
  const url = req.url ?? '';
  const mark = url.indexOf('?');
  let path = (mark < 0 ? url : url.slice(0, mark)).toLowerCase();
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  if (path !== '/api/events' && path !== '/api/events/batch') return null;
  return { apiPath: path === '/api/events' ? '/events' : '/events/batch', query: mark < 0 ? '' : url.slice(mark + 1) };
}

export interface WriteRouteDeps {
  service: EventService;
  auth: Authenticator;
  writeLimiter: RateLimiter;
  log: Logger;
}

/** A request listener for the write routes: true when it took the request, false to leave it to the next. */
export function writeRoutes(deps: WriteRouteDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { service, auth, writeLimiter, log } = deps;

  /** The per-token write limit; false (and a 429 sent) when the token must wait. */
  const withinLimit = (res: ServerResponse, tokenId: string, count: number): boolean => {
    const wait = writeLimiter.take(tokenId, count);
    if (wait === 0) return true;
    res.setHeader('Retry-After', String(wait));
    sendError(res, 429, 'rate_limited', `too many events from this device; retry in ${wait} s (nothing was recorded)`);
    return false;
  };

  const submitOne = async (res: ServerResponse, body: unknown, facts: RequestFacts & { principal: NonNullable<RequestFacts['principal']> }) => {
    const parsed = parseSubmittedEvent(body);
    if (!parsed.ok) return sendError(res, 400, parsed.code, parsed.message);
    facts.eventTypes = [parsed.event.type];
    if (!withinLimit(res, facts.principal.id, 1)) return;
    const outcome = await service.submit(parsed.event, facts.principal);
    if (outcome.status === 503) res.setHeader('Retry-After', '2');
    sendJson(res, outcome.status, toResult(outcome));
  };

  const submitBatch = async (res: ServerResponse, body: unknown, facts: RequestFacts & { principal: NonNullable<RequestFacts['principal']> }) => {
    const batch = BatchBody.safeParse(body);
    if (!batch.success) return sendError(res, 400, 'invalid_body', describeZodError(batch.error));
    const parsed = batch.data.events.map(parseSubmittedEvent);
    const valid: NewEvent[] = parsed.flatMap((p) => (p.ok ? [p.event] : []));
    facts.eventTypes = [...new Set(valid.map((e) => e.type))];
    if (!withinLimit(res, facts.principal.id, valid.length)) return;
    const outcomes = await service.submitMany(valid, facts.principal);
    let next = 0;
    const results: WriteResult[] = parsed.map((p, index) => (p.ok ? toResult(outcomes[next++]!) : { error: { code: p.code, message: `events[${index}]: ${p.message}` } }));
    sendJson(res, 200, { results });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, route: NonNullable<ReturnType<typeof writeRouteOf>>) => {
    const facts: RequestFacts = {};
    beginRequest(req, res, `/api${route.apiPath}`, facts, log);
    // Who it is first (the failed-token limit included), and only then the body: nobody unknown
    // makes the server parse anything (issue 16, 1).
    const admission = auth.admit(req, WRITERS);
    if (!admission.ok) return Authenticator.refuse(res, admission);
    const badQuery = route.query ? unknownQueryMessage(route.apiPath, new URLSearchParams(route.query).keys()) : null;
    if (badQuery) return sendError(res, 400, 'invalid_query', badQuery);
    const body = await readJsonBody(req, route.apiPath === '/events/batch' ? BATCH_BODY_LIMIT_BYTES : BODY_LIMIT_BYTES);
    if (!body.ok) return sendError(res, body.status, body.code, body.message);
    const admitted = Object.assign(facts, { principal: admission.principal });
    await (route.apiPath === '/events' ? submitOne : submitBatch)(res, body.body, admitted);
  };

  return (req, res) => {
    const route = writeRouteOf(req);
    if (!route) return false;
    handle(req, res, route).catch((err: unknown) => {
      log.error({ err }, 'unexpected error');
      if (!res.headersSent) sendError(res, 500, 'internal', UNEXPECTED_MESSAGE);
    });
    return true;
  };
}
