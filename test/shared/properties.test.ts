/**
 * Property tests of the pure domain with fast-check. A generator of *valid* logs: random
 * commands, each turned into an event and kept only when checkEvent accepts it against the
 * state so far (what the server does: the door, the rules, applyAndCount), with seq, `at`
 * (two festival days, UTC+7) and an actor.
 *
 * Milestone properties (small quotas, many donations) live in milestone-properties.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BLOOD_TYPES,
  DONATION_VOLUMES_ML,
  SEVERITIES,
  TASK_STATUSES,
  WALK_IN_AGENCY_ID,
  apply,
  checkEvent,
  eventDayOf,
  identityKeysOf,
  initialState,
  milestoneHolds,
  projectionForViewer,
  projectionFromWire,
  projectionToWire,
  replay,
  toStateBody,
} from '../../shared/index.ts';
import type { Actor, Counts, ProjectionState, RecordedEvent, StateBody, SubmittedEvent, Viewer, Visibility } from '../../shared/index.ts';
import { foldOnFork } from '../../shared/fork.ts';
import { ADMIN, AG_COUNT, AG_PERCENT, COORD, DAY1, DAY2, DESK1, DESK2, MC, MiniServer, TASK, TZ, canonical, testHash, vn } from './fixtures.ts';
import { pairsIn } from '../helpers/personalData.ts';

const NUM_RUNS = 100;
const DONORS = ['d0', 'd1', 'd2', 'd3'];
/** 'nope' is not an agency: those registrations are refused and never reach the log. */
const AGENCIES = [AG_COUNT, AG_COUNT, AG_COUNT, AG_PERCENT, AG_PERCENT, AG_PERCENT, WALK_IN_AGENCY_ID, WALK_IN_AGENCY_ID, 'nope'];
const NAMES = ['Nguyễn Thị Lan', 'Trần Văn Nam', 'Lê Thị Hoa', 'Phạm Văn Đức', 'Đặng Thu Hà', 'Vũ Minh Tuấn'];
/** Deferral notes, one set per author (a desk sees only its own): none may reach a counting client. */
const REASONS_BY: Record<string, string[]> = {
  [DESK1.tokenId]: ['Huyết áp thấp quá mức (bàn 1)', 'Mạch nhanh bất thường (bàn 1)'],
  [DESK2.tokenId]: ['Huyết áp thấp quá mức (bàn 2)', 'Mạch nhanh bất thường (bàn 2)'],
  [ADMIN.tokenId]: ['Huyết áp thấp quá mức (ban tổ chức)', 'Mạch nhanh bất thường (ban tổ chức)'],
};
const REASONS = Object.values(REASONS_BY).flat();
const INCIDENT_TITLES = ['Mất điện khu lấy máu', 'Người hiến bị choáng'];
const INCIDENT_PLACES = ['Phòng hồi sức số 2'];
const INCIDENT_NOTES = ['Đã gọi bác sĩ trực', 'Đã có điện dự phòng'];
const DESKS: Actor[] = [DESK1, DESK2];
const FIELDS = ['registered', 'checkedIn', 'donated', 'deferred', 'volumeMl'] as const;
/** Every kind of receiver: admin, one desk, and the three counting roles. */
const VIEWERS: Viewer[] = [{ visibility: 'full' }, { visibility: 'desk', tokenId: DESK1.tokenId }, { visibility: 'staff' }, { visibility: 'mc' }, { visibility: 'public' }];
const COUNTING: Visibility[] = ['staff', 'mc', 'public'];

