/**
 * The public counter's live stream (issue 19): the Socket.IO namespace `/public`, no token.
 * Every viewer gets the public figures (shared/publicView.ts) on connecting, then again at most
 * once a second when the log has moved — one body made and encoded once per broadcast for all,
 * whatever the number of viewers, so a link shared on social media costs the desks a bounded
 * amount of work. Viewers are capped per address (MAX_SOCKETS_PER_ADDRESS) and in total
 * (PUBLIC_MAX_SOCKETS); one refused reads GET /api/public instead (the page falls back by itself).
 */
import type { Namespace } from 'socket.io';
import { PUBLIC_NAMESPACE } from '../../shared/publicNamespace.ts';
import type { PublicServerToClientEvents } from '../../shared/protocol.ts';
import { publicBody } from '../../shared/publicView.ts';
import type { Authenticator } from '../auth/authenticate.ts';
import type { EventService } from '../events/service.ts';
import type { LiveServer } from '../live/socket.ts';

const BROADCAST_EVERY_MS = 1000;

export function attachPublicLive(deps: { io: LiveServer; service: EventService; auth: Authenticator; logId: () => string; maxSockets: number; maxPerAddress: number }): {
  viewers: () => number;
  close: () => void;
} {
  const { io, service, auth, logId, maxSockets, maxPerAddress } = deps;
  // Its own events, not the staff namespace's.
  const namespace = io.of(PUBLIC_NAMESPACE) as unknown as Namespace<Record<string, never>, PublicServerToClientEvents>;
  const perAddress = new Map<string, number>();
  let open = 0;
  const bodyNow = () => ({ ...publicBody(service.state, new Date().toISOString()), logId: logId() });

  namespace.use((socket, next) => {
    const address = auth.addressOf(socket.request);
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
    socket.emit('public', bodyNow());
  });

  // At most one broadcast a second, of the figures as they are then.
  let sentSeq = service.state.seq;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const onRecorded = () => {
    if (timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      if (service.state.seq === sentSeq) return;
      sentSeq = service.state.seq;
      if (open > 0) namespace.emit('public', bodyNow());
    }, BROADCAST_EVERY_MS);
  };
  service.on('recorded', onRecorded);
  return {
    viewers: () => open,
    close: () => {
      if (timer !== null) clearTimeout(timer);
      service.off('recorded', onRecorded);
    },
  };
}
