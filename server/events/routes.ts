/**
 * Reading the event log over HTTP: GET /api/events. (Writing it, POST /api/events and
 * /api/events/batch, is writeRoutes.ts.)
 */
import { Router } from 'express';
import { EventsQuery, describeZodError, eventForViewer, viewerOf } from '../../shared/index.ts';
import type { Authenticator } from '../auth/authenticate.ts';
import { sendError } from '../http/errors.ts';
import type { EventStore } from '../store/eventStore.ts';
import type { EventService } from './service.ts';

const DEFAULT_LIST_LIMIT = 1000;

export function eventRoutes(deps: { service: EventService; store: EventStore; auth: Authenticator }): Router {
  const { service, store, auth } = deps;
  const router = Router();

  router.get('/events', auth.require(), (req, res) => {
    const query = EventsQuery.safeParse(req.query);
    if (!query.success) return sendError(res, 400, 'invalid_query', describeZodError(query.error));
    const { after = 0, limit = DEFAULT_LIST_LIMIT } = query.data;
    const viewer = viewerOf(res.locals.principal!);
    const state = service.state;
    res.json({ events: store.after(after, limit).map(({ event, counted }) => eventForViewer(event, viewer, { counted, state })) });
  });

  return router;
}
