/**
 * Test helpers for the pure domain: hand-built recorded events and a tiny "server" that does
 * what the real one does before it appends (the door, checkEvent against the state so far,
 * then applyAndCount). Not a test file itself.
 */
import type { Actor, CountedPayload, EventType, PayloadOf, RecordedEvent, SubmittedEvent, SubmittedPayloadOf, Viewer, WireEvent } from '../../shared/index.ts';
import type { ProjectionState, RuleResult, WriteContext } from '../../shared/index.ts';
import { applyAndCount, checkEvent, eventForViewer, initialState, parseSubmittedEvent, placeOccurredAt, throughTheDoor } from '../../shared/index.ts';

export const TZ = 'Asia/Ho_Chi_Minh';
export const DAY1 = '2024-07-19';
export const DAY2 = '2024-07-20';

/** An instant on a festival day, given as Vietnamese local time (UTC+7, no DST). */
export function vn(day: string, hhmm: string): string {
  return new Date(`${day}T${hhmm}:00+07:00`).toISOString();
}

export const ADMIN: Actor = { tokenId: 'tok-admin', role: 'admin', label: 'Ban tổ chức' };
export const DESK1: Actor = { tokenId: 'tok-desk-1', role: 'desk', label: 'Bàn đăng ký 1' };
export const DESK2: Actor = { tokenId: 'tok-desk-2', role: 'desk', label: 'Bàn đăng ký 2' };
export const COORD: Actor = { tokenId: 'tok-coord', role: 'coordinator', label: 'Điều phối' };
export const MC: Actor = { tokenId: 'tok-mc', role: 'mc', label: 'MC sân khấu' };

/** Agency with a fixed count quota. */
export const AG_COUNT = 'soyte';
/** Agency with a percent-of-headcount quota: 50 % of 121 → 61. */
export const AG_PERCENT = 'dhhd';
export const TASK = 'stage-setup';

export interface AddOptions {
  at: string;
  actor?: Actor;
  id?: string;
}

/** Builds a log by hand: seq increases by 1, ids are unique. */
export class LogBuilder {
  readonly events: RecordedEvent[] = [];
  private seq: number;

  constructor(startSeq = 0) {
    this.seq = startSeq;
  }

  add<T extends EventType>(type: T, payload: PayloadOf<T>, options: AddOptions): RecordedEvent {
    this.seq += 1;
    const event = {
      seq: this.seq,
      id: options.id ?? `ev-${String(this.seq).padStart(5, '0')}`,
      type,
      payload,
      at: options.at,
      ...(options.actor ? { actor: options.actor } : {}),
    } as RecordedEvent;
    this.events.push(event);
    return event;
  }

  /** event.configured (Asia/Ho_Chi_Minh, two days), one count-quota agency, one percent-quota agency, one task. */
  setup(at = '2024-07-18T01:00:00.000Z'): this {
    this.add(
      'event.configured',
      {
        name: 'Ngày hội Ngàn trái tim hồng',
        venue: 'Nhà Văn hóa Trung tâm tỉnh',
        timezone: TZ,
        days: [DAY1, DAY2],
        countOn: 'donated',
      },
      { at, actor: ADMIN },
    );
    this.add('agency.upserted', { agencyId: AG_COUNT, name: 'Sở Y tế', quota: { kind: 'count', count: 150 } }, { at, actor: ADMIN });
    this.add('agency.upserted', { agencyId: AG_PERCENT, name: 'Đại học Hải Dương', quota: { kind: 'percent_of_headcount', percent: 50, headcount: 121 } }, { at, actor: ADMIN });
    this.add('task.defined', { taskId: TASK, title: 'Dựng sân khấu', owner: AG_COUNT, phase: 'before', due: null }, { at, actor: ADMIN });
    return this;
  }
}

/** Canonical JSON of a whole projection: every field, as the server holds it (CCCD hashes included). */
export function canonical(state: ProjectionState): string {
  return JSON.stringify(state, (_key, value: unknown) => (value instanceof Map ? { $map: [...value.entries()] } : value));
}

/**
 * The door's hash in tests: visibly made from the number, so a test that looks for the digits
 * in what a client receives also catches the hash (which no client may receive).
 */
export const testHash = (nationalId: string): string => `hmac(${nationalId})`;

export type SubmitResult = { result: RuleResult; event?: RecordedEvent };

