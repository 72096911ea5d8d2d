/**
 * Personal data at rest: the fields of an event that are a person's (name, phone, birth year,
 * blood type, CCCD hash and digits, deferral notes, correction notes about a donor) are sealed
 * in the log with that person's key (keyStore.ts), AES-256-GCM, bound to the event's id and
 * type. The counting keys (donor id, agency, day, volume) stay readable: every count can be
 * rebuilt from the log whether or not the person's data still can.
 *
 * A stored payload is the payload without its personal fields, plus
 * `"$sealed": { "k": <key ref>, "d": <base64 of iv | ciphertext | tag> }`. Opening it with the
 * key gives the payload back; without the key (the person was erased), the personal fields are
 * gone: a registration comes back as `{ donorId, agencyId, …, fullName: '', erased: true }`.
 */
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import { randomBytes } from './random.ts';
import { PERSONAL_DONOR_FIELDS, isCountedType, type EventType, type NewEvent, type ProjectionState } from '../../shared/index.ts';

/** A donor's personal data: the name and the projection's list of the rest. */
const DONOR_FIELDS: readonly string[] = ['fullName', ...PERSONAL_DONOR_FIELDS];

/** The personal fields of each event type that has some. */
export const SEALED_FIELDS: Partial<Record<EventType, readonly string[]>> = {
  'donor.registered': DONOR_FIELDS,
  'donor.updated': DONOR_FIELDS,
  'donor.deferred': ['reason', 'reasonCode'],
  // Only when the voided event is a donor's (the key ref says whose).
  'event.voided': ['reason'],
  // (issue 17) An honouree's name and unit or address; who received for them.
  'ceremony.honouree_set': ['name', 'unit'],
  'ceremony.arrived': ['representative'],
  // A dossier's note may name the person; the MC's edited script names every honouree of a batch.
  'ceremony.dossier_set': ['note'],
  'ceremony.script_set': ['text'],
};

/** Event types that carry a new person's data: never stored without their key. */
const TAKES_A_KEY = new Set<string>(['donor.registered', 'ceremony.honouree_set', 'ceremony.script_set']);

const SEALED = '$sealed';

interface SealedBox {
  k: string;
  d: string;
}

export interface KeyLookup {
  keyOf(ref: string): Buffer | undefined;
}

function aad(id: string, type: string): Buffer {
  return Buffer.from(`${id}\u0000${type}`, 'utf8');
}

/** An event's payload as stored, and as it reads back from the log (what is recorded and sent). */
export interface SealedPayload {
  stored: string;
  payload: unknown;
}

/**
 * The payload to store: personal fields sealed with the key of `keyRef` (the donor the event is
 * about). Without a key ref there is nothing personal to seal; without a key (the person was
 * erased), the personal fields are not stored at all, and the event reads back without them.
 */
export function sealPayload(event: Pick<NewEvent, 'id' | 'type' | 'payload'>, keyRef: string | null, keys: KeyLookup): SealedPayload {
  // A registration is a person's data: it is never stored without a key to seal it with.
  if (TAKES_A_KEY.has(event.type) && !keyRef) throw new Error(`${event.type} ${event.id} has no key to seal it with`);
  const fields = keyRef ? SEALED_FIELDS[event.type] : undefined;
  if (!fields) return { stored: JSON.stringify(event.payload), payload: event.payload };
  const plain: Record<string, unknown> = {};
  const secret: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(event.payload)) {
    // The key's ref is the box's own `k`.
    if (name === 'keyRef') continue;
    if (fields.includes(name)) secret[name] = value;
    else plain[name] = value;
  }
  if (Object.keys(secret).length === 0) return { stored: JSON.stringify(plain), payload: event.payload };
  const key = keys.keyOf(keyRef!);
  if (!key) {
    const kept = withoutSecret(event.type, plain);
    return { stored: JSON.stringify(kept), payload: kept };
  }
  const iv = randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(event.id, event.type));
  const body = Buffer.concat([cipher.update(JSON.stringify(secret), 'utf8'), cipher.final()]);
  const box: SealedBox = { k: keyRef!, d: Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64') };
  plain[SEALED] = box;
  return { stored: JSON.stringify(plain), payload: event.payload };
}

/** The ref of the key a stored payload is sealed with, if it is sealed. */
export function sealedKeyRef(stored: string): string | undefined {
  return (JSON.parse(stored) as { [SEALED]?: SealedBox })[SEALED]?.k;
}

