/**
 * Live push over Socket.IO. A client connects with `auth: { token, after?, logId? }`; it gets
 * either the events after `after` replayed from the log (when `logId`, if given, is this log's),
 * or a `snapshot`, then every recorded event in seq order, and each milestone as it is reached.
 * Sockets are in one room per visibility (shared/privacy.ts): the wall, the MC and the
 * coordinators receive donor events as counts, never a donor's identity; each broadcast is
 * serialised once per room, not once per socket. A deferral's reason (and a correction note
 * about a donor) goes whole only to the desk that wrote it: the other desks get it without.
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
  describeZodError,
  announceableName,
  eventForViewer,
  milestoneForViewer,
  projectionToWire,
  toStateBody,
  viewerOf,
  type ClientToServerEvents,
  type ControlMessage,
  type MilestoneInfo,
  type MilestoneMessage,
  type ProjectionState,
  type SnapshotMessage,
  type Viewer,
  type RecordedEvent,
  type SendContext,
  type ServerToClientEvents,
  type Visibility,
} from '../../shared/index.ts';
import type { Authenticator } from '../auth/authenticate.ts';
import type { TokenRecord } from '../auth/tokenStore.ts';
import type { EventService } from '../events/service.ts';
import type { EventStore } from '../store/eventStore.ts';
import type { Logger } from '../log.ts';
import { DeviceRegistry } from './devices.ts';

interface SocketData {
  principal: TokenRecord;
  /** The client's address, as the connection caps count it. */
  address: string;
  after: number | undefined;
  logId: string | undefined;
  status?: DeviceStatus;
}

export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const VISIBILITIES: readonly Visibility[] = ['full', 'desk', 'staff', 'mc', 'public'];
const visibilityRoom = (visibility: Visibility) => `see:${visibility}`;
const tokenRoom = (tokenId: string) => `token:${tokenId}`;

/** The `milestone` message as a visibility may receive it (the MC and admin: with a consented name). */
export function milestoneMessage(milestone: MilestoneInfo, seq: number, state: EventService['state'], visibility: Visibility): MilestoneMessage {
  const shown = milestoneForViewer(milestone, state, visibility);
  const announceName = visibility === 'full' ? (milestone.donorId ? announceableName(state.donors.get(milestone.donorId)) : undefined) : shown.announceName;
  return { id: shown.id, label: shown.label, reachedAt: shown.reachedAt, seq, kind: shown.kind, script: shown.script, ...(announceName ? { announceName } : {}) };
}

/** A note only its author (and admin) may read: a deferral's reason, a correction of a donor event. */
function isAuthorsNote(event: RecordedEvent, counted: SendContext['counted']): boolean {
  return event.actor?.role === 'desk' && (event.type === 'donor.deferred' || (event.type === 'event.voided' && counted !== null));
}

/** Open sockets one token may hold (a device: its page, a reload, a second tab) and one address. */
export const MAX_SOCKETS_PER_TOKEN = 20;
export const MAX_SOCKETS_PER_ADDRESS = 100;

function count(map: Map<string, number>, key: string, delta: number): void {
  const next = (map.get(key) ?? 0) + delta;
  if (next <= 0) map.delete(key);
  else map.set(key, next);
}

/**
 * The snapshot message, built once per visibility and seq (a desk's per token: it holds its own
 * deferral notes) and shared by every socket that asks for it until the next event: a
 * reconnect storm costs one build, not one per device.
 */
class SnapshotCache {
  private seq = -1;
  private logId = '';
  private readonly built = new Map<string, SnapshotMessage>();

  get(state: ProjectionState, viewer: Viewer, logId: string): SnapshotMessage {
    if (state.seq !== this.seq || logId !== this.logId) {
      this.built.clear();
      this.seq = state.seq;
      this.logId = logId;
    }
    const key = viewer.visibility === 'desk' ? `desk:${viewer.tokenId ?? ''}` : viewer.visibility;
    let message = this.built.get(key);
    if (!message) {
      message = { ...toStateBody(state, viewer.visibility), logId, projection: projectionToWire(state, viewer) };
      this.built.set(key, message);
    }
    return message;
  }
}

