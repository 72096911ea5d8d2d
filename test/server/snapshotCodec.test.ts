/**
 * The snapshot encoding: whatever tree goes in comes out equal, with the same key order, Map
 * entry order and number edge cases. The snapshot files: the newest one that belongs to the
 * log is used; one of another log or version, or that cannot be read, is skipped, not fatal.
 */
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyInPlace, initialState, PROJECTION_VERSION, projectionToWire, type RecordedEvent } from '../../shared/index.ts';
import { defaultEventEvents } from '../../server/defaultEvent/seed.ts';
import { decodeTree, encodeTree } from '../../server/store/snapshotCodec.ts';
import { SNAPSHOT_FORMAT, SnapshotStore, snapshotFileName } from '../../server/store/snapshotStore.ts';
import { tempDataDir } from '../helpers/server.ts';

const roundTrip = (value: unknown) => decodeTree(v8.deserialize(v8.serialize(encodeTree(value))));

/** The value with every object's keys and every Map's entries listed in order, so order is compared too. */
function ordered(value: unknown): unknown {
  if (value instanceof Map) return ['Map', [...value].map(([k, v]) => [ordered(k), ordered(v)])];
  if (Array.isArray(value)) return ['Array', value.length, Object.entries(value).map(([k, v]) => [k, ordered(v)])];
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return ['Object', Object.entries(value).map(([k, v]) => [k, ordered(v)])];
  }
  return value;
}

