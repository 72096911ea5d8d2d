/**
 * The ceremony's HTTP routes (issue 17), admin only:
 *
 * - `POST /api/ceremony/import` `{ rows: Cell[][], fileName? }`: the honourees' list, read by
 *   the page from its XLSX or CSV, checked here with the same planner the page previews with
 *   (shared/ceremonyImport.ts). Any row in error and nothing is recorded: `400 invalid_rows`
 *   with each row's problems. Otherwise one `ceremony.honouree_set` per new or changed
 *   honouree (and `ceremony.batch_set` for a batch whose presenting leader the list names),
 *   recorded together; the same file again records nothing.
 * - `GET /api/ceremony/report` (JSON) and `/api/ceremony/report.xlsx`: who received which
 *   award, and how.
 */
import crypto from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { ceremonyReport, receptionCounts } from '../../shared/ceremony.ts';
import { planHonoureeImport } from '../../shared/ceremonyImport.ts';
import { describeZodError, parseSubmittedEvent, timezoneOf, type SubmittedEvent } from '../../shared/index.ts';
import type { Authenticator } from '../auth/authenticate.ts';
import type { TokenRecord } from '../auth/tokenStore.ts';
import type { EventService } from '../events/service.ts';
import { sendError } from '../http/errors.ts';
import { stamp } from '../admin/routes.ts';
import { sendXlsx, xlsxOf } from '../workers/xlsxExport.ts';

export const CEREMONY_IMPORT_PATH = '/ceremony/import';

const ImportBody = z.strictObject({
  rows: z
    .array(z.array(z.union([z.string().max(1000), z.number(), z.boolean(), z.null()])).max(60))
    .min(1, 'the list has no rows')
    .max(5000, 'at most 5000 rows'),
  fileName: z.string().max(200).optional(),
});

function newId(prefix: string): string {
  return `${prefix}-${crypto.randomBytes(9).toString('base64url')}`;
}

export function ceremonyRoutes(deps: { auth: Authenticator; service: EventService }): Router {
  const { auth, service } = deps;
  const router = Router();
  const adminOnly = auth.require(['admin']);

  router.post(CEREMONY_IMPORT_PATH, adminOnly, async (req, res, next) => {
    try {
      const body = ImportBody.safeParse(req.body);
      if (!body.success) return sendError(res, 400, 'invalid_body', describeZodError(body.error));
      const planned = planHonoureeImport(body.data.rows, service.state);
      if (!planned.ok) return sendError(res, 400, 'invalid_list', planned.en, { vi: planned.vi });
      const { plan } = planned;
      const wrong = plan.rows.filter((row) => row.status === 'error');
      if (wrong.length > 0) {
        const rows = wrong.map((row) => ({ row: row.rowNumber, problems: row.problems }));
        return sendError(
          res,
          400,
          'invalid_rows',
          `${wrong.length} row(s) of the list are wrong; nothing was imported: ${rows.map((r) => `row ${r.row}: ${r.problems.map((p) => p.en).join('; ')}`).join(' | ')}`,
          { rows },
        );
      }
      const importId = newId('honourees');
      const events: SubmittedEvent[] = [];
      for (const { batchId, leader } of plan.leaders) {
        const batch = service.state.ceremonyBatches.get(batchId)!;
        events.push({ id: newId('cer'), type: 'ceremony.batch_set', payload: { batchId, order: batch.order, title: batch.title, leader } });
      }
      for (const row of plan.rows) {
        if (row.status !== 'new' && row.status !== 'changed') continue;
        const honoureeId = row.existingId ?? newId('h');
        events.push({ id: newId('cer'), type: 'ceremony.honouree_set', payload: { honoureeId, ...row.honouree!, importId } });
      }
      // What the planner made passes the schemas too, or nothing is recorded.
      for (const event of events) {
        const parsed = parseSubmittedEvent(event);
        if (!parsed.ok) return sendError(res, 400, 'invalid_list', `the list makes an invalid ${event.type}: ${parsed.message}; nothing was imported`);
      }
      const counts = { added: plan.counts.new, changed: plan.counts.changed, unchanged: plan.counts.same, leaders: plan.leaders.length };
      if (events.length === 0) return res.json({ ...counts, importId: null });
      const outcomes = await service.submitMany(events, res.locals.principal as TokenRecord, { atomic: true });
      const refused = outcomes.map((outcome, i) => ({ outcome, event: events[i]! })).filter(({ outcome }) => outcome.status !== 201 && outcome.status !== 200);
      if (refused.length > 0) {
        // Only a change made between the check and the write gets here (a batch removed meanwhile).
        return sendError(res, 409, 'import_incomplete', `${refused.length} of ${events.length} changes were refused (the list changed meanwhile); import the file again`, {
          refused: refused.map(({ outcome }) => ('code' in outcome ? outcome.code : 'unknown')),
        });
      }
      res.json({ ...counts, importId });
    } catch (err) {
      next(err);
    }
  });

  router.get('/ceremony/report', adminOnly, (_req, res) => {
    const rows = ceremonyReport(service.state);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ rows, counts: receptionCounts(rows) });
  });

  router.get('/ceremony/report.xlsx', adminOnly, async (_req, res, next) => {
    try {
      const now = new Date();
      const state = service.state;
      const rows = ceremonyReport(state);
      const file = await xlsxOf({ kind: 'ceremonyReport', rows, title: state.event?.name ?? '', generatedAt: now, timeZone: timezoneOf(state) });
      sendXlsx(res, `le-ton-vinh-${stamp(state, now)}.xlsx`, file);
    } catch (err) {
      next(err);
    }
  });

  return router;
}
