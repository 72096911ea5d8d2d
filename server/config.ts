/**
 * Server configuration from the environment (see README: PORT, HOST, DATA_DIR, ADMIN_TOKEN,
 * LOG_LEVEL, WRITE_RATE_LIMIT, AUTH_FAILURES_PER_MINUTE, BACKUP_INTERVAL_MINUTES, BACKUP_KEEP). Read once at start; everything else receives a ServerConfig.
 */
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
  };
}