describe('snapshot codec', () => {
  it('gives back any tree of objects, Maps, arrays and primitives, in the same order', () => {
    const tree = fc.anything({ withMap: true, withSet: true, withDate: true, withTypedArray: true, withSparseArray: true, withBigInt: true, withNullPrototype: false, maxDepth: 4 });
    // Columns only pay off with many values at one place: lists of records exercise them.
    const table = fc.array(fc.dictionary(fc.constantFrom('id', 'day', 'n', 'at', 'x'), tree, { maxKeys: 5, noNullPrototype: true }), { maxLength: 60 });
    fc.assert(
      fc.property(
        fc.oneof(
          tree,
          table,
          fc.array(fc.tuple(fc.string(), table)).map((entries) => new Map(entries)),
        ),
        (value) => {
          const back = roundTrip(value);
          expect(back).toStrictEqual(value);
          expect(ordered(back)).toStrictEqual(ordered(value));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps -0, NaN, infinities, undefined values and "__proto__" keys as they were', () => {
    const proto = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}');
    const value = {
      numbers: [0, -0, NaN, Infinity, -Infinity, 2 ** 53, 1.5].map((n) => ({ n })),
      missing: [{ a: 'x', b: undefined }, { a: 'y' }, { b: 'z', a: 'w' }],
      proto: [proto, proto],
      keys: new Map<unknown, unknown>([
        [1, 'one'],
        ['1', 'text one'],
        [2, null],
      ]),
      // Two shapes whose keys, joined naively, would read the same.
      shapes: [{ 'a\u0000b': 1 }, { a: 1, b: 2 }, { 'a\u0000b': 3 }],
    };
    const back = roundTrip(value) as typeof value;
    expect(Object.is(back.numbers[1]!.n, -0)).toBe(true);
    expect(back.numbers[2]!.n).toBeNaN();
    expect(ordered(back)).toStrictEqual(ordered(value));
    expect(Object.keys(back.missing[0]!)).toEqual(['a', 'b']);
    expect(Object.getPrototypeOf(back.proto[0])).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(back.proto[0], '__proto__')).toBe(true);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('stores each distinct string once, however many places of the tree hold it', () => {
    // An event's id is a key of the applied events and a field of its donor; a donor's id is in both too.
    const applied = new Map(Array.from({ length: 15_000 }, (_, i) => [`e${i}`, { ref: `d${i % 5000}`, day: '2024-07-19' }]));
    const donors = Array.from({ length: 5000 }, (_, i) => ({ id: `d${i}`, registeredEventId: `e${i}`, checkedInEventId: `e${i + 5000}` }));
    const tree = encodeTree({ applied, donors });
    expect(new Set(tree.strings).size).toBe(tree.strings.length);
    // 15.000 event ids and 5.000 donor ids; the days, few and repeated, are each column's own.
    expect(tree.strings.length).toBe(20_000);
    expect(ordered(decodeTree(v8.deserialize(v8.serialize(tree))))).toStrictEqual(ordered({ applied, donors }));
  });

  it('gives back a projection of the Hải Dương event with thousands of donors, byte for byte on the wire', () => {
    const state = initialState();
    let seq = 0;
    const at = '2024-07-19T01:00:00.000Z';
    const actor = { tokenId: 'tok-desk', role: 'desk' as const, label: 'Bàn 1' };
    const record = (event: Omit<RecordedEvent, 'seq' | 'at' | 'actor'>) => applyInPlace(state, { ...event, seq: ++seq, at, actor } as RecordedEvent);
    for (const event of defaultEventEvents()) record(event as Omit<RecordedEvent, 'seq' | 'at' | 'actor'>);
    const agencies = [...state.agencies.keys()];
    for (let i = 0; i < 3000; i++) {
      const donorId = `d${i}`;
      record({
        id: `r${i}`,
        type: 'donor.registered',
        payload: { donorId, fullName: `Nguyễn Thị ${i}`, agencyId: agencies[i % agencies.length]!, ...(i % 3 ? { phone: `09${i}` } : {}), ...(i % 5 ? {} : { birthYear: 1990 }) },
      } as never);
      if (i % 4) record({ id: `c${i}`, type: 'donor.checked_in', payload: { donorId } } as never);
      if (i % 4 === 1) record({ id: `x${i}`, type: 'donor.donated', payload: { donorId, volumeMl: 350 } } as never);
      if (i % 4 === 2) record({ id: `f${i}`, type: 'donor.deferred', payload: { donorId, reason: 'huyết áp', reasonCode: 'blood_pressure' } } as never);
      if (i % 97 === 1) record({ id: `v${i}`, type: 'event.voided', payload: { eventId: `x${i}`, reason: 'nhầm' } } as never);
    }
    expect(state.donors.size).toBe(3000);
    const back = roundTrip(state) as typeof state;
    expect(JSON.stringify(projectionToWire(back, { visibility: 'full' }))).toBe(JSON.stringify(projectionToWire(state, { visibility: 'full' })));
    expect(back.totals).toEqual(state.totals);
  });
});

describe('snapshot store', () => {
  /** A log that holds event `e<seq>` at every seq up to `last`. */
  const logOf = (last: number, prefix = 'e') => ({ idAt: (seq: number) => (seq >= 1 && seq <= last ? `${prefix}${seq}` : undefined) });
  const stateAt = (seq: number) => ({ ...initialState(), seq, wallMessage: { text: `at ${seq}`, at: '2024-07-19T01:00:00.000Z' } });

  it('gives back the newest snapshot at or below the log, and keeps only the two newest files', async () => {
    const dataDir = tempDataDir();
    const snapshots = new SnapshotStore(dataDir, logOf(30));
    for (const seq of [10, 20, 30]) await snapshots.save(stateAt(seq));
    expect(fs.readdirSync(snapshots.dir).sort()).toEqual([snapshotFileName(20), snapshotFileName(30)]);
    expect(snapshots.latest(30)?.wallMessage?.text).toBe('at 30');
    // A log restored from an older backup: the snapshot past its end is not used.
    expect(new SnapshotStore(dataDir, logOf(25)).latest(25)?.wallMessage?.text).toBe('at 20');
    expect(new SnapshotStore(dataDir, logOf(15)).latest(15)).toBeUndefined();
  });

  it('skips a snapshot of another projection version or that cannot be read; deletes one of another log', async () => {
    const dataDir = tempDataDir();
    const snapshots = new SnapshotStore(dataDir, logOf(20));
    await snapshots.save(stateAt(10));
    await snapshots.save(stateAt(20));
    // The newest is damaged: the one before it is used.
    fs.writeFileSync(path.join(snapshots.dir, snapshotFileName(20)), 'not a snapshot');
    expect(snapshots.latest(20)?.seq).toBe(10);
    // Made by another version of the projection (or an older format): ignored, even when newer.
    fs.copyFileSync(path.join(snapshots.dir, snapshotFileName(10)), path.join(snapshots.dir, snapshotFileName(15, PROJECTION_VERSION + 1)));
    fs.copyFileSync(path.join(snapshots.dir, snapshotFileName(10)), path.join(snapshots.dir, snapshotFileName(16, PROJECTION_VERSION, SNAPSHOT_FORMAT - 1)));
    expect(snapshots.latest(20)?.seq).toBe(10);
    // Ahead of the log (a backup restored): never used, and deleted — it holds another history's data.
    expect(snapshots.latest(9)).toBeUndefined();
    expect(fs.existsSync(path.join(snapshots.dir, snapshotFileName(10)))).toBe(false);
    await snapshots.save(stateAt(10));
    // Another event's log with the same seqs: not its own, so not used, and deleted too.
    expect(new SnapshotStore(dataDir, logOf(20, 'other-')).latest(20)).toBeUndefined();
    expect(fs.existsSync(path.join(snapshots.dir, snapshotFileName(10)))).toBe(false);
    await snapshots.save(stateAt(10));
    fs.writeFileSync(path.join(snapshots.dir, snapshotFileName(10)), v8.serialize({ seq: 10, lastEventId: 'e10', tree: 'garbage' }));
    expect(snapshots.latest(20)).toBeUndefined();
  });
});
