/**
 * Who may read DATA_DIR (issue 16, 6): the log, the key store, snapshots and backups hold
 * people's data (sealed, but the keys are beside it), so the directory is the server user's
 * alone (0700) and every file in it too (0600). Files are created so; a start finds anything
 * looser (made by an older version, copied in by hand, restored from a backup) and tightens it,
 * saying so in the log.
 */
import fs from 'node:fs';
import path from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** The directory, made 0700 (created if missing). */
export function privateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if ((fs.statSync(dir).mode & 0o777) !== PRIVATE_DIR_MODE) fs.chmodSync(dir, PRIVATE_DIR_MODE);
}

/** The file, created empty if missing, made 0600 (SQLite gives its -wal and -shm the mode of the database file). */
export function privateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE));
  if ((fs.statSync(file).mode & 0o777) !== PRIVATE_FILE_MODE) fs.chmodSync(file, PRIVATE_FILE_MODE);
}

/**
 * Tightens DATA_DIR and everything in it, two levels deep (snapshots/, backups/): returns what
 * was looser, relative to DATA_DIR, for the start's warning.
 */
export function tightenDataDir(dataDir: string): string[] {
  const loose: string[] = [];
  const visit = (dir: string, depth: number) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) continue;
      const wanted = entry.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
      const mode = fs.statSync(full).mode & 0o777;
      if (mode & ~wanted & 0o777) {
        loose.push(`${path.relative(dataDir, full)} (${mode.toString(8)})`);
        fs.chmodSync(full, wanted);
      }
      if (entry.isDirectory() && depth < 2) visit(full, depth + 1);
    }
  };
  fs.mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const mode = fs.statSync(dataDir).mode & 0o777;
  if (mode & 0o077) {
    loose.push(`. (${mode.toString(8)})`);
    fs.chmodSync(dataDir, PRIVATE_DIR_MODE);
  }
  visit(dataDir, 1);
  return loose;
}
