/**
 * Server configuration from the environment (see README: PORT, HOST, DATA_DIR, ADMIN_TOKEN,
 * LOG_LEVEL). Read once at start; everything else receives a ServerConfig.
 */
import path from 'node:path';

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  /** The admin bearer token from ADMIN_TOKEN; when absent one is generated and kept in dataDir. */
  adminToken: string | undefined;
  logLevel: string;
  /** Directory of the built client; pages are served from it when it exists. */
  clientDir: string;
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
  };
}
