/**
 * Online backups of the SQLite database with better-sqlite3's backup API: consistent copies
 * taken while the server runs, on a schedule (BACKUP_INTERVAL_MINUTES, default 15; 0 turns it
 * off) and on demand (POST /api/backups, admin), into DATA_DIR/backups, keeping the newest
 * BACKUP_KEEP (default 48). Restoring is copying one back while the server is stopped (README).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../store/database.ts';
import type { Logger } from '../log.ts';

export interface BackupInfo {
  file: string;
  bytes: number;
  createdAt: string;
}

export interface BackupConfig {
  intervalMinutes: number;
  keep: number;
}

export function backupConfigFromEnv(env: NodeJS.ProcessEnv = process.env): BackupConfig {
  const whole = (name: string, fallback: number, min: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number ≥ ${min}, got ${JSON.stringify(raw)}`);
    return value;
  };
  return { intervalMinutes: whole('BACKUP_INTERVAL_MINUTES', 15, 0), keep: whole('BACKUP_KEEP', 48, 1) };
}

const BACKUP_NAME = /^events-\d{8}T\d{6}\d{3}Z(-\d+)?\.sqlite$/;

export class BackupService {
  readonly dir: string;
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<BackupInfo> | null = null;

  constructor(
    private readonly db: Db,
    dataDir: string,
    private readonly config: BackupConfig,
    private readonly log: Logger,
  ) {
    this.dir = path.join(dataDir, 'backups');
  }

  start(): void {
    if (this.config.intervalMinutes <= 0) return;
    this.timer = setInterval(() => {
      this.backup().catch((err) => this.log.error({ err }, 'scheduled backup failed'));
    }, this.config.intervalMinutes * 60_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Takes a consistent copy now (one at a time) and prunes old ones. */
  backup(): Promise<BackupInfo> {
    this.running ??= this.take().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Waits for a backup in progress, so the database can be closed safely. */
  async settle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  list(): BackupInfo[] {
    if (!fs.existsSync(this.dir)) return [];
    return fs
      .readdirSync(this.dir)
      .filter((name) => BACKUP_NAME.test(name))
      .sort()
      .reverse()
      .map((name) => {
        const stat = fs.statSync(path.join(this.dir, name));
        return { file: name, bytes: stat.size, createdAt: stat.mtime.toISOString() };
      });
  }

  private async take(): Promise<BackupInfo> {
    fs.mkdirSync(this.dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[-:.]/g, '');
    let name = `events-${stamp}.sqlite`;
    for (let n = 1; fs.existsSync(path.join(this.dir, name)); n++) name = `events-${stamp}-${n}.sqlite`;
    const partial = path.join(this.dir, `${name}.partial`);
    await this.db.backup(partial);
    fs.renameSync(partial, path.join(this.dir, name));
    for (const old of this.list().slice(this.config.keep)) fs.rmSync(path.join(this.dir, old.file), { force: true });
    const info = this.list().find((b) => b.file === name)!;
    this.log.info({ file: name, bytes: info.bytes }, 'backup written');
    return info;
  }
}
