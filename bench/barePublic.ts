/**
 * The yardstick of bench/public-viewers.ts: bare Socket.IO servers behind the same Redis Streams
 * adapter and Redis, with none of the product around them. `emitter`: an HTTP server whose POST
 * hands its body at once to every other server (`serverSideEmit`, as the product's writer does);
 * `viewers`: a Socket.IO server whose `/public` namespace sends each body it gets to its sockets.
 *
 *   node --import tsx bench/barePublic.ts emitter|viewers <redisUrl>
 */
import http from 'node:http';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { Server } from 'socket.io';

const [role, redisUrl] = process.argv.slice(2) as ['emitter' | 'viewers', string];
const client = createClient({ url: redisUrl });
await client.connect();
const server = http.createServer();
const io = new Server(server, { serveClient: false, adapter: createAdapter(client as never) });
const namespace = io.of('/public');
if (role === 'viewers') {
  namespace.on('body' as never, (body: unknown) => {
    namespace.local.emit('public', body);
  });
} else {
  server.on('request', (req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      namespace.serverSideEmit('body', JSON.parse(text));
      res.writeHead(201).end('{}');
    });
  });
}
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening on http://127.0.0.1:${(server.address() as { port: number }).port}\n`));