type Volume = (typeof DONATION_VOLUMES_ML)[number];
type Command =
  | {
      kind: 'register';
      donor: number;
      agency: number;
      name: string;
      bloodType: string | null;
      phone: string | null;
      nationalId: string | null;
      birthYear: number | null;
      allowDuplicateName: boolean;
      announceName: boolean | null;
      by: number;
    }
  | { kind: 'checkin'; donor: number; by: number }
  | { kind: 'donate'; donor: number; volumeMl: Volume; by: number }
  | { kind: 'defer'; donor: number; reason: number; by: number }
  | { kind: 'task'; status: (typeof TASK_STATUSES)[number]; admin: boolean }
  | { kind: 'void'; target: number; recent: boolean; by: number }
  /** Moves donor k one step along its path (register → check in → donate or defer), whatever it is now. */
  | { kind: 'progress'; donor: number; agency: number; name: string; donate: boolean; volumeMl: Volume; by: number }
  /** donor.updated: undefined leaves a field, null clears it. */
  | {
      kind: 'update';
      donor: number;
      agency: number | undefined;
      bloodType: string | null | undefined;
      phone: string | null | undefined;
      name: string | undefined;
      announceName: boolean | undefined;
      by: number;
    }
  | { kind: 'erase'; donor: number; everyone: boolean }
  | { kind: 'incident'; op: 'report' | 'ack' | 'resolve'; incident: number; severity: (typeof SEVERITIES)[number]; title: string; withDetails: boolean; admin: boolean }
  | { kind: 'milestone'; announce: boolean; pick: number; admin: boolean }
  | { kind: 'wall'; text: string | null };

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const phoneArb = fc.tuple(fc.constantFrom('0', '+84'), digits(9)).map(([prefix, rest]) => prefix + rest);
const nationalIdArb = digits(12);
const donorArb = fc.integer({ min: 0, max: DONORS.length - 1 });
/** 0, 1: a desk; 2: admin. */
const byArb = fc.integer({ min: 0, max: 2 });
const volumeArb = fc.constantFrom(...DONATION_VOLUMES_ML);

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('register' as const),
      donor: donorArb,
      agency: fc.integer({ min: 0, max: AGENCIES.length - 1 }),
      name: fc.constantFrom(...NAMES),
      bloodType: fc.option(fc.constantFrom(...BLOOD_TYPES), { nil: null }),
      phone: fc.option(phoneArb, { nil: null }),
      // Few distinct ids and years: same person under two donorIds happens (duplicate_donor).
      nationalId: fc.option(fc.oneof(nationalIdArb, fc.constantFrom('030190001234', '030190005678')), { nil: null }),
      birthYear: fc.option(fc.constantFrom(1990, 2001), { nil: null }),
      allowDuplicateName: fc.boolean(),
      announceName: fc.option(fc.boolean(), { nil: null }),
      by: byArb,
    }),
  },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('checkin' as const), donor: donorArb, by: byArb }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('donate' as const), donor: donorArb, volumeMl: volumeArb, by: byArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('defer' as const), donor: donorArb, reason: fc.integer({ min: 0, max: 1 }), by: byArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('task' as const), status: fc.constantFrom(...TASK_STATUSES), admin: fc.boolean() }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('void' as const), target: fc.nat(), recent: fc.boolean(), by: fc.integer({ min: 0, max: 3 }).map((n) => Math.min(n, 2)) }) },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('progress' as const),
      donor: donorArb,
      agency: fc.integer({ min: 0, max: AGENCIES.length - 2 }),
      name: fc.constantFrom(...NAMES),
      donate: fc.boolean(),
      volumeMl: volumeArb,
      by: byArb,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('update' as const),
      donor: donorArb,
      agency: fc.option(fc.integer({ min: 0, max: AGENCIES.length - 1 }), { nil: undefined }),
      bloodType: fc.constantFrom<string | null | undefined>(undefined, null, 'O+', 'AB-'),
      phone: fc.constantFrom<string | null | undefined>(undefined, null, '0911111111'),
      name: fc.option(fc.constantFrom(...NAMES), { nil: undefined }),
      announceName: fc.option(fc.boolean(), { nil: undefined }),
      by: byArb,
    }),
  },
  // One time in ten, everyone's data at once (retention), else one person (on request).
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('erase' as const), donor: donorArb, everyone: fc.integer({ min: 0, max: 9 }).map((n) => n === 0) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('incident' as const),
      op: fc.constantFrom('report' as const, 'ack' as const, 'resolve' as const),
      incident: fc.integer({ min: 0, max: 2 }),
      severity: fc.constantFrom(...SEVERITIES),
      title: fc.constantFrom(...INCIDENT_TITLES),
      withDetails: fc.boolean(),
      admin: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('milestone' as const), announce: fc.boolean(), pick: fc.nat(), admin: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wall' as const), text: fc.constantFrom<string | null>('Mời đoàn Sở Y tế lên sân khấu', null) }) },
);

/** Commands with the minutes since the previous one, and where the night falls. */
const scriptArb = fc.record({
  steps: fc.array(fc.tuple(commandArb, fc.integer({ min: 0, max: 30 })), { minLength: 1, maxLength: 50, size: 'max' }),
  /** Index of the first command on day 2 (past the end: everything on day 1). */
  night: fc.nat({ max: 50 }),
  /** The wall may thank donors by first name. */
  thankYouNames: fc.boolean(),
});
type Script = { steps: [Command, number][]; night: number; thankYouNames: boolean };

const actorOf = (by: number): Actor => (by === 2 ? ADMIN : DESKS[by]!);

