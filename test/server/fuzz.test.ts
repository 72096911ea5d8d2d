/**
 * Bad input, generated: broken JSON, wrong types, missing and extra fields, huge strings,
 * prototype-pollution keys, script and SQL strings, junk query strings on every GET. Against a
 * real server: never a 5xx, never a crash, always a 4xx with a message, and the log unchanged.
 * Bounded: a few hundred requests per property, all to 127.0.0.1.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../shared/index.ts';
import { api, makeToken, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let desk: string;
let logSeq: number;
let requests = 0;

beforeAll(async () => {
  // Generated requests carry valid tokens: the failed-token limit is tested elsewhere.
  server = await startTestServer();
  desk = await makeToken(server, 'desk');
  logSeq = (await api(server.url, 'GET', '/api/health')).body.seq;
});
afterAll(async () => {
  console.log(`fuzz: ${requests} generated requests`);
  await server?.close();
});

const hostile = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  "'; DROP TABLE events; --",
  '" OR 1=1 --',
  '../../etc/passwd',
  '\u0000',
  '\u202e',
  '𝓗𝓮𝓪𝓻𝓽',
  '%00',
  '${7*7}',
);
const anyString = fc.oneof(fc.string({ maxLength: 80 }), hostile, fc.string({ minLength: 200, maxLength: 5000 }));
const anyJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    anyString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(anyString, hostile), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** A body that is almost a valid event: one thing at a time is wrong. */
const nearlyValidEvent = fc
  .record(
    {
      id: fc.oneof(
        fc.string({ minLength: 8, maxLength: 64 }).filter((s) => /^[\x21-\x7e]+$/.test(s)),
        anyString,
        fc.integer(),
      ),
      type: fc.oneof(fc.constantFrom(...EVENT_TYPES), anyString),
      payload: fc.oneof(
        anyJson,
        fc.record({ donorId: anyString, fullName: anyString, agencyId: anyString, volumeMl: fc.oneof(fc.integer(), anyString), phone: anyString, nationalId: anyString }, { requiredKeys: [] }),
      ),
      extra: anyJson,
    },
    { requiredKeys: ['type'] },
  )
  .map((body) => {
    // Some bodies become refusals for unknown types or unknown fields; prototype keys ride along.
    const out: Record<string, unknown> = { ...body };
    if (!('extra' in body)) delete out.extra;
    return out;
  });

async function expectClean4xx(method: string, url: string, body: string | undefined, headers?: Record<string, string>) {
  requests += 1;
  const answer = await api(server.url, method, url, { token: desk, ...(body !== undefined ? { body } : {}), ...(headers ? { headers } : {}) });
  expect(answer.status, `${method} ${url} ${body?.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
  expect(answer.status, `${method} ${url} ${body?.slice(0, 200)}`).toBeLessThan(500);
  expect(typeof answer.body?.error?.message, `${method} ${url}`).toBe('string');
  expect(answer.body.error.message.length).toBeGreaterThan(0);
}

it('malformed and hostile single events: a 4xx with a message each, nothing recorded', async () => {
  await fc.assert(
    fc.asyncProperty(nearlyValidEvent, async (body) => {
      const text = JSON.stringify(body);
      requests += 1;
      const answer = await api(server.url, 'POST', '/api/events', { token: desk, body: text });
      // A generated body may happen to be a valid event: then the domain rules refuse it (no donors, agencies named so).
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(answer.body.error.message.length).toBeGreaterThan(0);
    }),
    { numRuns: 250, seed: 20240719 },
  );
  expect((await api(server.url, 'GET', '/api/health')).body.seq).toBe(logSeq);
});

it('broken JSON, wrong content types and prototype keys in raw text', async () => {
  const raw = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.constantFrom(
      '{',
      '{"id":',
      '[',
      'null',
      '0',
      '"str"',
      '{"__proto__":{"isAdmin":true}}',
      '{"constructor":{"prototype":{"x":1}}}',
      '{"id":"abcdefgh","type":"donor.checked_in","payload":{"donorId":"x"},"__proto__":{"role":"admin"}}',
    ),
    anyJson.map((value) => JSON.stringify(value) ?? 'null'),
  );
  await fc.assert(
    fc.asyncProperty(raw, fc.constantFrom('/api/events', '/api/events/batch', '/api/tokens'), async (text, url) => {
      await expectClean4xx('POST', url, text);
    }),
    { numRuns: 200, seed: 7 },
  );
  await expectClean4xx('POST', '/api/events', '{"id":"x"}', { 'content-type': 'text/plain' });
  await expectClean4xx('POST', '/api/events', 'x'.repeat(3_000_000));
  expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  expect(({} as Record<string, unknown>).role).toBeUndefined();
  expect((await api(server.url, 'GET', '/api/health')).body.seq).toBe(logSeq);
});

it('batches of generated events: 200 with a per-event error, nothing recorded; a malformed batch is 400', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(nearlyValidEvent, { minLength: 1, maxLength: 20 }), async (events) => {
      requests += 1;
      const answer = await api(server.url, 'POST', '/api/events/batch', { token: desk, body: { events } });
      expect(answer.status).toBe(200);
      expect(answer.body.results).toHaveLength(events.length);
      for (const result of answer.body.results) expect(result.error.message.length).toBeGreaterThan(0);
    }),
    { numRuns: 60, seed: 42 },
  );
  // Not a list of 1-500 events: the batch itself is refused.
  const notAList = anyJson.filter((value) => !Array.isArray(value) || value.length === 0);
  await fc.assert(
    fc.asyncProperty(notAList, async (value) => {
      await expectClean4xx('POST', '/api/events/batch', JSON.stringify({ events: value }) ?? '{}');
    }),
    { numRuns: 60, seed: 43, examples: [[[]], [null], ['x']] },
  );
  expect((await api(server.url, 'GET', '/api/health')).body.seq).toBe(logSeq);
});

it('junk query strings on every GET: a 4xx with a message', async () => {
  const junk = fc.oneof(
    fc.dictionary(fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), hostile), anyString, { minKeys: 1, maxKeys: 3 }).map((d) => new URLSearchParams(d as Record<string, string>).toString()),
    fc.constantFrom('after=-1', 'after=1e3', 'limit=0', 'limit=99999999', 'after[]=1', 'after=1&after=2', '__proto__[x]=1', 'constructor=1', 'limit=%00'),
  );
  await fc.assert(
    fc.asyncProperty(fc.constantFrom('/api/health', '/api/state', '/api/events', '/api/tokens', '/api/me', '/api/backups'), junk, async (url, query) => {
      if (query === '' || /^(after=\d{1,15}|limit=([1-9]\d{0,2}|[1-4]\d{3}|5000))(&(after=\d{1,15}|limit=\d+))?$/.test(query)) return;
      const token = url === '/api/tokens' || url === '/api/backups' ? server.adminToken : desk;
      requests += 1;
      const answer = await api(server.url, 'GET', `${url}?${query}`, { token });
      expect(answer.status, `${url}?${query}`).toBeGreaterThanOrEqual(400);
      expect(answer.status, `${url}?${query}`).toBeLessThan(500);
      expect(answer.body.error.message.length).toBeGreaterThan(0);
    }),
    { numRuns: 200, seed: 11 },
  );
  expect((await api(server.url, 'GET', '/api/health')).body).toEqual({ ok: true, seq: logSeq });
});
