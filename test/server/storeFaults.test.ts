/**
 * A store that cannot write (here: another connection holding the SQLite write lock) answers
 * 503 with a message, acknowledges nothing, says so on /api/health, and recovers by itself.
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

it('a locked database: 503 store_unavailable, nothing recorded, health 503, then recovery without a restart', async () => {
  const before = (await api(server.url, 'GET', '/api/health')).body.seq;
  const intruder = new Database(path.join(server.dataDir, DB_FILE));
  intruder.exec('BEGIN IMMEDIATE');
  const id = newId();
  try {
    const refused = await post(server, desk, 'donor.registered', { donorId: 'locked-1', fullName: 'Ngô Văn Khóa', agencyId: 'soyte' }, id);
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('store_unavailable');
    expect(refused.headers.get('retry-after')).toBeTruthy();
    const health = await api(server.url, 'GET', '/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ ok: false, seq: before });
    const state = await api(server.url, 'GET', '/api/state', { token: desk });
    expect(state.body.seq).toBe(before);
  } finally {
    intruder.exec('ROLLBACK');
    intruder.close();
  }
  expect((await api(server.url, 'GET', '/api/health')).status).toBe(200);
  // The retry with the same id is recorded once.
  const retried = await post(server, desk, 'donor.registered', { donorId: 'locked-1', fullName: 'Ngô Văn Khóa', agencyId: 'soyte' }, id);
  expect(retried.status).toBe(201);
  expect(retried.body.seq).toBe(before + 1);
});