function toEvent(command: Command, state: ProjectionState, log: RecordedEvent[], id: string, at: string): { event: SubmittedEvent; actor: Actor } {
  switch (command.kind) {
    case 'progress': {
      const donorId = DONORS[command.donor]!;
      const donor = state.donors.get(donorId);
      const today = donor?.days.get(eventDayOf(state, at));
      const actor = actorOf(command.by);
      if (!donor) return { event: { id, type: 'donor.registered', payload: { donorId, fullName: command.name, agencyId: AGENCIES[command.agency]! } }, actor };
      if (!today) return { event: { id, type: 'donor.checked_in', payload: { donorId } }, actor };
      return command.donate
        ? { event: { id, type: 'donor.donated', payload: { donorId, volumeMl: command.volumeMl } }, actor }
        : { event: { id, type: 'donor.deferred', payload: { donorId, reason: REASONS_BY[actor.tokenId]![0]!, reasonCode: 'blood_pressure' } }, actor };
    }
    case 'register': {
      const payload: Extract<SubmittedEvent, { type: 'donor.registered' }>['payload'] = {
        donorId: DONORS[command.donor]!,
        fullName: command.name,
        agencyId: AGENCIES[command.agency]!,
      };
      if (command.bloodType) payload.bloodType = command.bloodType as (typeof BLOOD_TYPES)[number];
      if (command.phone) payload.phone = command.phone;
      if (command.nationalId) payload.nationalId = command.nationalId;
      if (command.birthYear) payload.birthYear = command.birthYear;
      if (command.allowDuplicateName) payload.allowDuplicateName = true;
      if (command.birthYear) Object.assign(payload, { gender: 'female', weightKg: 51.5, lastDonationDate: '2023-12-01' });
      if (command.announceName !== null) payload.consent = { dataProcessing: true, announceName: command.announceName };
      return { event: { id, type: 'donor.registered', payload }, actor: actorOf(command.by) };
    }
    case 'update': {
      const payload: Extract<SubmittedEvent, { type: 'donor.updated' }>['payload'] = { donorId: DONORS[command.donor]! };
      if (command.agency !== undefined) payload.agencyId = AGENCIES[command.agency]!;
      if (command.bloodType !== undefined) payload.bloodType = command.bloodType as (typeof BLOOD_TYPES)[number] | null;
      if (command.phone !== undefined) payload.phone = command.phone;
      if (command.name !== undefined) payload.fullName = command.name;
      if (command.announceName !== undefined) payload.announceName = command.announceName;
      // The schema wants at least one change.
      if (Object.keys(payload).length === 1) payload.weightKg = 60;
      return { event: { id, type: 'donor.updated', payload }, actor: actorOf(command.by) };
    }
    case 'checkin':
      return { event: { id, type: 'donor.checked_in', payload: { donorId: DONORS[command.donor]! } }, actor: actorOf(command.by) };
    case 'donate':
      return { event: { id, type: 'donor.donated', payload: { donorId: DONORS[command.donor]!, volumeMl: command.volumeMl } }, actor: actorOf(command.by) };
    case 'defer': {
      const actor = actorOf(command.by);
      return { event: { id, type: 'donor.deferred', payload: { donorId: DONORS[command.donor]!, reason: REASONS_BY[actor.tokenId]![command.reason]! } }, actor };
    }
    case 'erase':
      return command.everyone
        ? { event: { id, type: 'personal_data.expired', payload: { registeredUpTo: at, reason: 'Hết thời hạn lưu' } }, actor: ADMIN }
        : { event: { id, type: 'donor.erased', payload: { donorId: DONORS[command.donor]!, reason: 'Theo yêu cầu' } }, actor: ADMIN };
    case 'task':
      return { event: { id, type: 'task.status_set', payload: { taskId: TASK, status: command.status } }, actor: command.admin ? ADMIN : COORD };
    case 'void': {
      // Half the time one of the last few events (more likely voidable), else any event of the log.
      const index = command.recent ? log.length - 1 - (command.target % Math.min(log.length, 5)) : command.target % log.length;
      const target = log[index]!;
      return { event: { id, type: 'event.voided', payload: { eventId: target.id, reason: 'nhập nhầm' } }, actor: actorOf(command.by) };
    }
    case 'incident': {
      const incidentId = `inc-${command.incident}`;
      const actor = command.admin ? ADMIN : COORD;
      if (command.op === 'report') {
        const payload: Extract<SubmittedEvent, { type: 'incident.reported' }>['payload'] = { incidentId, title: command.title, severity: command.severity };
        if (command.withDetails) Object.assign(payload, { place: INCIDENT_PLACES[0]!, note: INCIDENT_NOTES[0]!, taskId: TASK });
        return { event: { id, type: 'incident.reported', payload }, actor };
      }
      const note = command.withDetails ? { note: INCIDENT_NOTES[1]! } : {};
      return command.op === 'ack'
        ? { event: { id, type: 'incident.acknowledged', payload: { incidentId, ...note } }, actor }
        : { event: { id, type: 'incident.resolved', payload: { incidentId, ...note } }, actor };
    }
    case 'milestone': {
      const ids = [...state.milestones.keys()];
      const milestoneId = ids.length ? ids[command.pick % ids.length]! : 'donations-100';
      const actor = command.admin ? ADMIN : MC;
      return { event: { id, type: command.announce ? 'milestone.announced' : 'milestone.skipped', payload: { milestoneId } }, actor };
    }
    case 'wall':
      return { event: { id, type: 'wall.message_set', payload: { text: command.text } }, actor: MC };
  }
}

