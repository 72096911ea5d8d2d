/**
 * Server configuration from the environment: one zod schema (`envSchema`) reads every variable
 * README's "Environment" table documents, with its default, and `configFromEnv` turns it into
 * the typed ServerConfig the rest of the server receives. Nothing else in server/ reads
 * `process.env`.
 *
 * A bad value stops the start with one line per variable that names it, says what it must be
 * and what it was (`PORT must be a whole number from 0 to 65535, got "abc"`): never a default
 * silently used instead of what the operator wrote. Unset and empty are the same: the default.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import type { RateLimitConfig } from './auth/rateLimit.ts';
import {
  ENROLMENT_CODE_MINUTES,
  MAX_CONNECTIONS_PER_ADDRESS,
  MAX_SOCKETS_PER_ADDRESS,
  MAX_SOCKETS_PER_TOKEN,
  PUBLIC_MAX_SOCKETS,
  PUBLIC_REQUESTS_PER_MINUTE,
  PUBLIC_REQUESTS_TOTAL_PER_MINUTE,
  SOCKET_HANDSHAKES_PER_MINUTE,
} from './http/limits.ts';
import { adminTokenProblem } from './auth/tokenStore.ts';
import type { BackupConfig } from './backup/service.ts';
import { OCCURRED_AT_WINDOW_MS } from '../shared/events.ts';

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  /** The admin bearer token from ADMIN_TOKEN; when absent one is generated and kept in dataDir. */
  adminToken: string | undefined;
  logLevel: string;
  /** Directory of the built client; pages are served from it when it exists. */
  clientDir: string;
  /** Defaults: DEFAULT_RATE_LIMITS. */
  rateLimits?: RateLimitConfig;
  /** Defaults: DEFAULT_BACKUPS. */
  backups?: BackupConfig;
  /** How many events a reconnecting socket is replayed before it gets a snapshot instead (default 10.000). */
  maxReplay?: number;
  /**
   * Days personal data is kept after the festival's last day (or after the person's
   * registration, when later); then it is erased. null: never (PERSONAL_DATA_DAYS=0). Default 90.
   */
  personalDataDays?: number | null;
  /**
   * Start although DATA_DIR/keys.sqlite is missing and the log holds sealed personal data
   * (ACCEPT_LOST_KEYS=1): that data is then lost for good; every count stays.
   */
  acceptLostKeys?: boolean;
  /** How long before its receive time an event may have happened (OCCURRED_AT_WINDOW_HOURS); older times are clamped and flagged. Default 48 h. */
  occurredAtWindowMs?: number;
  /** Serve HTTPS with this certificate and key (PEM files). */
  tls?: { certFile: string; keyFile: string };
  /** Reverse proxies whose X-Forwarded-For names the client (addresses, or `loopback`). */
  trustProxy?: string;
  /** Other origins whose pages may open the live socket (ALLOWED_ORIGINS); the server's own always may. */
  allowedOrigins?: string[];
  /** (issue 19) The sites that may show /live in a frame (LIVE_FRAME_ANCESTORS); no other page may be framed. */
  liveFrameAncestors?: string[];
  /** How long a request may take to arrive whole, headers and body (REQUEST_TIMEOUT_SECONDS; default 30 s). */
  requestTimeoutMs?: number;
  /** Open connections one address may hold (MAX_CONNECTIONS_PER_ADDRESS; default 3.000). */
  maxConnectionsPerAddress?: number;
  /** Live sockets one token, and one address, may hold (MAX_SOCKETS_PER_TOKEN 200, MAX_SOCKETS_PER_ADDRESS 1.500). */
  maxSocketsPerToken?: number;
  maxSocketsPerAddress?: number;
  /** (issue 19) Redis, through which the public counter's processes get the figures (REDIS_URL); none: one process. */
  redisUrl?: string;
  /** (issue 19) Public counter sockets in all (PUBLIC_MAX_SOCKETS; default 10.000). */
  publicMaxSockets?: number;
  /** (issue 19) GET /api/public requests one address may make in a minute (PUBLIC_REQUESTS_PER_MINUTE; default 12.000). */
  publicRequestsPerMinute?: number;
  /** (issue 19) And all addresses together (PUBLIC_REQUESTS_TOTAL_PER_MINUTE; default 240.000). */
  publicRequestsTotalPerMinute?: number;
  /** How long a one-time enrolment code can be used (ENROLMENT_CODE_MINUTES; default 30). */
  enrolmentCodeMinutes?: number;
  /** Live-socket handshakes one address may make in a minute, all at once or spread (SOCKET_HANDSHAKES_PER_MINUTE; default 3.000). */
  socketHandshakesPerMinute?: number;
  /** The server's clock: receive times, /api/me's serverTime, retention (tests set and move it); Date.now by default. */
  now?: () => number;
}

