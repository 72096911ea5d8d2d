/**
 * Entry point of `npm start`: reads the environment, starts the server, prints where every
 * page is, and shuts down gracefully on SIGTERM / SIGINT.
 */
import { startServer } from './app.ts';
import { configFromEnv } from './config.ts';
import { PAGES } from './http/pages.ts';
import { createLogger } from './log.ts';

const config = configFromEnv();
const log = createLogger(config.logLevel);

try {
  const server = await startServer(config, { log });
  const lines = [
    `Ngày hội hiến máu — bảng điều hành / event-day dashboard: listening on ${server.url}`,
    `  Trang chủ / index:   ${server.url}/`,
    ...PAGES.map((page) => `  ${page.padEnd(8)}            ${server.url}/${page}`),
    `  Quản trị / admin link (keep it private): ${server.url}/admin?token=${server.adminToken}`,
    `  Data: ${config.dataDir}`,
  ];
  // Plain stdout on purpose: people read these lines; the structured log goes on beside them.
  process.stdout.write(lines.join('\n') + '\n');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    server
      .close()
      .then(() => process.exit(0))
      .catch((err) => {
        log.error({ err }, 'error while shutting down');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
} catch (err) {
  log.fatal({ err }, 'could not start');
  process.stderr.write(`Không khởi động được / could not start: ${(err as Error).message}\n`);
  process.exit(1);
}
