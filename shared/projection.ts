/**
 * The projection: folds the event log into the live state (totals overall, per agency, per
 * festival day, walk-ins on their own line, donors' path, tasks, milestones). Pure and
 * deterministic: the server and every client run this same code, so replaying the log always
 * gives the same state.
 *
 * `applyInPlace` mutates a state its caller owns (the server's, a client store's) so a long
 * replay stays linear; `apply` is the pure form, returning a new state and leaving its input
 * untouched. Both run the same code.
 *
 * Apply never throws and never rejects: rule checks happen before an event is recorded
 * (rules.ts). An event that does not fit the state (e.g. received out of context) is ignored
 * the same way everywhere, so every replica still agrees.
 */
import type { Actor, EventType, PayloadOf, RecordedEvent } from './events.ts';
import { WALK_IN_AGENCY_ID } from './constants.ts';
import { foldForSearch } from './format.ts';
import type { MilestoneKind, MilestoneRule } from './milestones.ts';
import { evaluateMilestones } from './milestones.ts';
import type { QuotaRuleValue } from './quota.ts';
import { DEFAULT_TIMEZONE, dayOf } from './time.ts';

export interface Counts {
  registered: number;
  checkedIn: number;
  donated: number;
  deferred: number;
  volumeMl: number;
}
export type CountField = keyof Counts;

export interface EventInfo {
  name: string;
  nameEn?: string;
  venue: string;
  timezone: string;
  days: string[];
  countOn: 'donated' | 'checkedIn';
  thankYouNames?: boolean;
  celebrationSeconds?: number;
}

export interface AgencyInfo {
  id: string;
  name: string;
  nameEn?: string;
  quotaRule: QuotaRuleValue | null;
}

export interface DonorOutcome {
  kind: 'donated' | 'deferred';
  eventId: string;
  at: string;
  by?: string;
  volumeMl?: number;
  reason?: string;
  reasonCode?: string;
}

export interface DonorDay {
  checkedInEventId: string;
  checkedInAt: string;
  /** The device that checked the donor in. */
  checkedInBy?: string;
  outcome?: DonorOutcome;
}

export interface Donor {
  id: string;
  fullName: string;
  agencyId: string;
  phone?: string;
  birthYear?: number;
  bloodType?: string;
  nationalId?: string;
  gender?: string;
  weightKg?: number;
  lastDonationDate?: string;
  registeredEventId: string;
  registeredBy?: string;
  registeredAt: string;
  registeredDay: string;
  /** The donor's path per festival day. */
  days: Map<string, DonorDay>;
}

export interface TaskChange {
  eventId: string;
  status: string;
  note?: string;
  at: string;
  by?: string;
}

export interface TaskInfo {
  id: string;
  title: string;
  titleEn?: string;
  owner: string;
  also: string[];
  phase: string;
  due: string | null;
  whenText?: string;
  /** Status changes in log order; the last one that is not voided is the task's status. */
  changes: TaskChange[];
}

export interface MilestoneInfo {
  id: string;
  kind: MilestoneKind;
  label: string;
  /** The announcement, filled in when it was reached. */
  script: string;
  value: number;
  agencyId?: string;
  reachedAt: string;
  reachedSeq: number;
  announcedAt: string | null;
  announcedEventId: string | null;
  skippedAt: string | null;
  skippedEventId: string | null;
}

export interface IncidentInfo {
  id: string;
  title: string;
  severity: 'low' | 'medium' | 'high' | 'critical';
  place?: string;
  taskId?: string;
  note?: string;
  status: 'open' | 'acknowledged' | 'resolved';
  reportedAt: string;
  reportedBy?: string;
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  resolvedAt?: string;
  resolvedBy?: string;
  /** Notes added when acknowledged or resolved, in order. */
  updates: { at: string; by?: string; status: string; note?: string }[];
}

export interface ScheduleItem {
  id: string;
  title: string;
  titleEn?: string;
  start: string;
  durationMin: number;
  note?: string;
}

export interface WallMessage {
  text: string;
  at: string;
  by?: string;
}

/** What the projection remembers of an applied event so it can be voided later. */
export interface AppliedEvent {
  seq: number;
  type: EventType;
  at: string;
  actorTokenId?: string;
  /** donorId, taskId or milestoneId the event touched. */
  ref?: string;
  day?: string;
  voidedBy?: string;
}