export const DEFAULT_PERSONAL_DATA_DAYS = 90;
/** 20 failed token attempts a minute per address, 1.000 events/s per token. */
export const DEFAULT_RATE_LIMITS: RateLimitConfig = { authFailuresPerMinute: 20, writesPerSecond: 1000 };
/** A backup every 15 minutes, the newest 48 kept. */
export const DEFAULT_BACKUPS: BackupConfig = { intervalMinutes: 15, keep: 48 };

/** pino's levels, and `silent`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

// ---- the schema -------------------------------------------------------------------------------

// Each check's `error` says what the value must be; readEnv adds the variable's name and value.

const blankIsUnset = (raw: unknown) => (typeof raw === 'string' && raw.trim() === '' ? undefined : raw);

function withDefault<T extends z.ZodType>(schema: T, fallback: z.output<T>) {
  return z.preprocess(blankIsUnset, schema.optional()).transform((value) => (value === undefined ? fallback : value) as z.output<T>);
}

function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankIsUnset, schema.optional());
}

function wholeNumber(min: number, max: number, expected = `a whole number from ${min} to ${max}`) {
  return z
    .string()
    .trim()
    .regex(/^\d+$/, { error: expected })
    .transform(Number)
    .pipe(z.number().min(min, { error: expected }).max(max, { error: expected }));
}

function positiveNumber() {
  const expected = 'a positive number';
  return z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, { error: expected })
    .transform(Number)
    .pipe(z.number().positive({ error: expected }));
}

/** `loopback`, or IP addresses, separated by commas (a host name would never match a peer's address). */
function proxyList() {
  return z
    .string()
    .trim()
    .refine((raw) => raw.split(',').every((part) => part.trim() === 'loopback' || net.isIP(part.trim()) !== 0), {
      error: 'IP addresses separated by commas, or loopback',
    });
}

