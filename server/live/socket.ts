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
import { performance } from 'node:perf_hooks';
import { Server, type Socket } from 'socket.io';
import WebSocket from 'ws';
import {
  DeviceStatus,
  MAX_REPLAY,
  SocketAuth,
  describeZodError,
  announceableName,
  eventForViewer,
  milestoneForViewer,
  pageIsFor,
  projectionToWire,
  roleOfPage,
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
import { RateLimiter } from '../auth/rateLimit.ts';
import { MAX_SOCKETS_PER_ADDRESS, MAX_SOCKETS_PER_TOKEN, SOCKET_HANDSHAKES_PER_MINUTE } from '../http/limits.ts';
import type { TokenRecord } from '../auth/tokenStore.ts';
import type { EventService } from '../events/service.ts';
import type { EventStore, StoredEvent } from '../store/eventStore.ts';
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

function count(map: Map<string, number>, key: string, delta: number): void {
  const next = (map.get(key) ?? 0) + delta;
  if (next <= 0) map.delete(key);
  else map.set(key, next);
}

/**
 * How long one turn of the event loop may spend sending snapshots before it lets the desks'
 * writes through; and how far behind the live log a snapshot already encoded may be and still be
 * sent, followed by the events since (a desk writing during a reconnect storm would otherwise
 * make every turn encode megabytes anew).
 */
const SNAPSHOT_TURN_MS = 15;
/** Events after which an older snapshot may hold personal data that is gone (a void may take back a registration). */
// (issue 17) An honouree erased, or edited (hidden from the wall): a snapshot before it may name them.
const ERASING_TYPES: ReadonlySet<string> = new Set(['donor.erased', 'personal_data.expired', 'event.voided', 'ceremony.honouree_erased', 'ceremony.honouree_set', 'ceremony.script_set']);
const SNAPSHOT_REUSE_EVENTS = 200;
const SNAPSHOT_REUSE_MS = 3_000;
/** Snapshot requests in the last second that make a storm; outside one, a snapshot is of the latest seq. */
const STORM_REQUESTS_PER_SECOND = 20;

/**
 * The type of an Engine.IO MESSAGE (protocol v4) and of the Socket.IO EVENT in it (protocol v5),
 * followed by `["name", data]` in JSON for the main namespace: what `emit` writes.
 */
const ENGINE_MESSAGE = '4';
const EVENT_PACKET = '2';

/**
 * The WebSocket frame of a message, made once for many sockets: what Socket.IO's own broadcasts
 * hand to Engine.IO as `wsPreEncodedFrame` (socket.io-adapter; ws's `Sender.frame`, untyped).
 */
const frameOf = (WebSocket as unknown as { Sender: { frame(data: Buffer, options: { readOnly: boolean; mask: boolean; rsv1: boolean; opcode: number; fin: boolean }): Buffer[] } }).Sender.frame;

/** One snapshot as Socket.IO sends it, encoded once: the packet (for polling) and its WebSocket frame. */
interface EncodedSnapshot {
  seq: number;
  logId: string;
  builtAt: number;
  packet: string;
  frame: Buffer[];
}

/**
 * The sockets waiting for a snapshot, answered a few at a time (issue 16, 2: 200 devices
 * reconnecting at once, each emit encoding megabytes, stopped the server for seconds). A snapshot
 * is built and encoded once per visibility (a desk's per token: it holds its own deferral
 * notes) and written as is to every socket that asks for it at the same seq. In a storm (many
 * asking within a second) it is also written while it is recent, followed by the events
 * recorded since it was built. A socket gets its snapshot (and those events) and joins its rooms
 * in one synchronous step, so it sees each event exactly once. Each turn stops after
 * SNAPSHOT_TURN_MS, so a storm delays the desks by one turn, not by the whole storm.
 */
class SnapshotQueue {
  private readonly encoded = new Map<string, EncodedSnapshot>();
  private readonly waiting: { socket: LiveSocket; viewer: Viewer; rooms: string[] }[] = [];
  private scheduled = false;
  private sweep: ReturnType<typeof setTimeout> | null = null;
  /** When the last snapshots were asked for (a second's worth). */
  private readonly recentRequests: number[] = [];

  constructor(
    private readonly state: () => ProjectionState,
    private readonly logId: () => string,
    private readonly store: EventStore,
  ) {}

  static keyOf(viewer: Viewer): string {
    return viewer.visibility === 'desk' ? `desk:${viewer.tokenId ?? ''}` : viewer.visibility;
  }

  add(socket: LiveSocket, viewer: Viewer, rooms: string[]): void {
    this.waiting.push({ socket, viewer, rooms });
    const now = performance.now();
    this.recentRequests.push(now);
    while (this.recentRequests[0]! < now - 1000) this.recentRequests.shift();
    this.schedule();
  }

  /** The sockets of a token still waiting for their snapshot (not yet in its room). */
  waitingOf(tokenId: string): LiveSocket[] {
    return this.waiting.filter(({ socket }) => socket.data.principal.id === tokenId).map(({ socket }) => socket);
  }

  /** Whether devices are reconnecting en masse: then a snapshot a little behind is sent with the events since. */
  private inStorm(): boolean {
    return this.recentRequests.length >= STORM_REQUESTS_PER_SECOND && this.recentRequests.at(-1)! > performance.now() - 1000;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.turn());
  }

  private turn(): void {
    this.scheduled = false;
    const started = performance.now();
    while (this.waiting.length > 0 && performance.now() - started < SNAPSHOT_TURN_MS) {
      const { socket, viewer, rooms } = this.waiting.shift()!;
      if (!socket.connected) continue;
      const state = this.state();
      const { snapshot, since } = this.snapshotFor(viewer, state);
      // What Socket.IO's emit would write, encoded once for every socket of this visibility.
      socket.conn.write(snapshot.packet, { wsPreEncodedFrame: snapshot.frame } as { compress?: boolean });
      for (const { event, counted } of since) socket.emit('event', eventForViewer(event, viewer, { counted, state }));
      socket.join(rooms);
    }
    if (this.waiting.length > 0) this.schedule();
    else if (this.sweep === null) this.sweep = setTimeout(() => this.forgetStale(), SNAPSHOT_REUSE_MS).unref();
  }

  /** The snapshot to send, and the events recorded since it was built. */
  private snapshotFor(viewer: Viewer, state: ProjectionState): { snapshot: EncodedSnapshot; since: StoredEvent[] } {
    const key = SnapshotQueue.keyOf(viewer);
    const logId = this.logId();
    const kept = this.encoded.get(key);
    const now = performance.now();
    if (kept && kept.logId === logId && kept.seq === state.seq) return { snapshot: kept, since: [] };
    if (kept && kept.logId === logId && kept.seq < state.seq && this.inStorm() && state.seq - kept.seq <= SNAPSHOT_REUSE_EVENTS && now - kept.builtAt <= SNAPSHOT_REUSE_MS) {
      const since = this.store.after(kept.seq, state.seq - kept.seq);
      // A person erased since then: their data must not go out again, even followed by the erasure.
      if (!since.some(({ event }) => ERASING_TYPES.has(event.type))) return { snapshot: kept, since };
    }
    const message: SnapshotMessage = { ...toStateBody(state, viewer.visibility), logId, projection: projectionToWire(state, viewer) };
    const packet = EVENT_PACKET + JSON.stringify(['snapshot', message]);
    const frame = frameOf(Buffer.from(ENGINE_MESSAGE + packet), { readOnly: false, mask: false, rsv1: false, opcode: 1, fin: true });
    const built = { seq: state.seq, logId, builtAt: now, packet, frame };
    this.encoded.set(key, built);
    return { snapshot: built, since: [] };
  }

  /** Encoded snapshots hold megabytes: one is let go once it is too old to be sent. */
  private forgetStale(): void {
    this.sweep = null;
    const now = performance.now();
    for (const [key, kept] of this.encoded) if (now - kept.builtAt > SNAPSHOT_REUSE_MS) this.encoded.delete(key);
    if (this.encoded.size > 0) this.sweep = setTimeout(() => this.forgetStale(), SNAPSHOT_REUSE_MS).unref();
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
  /** Handshakes one address may make in a minute (issue 16, 2). */
  handshakesPerMinute?: number;
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
  const handshakesPerMinute = deps.handshakesPerMinute ?? SOCKET_HANDSHAKES_PER_MINUTE;
  const handshakes = new RateLimiter(handshakesPerMinute / 60, 60);
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

  const snapshotQueue = new SnapshotQueue(() => service.state, logId, store);

  io.use((socket, next) => {
    // Before anything else: a loop of reconnections, or a flood, from one address is slowed
    // whatever it sends (each handshake may cost a snapshot).
    const address = auth.addressOf(socket.request);
    const wait = handshakes.take(address, 1);
    if (wait > 0) {
      const message = `too many connections opened from this address in a minute (${handshakesPerMinute}): retry in ${wait} s`;
      return next(Object.assign(new Error('rate_limited'), { data: { code: 'rate_limited', message, retryAfter: wait } }));
    }
    const handshake = SocketAuth.safeParse(socket.handshake.auth);
    // A token with a malformed rest (after: -1, "abc", null…) is a bad request, said as such: it
    // is no failed token, and must not count toward the address's lock-out (issue 16, 7).
    const sentToken = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (!handshake.success && typeof sentToken === 'string' && sentToken.length > 0) {
      const message = describeZodError(handshake.error, 'auth');
      return next(Object.assign(new Error('bad_request'), { data: { code: 'bad_request', message } }));
    }
    const token = handshake.success ? handshake.data.token : undefined;
    const verdict = auth.verify(token, address);
    if (!verdict.ok) {
      const message = handshake.success ? verdict.message : 'send auth: { token, after? } in the handshake';
      const code = verdict.status === 429 ? 'rate_limited' : 'unauthorized';
      // A rate-limited device keeps retrying; a refused token stops (the client reads the message).
      return next(Object.assign(new Error(code), { data: { code, message, retryAfter: verdict.retryAfter } }));
    }
    // A page runs only with its role's token (issue 16, 4): a wall opened with an admin's token
    // would carry everyone's phones to a screen in the hall.
    const page = handshake.success ? handshake.data.page : undefined;
    if (page !== undefined && !pageIsFor(page, verdict.principal.role)) {
      const message = `this page (/${page}) runs only with a ${roleOfPage(page)} token, and this one is ${verdict.principal.role}'s: enrol the device for this page`;
      return next(Object.assign(new Error('forbidden'), { data: { code: 'forbidden', message } }));
    }
    // A device holds a few sockets (a page, a reload); thousands from one token or address are
    // an attack, or a loop, and each would cost a snapshot (issue 16, 2).
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
    const rooms = [visibilityRoom(viewer.visibility), tokenRoom(principal.id)];
    if (canReplay) {
      for (const { event, counted } of store.after(after, maxReplay)) socket.emit('event', eventForViewer(event, viewer, { counted, state }));
      socket.join(rooms);
    } else {
      // Encoded once for every device of its visibility, sent a few at a time (SnapshotQueue).
      snapshotQueue.add(socket, viewer, rooms);
    }
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
    // A revoked token's sockets close, those still waiting for a snapshot too (they are in no room yet).
    closeSocketsOf: (tokenId) => {
      io.in(tokenRoom(tokenId)).disconnectSockets(true);
      for (const socket of snapshotQueue.waitingOf(tokenId)) socket.disconnect(true);
    },
    control: (tokenId, command) => {
      const room = io.in(tokenRoom(tokenId));
      room.emit('control', command);
      for (const socket of snapshotQueue.waitingOf(tokenId)) socket.emit('control', command);
      return devices.get(tokenId)?.connections ?? 0;
    },
  };
}
