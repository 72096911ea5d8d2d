/** ForkMap: a Map seen through another, the desk's optimistic view (shared/fork.ts). */
import { describe, expect, it } from 'vitest';
import { ForkMap } from '../../shared/fork.ts';

type Entry = { n: number };

function base(): Map<string, Entry> {
  return new Map([
    ['a', { n: 1 }],
    ['b', { n: 2 }],
    ['c', { n: 3 }],
  ]);
}

/** Everything a reader can ask of a map, as plain data. */
function readAll(map: Map<string, Entry>) {
  return {
    size: map.size,
    keys: [...map.keys()],
    values: [...map.values()],
    entries: [...map.entries()],
    spread: [...map],
    each: (() => {
      const seen: [string, Entry][] = [];
      map.forEach((value, key) => seen.push([key, value]));
      return seen;
    })(),
  };
}

describe('ForkMap', () => {
  it('reads like the map it would be: own writes, removals and additions, in the base order then the new keys', () => {
    const original = base();
    const fork = new ForkMap(original);
    fork.get('a')!.n = 10;
    fork.delete('b');
    fork.set('d', { n: 4 });
    const expected = new Map([
      ['a', { n: 10 }],
      ['c', { n: 3 }],
      ['d', { n: 4 }],
    ]);
    expect(readAll(fork)).toEqual(readAll(expected));
    fork.seal();
    expect(readAll(fork)).toEqual(readAll(expected));
    expect(fork.has('b')).toBe(false);
    // The base is as it was.
    expect(readAll(original)).toEqual(readAll(base()));
  });

  it('copies what is read while written, and hands out the base objects once sealed', () => {
    const original = base();
    const writing = new ForkMap(original);
    const [first] = [...writing.values()];
    expect(first).toEqual({ n: 1 });
    expect(first).not.toBe(original.get('a'));
    const sealed = new ForkMap(original);
    sealed.seal();
    expect([...sealed.values()][0]).toBe(original.get('a'));
    expect([...sealed.values()]).toEqual([...original.values()]);
  });
});
