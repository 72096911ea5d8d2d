/**
 * Moves a whole projection across the wire (the socket `snapshot`) so a client can go on
 * applying events with the same projection code. Maps become `{ $map: entries }`; public
 * roles get donors without phone or national id.
 */
import type { Donor, ProjectionState } from './projection.ts';

export type WireProjection = { $projection: 1; body: unknown };

function encode(value: unknown): unknown {
  if (value instanceof Map) return { $map: [...value.entries()].map(([k, v]) => [k, encode(v)]) };
  if (Array.isArray(value)) return value.map(encode);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = encode(inner);
    return out;
  }
  return value;
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (Array.isArray(record.$map)) {
      return new Map((record.$map as [unknown, unknown][]).map(([k, v]) => [k, decode(v)]));
    }
    // Own keys only, defined as data properties: a "__proto__" key cannot reach a prototype.
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(record)) {
      Object.defineProperty(out, key, { value: decode(inner), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

function withoutPii(donor: Donor): Donor {
  const { phone: _phone, nationalId: _nationalId, ...rest } = donor;
  return rest;
}

export function projectionToWire(state: ProjectionState, options: { stripPii: boolean }): WireProjection {
  const source = options.stripPii
    ? { ...state, donors: new Map([...state.donors].map(([id, donor]) => [id, withoutPii(donor)])) }
    : state;
  return { $projection: 1, body: encode(source) };
}

export function projectionFromWire(wire: WireProjection): ProjectionState {
  return decode(wire.body) as ProjectionState;
}
