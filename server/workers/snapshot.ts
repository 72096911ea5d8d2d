/**
 * The snapshot job (a worker thread): the latest snapshot on disk plus the log's events after
 * it, up to the seq asked for, encoded and written as a new snapshot file. The server's own
 * state is never touched, so encoding a million events' state stops no desk and no wall.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { writeSnapshotFromLog, type SnapshotJob } from '../store/snapshotStore.ts';
import type { WorkerAnswer } from './runWorker.ts';

const { data } = workerData as { data: SnapshotJob };
let answer: WorkerAnswer<string>;
try {
  answer = { ok: true, result: await writeSnapshotFromLog(data) };
} catch (err) {
  answer = { ok: false, error: (err as Error).message };
}
parentPort!.postMessage(answer);
