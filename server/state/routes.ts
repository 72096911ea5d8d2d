/**
 * Read routes: GET /api/health (no auth) and GET /api/state (the live snapshot).
 */
import { Router } from 'express';
import { toStateBody, visibilityOf } from '../../shared/index.ts';
import type { Authenticator } from '../auth/authenticate.ts';
import type { EventService } from '../events/service.ts';

export function stateRoutes(deps: { service: EventService; auth: Authenticator; logId: () => string }): Router {
  const { service, auth, logId } = deps;
  const router = Router();

  router.get('/health', (_req, res) => {
    const seq = service.state.seq;
    service.probeStore();
    if (service.storeError) {
      res.status(503).json({ ok: false, seq, store: service.storeError });
      return;
    }
    res.json({ ok: true, seq });
  });

  router.get('/state', auth.require(), (_req, res) => {
    res.json({ ...toStateBody(service.state, visibilityOf(res.locals.principal!.role)), logId: logId() });
  });

  return router;
}
