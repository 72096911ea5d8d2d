/**
 * The yardstick for live latency: a bare Socket.IO server on the same Node.js, with no
 * database, auth or projection. An HTTP POST /emit broadcasts its JSON body as an `event` to
 * every connected socket, the way the real server broadcasts a recorded event.
 * Run as a child process by bench/run.ts; prints "listening <port>".
 */
import http from 'node:http';
import { Server } from 'socket.io';

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/emit') {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const payload = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    io.emit('event', payload);
    res.writeHead(201, { 'content-type': 'application/json' }).end('{"seq":1}');
  });
});
const io = new Server(server, { serveClient: false });
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as { port: number }).port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
