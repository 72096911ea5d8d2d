/**
 * A copy-on-write fork of a projection state: what a device shows while its own events wait to
 * be sent or pushed back (the optimistic view). Events are folded into the fork with the same
 * `applyInPlace` as everywhere else; the base is never touched, and only what an event touches
 * is copied — a desk holding 5.000 donors copies the one donor its check-in changes, not 5.000.
 *
 * Every Map of the state becomes a ForkMap over the base's; arrays and plain objects are
 * copied (they are small: totals, the event's settings, the latest donations). A fork is
 * written while events are folded, then `sealFork` makes it read-only: reads no longer copy.
 * Pure: no I/O, no clock.
 */
import { applyInPlace, type ProjectionState } from './projection.ts';
import type { WireEvent } from './events.ts';

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/**
 * A Map seen through another: reads fall through to the base, writes stay here. While the
 * fork is written, reading an object copies it first (a handler that reads an entry may change
 * it), so the base's objects are never changed.
 */
export class ForkMap<K, V> extends Map<K, V> {
  private readonly own = new Map<K, V>();
  private readonly removed = new Set<K>();
  private writing = true;

  constructor(private readonly base: ReadonlyMap<K, V>) {
    super();
  }

  /** Reads no longer copy (the fork is done being written). */
  seal(): void {
    this.writing = false;
  }

  override get(key: K): V | undefined {
    if (this.own.has(key)) return this.own.get(key);
    if (this.removed.has(key)) return undefined;
    const value = this.base.get(key);
    if (!this.writing || !isObject(value)) return value;
    const copy = structuredClone(value);
    this.own.set(key, copy);
    return copy;
  }

  override has(key: K): boolean {
    return this.own.has(key) || (!this.removed.has(key) && this.base.has(key));
  }

  override set(key: K, value: V): this {
    this.own.set(key, value);
    this.removed.delete(key);
    return this;
  }

  override delete(key: K): boolean {
    const had = this.has(key);
    this.own.delete(key);
    if (this.base.has(key)) this.removed.add(key);
    return had;
  }

  override clear(): void {
    this.own.clear();
    for (const key of this.base.keys()) this.removed.add(key);
  }

  override get size(): number {
    if (this.own.size === 0 && this.removed.size === 0) return this.base.size;
    let size = this.own.size;
    for (const key of this.base.keys()) if (!this.own.has(key) && !this.removed.has(key)) size += 1;
    return size;
  }

  override *entries(): MapIterator<[K, V]> {
    for (const key of this.base.keys()) {
      if (this.removed.has(key)) continue;
      // While written, what is iterated may be changed: it is copied like a read.
      yield [key, this.valueAt(key)];
    }
    for (const [key, value] of this.own) if (!this.base.has(key)) yield [key, value];
  }

  override *keys(): MapIterator<K> {
    for (const key of this.base.keys()) if (!this.removed.has(key)) yield key;
    for (const key of this.own.keys()) if (!this.base.has(key)) yield key;
  }

  // Not through entries(): a desk lists 5.000 donors through a fork after each of its own events.
  override *values(): MapIterator<V> {
    if (this.own.size === 0 && this.removed.size === 0 && !this.writing) {
      yield* this.base.values();
      return;
    }
    for (const key of this.base.keys()) if (!this.removed.has(key)) yield this.valueAt(key);
    for (const [key, value] of this.own) if (!this.base.has(key)) yield value;
  }

  /** The value of a key of the base that is not removed: its own copy, or the base's (copied while written). */
  private valueAt(key: K): V {
    if (this.own.has(key)) return this.own.get(key)!;
    return this.writing ? this.get(key)! : this.base.get(key)!;
  }

  override [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  override forEach(callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }
}

/** A Map of the state becomes a ForkMap over it; arrays and plain objects (small) are copied. */
function forkValue(value: unknown): unknown {
  if (value instanceof Map) return new ForkMap(value);
  return isObject(value) ? structuredClone(value) : value;
}

/** A fork of `base`: fold events into it with `applyInPlace`, then seal it. */
export function forkState(base: ProjectionState): ProjectionState {
  const fork: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(base)) fork[field] = forkValue(value);
  return fork as unknown as ProjectionState;
}

/** Makes the fork read-only: reads stop copying. */
export function sealFork(state: ProjectionState): ProjectionState {
  for (const value of Object.values(state)) if (value instanceof ForkMap) value.seal();
  return state;
}

/**
 * The base with `events` folded in, in order, on a fork (the base is left as it was). Each
 * event needs a `seq` above the base's: the caller numbers them after it. Returns the base
 * itself when there is nothing to fold.
 */
export function foldOnFork(base: ProjectionState, events: readonly WireEvent[]): ProjectionState {
  if (events.length === 0) return base;
  const fork = forkState(base);
  for (const event of events) applyInPlace(fork, event);
  return sealFork(fork);
}
