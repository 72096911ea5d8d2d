/**
 * Personal data, for the organisers (admin only):
 *
 * - GET /api/privacy — how long personal data is kept and when the festival's expires, how
 *   many people's data is held and erased, and the source of every list imported;
 * - POST /api/donors/:id/erase `{ reason }` — erases one person's personal data on request
 *   (every count stays); answered once their key is deleted from the key store and from every
 *   key backup, and the snapshots made before are deleted (when the key store cannot write just
 *   then, once the erasure is recorded: the key goes as soon as it can, privacy/service.ts);
 * - POST /api/privacy/expire `{ reason }` — erases everyone's now (the festival is over and
 *   the organisers do not want to wait for the retention period).
 */
import { Router, type Response } from 'express';
import { z } from 'zod';
import { describeZodError } from '../../shared/index.ts';
import type { Authenticator } from '../auth/authenticate.ts';
import type { EventService, WriteOutcome } from '../events/service.ts';
import { sendError } from '../http/errors.ts';
import type { PrivacyService } from './service.ts';

const ReasonBody = z.strictObject({
  reason: z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters'),
});

export function privacyRoutes(deps: { auth: Authenticator; service: EventService; privacy: PrivacyService }): Router {
  const { auth, service, privacy } = deps;
  const router = Router();
  const adminOnly = auth.require(['admin']);

  const answer = (res: Response, outcome: WriteOutcome, body: Record<string, unknown>) => {
    if (outcome.status === 201 || outcome.status === 200) return void res.status(outcome.status === 201 ? 201 : 200).json({ seq: outcome.seq, ...body });
    const status = outcome.code === 'unknown_donor' ? 404 : outcome.status;
    if (outcome.status === 503) res.setHeader('Retry-After', '2');
    sendError(res, status, outcome.code, outcome.message);
  };

  router.get('/privacy', adminOnly, (_req, res) => {
    const state = service.state;
    let erased = 0;
    const registeredByImport = new Map<string, number>();
    for (const donor of state.donors.values()) {
      if (donor.erased) erased += 1;
      if (donor.importId) registeredByImport.set(donor.importId, (registeredByImport.get(donor.importId) ?? 0) + 1);
    }
    res.json({
      personalDataDays: privacy.personalDataDays,
      expiresAt: privacy.expiresAt(),
      donors: { total: state.donors.size, held: state.donors.size - erased, erased },
      imports: [...state.imports.values()].map((list) => ({ ...list, registered: registeredByImport.get(list.id) ?? 0 })),
    });
  });

  router.post('/donors/:id/erase', adminOnly, async (req, res) => {
    const body = ReasonBody.safeParse(req.body ?? {});
    if (!body.success) return sendError(res, 400, 'invalid_body', describeZodError(body.error));
    const donorId = String(req.params.id);
    const outcome = await privacy.erase(donorId, body.data.reason, res.locals.principal!);
    answer(res, outcome, { donorId, erased: true });
  });

  router.post('/privacy/expire', adminOnly, async (req, res) => {
    const body = ReasonBody.safeParse(req.body ?? {});
    if (!body.success) return sendError(res, 400, 'invalid_body', describeZodError(body.error));
    const outcome = await privacy.expire(new Date().toISOString(), body.data.reason, res.locals.principal!);
    answer(res, outcome, { expired: true });
  });

  return router;
}
