/**
 * Token administration: POST /api/tokens, GET /api/tokens, DELETE /api/tokens/:id (admin only).
 * Revoking a token closes its open sockets at once. Enrolment: POST /api/enrolments (admin) makes
 * a one-time code; POST /api/enrolments/redeem (the code is the credential) exchanges it for a
 * new token.
 */
import { Router, type Request, type Response } from 'express';
import { CreateTokenBody, PAGE_OF_ROLE, RedeemEnrolmentBody, describeZodError, type CreatedEnrolment, type RedeemedEnrolment } from '../../shared/index.ts';
import { sendError } from '../http/errors.ts';
import { Authenticator } from './authenticate.ts';
import type { EnrolmentCodes } from './enrolmentCodes.ts';
import type { TokenRecord } from './tokenStore.ts';

/** The one route of the API that takes no token: a device exchanging its enrolment code. */
export const REDEEM_PATH = '/enrolments/redeem';

export function tokenRoutes(deps: {
  auth: Authenticator;
  codes: EnrolmentCodes;
  onRevoked: (tokenId: string) => void;
  personalDataDays: number | null;
  /** Whether an agency exists (an agency liaison's token is bound to one). */
  agencyExists: (agencyId: string) => boolean;
  now?: () => number;
}): Router {
  const { auth, codes, onRevoked, personalDataDays, agencyExists } = deps;
  const now = deps.now ?? Date.now;
  const tokens = auth.tokens;
  const router = Router();
  const adminOnly = auth.require(['admin']);

  /** The body of a new token or code, or the 400 already answered. */
  const newDevice = (req: Request, res: Response): CreateTokenBody | null => {
    const body = CreateTokenBody.safeParse(req.body);
    if (!body.success) {
      sendError(res, 400, 'invalid_body', describeZodError(body.error));
      return null;
    }
    const { agencyId } = body.data;
    if (agencyId !== undefined && !agencyExists(agencyId)) {
      sendError(res, 400, 'unknown_agency', `agencyId: no agency with id ${JSON.stringify(agencyId)}`);
      return null;
    }
    return body.data;
  };

  router.post('/tokens', adminOnly, (req, res) => {
    const body = newDevice(req, res);
    if (!body) return;
    const { record, token } = tokens.create(body.role, body.label, body.agencyId);
    res.status(201).json({ id: record.id, token, role: record.role, label: record.label, ...agencyOf(record) });
  });

  router.post('/enrolments', adminOnly, (req, res) => {
    const body = newDevice(req, res);
    if (!body) return;
    const { role, label, agencyId } = body;
    const made: CreatedEnrolment = { ...codes.create(role, label, agencyId), role, label, page: PAGE_OF_ROLE[role], ...(agencyId ? { agencyId } : {}) };
    res.status(201).json(made);
  });

  // No token: the code is the credential, and a wrong one counts against the address like a
  // wrong token (the API checked the address's lock-out before reading this body).
  router.post(REDEEM_PATH, (req, res) => {
    const body = RedeemEnrolmentBody.safeParse(req.body);
    if (!body.success) return sendError(res, 400, 'invalid_body', describeZodError(body.error));
    const redeemed = codes.redeem(body.data.code);
    if (!redeemed.ok) {
      if (redeemed.code === 'enrolment_code_unknown') auth.failed(auth.addressOf(req));
      return sendError(res, redeemed.code === 'enrolment_code_unknown' ? 401 : 410, redeemed.code, redeemed.message);
    }
    const { record, token } = redeemed;
    const answer: RedeemedEnrolment = { id: record.id, token, role: record.role, label: record.label, page: PAGE_OF_ROLE[record.role], ...agencyOf(record) };
    res.status(201).json(answer);
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
    const principal = res.locals.principal!;
    const { id, role, label } = principal;
    // The desk's privacy notice says how long personal data is kept; the server's time lets a
    // device measure its clock's offset (the time of action it stamps on events).
    res.json({ id, role, label, ...agencyOf(principal), personalDataDays, serverTime: new Date(now()).toISOString() });
  });

  return router;
}

/** An agency liaison's agency, for an answer that describes its token. */
function agencyOf(record: TokenRecord): { agencyId?: string } {
  return record.agencyId ? { agencyId: record.agencyId } : {};
}
