/**
 * Assembles the server: SQLite store, projection, Express routes, Socket.IO, the built client,
 * and graceful shutdown. `startServer` is what `npm start` and every test use (tests pass
 * port 0 and their own data directory).
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { tokenRoutes } from './auth/routes.ts';
import { TokenStore, type TokenRecord } from './auth/tokenStore.ts';
import type { ServerConfig } from './config.ts';
import { defaultEventEvents } from './defaultEvent/seed.ts';
import { eventRoutes } from './events/routes.ts';
import { EventService } from './events/service.ts';
import { errorHandler, sendError, unknownApiRoute } from './http/errors.ts';
import { pageRoutes } from './http/pages.ts';
import { attachLive } from './live/socket.ts';
import { createLogger, type Logger } from './log.ts';
import { openDatabase } from './store/database.ts';
import { EventStore } from './store/eventStore.ts';
import { stateRoutes } from './state/routes.ts';

export interface RunningServer {
  url: string;
  port: number;
  adminToken: string;
  service: EventService;
  log: Logger;
  /** Graceful: stop accepting, finish in-flight writes, close sockets and the database. */
  close(): Promise<void>;
}

const SYSTEM_PRINCIPAL: TokenRecord = { id: 'system', role: 'admin', label: 'Khởi tạo (system)', createdAt: new Date(0).toISOString(), revokedAt: null };
const BODY_LIMIT = '2mb';

export async function startServer(config: ServerConfig, options: { log?: Logger } = {}): Promise<RunningServer> {
  const log = options.log ?? createLogger(config.logLevel);
  const db = openDatabase(config.dataDir);
  const store = new EventStore(db);
  const tokens = new TokenStore(db);
  const adminToken = tokens.ensureAdmin(config.dataDir, config.adminToken);
  const service = new EventService(store);

  if (store.count() === 0) {
    const outcomes = await service.submitMany(defaultEventEvents(), SYSTEM_PRINCIPAL);
    const failed = outcomes.filter((o) => o.status !== 201 && o.status !== 200);
    if (failed.length > 0) throw new Error(`could not load the default event: ${JSON.stringify(failed[0])}`);
    log.info({ events: outcomes.length }, 'empty store: default event loaded');
  }

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use((req, res, next) => {
    const requestId = crypto.randomUUID();
    const started = process.hrtime.bigint();
    res.setHeader('X-Request-Id', requestId);
    res.on('finish', () => {
      if (!req.path.startsWith('/api/')) return;
      log.info(
        { reqId: requestId, method: req.method, path: req.path, status: res.statusCode, role: res.locals.principal?.role, ms: Number(process.hrtime.bigint() - started) / 1e6 },
        'request',
      );
    });
    next();
  });

  const httpServer = http.createServer(app);
  const live = attachLive({ httpServer, service, store, tokens, log });

  const api = express.Router();
  api.use(express.json({ limit: BODY_LIMIT, strict: true }));
  api.use((req, res, next) => {
    if (req.method === 'POST' && !req.is('application/json')) {
      return sendError(res, 400, 'invalid_body', 'send a JSON body with Content-Type: application/json');
    }
    next();
  });
  api.use(stateRoutes({ service, tokens }));
  api.use(eventRoutes({ service, store, tokens }));
  api.use(tokenRoutes({ tokens, onRevoked: live.closeSocketsOf }));
  api.use(unknownApiRoute);
  app.use('/api', api);
  app.use(pageRoutes(config.clientDir));
  app.use(errorHandler((err) => log.error({ err }, 'unexpected error')));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${shownHost}:${port}`;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      await service.close();
      live.io.disconnectSockets(true);
      // Writes in flight are answered by now; keep-alive connections idle since then can go.
      httpServer.closeIdleConnections();
      const forced = setTimeout(() => httpServer.closeAllConnections(), 1000);
      await httpClosed;
      clearTimeout(forced);
      db.close();
    })());

  return { url, port, adminToken, service, log, close };
}