/** Whether any payload of the log is sealed (then the key store that opens them must be there). */
export function logHasSealedData(db: Database.Database): boolean {
  return db.prepare(`SELECT 1 FROM events WHERE payload LIKE '%"${SEALED}":%' LIMIT 1`).get() !== undefined;
}

/** What a payload becomes when its personal fields are gone (no key). */
function withoutSecret(type: string, plain: Record<string, unknown>): Record<string, unknown> {
  if (type === 'donor.registered') return { ...plain, fullName: '', erased: true };
  if (type === 'event.voided') return { ...plain, reason: '' };
  if (type === 'ceremony.honouree_set') return { ...plain, name: '', erased: true };
  if (type === 'ceremony.script_set') return { ...plain, text: '' };
  return plain;
}

/** The payload as recorded, opened with the person's key when it is still kept. */
export function openPayload(stored: string, id: string, type: string, keys: KeyLookup): unknown {
  const parsed = JSON.parse(stored) as Record<string, unknown>;
  const box = parsed[SEALED] as SealedBox | undefined;
  if (!box) return parsed;
  // A fresh object without the box (`delete` would leave a slow object for the projection to read).
  const { [SEALED]: _box, ...payload } = parsed;
  // A registration says which key the person's data is sealed with (the projection keeps it).
  if (TAKES_A_KEY.has(type)) payload.keyRef = box.k;
  const key = keys.keyOf(box.k);
  if (!key) return withoutSecret(type, payload);
  const bytes = Buffer.from(box.d, 'base64');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
  decipher.setAAD(aad(id, type));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  // GCM gives the whole text from update(); final() checks the tag (and throws if it is wrong).
  const text = decipher.update(bytes.subarray(12, bytes.length - 16)).toString('utf8');
  decipher.final();
  return Object.assign(payload, JSON.parse(text) as Record<string, unknown>);
}

/**
 * The key that seals an event's personal fields: the one a registration took, or the one of the
 * donor the event is about (a void: the donor of the event it voids), as the state before it
 * knows them; null when the event has no donor.
 */
export function keyRefOf(event: NewEvent, state: ProjectionState): string | null {
  switch (event.type) {
    case 'donor.registered':
      return event.payload.keyRef ?? null;
    case 'donor.updated':
    case 'donor.deferred':
      return state.donors.get(event.payload.donorId)?.keyRef ?? null;
    case 'event.voided': {
      const target = state.applied.get(event.payload.eventId);
      return target && isCountedType(target.type) && target.ref ? (state.donors.get(target.ref)?.keyRef ?? null) : null;
    }
    case 'ceremony.honouree_set':
      // The first set takes a key (service.ts); an edit uses the honouree's.
      return event.payload.keyRef ?? state.honourees.get(event.payload.honoureeId)?.keyRef ?? null;
    case 'ceremony.arrived':
    case 'ceremony.dossier_set':
      return state.honourees.get(event.payload.honoureeId)?.keyRef ?? null;
    case 'ceremony.script_set':
      // A batch's scripts share a key, taken by the first (service.ts), retired when one of its honourees is erased.
      return event.payload.keyRef ?? state.ceremonyBatches.get(event.payload.batchId)?.scriptKeyRef ?? null;
    default:
      return null;
  }
}

/** JSON with every object's keys in order: the same value gives the same text, whatever order a sender wrote it in. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const fields = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
  return `{${fields.join(',')}}`;
}

/** Fields the server adds to what a device sent, or leaves when a person's data is gone. */
const ADDED_AT_REST = ['keyRef', 'erased'];

/**
 * Whether `payload` (what a device sends again, through the door: no full CCCD) is the payload
 * recorded as `stored` (issue 16, 9: only a true retry is a duplicate). Personal fields are
 * compared while the person's key is kept, opened in memory; once it is gone (or they were never
 * sealed) they cannot be, and the rest decides. Nothing is kept for the comparison: an erased
 * person leaves no fingerprint behind.
 */
export function isSamePayload(stored: string, id: string, type: string, payload: unknown, keys: KeyLookup): boolean {
  const box = (JSON.parse(stored) as { [SEALED]?: SealedBox })[SEALED];
  const personalReadable = box !== undefined && keys.keyOf(box.k) !== undefined;
  const ignored = [...ADDED_AT_REST, ...(personalReadable ? [] : (SEALED_FIELDS[type as EventType] ?? []))];
  const recorded = openPayload(stored, id, type, keys) as Record<string, unknown>;
  const strip = (value: Record<string, unknown>) => Object.fromEntries(Object.entries(value).filter(([name]) => !ignored.includes(name)));
  return canonicalJson(strip(recorded)) === canonicalJson(strip(payload as Record<string, unknown>));
}