interface Built {
  log: RecordedEvent[];
  /** The state the rules ran against (the server's, applied in place). */
  live: ProjectionState;
  /** The server, to get the log as each viewer receives it. */
  server: MiniServer;
  /** Every phone, CCCD and CCCD hash ever sent (voided or not): no client may receive the CCCDs and hashes; the counting roles none of them. */
  pii: string[];
  /** The full CCCDs and their hashes: no client at all may receive them. */
  cccd: string[];
  /** Every full name ever sent. */
  names: string[];
  /** Invariant failures seen after each accepted event. */
  violations: string[];
}

/**
 * Turns a script into an accepted log, as the server would. Day 1 starts at 07:00 in Việt Nam;
 * day 2 starts at 00:05 in Việt Nam, i.e. 17:05 UTC on day 1, so the UTC date lags behind.
 */
function build(script: Script, checkEachStep = false): Built {
  const server = new MiniServer().setup();
  server.ok(
    'event.configured',
    { name: 'Ngày hội Ngàn trái tim hồng', venue: 'Nhà Văn hóa Trung tâm tỉnh', timezone: TZ, days: [DAY1, DAY2], countOn: 'donated', thankYouNames: script.thankYouNames },
    ADMIN,
    '2024-07-18T01:00:00.000Z',
  );
  const pii: string[] = [];
  const cccd: string[] = [];
  const names: string[] = [];
  const violations: string[] = [];
  let clock = Date.parse(vn(DAY1, '07:00'));
  script.steps.forEach(([command, gap], i) => {
    if (i === script.night) clock = Math.max(clock, Date.parse(vn(DAY2, '00:05')));
    clock += gap * 60_000;
    const at = new Date(clock).toISOString();
    const { event, actor } = toEvent(command, server.state, server.log, `cmd-${String(i).padStart(6, '0')}`, at);
    const { result } = server.submit(event, actor, at);
    if (result.ok && (event.type === 'donor.registered' || event.type === 'donor.updated')) {
      if (event.payload.phone) pii.push(event.payload.phone);
      if (event.payload.nationalId) cccd.push(event.payload.nationalId, testHash(event.payload.nationalId));
      if (event.payload.fullName) names.push(event.payload.fullName);
    }
    if (result.ok && checkEachStep) violations.push(...invariantViolations(server.state).map((v) => `after seq ${server.state.seq}: ${v}`));
  });
  return { log: server.log, live: server.state, server, pii: [...pii, ...cccd], cccd, names: [...new Set(names)], violations };
}

type Tally = {
  byAgency: Record<string, Counts>;
  byDay: Record<string, Counts>;
  byAgencyDay: Record<string, Record<string, Counts>>;
  blood: Record<string, number>;
  /** Units by bag size, agency → day → { 250, 350, 450 }. */
  bags: Record<string, Record<string, Record<number, number>>>;
};

/** Recounts every aggregate from the donors' records alone (no zero rows). */
function recount(state: ProjectionState): Tally {
  const tally: Tally = { byAgency: {}, byDay: {}, byAgencyDay: {}, blood: {}, bags: {} };
  const add = (agencyId: string, day: string, field: (typeof FIELDS)[number], amount: number) => {
    for (const counts of [
      (tally.byAgency[agencyId] ??= { registered: 0, checkedIn: 0, donated: 0, deferred: 0, volumeMl: 0 }),
      (tally.byDay[day] ??= { registered: 0, checkedIn: 0, donated: 0, deferred: 0, volumeMl: 0 }),
      ((tally.byAgencyDay[agencyId] ??= {})[day] ??= { registered: 0, checkedIn: 0, donated: 0, deferred: 0, volumeMl: 0 }),
    ])
      counts[field] += amount;
  };
  for (const donor of state.donors.values()) {
    add(donor.agencyId, donor.registeredDay, 'registered', 1);
    for (const [day, record] of donor.days) {
      add(donor.agencyId, day, 'checkedIn', 1);
      if (record.outcome?.kind === 'donated') {
        add(donor.agencyId, day, 'donated', 1);
        add(donor.agencyId, day, 'volumeMl', record.outcome.volumeMl ?? 0);
        const volume = record.outcome.volumeMl;
        if (volume !== undefined && (DONATION_VOLUMES_ML as readonly number[]).includes(volume)) {
          const bags = ((tally.bags[donor.agencyId] ??= {})[day] ??= { 250: 0, 350: 0, 450: 0 });
          bags[volume] = (bags[volume] ?? 0) + 1;
        }
        const type = donor.bloodType ?? 'unknown';
        tally.blood[type] = (tally.blood[type] ?? 0) + 1;
      }
      if (record.outcome?.kind === 'deferred') add(donor.agencyId, day, 'deferred', 1);
    }
  }
  return tally;
}

