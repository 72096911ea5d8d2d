/**
 * The snapshot's encoding: a columnar form of any tree of plain objects, Maps, strings and
 * numbers, so loading a projection of a million events costs a few large copies instead of
 * millions of small ones.
 *
 * Why not v8.serialize alone: it writes every object and string one by one, and reading them
 * back was most of start-up (3.3 s for a 1M-event log, 290 MB). Here values of the same
 * place in the tree are stored together:
 *   - objects by their shape (the ordered list of their keys, so key order survives) and one
 *     column per key;
 *   - Maps by their sizes, one column of keys and one of values;
 *   - numbers in a Float64Array;
 *   - strings as indexes into a column's own table when few distinct values repeat (days,
 *     agencies, event types, device names); other strings (ids, times, names) as indexes into
 *     one table for the whole snapshot. Either way each distinct string is stored, and decoded,
 *     once: an event's id, its donor's id and its time appear in several places of the state
 *     (the donor, the memory of applied events, the indexes), which share one string, as they
 *     do in a state built live (at 100.000 events: 352.000 strings instead of 718.000).
 * Anything else (booleans, null, arrays, mixed columns) is kept as a plain array for v8.
 *
 * Generic on purpose: it knows nothing of the projection's fields, so a new field is
 * snapshotted without touching this file.
 */

/** A tree of columns, as encodeTree makes it and v8.serialize stores it. */
export type Column =
  | { k: 'str'; index: Uint32Array }
  | { k: 'enum'; table: string[]; index: Uint16Array }
  | { k: 'num'; values: Float64Array }
  | { k: 'obj'; keys: string[]; shapes: number[][]; shape: Uint32Array; columns: Column[] }
  | { k: 'map'; sizes: Uint32Array; keys: Column; values: Column }
  | { k: 'any'; values: unknown[] };

/** The encoded snapshot: its columns, and the strings they share. */
export interface EncodedTree {
  strings: string[];
  root: Column;
}

/** A string column becomes an enum while its distinct values stay this few. */
const MAX_ENUM = 4096;

/** The snapshot's one table of strings (those not in an enum), each once. */
class SharedStrings {
  readonly table: string[] = [];
  private readonly index = new Map<string, number>();

  column(values: string[]): Column {
    const index = new Uint32Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const value = values[i]!;
      let at = this.index.get(value);
      if (at === undefined) {
        at = this.table.length;
        this.index.set(value, at);
        this.table.push(value);
      }
      index[i] = at;
    }
    return { k: 'str', index };
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  return Object.getPrototypeOf(value) === Object.prototype;
}

function encodeStrings(values: string[], shared: SharedStrings): Column {
  const table = new Map<string, number>();
  const index = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    let at = table.get(value);
    if (at === undefined) {
      // Mostly distinct (ids, times, names): stop counting early; they go to the shared table.
      if (table.size >= MAX_ENUM || (i >= 1024 && table.size * 4 > i)) return shared.column(values);
      at = table.size;
      table.set(value, at);
    }
    index[i] = at;
  }
  return { k: 'enum', table: [...table.keys()], index };
}

