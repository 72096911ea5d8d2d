/**
 * The time of action on the device (API v1.1 `occurredAt`): accepted on POST /api/events and in
 * each event of a batch, validated (an ISO 8601 time with a time zone), recorded beside the
 * receive time (UTC, ms), clamped and flagged when the device's clock is ahead or the time is
 * too old, returned by GET /api/events, on the socket and in the audit, kept across a retry and
 * a restart, and read from a log written before the column existed. The projection still
 * follows the receive time (`at`).
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OCCURRED_AT_SKEW_MS, OCCURRED_AT_WINDOW_MS } from '../../shared/index.ts';
import { DB_FILE, LOG_FORMAT } from '../../server/store/database.ts';
import { api, connectLive, festivalClock, makeToken, newId, startTestServer, type TestServer } from '../helpers/server.ts';

const MESSAGE = 'occurredAt: must be an ISO 8601 time with a time zone, e.g. 2024-07-19T08:30:00+07:00';
const HOUR = 60 * 60 * 1000;

let server: TestServer;
let desk: string;

let donors = 0;
const nextDonor = () => `oa-${++donors}`;
const register = (donorId: string) => ({ type: 'donor.registered', payload: { donorId, fullName: `Lê Thị Giờ ${donors}`, agencyId: 'soyte' } });

/** POST /api/events with an envelope that may carry occurredAt. */
function send(envelope: Record<string, unknown>, token = desk) {
  return api(server.url, 'POST', '/api/events', { token, body: { id: newId(), ...envelope } });
}

const seqNow = async () => (await api(server.url, 'GET', '/api/health')).body.seq as number;

/** The recorded event with this id, as admin reads it from GET /api/events. */
async function recorded(id: string, on: TestServer = server): Promise<Record<string, unknown> | undefined> {
  const answer = await api(on.url, 'GET', '/api/events?after=0&limit=1000', { token: on.adminToken });
  expect(answer.status).toBe(200);
  return (answer.body.events as Record<string, unknown>[]).find((e) => e.id === id);
}

/** An ISO time `ms` from now, written with the Vietnamese offset (+07:00) as a device might. */
function vnTime(ms: number): string {
  const local = new Date(clock() + ms + 7 * HOUR).toISOString().slice(0, 23);
  return `${local}+07:00`;
}

/**
 * The shared server's clock: real speed from a festival noon, so "an hour ago" is the same day
 * whenever the tests run (they failed in the first hour after midnight in Việt Nam).
 */
const clock = festivalClock('2024-07-19T12:00:00+07:00');

beforeAll(async () => {
  server = await startTestServer({ now: clock });
  desk = await makeToken(server, 'desk', 'Bàn giờ');
});
afterAll(() => server?.close());

