/**
 * Worker of bench/public-viewers.ts: opens `count` viewers of the public namespace, spread over
 * the given servers, and records when each body arrives (absolute ms), by its seq: the first
 * arrival of each seq per viewer. A worker, so that parsing thousands of bodies does not hold up
 * the desk measured in the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';

const { urls, count } = workerData;
const now = () => performance.timeOrigin + performance.now();
/** seq → arrival times (one per viewer that received it). */
const arrivals = new Map();
let connected = 0;
let refused = 0;
const sockets = Array.from({ length: count }, (_, i) => {
  const socket = io(`${urls[i % urls.length]}/public`, { transports: ['websocket'], reconnection: false, forceNew: true, timeout: 120_000 });
  socket.once('connect', () => {
    connected += 1;
    report();
  });
  socket.once('connect_error', () => {
    refused += 1;
    report();
  });
  socket.on('public', (body) => {
    const at = now();
    let list = arrivals.get(body.seq);
    if (!list) arrivals.set(body.seq, (list = []));
    list.push(at);
  });
  return socket;
});
function report() {
  if (connected + refused === count) parentPort.postMessage({ type: 'ready', connected, refused });
}
parentPort.on('message', (message) => {
  if (message === 'collect') {
    parentPort.postMessage({ type: 'arrivals', arrivals: [...arrivals.entries()] });
    arrivals.clear();
  } else if (message === 'close') {
    for (const socket of sockets) socket.close();
    parentPort.postMessage({ type: 'closed' });
  }
});