/** Whether a handshake's Origin is the server's own (same host), one configured, or absent. */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (origin === undefined) return true;
  if (allowed.has(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function attachLive(deps: {
  httpServer: HttpServer;
  service: EventService;
  store: EventStore;
  auth: Authenticator;
  log: Logger;
  logId: () => string;
  maxReplay?: number;
  /** Other origins whose pages may open a socket (the server's own always may). */
  allowedOrigins?: readonly string[];
  /** Open sockets one token may hold, and one address (issue 16, 2). */
  maxSocketsPerToken?: number;
  maxSocketsPerAddress?: number;
}): {
  io: LiveServer;
  devices: DeviceRegistry;
  closeSocketsOf: (tokenId: string) => void;
  /** Tells a device's open pages to reload, or to go to another page (admin, remote). */
  control: (tokenId: string, command: ControlMessage) => number;
} {
  const { httpServer, service, store, auth, log, logId } = deps;
  const maxReplay = deps.maxReplay ?? MAX_REPLAY;
  const devices = new DeviceRegistry();
  const allowedOrigins = new Set(deps.allowedOrigins ?? []);
  const maxPerToken = deps.maxSocketsPerToken ?? MAX_SOCKETS_PER_TOKEN;
  const maxPerAddress = deps.maxSocketsPerAddress ?? MAX_SOCKETS_PER_ADDRESS;
  const perToken = new Map<string, number>();
  const perAddress = new Map<string, number>();
  const snapshots = new SnapshotCache();
  const io: LiveServer = new Server(httpServer, {
    serveClient: false,
    // A page of another site may not open a socket with a token it found (issue 16, 10): a
    // browser says where its page comes from; the server's own pages, and tools that send no
    // Origin (scanners, tests), pass.
    allowRequest: (req, callback) => callback(null, originAllowed(req.headers.origin, req.headers.host, allowedOrigins)),
    maxHttpBufferSize: 1e5,
    // A wall on dead wifi should notice within ~15 s, not the default ~45 s.
    pingInterval: 10_000,
    pingTimeout: 5_000,
  });

  io.use((socket, next) => {
    const handshake = SocketAuth.safeParse(socket.handshake.auth);
    // A token with a malformed rest (after: -1, "abc", null…) is a bad request, said as such: it
    // is no failed token, and must not count toward the address's lock-out (issue 16, 7).
    const sentToken = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (!handshake.success && typeof sentToken === 'string' && sentToken.length > 0) {
      const message = describeZodError(handshake.error, 'auth');
      return next(Object.assign(new Error('bad_request'), { data: { code: 'bad_request', message } }));
    }
    const token = handshake.success ? handshake.data.token : undefined;
    const verdict = auth.verify(token, auth.addressOf(socket.request));
    if (!verdict.ok) {
      const message = handshake.success ? verdict.message : 'send auth: { token, after? } in the handshake';
      const code = verdict.status === 429 ? 'rate_limited' : 'unauthorized';
      // A rate-limited device keeps retrying; a refused token stops (the client reads the message).
      return next(Object.assign(new Error(code), { data: { code, message, retryAfter: verdict.retryAfter } }));
    }
    // A device holds a few sockets (a page, a reload); thousands from one token or address are
    // an attack, or a loop, and each would cost a snapshot (issue 16, 2).
    const address = auth.addressOf(socket.request);
    if ((perToken.get(verdict.principal.id) ?? 0) >= maxPerToken || (perAddress.get(address) ?? 0) >= maxPerAddress) {
      const message = 'too many open connections from this device or address: close other pages, or wait';
      return next(Object.assign(new Error('too_many_connections'), { data: { code: 'too_many_connections', message, retryAfter: 5 } }));
    }
    count(perToken, verdict.principal.id, 1);
    count(perAddress, address, 1);
    socket.data = { principal: verdict.principal, after: handshake.success ? handshake.data.after : undefined, logId: handshake.success ? handshake.data.logId : undefined, address };
    next();
  });

  io.on('connection', (socket: LiveSocket) => {
    const { principal, after } = socket.data;
    const viewer = viewerOf(principal);
    const state = service.state;
    // Another history's seq means nothing here: a client that held another log's state gets a snapshot.
    const sameHistory = socket.data.logId === undefined || socket.data.logId === logId();
    const canReplay = after !== undefined && sameHistory && after <= state.seq && state.seq - after <= maxReplay;
    if (canReplay) {
      for (const { event, counted } of store.after(after, maxReplay)) socket.emit('event', eventForViewer(event, viewer, { counted, state }));
    } else {
      // Built once per visibility (and desk) and seq: every device reconnecting after a wifi drop shares it.
      socket.emit('snapshot', snapshots.get(state, viewer, logId()));
    }
    socket.join([visibilityRoom(viewer.visibility), tokenRoom(principal.id)]);
    devices.connected(principal.id, auth.addressOf(socket.request));
    socket.on('disconnect', () => {
      devices.disconnected(principal.id);
      count(perToken, principal.id, -1);
      count(perAddress, socket.data.address, -1);
    });
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
    const state = service.state;
    for (const { event, counted, milestones } of recorded) {
      const context: SendContext = { counted, state };
      for (const visibility of VISIBILITIES) {
        // An empty room would still cost a copy and an encoding of the event.
        const room = visibilityRoom(visibility);
        if (!io.sockets.adapter.rooms.get(room)?.size) continue;
        if (visibility === 'desk' && isAuthorsNote(event, counted)) {
          const author = event.actor!.tokenId;
          io.to(room)
            .except(tokenRoom(author))
            .emit('event', eventForViewer(event, { visibility }, context));
          io.to(tokenRoom(author)).emit('event', eventForViewer(event, { visibility, tokenId: author }, context));
        } else {
          io.to(room).emit('event', eventForViewer(event, { visibility }, context));
        }
        for (const milestone of milestones) io.to(room).emit('milestone', milestoneMessage(milestone, event.seq, state, visibility));
      }
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
