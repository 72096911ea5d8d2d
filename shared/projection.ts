/**
 * The projection: folds the event log into the live state. Pure and deterministic: the server
 * and every client run this same code, so replaying the log always gives the same state.
 *
 * Two layers:
 * - the **count layer**, which every role holds: totals overall, per festival day, per agency
 *   and per agency-day (walk-ins on their own line), donations per quarter hour, each agency's
 *   first counted donor of a day, the latest donations, milestones, tasks, incidents, run of
 *   show;
 * - the **donor layer**, which only admin and desks hold: each donor's record and path, and the
 *   indexes that recognise a returning person. Its handlers turn a donor event into count steps
 *   and hand them to the count layer.
 *
 * The roles that need counts only (wall, MC, coordinators) receive donor events as the steps
 * they caused (`CountedEvent`, events.ts), never as a donor's record, and apply them with the
 * same count code. `applyAndCount` returns those steps for the server to keep beside the event.
 *
 * `applyInPlace` mutates a state its caller owns (the server's, a client store's) so a long
 * replay stays linear; `apply` is the pure form, returning a new state and leaving its input
 * untouched. Both run the same code.
 *
 * Apply never throws and never rejects: rule checks happen before an event is recorded
 * (rules.ts). An event that does not fit the state (e.g. received out of context) is ignored
 * the same way everywhere, so every replica still agrees.
 */
import type { Actor, AgencyMove, RenamedMilestones, CountedField, CountedPayload, CountedPayloadOf, CountedUndo, EventType, RecordedEvent, WireEvent } from './events.ts';
import { COUNTED_TYPES, DONATION_VOLUMES_ML } from './constants.ts';
import { foldForSearch } from './format.ts';
import { evaluateMilestones, reviewMilestones } from './milestones.ts';
import type { AppliedEvent, BagCounts, BagSize, CeremonyBatch, CountField, Counts, CountWorld, Donor, FirstCounted, Honouree, ProjectionState, TaskChange, TaskInfo } from './projectionState.ts';
import { REHEARSAL_WORLD_KEYS } from './projectionState.ts';
import { DEFAULT_TIMEZONE, dayOf } from './time.ts';

// The state's shape lives in projectionState.ts (the milestone engine reads it too); importers
// of the projection find it here as before.
export type * from './projectionState.ts';

export const QUARTER_HOUR_MS = 15 * 60 * 1000;
export const RECENT_DONATIONS = 8;

/**
 * Bump whenever the state's shape or what `apply` does changes: snapshots made by another
 * version are ignored and the log is replayed instead.
 */
export const PROJECTION_VERSION = 10;

/** A donor's personal data, besides the name: erased with it, and never sent to the counting roles. */
export const PERSONAL_DONOR_FIELDS = ['phone', 'birthYear', 'bloodType', 'gender', 'weightKg', 'lastDonationDate', 'nationalIdLast4', 'nationalIdHash', 'bloodGroup', 'workplace'] as const;

export function emptyCounts(): Counts {
  return { registered: 0, checkedIn: 0, donated: 0, deferred: 0, volumeMl: 0 };
}

/** Adds `from` into `into` (field by field) and returns `into`. */
export function addCounts(into: Counts, from: Counts | undefined): Counts {
  if (!from) return into;
  into.registered += from.registered;
  into.checkedIn += from.checkedIn;
  into.donated += from.donated;
  into.deferred += from.deferred;
  into.volumeMl += from.volumeMl;
  return into;
}

export function initialState(): ProjectionState {
  return {
    seq: 0,
    rehearsal: null,
    rehearsals: [],
    event: null,
    agencies: new Map(),
    donors: new Map(),
    tasks: new Map(),
    milestones: new Map(),
    milestoneRules: new Map(),
    milestoneTemplates: new Map(),
    incidents: new Map(),
    schedule: new Map(),
    paradeCheckpoints: new Map(),
    paradeEscort: new Map(),
    securityPosts: new Map(),
    securityShifts: new Map(),
    ceremonyAwards: [],
    ceremonyBatches: new Map(),
    honourees: new Map(),
    ceremonyOnStage: null,
    wallMessage: null,
    nationalIdIndex: new Map(),
    identityIndex: new Map(),
    identityShared: new Map(),
    imports: new Map(),
    totals: emptyCounts(),
    byDay: new Map(),
    byAgency: new Map(),
    byAgencyDay: new Map(),
    donatedByBloodType: new Map(),
    donatedPerQuarterHour: new Map(),
    donatedBags: new Map(),
    firstCounted: new Map(),
    recentDonations: [],
    lastErasureSeq: 0,
    applied: new Map(),
  };
}

export function timezoneOf(state: ProjectionState): string {
  return state.event?.timezone ?? DEFAULT_TIMEZONE;
}

/** The festival day an instant falls on, in the event's time zone. */
export function eventDayOf(state: ProjectionState, at: string): string {
  return dayOf(at, timezoneOf(state));
}

/**
 * When an event happened: the device's time of action (v1.1 `occurredAt`, as the server placed
 * it) or, when the device sent none, the server's receive time. Days, quarter hours, "first" and
 * "latest" follow it, so a desk's outbox flushed the next morning books its donations on the day
 * they were given.
 */
export function actionTimeOf(event: { at: string; occurredAt?: string | undefined }): string {
  return event.occurredAt ?? event.at;
}

