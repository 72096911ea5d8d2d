/**
 * Assembles the server: SQLite store, projection, Express routes, Socket.IO, the built client,
 * and graceful shutdown. `startServer` is what `npm start` and every test use (tests pass
 * port 0 and their own data directory).
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { adminRoutes } from './admin/routes.ts';
import { Authenticator } from './auth/authenticate.ts';
import { AuthFailureLimiter, WriteLimiter } from './auth/rateLimit.ts';
import { tokenRoutes } from './auth/routes.ts';
import { backupRoutes } from './backup/routes.ts';
import { BackupService } from './backup/service.ts';
import { TokenStore, type TokenRecord } from './auth/tokenStore.ts';
import type { ServerConfig } from './config.ts';
import { defaultEventEvents } from './defaultEvent/seed.ts';
import { eventRoutes } from './events/routes.ts';
import { EventService } from './events/service.ts';
import { errorHandler, sendError, unknownApiRoute } from './http/errors.ts';
import { pageRoutes } from './http/pages.ts';
import { securityHeaders } from './http/security.ts';
import { attachLive } from './live/socket.ts';
import { createLogger, type Logger } from './log.ts';
import { openDatabase, type Db } from './store/database.ts';
import { EventStore } from './store/eventStore.ts';
import { SnapshotStore } from './store/snapshotStore.ts';
import { stateRoutes } from './state/routes.ts';

export interface RunningServer {
  url: string;
  port: number;
  adminToken: string;
  service: EventService;
  backups: BackupService;
  /** The database connection (tests inject storage faults through it). */
  db: Db;
  log: Logger;
  /** Graceful: stop accepting, finish in-flight writes, close sockets and the database. */
  close(): Promise<void>;
}

const SYSTEM_PRINCIPAL: TokenRecord = { id: 'system', role: 'admin', label: 'Khởi tạo (system)', createdAt: new Date(0).toISOString(), revokedAt: null };
const BODY_LIMIT = '2mb';

/** Query parameters each GET route under /api accepts; anything else is a 400, never ignored. */
const ALLOWED_QUERY: Record<string, readonly string[]> = { '/events': ['after', 'limit'], '/audit': ['type', 'actor', 'from', 'to', 'order', 'after', 'before', 'limit'], '/audit.csv': ['type', 'actor', 'from', 'to'] };

const rejectUnknownQuery: express.RequestHandler = (req, res, next) => {
  const allowed = ALLOWED_QUERY[req.path] ?? [];
  const unknown = Object.keys(req.query).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    return sendError(res, 400, 'invalid_query', `unknown query parameter(s): ${unknown.slice(0, 5).map((k) => JSON.stringify(k.slice(0, 40))).join(', ')}`);
  }
  next();
};

export async function startServer(config: ServerConfig, options: { log?: Logger } = {}): Promise<RunningServer> {
  const log = options.log ?? createLogger(config.logLevel);
  const db = openDatabase(config.dataDir);
  const store = new EventStore(db);
  const tokens = new TokenStore(db);
  const adminToken = tokens.ensureAdmin(config.dataDir, config.adminToken);
  const service = new EventService(store, new SnapshotStore(db));
  log.info({ seq: service.state.seq, ...service.loaded }, 'state loaded (snapshot + events after it)');
  const rateLimits = config.rateLimits ?? { authFailuresPerMinute: 20, writesPerSecond: 1000 };
  const auth = new Authenticator(tokens, new AuthFailureLimiter(rateLimits.authFailuresPerMinute));
  const writeLimiter = new WriteLimiter(rateLimits.writesPerSecond);
  const backups = new BackupService(db, config.dataDir, config.backups ?? { intervalMinutes: 15, keep: 48 }, log);

  if (store.count() === 0) {
    const outcomes = await service.submitMany(defaultEventEvents(), SYSTEM_PRINCIPAL);
    const failed = outcomes.filter((o) => o.status !== 201 && o.status !== 200);
    if (failed.length > 0) throw new Error(`could not load the default event: ${JSON.stringify(failed[0])}`);
    log.info({ events: outcomes.length }, 'empty store: default event loaded');
  }

  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());
  app.set('query parser', 'simple');
  app.use((req, res, next) => {
    const requestId = crypto.randomUUID();
    const started = process.hrtime.bigint();
    res.setHeader('X-Request-Id', requestId);
    // The path before routing: mounted routers rewrite req.url while they run.
    const requestPath = req.path;
    res.on('finish', () => {
      if (!requestPath.startsWith('/api/') || !log.isLevelEnabled('info')) return;
      log.info(
        {
          reqId: requestId,
          method: req.method,
          path: requestPath,
          status: res.statusCode,
          role: res.locals.principal?.role,
          device: res.locals.principal?.label,
          types: res.locals.eventTypes,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      );
    });
    next();
  });

  const httpServer = http.createServer(app);
  const live = attachLive({ httpServer, service, store, auth, log, ...(config.maxReplay !== undefined ? { maxReplay: config.maxReplay } : {}) });

  const api = express.Router();
  api.use(express.json({ limit: BODY_LIMIT, strict: true }));
  api.use((req, res, next) => {
    // An empty POST (POST /api/backups) needs no content type; any body must be JSON.
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (req.method === 'POST' && hasBody && !req.is('application/json')) {
      return sendError(res, 400, 'invalid_body', 'send a JSON body with Content-Type: application/json');
    }
    next();
  });
  api.use(rejectUnknownQuery);
  api.use(stateRoutes({ service, auth }));
  api.use(eventRoutes({ service, store, auth, writeLimiter }));
  api.use(tokenRoutes({ auth, onRevoked: live.closeSocketsOf }));
  api.use(backupRoutes({ auth, backups }));
  api.use(adminRoutes({ auth, devices: live.devices, control: live.control, service, store }));
  api.use(unknownApiRoute);
  app.use('/api', api);
  app.use(pageRoutes(config.clientDir));
  app.use(errorHandler((err) => log.error({ err }, 'unexpected error')));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  backups.start();
  // While the store cannot write, probe it so health and writes recover by themselves.
  const probe = setInterval(() => service.probeStore(), 2000);
  probe.unref();
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${shownHost}:${port}`;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      clearInterval(probe);
      backups.stop();
      await service.close();
      await backups.settle();
      live.io.disconnectSockets(true);
      // Writes in flight are answered by now; keep-alive connections idle since then can go.
      httpServer.closeIdleConnections();
      const forced = setTimeout(() => httpServer.closeAllConnections(), 1000);
      await httpClosed;
      clearTimeout(forced);
      db.close();
    })());

  return { url, port, adminToken, service, backups, db, log, close };
}

