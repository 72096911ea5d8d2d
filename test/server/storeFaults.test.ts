/**
 * Storage faults on a real server and SQLite file: another process holding the write lock, the
 * file turned read-only, the disk full. Each time writes answer 503 with a message, nothing is
 * acknowledged that is not stored, /api/health says so, and service recovers by itself.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DB_FILE } from '../../server/store/database.ts';
import { api, makeToken, newId, post, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let desk: string;
beforeAll(async () => {
  server = await startTestServer();
  desk = await makeToken(server, 'desk');
});
afterAll(() => server?.close());

const health = () => api(server.url, 'GET', '/api/health');
const register = (n: string, id = newId()) => post(server, desk, 'donor.registered', { donorId: `fault-${n}`, fullName: `Người thử ${n}`, agencyId: 'soyte' }, id);

async function expectRefusedThenRecovered(fault: () => void, clear: () => void) {
  const before = (await health()).body.seq;
  fault();
  const id = newId();
  let refused;
  try {
    refused = await register(id, id);
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('store_unavailable');
    expect(refused.body.error.message.length).toBeGreaterThan(10);
    expect(refused.headers.get('retry-after')).toBeTruthy();
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ ok: false, seq: before });
    expect((await api(server.url, 'GET', '/api/state', { token: desk })).body.seq).toBe(before);
  } finally {
    clear();
  }
  // Recovered without a restart: health first, then the retry is recorded exactly once.
  await expect.poll(async () => (await health()).status, { timeout: 5000 }).toBe(200);
  const retried = await register(id, id);
  expect(retried.status).toBe(201);
  expect(retried.body.seq).toBe(before + 1);
  const events = (await api(server.url, 'GET', `/api/events?after=${before}`, { token: desk })).body.events;
  expect(events.map((e: any) => e.id)).toEqual([id]);
}

it('database locked by another process', async () => {
  const intruder = new Database(path.join(server.dataDir, DB_FILE));
  await expectRefusedThenRecovered(
    () => intruder.exec('BEGIN IMMEDIATE'),
    () => {
      intruder.exec('ROLLBACK');
      intruder.close();
    },
  );
});

it('database file read-only', async () => {
  await expectRefusedThenRecovered(
    () => server.db.pragma('query_only = ON'),
    () => server.db.pragma('query_only = OFF'),
  );
});

it('disk full: writes are refused once it is full, every acknowledged event is stored, and it recovers', async () => {
  const pages = server.db.pragma('page_count', { simple: true }) as number;
  server.db.pragma(`max_page_count = ${pages}`);
  const acknowledged: { id: string; seq: number }[] = [];
  let refusal;
  try {
    for (let i = 0; i < 400 && !refusal; i++) {
      const id = newId('full');
      const answer = await post(server, desk, 'donor.registered', { donorId: `full-${i}`, fullName: `Người hiến ${'đầy '.repeat(20)}${i}`, agencyId: 'ldld' }, id);
      if (answer.status === 201) acknowledged.push({ id, seq: answer.body.seq });
      else refusal = answer;
    }
    expect(refusal?.status).toBe(503);
    expect(refusal?.body.error.message).toMatch(/full/i);
    expect((await health()).status).toBe(503);
  } finally {
    server.db.pragma('max_page_count = 1073741823');
  }
  await expect.poll(async () => (await health()).status, { timeout: 5000 }).toBe(200);
  const all = (await api(server.url, 'GET', '/api/events?after=0&limit=5000', { token: desk })).body.events;
  const bySeq = new Map(all.map((e: any) => [e.id, e.seq]));
  for (const { id, seq } of acknowledged) expect(bySeq.get(id)).toBe(seq);
  expect((await post(server, desk, 'donor.registered', { donorId: 'after-full', fullName: 'Sau khi đầy', agencyId: 'ldld' })).status).toBe(201);
});
