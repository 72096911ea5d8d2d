/**
 * A public counter process (issue 19, `npm run start:public`): serves `/live`, GET /api/public
 * and the Socket.IO namespace `/public` to the public, and nothing else — no token, no SQLite:
 * the one process that writes the log (`npm start`) stays the only writer. It gets the figures
 * from the writer through Redis (./relay.ts) and, as the contract across processes, keeps the
 * newest body by `seq`: it reads the writer's GET /api/public at start and whenever no body came
 * for a while, so its viewers catch up after a Redis outage or a stalled fan-out, and never see
 * figures go back. Several run side by side (Node's cluster, or separate processes behind a
 * proxy); a viewer whose process dies reconnects to another and gets the current figures at once.
 */
import http from 'node:http';
import express from 'express';
import { Server } from 'socket.io';
import type { PublicBody } from '../../shared/publicView.ts';
import { parseTrustProxy, requestAddress } from '../http/clientAddress.ts';
import { unknownApiRoute } from '../http/errors.ts';
import { MAX_SOCKETS_PER_ADDRESS, PUBLIC_MAX_SOCKETS, PUBLIC_REQUESTS_PER_MINUTE } from '../http/limits.ts';
import { pageRoutes } from '../http/pages.ts';
import { rejectUnknownQuery, requestContext } from '../http/requestContext.ts';
import type { Logger } from '../log.ts';
import { servePublicNamespace } from './live.ts';
import { isNewer, relayOverRedis } from './relay.ts';
import { publicRoutes } from './routes.ts';

/** Without a body from Redis for this long, the process reads the writer's figures itself. */
export const WRITER_READ_AFTER_MS = 5000;

export interface PublicServerConfig {
  port: number;
  host: string;
  redisUrl: string;
  /** The writer's base URL (its GET /api/public), e.g. http://127.0.0.1:3000. */
  writerUrl: string;
  clientDir: string;
  trustProxy?: string;
  maxSockets?: number;
  maxSocketsPerAddress?: number;
  requestsPerMinute?: number;
  liveFrameAncestors?: string[];
  /** How long without a body before reading the writer (tests shorten it). */
  writerReadAfterMs?: number;
}

export interface RunningPublicServer {
  url: string;
  port: number;
  viewers: () => number;
  close(): Promise<void>;
}

export async function startPublicServer(config: PublicServerConfig, log: Logger): Promise<RunningPublicServer> {
  const trusted = parseTrustProxy(config.trustProxy ?? '');
  const addressOf = (req: http.IncomingMessage) => requestAddress(req, trusted);
  let last: PublicBody | null = null;
  let lastAt = 0;

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(requestContext(log));
  const api = express.Router();
  api.use(rejectUnknownQuery);
  api.use(
    publicRoutes({
      current: () => (last ? { key: `${last.logId}:${last.seq}`, body: () => last! } : null),
      addressOf,
      requestsPerMinute: config.requestsPerMinute ?? PUBLIC_REQUESTS_PER_MINUTE,
    }),
  );
  api.use(unknownApiRoute);
  app.use('/api', api);
  app.use(pageRoutes(config.clientDir, config.liveFrameAncestors ?? [], ['live']));

  const httpServer = http.createServer(app);
  const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 1e4, pingInterval: 10_000, pingTimeout: 5_000 });
  // The staff namespace does not exist here: a socket that asks for it gets nothing.
  io.of('/').use((_socket, next) => next(Object.assign(new Error('forbidden'), { data: { code: 'forbidden', message: 'this server serves the public counter only (/public)' } })));
  const served = servePublicNamespace({
    io,
    addressOf,
    maxSockets: config.maxSockets ?? PUBLIC_MAX_SOCKETS,
    maxPerAddress: config.maxSocketsPerAddress ?? MAX_SOCKETS_PER_ADDRESS,
    current: () => last,
  });
  const take = (body: PublicBody) => {
    lastAt = Date.now();
    if (!isNewer(body, last)) return;
    last = body;
    served.send(body);
  };
  served.namespace.on('body', take);
  const relay = await relayOverRedis(served.namespace, config.redisUrl, log);

  // The writer's own figures: at start, and whenever Redis has been quiet for a while.
  let etag: string | null = null;
  const readWriter = async () => {
    try {
      const response = await fetch(`${config.writerUrl}/api/public`, { headers: etag ? { 'if-none-match': etag } : {}, signal: AbortSignal.timeout(3000) });
      if (response.status === 304) lastAt = Date.now();
      else if (response.ok) {
        etag = response.headers.get('etag');
        take((await response.json()) as PublicBody);
      }
    } catch {
      // The writer is unreachable: the viewers keep the last figures, greyed by their age.
    }
  };
  await readWriter();
  const quietAfter = config.writerReadAfterMs ?? WRITER_READ_AFTER_MS;
  const watch = setInterval(
    () => {
      if (Date.now() - lastAt >= quietAfter) void readWriter();
    },
    Math.max(200, Math.floor(quietAfter / 2)),
  );

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const port = (httpServer.address() as { port: number }).port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  log.info({ url, writer: config.writerUrl }, 'public counter listening');
  return {
    url,
    port,
    viewers: served.viewers,
    async close() {
      clearInterval(watch);
      io.of('/public').disconnectSockets(true);
      await relay.close();
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
    },
  };
}
