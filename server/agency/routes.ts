/**
 * An agency's own data (issue 18), for its liaison (the `agency` role, bound to one agency) and
 * the organisers: its people as the liaison follows them live (GET /api/agencies/:agencyId/people)
 * and its results to send back (GET /api/reports/agencies/:agencyId/results and .xlsx). A
 * liaison asking for another agency's is answered 403, and learns nothing of it.
 */
import { gzipSync } from 'node:zlib';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { agencyResults, agencyResultsHead, liaisonView } from '../../shared/agencyResults.ts';
import { timezoneOf } from '../../shared/projection.ts';
import type { Authenticator } from '../auth/authenticate.ts';
import type { EventService } from '../events/service.ts';
import { sendError } from '../http/errors.ts';
import { agencyResultsXlsxOf, sendXlsx } from '../workers/xlsxExport.ts';
import { stamp } from '../admin/routes.ts';

export function agencyRoutes(deps: { auth: Authenticator; service: EventService }): Router {
  const { auth, service } = deps;
  const router = Router();
  const liaisonOrAdmin = auth.require(['agency']);
  /** Admin reads any agency; a liaison its own only. */
  const ownAgency = (req: Request, res: Response, next: NextFunction) => {
    const principal = res.locals.principal!;
    if (principal.role === 'agency' && principal.agencyId !== String(req.params.agencyId)) {
      return sendError(res, 403, 'forbidden', `this token is for agency ${JSON.stringify(principal.agencyId ?? '')} only`);
    }
    next();
  };
  const unknownAgency = (res: Response, agencyId: string) => sendError(res, 404, 'unknown_agency', `no agency with id ${JSON.stringify(agencyId)}`);

  router.get('/agencies/:agencyId/people', liaisonOrAdmin, ownAgency, (req, res) => {
    const view = liaisonView(service.state, String(req.params.agencyId));
    if (!view) return unknownAgency(res, String(req.params.agencyId));
    // A phone on the venue's wifi fetches this again as its agency's figures move: an agency of
    // 800 people is about 150 KB of JSON, a tenth of it gzipped.
    const json = JSON.stringify(view);
    res.setHeader('Vary', 'Accept-Encoding');
    res.type('application/json');
    if (!/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) || json.length < 1024) return res.send(json);
    res.setHeader('Content-Encoding', 'gzip');
    res.send(gzipSync(json, { level: 6 }));
  });

  router.get('/reports/agencies/:agencyId/results', liaisonOrAdmin, ownAgency, (req, res) => {
    const results = agencyResults(service.state, String(req.params.agencyId));
    if (!results) return unknownAgency(res, String(req.params.agencyId));
    res.json(results);
  });

  router.get('/reports/agencies/:agencyId/results.xlsx', liaisonOrAdmin, ownAgency, async (req, res, next) => {
    try {
      const now = new Date();
      const state = service.state;
      const agencyId = String(req.params.agencyId);
      if (!agencyResultsHead(state, agencyId)) return unknownAgency(res, agencyId);
      const file = await agencyResultsXlsxOf(() => service.state, agencyId, { kind: 'agencyResults', eventName: state.event?.name ?? '', generatedAt: now, timeZone: timezoneOf(state) });
      if (!file) return sendError(res, 409, 'state_changed', 'the festival switched between rehearsal and live while the workbook was made; download it again');
      sendXlsx(res, `ket-qua-${agencyId}-${stamp(state, now)}.xlsx`, file);
    } catch (err) {
      next(err);
    }
  });

  return router;
}