const sortedObject = <V>(entries: Iterable<[string, V]>): Record<string, V> => Object.fromEntries([...entries].sort(([a], [b]) => a.localeCompare(b)));

/** Totals are never negative and always add up; every aggregate is what the donors' records say. */
function invariantViolations(state: ProjectionState): string[] {
  const out: string[] = [];
  const body = toStateBody(state);
  const all: [string, Counts][] = [
    ['totals', state.totals],
    ...[...state.byAgency].map(([id, c]): [string, Counts] => [`agency ${id}`, c]),
    ...[...state.byDay].map(([day, c]): [string, Counts] => [`day ${day}`, c]),
    ...[...state.byAgencyDay].flatMap(([id, days]) => [...days].map(([day, c]): [string, Counts] => [`agency ${id} day ${day}`, c])),
  ];
  for (const [where, counts] of all) {
    for (const field of FIELDS) if (counts[field] < 0 || Object.is(counts[field], -0)) out.push(`${where}.${field} = ${counts[field]}`);
  }
  for (const field of FIELDS) {
    const overAgencies = body.agencies.reduce((sum, a) => sum + a[field], 0) + body.walkIns[field];
    const overDays = body.days.reduce((sum, d) => sum + d[field], 0);
    if (overAgencies !== body.totals[field]) out.push(`${field}: totals ${body.totals[field]} ≠ agencies + walk-ins ${overAgencies}`);
    if (overDays !== body.totals[field]) out.push(`${field}: totals ${body.totals[field]} ≠ sum of days ${overDays}`);
  }
  // The counters agree with the donors' paths, per agency (donor.updated moves them), per day, per agency-day, per blood type.
  const tally = recount(state);
  const totals = Object.values(tally.byAgency).reduce(
    (sum, c) => ({
      registered: sum.registered + c.registered,
      checkedIn: sum.checkedIn + c.checkedIn,
      donated: sum.donated + c.donated,
      deferred: sum.deferred + c.deferred,
      volumeMl: sum.volumeMl + c.volumeMl,
    }),
    { registered: 0, checkedIn: 0, donated: 0, deferred: 0, volumeMl: 0 },
  );
  for (const field of FIELDS) {
    if (state.totals[field] !== totals[field]) out.push(`${field}: totals ${state.totals[field]} ≠ donors' paths ${totals[field]}`);
  }
  const json = (value: unknown) => JSON.stringify(value);
  if (json(sortedObject(state.byAgency)) !== json(sortedObject(Object.entries(tally.byAgency))))
    out.push(`byAgency ${json(sortedObject(state.byAgency))} ≠ recount ${json(sortedObject(Object.entries(tally.byAgency)))}`);
  if (json(sortedObject(state.byDay)) !== json(sortedObject(Object.entries(tally.byDay)))) out.push(`byDay ≠ recount`);
  const agencyDays = sortedObject([...state.byAgencyDay].map(([id, days]): [string, Record<string, Counts>] => [id, sortedObject(days)]));
  const recountedAgencyDays = sortedObject(Object.entries(tally.byAgencyDay).map(([id, days]): [string, Record<string, Counts>] => [id, sortedObject(Object.entries(days))]));
  if (json(agencyDays) !== json(recountedAgencyDays)) out.push(`byAgencyDay ${json(agencyDays)} ≠ recount ${json(recountedAgencyDays)}`);
  if (json(sortedObject(state.donatedByBloodType)) !== json(sortedObject(Object.entries(tally.blood))))
    out.push(`bloodTypes ${json(sortedObject(state.donatedByBloodType))} ≠ recount ${json(sortedObject(Object.entries(tally.blood)))}`);
  const bags = sortedObject([...state.donatedBags].map(([id, days]): [string, Record<string, unknown>] => [id, sortedObject(days)]));
  const recountedBags = sortedObject(Object.entries(tally.bags).map(([id, days]): [string, Record<string, unknown>] => [id, sortedObject(Object.entries(days))]));
  if (json(bags) !== json(recountedBags)) out.push(`donatedBags ${json(bags)} ≠ recount ${json(recountedBags)}`);
  const byQuarter = body.donationsPer15Min.reduce((a, b) => a + b.donated, 0);
  if (byQuarter !== state.totals.donated) out.push(`donated ${state.totals.donated} ≠ sum per 15 min ${byQuarter}`);
  if (body.donationsPer15Min.some((slot) => slot.donated <= 0)) out.push('a 15-minute slot is ≤ 0');
  // The duplicate-recognition indexes point at live donors holding that CCCD hash or identity; an erased person is in none.
  for (const [hash, donorId] of state.nationalIdIndex) {
    if (state.donors.get(donorId)?.nationalIdHash !== hash) out.push(`nationalIdIndex ${hash} → ${donorId} is stale`);
  }
  for (const [key, donorId] of state.identityIndex) {
    const donor = state.donors.get(donorId);
    if (!donor || !identityKeysOf(donor).includes(key)) out.push(`identityIndex ${key} → ${donorId} is stale`);
  }
  for (const [key, holders] of state.identityShared) {
    if (holders.length < 2 || holders[0] !== state.identityIndex.get(key)) out.push(`identityShared ${key} → ${holders.join(', ')} is not the index's`);
    for (const id of holders) if (!identityKeysOf(state.donors.get(id) ?? { fullName: '', agencyId: '' }).includes(key)) out.push(`identityShared ${key} → ${id} is stale`);
  }
  // Every identity a live donor holds is indexed, whoever else holds it too.
  for (const donor of state.donors.values()) {
    for (const key of identityKeysOf(donor)) {
      if (state.identityIndex.get(key) !== donor.id && !state.identityShared.get(key)?.includes(donor.id)) out.push(`${donor.id}: identity ${key} not indexed`);
    }
  }
  // (That every live donor is found by them is a property of its own, in extensions.test.ts.)
  for (const donor of state.donors.values()) {
    if (donor.nationalIdHash && state.nationalIdIndex.get(donor.nationalIdHash) !== donor.id) out.push(`${donor.id}: CCCD hash not in the index`);
    if (donor.erased && (donor.fullName !== '' || donor.phone || donor.nationalIdLast4 || donor.bloodType || donor.birthYear !== undefined))
      out.push(`${donor.id}: erased but still holds personal data`);
  }
  return out;
}

