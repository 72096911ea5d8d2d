/**
 * Writing a large file (a snapshot, a backup) beside a server that commits with an fsync per
 * group of writes: a few megabytes at a time, each part on disk before the next. Written whole
 * and fsynced at the end, hundreds of megabytes went to the disk at once and the desks' commits
 * (an fsync on the same disk) waited behind them, up to a fifth of a second (bench/no-pause.ts,
 * a log of a million events).
 */
import fs from 'node:fs';
import { PRIVATE_FILE_MODE } from './filePermissions.ts';

/** How much is written, and on disk, before the next part. */
const PART_BYTES = 4 * 1024 * 1024;

/** Writes `bytes` as the new file `file` (only its owner reads it), on disk when it resolves; on failure the file is gone. */
export async function writeInParts(file: string, bytes: Uint8Array): Promise<void> {
  try {
    const handle = await fs.promises.open(file, 'w', PRIVATE_FILE_MODE);
    try {
      for (let at = 0; at < bytes.length; at += PART_BYTES) {
        await handle.write(bytes, at, Math.min(PART_BYTES, bytes.length - at), at);
        await handle.datasync();
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.chmod(file, PRIVATE_FILE_MODE);
  } catch (err) {
    await fs.promises.rm(file, { force: true });
    throw err;
  }
}
