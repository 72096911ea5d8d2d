/**
 * The public figures' fan-out across processes (issue 19), on Redis through the Socket.IO Redis
 * Streams adapter, set on the `/public` namespace only: the staff namespace never waits on
 * Redis, so desks and staff screens work whether Redis is up or not.
 *
 * The adapter carries one message per change, `serverSideEmit('body', body)`, from the writer to
 * every public process; each process sends it to its own viewers (`local.emit`). The contract is
 * the body's `seq` (and `logId`), not the adapter's delivery: a process keeps the newest body it
 * has seen and sends nothing older, and it also reads the writer's GET /api/public when no body
 * came for a while — so a viewer never sees figures go back, and catches up after Redis stalls
 * or restarts (the adapter's fan-out is known to stall after a Redis restart).
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { Namespace } from 'socket.io';
import type { PublicBody } from '../../shared/publicView.ts';
import type { PublicServerToClientEvents } from '../../shared/protocol.ts';
import type { Logger } from '../log.ts';

export type PublicNamespace = Namespace<Record<string, never>, PublicServerToClientEvents, { body: (body: PublicBody) => void }>;

/** Whether `next` is newer than `current` (another history's body always is: a restore). */
export function isNewer(next: PublicBody, current: PublicBody | null): boolean {
  return current === null || next.logId !== current.logId || next.seq > current.seq;
}

/**
 * Connects to Redis and puts the namespace on the Redis Streams adapter. Never throws and never
 * waits for Redis to be up: the client reconnects by itself, and until then the namespace's
 * messages to other processes wait in its queue.
 */
export async function relayOverRedis(namespace: PublicNamespace, redisUrl: string, log: Logger): Promise<{ close: () => Promise<void> }> {
  const client = createClient({ url: redisUrl, socket: { reconnectStrategy: (retries) => Math.min(2000, 100 * 2 ** Math.min(retries, 5)) } });
  let reported = false;
  client.on('error', (err: Error) => {
    // Once per outage: a reconnecting client reports every attempt.
    if (!reported) log.warn({ err: err.message }, 'redis unavailable: the public counter relies on its processes reading the writer until it is back');
    reported = true;
  });
  client.on('ready', () => {
    if (reported) log.info('redis available again');
    reported = false;
  });
  void client.connect().catch(() => undefined);
  const Adapter = createAdapter(client as never);
  // The staff namespace keeps its in-memory adapter: only this namespace goes through Redis.
  const adapter = new (Adapter as unknown as new (nsp: PublicNamespace) => PublicNamespace['adapter'])(namespace);
  (namespace as unknown as { adapter: PublicNamespace['adapter'] }).adapter = adapter;
  // Not awaited: it waits for Redis, which may be down at start.
  void Promise.resolve((adapter as unknown as { init?: () => unknown }).init?.()).catch(() => undefined);
  return {
    async close() {
      (adapter as unknown as { close?: () => unknown }).close?.();
      await client.quit().catch(() => client.destroy());
    },
  };
}
