/**
 * Moves a whole projection across the wire (the socket `snapshot`) so a client can go on
 * applying events with the same projection code. Maps become `{ $map: entries }`; what a role
 * may not see is removed first (privacy.ts).
 */
import type { Viewer } from './privacy.ts';
import { projectionForViewer } from './privacy.ts';
import type { ProjectionState } from './projection.ts';

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

export function projectionToWire(state: ProjectionState, viewer: Viewer): WireProjection {
  return { $projection: 1, body: encode(projectionForViewer(state, viewer)) };
}

export function projectionFromWire(wire: WireProjection): ProjectionState {
  return decode(wire.body) as ProjectionState;
}
