/**
 * Token administration: POST /api/tokens, GET /api/tokens, DELETE /api/tokens/:id (admin only).
 * Revoking a token closes its open sockets at once.
 */
import { Router } from 'express';
import { CreateTokenBody, describeZodError } from '../../shared/index.ts';
import { sendError } from '../http/errors.ts';
import type { Authenticator } from './authenticate.ts';

export function tokenRoutes(deps: { auth: Authenticator; onRevoked: (tokenId: string) => void; personalDataDays: number | null; now?: () => number }): Router {
  const { auth, onRevoked, personalDataDays } = deps;
  const now = deps.now ?? Date.now;
  const tokens = auth.tokens;
  const router = Router();
  const adminOnly = auth.require(['admin']);

  router.post('/tokens', adminOnly, (req, res) => {
    const body = CreateTokenBody.safeParse(req.body);
    if (!body.success) return sendError(res, 400, 'invalid_body', describeZodError(body.error));
    const { record, token } = tokens.create(body.data.role, body.data.label);
    res.status(201).json({ id: record.id, token, role: record.role, label: record.label });
  });

  router.get('/tokens', adminOnly, (_req, res) => {
    res.json({ tokens: tokens.list() });
  });

  router.delete('/tokens/:id', adminOnly, (req, res) => {
    const id = String(req.params.id);
    if (tokens.isFromEnvironment(id)) {
      return sendError(res, 409, 'token_from_environment', 'this admin token comes from ADMIN_TOKEN: to replace it, set a new ADMIN_TOKEN (openssl rand -base64 32) and restart the server');
    }
    if (!tokens.revoke(id)) return sendError(res, 404, 'unknown_token', `no active token with id ${JSON.stringify(id.slice(0, 64))}`);
    onRevoked(id);
    res.json({ id, revoked: true });
  });

  router.get('/me', auth.require(), (_req, res) => {
    const { id, role, label } = res.locals.principal!;
    // The desk's privacy notice says how long personal data is kept; the server's time lets a
    // device measure its clock's offset (the time of action it stamps on events).
    res.json({ id, role, label, personalDataDays, serverTime: new Date(now()).toISOString() });
  });

  return router;
}
