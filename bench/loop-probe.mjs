/* global process */
/**
 * Preloaded into a server under test (NODE_OPTIONS=--import=…/loop-probe.mjs): samples its event
 * loop's delay and, on SIGUSR2, prints `LOOP_PROBE {max, p99, mean}` in ms and starts anew. Works
 * on any version of the server, so a bench can compare two checkouts.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

const histogram = monitorEventLoopDelay({ resolution: 5 });
histogram.enable();
process.on('SIGUSR2', () => {
  const ms = (ns) => Math.round(ns / 1e4) / 100;
  process.stdout.write(`LOOP_PROBE ${JSON.stringify({ max: ms(histogram.max), p99: ms(histogram.percentile(99)), mean: ms(histogram.mean) })}\n`);
  histogram.reset();
});
