/**
 * Every HTTP row of the public contract (API.md) against a real server on port 0 with a real
 * SQLite file: statuses, error bodies, idempotency, roles, counting, PII stripping.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastFourShownIn } from '../helpers/personalData.ts';
import { api, getState, makeToken, newId, post, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let desk: string;
let desk2: string;
let coordinator: string;
let mc: string;
let wall: string;

const seqNow = async () => (await api(server.url, 'GET', '/api/health')).body.seq as number;

let donorCounter = 0;
async function registerDonor(extra: Record<string, unknown> = {}, token = desk) {
  donorCounter += 1;
  const donorId = `donor-${donorCounter}`;
  const answer = await post(server, token, 'donor.registered', { donorId, fullName: `Nguyễn Văn ${donorCounter}`, agencyId: 'soyte', ...extra });
  expect(answer.status).toBe(201);
  return donorId;
}

beforeAll(async () => {
  server = await startTestServer();
  [desk, desk2, coordinator, mc, wall] = await Promise.all([
    makeToken(server, 'desk', 'Bàn 1'),
    makeToken(server, 'desk', 'Bàn 2'),
    makeToken(server, 'coordinator'),
    makeToken(server, 'mc'),
    makeToken(server, 'wall'),
  ]);
});
afterAll(() => server?.close());

describe('starting: the default Hải Dương event is loaded into an empty store', () => {
  it('health answers without auth with ok and the seq', async () => {
    const answer = await api(server.url, 'GET', '/api/health');
    expect(answer.status).toBe(200);
    expect(answer.body.ok).toBe(true);
    expect(answer.body.seq).toBeGreaterThan(0);
  });

  it('state carries the event, its agencies with quotas summing to 2.000, and the 13 logistics tasks', async () => {
    const state = await getState(server);
    expect(state.event.name).toContain('Hải Dương ngàn trái tim hồng');
    expect(state.event.timezone).toBe('Asia/Ho_Chi_Minh');
    expect(state.event.days).toEqual(['2024-07-19', '2024-07-20']);
    const quotas = Object.fromEntries(state.agencies.map((a: any) => [a.id, a.quota]));
    expect(quotas).toMatchObject({ ldld: 700, bqlkcn: 800, tinhdoan: 200, soyte: 150, sogddt: 150, congan: null });
    expect(state.target).toBe(2000);
    expect(state.tasks).toHaveLength(13);
    const escort = state.tasks.find((t: any) => t.id === 'police-escort');
    expect(escort).toMatchObject({ owner: 'congan', status: 'todo' });
    for (const agency of state.agencies) {
      expect(Object.keys(agency)).toEqual(expect.arrayContaining(['id', 'name', 'quota', 'registered', 'checkedIn', 'donated', 'deferred']));
    }
    expect(Object.keys(state.totals).sort()).toEqual(['checkedIn', 'deferred', 'donated', 'registered', 'volumeMl']);
    expect(state.milestones).toEqual([]);
  });

  it('the setup is in the log like everything else', async () => {
    const answer = await api(server.url, 'GET', '/api/events?after=0&limit=3', { token: server.adminToken });
    expect(answer.status).toBe(200);
    expect(answer.body.events.map((e: any) => e.type)).toEqual(['event.configured', 'agency.upserted', 'agency.upserted']);
    expect(answer.body.events[0]).toMatchObject({ seq: 1, id: expect.any(String), payload: expect.any(Object), at: expect.any(String) });
  });
});

describe('auth', () => {
  it('401 without a token, with a wrong token, and on a malformed header', async () => {
    for (const headers of [{}, { authorization: 'Bearer nope-nope' }, { authorization: 'Basic abc' }] as Record<string, string>[]) {
      const answer = await api(server.url, 'GET', '/api/state', { headers });
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('unauthorized');
      expect(answer.body.error.message).toBeTruthy();
    }
    expect((await api(server.url, 'GET', '/api/events')).status).toBe(401);
    expect((await api(server.url, 'POST', '/api/events', { body: {} })).status).toBe(401);
  });

  it('an admin makes a token for a role; other roles may not (403); a bad role is 400', async () => {
    const made = await api(server.url, 'POST', '/api/tokens', { token: server.adminToken, body: { role: 'desk', label: 'Bàn đăng ký 9' } });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ role: 'desk', token: expect.any(String) });
    expect((await api(server.url, 'GET', '/api/state', { token: made.body.token })).status).toBe(200);

    expect((await api(server.url, 'POST', '/api/tokens', { token: desk, body: { role: 'admin', label: 'x' } })).status).toBe(403);
    const bad = await api(server.url, 'POST', '/api/tokens', { token: server.adminToken, body: { role: 'root', label: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('role');
  });

  it('a revoked token is refused at once; the token list shows no secret', async () => {
    const made = await api(server.url, 'POST', '/api/tokens', { token: server.adminToken, body: { role: 'wall', label: 'Màn hình phụ' } });
    const list = await api(server.url, 'GET', '/api/tokens', { token: server.adminToken });
    expect(JSON.stringify(list.body)).not.toContain(made.body.token);
    expect(list.body.tokens.find((t: any) => t.id === made.body.id)).toMatchObject({ role: 'wall', label: 'Màn hình phụ', revokedAt: null });

    const revoked = await api(server.url, 'DELETE', `/api/tokens/${made.body.id}`, { token: server.adminToken });
    expect(revoked.status).toBe(200);
    expect((await api(server.url, 'GET', '/api/state', { token: made.body.token })).status).toBe(401);
    expect((await api(server.url, 'DELETE', `/api/tokens/${made.body.id}`, { token: server.adminToken })).status).toBe(404);
  });
});

describe('writing one event', () => {
  it('201 with the seq, recorded; the same id again is 200 duplicate with the first seq', async () => {
    const id = newId();
    const payload = { donorId: 'dup-1', fullName: 'Trần Thị Hoa', agencyId: 'ldld' };
    const first = await post(server, desk, 'donor.registered', payload, id);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ seq: expect.any(Number) });
    const again = await post(server, desk, 'donor.registered', payload, id);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ seq: first.body.seq, duplicate: true });
    expect(await seqNow()).toBe(first.body.seq);
  });

  it('400 with a message for malformed bodies, unknown types, failing payloads and unknown fields; nothing recorded', async () => {
    const before = await seqNow();
    const cases: [unknown, string][] = [
      ['{"id": "abcdefgh", "type":', 'invalid_json'],
      [[1, 2], 'invalid_body'],
      [{ id: 'short', type: 'donor.checked_in', payload: { donorId: 'x' } }, 'invalid_body'],
      [{ id: newId(), type: 'donor.teleported', payload: {} }, 'unknown_type'],
      [{ id: newId(), type: 'donor.donated', payload: { donorId: 'x', volumeMl: 300 } }, 'invalid_payload'],
      [{ id: newId(), type: 'donor.registered', payload: { donorId: 'x', fullName: '   ', agencyId: 'soyte' } }, 'invalid_payload'],
      [{ id: newId(), type: 'donor.registered', payload: { donorId: 'x', fullName: 'A', agencyId: 'soyte', phone: '12345' } }, 'invalid_payload'],
      [{ id: newId(), type: 'donor.registered', payload: { donorId: 'x', fullName: 'A', agencyId: 'soyte', nationalId: '123' } }, 'invalid_payload'],
      [{ id: newId(), type: 'donor.registered', payload: { donorId: 'x', fullName: 'A', agencyId: 'soyte', bloodType: 'C+' } }, 'invalid_payload'],
      [{ id: newId(), type: 'donor.checked_in', payload: { donorId: 'x', extra: 1 } }, 'invalid_payload'],
      [{ id: newId(), type: 'donor.checked_in', payload: { donorId: 'x' }, extra: true }, 'invalid_body'],
    ];
    for (const [body, code] of cases) {
      const answer = await api(server.url, 'POST', '/api/events', { token: desk, body: typeof body === 'string' ? body : body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.code, JSON.stringify(body)).toBe(code);
      expect(answer.body.error.message.length).toBeGreaterThan(5);
    }
    const unknownField = await api(server.url, 'POST', '/api/events', {
      token: desk,
      body: { id: newId(), type: 'donor.checked_in', payload: { donorId: 'x', favouriteColour: 'pink' } },
    });
    expect(unknownField.body.error.message).toContain('favouriteColour');
    const notJson = await api(server.url, 'POST', '/api/events', { token: desk, body: 'id=1', headers: { 'content-type': 'text/plain' } });
    expect(notJson.status).toBe(400);
    expect(await seqNow()).toBe(before);
  });

  it('the write path answers as any API route: path spelling, query, content type, charset, encoding, order of checks', async () => {
    const before = await seqNow();
    const event = () => ({ id: newId(), type: 'donor.registered', payload: { donorId: newId('pv'), fullName: 'Lê Văn Tám', agencyId: 'soyte' } });
    // Express matched routes in any case and with one trailing slash; so does the write path.
    expect((await api(server.url, 'POST', '/api/Events/', { token: desk, body: event() })).status).toBe(201);
    expect((await api(server.url, 'POST', '/api/events/batch/', { token: desk, body: { events: [event()] } })).body.results[0].seq).toEqual(expect.any(Number));
    const cases: [string, { body?: string; headers?: Record<string, string>; token?: string }, number, string][] = [
      ['/api/events?dryRun=1', { body: JSON.stringify(event()) }, 400, 'invalid_query'],
      ['/api/events', { body: JSON.stringify(event()), headers: { 'content-type': 'application/json; charset=latin1' } }, 415, 'unsupported_encoding'],
      ['/api/events', { body: JSON.stringify(event()), headers: { 'content-encoding': 'gzip' } }, 415, 'unsupported_encoding'],
      ['/api/events', { body: '"just a string"' }, 400, 'invalid_json'],
      ['/api/events', { body: '', headers: { 'content-type': 'application/json', 'content-length': '0' } }, 400, 'invalid_body'],
      // The token is checked before the body is read, as for every API route (issue 16): a bad
      // token never makes the server parse anything.
      ['/api/events', { body: '{"id":', token: 'not-a-token' }, 401, 'unauthorized'],
      ['/api/events', { body: JSON.stringify(event()), token: 'not-a-token' }, 401, 'unauthorized'],
    ];
    for (const [url, options, status, code] of cases) {
      const answer = await api(server.url, 'POST', url, { token: options.token ?? desk, body: options.body, headers: { 'content-type': 'application/json', ...options.headers } });
      expect([answer.status, answer.body.error?.code], url + JSON.stringify(options)).toEqual([status, code]);
    }
    expect(await seqNow()).toBe(before + 2);
  });

  it('413 for a streamed (chunked) body over the limit, without a Content-Length to go by', async () => {
    const before = await seqNow();
    const chunk = new TextEncoder().encode(' '.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 40) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await fetch(server.url + '/api/events', { method: 'POST', headers: { authorization: `Bearer ${desk}`, 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('body_too_large');
    expect(await seqNow()).toBe(before);
  });

  it('413 for a body over the limit, nothing recorded', async () => {
    const before = await seqNow();
    const huge = { id: newId(), type: 'donor.registered', payload: { donorId: 'x', fullName: 'A'.repeat(3_000_000), agencyId: 'soyte' } };
    const answer = await api(server.url, 'POST', '/api/events', { token: desk, body: huge });
    expect(answer.status).toBe(413);
    expect(answer.body.error.code).toBe('body_too_large');
    expect(await seqNow()).toBe(before);
  });

  it('403 when the role may not send the type; wall may not write at all', async () => {
    const task = await post(server, desk, 'task.status_set', { taskId: 'sound', status: 'done' });
    expect(task.status).toBe(403);
    expect(task.body.error.code).toBe('forbidden');
    expect((await post(server, coordinator, 'donor.registered', { donorId: 'c1', fullName: 'A', agencyId: 'soyte' })).status).toBe(403);
    expect((await post(server, mc, 'donor.checked_in', { donorId: 'c1' })).status).toBe(403);
    expect((await post(server, wall, 'donor.checked_in', { donorId: 'c1' })).status).toBe(403);
    expect((await post(server, desk, 'agency.upserted', { agencyId: 'new', name: 'Mới', quota: null })).status).toBe(403);
    expect((await post(server, coordinator, 'task.status_set', { taskId: 'sound', status: 'in_progress', note: 'đang thử loa' })).status).toBe(201);
  });

  it('409 with a code for domain rules; nothing recorded', async () => {
    const before = await seqNow();
    const cases: [string, unknown, string][] = [
      ['donor.registered', { donorId: 'r1', fullName: 'A', agencyId: 'no-such-agency' }, 'unknown_agency'],
      ['donor.checked_in', { donorId: 'never-registered' }, 'not_registered'],
      ['donor.donated', { donorId: 'never-registered', volumeMl: 350 }, 'unknown_donor'],
      ['event.voided', { eventId: 'no-such-event', reason: 'nhầm' }, 'unknown_event'],
    ];
    for (const [type, payload, code] of cases) {
      const answer = await post(server, desk, type, payload);
      expect(answer.status, type).toBe(409);
      expect(answer.body.error.code).toBe(code);
    }
    expect((await post(server, coordinator, 'task.status_set', { taskId: 'no-such-task', status: 'done' })).body.error.code).toBe('unknown_task');
    expect((await post(server, mc, 'milestone.announced', { milestoneId: 'no-such-milestone' })).body.error.code).toBe('unknown_milestone');
    expect(await seqNow()).toBe(before);
  });

  it('the donor path: donated needs a check-in; a second donation the same day is 409 with the time and desk of the first', async () => {
    const donorId = await registerDonor();
    expect((await post(server, desk, 'donor.donated', { donorId, volumeMl: 350 })).body.error.code).toBe('not_checked_in');
    expect((await post(server, desk, 'donor.deferred', { donorId, reason: 'huyết áp' })).body.error.code).toBe('not_checked_in');
    expect((await post(server, desk, 'donor.checked_in', { donorId })).status).toBe(201);
    expect((await post(server, desk, 'donor.checked_in', { donorId })).body.error.code).toBe('already_checked_in');
    expect((await post(server, desk, 'donor.donated', { donorId, volumeMl: 350 })).status).toBe(201);
    const twice = await post(server, desk2, 'donor.donated', { donorId, volumeMl: 250 });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('already_donated_today');
    expect(twice.body.error.details).toMatchObject({ at: expect.any(String), by: 'Bàn 1' });
  });
});

describe('counting', () => {
  it('per agency and overall: deferred counts as checked in, never as donated; walk-ins on their own line', async () => {
    const before = await getState(server);
    const agencyBefore = before.agencies.find((a: any) => a.id === 'tinhdoan');
    const a = await registerDonor({ agencyId: 'tinhdoan' });
    const b = await registerDonor({ agencyId: 'tinhdoan' });
    const walkIn = await registerDonor({ agencyId: 'walk-in' });
    for (const donorId of [a, b, walkIn]) expect((await post(server, desk, 'donor.checked_in', { donorId })).status).toBe(201);
    expect((await post(server, desk, 'donor.donated', { donorId: a, volumeMl: 450 })).status).toBe(201);
    expect((await post(server, desk, 'donor.deferred', { donorId: b, reason: 'Hemoglobin thấp' })).status).toBe(201);
    expect((await post(server, desk, 'donor.donated', { donorId: walkIn, volumeMl: 250 })).status).toBe(201);

    const after = await getState(server);
    const agency = after.agencies.find((x: any) => x.id === 'tinhdoan');
    expect(agency.registered - agencyBefore.registered).toBe(2);
    expect(agency.checkedIn - agencyBefore.checkedIn).toBe(2);
    expect(agency.donated - agencyBefore.donated).toBe(1);
    expect(agency.deferred - agencyBefore.deferred).toBe(1);
    expect(after.walkIns.donated - before.walkIns.donated).toBe(1);
    expect(after.agencies.some((x: any) => x.id === 'walk-in')).toBe(false);
    expect(after.totals.donated - before.totals.donated).toBe(2);
    expect(after.totals.volumeMl - before.totals.volumeMl).toBe(700);
    const sumAgencies = after.agencies.reduce((n: number, x: any) => n + x.donated, 0) + after.walkIns.donated;
    expect(sumAgencies).toBe(after.totals.donated);
    const sumDays = after.days.reduce((n: number, d: any) => n + d.donated, 0);
    expect(sumDays).toBe(after.totals.donated);
  });

  it('event.voided undoes a donation; the log keeps both; a desk may void only its own events', async () => {
    const donorId = await registerDonor();
    await post(server, desk, 'donor.checked_in', { donorId });
    const donationId = newId('don');
    await post(server, desk, 'donor.donated', { donorId, volumeMl: 350 }, donationId);
    const before = await getState(server);

    const foreign = await post(server, desk2, 'event.voided', { eventId: donationId, reason: 'nhầm người' });
    expect(foreign.status).toBe(409);
    expect(foreign.body.error.code).toBe('not_own_event');

    const voided = await post(server, desk, 'event.voided', { eventId: donationId, reason: 'nhầm người' });
    expect(voided.status).toBe(201);
    const after = await getState(server);
    expect(after.totals.donated).toBe(before.totals.donated - 1);
    expect(after.totals.volumeMl).toBe(before.totals.volumeMl - 350);
    expect((await post(server, desk, 'event.voided', { eventId: donationId, reason: 'lần nữa' })).body.error.code).toBe('already_voided');

    const log = await api(server.url, 'GET', `/api/events?after=${voided.body.seq - 1}`, { token: server.adminToken });
    expect(log.body.events[0]).toMatchObject({ type: 'event.voided', payload: { eventId: donationId } });
    const original = await api(server.url, 'GET', `/api/events?after=0&limit=5000`, { token: server.adminToken });
    expect(original.body.events.filter((e: any) => e.id === donationId)).toHaveLength(1);

    // The donor may now donate again today: the voided donation no longer counts.
    expect((await post(server, desk, 'donor.donated', { donorId, volumeMl: 250 })).status).toBe(201);
  });

  it('task status: last write wins and says who set it', async () => {
    await post(server, coordinator, 'task.status_set', { taskId: 'lighting', status: 'in_progress' });
    await post(server, server.adminToken, 'task.status_set', { taskId: 'lighting', status: 'done', note: 'đã thử đèn' });
    const task = (await getState(server)).tasks.find((t: any) => t.id === 'lighting');
    expect(task).toMatchObject({ status: 'done', note: 'đã thử đèn', updatedBy: expect.stringContaining('admin') });
  });
});

describe('batch', () => {
  it('one result per event, in order: recorded, duplicates (also inside the batch), and errors (an id reused with another payload among them)', async () => {
    const donorId = `batch-${Date.now()}`;
    const reg = newId('b');
    const events = [
      { id: reg, type: 'donor.registered', payload: { donorId, fullName: 'Lê Văn Batch', agencyId: 'sogddt', phone: '0912345678' } },
      { id: newId('b'), type: 'donor.checked_in', payload: { donorId } },
      { id: reg, type: 'donor.registered', payload: { donorId, fullName: 'Lê Văn Batch', agencyId: 'sogddt', phone: '0912345678' } },
      { id: newId('b'), type: 'donor.donated', payload: { donorId, volumeMl: 999 } },
      { id: newId('b'), type: 'donor.checked_in', payload: { donorId } },
      { id: 'x', type: 'donor.checked_in' },
      // The same id with another payload is no retry (issue 16, 9).
      { id: reg, type: 'donor.registered', payload: { donorId, fullName: 'Lê Văn Batch', agencyId: 'sogddt' } },
    ];
    const answer = await api(server.url, 'POST', '/api/events/batch', { token: desk, body: { events } });
    expect(answer.status).toBe(200);
    const r = answer.body.results;
    expect(r).toHaveLength(7);
    expect(r[0]).toEqual({ seq: expect.any(Number) });
    expect(r[1]).toEqual({ seq: r[0].seq + 1 });
    expect(r[2]).toEqual({ seq: r[0].seq, duplicate: true });
    expect(r[3].error.code).toBe('invalid_payload');
    expect(r[4].error.code).toBe('already_checked_in');
    expect(r[5].error.code).toBe('invalid_body');
    expect(r[6].error.code).toBe('id_conflict');

    // Flushing the same outbox again records nothing new.
    const before = await seqNow();
    const again = await api(server.url, 'POST', '/api/events/batch', { token: desk, body: { events } });
    expect(again.body.results[0]).toEqual({ seq: r[0].seq, duplicate: true });
    expect(again.body.results[1]).toEqual({ seq: r[1].seq, duplicate: true });
    expect(await seqNow()).toBe(before);
  });

  it('400 for an empty batch or more than 500 events; nothing recorded', async () => {
    const before = await seqNow();
    expect((await api(server.url, 'POST', '/api/events/batch', { token: desk, body: { events: [] } })).status).toBe(400);
    const many = Array.from({ length: 501 }, (_, i) => ({ id: newId(`m${i}`), type: 'donor.checked_in', payload: { donorId: 'x' } }));
    const answer = await api(server.url, 'POST', '/api/events/batch', { token: desk, body: { events: many } });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain('500');
    expect((await api(server.url, 'POST', '/api/events/batch', { token: wall, body: { events: [] } })).status).toBe(403);
    expect(await seqNow()).toBe(before);
  });
});

describe('reading the log', () => {
  it('events in seq order after N, limited; wall and mc get the counts only (v1.1 need to know); the CCCD reaches nobody', async () => {
    const donorId = await registerDonor({ phone: '+84987654321', nationalId: '001099012345' });
    const seq = await seqNow();
    for (const token of [wall, mc]) {
      const answer = await api(server.url, 'GET', `/api/events?after=${seq - 1}`, { token });
      expect(answer.status).toBe(200);
      const event = answer.body.events[0];
      expect(event).toMatchObject({ seq, type: 'donor.registered', payload: { agencyId: 'soyte', day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) } });
      expect(event.payload).not.toHaveProperty('donorId');
      for (const secret of ['987654321', '001099012345', donorId]) expect(JSON.stringify(answer.body)).not.toContain(secret);
      expect(lastFourShownIn(answer.body, '2345')).toEqual([]);
    }
    for (const token of [desk, server.adminToken]) {
      const answer = await api(server.url, 'GET', `/api/events?after=${seq - 1}`, { token });
      expect(answer.body.events[0].payload).toMatchObject({ donorId, phone: '+84987654321', nationalIdLast4: '2345' });
      expect(answer.body.events[0].payload).not.toHaveProperty('nationalId');
      expect(answer.body.events[0].payload).not.toHaveProperty('nationalIdHash');
      expect(JSON.stringify(answer.body)).not.toContain('001099012345');
    }
    const page = await api(server.url, 'GET', '/api/events?after=2&limit=4', { token: wall });
    expect(page.body.events.map((e: any) => e.seq)).toEqual([3, 4, 5, 6]);
    const state = await api(server.url, 'GET', '/api/state', { token: wall });
    expect(JSON.stringify(state.body)).not.toContain('987654321');
  });

  it('400 for a bad query; 404 JSON for an unknown API route', async () => {
    for (const query of ['after=-1', 'after=abc', 'limit=0', 'limit=100000', 'after=1&after=2', 'bogus=1']) {
      const answer = await api(server.url, 'GET', `/api/events?${query}`, { token: wall });
      expect(answer.status, query).toBe(400);
      expect(answer.body.error.message).toBeTruthy();
    }
    const missing = await api(server.url, 'GET', '/api/nothing-here', { token: wall });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });
});

describe('pages', () => {
  it.each(['/', '/wall', '/desk', '/console', '/mc', '/admin'])('%s is served as HTML', async (page) => {
    const res = await fetch(server.url + page);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('<div id="root"');
  });
});
