/**
 * The backup job (a worker thread): copies the event log, then the key store, through
 * read-only connections of its own, and makes each copy a self-contained file. SQLite's online
 * backup and the last fsync of a copy of hundreds of megabytes took a quarter of a second of the
 * server's event loop at a million events; here they take none of it.
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
