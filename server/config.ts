/**
 * Server configuration from the environment (see README: PORT, HOST, DATA_DIR, ADMIN_TOKEN,
 * LOG_LEVEL, WRITE_RATE_LIMIT, AUTH_FAILURES_PER_MINUTE, BACKUP_INTERVAL_MINUTES, BACKUP_KEEP,
 * PERSONAL_DATA_DAYS, ACCEPT_LOST_KEYS, TLS_CERT, TLS_KEY, TRUST_PROXY). Read once at start; everything else
 * receives a ServerConfig.
 */
import fs from 'node:fs';
import path from 'node:path';
import { rateLimitConfigFromEnv, type RateLimitConfig } from './auth/rateLimit.ts';
import { backupConfigFromEnv, type BackupConfig } from './backup/service.ts';

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  /** The admin bearer token from ADMIN_TOKEN; when absent one is generated and kept in dataDir. */
  adminToken: string | undefined;
  logLevel: string;
  /** Directory of the built client; pages are served from it when it exists. */
  clientDir: string;
  /** Defaults: 20 failed token attempts a minute per address, 1.000 events/s per token. */
  rateLimits?: RateLimitConfig;
  /** Defaults: every 15 minutes, keep 48. */
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
  /** Serve HTTPS with this certificate and key (PEM files). */
  tls?: { certFile: string; keyFile: string };
  /** Reverse proxies whose X-Forwarded-For names the client (addresses, or `loopback`). */
  trustProxy?: string;
  /** The clock retention reads (tests move it forward); Date.now by default. */
  now?: () => number;
}

export const DEFAULT_PERSONAL_DATA_DAYS = 90;

function personalDataDaysFromEnv(raw: string | undefined): number | null {
  if (raw === undefined || raw === '') return DEFAULT_PERSONAL_DATA_DAYS;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 0 || days > 3650) throw new Error(`PERSONAL_DATA_DAYS must be a whole number of days from 0 (never erase) to 3650, got ${JSON.stringify(raw)}`);
  return days === 0 ? null : days;
}

function tlsFromEnv(env: NodeJS.ProcessEnv): ServerConfig['tls'] {
  const cert = env.TLS_CERT;
  const key = env.TLS_KEY;
  if (!cert && !key) return undefined;
  if (!cert || !key) throw new Error('TLS_CERT and TLS_KEY go together: give both (PEM files) to serve HTTPS, or neither');
  for (const [name, file] of [['TLS_CERT', cert], ['TLS_KEY', key]] as const) {
    if (!fs.existsSync(file)) throw new Error(`${name}: no such file ${JSON.stringify(file)}`);
  }
  return { certFile: path.resolve(cert), keyFile: path.resolve(key) };
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, got ${JSON.stringify(env.PORT)}`);
  }
  return {
    port,
    host: env.HOST || '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR || './data'),
    adminToken: env.ADMIN_TOKEN || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    clientDir: path.resolve(env.CLIENT_DIR || 'dist/client'),
    rateLimits: rateLimitConfigFromEnv(env),
    backups: backupConfigFromEnv(env),
    personalDataDays: personalDataDaysFromEnv(env.PERSONAL_DATA_DAYS),
    acceptLostKeys: env.ACCEPT_LOST_KEYS === '1',
    tls: tlsFromEnv(env),
    trustProxy: env.TRUST_PROXY ?? '',
  };
}
