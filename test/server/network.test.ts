/**
 * Bad wifi: a socket cut off while events go on catches up with `after` and ends equal to the
 * server; an `after` older than the server will replay gets a snapshot; an outbox flushed
 * three times records each event once.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { applyInPlace, projectionFromWire, toStateBody, type ProjectionState } from '../../shared/index.ts';
import { donorEvents } from '../helpers/donors.ts';
import { api, connectLive, makeToken, newId, post, startTestServer, type LiveClient, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let desk: string;
let wall: string;
const clients: LiveClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ maxReplay: 40 });
  [desk, wall] = await Promise.all([makeToken(server, 'desk'), makeToken(server, 'wall')]);
});
afterAll(async () => {
  for (const client of clients) client.close();
  await server?.close();
});

/** `count` donors registered and checked in one POST at a time, every other one donating. */
async function registerMany(count: number, prefix: string) {
  const donors = Array.from({ length: count }, (_, i) => ({
    donorId: `${prefix}-${i}`,
    fullName: `Người ${prefix} ${i}`,
    agencyId: 'ldld',
    outcome: i % 2 === 0 ? ('donated' as const) : ('checkedIn' as const),
  }));
  for (const event of donorEvents(donors)) await post(server, desk, event.type, event.payload, event.id);
}

it('a client cut off while events continue catches up with `after` and equals the server', async () => {
  const first = connectLive(server.url, wall);
  clients.push(first);
  await first.until(() => first.snapshots.length === 1);
  const projection: ProjectionState = projectionFromWire(first.snapshots[0]!.projection);
  await registerMany(2, 'before-cut');
  await first.until(() => first.events.length === 5); // 2 registrations, 2 check-ins, 1 donation
  for (const event of first.events) applyInPlace(projection, event);
  first.close(); // the wifi drops

  await registerMany(6, 'during-cut');

  const resumed = connectLive(server.url, wall, projection.seq);
  clients.push(resumed);
  const target = (await api(server.url, 'GET', '/api/health')).body.seq;
  await resumed.until(() => resumed.events.at(-1)?.seq === target, 5000, 'catch-up');
  expect(resumed.snapshots).toHaveLength(0);
  for (const event of resumed.events) applyInPlace(projection, event);
  const { logId, ...serverView } = (await api(server.url, 'GET', '/api/state', { token: wall })).body;
  expect(logId).toEqual(first.snapshots[0]!.logId);
  expect(toStateBody(projection, 'public')).toEqual(serverView);
});

it('an `after` older than the server will replay gets a snapshot instead', async () => {
  await registerMany(20, 'long-cut'); // 50 events: more than maxReplay (40)
  const seq = (await api(server.url, 'GET', '/api/health')).body.seq;
  const client = connectLive(server.url, wall, seq - 50);
  clients.push(client);
  await client.until(() => client.snapshots.length === 1, 5000, 'snapshot');
  expect(client.events).toHaveLength(0);
  expect(client.snapshots[0]!.seq).toBe(seq);
  const near = connectLive(server.url, wall, seq - 10);
  clients.push(near);
  await near.until(() => near.events.length === 10, 5000, 'replay');
  expect(near.snapshots).toHaveLength(0);
});

it('an outbox flushed three times records each event once', async () => {
  const before = (await api(server.url, 'GET', '/api/health')).body.seq;
  const events: { id: string; type: string; payload: unknown }[] = [];
  for (let i = 0; i < 30; i++) {
    const donorId = `outbox-${i}`;
    events.push({ id: newId('ob'), type: 'donor.registered', payload: { donorId, fullName: `Người ${i}`, agencyId: 'sogddt' } });
    events.push({ id: newId('ob'), type: 'donor.checked_in', payload: { donorId } });
  }
  const answers = await Promise.all([1, 2, 3].map(() => api(server.url, 'POST', '/api/events/batch', { token: desk, body: { events } })));
  const log = (await api(server.url, 'GET', `/api/events?after=${before}`, { token: desk })).body.events;
  expect(log.map((e: any) => e.id)).toEqual(events.map((e) => e.id));
  for (const answer of answers) {
    expect(answer.body.results.map((r: any) => r.seq)).toEqual(log.map((e: any) => e.seq));
  }
  expect(answers.flatMap((a) => a.body.results).filter((r: any) => !r.duplicate)).toHaveLength(events.length);
});
