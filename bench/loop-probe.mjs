/* global process, setInterval */
/**
 * Preloaded into a server under test (NODE_OPTIONS=--import=…/loop-probe.mjs): samples its event
 * loop's delay and, on SIGUSR2, prints `LOOP_PROBE {max, p99, mean}` in ms and starts anew. Works
 * on any version of the server, so a bench can compare two checkouts. With LOOP_PROBE_EVERY_MS,
 * it also prints `LOOP_SAMPLE {at, max, rssMb, heapMb}` that often (the soak's plot), each over
 * the time since the last.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

const histogram = monitorEventLoopDelay({ resolution: 5 });
histogram.enable();
const ms = (ns) => Math.round(ns / 1e4) / 100;
process.on('SIGUSR2', () => {
  process.stdout.write(`LOOP_PROBE ${JSON.stringify({ max: ms(histogram.max), p99: ms(histogram.percentile(99)), mean: ms(histogram.mean) })}\n`);
  histogram.reset();
});
const every = Number(process.env.LOOP_PROBE_EVERY_MS ?? 0);
if (every > 0) {
  const samples = monitorEventLoopDelay({ resolution: 5 });
  samples.enable();
  setInterval(() => {
    const { rss, heapUsed } = process.memoryUsage();
    process.stdout.write(`LOOP_SAMPLE ${JSON.stringify({ at: Date.now(), max: ms(samples.max), rssMb: Math.round(rss / 2 ** 20), heapMb: Math.round(heapUsed / 2 ** 20) })}\n`);
    samples.reset();
  }, every).unref();
}