function sameKeys(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function encodeObjects(values: Record<string, unknown>[], shared: SharedStrings): Column {
  const keyIndex = new Map<string, number>();
  const keys: string[] = [];
  const shapeIds = new Map<string, number>();
  const shapes: number[][] = [];
  const shape = new Uint32Array(values.length);
  const columnValues: unknown[][] = [];
  let previousKeys: string[] | null = null;
  let previousId = 0;
  for (let i = 0; i < values.length; i++) {
    const own = Object.keys(values[i]!);
    // Neighbours mostly share a shape: compare with the last one before building a signature.
    let id = previousKeys && sameKeys(own, previousKeys) ? previousId : shapeIds.get(JSON.stringify(own));
    if (id === undefined) {
      // An own "__proto__" key would become the prototype when decoded: leave such objects to v8.
      if (own.includes('__proto__')) return { k: 'any', values };
      id = shapes.length;
      shapeIds.set(JSON.stringify(own), id);
      shapes.push(
        own.map((key) => {
          let at = keyIndex.get(key);
          if (at === undefined) {
            at = keys.length;
            keyIndex.set(key, at);
            keys.push(key);
            columnValues.push([]);
          }
          return at;
        }),
      );
    }
    shape[i] = id;
    previousKeys = own;
    previousId = id;
    const record = values[i]!;
    for (const at of shapes[id]!) columnValues[at]!.push(record[keys[at]!]);
  }
  return { k: 'obj', keys, shapes, shape, columns: columnValues.map((column) => encodeColumn(column, shared)) };
}

function encodeMaps(values: Map<unknown, unknown>[], shared: SharedStrings): Column {
  const sizes = new Uint32Array(values.length);
  const keys: unknown[] = [];
  const entries: unknown[] = [];
  for (let i = 0; i < values.length; i++) {
    const map = values[i]!;
    sizes[i] = map.size;
    for (const [key, value] of map) {
      keys.push(key);
      entries.push(value);
    }
  }
  return { k: 'map', sizes, keys: encodeColumn(keys, shared), values: encodeColumn(entries, shared) };
}

/** Encodes the values found at one place of the tree. */
function encodeColumn(values: unknown[], shared: SharedStrings): Column {
  if (values.length === 0) return { k: 'any', values };
  const first = values[0];
  if (typeof first === 'string') {
    if (values.every((v) => typeof v === 'string')) return encodeStrings(values as string[], shared);
  } else if (typeof first === 'number') {
    if (values.every((v) => typeof v === 'number')) return { k: 'num', values: Float64Array.from(values as number[]) };
  } else if (first instanceof Map) {
    if (values.every((v) => v instanceof Map)) return encodeMaps(values as Map<unknown, unknown>[], shared);
  } else if (isPlainObject(first)) {
    if (values.every(isPlainObject)) return encodeObjects(values as Record<string, unknown>[], shared);
  }
  return { k: 'any', values };
}

/**
 * Builds one object of a shape from its columns' readers, as an object literal with the
 * shape's keys in order: V8 then allocates each object once, at its final size, instead of
 * growing it key by key (half the decoding time at a million objects). The keys are our own
 * state's property names, quoted as JSON strings; "__proto__" is refused, since in a literal
 * it would set the prototype.
 */
function shapeBuilder(keys: string[], readers: (() => unknown)[]): () => Record<string, unknown> {
  if (keys.includes('__proto__')) throw new Error('snapshot: refusing a "__proto__" key');
  const body = `return () => ({ ${keys.map((key, k) => `${JSON.stringify(key)}: r[${k}]()`).join(', ')} });`;
  return new Function('r', body)(readers) as () => Record<string, unknown>;
}

/**
 * Reads a column's values one after another. Every column is read once, in order, so the
 * decoder builds each object where it belongs without intermediate arrays (which, holding
 * millions of new objects, made the garbage collector most of the cost).
 */
function reader(column: Column, strings: string[]): () => unknown {
  let i = 0;
  switch (column.k) {
    case 'str': {
      const { index } = column;
      return () => strings[index[i++]!];
    }
    case 'num':
    case 'any': {
      const { values } = column;
      return () => values[i++];
    }
    case 'enum': {
      const { table, index } = column;
      return () => table[index[i++]!];
    }
    case 'obj': {
      const readers = column.columns.map((inner) => reader(inner, strings));
      const build = column.shapes.map((at) =>
        shapeBuilder(
          at.map((k) => column.keys[k]!),
          at.map((k) => readers[k]!),
        ),
      );
      const { shape } = column;
      return () => build[shape[i++]!]!();
    }
    case 'map': {
      const readKey = reader(column.keys, strings);
      const readValue = reader(column.values, strings);
      const { sizes } = column;
      return () => {
        const map = new Map<unknown, unknown>();
        for (let n = sizes[i++]!; n > 0; n--) map.set(readKey(), readValue());
        return map;
      };
    }
    default: {
      const unknownKind: never = column;
      throw new Error(`unknown snapshot column ${String((unknownKind as { k: unknown }).k)}`);
    }
  }
}

/** Encodes one value (the projection) as a tree of columns, ready for v8.serialize. */
export function encodeTree(value: unknown): EncodedTree {
  const shared = new SharedStrings();
  const root = encodeColumn([value], shared);
  return { strings: shared.table, root };
}

export function decodeTree(tree: EncodedTree): unknown {
  return reader(tree.root, tree.strings)();
}
