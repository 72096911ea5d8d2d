/**
 * A worker thread's entry when the server runs from its TypeScript source (tests, `tsx`): loads
 * the job's module through tsx. The compiled server starts its bundled jobs directly.
 */
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
