/**
 * HTTP routes of the event log: POST /api/events, POST /api/events/batch, GET /api/events.
 */
import { Router, type Response } from 'express';
import {
  BatchBody,
  EventsQuery,
  describeZodError,
  eventForRole,
  parseSubmittedEvent,
  type NewEvent,
  type WriteResult,
} from '../../shared/index.ts';
import type { Authenticator } from '../auth/authenticate.ts';
import type { WriteLimiter } from '../auth/rateLimit.ts';
import { sendError } from '../http/errors.ts';
import type { EventStore } from '../store/eventStore.ts';
import type { EventService, WriteOutcome } from './service.ts';

const DEFAULT_LIST_LIMIT = 1000;

function toResult(outcome: WriteOutcome): WriteResult {
  if (outcome.status === 201) return { seq: outcome.seq };
  if (outcome.status === 200) return { seq: outcome.seq, duplicate: true };
  return { error: { code: outcome.code, message: outcome.message, ...(outcome.details ? { details: outcome.details } : {}) } };
}

export function eventRoutes(deps: { service: EventService; store: EventStore; auth: Authenticator; writeLimiter: WriteLimiter }): Router {
  const { service, store, auth, writeLimiter } = deps;
  const router = Router();
  const writers = auth.require(['desk', 'coordinator', 'mc']);

  /** The per-token write limit; false (and a 429 sent) when the token must wait. */
  const withinLimit = (res: Response, count: number): boolean => {
    const wait = writeLimiter.take(res.locals.principal!.id, count);
    if (wait === 0) return true;
    res.set('Retry-After', String(wait));
    sendError(res, 429, 'rate_limited', `too many events from this device; retry in ${wait} s (nothing was recorded)`);
    return false;
  };

  router.post('/events', writers, async (req, res) => {
    const parsed = parseSubmittedEvent(req.body);
    if (!parsed.ok) return sendError(res, 400, parsed.code, parsed.message);
    res.locals.eventTypes = [parsed.event.type];
    if (!withinLimit(res, 1)) return;
    const outcome = await service.submit(parsed.event, res.locals.principal!);
    const result = toResult(outcome);
    if (outcome.status === 503) res.set('Retry-After', '2');
    res.status(outcome.status).json(result);
  });

  router.post('/events/batch', writers, async (req, res) => {
    const body = BatchBody.safeParse(req.body);
    if (!body.success) return sendError(res, 400, 'invalid_body', describeZodError(body.error));
    const parsed = body.data.events.map(parseSubmittedEvent);
    const valid: NewEvent[] = parsed.flatMap((p) => (p.ok ? [p.event] : []));
    res.locals.eventTypes = [...new Set(valid.map((e) => e.type))];
    if (!withinLimit(res, valid.length)) return;
    const outcomes = await service.submitMany(valid, res.locals.principal!);
    let next = 0;
    const results: WriteResult[] = parsed.map((p, index) =>
      p.ok ? toResult(outcomes[next++]!) : { error: { code: p.code, message: `events[${index}]: ${p.message}` } },
    );
    res.status(200).json({ results });
  });

  router.get('/events', auth.require(), (req, res) => {
    const query = EventsQuery.safeParse(req.query);
    if (!query.success) return sendError(res, 400, 'invalid_query', describeZodError(query.error));
    const { after = 0, limit = DEFAULT_LIST_LIMIT } = query.data;
    const role = res.locals.principal!.role;
    const options = { thankYouNames: service.state.event?.thankYouNames ?? false };
    res.json({ events: store.after(after, limit).map((event) => eventForRole(event, role, options)) });
  });

  return router;
}
