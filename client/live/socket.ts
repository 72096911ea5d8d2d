/**
 * The one module that touches socket.io-client. It keeps the live store's projection in step
 * with the server (API.md, "Live"):
 *
 * - every (re)connection sends `auth: { token, after, logId }` with the last seq applied and
 *   the history it counts in, through the auth callback so a reconnect always sends the current
 *   seq: the server replays what came after it (or sends a snapshot when it cannot, or when its
 *   log is another history);
 * - `snapshot` replaces the projection; `event` is applied in place when it is the next seq,
 *   ignored when already applied, and a gap (which the server rules out) makes the socket
 *   reconnect and resume from the last seq applied;
 * - `milestone` messages are not listened to: the projection detects milestones itself (the
 *   server's engine, shared/milestones.ts) and holds every one reached;
 * - a refused token (`connect_error` "unauthorized") stops reconnecting and marks the store
 *   `unauthorized`; any other failure keeps retrying forever, at most ~5 s apart.
 */
import { io, type Socket } from 'socket.io-client';
import type { WireEvent } from '../../shared/events.ts';
import { applyInPlace } from '../../shared/projection.ts';
import type { ProjectionState } from '../../shared/projection.ts';
import type { ClientToServerEvents, ControlMessage, DeviceStatus, ServerToClientEvents, SnapshotMessage } from '../../shared/protocol.ts';
import { projectionFromWire } from '../../shared/transfer.ts';
import type { PageName } from '../auth/token.ts';
import type { AuthProblem } from '../stores/liveStore.ts';
import { liveActions, useLiveStore } from '../stores/liveStore.ts';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ConnectLiveOptions {
  token: string;
  /** Called once when the server refuses the token (the store is already `unauthorized`). */
  onUnauthorized?: (problem: AuthProblem) => void;
  /** The page: sent in the handshake (the server refuses another role's token) and with the device status. */
  page?: PageName;
  /** The device status sent on every connection (a desk reports its outbox). */
  status?: () => DeviceStatus;
  /** Server URL; the page's own origin by default. */
  url?: string;
  /** Called on every (re)connection, e.g. to flush the device outbox. */
  onConnect?: () => void;
}

export interface LiveConnection {
  socket: LiveSocket;
  /** Sends the device status now (e.g. when a desk's outbox changes). */
  sendStatus(): void;
  /** Disconnects for good (tests, page teardown). */
  close(): void;
}

const MAX_RETRY_DELAY_MS = 5_000;

/** The error codes the server's handshake middleware uses for a token it will not accept. */
function authProblemOf(error: Error & { data?: unknown }): AuthProblem | null {
  const data = error.data as { code?: unknown } | undefined;
  const code = typeof data?.code === 'string' ? data.code : error.message;
  if (code === 'unauthorized' || error.message === 'unauthorized') return 'refused';
  if (code === 'forbidden' || error.message === 'forbidden') return 'forbidden';
  return null;
}

export function connectLive(options: ConnectLiveOptions): LiveConnection {
  const { token, onUnauthorized } = options;
  const projection = (): ProjectionState | null => useLiveStore.getState().projection;

  /** The last connection attempt asked to resume (sent `after`). */
  let resuming = false;
  /** Set after a gap repeats: the next connection asks for a full snapshot. */
  let forceSnapshot = false;
  let lastGapAt = 0;
  let stopped = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let retryAttempt = 0;

  const socket: LiveSocket = io(options.url ?? '/', {
    auth: (cb) => {
      const seq = forceSnapshot ? 0 : (projection()?.seq ?? 0);
      forceSnapshot = false;
      resuming = seq > 0;
      // The logId says which history `after` counts in: another log's server answers with a snapshot.
      const logId = useLiveStore.getState().logId;
      // The page says which it is: the server refuses a token of another role (issue 16, 4).
      const page = options.page ? { page: options.page } : {};
      cb(resuming ? { token, after: seq, ...(logId ? { logId } : {}), ...page } : { token, ...page });
    },
    // WebSocket first (the hall's wifi drops long-polling requests), polling if it is blocked.
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    reconnection: true,
    reconnectionAttempts: Infinity,
    reconnectionDelay: 500,
    reconnectionDelayMax: MAX_RETRY_DELAY_MS,
    randomizationFactor: 0.3,
    timeout: 10_000,
  });

  const sendStatus = (): void => {
    if (!socket.connected) return;
    const status = options.status?.() ?? { outbox: 0, ...(options.page ? { page: options.page } : {}) };
    socket.emit('device.status', status);
  };

  /**
   * Socket.IO retries by itself after a transport failure, but not after the server's
   * middleware refused the handshake for another reason, nor after the server closed the
   * socket: then the retry is ours, with the same capped backoff.
   */
  const scheduleRetry = (): void => {
    if (stopped || retryTimer || socket.active) return;
    const delay = Math.min(MAX_RETRY_DELAY_MS, 500 * 2 ** retryAttempt) * (0.85 + Math.random() * 0.3);
    retryAttempt += 1;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (!stopped && !socket.connected) socket.connect();
    }, delay);
  };

  /** Reconnects at once; the auth callback sends the last applied seq, so the server replays from there. */
  const resync = (): void => {
    const now = Date.now();
    if (now - lastGapAt < 10_000) forceSnapshot = true;
    lastGapAt = now;
    socket.disconnect();
    socket.connect();
  };

  liveActions.starting();

  socket.on('connect', () => {
    retryAttempt = 0;
    liveActions.connected(resuming);
    sendStatus();
    options.onConnect?.();
  });

  socket.on('snapshot', (snapshot: SnapshotMessage) => {
    liveActions.snapshot(projectionFromWire(snapshot.projection), snapshot.logId ?? null);
  });

  socket.on('event', (event: WireEvent) => {
    const state = projection();
    // Before the first snapshot there is nothing to apply to; the snapshot will include it.
    if (!state || event.seq <= state.seq) return;
    if (event.seq !== state.seq + 1) {
      console.warn(`live: gap in the event stream (have ${state.seq}, got ${event.seq}); resuming`);
      resync();
      return;
    }
    applyInPlace(state, event);
    liveActions.changed();
  });

  // An admin's remote command (docs/API.md): reload this page, or go to another page.
  socket.on('control', (command: ControlMessage) => {
    if (command.action === 'reload') window.location.reload();
    else if (command.action === 'navigate') window.location.assign(`/${command.page}`);
  });

  socket.on('connect_error', (error) => {
    const problem = authProblemOf(error);
    if (problem) {
      stopped = true;
      socket.disconnect();
      liveActions.unauthorized(problem);
      onUnauthorized?.(problem);
      return;
    }
    liveActions.disconnected();
    scheduleRetry();
  });

  socket.on('disconnect', (reason) => {
    liveActions.disconnected();
    // 'io server disconnect': the server closed the socket (restart, revoked token): try again;
    // the handshake tells whether the token still holds. 'io client disconnect' is ours.
    if (reason === 'io server disconnect') scheduleRetry();
  });

  return {
    socket,
    sendStatus,
    close() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      socket.disconnect();
    },
  };
}
