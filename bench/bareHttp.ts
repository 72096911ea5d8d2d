/**
 * The yardstick for durable ingest: a bare node:http server that reads and parses the same
 * JSON requests and answers 201, with no validation, auth or storage.
 * Run as a child process by bench/run.ts; prints "listening <port>".
 */
import http from 'node:http';

let seq = 0;
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    JSON.parse(Buffer.concat(chunks).toString('utf8'));
    seq += 1;
    res.writeHead(201, { 'content-type': 'application/json' }).end(`{"seq":${seq}}`);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as { port: number }).port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