/** The start of the quarter hour an instant falls in, epoch ms. */
export function quarterHourOf(at: string): number {
  return Math.floor(Date.parse(at) / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
}

let lastQuarter = { ms: NaN, iso: '' };
/** A quarter hour's start as ISO (most donations fall in the last one asked: kept). */
function quarterHourIso(ms: number): string {
  if (lastQuarter.ms !== ms) lastQuarter = { ms, iso: new Date(ms).toISOString() };
  return lastQuarter.iso;
}

// ---- the count layer ----------------------------------------------------------------------

/** The value at `key`, made and stored first when there is none. */
function entryIn<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

function countsIn<K>(map: Map<K, Counts>, key: K): Counts {
  return entryIn(map, key, emptyCounts);
}

/** Adds `delta` to one counter everywhere it is kept: overall, per day, per agency, per agency-day. */
function bump(state: ProjectionState, agencyId: string, day: string, field: CountField, delta: number): void {
  state.totals[field] += delta;
  countsIn(state.byDay, day)[field] += delta;
  // A void brings counts back down: drop what is all zeros again, so the state (and the view)
  // is the one the log would give without the voided event.
  if (delta < 0) pruneIfEmpty(state.byDay, day);
  bumpAgency(state, agencyId, day, field, delta);
}

/** The per-agency part of `bump` (also used to move a donor from one agency to another). */
function bumpAgency(state: ProjectionState, agencyId: string, day: string, field: CountField, delta: number): void {
  countsIn(state.byAgency, agencyId)[field] += delta;
  const agencyDays = entryIn(state.byAgencyDay, agencyId, () => new Map<string, Counts>());
  countsIn(agencyDays, day)[field] += delta;
  if (delta < 0) {
    pruneIfEmpty(state.byAgency, agencyId);
    pruneIfEmpty(agencyDays, day);
    if (agencyDays.size === 0) state.byAgencyDay.delete(agencyId);
  }
}

function pruneIfEmpty<K>(map: Map<K, Counts>, key: K): void {
  const counts = map.get(key);
  if (counts && counts.registered === 0 && counts.checkedIn === 0 && counts.donated === 0 && counts.deferred === 0 && counts.volumeMl === 0) {
    map.delete(key);
  }
}

export function emptyBags(): BagCounts {
  return { 250: 0, 350: 0, 450: 0 };
}

function isBagSize(volumeMl: number | undefined): volumeMl is BagSize {
  return (DONATION_VOLUMES_ML as readonly number[]).includes(volumeMl ?? -1);
}

/** Adds `delta` units of a bag size to an agency's day (a donation of another volume has no bag column). */
function bumpBags(state: ProjectionState, agencyId: string, day: string, volumeMl: number | undefined, delta: number): void {
  if (!isBagSize(volumeMl)) return;
  const days = entryIn(state.donatedBags, agencyId, () => new Map<string, BagCounts>());
  const bags = entryIn(days, day, emptyBags);
  bags[volumeMl] += delta;
  // As the counts: what a void brings back to zero is gone, as if the event had never been.
  if (bags[250] === 0 && bags[350] === 0 && bags[450] === 0) days.delete(day);
  if (days.size === 0) state.donatedBags.delete(agencyId);
}

function addTo<K>(map: Map<K, number>, key: K, delta: number): void {
  const next = (map.get(key) ?? 0) + delta;
  if (next === 0) map.delete(key);
  else map.set(key, next);
}

/** One counted unit: the field it moves, for which agency and day (and a donation's volume and quarter hour). */
interface Step {
  field: CountedField;
  agencyId: string;
  day: string;
  volumeMl?: number;
  /** Epoch ms of the quarter hour (donations). */
  quarterHour?: number;
}

/** Who a step was counted for, as far as the reader may know: milestones remember it. */
interface StepSource {
  donorId?: string;
  announceName?: string;
}

/** Counts a step; counting it may reach milestones, which remember who reached them. */
function countStep(state: ProjectionState, step: Step, event: { at: string; occurredAt?: string; seq: number }, source: StepSource = {}): void {
  bumpStep(state, step, 1);
  const at = actionTimeOf(event);
  if (step.field === 'checkedIn' || step.field === 'donated') noteFirstCounted(state, step.agencyId, step.day, step.field, at);
  if (step.field === 'donated') {
    state.recentDonations.push({ agencyId: step.agencyId, at });
    if (state.recentDonations.length > RECENT_DONATIONS) state.recentDonations.shift();
  }
  if (step.field !== 'deferred') evaluateMilestones(state, { field: step.field, agencyId: step.agencyId, day: step.day, at, seq: event.seq, ...source });
}

/** Takes a counted step back (a void). A milestone reached stays reached (milestones.ts says why). */
function uncountStep(state: ProjectionState, step: Step): void {
  bumpStep(state, step, -1);
}

function bumpStep(state: ProjectionState, step: Step, sign: 1 | -1): void {
  bump(state, step.agencyId, step.day, step.field, sign);
  if (step.field !== 'donated') return;
  bump(state, step.agencyId, step.day, 'volumeMl', sign * (step.volumeMl ?? 0));
  bumpBags(state, step.agencyId, step.day, step.volumeMl, sign);
  if (step.quarterHour !== undefined) addTo(state.donatedPerQuarterHour, step.quarterHour, sign);
}

function noteFirstCounted(state: ProjectionState, agencyId: string, day: string, field: 'checkedIn' | 'donated', at: string): void {
  const days = entryIn(state.firstCounted, agencyId, () => new Map<string, FirstCounted>());
  const first = entryIn(days, day, (): FirstCounted => ({}));
  const known = first[field];
  if (known === undefined || Date.parse(at) < Date.parse(known)) first[field] = at;
}

/** Moves counted units from one agency to another (the totals and days do not change). */
function applyMoves(state: ProjectionState, moves: readonly AgencyMove[]): void {
  for (const move of moves) {
    bumpAgency(state, move.from, move.day, move.field, -1);
    bumpAgency(state, move.to, move.day, move.field, 1);
    if (move.field === 'donated' && move.volumeMl) {
      bumpAgency(state, move.from, move.day, 'volumeMl', -move.volumeMl);
      bumpAgency(state, move.to, move.day, 'volumeMl', move.volumeMl);
      bumpBags(state, move.from, move.day, move.volumeMl, -1);
      bumpBags(state, move.to, move.day, move.volumeMl, 1);
    }
  }
}

function stepOfWire(field: CountedField, payload: { agencyId: string; day: string; volumeMl?: number; quarterHour?: string }): Step {
  return {
    field,
    agencyId: payload.agencyId,
    day: payload.day,
    ...(payload.volumeMl !== undefined ? { volumeMl: payload.volumeMl } : {}),
    ...(payload.quarterHour !== undefined ? { quarterHour: Date.parse(payload.quarterHour) } : {}),
  };
}

function stepToWire(step: Step): CountedUndo {
  return {
    field: step.field,
    agencyId: step.agencyId,
    day: step.day,
    ...(step.volumeMl !== undefined ? { volumeMl: step.volumeMl } : {}),
    ...(step.quarterHour !== undefined ? { quarterHour: quarterHourIso(step.quarterHour) } : {}),
  };
}

// ---- the donor layer ----------------------------------------------------------------------

/** The optional donor details copied from registration and corrections. */
const DONOR_DETAIL_FIELDS = PERSONAL_DONOR_FIELDS;

/** The key that recognises the same person registered twice: folded name, birth year, agency. */
export function identityKey(fullName: string, birthYear: number | undefined, agencyId: string): string | null {
  return birthYear === undefined ? null : `${foldForSearch(fullName)}|${birthYear}|${agencyId}`;
}

/**
 * Every key that recognises the same person: name, birth year and agency; and name, phone and
 * agency (a list re-imported without birth years or CCCDs).
 */
export function identityKeysOf(person: { fullName: string; agencyId: string; birthYear?: number | undefined; phone?: string | undefined }): string[] {
  if (!person.fullName || (person.birthYear === undefined && !person.phone)) return [];
  const name = foldForSearch(person.fullName);
  const keys: string[] = [];
  if (person.birthYear !== undefined) keys.push(`${name}|${person.birthYear}|${person.agencyId}`);
  if (person.phone) keys.push(`${name}|tel:${person.phone}|${person.agencyId}`);
  return keys;
}

function indexDonor(state: ProjectionState, donor: Donor, sign: 1 | -1): void {
  const keys = identityKeysOf(donor);
  if (sign === 1) {
    if (donor.nationalIdHash && !state.nationalIdIndex.has(donor.nationalIdHash)) state.nationalIdIndex.set(donor.nationalIdHash, donor.id);
    for (const key of keys) {
      const holder = state.identityIndex.get(key);
      if (holder === undefined) state.identityIndex.set(key, donor.id);
      else if (holder !== donor.id) {
        const holders = state.identityShared.get(key) ?? [holder];
        if (!holders.includes(donor.id)) holders.push(donor.id);
        state.identityShared.set(key, holders);
      }
    }
    return;
  }
  if (donor.nationalIdHash && state.nationalIdIndex.get(donor.nationalIdHash) === donor.id) state.nationalIdIndex.delete(donor.nationalIdHash);
  for (const key of keys) {
    const holders = state.identityShared.get(key);
    if (!holders) {
      if (state.identityIndex.get(key) === donor.id) state.identityIndex.delete(key);
      continue;
    }
    // Another donor holds the same identity: it is the one found from now on.
    const rest = holders.filter((id) => id !== donor.id);
    state.identityIndex.set(key, rest[0]!);
    if (rest.length > 1) state.identityShared.set(key, rest);
    else state.identityShared.delete(key);
  }
}

/** Moves every count of a donor from its agency to another (a corrected agency); returns the moves. */
function moveDonor(state: ProjectionState, donor: Donor, toAgencyId: string): AgencyMove[] {
  const from = donor.agencyId;
  const moves: AgencyMove[] = [{ from, to: toAgencyId, day: donor.registeredDay, field: 'registered' }];
  for (const [day, record] of donor.days) {
    moves.push({ from, to: toAgencyId, day, field: 'checkedIn' });
    const outcome = record.outcome;
    if (outcome?.kind === 'donated') moves.push({ from, to: toAgencyId, day, field: 'donated', volumeMl: outcome.volumeMl ?? 0 });
    else if (outcome?.kind === 'deferred') moves.push({ from, to: toAgencyId, day, field: 'deferred' });
  }
  applyMoves(state, moves);
  donor.agencyId = toAgencyId;
  return moves;
}

function donationsOf(donor: Donor): number {
  let n = 0;
  for (const day of donor.days.values()) if (day.outcome?.kind === 'donated') n += 1;
  return n;
}

/**
 * Erases a person's personal data from the state: name, phone, birth year, blood type, CCCD
 * hash and digits, consent, deferral notes. Every count stays; the blood-type split counts the
 * person's donations as 'unknown' from now on (as a replay without their data would). Returns
 * the milestones their events reached (the MC forgets the name it may have had).
 */
function eraseDonor(state: ProjectionState, donor: Donor, seq: number): string[] {
  const milestoneIds = milestonesOf(state, donor.id);
  donor.erasedSeq ??= seq;
  if (donor.erased) return milestoneIds;
  indexDonor(state, donor, -1);
  const donations = donationsOf(donor);
  if (donations > 0 && donor.bloodType) {
    addTo(state.donatedByBloodType, donor.bloodType, -donations);
    addTo(state.donatedByBloodType, 'unknown', donations);
  }
  const record = donor as unknown as Record<string, unknown>;
  for (const field of PERSONAL_DONOR_FIELDS) delete record[field];
  delete donor.consent;
  donor.fullName = '';
  donor.erased = true;
  for (const day of donor.days.values()) {
    if (day.outcome?.kind === 'deferred') {
      delete day.outcome.reason;
      delete day.outcome.reasonCode;
    }
  }
  return milestoneIds;
}

/** The name the MC may announce: the donor agreed, and the data is not erased. */
export function announceableName(donor: Donor | undefined): string | undefined {
  return donor && !donor.erased && donor.consent?.announceName === true && donor.fullName ? donor.fullName : undefined;
}

/** The milestones a donor's events reached. */
function milestonesOf(state: ProjectionState, donorId: string): string[] {
  const ids: string[] = [];
  for (const milestone of state.milestones.values()) if (milestone.donorId === donorId) ids.push(milestone.id);
  return ids;
}

/**
 * The name the MC receives with a donor event in its counted form: the donor agreed to have
 * it announced, and the event reached a milestone (a donation, a registration, a check-in) or
 * changes the name on milestones already reached.
 */
export function announceNameFor(state: ProjectionState, event: RecordedEvent, counted: CountedPayload): string | undefined {
  const donorId = (event.payload as { donorId?: unknown }).donorId;
  if (typeof donorId !== 'string') return undefined;
  const name = announceableName(state.donors.get(donorId));
  if (!name) return undefined;
  if ('milestoneIds' in counted) return name;
  if (!('agencyId' in counted)) return undefined;
  for (const milestone of state.milestones.values()) if (milestone.reachedSeq === event.seq && milestone.donorId === donorId) return name;
  return undefined;
}

/** A quota changed (edited, or its headcount): its milestones and the festival's target hold, or no longer do. */
function quotaChanged(state: ProjectionState, event: { at: string; occurredAt?: string | undefined; seq: number }): void {
  if (state.milestones.size > 0 || state.totals.donated > 0 || state.totals.checkedIn > 0) reviewMilestones(state, { at: actionTimeOf(event), seq: event.seq });
}

function remember(state: ProjectionState, event: RecordedEvent, extra: Pick<AppliedEvent, 'ref' | 'day'>): void {
  state.applied.set(event.id, {
    seq: event.seq,
    type: event.type,
    at: actionTimeOf(event),
    ...(event.actor ? { actorTokenId: event.actor.tokenId } : {}),
    ...extra,
  });
}

/** The honourees whose data retention erases at `upTo` (epoch ms): listed by then, not erased yet. */
export function honoureesListedBy(state: Pick<ProjectionState, 'honourees'>, upTo: number): Honouree[] {
  return [...state.honourees.values()].filter((honouree) => !honouree.erased && Date.parse(honouree.listedAt) <= upTo);
}

/**
 * A batch's edited script names its honourees: when one of them is erased, the script goes too
 * (the MC's script falls back to the one made from the list) and its key is retired, for the
 * server to delete (keysFreedBy) and to delete again at start if a stop interrupted it.
 */
function forgetScriptOf(state: ProjectionState, batchId: string): void {
  const batch = state.ceremonyBatches.get(batchId);
  if (!batch) return;
  delete batch.script;
  if (batch.scriptKeyRef) {
    batch.retiredKeyRefs = [...(batch.retiredKeyRefs ?? []), batch.scriptKeyRef];
    delete batch.scriptKeyRef;
  }
}

/** An honouree's data gone (erasure, retention): they stay in the list, as a line with no name. */
function eraseHonouree(honouree: Honouree, seq: number): void {
  if (honouree.erased) return;
  honouree.name = '';
  delete honouree.unit;
  delete honouree.representative;
  // The key's ref stays (server only): the key is deleted once more at start if a stop interrupted it.
  if (honouree.dossier?.note) delete honouree.dossier.note;
  honouree.erased = true;
  honouree.erasedSeq = seq;
}

/** The status a task shows: its latest change that is still in force. */
export function taskStatus(task: TaskInfo): TaskChange | undefined {
  return task.changes[task.changes.length - 1];
}

function actorLabel(actor: Actor | undefined): string | undefined {
  return actor ? actor.label || actor.role : undefined;
}

// ---- rehearsal ----------------------------------------------------------------------------
//
// While the event is in rehearsal, the counting world (REHEARSAL_WORLD_KEYS: donors, counts,
// milestones, the wall's message) is a copy of the live one that trainees may change at will;
// the live world is parked beside it. Going live puts the parked world back: every screen shows
// the live figures again (zero before the festival), the rehearsal's events stay in the log.

/** The counting world of a state (the parts a rehearsal keeps apart), sharing its objects. */
export function worldOf(state: ProjectionState): CountWorld {
  const world = {} as Record<string, unknown>;
  for (const key of REHEARSAL_WORLD_KEYS) world[key] = state[key];
  return world as unknown as CountWorld;
}

/** The event types whose effect a rehearsal keeps apart (their memory for voids goes with the rehearsal). */
export function isRehearsalScoped(type: EventType): boolean {
  return isCountedType(type) || type === 'milestone.announced' || type === 'milestone.skipped' || type === 'wall.message_set';
}

function goLive(state: ProjectionState, parked: CountWorld): void {
  // What the rehearsal did to tasks and the like stays remembered (their voids); the rest is the parked memory.
  const applied = new Map(parked.applied);
  for (const [id, entry] of state.applied) if (!isRehearsalScoped(entry.type)) applied.set(id, entry);
  Object.assign(state, parked, { applied });
  state.rehearsal = null;
}

/** Runs `fn` on the state and, during a rehearsal, on the live world parked beside it (seen as a state). */
function forEachWorld(state: ProjectionState, fn: (world: ProjectionState) => void): void {
  fn(state);
  if (state.rehearsal) fn(liveStateOf(state));
}

/** The live world of a state (itself outside a rehearsal): what the report and the public figures show. */
export function liveStateOf(state: ProjectionState): ProjectionState {
  return state.rehearsal ? { ...state, ...state.rehearsal.live, rehearsal: null } : state;
}

// ---- handlers -----------------------------------------------------------------------------

/** Where a handler of the donor layer leaves the counted form of the event (applyAndCount). */
interface Out {
  counted?: CountedPayload;
}

type Handlers = { [T in EventType]: (state: ProjectionState, event: Extract<WireEvent, { type: T }>, out: Out) => void };
type Counted<T extends EventType> = { payload: CountedPayloadOf<T> };

/** A donor event in its counted form (no donorId: the counting roles receive no donor identity). */
function isCounted<E extends { payload: object }>(event: E): boolean {
  return !('donorId' in event.payload);
}

const handlers: Handlers = {
  'event.configured'(state, event) {
    const { payload } = event;
    const countOnBefore = state.event?.countOn;
    state.event = {
      name: payload.name,
      ...(payload.nameEn ? { nameEn: payload.nameEn } : {}),
      venue: payload.venue,
      timezone: payload.timezone,
      days: [...payload.days],
      countOn: payload.countOn,
      ...(payload.hours ? { hours: { ...payload.hours } } : {}),
      ...(payload.thankYouNames !== undefined ? { thankYouNames: payload.thankYouNames } : {}),
      ...(payload.celebrationSeconds !== undefined ? { celebrationSeconds: payload.celebrationSeconds } : {}),
    };
    if (countOnBefore !== undefined && countOnBefore !== payload.countOn) reviewMilestones(state, { at: actionTimeOf(event), seq: event.seq });
  },

  'agency.upserted'(state, event) {
    const { payload } = event;
    state.agencies.set(payload.agencyId, {
      id: payload.agencyId,
      name: payload.name,
      ...(payload.nameEn ? { nameEn: payload.nameEn } : {}),
      quotaRule: payload.quota,
    });
    quotaChanged(state, event);
  },

  'agency.headcount_set'(state, event) {
    const agency = state.agencies.get(event.payload.agencyId);
    if (agency?.quotaRule?.kind !== 'percent_of_headcount') return;
    agency.quotaRule = { ...agency.quotaRule, headcount: event.payload.headcount };
    quotaChanged(state, event);
  },

  'task.defined'(state, { payload }) {
    const existing = state.tasks.get(payload.taskId);
    state.tasks.set(payload.taskId, {
      id: payload.taskId,
      title: payload.title,
      ...(payload.titleEn ? { titleEn: payload.titleEn } : {}),
      owner: payload.owner,
      also: payload.also ? [...payload.also] : [],
      phase: payload.phase,
      due: payload.due,
      ...(payload.whenText ? { whenText: payload.whenText } : {}),
      changes: existing ? existing.changes : [],
    });
  },

  'donor.registered'(state, event, out) {
    if (isCounted(event)) return countWire(state, event, 'registered');
    const recorded = event as Extract<RecordedEvent, { type: 'donor.registered' }>;
    const { payload } = recorded;
    if (state.donors.has(payload.donorId)) return;
    const day = eventDayOf(state, actionTimeOf(recorded));
    const donor: Donor = {
      id: payload.donorId,
      fullName: payload.erased ? '' : payload.fullName,
      agencyId: payload.agencyId,
      registeredEventId: recorded.id,
      // The server's receive time: retention and erasure ("registered up to") are judged on the server's clock.
      registeredAt: recorded.at,
      registeredDay: day,
      days: new Map(),
    };
    const by = actorLabel(recorded.actor);
    if (by) donor.registeredBy = by;
    if (payload.importId) donor.importId = payload.importId;
    if (payload.keyRef) donor.keyRef = payload.keyRef;
    if (payload.erased) donor.erased = true;
    else {
      for (const field of DONOR_DETAIL_FIELDS) {
        if (payload[field] !== undefined) (donor as unknown as Record<string, unknown>)[field] = payload[field];
      }
      if (payload.consent) donor.consent = { ...payload.consent };
    }
    state.donors.set(donor.id, donor);
    indexDonor(state, donor, 1);
    remember(state, recorded, { ref: donor.id, day });
    countStep(state, { field: 'registered', agencyId: donor.agencyId, day }, recorded, { donorId: donor.id });
    out.counted = { agencyId: donor.agencyId, day };
  },

  'donor.updated'(state, event, out) {
    if (isCounted(event)) {
      const { payload } = event as Counted<'donor.updated'>;
      applyMoves(state, payload.moves ?? []);
      if (payload.moves?.length) reviewMilestones(state, { at: actionTimeOf(event), seq: event.seq });
      renameMilestones(state, payload);
      return;
    }
    const { payload } = event as Extract<RecordedEvent, { type: 'donor.updated' }>;
    out.counted = {};
    const donor = state.donors.get(payload.donorId);
    if (!donor) return;
    indexDonor(state, donor, -1);
    const counted: CountedPayloadOf<'donor.updated'> = {};
    // An overlap settled: the agency credited is now a choice, and the one left is still a list the person is on.
    if (payload.agencyId !== undefined && donor.alsoListed?.length) {
      if (payload.agencyId !== donor.agencyId) donor.alsoListed = [...donor.alsoListed.filter((id) => id !== payload.agencyId), donor.agencyId];
      donor.creditChosen = true;
    }
    if (payload.agencyId !== undefined && payload.agencyId !== donor.agencyId) {
      counted.moves = moveDonor(state, donor, payload.agencyId);
      // The agencies' milestones follow the move: withdrawn from one, reached by the other.
      reviewMilestones(state, { at: actionTimeOf(event), seq: event.seq });
    }
    // The MC learns the name as it now is on the milestones this donor reached.
    if (payload.fullName !== undefined || payload.announceName !== undefined) {
      const milestoneIds = milestonesOf(state, donor.id);
      if (milestoneIds.length > 0) counted.milestoneIds = milestoneIds;
    }
    out.counted = counted;
    // An erased person's data is not written back; the agency (a count key) may still be corrected.
    if (!donor.erased) {
      if (payload.bloodType !== undefined && (payload.bloodType ?? undefined) !== donor.bloodType) {
        const donations = donationsOf(donor);
        addTo(state.donatedByBloodType, donor.bloodType ?? 'unknown', -donations);
        addTo(state.donatedByBloodType, payload.bloodType ?? 'unknown', donations);
      }
      if (payload.fullName !== undefined) donor.fullName = payload.fullName;
      const record = donor as unknown as Record<string, unknown>;
      for (const field of DONOR_DETAIL_FIELDS) {
        const value = payload[field];
        if (value === null) delete record[field];
        else if (value !== undefined) record[field] = value;
      }
      if (payload.announceName !== undefined) donor.consent = { dataProcessing: donor.consent?.dataProcessing ?? false, announceName: payload.announceName };
    }
    indexDonor(state, donor, 1);
  },

  'donor.checked_in'(state, event, out) {
    if (isCounted(event)) return countWire(state, event, 'checkedIn');
    const recorded = event as Extract<RecordedEvent, { type: 'donor.checked_in' }>;
    out.counted = {};
    const donor = state.donors.get(recorded.payload.donorId);
    const at = actionTimeOf(recorded);
    const day = eventDayOf(state, at);
    if (!donor || donor.days.has(day)) return;
    const by = actorLabel(recorded.actor);
    donor.days.set(day, { checkedInEventId: recorded.id, checkedInAt: at, ...(by ? { checkedInBy: by } : {}) });
    remember(state, recorded, { ref: donor.id, day });
    countStep(state, { field: 'checkedIn', agencyId: donor.agencyId, day }, recorded, { donorId: donor.id });
    out.counted = { agencyId: donor.agencyId, day };
  },

  'donor.donated'(state, event, out) {
    if (isCounted(event)) return countWire(state, event, 'donated');
    const recorded = event as Extract<RecordedEvent, { type: 'donor.donated' }>;
    out.counted = {};
    const donor = state.donors.get(recorded.payload.donorId);
    const at = actionTimeOf(recorded);
    const day = eventDayOf(state, at);
    const today = donor?.days.get(day);
    if (!donor || !today || today.outcome) return;
    const by = actorLabel(recorded.actor);
    today.outcome = {
      kind: 'donated',
      eventId: recorded.id,
      at,
      volumeMl: recorded.payload.volumeMl,
      ...(by ? { by } : {}),
      ...(recorded.actor ? { actorTokenId: recorded.actor.tokenId } : {}),
    };
    addTo(state.donatedByBloodType, donor.bloodType ?? 'unknown', 1);
    remember(state, recorded, { ref: donor.id, day });
    const step: Step = { field: 'donated', agencyId: donor.agencyId, day, volumeMl: recorded.payload.volumeMl, quarterHour: quarterHourOf(at) };
    countStep(state, step, recorded, { donorId: donor.id });
    out.counted = { agencyId: donor.agencyId, day, volumeMl: recorded.payload.volumeMl, quarterHour: quarterHourIso(step.quarterHour!) };
  },

  'donor.deferred'(state, event, out) {
    if (isCounted(event)) return countWire(state, event, 'deferred');
    const recorded = event as Extract<RecordedEvent, { type: 'donor.deferred' }>;
    out.counted = {};
    const donor = state.donors.get(recorded.payload.donorId);
    const at = actionTimeOf(recorded);
    const day = eventDayOf(state, at);
    const today = donor?.days.get(day);
    if (!donor || !today || today.outcome) return;
    const by = actorLabel(recorded.actor);
    const { reason, reasonCode } = recorded.payload;
    today.outcome = {
      kind: 'deferred',
      eventId: recorded.id,
      at,
      ...(reason ? { reason } : {}),
      ...(reasonCode ? { reasonCode } : {}),
      ...(by ? { by } : {}),
      ...(recorded.actor ? { actorTokenId: recorded.actor.tokenId } : {}),
    };
    remember(state, recorded, { ref: donor.id, day });
    countStep(state, { field: 'deferred', agencyId: donor.agencyId, day }, recorded, { donorId: donor.id });
    out.counted = { agencyId: donor.agencyId, day };
  },

  'donor.erased'(state, event, out) {
    if (isCounted(event)) {
      state.lastErasureSeq = event.seq;
      return renameMilestones(state, (event as Counted<'donor.erased'>).payload);
    }
    const recorded = event as Extract<RecordedEvent, { type: 'donor.erased' }>;
    const milestoneIds: string[] = [];
    // An erasure is the law, not a rehearsal: it reaches the live world parked by one too.
    forEachWorld(state, (world) => {
      const donor = world.donors.get(recorded.payload.donorId);
      if (donor) milestoneIds.push(...eraseDonor(world, donor, recorded.seq));
    });
    state.lastErasureSeq = recorded.seq;
    out.counted = milestoneIds.length > 0 ? { milestoneIds } : {};
  },

  'personal_data.expired'(state, event, out) {
    if (!('registeredUpTo' in event.payload)) {
      state.lastErasureSeq = event.seq;
      const counted = (event as Counted<'personal_data.expired'>).payload;
      for (const id of counted.honoureeIds ?? []) {
        const honouree = state.honourees.get(id);
        if (honouree) {
          eraseHonouree(honouree, event.seq);
          forgetScriptOf(state, honouree.batchId);
        }
      }
      return renameMilestones(state, counted);
    }
    const recorded = event as Extract<RecordedEvent, { type: 'personal_data.expired' }>;
    const upTo = Date.parse(recorded.payload.registeredUpTo);
    const milestoneIds: string[] = [];
    forEachWorld(state, (world) => {
      for (const donor of world.donors.values()) {
        if (donor.erasedSeq === undefined && Date.parse(donor.registeredAt) <= upTo) milestoneIds.push(...eraseDonor(world, donor, recorded.seq));
      }
    });
    // Honourees listed by then too (issue 17): the counting roles are told which, by id.
    const honoureeIds = honoureesListedBy(state, upTo).map((honouree) => {
      eraseHonouree(honouree, recorded.seq);
      forgetScriptOf(state, honouree.batchId);
      return honouree.id;
    });
    state.lastErasureSeq = recorded.seq;
    out.counted = { ...(milestoneIds.length > 0 ? { milestoneIds } : {}), ...(honoureeIds.length > 0 ? { honoureeIds } : {}) };
  },

  'list.imported'(state, event, out) {
    out.counted = {};
    if (!('importId' in event.payload)) return;
    const recorded = event as Extract<RecordedEvent, { type: 'list.imported' }>;
    const { payload } = recorded;
    const by = actorLabel(recorded.actor);
    state.imports.set(payload.importId, { id: payload.importId, agencyId: payload.agencyId, fileName: payload.fileName, rows: payload.rows, at: actionTimeOf(recorded), ...(by ? { by } : {}) });
  },

  'task.status_set'(state, event) {
    const task = state.tasks.get(event.payload.taskId);
    if (!task) return;
    const by = actorLabel(event.actor);
    task.changes.push({
      eventId: event.id,
      status: event.payload.status,
      at: actionTimeOf(event),
      ...(event.payload.note !== undefined ? { note: event.payload.note } : {}),
      ...(by ? { by } : {}),
    });
    remember(state, event, { ref: task.id });
  },

  'milestone.announced'(state, event) {
    const milestone = state.milestones.get(event.payload.milestoneId);
    // A withdrawn milestone is not announced (the rules refuse it; an MC's optimistic tap shows nothing).
    if (!milestone || milestone.announcedAt || milestone.withdrawnAt !== null) return;
    milestone.announcedAt = actionTimeOf(event);
    milestone.announcedEventId = event.id;
    remember(state, event, { ref: milestone.id });
  },

  'milestone.skipped'(state, event) {
    const milestone = state.milestones.get(event.payload.milestoneId);
    if (!milestone || milestone.announcedAt || milestone.skippedAt) return;
    milestone.skippedAt = actionTimeOf(event);
    milestone.skippedEventId = event.id;
    remember(state, event, { ref: milestone.id });
  },

  'milestone.rule_defined'(state, event) {
    const { payload } = event;
    state.milestoneRules.set(payload.ruleId, {
      id: payload.ruleId,
      label: payload.label,
      metric: payload.metric,
      threshold: payload.threshold,
      ...(payload.agencyId !== undefined ? { agencyId: payload.agencyId } : {}),
      ...(payload.script ? { script: payload.script } : {}),
    });
    if (state.milestones.has(`custom-${payload.ruleId}`)) reviewMilestones(state, { at: actionTimeOf(event), seq: event.seq });
  },

  'milestone.template_set'(state, { payload }) {
    state.milestoneTemplates.set(payload.kind, payload.text);
  },

  'wall.message_set'(state, event) {
    const by = actorLabel(event.actor);
    state.wallMessage = event.payload.text === null ? null : { text: event.payload.text, at: actionTimeOf(event), ...(by ? { by } : {}) };
  },

  'incident.reported'(state, event) {
    const { payload } = event;
    if (state.incidents.has(payload.incidentId)) return;
    const by = actorLabel(event.actor);
    state.incidents.set(payload.incidentId, {
      id: payload.incidentId,
      title: payload.title,
      severity: payload.severity,
      ...(payload.place ? { place: payload.place } : {}),
      ...(payload.taskId ? { taskId: payload.taskId } : {}),
      ...(payload.checkpointId ? { checkpointId: payload.checkpointId } : {}),
      ...(payload.note ? { note: payload.note } : {}),
      status: 'open',
      reportedAt: actionTimeOf(event),
      ...(by ? { reportedBy: by } : {}),
      updates: [],
    });
  },

  'incident.acknowledged'(state, event) {
    const incident = state.incidents.get(event.payload.incidentId);
    if (!incident || incident.status !== 'open') return;
    const by = actorLabel(event.actor);
    incident.status = 'acknowledged';
    incident.acknowledgedAt = actionTimeOf(event);
    if (by) incident.acknowledgedBy = by;
    incident.updates.push({ at: actionTimeOf(event), status: 'acknowledged', ...(by ? { by } : {}), ...(event.payload.note ? { note: event.payload.note } : {}) });
  },

  'incident.resolved'(state, event) {
    const incident = state.incidents.get(event.payload.incidentId);
    if (!incident || incident.status === 'resolved') return;
    const by = actorLabel(event.actor);
    incident.status = 'resolved';
    incident.resolvedAt = actionTimeOf(event);
    if (by) incident.resolvedBy = by;
    incident.updates.push({ at: actionTimeOf(event), status: 'resolved', ...(by ? { by } : {}), ...(event.payload.note ? { note: event.payload.note } : {}) });
  },

  'schedule.item_set'(state, { payload }) {
    state.schedule.set(payload.itemId, {
      id: payload.itemId,
      title: payload.title,
      ...(payload.titleEn ? { titleEn: payload.titleEn } : {}),
      start: payload.start,
      durationMin: payload.durationMin,
      ...(payload.note ? { note: payload.note } : {}),
    });
  },

  'schedule.item_removed'(state, { payload }) {
    state.schedule.delete(payload.itemId);
  },

  'parade.checkpoint_set'(state, { payload }) {
    const before = state.paradeCheckpoints.get(payload.checkpointId);
    state.paradeCheckpoints.set(payload.checkpointId, {
      id: payload.checkpointId,
      order: payload.order,
      name: payload.name,
      ...(payload.nameEn ? { nameEn: payload.nameEn } : {}),
      kind: payload.kind,
      plannedAt: payload.plannedAt,
      ...(payload.note ? { note: payload.note } : {}),
      // Editing a checkpoint keeps its passage.
      ...(before?.passedAt ? { passedAt: before.passedAt, passedEventId: before.passedEventId!, ...(before.passedBy ? { passedBy: before.passedBy } : {}) } : {}),
    });
  },

  'parade.checkpoint_removed'(state, { payload }) {
    state.paradeCheckpoints.delete(payload.checkpointId);
  },

  'parade.passed'(state, event) {
    const checkpoint = state.paradeCheckpoints.get(event.payload.checkpointId);
    if (!checkpoint || checkpoint.passedAt) return;
    checkpoint.passedAt = actionTimeOf(event);
    checkpoint.passedEventId = event.id;
    const by = actorLabel(event.actor);
    if (by) checkpoint.passedBy = by;
    remember(state, event, { ref: checkpoint.id });
  },

  'parade.escort_set'(state, { payload }) {
    // Without a name it is the wall's form of the event (privacy.ts): the wall keeps no escort.
    if (!payload.name) return;
    state.paradeEscort.set(payload.memberId, {
      id: payload.memberId,
      name: payload.name,
      ...(payload.unit ? { unit: payload.unit } : {}),
      ...(payload.checkpointId ? { checkpointId: payload.checkpointId } : {}),
      ...(payload.post ? { post: payload.post } : {}),
      ...(payload.phone ? { phone: payload.phone } : {}),
    });
  },

  'parade.escort_removed'(state, { payload }) {
    state.paradeEscort.delete(payload.memberId);
  },

  'security.post_set'(state, { payload }) {
    state.securityPosts.set(payload.postId, {
      id: payload.postId,
      name: payload.name,
      ...(payload.nameEn ? { nameEn: payload.nameEn } : {}),
      ...(payload.place ? { place: payload.place } : {}),
      ...(payload.note ? { note: payload.note } : {}),
    });
  },

  'security.post_removed'(state, { payload }) {
    state.securityPosts.delete(payload.postId);
  },

  'security.shift_set'(state, { payload }) {
    // Without a name it is the wall's form of the event (privacy.ts): the wall keeps no shifts.
    if (!payload.who) return;
    const before = state.securityShifts.get(payload.shiftId);
    state.securityShifts.set(payload.shiftId, {
      id: payload.shiftId,
      postId: payload.postId,
      day: payload.day,
      from: payload.from,
      to: payload.to,
      who: payload.who,
      ...(payload.phone ? { phone: payload.phone } : {}),
      // Editing a shift keeps its check-in.
      ...(before?.mannedAt ? { mannedAt: before.mannedAt, mannedEventId: before.mannedEventId!, ...(before.mannedBy ? { mannedBy: before.mannedBy } : {}) } : {}),
    });
  },

  'security.shift_removed'(state, { payload }) {
    state.securityShifts.delete(payload.shiftId);
  },

  'security.manned'(state, event) {
    const shift = state.securityShifts.get(event.payload.shiftId);
    if (!shift || shift.mannedAt) return;
    shift.mannedAt = actionTimeOf(event);
    shift.mannedEventId = event.id;
    const by = actorLabel(event.actor);
    if (by) shift.mannedBy = by;
    remember(state, event, { ref: shift.id });
  },

  'ceremony.awards_set'(state, { payload }) {
    state.ceremonyAwards = payload.awards.map((award) => ({ id: award.awardId, name: award.name }));
  },

  'ceremony.batch_set'(state, { payload }) {
    // Editing a batch keeps what happened to it on the day.
    const batch: CeremonyBatch = { ...(state.ceremonyBatches.get(payload.batchId) ?? { ready: {} }), id: payload.batchId, order: payload.order, title: payload.title };
    if (payload.leader) batch.leader = payload.leader;
    else delete batch.leader;
    state.ceremonyBatches.set(batch.id, batch);
  },

  'ceremony.batch_removed'(state, { payload }) {
    state.ceremonyBatches.delete(payload.batchId);
    if (state.ceremonyOnStage === payload.batchId) state.ceremonyOnStage = null;
  },

  'ceremony.honouree_set'(state, event) {
    const { payload } = event;
    const before = state.honourees.get(payload.honoureeId);
    if (before?.erased) return;
    const honouree: Honouree = {
      id: payload.honoureeId,
      kind: payload.kind,
      name: payload.name ?? '',
      awardId: payload.awardId,
      batchId: payload.batchId,
      order: payload.order,
      listedAt: before?.listedAt ?? actionTimeOf(event),
    };
    if (payload.unit) honouree.unit = payload.unit;
    if (payload.donations !== undefined) honouree.donations = payload.donations;
    if (payload.seat) honouree.seat = payload.seat;
    if (payload.hidden) honouree.hidden = true;
    if (payload.importId) honouree.importId = payload.importId;
    const keyRef = payload.keyRef ?? before?.keyRef;
    if (keyRef) honouree.keyRef = keyRef;
    // Editing the list keeps the dossier and the arrival.
    if (before?.dossier) honouree.dossier = before.dossier;
    if (before?.arrivedAt) {
      honouree.arrivedAt = before.arrivedAt;
      honouree.arrivedEventId = before.arrivedEventId!;
      if (before.representative) honouree.representative = before.representative;
    }
    state.honourees.set(honouree.id, honouree);
  },

  'ceremony.honouree_erased'(state, event) {
    const honouree = state.honourees.get(event.payload.honoureeId);
    if (honouree) {
      eraseHonouree(honouree, event.seq);
      forgetScriptOf(state, honouree.batchId);
    }
    state.lastErasureSeq = event.seq;
  },

  'ceremony.dossier_set'(state, event) {
    const { payload } = event;
    const honouree = state.honourees.get(payload.honoureeId);
    if (!honouree || honouree.erased) return;
    honouree.dossier = {
      status: payload.status,
      ...(payload.decisionNo ? { decisionNo: payload.decisionNo } : {}),
      ...(payload.decisionDate ? { decisionDate: payload.decisionDate } : {}),
      ...(payload.note ? { note: payload.note } : {}),
      at: actionTimeOf(event),
    };
  },

  'ceremony.arrived'(state, event) {
    const honouree = state.honourees.get(event.payload.honoureeId);
    if (!honouree || honouree.erased || honouree.arrivedAt) return;
    honouree.arrivedAt = actionTimeOf(event);
    honouree.arrivedEventId = event.id;
    // '' for a role that may know someone received for them, not who (privacy.ts).
    if (event.payload.representative !== undefined) honouree.representative = event.payload.representative;
    remember(state, event, { ref: honouree.id });
  },

  'ceremony.batch_ready'(state, { payload }) {
    const batch = state.ceremonyBatches.get(payload.batchId);
    if (batch) batch.ready = { ...batch.ready, [payload.item]: payload.ready };
  },

  'ceremony.batch_cued'(state, event) {
    const batch = state.ceremonyBatches.get(event.payload.batchId);
    if (!batch || batch.cuedAt || state.ceremonyOnStage !== null) return;
    batch.cuedAt = actionTimeOf(event);
    batch.cuedEventId = event.id;
    state.ceremonyOnStage = batch.id;
    remember(state, event, { ref: batch.id });
  },

  'ceremony.batch_done'(state, event) {
    const batch = state.ceremonyBatches.get(event.payload.batchId);
    if (!batch || state.ceremonyOnStage !== batch.id) return;
    batch.doneAt = actionTimeOf(event);
    batch.doneEventId = event.id;
    state.ceremonyOnStage = null;
    remember(state, event, { ref: batch.id });
  },

  'ceremony.script_set'(state, { payload }) {
    const batch = state.ceremonyBatches.get(payload.batchId);
    if (!batch) return;
    if (payload.keyRef) batch.scriptKeyRef = payload.keyRef;
    if (payload.text.trim()) batch.script = payload.text;
    else delete batch.script;
  },

  'ceremony.script_read'(state, event) {
    const batch = state.ceremonyBatches.get(event.payload.batchId);
    if (!batch || batch.readAt) return;
    batch.readAt = actionTimeOf(event);
    batch.readEventId = event.id;
    remember(state, event, { ref: batch.id });
  },

  'list.reviewed'(state, event) {
    // The lists are the donor layer's: a counting role holds none, and this changes nothing there.
    // The office's answer is real in a rehearsal too: it reaches the live world parked by one.
    const by = actorLabel(event.actor);
    const review = { decision: event.payload.decision, ...(event.payload.note ? { note: event.payload.note } : {}), at: actionTimeOf(event), ...(by ? { by } : {}) };
    forEachWorld(state, (world) => {
      const list = world.imports.get(event.payload.importId);
      if (list) list.review = { ...review };
    });
  },

  'donor.listed'(state, event, out) {
    out.counted = {};
    if (isCounted(event)) return;
    const { donorId, agencyId } = (event as Extract<RecordedEvent, { type: 'donor.listed' }>).payload;
    const donor = state.donors.get(donorId);
    if (!donor || agencyId === donor.agencyId || donor.alsoListed?.includes(agencyId)) return;
    donor.alsoListed = [...(donor.alsoListed ?? []), agencyId];
  },

  'event.mode_set'(state, event) {
    const { mode } = event.payload;
    if (mode === 'rehearsal') {
      if (state.rehearsal) return;
      state.rehearsal = { sinceSeq: event.seq, since: actionTimeOf(event), live: structuredClone(worldOf(state)) };
      state.rehearsals.push({ fromSeq: event.seq, toSeq: null });
      return;
    }
    if (!state.rehearsal) return;
    goLive(state, state.rehearsal.live);
    const period = state.rehearsals[state.rehearsals.length - 1];
    if (period) period.toSeq = event.seq;
  },

  'event.voided'(state, event, out) {
    if (!('reason' in event.payload)) {
      // Counted form: the void of a donor event, with what it takes back.
      const { undo } = (event as Counted<'event.voided'>).payload;
      if (!undo) return;
      uncountStep(state, stepOfWire(undo.field, undo));
      reviewMilestones(state, { at: actionTimeOf(event), seq: event.seq });
      if (undo.field === 'registered') {
        state.lastErasureSeq = event.seq;
        renameMilestones(state, (event as Counted<'event.voided'>).payload);
      }
      return;
    }
    const target = state.applied.get(event.payload.eventId);
    // The void of a donor event reaches the counting roles as what it took back, never with its reason.
    if (target && isCountedType(target.type)) out.counted = { eventId: event.payload.eventId };
    if (!target || target.voidedBy || !isVoidable(target.type)) return;
    const undone = undo(state, event.payload.eventId, target, event.seq);
    if (!undone) return;
    target.voidedBy = event.id;
    // An announcement or a skip undone puts the milestone back in the queue: only if it still holds.
    if (undone !== true || target.type === 'milestone.announced' || target.type === 'milestone.skipped') reviewMilestones(state, { at: actionTimeOf(event), seq: event.seq });
    if (undone === true) return;
    const counted: CountedPayloadOf<'event.voided'> = { eventId: event.payload.eventId, undo: stepToWire(undone) };
    // A registration entered by mistake: the MC forgets the name on the milestones it reached.
    const milestoneIds = target.type === 'donor.registered' ? milestonesOf(state, target.ref ?? '') : [];
    if (milestoneIds.length > 0) counted.milestoneIds = milestoneIds;
    out.counted = counted;
  },
};

/** The count layer's side of a donor event received in its counted form. */
function countWire(state: ProjectionState, event: WireEvent, field: CountedField): void {
  const payload = event.payload as { agencyId?: string; day?: string; volumeMl?: number; quarterHour?: string; announceName?: string };
  if (payload.agencyId === undefined || payload.day === undefined) return;
  const step = stepOfWire(field, {
    agencyId: payload.agencyId,
    day: payload.day,
    ...(payload.volumeMl !== undefined ? { volumeMl: payload.volumeMl } : {}),
    ...(payload.quarterHour !== undefined ? { quarterHour: payload.quarterHour } : {}),
  });
  countStep(state, step, event, payload.announceName ? { announceName: payload.announceName } : {});
}

/** (count layer, MC) The name on these milestones is now this one, or none (withdrawn, erased). */
function renameMilestones(state: ProjectionState, renamed: RenamedMilestones): void {
  const parked = state.rehearsal?.live.milestones;
  for (const id of renamed.milestoneIds ?? []) {
    const inParked = parked?.get(id);
    if (inParked && !renamed.announceName) delete inParked.announceName;
    const milestone = state.milestones.get(id);
    if (!milestone) continue;
    if (renamed.announceName) milestone.announceName = renamed.announceName;
    else delete milestone.announceName;
  }
}

/** Event types whose effect `event.voided` can reverse. */
const VOIDABLE: ReadonlySet<EventType> = new Set<EventType>([
  'donor.registered',
  'donor.checked_in',
  'donor.donated',
  'donor.deferred',
  'task.status_set',
  'milestone.announced',
  'milestone.skipped',
  'parade.passed',
  'security.manned',
  'ceremony.arrived',
  'ceremony.batch_cued',
  'ceremony.batch_done',
  'ceremony.script_read',
]);

export function isVoidable(type: EventType): boolean {
  return VOIDABLE.has(type);
}

const COUNTED: ReadonlySet<EventType> = new Set<EventType>(COUNTED_TYPES);

/** Event types the counting roles receive as counts (constants.ts, COUNTED_TYPES). */
export function isCountedType(type: EventType): boolean {
  return COUNTED.has(type);
}

/**
 * Reverses an applied event. Returns false (and changes nothing) when a later event depends
 * on it: the donation must be voided before the check-in it follows, and so on. For a donor
 * event it returns the step it took back; for any other, true.
 */
function undo(state: ProjectionState, eventId: string, target: AppliedEvent, voidSeq: number): Step | boolean {
  switch (target.type) {
    case 'donor.registered': {
      const donor = state.donors.get(target.ref ?? '');
      if (!donor || donor.registeredEventId !== eventId || donor.days.size > 0) return false;
      indexDonor(state, donor, -1);
      state.donors.delete(donor.id);
      const step: Step = { field: 'registered', agencyId: donor.agencyId, day: donor.registeredDay };
      uncountStep(state, step);
      // A registration entered by mistake keeps no personal data: the server erases it too.
      state.lastErasureSeq = voidSeq;
      return step;
    }
    case 'donor.checked_in': {
      const donor = state.donors.get(target.ref ?? '');
      const day = donor?.days.get(target.day ?? '');
      if (!donor || !day || day.checkedInEventId !== eventId || day.outcome) return false;
      donor.days.delete(target.day!);
      const step: Step = { field: 'checkedIn', agencyId: donor.agencyId, day: target.day! };
      uncountStep(state, step);
      return step;
    }
    case 'donor.donated':
    case 'donor.deferred': {
      const donor = state.donors.get(target.ref ?? '');
      const day = donor?.days.get(target.day ?? '');
      const outcome = day?.outcome;
      if (!donor || !day || !outcome || outcome.eventId !== eventId) return false;
      let step: Step;
      if (outcome.kind === 'donated') {
        addTo(state.donatedByBloodType, donor.bloodType ?? 'unknown', -1);
        step = { field: 'donated', agencyId: donor.agencyId, day: target.day!, volumeMl: outcome.volumeMl ?? 0, quarterHour: quarterHourOf(outcome.at) };
      } else step = { field: 'deferred', agencyId: donor.agencyId, day: target.day! };
      uncountStep(state, step);
      delete day.outcome;
      return step;
    }
    case 'task.status_set': {
      const task = state.tasks.get(target.ref ?? '');
      const index = task ? task.changes.findIndex((change) => change.eventId === eventId) : -1;
      if (!task || index < 0) return false;
      task.changes.splice(index, 1);
      return true;
    }
    case 'milestone.announced': {
      const milestone = state.milestones.get(target.ref ?? '');
      if (!milestone || milestone.announcedEventId !== eventId) return false;
      milestone.announcedAt = null;
      milestone.announcedEventId = null;
      return true;
    }
    case 'milestone.skipped': {
      const milestone = state.milestones.get(target.ref ?? '');
      if (!milestone || milestone.skippedEventId !== eventId) return false;
      milestone.skippedAt = null;
      milestone.skippedEventId = null;
      return true;
    }
    case 'parade.passed': {
      const checkpoint = state.paradeCheckpoints.get(target.ref ?? '');
      if (!checkpoint || checkpoint.passedEventId !== eventId) return false;
      delete checkpoint.passedAt;
      delete checkpoint.passedEventId;
      delete checkpoint.passedBy;
      return true;
    }
    case 'security.manned': {
      const shift = state.securityShifts.get(target.ref ?? '');
      if (!shift || shift.mannedEventId !== eventId) return false;
      delete shift.mannedAt;
      delete shift.mannedEventId;
      delete shift.mannedBy;
      return true;
    }
    case 'ceremony.arrived': {
      const honouree = state.honourees.get(target.ref ?? '');
      if (!honouree || honouree.arrivedEventId !== eventId) return false;
      delete honouree.arrivedAt;
      delete honouree.arrivedEventId;
      delete honouree.representative;
      return true;
    }
    case 'ceremony.batch_cued': {
      const batch = state.ceremonyBatches.get(target.ref ?? '');
      // "Xong đợt" is voided first.
      if (!batch || batch.cuedEventId !== eventId || batch.doneAt) return false;
      delete batch.cuedAt;
      delete batch.cuedEventId;
      if (state.ceremonyOnStage === batch.id) state.ceremonyOnStage = null;
      return true;
    }
    case 'ceremony.batch_done': {
      const batch = state.ceremonyBatches.get(target.ref ?? '');
      // Back on stage only if no other batch went up since.
      if (!batch || batch.doneEventId !== eventId || state.ceremonyOnStage !== null) return false;
      delete batch.doneAt;
      delete batch.doneEventId;
      state.ceremonyOnStage = batch.id;
      return true;
    }
    case 'ceremony.script_read': {
      const batch = state.ceremonyBatches.get(target.ref ?? '');
      if (!batch || batch.readEventId !== eventId) return false;
      delete batch.readAt;
      delete batch.readEventId;
      return true;
    }
    case 'event.configured':
    case 'agency.upserted':
    case 'task.defined':
    case 'event.voided':
    case 'donor.updated':
    case 'milestone.rule_defined':
    case 'milestone.template_set':
    case 'wall.message_set':
    case 'incident.reported':
    case 'incident.acknowledged':
    case 'incident.resolved':
    case 'schedule.item_set':
    case 'schedule.item_removed':
    case 'list.imported':
    case 'donor.erased':
    case 'personal_data.expired':
    case 'event.mode_set':
    case 'donor.listed':
    case 'parade.checkpoint_set':
    case 'parade.checkpoint_removed':
    case 'parade.escort_set':
    case 'parade.escort_removed':
    case 'security.post_set':
    case 'security.post_removed':
    case 'security.shift_set':
    case 'security.shift_removed':
    case 'ceremony.awards_set':
    case 'ceremony.batch_set':
    case 'ceremony.batch_removed':
    case 'ceremony.honouree_set':
    case 'ceremony.honouree_erased':
    case 'ceremony.dossier_set':
    case 'ceremony.batch_ready':
    case 'ceremony.script_set':
    case 'list.reviewed':
    case 'agency.headcount_set':
      return false;
    default:
      return assertNever(target.type);
  }
}

export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${String(value)}`);
}

function applyWith(state: ProjectionState, event: WireEvent, out: Out): void {
  if (event.seq <= state.seq) return;
  const handler = handlers[event.type] as ((s: ProjectionState, e: WireEvent, o: Out) => void) | undefined;
  handler?.(state, event, out);
  // Remember every recorded event that cannot be voided, so voiding it is answered not_voidable
  // (and not unknown_event). Voidable ones are remembered by their handler when they apply.
  if (handler && !isVoidable(event.type) && !state.applied.has(event.id)) remember(state, event as RecordedEvent, {});
  state.seq = event.seq;
}

/** Applies one event (recorded, or counted for a counting role) to a state the caller owns. Events at or below `state.seq` are ignored. */
export function applyInPlace(state: ProjectionState, event: WireEvent): void {
  applyWith(state, event, {});
}

/**
 * The server's apply: applies a recorded event and returns its counted form — what it changed
 * in the counts, the payload the counting roles receive instead of the donor's — or null when
 * the event is not a donor's (its payload is sent as it is).
 */
export function applyAndCount(state: ProjectionState, event: RecordedEvent): CountedPayload | null {
  const out: Out = {};
  applyWith(state, event, out);
  if (out.counted !== undefined) return out.counted;
  return isCountedType(event.type) ? {} : null;
}

/** Pure form: a new state with the event applied; the input is left untouched. */
export function apply(state: ProjectionState, event: WireEvent): ProjectionState {
  const next = cloneState(state);
  applyInPlace(next, event);
  return next;
}

/** Folds a whole log (in seq order) from the initial state. */
export function replay(events: Iterable<WireEvent>, from: ProjectionState = initialState()): ProjectionState {
  const state = from;
  for (const event of events) applyInPlace(state, event);
  return state;
}

export function cloneState(state: ProjectionState): ProjectionState {
  return structuredClone(state);
}
