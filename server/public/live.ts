/**
 * The public counter's live stream (issue 19): the Socket.IO namespace `/public`, no token.
 * Every viewer gets the public figures (shared/publicView.ts) on connecting, then again when
 * they change — one body, encoded once per broadcast for all, so a link shared on social media
 * costs the desks a bounded amount of work. Viewers are capped per address
 * (MAX_SOCKETS_PER_ADDRESS) and in total (PUBLIC_MAX_SOCKETS); one refused reads GET /api/public
 * instead (the page falls back by itself).
 *
 * The writer sends at most one body a second after the log moved (`attachPublicLive`); with
 * REDIS_URL it also hands it to the other processes (./relay.ts). A public process
 * (./server.ts) serves the same namespace from the bodies it receives.
 */
import type { IncomingMessage } from 'node:http';
import type { Server } from 'socket.io';
import { PUBLIC_NAMESPACE } from '../../shared/publicNamespace.ts';
import { publicBody, type PublicBody } from '../../shared/publicView.ts';
import type { Authenticator } from '../auth/authenticate.ts';
import type { EventService } from '../events/service.ts';
import type { Logger } from '../log.ts';
import { relayOverRedis, type PublicNamespace } from './relay.ts';
import type { PublicSource } from './routes.ts';

const BROADCAST_EVERY_MS = 1000;

/** The namespace, its caps, and the body each viewer gets on connecting; `send` gives a body to this process's viewers. */
export function servePublicNamespace(deps: { io: Server; addressOf: (req: IncomingMessage) => string; maxSockets: number; maxPerAddress: number; current: () => PublicBody | null }): {
  namespace: PublicNamespace;
  viewers: () => number;
  send: (body: PublicBody) => void;
} {
  const { io, addressOf, maxSockets, maxPerAddress, current } = deps;
  // Its own events, not the staff namespace's.
  const namespace = io.of(PUBLIC_NAMESPACE) as unknown as PublicNamespace;
  const perAddress = new Map<string, number>();
  let open = 0;

  namespace.use((socket, next) => {
    const address = addressOf(socket.request);
    if (open >= maxSockets || (perAddress.get(address) ?? 0) >= maxPerAddress) {
      const message = 'too many viewers just now: the page reads the figures every few seconds instead';
      return next(Object.assign(new Error('too_many_connections'), { data: { code: 'too_many_connections', message, retryAfter: 30 } }));
    }
    open += 1;
    perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
    socket.on('disconnect', () => {
      open -= 1;
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left <= 0) perAddress.delete(address);
      else perAddress.set(address, left);
    });
    next();
  });
  namespace.on('connection', (socket) => {
    const body = current();
    if (body) socket.emit('public', body);
  });
  return {
    namespace,
    viewers: () => open,
    // Local only: the other processes get the body from the relay and send it themselves.
    send: (body) => {
      if (open > 0) namespace.local.emit('public', body);
    },
  };
}

/**
 * The writer's side: its own viewers, and with a Redis URL every public process's; `source` is
 * the figures GET /api/public serves. The body is made once per log position, whatever the
 * number of viewers connecting or readers asking (a shared link brings thousands at once).
 */
export function attachPublicLive(deps: { io: Server; service: EventService; auth: Authenticator; logId: () => string; maxSockets: number; maxPerAddress: number; redisUrl?: string; log: Logger }): {
  source: PublicSource;
  viewers: () => number;
  close: () => Promise<void>;
} {
  const { io, service, auth, logId, log } = deps;
  let made: { key: string; body: PublicBody } | null = null;
  const keyNow = () => `${logId()}:${service.state.seq}`;
  const bodyNow = (): PublicBody => {
    const key = keyNow();
    if (made?.key !== key) made = { key, body: { ...publicBody(service.state, new Date().toISOString()), logId: logId() } };
    return made.body;
  };
  const served = servePublicNamespace({ io, addressOf: (req) => auth.addressOf(req), maxSockets: deps.maxSockets, maxPerAddress: deps.maxPerAddress, current: bodyNow });
  const relay = deps.redisUrl ? relayOverRedis(served.namespace, deps.redisUrl, log) : null;

  // At most one body a second, of the figures as they are then: a change after a quiet second
  // goes at once (the next turn of the event loop, with the writes that came with it); changes
  // closer together wait for the second to end.
  let sentSeq = service.state.seq;
  let sentAt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const onRecorded = () => {
    if (timer !== null) return;
    timer = setTimeout(
      () => {
        timer = null;
        if (service.state.seq === sentSeq) return;
        sentSeq = service.state.seq;
        sentAt = Date.now();
        const body = bodyNow();
        served.send(body);
        // Queued while Redis is away; the public processes also read GET /api/public meanwhile.
        if (relay) served.namespace.serverSideEmit('body', body);
      },
      Math.max(0, sentAt + BROADCAST_EVERY_MS - Date.now()),
    );
  };
  service.on('recorded', onRecorded);
  return {
    source: () => ({ key: keyNow(), body: bodyNow }),
    viewers: served.viewers,
    close: async () => {
      if (timer !== null) clearTimeout(timer);
      service.off('recorded', onRecorded);
      await (await relay)?.close();
    },
  };
}
