/**
 * The benches' donors and logs: a donor's three events (registered, checked in, donated), and a
 * log of N events written straight into SQLite as the server writes it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../server/store/database.ts';
import { EventStore } from '../server/store/eventStore.ts';
import { defaultEventEvents } from '../server/defaultEvent/seed.ts';
import { KeyStore } from '../server/privacy/keyStore.ts';
import { keyRefOf, sealPayload } from '../server/privacy/sealing.ts';
import { applyAndCount, initialState, type Actor, type NewEvent, type RecordedEvent } from '../shared/index.ts';

let donorCounter = 0;

/** A new donor's registration, check-in and donation (ids unique within this process). */
export function donorTriple(agencyId: string, prefix = 'b'): NewEvent[] {
  donorCounter += 1;
  const donorId = `${prefix}${donorCounter}`;
  return [
    { id: `r-${donorId}-bench`, type: 'donor.registered', payload: { donorId, fullName: `Nguyễn Văn Bench ${donorId}`, agencyId, phone: '0912345678' } },
    { id: `c-${donorId}-bench`, type: 'donor.checked_in', payload: { donorId } },
    { id: `d-${donorId}-bench`, type: 'donor.donated', payload: { donorId, volumeMl: 350 } },
  ];
}

/**
 * Writes a log of `total` events (the default event, then donors' register/check-in/donate) as
 * the server writes it: each person's key first, personal fields sealed, counted forms beside.
 */
export function writeLog(dataDir: string, total: number): void {
  const db = openDatabase(dataDir);
  const keys = KeyStore.open(dataDir);
  const store = new EventStore(db, keys);
  const state = initialState();
  const actor: Actor = { tokenId: 'tok_bench', role: 'desk', label: 'bench' };
  const agencies = ['ldld', 'bqlkcn', 'tinhdoan', 'soyte', 'sogddt', 'walk-in'];
  const start = Date.parse('2024-07-19T00:30:00Z');
  let written = 0;
  let donors = 0;
  const seedActor: Actor = { tokenId: 'system', role: 'admin', label: 'seed' };
  const write = (event: NewEvent, by: Actor, at: string) => {
    written += 1;
    const recorded = { ...event, seq: written, at, actor: by } as RecordedEvent;
    const { stored } = sealPayload(event, keyRefOf(event, state), keys);
    store.append(recorded, stored, applyAndCount(state, recorded));
  };
  db.transaction(() => {
    for (const event of defaultEventEvents()) write(event, seedActor, new Date(start).toISOString());
  })();
  while (written < total) {
    const group: NewEvent[] = [];
    for (let k = 0; k < 3000 && written + group.length < total; k += 3) group.push(...donorTriple(agencies[donors++ % agencies.length]!));
    for (const event of group) if (event.type === 'donor.registered') event.payload.keyRef = keys.take();
    db.transaction(() => {
      for (const event of group) {
        if (written >= total) break;
        write(event, actor, new Date(start + written * 20).toISOString());
      }
    })();
  }
  db.close();
  keys.close();
}

/** The seq of the newest snapshot in a data directory (0: none yet). */
export function newestSnapshotSeq(dataDir: string): number {
  const dir = path.join(dataDir, 'snapshots');
  const names = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  return Math.max(0, ...names.map((name) => Number(/^snapshot-(\d+)/.exec(name)?.[1] ?? 0)));
}

/** Waits (up to 5 minutes) for a snapshot at `seq` or later in the data directory. */
export async function waitForSnapshot(dataDir: string, seq: number): Promise<void> {
  for (let i = 0; i < 3000; i++) {
    if (newestSnapshotSeq(dataDir) >= seq) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no snapshot at ${seq} in ${dataDir} after 5 minutes`);
}