export const envSchema = z
  .object({
    PORT: withDefault(wholeNumber(0, 65535), 3000),
    HOST: withDefault(z.string(), '0.0.0.0'),
    DATA_DIR: withDefault(z.string(), './data').transform((dir) => path.resolve(dir)),
    ADMIN_TOKEN: optional(z.string()),
    LOG_LEVEL: withDefault(z.enum(LOG_LEVELS, { error: `one of ${LOG_LEVELS.join(', ')}` }), 'info'),
    /** The built client's directory (the bench points it at another build). */
    CLIENT_DIR: withDefault(z.string(), 'dist/client').transform((dir) => path.resolve(dir)),
    WRITE_RATE_LIMIT: withDefault(positiveNumber(), DEFAULT_RATE_LIMITS.writesPerSecond),
    AUTH_FAILURES_PER_MINUTE: withDefault(positiveNumber(), DEFAULT_RATE_LIMITS.authFailuresPerMinute),
    BACKUP_INTERVAL_MINUTES: withDefault(wholeNumber(0, Number.MAX_SAFE_INTEGER, 'a whole number ≥ 0 (0: no scheduled backups)'), DEFAULT_BACKUPS.intervalMinutes),
    BACKUP_KEEP: withDefault(wholeNumber(1, Number.MAX_SAFE_INTEGER, 'a whole number ≥ 1'), DEFAULT_BACKUPS.keep),
    PERSONAL_DATA_DAYS: withDefault(wholeNumber(0, 3650, 'a whole number of days from 0 (never erase) to 3650'), DEFAULT_PERSONAL_DATA_DAYS),
    OCCURRED_AT_WINDOW_HOURS: withDefault(wholeNumber(1, 24 * 365, 'a whole number of hours from 1 to 8760'), OCCURRED_AT_WINDOW_MS / 3_600_000),
    ACCEPT_LOST_KEYS: withDefault(z.enum(['1', '0'], { error: '1 (start without the key store) or 0' }), '0'),
    TLS_CERT: optional(z.string()),
    TLS_KEY: optional(z.string()),
    TRUST_PROXY: withDefault(proxyList(), ''),
    ALLOWED_ORIGINS: withDefault(
      z
        .string()
        .trim()
        .refine((raw) => raw === '' || raw.split(',').every((o) => /^https?:\/\/[^/\s]+$/.test(o.trim())), { error: 'origins like https://portal.example.vn, separated by commas' }),
      '',
    ),
    LIVE_FRAME_ANCESTORS: withDefault(
      z
        .string()
        .trim()
        .refine((raw) => raw === '' || raw.split(',').every((o) => /^https?:\/\/[^/\s;,']+$/.test(o.trim())), { error: 'origins like https://haiduong.gov.vn, separated by commas' }),
      '',
    ),
    REQUEST_TIMEOUT_SECONDS: withDefault(wholeNumber(1, 3600), 30),
    MAX_CONNECTIONS_PER_ADDRESS: withDefault(wholeNumber(1, 100_000), MAX_CONNECTIONS_PER_ADDRESS),
    MAX_SOCKETS_PER_TOKEN: withDefault(wholeNumber(1, 100_000), MAX_SOCKETS_PER_TOKEN),
    MAX_SOCKETS_PER_ADDRESS: withDefault(wholeNumber(1, 100_000), MAX_SOCKETS_PER_ADDRESS),
    REDIS_URL: optional(
      z
        .string()
        .trim()
        .regex(/^rediss?:\/\/\S+$/, 'a Redis URL like redis://127.0.0.1:6379'),
    ),
    PUBLIC_REQUESTS_PER_MINUTE: withDefault(wholeNumber(1, 10_000_000), PUBLIC_REQUESTS_PER_MINUTE),
    PUBLIC_REQUESTS_TOTAL_PER_MINUTE: withDefault(wholeNumber(1, 100_000_000), PUBLIC_REQUESTS_TOTAL_PER_MINUTE),
    PUBLIC_MAX_SOCKETS: withDefault(wholeNumber(0, 1_000_000, 'a whole number ≥ 0 (0: the public counter reads GET /api/public only)'), PUBLIC_MAX_SOCKETS),
    SOCKET_HANDSHAKES_PER_MINUTE: withDefault(wholeNumber(1, 1_000_000), SOCKET_HANDSHAKES_PER_MINUTE),
    ENROLMENT_CODE_MINUTES: withDefault(wholeNumber(1, 7 * 24 * 60), ENROLMENT_CODE_MINUTES),
  })
  .superRefine((env, ctx) => {
    // Checks across variables, or of the disk, say the whole sentence themselves.
    const problem = (name: string, message: string) => ctx.addIssue({ code: 'custom', path: [name], message, params: { sentence: true } });
    if (env.ADMIN_TOKEN !== undefined) {
      const weak = adminTokenProblem(env.ADMIN_TOKEN);
      if (weak) problem('ADMIN_TOKEN', weak);
    }
    if ((env.TLS_CERT === undefined) !== (env.TLS_KEY === undefined)) {
      problem(env.TLS_CERT === undefined ? 'TLS_CERT' : 'TLS_KEY', 'TLS_CERT and TLS_KEY go together: give both (PEM files) to serve HTTPS, or neither');
    }
    for (const name of ['TLS_CERT', 'TLS_KEY'] as const) {
      const file = env[name];
      if (file !== undefined && !fs.existsSync(file)) problem(name, `${name}: no such file ${JSON.stringify(file)}`);
    }
  });

export type Env = z.output<typeof envSchema>;

/** The variables the schema reads (README's table documents each). */
export const ENV_VARIABLES = Object.keys(envSchema.shape) as (keyof Env)[];

// ---- reading it -------------------------------------------------------------------------------

/** A bad environment: `problems` has one line per variable; the message is all of them. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

/** Variables whose value is never repeated in an error message. */
const SECRET = new Set<string>(['ADMIN_TOKEN']);

function describeIssue(issue: z.core.$ZodIssue, env: NodeJS.ProcessEnv): string {
  const name = String(issue.path[0] ?? 'environment');
  if (issue.code === 'custom' && issue.params?.sentence) return issue.message;
  const got = SECRET.has(name) ? '' : `, got ${JSON.stringify(env[name])}`;
  return `${name} must be ${issue.message}${got}`;
}

/** Parses the environment (process.env by default); throws a ConfigError naming every bad variable. */
export function readEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const result = envSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = [...new Set(result.error.issues.map((issue) => describeIssue(issue, env)))];
  throw new ConfigError(problems);
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const e = readEnv(env);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    adminToken: e.ADMIN_TOKEN,
    logLevel: e.LOG_LEVEL,
    clientDir: e.CLIENT_DIR,
    rateLimits: { authFailuresPerMinute: e.AUTH_FAILURES_PER_MINUTE, writesPerSecond: e.WRITE_RATE_LIMIT },
    backups: { intervalMinutes: e.BACKUP_INTERVAL_MINUTES, keep: e.BACKUP_KEEP },
    personalDataDays: e.PERSONAL_DATA_DAYS === 0 ? null : e.PERSONAL_DATA_DAYS,
    occurredAtWindowMs: e.OCCURRED_AT_WINDOW_HOURS * 3_600_000,
    acceptLostKeys: e.ACCEPT_LOST_KEYS === '1',
    ...(e.TLS_CERT && e.TLS_KEY ? { tls: { certFile: path.resolve(e.TLS_CERT), keyFile: path.resolve(e.TLS_KEY) } } : {}),
    trustProxy: e.TRUST_PROXY,
    allowedOrigins: e.ALLOWED_ORIGINS ? e.ALLOWED_ORIGINS.split(',').map((o) => o.trim()) : [],
    liveFrameAncestors: e.LIVE_FRAME_ANCESTORS ? e.LIVE_FRAME_ANCESTORS.split(',').map((o) => o.trim()) : [],
    requestTimeoutMs: e.REQUEST_TIMEOUT_SECONDS * 1000,
    maxConnectionsPerAddress: e.MAX_CONNECTIONS_PER_ADDRESS,
    maxSocketsPerToken: e.MAX_SOCKETS_PER_TOKEN,
    maxSocketsPerAddress: e.MAX_SOCKETS_PER_ADDRESS,
    publicMaxSockets: e.PUBLIC_MAX_SOCKETS,
    ...(e.REDIS_URL ? { redisUrl: e.REDIS_URL } : {}),
    publicRequestsPerMinute: e.PUBLIC_REQUESTS_PER_MINUTE,
    publicRequestsTotalPerMinute: e.PUBLIC_REQUESTS_TOTAL_PER_MINUTE,
    socketHandshakesPerMinute: e.SOCKET_HANDSHAKES_PER_MINUTE,
    enrolmentCodeMinutes: e.ENROLMENT_CODE_MINUTES,
  };
}
