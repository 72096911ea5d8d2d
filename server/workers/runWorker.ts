/**
 * Runs a job on a worker thread, off the event loop that answers the desks and feeds the walls.
 * A job is a module in this folder that reads `workerData` and posts one `WorkerAnswer`. From
 * the source (tests, `tsx`), the module is loaded through tsx (tsBoot.mjs); from the compiled
 * server, it is its own bundle beside it (scripts/build-server.ts: dist/server/workers/*.mjs).
 */
import { Worker } from 'node:worker_threads';

/** What a job posts back: its result, or why it failed. */
export type WorkerAnswer<T> = { ok: true; result: T } | { ok: false; error: string };

/** The jobs there are (each a module `<name>.ts` here). */
export type WorkerJob = 'snapshot';

const fromSource = import.meta.url.endsWith('.ts');

export function runWorker<T>(job: WorkerJob, data: unknown): Promise<T> {
  const worker = fromSource
    ? new Worker(new URL('./tsBoot.mjs', import.meta.url), { workerData: { entry: new URL(`./${job}.ts`, import.meta.url).href, data } })
    : new Worker(new URL(`./workers/${job}.mjs`, import.meta.url), { workerData: { data } });
  return new Promise<T>((resolve, reject) => {
    let answered = false;
    worker.once('message', (answer: WorkerAnswer<T>) => {
      answered = true;
      if (answer.ok) resolve(answer.result);
      else reject(new Error(answer.error));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the ${job} worker stopped (exit code ${code}) without an answer`));
    });
  });
}