/**
 * What the server does with a submitted event: check it against the state that includes every
 * earlier event; when it passes, give it the next seq and `at`, append it and apply it.
 */
export class MiniServer {
  readonly state: ProjectionState = initialState();
  readonly log: RecordedEvent[] = [];
  /** Each logged event's counted form, as the server keeps it beside the event. */
  readonly counted: (CountedPayload | null)[] = [];
  private counter = 0;

  submit(event: SubmittedEvent, actor: Actor, at: string): SubmitResult {
    // The server parses every payload first; a test that sends an invalid one is a broken test.
    const parsed = parseSubmittedEvent(event);
    if (!parsed.ok) throw new Error(`MiniServer: invalid ${event.type} payload: ${parsed.message}`);
    const admitted = throughTheDoor(parsed.event, testHash);
    // As the server: the device's time of action, placed against the receive time, is the time the rules judge.
    const placed = parsed.event.occurredAt !== undefined ? placeOccurredAt(Date.parse(parsed.event.occurredAt), Date.parse(at)) : undefined;
    const ctx: WriteContext = { role: actor.role as WriteContext['role'], tokenId: actor.tokenId, at: placed?.occurredAt ?? at };
    const result = checkEvent(this.state, admitted, ctx);
    if (!result.ok) return { result };
    const { occurredAt: _sent, ...envelope } = admitted;
    void _sent;
    const recorded = {
      ...envelope,
      seq: this.log.length + 1,
      at,
      actor,
      ...(placed ? { occurredAt: placed.occurredAt, ...(placed.flag ? { occurredAtFlag: placed.flag } : {}) } : {}),
    } as RecordedEvent;
    this.log.push(recorded);
    this.counted.push(applyAndCount(this.state, recorded));
    return { result, event: recorded };
  }

  /** The whole log as a viewer receives it (what the server sends it, event by event). */
  logFor(viewer: Viewer): WireEvent[] {
    return this.log.map((event, i) => eventForViewer(event, viewer, { counted: this.counted[i]!, state: this.state }));
  }

  /** Convenience: a fresh client id and the submit. */
  send<T extends EventType>(type: T, payload: SubmittedPayloadOf<T>, actor: Actor, at: string, occurredAt?: string): SubmitResult {
    this.counter += 1;
    const id = `cli-${String(this.counter).padStart(6, '0')}`;
    return this.submit((occurredAt === undefined ? { id, type, payload } : { id, type, payload, occurredAt }) as SubmittedEvent, actor, at);
  }

  /** Sends and fails the test when the rules refuse (`at` the receive time; `occurredAt` the device's time of action). */
  ok<T extends EventType>(type: T, payload: SubmittedPayloadOf<T>, actor: Actor, at: string, occurredAt?: string): RecordedEvent {
    const { result, event } = this.send(type, payload, actor, at, occurredAt);
    if (!result.ok || !event) throw new Error(`expected ${type} to be accepted, got ${JSON.stringify(result)}`);
    return event;
  }

  /**
   * A new donor of `agencyId` registers, checks in and donates (three accepted events, all at
   * `at`); returns the donation. Donor ids are `<prefix>-<n>`, unique per server.
   */
  give(agencyId: string, at: string, actor: Actor = DESK1, prefix = 'g'): RecordedEvent {
    this.donorCounter += 1;
    const donorId = `${prefix}-${this.donorCounter}`;
    this.ok('donor.registered', { donorId, fullName: `Người hiến ${this.donorCounter}`, agencyId }, actor, at);
    this.ok('donor.checked_in', { donorId }, actor, at);
    return this.ok('donor.donated', { donorId, volumeMl: 350 }, actor, at);
  }

  /** `count` calls of give; returns the donations in order. */
  giveMany(count: number, agencyId: string, at: string, actor: Actor = DESK1): RecordedEvent[] {
    const out: RecordedEvent[] = [];
    for (let i = 0; i < count; i++) out.push(this.give(agencyId, at, actor));
    return out;
  }

  private donorCounter = 0;

  /** The setup of LogBuilder.setup, through the rules, as admin. */
  setup(at = '2024-07-18T01:00:00.000Z'): this {
    for (const event of new LogBuilder().setup(at).events) {
      this.send(event.type, event.payload as never, ADMIN, at);
    }
    if (this.log.length !== 4) throw new Error('setup refused by the rules');
    return this;
  }
}
