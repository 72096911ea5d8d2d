/**
 * Start-up from a snapshot: the latest snapshot plus the events after it gives exactly the
 * state a full replay of the log gives; a snapshot of another projection version, or made from
 * another log, is not used.
 */
import path from 'node:path';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { initialState, PROJECTION_VERSION, replay } from '../../shared/index.ts';
import { KeyStore } from '../../server/privacy/keyStore.ts';
import { DB_FILE } from '../../server/store/database.ts';
import { EventStore } from '../../server/store/eventStore.ts';
import { canonical } from '../shared/fixtures.ts';
import { SNAPSHOT_DIR, SnapshotStore, snapshotFileName } from '../../server/store/snapshotStore.ts';
import { donorEvents, sendBatch } from '../helpers/donors.ts';
import { api, makeToken, newId, startTestServer } from '../helpers/server.ts';

/** The whole log read back (personal fields opened with their keys) and replayed from nothing. */
function fullReplay(dataDir: string) {
  const db = new Database(path.join(dataDir, DB_FILE), { readonly: true });
  const keys = KeyStore.open(dataDir);
  try {
    return replay(new EventStore(db, keys).all(), initialState());
  } finally {
    db.close();
    keys.close();
  }
}

/** Donors snap-<from>… register (with a phone), check in and give 450 ml, walk-ins every other one. */
async function donate(server: { url: string }, token: string, from: number, count: number) {
  const donors = Array.from({ length: count }, (_, k) => ({
    donorId: `snap-${from + k}`,
    fullName: `Người ${from + k}`,
    agencyId: (from + k) % 2 ? 'ldld' : 'walk-in',
    details: { phone: '0912345678' },
    volumeMl: 450,
  }));
  await sendBatch(server.url, token, donorEvents(donors, 'snap'));
}

it('snapshot + tail = full replay, across restarts', async () => {
  let server = await startTestServer();
  const desk = await makeToken(server, 'desk');
  await donate(server, desk, 0, 60);
  const dataDir = server.dataDir;
  server = await server.restart(); // graceful stop takes a snapshot

  const atSnapshot = (await api(server.url, 'GET', '/api/health')).body.seq;
  expect(fs.readdirSync(path.join(dataDir, SNAPSHOT_DIR))).toContain(snapshotFileName(atSnapshot));
  expect(server.service.loaded).toMatchObject({ snapshotSeq: atSnapshot, replayed: 0 });

  // A tail after the snapshot, including a void, then a restart that loads snapshot + tail.
  await donate(server, desk, 60, 10);
  const donation = (await api(server.url, 'GET', `/api/events?after=${atSnapshot}`, { token: desk })).body.events.find((e: any) => e.type === 'donor.donated');
  await api(server.url, 'POST', '/api/events', { token: desk, body: { id: newId('sv'), type: 'event.voided', payload: { eventId: donation.id, reason: 'nhầm' } } });
  const live = (await api(server.url, 'GET', '/api/state', { token: desk })).body;
  const tail = live.seq - atSnapshot;
  await server.close();
  // As if it had been killed, without its snapshot at shutdown: the next start needs snapshot + tail.
  fs.rmSync(path.join(dataDir, SNAPSHOT_DIR, snapshotFileName(live.seq)));
  server = await startTestServer({ dataDir });
  try {
    expect(server.service.loaded).toMatchObject({ snapshotSeq: atSnapshot, replayed: tail });
    const restarted = (await api(server.url, 'GET', '/api/state', { token: desk })).body;
    expect(restarted).toEqual(live);
    expect(canonical(server.service.state)).toBe(canonical(fullReplay(dataDir)));
  } finally {
    await server.close();
  }
});

it("a snapshot of another projection version, or of another event's log, is not used", async () => {
  const other = await startTestServer();
  await donate(other, await makeToken(other, 'desk'), 100, 8);
  await other.close();
  const foreign = fs.readdirSync(path.join(other.dataDir, SNAPSHOT_DIR))[0]!;

  const server = await startTestServer();
  const desk = await makeToken(server, 'desk');
  await donate(server, desk, 0, 10);
  const dataDir = server.dataDir;
  const expected = (await api(server.url, 'GET', '/api/state', { token: desk })).body;
  await server.close();
  const dir = path.join(dataDir, SNAPSHOT_DIR);
  for (const own of fs.readdirSync(dir)) fs.rmSync(path.join(dir, own));
  // The other log's snapshot, at a seq this log also has; and the same as if made by another version.
  fs.copyFileSync(path.join(other.dataDir, SNAPSHOT_DIR, foreign), path.join(dir, foreign));
  fs.copyFileSync(path.join(other.dataDir, SNAPSHOT_DIR, foreign), path.join(dir, snapshotFileName(expected.seq, PROJECTION_VERSION + 1)));
  const restarted = await startTestServer({ dataDir });
  try {
    expect(restarted.service.loaded.snapshotSeq).toBe(0);
    expect((await api(restarted.url, 'GET', '/api/state', { token: desk })).body).toEqual(expected);
  } finally {
    await restarted.close();
  }
});

it('a running server makes its snapshots on a worker thread from the log: the state at that seq, while writes go on', async () => {
  const server = await startTestServer();
  try {
    const desk = await makeToken(server, 'desk');
    await donate(server, desk, 0, 40);
    const seq = server.service.state.seq;
    server.service.snapshotIfDue(true);
    // Written meanwhile, after the seq the worker was asked for.
    await donate(server, desk, 40, 5);
    await server.service.snapshotSettled();
    expect(server.service.state.seq).toBeGreaterThan(seq);
    expect(fs.readdirSync(path.join(server.dataDir, SNAPSHOT_DIR))).toContain(snapshotFileName(seq));

    const db = new Database(path.join(server.dataDir, DB_FILE), { readonly: true });
    const keys = KeyStore.openReadOnly(server.dataDir);
    try {
      const store = new EventStore(db, keys);
      const snapshot = new SnapshotStore(server.dataDir, store, keys.id).latest(seq);
      expect(snapshot?.seq).toBe(seq);
      expect(canonical(snapshot!)).toBe(canonical(replay(store.all(0, seq), initialState())));
      expect(snapshot!.donors.get('snap-39')).toMatchObject({ fullName: 'Người 39', phone: '0912345678' });
    } finally {
      db.close();
      keys.close();
    }
  } finally {
    await server.close();
  }
});