function viewWithoutSeq(state: ProjectionState): Omit<StateBody, 'seq'> {
  const { seq: _seq, ...rest } = toStateBody(state);
  return rest;
}

describe('the log generator', () => {
  it('produces logs that exercise every event type but the setup-only ones, and voids (sanity check of the generator)', () => {
    const seen = new Set<string>();
    let voids = 0;
    let day2 = 0;
    let moves = 0;
    const perType: Record<string, number> = {};
    const lengths: number[] = [];
    fc.assert(
      fc.property(scriptArb, (script) => {
        const { log } = build(script);
        const state = initialState();
        for (const event of log) {
          seen.add(event.type);
          perType[event.type] = (perType[event.type] ?? 0) + 1;
          if (event.type === 'donor.updated' && event.payload.agencyId && state.donors.get(event.payload.donorId)?.agencyId !== event.payload.agencyId) moves += 1;
          replay([event], state);
        }
        lengths.push(script.steps.length);
        voids += log.filter((e) => e.type === 'event.voided').length;
        day2 += log.filter((e) => e.at >= vn(DAY2, '00:00')).length;
        // seq increases by 1 from 1; ids are unique (the server answers a repeated id as a duplicate).
        expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
        expect(new Set(log.map((e) => e.id)).size).toBe(log.length);
      }),
      { numRuns: 100, seed: 42 },
    );
    expect([...seen].sort()).toEqual(
      [
        'agency.upserted',
        'donor.checked_in',
        'donor.deferred',
        'donor.donated',
        'donor.erased',
        'donor.registered',
        'donor.updated',
        'event.configured',
        'event.voided',
        'incident.acknowledged',
        'incident.reported',
        'incident.resolved',
        'milestone.announced',
        'milestone.skipped',
        'personal_data.expired',
        'task.defined',
        'task.status_set',
        'wall.message_set',
      ].sort(),
    );
    expect(perType['donor.donated']).toBeGreaterThan(50);
    expect(perType['donor.deferred']).toBeGreaterThan(20);
    expect(perType['donor.updated']).toBeGreaterThan(20);
    expect(moves).toBeGreaterThan(5);
    expect(voids).toBeGreaterThan(50);
    expect(day2).toBeGreaterThan(100);
    expect(lengths.reduce((a, b) => a + b, 0) / lengths.length).toBeGreaterThan(15);
  });
});

