/**
 * The live store: the projection the server pushes (snapshot, then every event) and how fresh
 * it is. Fed only by client/live/socket.ts; components read it
 * through the hooks below and never touch the socket.
 *
 * The projection is mutated in place by `applyInPlace` (a replay of thousands of events stays
 * linear and allocation-free), so its object identity does not change on an event: `version`
 * is bumped on every change and every derived view keys on it (useLiveProjection).
 *
 * Connection states (stable; the wall's `data-testid="connection"` shows them):
 *
 * | state          | when                                                                          |
 * | -------------- | ----------------------------------------------------------------------------- |
 * | `connecting`   | no data yet: first connection under way (or failing for less than 10 s)       |
 * | `live`         | connected and synced: a snapshot received, or a resume (`after`) accepted     |
 * | `stale`        | disconnected for less than 10 s: data kept and shown greyed, with its age     |
 * | `offline`      | disconnected (or never synced) for 10 s or more: data still kept, greyed      |
 * | `unauthorized` | no token on the device, or the server refused it: the page shows TokenGate    |
 *
 * A device leaves `stale`/`offline` by itself when the socket reconnects and resyncs (no page
 * reload). `disconnectedAt` is the moment the data stopped being live (or the moment the first
 * connection attempt began); it is null while live. The data shown while `stale`/`offline` is
 * as of `disconnectedAt`.
 */
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { ProjectionState } from '../../shared/projection.ts';
import type { StateBody } from '../../shared/view.ts';
import { toStateBody } from '../../shared/view.ts';

export type ConnectionState = 'connecting' | 'live' | 'stale' | 'offline' | 'unauthorized';
/** Why a page is `unauthorized`: no token on the device, token refused (401), or wrong role (403). */
/**
 * Why a page cannot run: no token; a token refused (revoked, unknown); a token of another page's
 * role; an enrolment code used or expired; the server unreachable while exchanging the code.
 */
export type AuthProblem = 'missing' | 'refused' | 'forbidden' | 'code' | 'unreachable';

/** After this long without a live connection, `stale` becomes `offline`. */
export const OFFLINE_AFTER_MS = 10_000;

export interface LiveState {
  projection: ProjectionState | null;
  /** The history the projection comes from (the snapshot's `logId`): sent back on resume. */
  logId: string | null;
  /** Bumped on every change of `projection` (including in-place changes). */
  version: number;
  connection: ConnectionState;
  /** The socket is connected (it may still be waiting for its snapshot). */
  connected: boolean;
  /** Connected and holding current data. */
  synced: boolean;
  authProblem: AuthProblem | null;
  /** Since when the data has not been live; null while live. */
  disconnectedAt: number | null;
  /** The last time the data was known current (snapshot, resume or event). */
  lastSyncAt: number | null;
  /** The last time an event was applied. */
  lastEventAt: number | null;
}

const initial: LiveState = {
  projection: null,
  logId: null,
  version: 0,
  connection: 'connecting',
  connected: false,
  synced: false,
  authProblem: null,
  disconnectedAt: null,
  lastSyncAt: null,
  lastEventAt: null,
};

export const useLiveStore = create<LiveState>()(() => ({ ...initial }));

// ---- connection state ---------------------------------------------------------------------

function connectionOf(state: LiveState, now: number): ConnectionState {
  if (state.authProblem) return 'unauthorized';
  if (state.connected && state.synced) return 'live';
  if (state.disconnectedAt !== null && now - state.disconnectedAt >= OFFLINE_AFTER_MS) return 'offline';
  return state.projection ? 'stale' : 'connecting';
}

let offlineTimer: ReturnType<typeof setTimeout> | null = null;

/** Recomputes `connection`, and arms the one timer that turns `stale` into `offline`. */
function settle(patch: Partial<LiveState>, now = Date.now()): void {
  const next = { ...useLiveStore.getState(), ...patch };
  next.connection = connectionOf(next, now);
  useLiveStore.setState({ ...patch, connection: next.connection });
  if (offlineTimer) {
    clearTimeout(offlineTimer);
    offlineTimer = null;
  }
  if (next.connection !== 'live' && next.connection !== 'unauthorized' && next.connection !== 'offline' && next.disconnectedAt !== null) {
    const wait = Math.max(0, next.disconnectedAt + OFFLINE_AFTER_MS - now);
    offlineTimer = setTimeout(() => {
      offlineTimer = null;
      settle({});
    }, wait + 5);
  }
}

// ---- coalesced version bumps ----------------------------------------------------------------

let flushScheduled = false;
let pendingEventAt: number | null = null;

