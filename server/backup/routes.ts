/**
 * Backups on demand: POST /api/backups takes one now, GET /api/backups lists them (admin).
 */
import { Router } from 'express';
import type { Authenticator } from '../auth/authenticate.ts';
import { sendError } from '../http/errors.ts';
import type { BackupService } from './service.ts';

export function backupRoutes(deps: { auth: Authenticator; backups: BackupService }): Router {
  const { auth, backups } = deps;
  const router = Router();
  const adminOnly = auth.require(['admin']);

  router.post('/backups', adminOnly, async (_req, res) => {
    try {
      res.status(201).json(await backups.backup());
    } catch (err) {
      sendError(res, 503, 'backup_failed', `the backup could not be written: ${(err as Error).message}`);
    }
  });

  router.get('/backups', adminOnly, (_req, res) => {
    res.json({ dir: backups.dir, backups: backups.list() });
  });

  return router;
}
