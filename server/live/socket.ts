/**
 * Live push over Socket.IO. A client connects with `auth: { token, after? }`; it gets either
 * the events after `after` replayed from the log, or a `snapshot`, then every recorded event
 * in seq order, and each milestone as it is reached. Sockets are in one room per visibility
 * (privacy.ts): a wall never receives a phone, a national id or a donor's name; each
 * broadcast is serialised once per room, not once per socket.
 *
 * No gap is possible: the replay (or snapshot) and joining the room happen in one synchronous
 * step, and events are recorded and broadcast in another, so a connection sees each event
 * exactly once.
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import {
  DeviceStatus,
  MAX_REPLAY,
  SocketAuth,
  eventForVisibility,
  projectionToWire,
  toStateBody,
  visibilityOf,
  type Visibility,
  type ClientToServerEvents,
  type ControlMessage,
  type ServerToClientEvents,
} from '../../shared/index.ts';
import type { Authenticator } from '../auth/authenticate.ts';
import type { TokenRecord } from '../auth/tokenStore.ts';
import type { EventService } from '../events/service.ts';
import type { EventStore } from '../store/eventStore.ts';
import type { Logger } from '../log.ts';
import { DeviceRegistry } from './devices.ts';

interface SocketData {
  principal: TokenRecord;
  after: number | undefined;
  status?: DeviceStatus;
}

export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const VISIBILITIES: readonly Visibility[] = ['full', 'staff', 'public'];
const visibilityRoom = (visibility: Visibility) => `see:${visibility}`;
const tokenRoom = (tokenId: string) => `token:${tokenId}`;

export function attachLive(deps: { httpServer: HttpServer; service: EventService; store: EventStore; auth: Authenticator; log: Logger; maxReplay?: number }): {
  io: LiveServer;
  devices: DeviceRegistry;
  closeSocketsOf: (tokenId: string) => void;
  /** Tells a device's open pages to reload, or to go to another page (admin, remote). */
  control: (tokenId: string, command: ControlMessage) => number;
} {
  const { httpServer, service, store, auth, log } = deps;
  const maxReplay = deps.maxReplay ?? MAX_REPLAY;
  const devices = new DeviceRegistry();
  const io: LiveServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 1e5,
    // A wall on dead wifi should notice within ~15 s, not the default ~45 s.
    pingInterval: 10_000,
    pingTimeout: 5_000,
  });

  io.use((socket, next) => {
    const handshake = SocketAuth.safeParse(socket.handshake.auth);
    const token = handshake.success ? handshake.data.token : undefined;
    const verdict = auth.verify(token, socket.handshake.address);
    if (!verdict.ok) {
      const message = handshake.success ? verdict.message : 'send auth: { token, after? } in the handshake';
      const code = verdict.status === 429 ? 'rate_limited' : 'unauthorized';
      // A rate-limited device keeps retrying; a refused token stops (the client reads the message).
      return next(Object.assign(new Error(code), { data: { code, message, retryAfter: verdict.retryAfter } }));
    }
    socket.data = { principal: verdict.principal, after: handshake.success ? handshake.data.after : undefined };
    next();
  });

  io.on('connection', (socket: LiveSocket) => {
    const { principal, after } = socket.data;
    const visibility = visibilityOf(principal.role);
    const state = service.state;
    const canReplay = after !== undefined && after <= state.seq && state.seq - after <= maxReplay;
    if (canReplay) {
      const options = { thankYouNames: state.event?.thankYouNames ?? false };
      for (const event of store.after(after, maxReplay)) socket.emit('event', eventForVisibility(event, visibility, options));
    } else {
      socket.emit('snapshot', { ...toStateBody(state, visibility), projection: projectionToWire(state, { visibility }) });
    }
    socket.join([visibilityRoom(visibility), tokenRoom(principal.id)]);
    devices.connected(principal.id, socket.handshake.address);
    socket.on('disconnect', () => devices.disconnected(principal.id));
    log.debug({ role: principal.role, device: principal.label, after, replayed: canReplay }, 'socket connected');

    socket.on('device.status', (status) => {
      const parsed = DeviceStatus.safeParse(status);
      if (!parsed.success) return;
      socket.data.status = parsed.data;
      devices.reported(principal.id, parsed.data);
    });
  });

  // One emit per room and event: Socket.IO encodes each broadcast once for all its sockets.
  service.on('recorded', (recorded) => {
    const options = { thankYouNames: service.state.event?.thankYouNames ?? false };
    for (const { event, milestones } of recorded) {
      for (const visibility of VISIBILITIES) {
        // An empty room would still cost a copy and an encoding of the event.
        const room = visibilityRoom(visibility);
        if (io.sockets.adapter.rooms.get(room)?.size) io.to(room).emit('event', eventForVisibility(event, visibility, options));
      }
      for (const milestone of milestones) io.emit('milestone', milestone);
    }
  });

  return {
    io,
    devices,
    closeSocketsOf: (tokenId) => io.in(tokenRoom(tokenId)).disconnectSockets(true),
    control: (tokenId, command) => {
      const room = io.in(tokenRoom(tokenId));
      room.emit('control', command);
      return devices.get(tokenId)?.connections ?? 0;
    },
  };
}
