/**
 * Entry point of `npm run start:public` (issue 19): one public counter process (server/public/
 * server.ts). Needs REDIS_URL and WRITER_URL (the writer started with `npm start` and the same
 * REDIS_URL); PORT (default 3001) and HOST as for the writer; WRITER_READ_AFTER_MS (default
 * 5.000): how long without figures from Redis before the process reads the writer's itself;
 * PUBLIC_MAX_SOCKETS, MAX_SOCKETS_PER_ADDRESS, PUBLIC_REQUESTS_PER_MINUTE and LIVE_FRAME_ANCESTORS as
 * for the writer. Stops gracefully on SIGTERM / SIGINT.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from './log.ts';
import { startPublicServer } from './public/server.ts';

const env = process.env;
function refuse(message: string): never {
  process.stderr.write(`Không khởi động được / could not start: ${message}\n`);
  process.exit(1);
}
const redisUrl = env.REDIS_URL?.trim();
const writerUrl = env.WRITER_URL?.trim().replace(/\/$/, '');
if (!redisUrl || !/^rediss?:\/\/\S+$/.test(redisUrl)) refuse('REDIS_URL must be set to the Redis the writer uses, e.g. redis://127.0.0.1:6379');
if (!writerUrl || !/^https?:\/\/\S+$/.test(writerUrl)) refuse('WRITER_URL must be set to the writer, e.g. http://127.0.0.1:3000');
const port = env.PORT === undefined ? 3001 : Number(env.PORT);
if (!Number.isInteger(port) || port < 0 || port > 65535) refuse(`PORT must be a port number, not ${JSON.stringify(env.PORT)}`);
const readAfter = env.WRITER_READ_AFTER_MS === undefined ? undefined : Number(env.WRITER_READ_AFTER_MS);
if (readAfter !== undefined && !(Number.isInteger(readAfter) && readAfter >= 200)) refuse('WRITER_READ_AFTER_MS must be a whole number of milliseconds ≥ 200');
/** A whole-number limit from the environment, or undefined when unset. */
function limit(name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) refuse(`${name} must be a whole number ≥ 0, not ${JSON.stringify(raw)}`);
  return value;
}
const maxSockets = limit('PUBLIC_MAX_SOCKETS');
const maxSocketsPerAddress = limit('MAX_SOCKETS_PER_ADDRESS');
const requestsPerMinute = limit('PUBLIC_REQUESTS_PER_MINUTE');
const log = createLogger((env.LOG_LEVEL as never) ?? 'info');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const server = await startPublicServer(
  {
    port,
    host: env.HOST ?? '0.0.0.0',
    redisUrl: redisUrl!,
    writerUrl: writerUrl!,
    clientDir: env.CLIENT_DIR ? path.resolve(env.CLIENT_DIR) : path.join(root, 'dist/client'),
    ...(env.TRUST_PROXY ? { trustProxy: env.TRUST_PROXY } : {}),
    ...(readAfter !== undefined ? { writerReadAfterMs: readAfter } : {}),
    ...(maxSockets !== undefined ? { maxSockets } : {}),
    ...(maxSocketsPerAddress !== undefined ? { maxSocketsPerAddress } : {}),
    ...(requestsPerMinute ? { requestsPerMinute } : {}),
    ...(env.LIVE_FRAME_ANCESTORS ? { liveFrameAncestors: env.LIVE_FRAME_ANCESTORS.split(',').map((o) => o.trim()) } : {}),
  },
  log,
);
process.stdout.write(`Bộ đếm công khai / public counter: listening on ${server.url} (/live, /api/public)\n`);
const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
