/**
 * Entry point of `npm start`: reads the environment (config.ts; a bad value stops here, saying
 * which variable and why), starts the server, prints where every page is, and shuts down
 * gracefully on SIGTERM / SIGINT.
 *
 * The signal handlers are in place before anything starts: a stop asked for while the state
 * is still loading (or the instant the ready line is printed) waits for the start to finish
 * and then closes as usual, instead of the process being killed outright.
 */
import { startServer, type RunningServer } from './app.ts';
import { configFromEnv, type ServerConfig } from './config.ts';
import { PAGES } from './http/pages.ts';
import { createLogger } from './log.ts';

function refuse(message: string): never {
  process.stderr.write(`Không khởi động được / could not start: ${message}\n`);
  process.exit(1);
}

let config: ServerConfig;
try {
  config = configFromEnv();
} catch (err) {
  // A bad variable: its name, what it must be and what it was (config.ts), nothing else.
  refuse((err as Error).message);
}
const log = createLogger(config.logLevel);

let server: RunningServer | undefined;
let stopSignal: string | null = null;

function shutDown(running: RunningServer, signal: string): void {
  log.info({ signal }, 'shutting down');
  running
    .close()
    .then(() => process.exit(0))
    .catch((err) => {
      log.error({ err }, 'error while shutting down');
      process.exit(1);
    });
}

function stop(signal: string): void {
  if (stopSignal) return;
  stopSignal = signal;
  if (server) shutDown(server, signal);
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));

try {
  server = await startServer(config, { log });
  const lines = [
    `Ngày hội hiến máu — bảng điều hành / event-day dashboard: listening on ${server.url}`,
    `  Trang chủ / index:   ${server.url}/`,
    ...PAGES.map((page) => `  ${page.padEnd(8)}            ${server!.url}/${page}`),
    `  Quản trị / admin link (keep it private): ${server.url}/admin?token=${server.adminToken}`,
    `  Data: ${config.dataDir}`,
  ];
  // Plain stdout on purpose: people read these lines; the structured log goes on beside them.
  process.stdout.write(lines.join('\n') + '\n');
  if (stopSignal) shutDown(server, stopSignal);
} catch (err) {
  log.fatal({ err }, 'could not start');
  refuse((err as Error).message);
}
