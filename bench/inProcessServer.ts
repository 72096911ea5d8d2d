/**
 * The real server started inside a bench's own process (server/app.ts, port 0, a temp
 * DATA_DIR, quiet, no timed backups, no write limit), for benches that drive a browser against
 * it: its event loop is not what they measure.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from '../server/app.ts';
import { createLogger } from '../server/log.ts';

export async function startBenchServer(clientDir: string): Promise<{ server: RunningServer; dataDir: string; close(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntth-bench-'));
  const server = await startServer(
    {
      port: 0,
      host: '127.0.0.1',
      dataDir,
      adminToken: undefined,
      logLevel: 'silent',
      clientDir,
      rateLimits: { authFailuresPerMinute: 1000, writesPerSecond: 1_000_000 },
      backups: { intervalMinutes: 0, keep: 1 },
    },
    { log: createLogger('silent') },
  );
  return {
    server,
    dataDir,
    close: async () => {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
