/* global Buffer */
/**
 * Worker of bench/reconnect-storm.ts: opens N sockets at once, spread over the given tokens (no `after`: each asks for a
 * snapshot, as every device does after a wifi drop) and reports when the last snapshot arrived.
 * A worker, so parsing N snapshots does not hold up the desk measured in the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';

const { url, tokens, count } = workerData;
const started = performance.now();
const arrivals = [];
let bytes = 0;
let refused = 0;
const sockets = Array.from({ length: count }, (_, i) => {
  const socket = io(url, { auth: { token: tokens[i % tokens.length] }, transports: ['websocket'], reconnection: false, forceNew: true, timeout: 120_000 });
  socket.once('snapshot', (snapshot) => {
    arrivals.push(performance.now() - started);
    if (arrivals.length <= 20) bytes = Math.max(bytes, Buffer.byteLength(JSON.stringify(snapshot)));
    settle();
  });
  socket.once('connect_error', () => {
    refused += 1;
    settle();
  });
  return socket;
});
function settle() {
  if (arrivals.length + refused < count) return;
  arrivals.sort((a, b) => a - b);
  parentPort.postMessage({ lastMs: arrivals.at(-1) ?? NaN, p50Ms: arrivals[Math.floor(arrivals.length / 2)] ?? NaN, bytes, refused });
  for (const socket of sockets) socket.close();
}