/** A JSON round trip, as the wire does it. */
const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** What a client of `viewer` holds after a snapshot at `cut`, then the events after it as that viewer receives them. */
function clientAt(built: Built, viewer: Viewer, cut: number): ProjectionState {
  const head = replay(built.log.slice(0, cut));
  const client = projectionFromWire(wire(projectionToWire(head, viewer)));
  return replay(built.server.logFor(viewer).slice(cut).map(wire), client);
}

describe('properties', () => {
  it('1. replay of the accepted log = applying live one by one = continuing after a wire round trip', () => {
    fc.assert(
      fc.property(scriptArb, fc.nat(), (script, cutSeed) => {
        const built = build(script);
        const { log, live } = built;
        const replayed = replay(log);
        const applied = log.reduce((state, event) => apply(state, event), initialState());
        expect(canonical(applied)).toBe(canonical(replayed));
        expect(canonical(live)).toBe(canonical(replayed));

        // Admin's copy: the same, less what the server keeps to itself (CCCD hashes).
        const continued = clientAt(built, { visibility: 'full' }, cutSeed % (log.length + 1));
        expect(canonical(continued)).toBe(canonical(projectionForViewer(replayed, { visibility: 'full' })));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  /** Every voidable event e of L that the rules allow an admin to void at the end of L. */
  function voidableAtEnd(log: RecordedEvent[], state: ProjectionState): RecordedEvent[] {
    const at = vn(DAY2, '23:00');
    return log.filter((e) => checkEvent(state, { id: 'cli-void-end', type: 'event.voided', payload: { eventId: e.id, reason: 'r' } }, { role: 'admin', tokenId: ADMIN.tokenId, at }).ok);
  }

  function voidedAndWithout(log: RecordedEvent[], e: RecordedEvent): [ProjectionState, ProjectionState] {
    const voidEvent = { seq: log.length + 1, id: 'cli-void-end', type: 'event.voided', payload: { eventId: e.id, reason: 'r' }, at: vn(DAY2, '23:00'), actor: ADMIN } as RecordedEvent;
    return [replay([...log, voidEvent]), replay(log.filter((x) => x.id !== e.id))];
  }

  /** What a milestone is once reached (the MC's announce / skip, and whether it still holds, may change; nothing else). */
  const reachedPart = (state: ProjectionState) =>
    JSON.stringify([...state.milestones.values()].map(({ announcedAt: _a, announcedEventId: _b, skippedAt: _c, skippedEventId: _d, withdrawnAt: _w, ...rest }) => rest));

  it('2. voiding e at the end gives the same view as the log without e, milestones aside; the milestones stay as they were, withdrawn when no longer true', () => {
    // No other field is ignored: task updatedAt/updatedBy come from the last change still in
    // force, which is the same change in both logs. Milestones differ on purpose: a milestone
    // reached stays in the state (README glossary, "Mốc"), withdrawn from the MC's queue while
    // it is not true, so the void keeps those of L and withdraws what no longer holds.
    let voidsChecked = 0;
    fc.assert(
      fc.property(scriptArb, (script) => {
        const { log, live } = build(script);
        const milestonesOfL = reachedPart(live);
        for (const e of voidableAtEnd(log, live)) {
          const [voided, without] = voidedAndWithout(log, e);
          const { milestones: _a, ...voidedView } = viewWithoutSeq(voided);
          const { milestones: _b, ...withoutView } = viewWithoutSeq(without);
          expect(voidedView, `void of ${e.type} ${e.id}`).toEqual(withoutView);
          expect(reachedPart(voided), `void of ${e.type} ${e.id}`).toBe(milestonesOfL);
          for (const m of voided.milestones.values()) {
            if (m.announcedAt !== null || m.skippedAt !== null) continue;
            expect(m.withdrawnAt !== null, `${m.id} after the void of ${e.type} ${e.id}`).toBe(!milestoneHolds(voided, m));
          }
          voidsChecked += 1;
        }
      }),
      { numRuns: NUM_RUNS },
    );
    expect(voidsChecked).toBeGreaterThan(200);
  });

  it('3. totals are never negative, add up, and equal a recount from the donors (per agency, day, agency-day, blood type, bag size), after every event', () => {
    fc.assert(
      fc.property(scriptArb, (script) => {
        const { violations } = build(script, true);
        expect(violations).toEqual([]);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("4. need to know: counting roles get no donor identity (only the MC a consented name); desks no CCCD and no other device's deferral note; nobody a CCCD or its hash", () => {
    let consentedNames = 0;
    let held = 0;
    fc.assert(
      fc.property(scriptArb, (script) => {
        const built = build(script);
        const { live, server, pii, cccd, names } = built;
        const donorIds = new Set(DONORS);
        const bloodTypes = new Set<string>(BLOOD_TYPES);
        for (const viewer of VIEWERS) {
          const what = `${viewer.visibility}`;
          const received = wire({ snapshot: projectionToWire(live, viewer), view: toStateBody(live, viewer.visibility), events: server.logFor(viewer) });
          const pairs = pairsIn(received);
          // Every string received, in one text to search (a secret never spans two of them: \u0000 is in none).
          const text = pairs.map(([, v]) => v).join('\u0000');
          const contains = (secret: string) => text.includes(secret);
          // Nobody receives a full CCCD or its keyed hash.
          for (const secret of cccd) expect(contains(secret), `${what}: ${secret}`).toBe(false);
          if (COUNTING.includes(viewer.visibility)) {
            for (const secret of [...pii, ...REASONS]) expect(contains(secret), `${what}: ${secret}`).toBe(false);
            for (const [key, value] of pairs) {
              expect(donorIds.has(value) && key !== 'eventId', `${what}: donor id ${value} under ${key}`).toBe(false);
              expect(bloodTypes.has(value), `${what}: blood type under ${key}`).toBe(false);
              expect(['donorId', 'fullName', 'phone', 'nationalIdLast4', 'nationalIdHash', 'birthYear', 'bloodType', 'reasonCode'].includes(key) && key === value, `${what}: field ${key}`).toBe(false);
              // A name, only the MC's, only as a consented name.
              if (names.includes(value)) {
                expect(viewer.visibility === 'mc' && key === 'announceName', `${what}: name ${value} under ${key}`).toBe(true);
                consentedNames += 1;
              }
            }
            if (viewer.visibility === 'public') for (const secret of [...INCIDENT_TITLES, ...INCIDENT_PLACES, ...INCIDENT_NOTES]) expect(contains(secret), secret).toBe(false);
          }
          if (viewer.visibility === 'desk') {
            // Another device's deferral note never reaches this desk; its own do when kept.
            for (const [author, reasons] of Object.entries(REASONS_BY)) {
              if (author === viewer.tokenId) continue;
              for (const secret of reasons) expect(contains(secret), `desk: ${secret}`).toBe(false);
            }
            const snapshot = projectionFromWire(wire(projectionToWire(live, viewer)));
            for (const donor of snapshot.donors.values()) {
              for (const day of donor.days.values()) {
                if (day.outcome?.kind === 'deferred' && day.outcome.actorTokenId !== viewer.tokenId) expect(day.outcome, donor.id).not.toHaveProperty('reasonCode');
              }
            }
          }
        }
        // Positive control: admin's copy does hold the phones and last digits of people whose data is kept.
        const full = JSON.stringify(projectionToWire(live, { visibility: 'full' }));
        for (const donor of live.donors.values()) {
          for (const secret of [donor.phone, donor.nationalIdLast4]) {
            if (!secret) continue;
            expect(full).toContain(JSON.stringify(secret));
            held += 1;
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
    expect(held).toBeGreaterThan(0);
    expect(consentedNames).toBeGreaterThan(0);
  });

  it('5. a client of each viewer that gets a snapshot at a random cut, then the events as that viewer receives them, holds what a fresh snapshot holds', () => {
    fc.assert(
      fc.property(scriptArb, fc.nat(), (script, cutSeed) => {
        const built = build(script);
        const cut = cutSeed % (built.log.length + 1);
        for (const viewer of VIEWERS) {
          const client = clientAt(built, viewer, cut);
          expect(toStateBody(client, viewer.visibility), viewer.visibility).toEqual(toStateBody(built.live, viewer.visibility));
          expect(canonical(client), viewer.visibility).toBe(canonical(projectionForViewer(built.live, viewer)));
        }
      }),
      { numRuns: 50 },
    );
  });

  it("6. a device's optimistic view: the tail of the log folded on a fork of the head = the whole log applied; the head is left untouched", () => {
    fc.assert(
      fc.property(scriptArb, fc.nat(), (script, cutSeed) => {
        const built = build(script);
        const cut = cutSeed % (built.log.length + 1);
        for (const viewer of VIEWERS) {
          const head = clientAt(built, viewer, cut);
          const before = canonical(head);
          const tail = built.server.logFor(viewer).slice(cut).map(wire);
          const folded = foldOnFork(head, tail);
          expect(canonical(head), `${viewer.visibility}: the head was changed`).toBe(before);
          expect(canonical(folded), viewer.visibility).toBe(canonical(projectionForViewer(built.live, viewer)));
          expect(toStateBody(folded, viewer.visibility), viewer.visibility).toEqual(toStateBody(built.live, viewer.visibility));
        }
      }),
      { numRuns: 50 },
    );
  });
});
