/**
 * Assembles the server: SQLite store, projection, Express routes, Socket.IO, the built client,
 * and graceful shutdown. `startServer` is what `npm start` and every test use (tests pass
 * port 0 and their own data directory).
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import net, { type AddressInfo } from 'node:net';
import express from 'express';
import { adminRoutes } from './admin/routes.ts';
import { agencyRoutes } from './agency/routes.ts';
import { PUBLIC_PATH, publicRoutes } from './public/routes.ts';
import { attachPublicLive } from './public/live.ts';
import { PUBLIC_NAMESPACE } from '../shared/publicNamespace.ts';
import { Authenticator } from './auth/authenticate.ts';
import { AuthFailureLimiter, RateLimiter } from './auth/rateLimit.ts';
import { ENROLMENT_CODE_MINUTES, MAX_CONNECTIONS_PER_ADDRESS, MAX_SOCKETS_PER_ADDRESS, PUBLIC_MAX_SOCKETS, PUBLIC_REQUESTS_PER_MINUTE } from './http/limits.ts';
import { EnrolmentCodes } from './auth/enrolmentCodes.ts';
import { REDEEM_PATH, tokenRoutes } from './auth/routes.ts';
import { backupRoutes } from './backup/routes.ts';
import { BackupService } from './backup/service.ts';
import { SYSTEM_PRINCIPAL, TokenStore } from './auth/tokenStore.ts';
import { DEFAULT_BACKUPS, DEFAULT_PERSONAL_DATA_DAYS, DEFAULT_RATE_LIMITS, type ServerConfig } from './config.ts';
import { defaultEventEvents } from './defaultEvent/seed.ts';
import { eventRoutes } from './events/routes.ts';
import { EventService } from './events/service.ts';
import { writeRoutes } from './events/writeRoutes.ts';
import { errorHandler, unknownApiRoute } from './http/errors.ts';
import { BATCH_BODY_LIMIT_BYTES, jsonBody } from './http/jsonBody.ts';
import { CEREMONY_IMPORT_PATH, ceremonyRoutes } from './ceremony/routes.ts';
import { parseTrustProxy } from './http/clientAddress.ts';
import { rejectUnknownQuery, requestContext } from './http/requestContext.ts';
import { pageRoutes } from './http/pages.ts';
import { attachLive } from './live/socket.ts';
import { createLogger, type Logger } from './log.ts';
import { KEYS_FILE, KeyStore } from './privacy/keyStore.ts';
import { logHasSealedData } from './privacy/sealing.ts';
import { privacyRoutes } from './privacy/routes.ts';
import { PrivacyService } from './privacy/service.ts';
import { openDatabase, type Db } from './store/database.ts';
import { EventStore } from './store/eventStore.ts';
import { LogIdentity } from './store/logIdentity.ts';
import { migrateDataDir } from './store/migrate.ts';
import { SnapshotStore } from './store/snapshotStore.ts';
import { stateRoutes } from './state/routes.ts';
import { tightenDataDir } from './store/filePermissions.ts';

export interface RunningServer {
  url: string;
  port: number;
  adminToken: string;
  service: EventService;
  backups: BackupService;
  privacy: PrivacyService;
  /** The database connection (tests inject storage faults through it). */
  db: Db;
  /** The key store (tests inject its faults the same way). */
  keys: KeyStore;
  log: Logger;
  /** Every route of the API (method, path under /api): the access tests try each one with every role. */
  apiRoutes(): { method: string; path: string }[];
  /** Graceful: stop accepting, finish in-flight writes, close sockets and the database. */
  close(): Promise<void>;
}

interface RouterLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
}

function routesOf(stack: RouterLayer[], out: { method: string; path: string }[] = []): { method: string; path: string }[] {
  for (const layer of stack) {
    if (layer.route) {
      for (const method of Object.keys(layer.route.methods)) for (const path of [layer.route.path].flat()) out.push({ method: method.toUpperCase(), path });
    } else if (layer.handle?.stack) routesOf(layer.handle.stack, out);
  }
  return out;
}

/** How often the log's head is noted outside the database (logIdentity.ts). */
const LOG_HEAD_EVERY_MS = 2000;

