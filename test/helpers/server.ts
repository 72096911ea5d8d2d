/**
 * A real server for integration tests: real SQLite file in a fresh temp directory, real
 * Express + Socket.IO on 127.0.0.1 port 0. Plus small HTTP and socket helpers.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, MilestoneMessage, Role, ServerToClientEvents, SnapshotMessage, WireEvent } from '../../shared/index.ts';
import { startServer, type RunningServer } from '../../server/app.ts';
import type { ServerConfig } from '../../server/config.ts';
import { createLogger, type Logger } from '../../server/log.ts';

export interface TestServer extends RunningServer {
  dataDir: string;
  /** Graceful close, then start again on the same data directory (a new port). */
  restart(): Promise<TestServer>;
}

/**
 * A server clock running at real speed from a moment of the festival (default: 08:00 on its
 * first day, in Việt Nam), for tests whose figures depend on the day: the first donor of the
 * day is announced only on a festival day.
 */
export function festivalClock(start = '2024-07-19T08:00:00+07:00'): () => number {
  const offset = Date.parse(start) - Date.now();
  return () => Date.now() + offset;
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'ntth-test-'));
}

/** A real server on 127.0.0.1; any config field may be given (a fixed `port` survives restarts). */
export async function startTestServer(options: Partial<ServerConfig> & { log?: Logger } = {}): Promise<TestServer> {
  const { log, ...overrides } = options;
  const config: ServerConfig = {
    port: 0,
    host: '127.0.0.1',
    dataDir: overrides.dataDir ?? tempDataDir(),
    adminToken: undefined,
    logLevel: 'silent',
    clientDir: path.resolve('dist/client'),
    backups: { intervalMinutes: 0, keep: 48 },
    ...overrides,
  };
  const running = await startServer(config, { log: log ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent') });
  return {
    ...running,
    dataDir: config.dataDir,
    async restart() {
      await running.close();
      return startTestServer({ ...options, dataDir: config.dataDir });
    },
  };
}

export interface ApiAnswer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** One HTTP request; `body` is sent as JSON unless it is a string (sent raw, as JSON content type). */
export async function api<T = any>(base: string, method: string, urlPath: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let payload: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    payload = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const res = await fetch(base + urlPath, { method, headers, body: payload });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body: body as T, headers: res.headers };
}

/** GET /api/state's body as `token` sees it (the admin's by default). */
export async function getState(server: { url: string; adminToken: string }, token = server.adminToken): Promise<any> {
  return (await api(server.url, 'GET', '/api/state', { token })).body;
}

/** A new token of a role; an agency liaison's is bound to `agencyId` (the labour federation's by default). */
export async function makeToken(server: { url: string; adminToken: string }, role: Role, label = `test ${role}`, agencyId = 'ldld'): Promise<string> {
  const answer = await api(server.url, 'POST', '/api/tokens', { token: server.adminToken, body: { role, label, ...(role === 'agency' ? { agencyId } : {}) } });
  if (answer.status !== 201) throw new Error(`token for ${role}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.token;
}

let counter = 0;
/** A unique client event id (8-64 chars). */
export function newId(prefix = 'evt'): string {
  counter += 1;
  // Ends with a letter: a test that looks for a CCCD's last 4 digits at the end of a string must
  // never find them at the end of an id (…-3007).
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}z`;
}

export function post(server: { url: string }, token: string, type: string, payload: unknown, id = newId()) {
  return api(server.url, 'POST', '/api/events', { token, body: { id, type, payload } });
}

/** A socket client that records everything it receives. */
export interface LiveClient {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  snapshots: SnapshotMessage[];
  events: WireEvent[];
  milestones: MilestoneMessage[];
  /** Resolves when `predicate` holds (checked after each message), or rejects after `ms`. */
  until(predicate: () => boolean, ms?: number, what?: string): Promise<void>;
  close(): void;
}

export function connectLive(url: string, token: string, after?: number, logId?: string): LiveClient {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = ioClient(url, {
    auth: after === undefined ? { token } : { token, after, ...(logId ? { logId } : {}) },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const client: LiveClient = {
    socket,
    snapshots: [],
    events: [],
    milestones: [],
    until(predicate, ms = 5000, what = 'condition') {
      return new Promise((resolve, reject) => {
        if (predicate()) return resolve();
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
        }, ms);
        const check = () => {
          if (predicate()) {
            cleanup();
            resolve();
          }
        };
        const cleanup = () => {
          clearTimeout(timer);
          socket.off('snapshot', check);
          socket.off('event', check);
          socket.off('milestone', check);
          socket.off('connect_error', check);
          socket.off('disconnect', check);
        };
        socket.on('snapshot', check);
        socket.on('event', check);
        socket.on('milestone', check);
        socket.on('connect_error', check);
        socket.on('disconnect', check);
      });
    },
    close: () => socket.close(),
  };
  socket.on('snapshot', (s) => client.snapshots.push(s));
  socket.on('event', (e) => client.events.push(e));
  socket.on('milestone', (m) => client.milestones.push(m));
  return client;
}

/** A port free right now on 127.0.0.1, to restart a server at the same address. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
