/**
 * Runs a job on a worker thread, off the event loop that answers the desks and feeds the walls.
 * A job is a module in this folder that reads `workerData.data`, may take more input as
 * messages (`WorkerInput`), and posts one `WorkerAnswer`. From the source (tests, `tsx`), the
 * module is loaded through tsx (tsBoot.mjs); from the compiled server, it is its own bundle
 * beside it (scripts/build-server.ts: dist/server/workers/*.mjs).
 */
import { Worker } from 'node:worker_threads';

/** What a job posts back: its result, or why it failed. */
export type WorkerAnswer<T> = { ok: true; result: T } | { ok: false; error: string };

/** What a job that takes input in parts receives: parts, then the end (with what came last). */
export type WorkerInput = { part: unknown[] } | { end: unknown };

/** The jobs there are (each a module `<name>.ts` here). */
export type WorkerJob = 'snapshot' | 'xlsx' | 'backup';

/** A job under way: give it input in parts, then wait for its answer. */
export interface RunningJob<T> {
  post(part: unknown[]): void;
  finish(end?: unknown): Promise<T>;
  /** Stops it (its answer rejects): for a caller that gives up before finishing. */
  abort(): void;
}

const fromSource = import.meta.url.endsWith('.ts');

/** Starts a job; `signal` stops it (the worker is terminated, and its answer rejects). */
export function startWorker<T>(job: WorkerJob, data: unknown, signal?: AbortSignal): RunningJob<T> {
  const worker = fromSource
    ? new Worker(new URL('./tsBoot.mjs', import.meta.url), { workerData: { entry: new URL(`./${job}.ts`, import.meta.url).href, data } })
    : new Worker(new URL(`./workers/${job}.mjs`, import.meta.url), { workerData: { data } });
  const answer = new Promise<T>((resolve, reject) => {
    let answered = false;
    worker.once('message', (message: WorkerAnswer<T>) => {
      answered = true;
      void worker.terminate();
      if (message.ok) resolve(message.result);
      else reject(new Error(message.error));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the ${job} worker stopped (exit code ${code}) without an answer`));
    });
    signal?.addEventListener('abort', () => void worker.terminate(), { once: true });
  });
  // Failures are the caller's through finish(); none is left unhandled meanwhile.
  answer.catch(() => undefined);
  return {
    post: (part) => worker.postMessage({ part } satisfies WorkerInput),
    finish: (end) => {
      worker.postMessage({ end: end ?? null } satisfies WorkerInput);
      return answer;
    },
    abort: () => void worker.terminate(),
  };
}

/** A job that needs nothing more than its data. */
export function runWorker<T>(job: WorkerJob, data: unknown, signal?: AbortSignal): Promise<T> {
  return startWorker<T>(job, data, signal).finish();
}

/**
 * Reads `items` a slice at a time, each slice a few milliseconds of the event loop, with a turn
 * of the loop between them: a long list is handed to a worker without stopping the server.
 */
export async function* inSlices<T>(items: Iterable<T>, sliceMs = 5): AsyncGenerator<T[]> {
  const iterator = items[Symbol.iterator]();
  for (;;) {
    const slice: T[] = [];
    const started = performance.now();
    let next = iterator.next();
    for (; !next.done; next = iterator.next()) {
      slice.push(next.value);
      if ((slice.length & 255) === 0 && performance.now() - started >= sliceMs) break;
    }
    if (slice.length > 0) yield slice;
    if (next.done) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
