/**
 * The backup job (a worker thread): copies the event log, then the key store, through
 * read-only connections of its own, each into a self-contained file written a part at a time
 * (copyDatabase). SQLite's online backup and the last fsync of a copy of hundreds of megabytes
 * took a quarter of a second of the server's event loop at a million events; here the loop does
 * none of it, and the disk is never flushed hundreds of megabytes at once under the desks' commits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { copyDatabase, type BackupJob } from '../backup/service.ts';
import type { WorkerAnswer } from './runWorker.ts';

const { data } = workerData as { data: BackupJob };
let answer: WorkerAnswer<null>;
try {
  // The keys after the log: a key made since is only one more, never one missing.
  await copyDatabase(data.events, data.eventsCopy);
  await copyDatabase(data.keys, data.keysCopy);
  answer = { ok: true, result: null };
} catch (err) {
  answer = { ok: false, error: (err as Error).message };
}
parentPort!.postMessage(answer);