export interface ProjectionState {
  seq: number;
  event: EventInfo | null;
  agencies: Map<string, AgencyInfo>;
  donors: Map<string, Donor>;
  tasks: Map<string, TaskInfo>;
  milestones: Map<string, MilestoneInfo>;
  milestoneRules: Map<string, MilestoneRule>;
  /** Organisers' edits of the announcement templates, by kind. */
  milestoneTemplates: Map<string, string>;
  incidents: Map<string, IncidentInfo>;
  schedule: Map<string, ScheduleItem>;
  wallMessage: WallMessage | null;
  /** Recognising a returning donor: national id → donorId, and name|birth year|agency → donorId. */
  nationalIdIndex: Map<string, string>;
  identityIndex: Map<string, string>;
  totals: Counts;
  byDay: Map<string, Counts>;
  byAgency: Map<string, Counts>;
  byAgencyDay: Map<string, Map<string, Counts>>;
  /** Successful donations per blood type ('unknown' when not given). */
  donatedByBloodType: Map<string, number>;
  /** Successful donations per 15-minute slot, keyed by the slot's start in epoch ms. */
  donatedPerQuarterHour: Map<number, number>;
  applied: Map<string, AppliedEvent>;
}

export const QUARTER_HOUR_MS = 15 * 60 * 1000;

/**
 * Bump whenever the state's shape or what `apply` does changes: snapshots made by another
 * version are ignored and the log is replayed instead.
 */
export const PROJECTION_VERSION = 3;

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
    event: null,
    agencies: new Map(),
    donors: new Map(),
    tasks: new Map(),
    milestones: new Map(),
    milestoneRules: new Map(),
    milestoneTemplates: new Map(),
    incidents: new Map(),
    schedule: new Map(),
    wallMessage: null,
    nationalIdIndex: new Map(),
    identityIndex: new Map(),
    totals: emptyCounts(),
    byDay: new Map(),
    byAgency: new Map(),
    byAgencyDay: new Map(),
    donatedByBloodType: new Map(),
    donatedPerQuarterHour: new Map(),
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