/** Closes a connection beyond `max` open ones from the same address, at once (nothing is read from it). */
function limitConnectionsPerAddress(server: net.Server, max: number): void {
  const open = new Map<string, number>();
  server.on('connection', (socket: net.Socket) => {
    const address = socket.remoteAddress ?? '';
    const count = (open.get(address) ?? 0) + 1;
    if (count > max) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
}

export async function startServer(config: ServerConfig, options: { log?: Logger } = {}): Promise<RunningServer> {
  const log = options.log ?? createLogger(config.logLevel);
  // The people's data is the server user's alone: anything looser is tightened, and said.
  const loose = tightenDataDir(config.dataDir);
  if (loose.length > 0) log.warn({ files: loose.slice(0, 20), count: loose.length }, 'DATA_DIR was readable by other users of this machine: made 0700, its files 0600');
  const db = openDatabase(config.dataDir);
  if (!KeyStore.existsIn(config.dataDir) && logHasSealedData(db) && !config.acceptLostKeys) {
    db.close();
    throw new Error(
      `${path.join(config.dataDir, KEYS_FILE)} is missing, and the log holds personal data sealed with its keys. ` +
        'Copy back the key store taken with the log (DATA_DIR/backups/keys-<time>.sqlite beside events-<time>.sqlite) as DATA_DIR/keys.sqlite, ' +
        'or start with ACCEPT_LOST_KEYS=1 to go on without it: the personal data in the log is then lost for good (every count stays).',
    );
  }
  const keys = KeyStore.open(config.dataDir);
  const migrated = migrateDataDir(config.dataDir, db, keys);
  if (migrated) log.info(migrated, 'log migrated: opaque donor ids, no full CCCD, personal data sealed');
  const store = new EventStore(db, keys);
  const identity = new LogIdentity(db, config.dataDir, (seq) => store.idAt(seq));
  if (identity.renewed === 'rewound') log.warn({ logId: identity.logId }, 'the log is not the one this server last saw (a backup restored?): it has a new identity, clients take a snapshot');
  const tokens = new TokenStore(db);
  const adminToken = tokens.ensureAdmin(config.dataDir, config.adminToken);
  const snapshots = new SnapshotStore(config.dataDir, store, keys.id);
  const service = new EventService(store, keys, snapshots, config.now ? () => new Date(config.now!()) : undefined, config.occurredAtWindowMs);
  log.info({ seq: service.state.seq, ...service.loaded }, 'state loaded (snapshot + events after it)');
  const rateLimits = config.rateLimits ?? DEFAULT_RATE_LIMITS;
  const auth = new Authenticator(tokens, new AuthFailureLimiter(rateLimits.authFailuresPerMinute), parseTrustProxy(config.trustProxy));
  const writeLimiter = new RateLimiter(rateLimits.writesPerSecond, 10);
  const backups = new BackupService(db, keys, config.dataDir, config.backups ?? DEFAULT_BACKUPS, log);
  backups.removePartials();
  if (migrated || backups.hasClearLogs()) {
    // A backup of the migrated log; once it is written, the backups of the log in clear go.
    await backups.backup().catch((err: unknown) => log.error({ err }, 'the backup of the migrated log failed; the old backups are kept until one is written'));
  }
  const personalDataDays = config.personalDataDays === undefined ? DEFAULT_PERSONAL_DATA_DAYS : config.personalDataDays;
  const privacy = new PrivacyService({ service, keys, store, snapshots, backups, log, personalDataDays, ...(config.now ? { now: config.now } : {}) });
  const logId = () => identity.logId;

  if (store.count() === 0) {
    const outcomes = await service.submitMany(defaultEventEvents(), SYSTEM_PRINCIPAL, { atomic: true });
    const failed = outcomes.filter((o) => o.status !== 201 && o.status !== 200);
    if (failed.length > 0) throw new Error(`could not load the default event: ${JSON.stringify(failed[0])}`);
    log.info({ events: outcomes.length }, 'empty store: default event loaded');
  }

  const app = express();
  app.disable('x-powered-by');
  // API answers are no-store, so an ETag (a hash of every body) would only cost time.
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(requestContext(log));

  // The write path is answered before Express sees it (events/writeRoutes.ts says why).
  const writes = writeRoutes({ service, auth, writeLimiter, log });
  const handler: http.RequestListener = (req, res) => {
    if (!writes(req, res)) app(req, res);
  };
  // A request must arrive whole in time (a slow body holds a connection for minutes by Node's
  // default), and one address holds a bounded number of connections (issue 16, 10).
  const requestTimeout = config.requestTimeoutMs ?? 30_000;
  const timeouts = { requestTimeout, headersTimeout: Math.min(requestTimeout, 15_000), connectionsCheckingInterval: Math.min(1000, requestTimeout) };
  const httpServer = config.tls
    ? https.createServer({ cert: fs.readFileSync(config.tls.certFile), key: fs.readFileSync(config.tls.keyFile), ...timeouts }, handler)
    : http.createServer(timeouts, handler);
  limitConnectionsPerAddress(httpServer, config.maxConnectionsPerAddress ?? MAX_CONNECTIONS_PER_ADDRESS);
  const live = attachLive({
    httpServer,
    service,
    store,
    auth,
    log,
    logId,
    allowedOrigins: config.allowedOrigins ?? [],
    ...(config.maxSocketsPerToken !== undefined ? { maxSocketsPerToken: config.maxSocketsPerToken } : {}),
    ...(config.maxSocketsPerAddress !== undefined ? { maxSocketsPerAddress: config.maxSocketsPerAddress } : {}),
    ...(config.socketHandshakesPerMinute !== undefined ? { handshakesPerMinute: config.socketHandshakesPerMinute } : {}),
    ...(config.maxReplay !== undefined ? { maxReplay: config.maxReplay } : {}),
  });
  const publicLive = attachPublicLive({
    io: live.io,
    service,
    auth,
    logId,
    maxSockets: config.publicMaxSockets ?? PUBLIC_MAX_SOCKETS,
    maxPerAddress: config.maxSocketsPerAddress ?? MAX_SOCKETS_PER_ADDRESS,
    ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
    log,
  });

  const api = express.Router();
  // The token before the body: every route but the health check needs one, and nobody unknown
  // makes the server read or parse a body (issue 16, 1). The routes check the role after.
  const anyToken = auth.require();
  api.use((req, res, next) => {
    const route = req.path.toLowerCase().replace(/\/$/, '');
    if (req.method === 'GET' && (route === '/health' || route === PUBLIC_PATH)) return next();
    // An enrolment code is checked by its route; an address locked out by failures is refused first.
    if (req.method === 'POST' && route === REDEEM_PATH) {
      const locked = auth.lockout(auth.addressOf(req));
      return locked ? Authenticator.refuse(res, locked) : next();
    }
    anyToken(req, res, next);
  });
  // An empty POST (POST /api/backups) needs no content type; any body must be JSON. A list
  // (the ceremony's honourees) may be as large as a batch of events.
  const smallBody = jsonBody();
  const listBody = jsonBody(BATCH_BODY_LIMIT_BYTES);
  api.use((req, res, next) => (req.method === 'POST' && req.path.toLowerCase().replace(/\/$/, '') === CEREMONY_IMPORT_PATH ? listBody : smallBody)(req, res, next));
  api.use(rejectUnknownQuery);
  api.use(stateRoutes({ service, auth, logId }));
  api.use(
    publicRoutes({
      current: publicLive.source,
      addressOf: (req) => auth.addressOf(req),
      requestsPerMinute: config.publicRequestsPerMinute ?? PUBLIC_REQUESTS_PER_MINUTE,
      ...(config.publicRequestsTotalPerMinute ? { totalPerMinute: config.publicRequestsTotalPerMinute } : {}),
    }),
  );
  api.use(eventRoutes({ service, store, auth }));
  api.use(
    tokenRoutes({
      auth,
      codes: new EnrolmentCodes(db, tokens, (config.enrolmentCodeMinutes ?? ENROLMENT_CODE_MINUTES) * 60_000, config.now),
      onRevoked: live.closeSocketsOf,
      personalDataDays,
      agencyExists: (agencyId) => service.state.agencies.has(agencyId),
      ...(config.now ? { now: config.now } : {}),
    }),
  );
  api.use(backupRoutes({ auth, backups }));
  api.use(adminRoutes({ auth, devices: live.devices, control: live.control, service, store }));
  api.use(privacyRoutes({ auth, service, privacy }));
  api.use(ceremonyRoutes({ auth, service }));
  api.use(agencyRoutes({ auth, service }));
  api.use(unknownApiRoute);
  app.use('/api', api);
  app.use(pageRoutes(config.clientDir, config.liveFrameAncestors ?? []));
  app.use(errorHandler((err) => log.error({ err }, 'unexpected error')));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  backups.start();
  privacy.start();
  service.snapshotIfDue();
  // While the store cannot write, probe it so health and writes recover by themselves.
  const probe = setInterval(() => service.probeStore(), 2000);
  probe.unref();
  identity.noteHead(service.state.seq);
  const headTimer = setInterval(() => identity.noteHead(service.state.seq), LOG_HEAD_EVERY_MS);
  headTimer.unref();
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `${config.tls ? 'https' : 'http'}://${shownHost}:${port}`;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      clearInterval(probe);
      clearInterval(headTimer);
      backups.stop();
      privacy.stop();
      await service.close();
      await privacy.settled();
      await backups.settle();
      identity.noteHead(service.state.seq);
      await publicLive.close();
      live.io.of(PUBLIC_NAMESPACE).disconnectSockets(true);
      live.io.disconnectSockets(true);
      // Writes in flight are answered by now; keep-alive connections idle since then can go.
      httpServer.closeIdleConnections();
      const forced = setTimeout(() => httpServer.closeAllConnections(), 1000);
      await httpClosed;
      clearTimeout(forced);
      db.close();
      keys.close();
    })());

  // The write path is answered before Express (events/writeRoutes.ts): its two routes first.
  const apiRoutes = () => [{ method: 'POST', path: '/events' }, { method: 'POST', path: '/events/batch' }, ...routesOf((api as unknown as { stack: RouterLayer[] }).stack)];
  return { url, port, adminToken, service, backups, privacy, db, keys, log, apiRoutes, close };
}