describe('occurredAt accepted and recorded beside the receive time', () => {
  it('a single event: stored in UTC with milliseconds, returned by GET /api/events; none sent → none returned', async () => {
    const id = newId();
    const sent = vnTime(-5 * 60 * 1000);
    const answer = await send({ id, ...register(nextDonor()), occurredAt: sent });
    expect(answer.status).toBe(201);
    const event = await recorded(id);
    expect(event).toMatchObject({ seq: answer.body.seq, occurredAt: new Date(Date.parse(sent)).toISOString() });
    expect(event!.occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(event).not.toHaveProperty('occurredAtFlag');
    // The receive time stays the server's own.
    expect(Date.parse(event!.at as string)).toBeGreaterThan(Date.parse(sent));

    const plainId = newId();
    expect((await send({ id: plainId, ...register(nextDonor()) })).status).toBe(201);
    const plain = await recorded(plainId);
    expect(plain).not.toHaveProperty('occurredAt');
    expect(plain).not.toHaveProperty('occurredAtFlag');
  });

  it('`Z` and fractions of a second are accepted; the time is kept to the millisecond', async () => {
    const id = newId();
    const sent = new Date(clock() - 90_000).toISOString().replace(/\.\d{3}Z$/, '.123456Z');
    expect((await send({ id, ...register(nextDonor()), occurredAt: sent })).status).toBe(201);
    expect((await recorded(id))!.occurredAt).toBe(sent.replace('.123456Z', '.123Z'));
  });

  it('a batch: each event with its own occurredAt, or none', async () => {
    const donorId = nextDonor();
    const ids = [newId(), newId(), newId()];
    const times = [vnTime(-30 * 60 * 1000), undefined, new Date(clock() - 10 * 60 * 1000).toISOString()];
    const events = [
      { id: ids[0], ...register(donorId), occurredAt: times[0] },
      { id: ids[1], type: 'donor.checked_in', payload: { donorId } },
      { id: ids[2], type: 'donor.donated', payload: { donorId, volumeMl: 350 }, occurredAt: times[2] },
    ];
    const answer = await api(server.url, 'POST', '/api/events/batch', { token: desk, body: { events } });
    expect(answer.status).toBe(200);
    expect(answer.body.results.every((r: { seq?: number }) => typeof r.seq === 'number')).toBe(true);
    expect((await recorded(ids[0]!))!.occurredAt).toBe(new Date(Date.parse(times[0]!)).toISOString());
    expect(await recorded(ids[1]!)).not.toHaveProperty('occurredAt');
    expect((await recorded(ids[2]!))!.occurredAt).toBe(times[2]);
  });

  it('pushed on the socket, to admin as recorded and to the wall with the counted payload; the figures follow the receive time', async () => {
    const wall = await makeToken(server, 'wall');
    const after = await seqNow();
    const admin = connectLive(server.url, server.adminToken, after);
    const board = connectLive(server.url, wall, after);
    try {
      const id = newId();
      const sent = vnTime(-60 * 60 * 1000);
      expect((await send({ id, ...register(nextDonor()), occurredAt: sent })).status).toBe(201);
      await admin.until(() => admin.events.some((e) => e.id === id), 5000, 'the event on the admin socket');
      await board.until(() => board.events.some((e) => e.id === id), 5000, 'the event on the wall socket');
      const expected = new Date(Date.parse(sent)).toISOString();
      const forAdmin = admin.events.find((e) => e.id === id)!;
      const forWall = board.events.find((e) => e.id === id)!;
      expect(forAdmin).toMatchObject({ occurredAt: expected, payload: { donorId: expect.any(String) } });
      expect(forAdmin).not.toHaveProperty('occurredAtFlag');
      expect(forWall).toMatchObject({ occurredAt: expected });
      expect(forWall.payload).not.toHaveProperty('donorId');
      // Days still follow the receive time (issue 15 moves them to the time of action).
      expect((forWall.payload as { day?: string }).day).toBe(dayInVietnam(forWall.at));
    } finally {
      admin.close();
      board.close();
    }
  });
});

function dayInVietnam(iso: string): string {
  return new Date(Date.parse(iso) + 7 * HOUR).toISOString().slice(0, 10);
}

describe('occurredAt validated: a clear 400, nothing recorded', () => {
  const BAD: unknown[] = [
    '2024-07-19T08:30:00', // no time zone
    '2024-07-19', // a date
    '2024-07-19T08:30:00+0700', // an offset without its colon
    '2024-07-19 08:30:00Z', // a space for the T
    '2024-02-30T08:30:00Z', // no such day
    '19/07/2024 08:30',
    'yesterday',
    '',
    1721352600000,
    null,
    { at: '2024-07-19T08:30:00Z' },
  ];

  it.each(BAD.map((value) => [JSON.stringify(value), value]))('POST /api/events with occurredAt %s → 400 invalid_body', async (_, value) => {
    const before = await seqNow();
    const id = newId();
    const donorId = nextDonor();
    const answer = await send({ id, ...register(donorId), occurredAt: value });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toEqual({ code: 'invalid_body', message: MESSAGE });
    expect(await seqNow()).toBe(before);
    // Nothing was kept of it: the same id is recorded afresh, not answered as a duplicate.
    expect((await send({ id, ...register(donorId) })).status).toBe(201);
  });

  it('in a batch: that event answered with the message, not recorded; the others recorded', async () => {
    const good = [newId(), newId()];
    const bad = newId();
    const events = [
      { id: good[0], ...register(nextDonor()), occurredAt: vnTime(-60_000) },
      { id: bad, ...register(nextDonor()), occurredAt: '2024-07-19T08:30:00' },
      { id: good[1], ...register(nextDonor()) },
    ];
    const answer = await api(server.url, 'POST', '/api/events/batch', { token: desk, body: { events } });
    expect(answer.status).toBe(200);
    expect(answer.body.results[1]).toEqual({ error: { code: 'invalid_body', message: `events[1]: ${MESSAGE}` } });
    expect(typeof answer.body.results[0].seq).toBe('number');
    expect(typeof answer.body.results[2].seq).toBe('number');
    expect(await recorded(bad)).toBeUndefined();
    expect(await recorded(good[0]!)).toBeDefined();
  });
});

describe('occurredAt clamped and flagged, never used as sent', () => {
  it(`a device clock ahead (more than ${OCCURRED_AT_SKEW_MS / 60_000} minutes after the receive time): the receive time + ${OCCURRED_AT_SKEW_MS / 60_000} minutes, flag clock_ahead`, async () => {
    const id = newId();
    expect((await send({ id, ...register(nextDonor()), occurredAt: vnTime(HOUR) })).status).toBe(201);
    const event = (await recorded(id))!;
    expect(event.occurredAtFlag).toBe('clock_ahead');
    expect(event.occurredAt).toBe(new Date(Date.parse(event.at as string) + OCCURRED_AT_SKEW_MS).toISOString());
  });

  it(`older than ${OCCURRED_AT_WINDOW_MS / HOUR} hours before the receive time: the receive time − ${OCCURRED_AT_WINDOW_MS / HOUR} hours, flag too_old`, async () => {
    const id = newId();
    expect((await send({ id, ...register(nextDonor()), occurredAt: vnTime(-3 * 24 * HOUR) })).status).toBe(201);
    const event = (await recorded(id))!;
    expect(event.occurredAtFlag).toBe('too_old');
    expect(event.occurredAt).toBe(new Date(Date.parse(event.at as string) - OCCURRED_AT_WINDOW_MS).toISOString());

    const ancient = newId();
    expect((await send({ id: ancient, ...register(nextDonor()), occurredAt: '1970-01-01T00:00:00Z' })).status).toBe(201);
    expect(await recorded(ancient)).toMatchObject({ occurredAtFlag: 'too_old' });
  });

  it('within the bounds (a minute ahead, a night offline) it is kept as sent, unflagged', async () => {
    const ahead = newId();
    const aheadAt = vnTime(60_000);
    const overnight = newId();
    const overnightAt = vnTime(-(OCCURRED_AT_WINDOW_MS - HOUR));
    expect((await send({ id: ahead, ...register(nextDonor()), occurredAt: aheadAt })).status).toBe(201);
    expect((await send({ id: overnight, ...register(nextDonor()), occurredAt: overnightAt })).status).toBe(201);
    expect(await recorded(ahead)).toMatchObject({ occurredAt: new Date(Date.parse(aheadAt)).toISOString() });
    expect(await recorded(overnight)).toMatchObject({ occurredAt: new Date(Date.parse(overnightAt)).toISOString() });
    expect(await recorded(ahead)).not.toHaveProperty('occurredAtFlag');
    expect(await recorded(overnight)).not.toHaveProperty('occurredAtFlag');
  });

  it('the audit shows the time of action and its flag beside the receive time', async () => {
    const id = newId();
    expect((await send({ id, ...register(nextDonor()), occurredAt: vnTime(2 * HOUR) })).status).toBe(201);
    const audit = await api(server.url, 'GET', '/api/audit?type=donor.registered&order=desc&limit=1000', { token: server.adminToken });
    expect(audit.status).toBe(200);
    const entry = audit.body.events.find((e: { id: string }) => e.id === id);
    expect(entry).toMatchObject({ occurredAtFlag: 'clock_ahead', occurredAt: expect.any(String), at: expect.any(String) });
    const csv = await api(server.url, 'GET', '/api/audit.csv?type=donor.registered', { token: server.adminToken });
    const line = (csv.body as string).split('\r\n').find((l) => l.includes(`,${id},`))!;
    expect(line).toContain(`,${entry.occurredAt},Đồng hồ thiết bị lệch (clock_ahead)`);
  });
});

describe('occurredAt kept', () => {
  it('a retried id with another occurredAt is a duplicate: the first time stays (single and batch)', async () => {
    const id = newId();
    const donorId = nextDonor();
    const first = vnTime(-20 * 60 * 1000);
    const created = await send({ id, ...register(donorId), occurredAt: first });
    expect(created.status).toBe(201);
    const retried = await send({ id, ...register(donorId), occurredAt: vnTime(-60_000) });
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual({ seq: created.body.seq, duplicate: true });
    const batch = await api(server.url, 'POST', '/api/events/batch', { token: desk, body: { events: [{ id, ...register(donorId), occurredAt: vnTime(HOUR) }] } });
    expect(batch.body.results).toEqual([{ seq: created.body.seq, duplicate: true }]);
    const event = (await recorded(id))!;
    expect(event.occurredAt).toBe(new Date(Date.parse(first)).toISOString());
    expect(event).not.toHaveProperty('occurredAtFlag');
  });

  it('across a restart: read back from GET /api/events and replayed on the socket', async () => {
    let own = await startTestServer({ now: clock });
    try {
      const token = await makeToken(own, 'desk');
      const before = (await api(own.url, 'GET', '/api/health')).body.seq as number;
      const kept = newId();
      const flagged = newId();
      const sent = vnTime(-2 * HOUR);
      for (const [id, occurredAt] of [
        [kept, sent],
        [flagged, vnTime(5 * HOUR)],
      ] as const) {
        const answer = await api(own.url, 'POST', '/api/events', { token, body: { id, ...register(nextDonor()), occurredAt } });
        expect(answer.status).toBe(201);
      }
      const written = [await recorded(kept, own), await recorded(flagged, own)];

      own = await own.restart();
      expect(await recorded(kept, own)).toEqual(written[0]);
      expect(await recorded(flagged, own)).toEqual(written[1]);
      expect(written[0]).toMatchObject({ occurredAt: new Date(Date.parse(sent)).toISOString() });
      expect(written[1]).toMatchObject({ occurredAtFlag: 'clock_ahead' });

      const replay = connectLive(own.url, own.adminToken, before);
      try {
        await replay.until(() => replay.events.some((e) => e.id === flagged), 5000, 'the replay');
        expect(replay.events.find((e) => e.id === kept)).toEqual(written[0]);
        expect(replay.events.find((e) => e.id === flagged)).toEqual(written[1]);
      } finally {
        replay.close();
      }
    } finally {
      await own.close();
    }
  });

  it('a log written before the column (format 2, e.g. a restored backup) is read and gets it at open', async () => {
    let own = await startTestServer({ now: clock });
    const token = await makeToken(own, 'desk');
    const old = newId();
    const oldEvent = { id: old, ...register(nextDonor()) };
    expect((await api(own.url, 'POST', '/api/events', { token, body: oldEvent })).status).toBe(201);
    const before = await recorded(old, own);
    await own.close();
    // As the previous version left it: no time-of-action columns, format 2.
    const file = new Database(path.join(own.dataDir, DB_FILE));
    file.exec('ALTER TABLE events DROP COLUMN occurred_at_flag; ALTER TABLE events DROP COLUMN occurred_at;');
    file.pragma('user_version = 2');
    file.close();

    own = await startTestServer({ dataDir: own.dataDir, now: clock });
    try {
      expect(await recorded(old, own)).toEqual(before);
      // A retry of an event recorded by the earlier version is still a duplicate.
      expect((await api(own.url, 'POST', '/api/events', { token, body: oldEvent })).body).toEqual({ seq: before!.seq, duplicate: true });
      const id = newId();
      const occurredAt = vnTime(-60_000);
      expect((await api(own.url, 'POST', '/api/events', { token, body: { id, ...register(nextDonor()), occurredAt } })).status).toBe(201);
      expect(await recorded(id, own)).toMatchObject({ occurredAt: new Date(Date.parse(occurredAt)).toISOString() });
    } finally {
      await own.close();
    }
    const reopened = new Database(path.join(own.dataDir, DB_FILE), { readonly: true });
    try {
      expect(reopened.pragma('user_version', { simple: true })).toBe(LOG_FORMAT);
      const columns = (reopened.prepare("SELECT name FROM pragma_table_info('events')").all() as { name: string }[]).map((c) => c.name);
      expect(columns).toEqual(expect.arrayContaining(['occurred_at', 'occurred_at_flag']));
    } finally {
      reopened.close();
    }
  });
});