function countsIn<K>(map: Map<K, Counts>, key: K): Counts {
  let counts = map.get(key);
  if (!counts) {
    counts = emptyCounts();
    map.set(key, counts);
  }
  return counts;
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
  let agencyDays = state.byAgencyDay.get(agencyId);
  if (!agencyDays) {
    agencyDays = new Map();
    state.byAgencyDay.set(agencyId, agencyDays);
  }
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

function bumpDonation(state: ProjectionState, donor: Donor, outcome: DonorOutcome, day: string, sign: 1 | -1): void {
  bump(state, donor.agencyId, day, 'donated', sign);
  bump(state, donor.agencyId, day, 'volumeMl', sign * (outcome.volumeMl ?? 0));
  const bloodType = donor.bloodType ?? 'unknown';
  addTo(state.donatedByBloodType, bloodType, sign);
  const slot = Math.floor(Date.parse(outcome.at) / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  addTo(state.donatedPerQuarterHour, slot, sign);
}

function addTo<K>(map: Map<K, number>, key: K, delta: number): void {
  const next = (map.get(key) ?? 0) + delta;
  if (next === 0) map.delete(key);
  else map.set(key, next);
}

/** The optional donor details copied from registration and corrections. */
const DONOR_DETAIL_FIELDS = ['phone', 'birthYear', 'bloodType', 'nationalId', 'gender', 'weightKg', 'lastDonationDate'] as const;

/** The key that recognises the same person registered twice: folded name, birth year, agency. */
export function identityKey(fullName: string, birthYear: number | undefined, agencyId: string): string | null {
  return birthYear === undefined ? null : `${foldForSearch(fullName)}|${birthYear}|${agencyId}`;
}

function indexDonor(state: ProjectionState, donor: Donor, sign: 1 | -1): void {
  const key = identityKey(donor.fullName, donor.birthYear, donor.agencyId);
  if (sign === 1) {
    if (donor.nationalId && !state.nationalIdIndex.has(donor.nationalId)) state.nationalIdIndex.set(donor.nationalId, donor.id);
    if (key && !state.identityIndex.has(key)) state.identityIndex.set(key, donor.id);
    return;
  }
  if (donor.nationalId && state.nationalIdIndex.get(donor.nationalId) === donor.id) state.nationalIdIndex.delete(donor.nationalId);
  if (key && state.identityIndex.get(key) === donor.id) {
    state.identityIndex.delete(key);
    // Another donor may hold the same identity (allowDuplicateName, or a correction): it is found from now on.
    for (const other of state.donors.values()) {
      if (other.id !== donor.id && identityKey(other.fullName, other.birthYear, other.agencyId) === key) {
        state.identityIndex.set(key, other.id);
        break;
      }
    }
  }
}

/** Moves every count of a donor from its agency to another (a corrected agency). */
function moveDonor(state: ProjectionState, donor: Donor, toAgencyId: string): void {
  const move = (day: string, field: CountField, amount: number) => {
    bumpAgency(state, donor.agencyId, day, field, -amount);
    bumpAgency(state, toAgencyId, day, field, amount);
  };
  move(donor.registeredDay, 'registered', 1);
  for (const [day, record] of donor.days) {
    move(day, 'checkedIn', 1);
    if (record.outcome?.kind === 'donated') {
      move(day, 'donated', 1);
      move(day, 'volumeMl', record.outcome.volumeMl ?? 0);
    } else if (record.outcome?.kind === 'deferred') move(day, 'deferred', 1);
  }
  donor.agencyId = toAgencyId;
}

function remember(state: ProjectionState, event: RecordedEvent, extra: Pick<AppliedEvent, 'ref' | 'day'>): void {
  state.applied.set(event.id, {
    seq: event.seq,
    type: event.type,
    at: event.at,
    ...(event.actor ? { actorTokenId: event.actor.tokenId } : {}),
    ...extra,
  });
}

/** The status a task shows: its latest change that is still in force. */
export function taskStatus(task: TaskInfo): TaskChange | undefined {
  return task.changes[task.changes.length - 1];
}

function actorLabel(actor: Actor | undefined): string | undefined {
  return actor ? actor.label || actor.role : undefined;
}

type Handlers = { [T in EventType]: (state: ProjectionState, event: Extract<RecordedEvent, { type: T }>) => void };

const handlers: Handlers = {
  'event.configured'(state, { payload }) {
    state.event = {
      name: payload.name,
      ...(payload.nameEn ? { nameEn: payload.nameEn } : {}),
      venue: payload.venue,
      timezone: payload.timezone,
      days: [...payload.days],
      countOn: payload.countOn,
      ...(payload.thankYouNames !== undefined ? { thankYouNames: payload.thankYouNames } : {}),
      ...(payload.celebrationSeconds !== undefined ? { celebrationSeconds: payload.celebrationSeconds } : {}),
    };
  },

  'agency.upserted'(state, { payload }) {
    state.agencies.set(payload.agencyId, {
      id: payload.agencyId,
      name: payload.name,
      ...(payload.nameEn ? { nameEn: payload.nameEn } : {}),
      quotaRule: payload.quota,
    });
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

  'donor.registered'(state, event) {
    const { payload } = event;
    if (state.donors.has(payload.donorId)) return;
    const day = eventDayOf(state, event.at);
    const donor: Donor = {
      id: payload.donorId,
      fullName: payload.fullName,
      agencyId: payload.agencyId,
      registeredEventId: event.id,
      registeredAt: event.at,
      registeredDay: day,
      days: new Map(),
    };
    const by = actorLabel(event.actor);
    if (by) donor.registeredBy = by;
    for (const field of DONOR_DETAIL_FIELDS) {
      if (payload[field] !== undefined) (donor as unknown as Record<string, unknown>)[field] = payload[field];
    }
    state.donors.set(donor.id, donor);
    indexDonor(state, donor, 1);
    bump(state, donor.agencyId, day, 'registered', 1);
    remember(state, event, { ref: donor.id, day });
    evaluateMilestones(state, { field: 'registered', agencyId: donor.agencyId, day, at: event.at, seq: event.seq });
  },

  'donor.updated'(state, event) {
    const { payload } = event;
    const donor = state.donors.get(payload.donorId);
    if (!donor) return;
    indexDonor(state, donor, -1);
    if (payload.agencyId !== undefined && payload.agencyId !== donor.agencyId) moveDonor(state, donor, payload.agencyId);
    if (payload.bloodType !== undefined && (payload.bloodType ?? undefined) !== donor.bloodType) {
      const donations = [...donor.days.values()].filter((d) => d.outcome?.kind === 'donated').length;
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
    indexDonor(state, donor, 1);
  },

  'donor.checked_in'(state, event) {
    const donor = state.donors.get(event.payload.donorId);
    const day = eventDayOf(state, event.at);
    if (!donor || donor.days.has(day)) return;
    const by = actorLabel(event.actor);
    donor.days.set(day, { checkedInEventId: event.id, checkedInAt: event.at, ...(by ? { checkedInBy: by } : {}) });
    bump(state, donor.agencyId, day, 'checkedIn', 1);
    remember(state, event, { ref: donor.id, day });
    evaluateMilestones(state, { field: 'checkedIn', agencyId: donor.agencyId, day, at: event.at, seq: event.seq });
  },

  'donor.donated'(state, event) {
    const donor = state.donors.get(event.payload.donorId);
    const day = eventDayOf(state, event.at);
    const today = donor?.days.get(day);
    if (!donor || !today || today.outcome) return;
    const by = actorLabel(event.actor);
    today.outcome = { kind: 'donated', eventId: event.id, at: event.at, volumeMl: event.payload.volumeMl, ...(by ? { by } : {}) };
    bumpDonation(state, donor, today.outcome, day, 1);
    remember(state, event, { ref: donor.id, day });
    evaluateMilestones(state, { field: 'donated', agencyId: donor.agencyId, day, at: event.at, seq: event.seq });
  },

  'donor.deferred'(state, event) {
    const donor = state.donors.get(event.payload.donorId);
    const day = eventDayOf(state, event.at);
    const today = donor?.days.get(day);
    if (!donor || !today || today.outcome) return;
    const by = actorLabel(event.actor);
    today.outcome = {
      kind: 'deferred',
      eventId: event.id,
      at: event.at,
      reason: event.payload.reason,
      ...(event.payload.reasonCode ? { reasonCode: event.payload.reasonCode } : {}),
      ...(by ? { by } : {}),
    };
    bump(state, donor.agencyId, day, 'deferred', 1);
    remember(state, event, { ref: donor.id, day });
  },

  'task.status_set'(state, event) {
    const task = state.tasks.get(event.payload.taskId);
    if (!task) return;
    const by = actorLabel(event.actor);
    task.changes.push({
      eventId: event.id,
      status: event.payload.status,
      at: event.at,
      ...(event.payload.note !== undefined ? { note: event.payload.note } : {}),
      ...(by ? { by } : {}),
    });
    remember(state, event, { ref: task.id });
  },

  'milestone.announced'(state, event) {
    const milestone = state.milestones.get(event.payload.milestoneId);
    if (!milestone || milestone.announcedAt) return;
    milestone.announcedAt = event.at;
    milestone.announcedEventId = event.id;
    remember(state, event, { ref: milestone.id });
  },

  'milestone.skipped'(state, event) {
    const milestone = state.milestones.get(event.payload.milestoneId);
    if (!milestone || milestone.announcedAt || milestone.skippedAt) return;
    milestone.skippedAt = event.at;
    milestone.skippedEventId = event.id;
    remember(state, event, { ref: milestone.id });
  },

  'milestone.rule_defined'(state, { payload }) {
    state.milestoneRules.set(payload.ruleId, {
      id: payload.ruleId,
      label: payload.label,
      metric: payload.metric,
      threshold: payload.threshold,
      ...(payload.agencyId !== undefined ? { agencyId: payload.agencyId } : {}),
      ...(payload.script ? { script: payload.script } : {}),
    });
  },

  'milestone.template_set'(state, { payload }) {
    state.milestoneTemplates.set(payload.kind, payload.text);
  },

  'wall.message_set'(state, event) {
    const by = actorLabel(event.actor);
    state.wallMessage = event.payload.text === null ? null : { text: event.payload.text, at: event.at, ...(by ? { by } : {}) };
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
      ...(payload.note ? { note: payload.note } : {}),
      status: 'open',
      reportedAt: event.at,
      ...(by ? { reportedBy: by } : {}),
      updates: [],
    });
  },

  'incident.acknowledged'(state, event) {
    const incident = state.incidents.get(event.payload.incidentId);
    if (!incident || incident.status !== 'open') return;
    const by = actorLabel(event.actor);
    incident.status = 'acknowledged';
    incident.acknowledgedAt = event.at;
    if (by) incident.acknowledgedBy = by;
    incident.updates.push({ at: event.at, status: 'acknowledged', ...(by ? { by } : {}), ...(event.payload.note ? { note: event.payload.note } : {}) });
  },

  'incident.resolved'(state, event) {
    const incident = state.incidents.get(event.payload.incidentId);
    if (!incident || incident.status === 'resolved') return;
    const by = actorLabel(event.actor);
    incident.status = 'resolved';
    incident.resolvedAt = event.at;
    if (by) incident.resolvedBy = by;
    incident.updates.push({ at: event.at, status: 'resolved', ...(by ? { by } : {}), ...(event.payload.note ? { note: event.payload.note } : {}) });
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

  'event.voided'(state, event) {
    const target = state.applied.get(event.payload.eventId);
    if (!target || target.voidedBy || !isVoidable(target.type)) return;
    if (!undo(state, event.payload.eventId, target)) return;
    target.voidedBy = event.id;
  },
};

/** Event types whose effect `event.voided` can reverse. */
const VOIDABLE: ReadonlySet<EventType> = new Set<EventType>([
  'donor.registered',
  'donor.checked_in',
  'donor.donated',
  'donor.deferred',
  'task.status_set',
  'milestone.announced',
  'milestone.skipped',
]);

export function isVoidable(type: EventType): boolean {
  return VOIDABLE.has(type);
}

/**
 * Reverses an applied event. Returns false (and changes nothing) when a later event depends
 * on it: the donation must be voided before the check-in it follows, and so on.
 */
function undo(state: ProjectionState, eventId: string, target: AppliedEvent): boolean {
  switch (target.type) {
    case 'donor.registered': {
      const donor = state.donors.get(target.ref ?? '');
      if (!donor || donor.registeredEventId !== eventId || donor.days.size > 0) return false;
      indexDonor(state, donor, -1);
      state.donors.delete(donor.id);
      bump(state, donor.agencyId, donor.registeredDay, 'registered', -1);
      return true;
    }
    case 'donor.checked_in': {
      const donor = state.donors.get(target.ref ?? '');
      const day = donor?.days.get(target.day ?? '');
      if (!donor || !day || day.checkedInEventId !== eventId || day.outcome) return false;
      donor.days.delete(target.day!);
      bump(state, donor.agencyId, target.day!, 'checkedIn', -1);
      return true;
    }
    case 'donor.donated':
    case 'donor.deferred': {
      const donor = state.donors.get(target.ref ?? '');
      const day = donor?.days.get(target.day ?? '');
      const outcome = day?.outcome;
      if (!donor || !day || !outcome || outcome.eventId !== eventId) return false;
      if (outcome.kind === 'donated') bumpDonation(state, donor, outcome, target.day!, -1);
      else bump(state, donor.agencyId, target.day!, 'deferred', -1);
      delete day.outcome;
      return true;
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
      return false;
    default:
      return assertNever(target.type);
  }
}

export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${String(value)}`);
}

/** Applies one recorded event to a state the caller owns. Events at or below `state.seq` are ignored. */
export function applyInPlace(state: ProjectionState, event: RecordedEvent): void {
  if (event.seq <= state.seq) return;
  const handler = handlers[event.type] as ((s: ProjectionState, e: RecordedEvent) => void) | undefined;
  handler?.(state, event);
  // Remember every recorded event that cannot be voided, so voiding it is answered not_voidable
  // (and not unknown_event). Voidable ones are remembered by their handler when they apply.
  if (handler && !isVoidable(event.type) && !state.applied.has(event.id)) remember(state, event, {});
  state.seq = event.seq;
}

/** Pure form: a new state with the event applied; the input is left untouched. */
export function apply(state: ProjectionState, event: RecordedEvent): ProjectionState {
  const next = cloneState(state);
  applyInPlace(next, event);
  return next;
}

/** Folds a whole log (in seq order) from the initial state. */
export function replay(events: Iterable<RecordedEvent>, from: ProjectionState = initialState()): ProjectionState {
  const state = from;
  for (const event of events) applyInPlace(state, event);
  return state;
}

export function cloneState(state: ProjectionState): ProjectionState {
  return structuredClone(state);
}
