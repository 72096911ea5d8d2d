/**
 * The organisers' administration API (admin only): devices (tokens with their presence and
 * reported outbox) and remote control of a device's pages. Reports and the audit log join
 * here.
 */
import { Router } from 'express';
import { ControlMessage, describeZodError } from '../../shared/index.ts';
import type { Authenticator } from '../auth/authenticate.ts';
import { sendError } from '../http/errors.ts';
import type { DeviceRegistry } from '../live/devices.ts';

export interface AdminDeps {
  auth: Authenticator;
  devices: DeviceRegistry;
  control: (tokenId: string, command: ControlMessage) => number;
}

export function adminRoutes(deps: AdminDeps): Router {
  const { auth, devices, control } = deps;
  const router = Router();
  const adminOnly = auth.require(['admin']);

  router.get('/devices', adminOnly, (_req, res) => {
    const list = auth.tokens.list().map((token) => {
      const presence = devices.get(token.id);
      return {
        ...token,
        connected: (presence?.connections ?? 0) > 0,
        connections: presence?.connections ?? 0,
        lastSeenAt: presence?.lastSeenAt ?? null,
        page: presence?.page ?? null,
        outbox: presence?.outbox ?? null,
      };
    });
    res.json({ devices: list });
  });

  router.post('/devices/:id/control', adminOnly, (req, res) => {
    const id = String(req.params.id);
    const command = ControlMessage.safeParse(req.body);
    if (!command.success) return sendError(res, 400, 'invalid_body', describeZodError(command.error));
    if (!auth.tokens.list().some((token) => token.id === id && !token.revokedAt)) {
      return sendError(res, 404, 'unknown_token', `no active device with id ${JSON.stringify(id.slice(0, 64))}`);
    }
    res.status(202).json({ id, delivered: control(id, command.data) });
  });

  return router;
}