function flushChanges(): void {
  flushScheduled = false;
  const at = pendingEventAt;
  pendingEventAt = null;
  const { version } = useLiveStore.getState();
  useLiveStore.setState({ version: version + 1, ...(at !== null ? { lastEventAt: at, lastSyncAt: at } : {}) });
}

/**
 * Bumps `version` once per frame however many events arrived in it (a replay after a
 * reconnect can bring thousands): the projection itself is already up to date.
 */
function scheduleFlush(): void {
  if (flushScheduled) return;
  flushScheduled = true;
  const visible = typeof document === 'undefined' || document.visibilityState === 'visible';
  if (visible && typeof requestAnimationFrame === 'function') requestAnimationFrame(flushChanges);
  else setTimeout(flushChanges, 50);
}

/**
 * What the socket module does to the store. Nothing else writes it (tests may, to render a
 * view from a known state).
 */
export const liveActions = {
  /** A connection attempt begins (page load): `connecting` until synced, `offline` after 10 s. */
  starting(now = Date.now()): void {
    const { disconnectedAt } = useLiveStore.getState();
    settle({ disconnectedAt: disconnectedAt ?? now }, now);
  },

  /** The socket connected. `resumed`: the server accepted `after` and replays from there. */
  connected(resumed: boolean, now = Date.now()): void {
    const synced = resumed && useLiveStore.getState().projection !== null;
    settle({ connected: true, synced, ...(synced ? { disconnectedAt: null, lastSyncAt: now } : {}) }, now);
  },

  /** The socket disconnected or a connection attempt failed: the data goes stale, then offline. */
  disconnected(now = Date.now()): void {
    const { disconnectedAt } = useLiveStore.getState();
    settle({ connected: false, synced: false, disconnectedAt: disconnectedAt ?? now }, now);
  },

  /** A snapshot replaces the whole projection. */
  snapshot(projection: ProjectionState, logId: string | null = null, now = Date.now()): void {
    const { version, connected } = useLiveStore.getState();
    settle({ projection, logId, version: version + 1, synced: connected, lastSyncAt: now, ...(connected ? { disconnectedAt: null } : {}) }, now);
  },

  /** The projection was changed in place (an event applied); views are told within a frame. */
  changed(now = Date.now()): void {
    pendingEventAt = now;
    scheduleFlush();
  },

  /** No token, or the server refused it: the page shows how to enrol the device. */
  unauthorized(problem: AuthProblem): void {
    settle({ authProblem: problem, connected: false, synced: false });
  },

  /** Back to the initial state (tests, or a page that connects again with another token). */
  reset(): void {
    if (offlineTimer) clearTimeout(offlineTimer);
    offlineTimer = null;
    flushScheduled = false;
    pendingEventAt = null;
    useLiveStore.setState({ ...initial });
  },
};

// ---- derived views ------------------------------------------------------------------------

let bodyCache: { projection: ProjectionState; version: number; body: StateBody } | null = null;

/**
 * The public state body (the same shape as GET /api/state) derived from the projection,
 * computed once per version and shared by every component that asks.
 */
export function selectStateBody(state: LiveState): StateBody | null {
  const { projection, version } = state;
  if (!projection) return null;
  if (bodyCache && bodyCache.projection === projection && bodyCache.version === version) return bodyCache.body;
  const body = toStateBody(projection);
  bodyCache = { projection, version, body };
  return body;
}

/** The public state body, or null before the first snapshot. Re-renders on every change. */
export function useStateBody(): StateBody | null {
  return useLiveStore(selectStateBody);
}

/** The live projection with its version: a new object on every change, the same one otherwise. */
export interface LiveProjection {
  projection: ProjectionState | null;
  version: number;
}

/**
 * The live projection as one value that changes with it. The projection keeps its identity when
 * an event is applied in place, so a view derived from it (useMemo, useEffect) depends on this
 * object, not on the projection alone. Re-renders on every change.
 */
export function useLiveProjection(): LiveProjection {
  return useLiveStore(useShallow((s) => ({ projection: s.projection, version: s.version })));
}

export interface ConnectionInfo {
  connection: ConnectionState;
  disconnectedAt: number | null;
  lastSyncAt: number | null;
  authProblem: AuthProblem | null;
  hasData: boolean;
}

/** How fresh the data is, for the connection indicator and greying. */
export function useConnection(): ConnectionInfo {
  return useLiveStore(
    useShallow((s) => ({
      connection: s.connection,
      disconnectedAt: s.disconnectedAt,
      lastSyncAt: s.lastSyncAt,
      authProblem: s.authProblem,
      hasData: s.projection !== null,
    })),
  );
}

/** True while the data on screen is live (false: show it greyed). */
export function useIsLive(): boolean {
  return useLiveStore((s) => s.connection === 'live');
}
