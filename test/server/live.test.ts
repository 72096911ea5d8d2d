/**
 * The live contract over a real Socket.IO server: snapshot first, then every event in seq
 * order with none skipped; replay with `after` (and `logId`); counts only for the counting
 * roles; tokens checked at the handshake and revocation closing sockets at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectionFromWire, toStateBody } from '../../shared/index.ts';
import { api, connectLive, makeToken, post, startTestServer, type LiveClient, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let desk: string;
let wall: string;
let mc: string;
const clients: LiveClient[] = [];

function live(token: string, after?: number, logId?: string): LiveClient {
  const client = connectLive(server.url, token, after, logId);
  clients.push(client);
  return client;
}

const seqNow = async () => (await api(server.url, 'GET', '/api/health')).body.seq as number;

function expectContiguous(seqs: number[], from: number, to: number) {
  expect(seqs).toEqual(Array.from({ length: to - from }, (_, i) => from + 1 + i));
}

beforeAll(async () => {
  server = await startTestServer();
  [desk, wall, mc] = await Promise.all([makeToken(server, 'desk'), makeToken(server, 'wall'), makeToken(server, 'mc')]);
});
afterAll(async () => {
  for (const client of clients) client.close();
  await server?.close();
});

describe('socket', () => {
  it('without `after`: a snapshot equal to GET /api/state, then each new event in seq order', async () => {
    const client = live(wall);
    await client.until(() => client.snapshots.length === 1, 5000, 'snapshot');
    const snapshot = client.snapshots[0]!;
    const { projection, ...body } = snapshot;
    const state = await api(server.url, 'GET', '/api/state', { token: wall });
    expect(body).toEqual(state.body);
    // The projection it carries continues with the same code and gives the same view (the log's identity is the server's to say).
    const { logId: _logId, ...view } = state.body;
    expect(toStateBody(projectionFromWire(projection), 'public')).toEqual(view);

    const from = snapshot.seq;
    await post(server, desk, 'donor.registered', { donorId: 'live-1', fullName: 'Phạm Thu Trang', agencyId: 'ldld' });
    await post(server, desk, 'donor.checked_in', { donorId: 'live-1' });
    await client.until(() => client.events.length === 2, 5000, 'two events');
    expectContiguous(
      client.events.map((e) => e.seq),
      from,
      from + 2,
    );
    expect(client.events.map((e) => e.type)).toEqual(['donor.registered', 'donor.checked_in']);
    // The wall's events carry counts (v1.1 need to know): the agency and the day, no donor.
    expect(client.events[0]).toMatchObject({ id: expect.any(String), payload: { agencyId: 'ldld', day: expect.any(String) }, at: expect.any(String) });
    expect(client.events[0]!.payload).not.toHaveProperty('donorId');
  });

  it('with `after: N`: replays every event after N (no snapshot), then goes on live, no gap, no double', async () => {
    const start = await seqNow();
    for (let i = 0; i < 5; i++) await post(server, desk, 'donor.registered', { donorId: `replay-${i}`, fullName: `Người ${i}`, agencyId: 'soyte' });
    const client = live(wall, start);
    await client.until(() => client.events.length === 5, 5000, 'replay');
    expect(client.snapshots).toHaveLength(0);
    // Events posted while and after the replay arrive once each, in order.
    await Promise.all(Array.from({ length: 20 }, (_, i) => post(server, desk, 'donor.registered', { donorId: `burst-${i}`, fullName: `Người ${i}`, agencyId: 'soyte' })));
    const end = await seqNow();
    await client.until(() => client.events.length === end - start, 5000, 'burst');
    expectContiguous(
      client.events.map((e) => e.seq),
      start,
      end,
    );
  });

  it('concurrent writers: every client sees the same events in the same order', async () => {
    const start = await seqNow();
    const a = live(wall, start);
    const b = live(desk, start);
    const c = live(mc);
    await c.until(() => c.snapshots.length === 1);
    await Promise.all(Array.from({ length: 30 }, (_, i) => post(server, desk, 'donor.registered', { donorId: `conc-${i}`, fullName: `Người ${i}`, agencyId: 'bqlkcn' })));
    const end = await seqNow();
    for (const client of [a, b]) await client.until(() => client.events.length === end - start, 5000, 'all events');
    await c.until(() => (c.events.at(-1)?.seq ?? 0) === end, 5000, 'all events');
    expectContiguous(
      a.events.map((e) => e.seq),
      start,
      end,
    );
    expect(b.events.map((e) => e.id)).toEqual(a.events.map((e) => e.id));
    expect(c.events.map((e) => e.id)).toEqual(a.events.filter((e) => e.seq > c.snapshots[0]!.seq).map((e) => e.id));
  });

  it('an `after` the server cannot replay (ahead of its log) gets a snapshot', async () => {
    const client = live(wall, (await seqNow()) + 1000);
    await client.until(() => client.snapshots.length === 1, 5000, 'snapshot');
    expect(client.snapshots[0]!.seq).toBe(await seqNow());
  });

  it('wall, mc and coordinator receive no donor identity, in events or snapshots; a desk gets the donor, never the CCCD', async () => {
    const coordinator = await makeToken(server, 'coordinator');
    const start = await seqNow();
    const counting = [live(wall, start), live(mc, start), live(coordinator, start)];
    const deskClient = live(desk, start);
    await post(server, desk, 'donor.registered', { donorId: 'pii-1', fullName: 'Đỗ Minh Châu', agencyId: 'ldld', phone: '0901234567', nationalId: '030201009876', bloodType: 'AB-' });
    await post(server, desk, 'donor.checked_in', { donorId: 'pii-1' });
    await post(server, desk, 'donor.deferred', { donorId: 'pii-1', reasonCode: 'blood_pressure', reason: 'HA 160/100' });
    for (const client of [...counting, deskClient]) await client.until(() => client.events.length === 3, 5000, 'three events');
    for (const client of counting) {
      expect(client.events.map((e) => e.payload)).toEqual([
        { agencyId: 'ldld', day: expect.any(String) },
        { agencyId: 'ldld', day: expect.any(String) },
        { agencyId: 'ldld', day: expect.any(String) },
      ]);
    }
    expect(deskClient.events[0]!.payload).toMatchObject({ donorId: 'pii-1', fullName: 'Đỗ Minh Châu', phone: '0901234567', nationalIdLast4: '9876' });
    expect(deskClient.events[2]!.payload).toEqual({ donorId: 'pii-1', reasonCode: 'blood_pressure', reason: 'HA 160/100' });

    const snapshots = [live(wall), live(mc), live(coordinator)];
    const deskSnapshot = live(desk);
    for (const client of [...snapshots, deskSnapshot]) await client.until(() => client.snapshots.length === 1);
    for (const client of snapshots) {
      const text = JSON.stringify(client.snapshots[0]);
      for (const secret of ['pii-1', 'Châu', '0901234567', '030201009876', '9876', 'AB-', 'HA 160']) expect(text, secret).not.toContain(secret);
    }
    const deskText = JSON.stringify(deskSnapshot.snapshots[0]);
    expect(deskText).toContain('Châu');
    expect(deskText).not.toContain('030201009876');
  });

  it("a deferral's reason goes to the desk that recorded it, not to the other desks", async () => {
    const otherDesk = await makeToken(server, 'desk', 'Bàn 2');
    const start = await seqNow();
    const mine = live(desk, start);
    const theirs = live(otherDesk, start);
    await post(server, desk, 'donor.registered', { donorId: 'defer-1', fullName: 'Vũ Thị Mai', agencyId: 'ldld' });
    await post(server, desk, 'donor.checked_in', { donorId: 'defer-1' });
    await post(server, desk, 'donor.deferred', { donorId: 'defer-1', reasonCode: 'low_hemoglobin', reason: 'Hb 11,5' });
    for (const client of [mine, theirs]) await client.until(() => client.events.length === 3, 5000, 'three events');
    expect(mine.events[2]!.payload).toEqual({ donorId: 'defer-1', reasonCode: 'low_hemoglobin', reason: 'Hb 11,5' });
    expect(theirs.events[2]!.payload).toEqual({ donorId: 'defer-1' });
    // The same over HTTP, and in a snapshot.
    const asOther = await api(server.url, 'GET', `/api/events?after=${start}`, { token: otherDesk });
    expect(asOther.body.events[2].payload).toEqual({ donorId: 'defer-1' });
    const snapshot = live(otherDesk);
    await snapshot.until(() => snapshot.snapshots.length === 1);
    expect(JSON.stringify(snapshot.snapshots[0])).not.toContain('Hb 11,5');
    expect(JSON.stringify(snapshot.snapshots[0])).not.toContain('low_hemoglobin');
  });

  it('a client that holds another history (logId) gets a snapshot, not a replay', async () => {
    const first = live(wall);
    await first.until(() => first.snapshots.length === 1);
    const { logId, seq } = first.snapshots[0]!;
    expect(logId).toMatch(/^log_/);
    await post(server, desk, 'donor.registered', { donorId: 'history-1', fullName: 'Người khác', agencyId: 'ldld' });
    const same = live(wall, seq, logId);
    await same.until(() => same.events.length === 1, 5000, 'replay');
    expect(same.snapshots).toHaveLength(0);
    const other = live(wall, seq, 'log_another');
    await other.until(() => other.snapshots.length === 1, 5000, 'snapshot');
    expect(other.events).toHaveLength(0);
  });

  it('a missing or wrong token is refused at the handshake', async () => {
    for (const token of ['', 'not-a-token']) {
      const client = live(token);
      const error = await new Promise<Error & { data?: { code: string } }>((resolve) => client.socket.once('connect_error', resolve));
      expect(error.message).toBe('unauthorized');
      expect(error.data?.code).toBe('unauthorized');
    }
  });

  it('revoking a token closes its open sockets at once', async () => {
    const made = await api(server.url, 'POST', '/api/tokens', { token: server.adminToken, body: { role: 'wall', label: 'sẽ thu hồi' } });
    const client = live(made.body.token);
    await client.until(() => client.snapshots.length === 1);
    const disconnected = new Promise<string>((resolve) => client.socket.once('disconnect', resolve));
    await api(server.url, 'DELETE', `/api/tokens/${made.body.id}`, { token: server.adminToken });
    expect(await disconnected).toBe('io server disconnect');
    const again = live(made.body.token);
    const error = await new Promise<Error>((resolve) => again.socket.once('connect_error', resolve));
    expect(error.message).toBe('unauthorized');
  });
});
