/**
 * Property tests of the milestone engine on a small festival where everything fires often:
 * agencies with quotas 6 (or 7 or 40, changed mid-run) and 10, so the target is 16, 17 or 50; custom
 * rules with small thresholds defined mid-run; bursts of donations so some runs cross 100 and
 * 200; voids (the last donation undone, often), moves of donors between agencies, template
 * edits, announce and skip.
 *
 * - replay determinism (same ids at the same reachedSeq), also after a wire round trip at a
 *   random cut of any visibility, continued with the events as that visibility receives them
 *   (the counting roles: as counts);
 * - true: after every accepted event, a milestone waiting in the MC's queue holds and a
 *   withdrawn one does not, by an independent recount of the donors; an announcement is
 *   accepted only while its milestone holds;
 * - complete: a step, the target, an agency's 100 % or a day's first donation that holds now
 *   has its milestone, in the queue or already handled;
 * - once: ids are unique, there is at most one target, an announced milestone is never
 *   withdrawn and never reached again, and at most one announcement of each stands.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WALK_IN_AGENCY_ID, eventDayOf, projectionForViewer, projectionFromWire, projectionToWire, quotaOf, replay } from '../../shared/index.ts';
import type { Actor, MilestoneInfo, ProjectionState, RecordedEvent, SubmittedEvent as NewEvent, Visibility } from '../../shared/index.ts';
import { ADMIN, DAY1, DAY2, DESK1, DESK2, MC, MiniServer, TZ, canonical, vn } from './fixtures.ts';

const NUM_RUNS = 50;
const AGENCIES = ['a', 'b', WALK_IN_AGENCY_ID];
const POOL = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'];
const KINDS = ['first_donation_of_day', 'donations', 'one_thousand', 'target', 'agency_half', 'agency_quota', 'custom'] as const;
const METRICS = ['donated', 'checkedIn', 'registered'] as const;
const SETUP_AT = '2024-07-18T01:00:00.000Z';

type Command =
  | { kind: 'progress'; donor: number; agency: number; donate: boolean; by: number }
  | { kind: 'burst'; count: number; agency: number }
  | { kind: 'void'; target: number; recent: boolean }
  | { kind: 'move'; donor: number; agency: number }
  | { kind: 'rule'; rule: number; metric: (typeof METRICS)[number]; agency: number | null; threshold: number }
  | { kind: 'template'; template: (typeof KINDS)[number]; text: string }
  | { kind: 'quota'; count: 6 | 7 | 40 }
  | { kind: 'undo' }
  | { kind: 'mc'; announce: boolean; pick: number };

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant('progress' as const),
      donor: fc.nat({ max: POOL.length - 1 }),
      agency: fc.nat({ max: 2 }),
      donate: fc.integer({ min: 0, max: 4 }).map((n) => n > 0),
      by: fc.nat({ max: 1 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('burst' as const), count: fc.integer({ min: 1, max: 110 }), agency: fc.nat({ max: 2 }) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('void' as const), target: fc.nat(), recent: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('move' as const), donor: fc.nat({ max: POOL.length - 1 }), agency: fc.nat({ max: 2 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('rule' as const),
      rule: fc.nat({ max: 2 }),
      metric: fc.constantFrom(...METRICS),
      agency: fc.option(fc.nat({ max: 2 }), { nil: null }),
      threshold: fc.integer({ min: 1, max: 40 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('template' as const),
      template: fc.constantFrom(...KINDS),
      text: fc.constantFrom('{n}/{target} {agency} {time}', 'Mốc {label} ngày {day}', 'Còn {remaining}'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('quota' as const), count: fc.constantFrom(6 as const, 7 as const, 40 as const) }) },
  // The desk undoes its last donation: what takes a figure back below a milestone just reached.
  { weight: 8, arbitrary: fc.constant({ kind: 'undo' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('mc' as const), announce: fc.boolean(), pick: fc.nat() }) },
);

const scriptArb = fc.record({
  steps: fc.array(fc.tuple(commandArb, fc.integer({ min: 0, max: 20 })), { minLength: 1, maxLength: 40, size: 'max' }),
  night: fc.nat({ max: 40 }),
  countOn: fc.constantFrom('donated' as const, 'checkedIn' as const),
});
type Script = { steps: [Command, number][]; night: number; countOn: 'donated' | 'checkedIn' };

/** The figures recounted from the donor layer, independently of the projection's counters. */
function recount(state: ProjectionState, countOn: 'donated' | 'checkedIn') {
  const byAgency = new Map<string, { registered: number; checkedIn: number; donated: number }>();
  const byDay = new Map<string, number>();
  const totals = { registered: 0, checkedIn: 0, donated: 0 };
  for (const donor of state.donors.values()) {
    const agency = byAgency.get(donor.agencyId) ?? { registered: 0, checkedIn: 0, donated: 0 };
    byAgency.set(donor.agencyId, agency);
    agency.registered += 1;
    totals.registered += 1;
    for (const [day, record] of donor.days) {
      agency.checkedIn += 1;
      totals.checkedIn += 1;
      if (record.outcome?.kind === 'donated') {
        agency.donated += 1;
        totals.donated += 1;
        byDay.set(day, (byDay.get(day) ?? 0) + 1);
      }
    }
  }
  const quotaOfAgency = (id: string) => {
    const agency = state.agencies.get(id);
    const quota = agency ? quotaOf(agency.quotaRule) : null;
    return quota && quota > 0 ? quota : null;
  };
  const target = [...state.agencies.values()].reduce((sum, a) => sum + (quotaOf(a.quotaRule) ?? 0), 0);
  /** Whether a milestone's condition holds, by the rules of milestones.ts read afresh. */
  const holds = (m: MilestoneInfo): boolean => {
    switch (m.kind) {
      case 'first_donation_of_day':
        return (byDay.get(m.id.replace('first-donation-', '')) ?? 0) >= 1;
      case 'donations':
      case 'one_thousand':
        return totals.donated >= m.value;
      case 'target':
        return target > 0 && totals.donated >= target;
      case 'agency_half':
      case 'agency_quota': {
        const quota = quotaOfAgency(m.agencyId!);
        const count = byAgency.get(m.agencyId!)?.[countOn] ?? 0;
        return quota !== null && count >= (m.kind === 'agency_half' ? Math.ceil(quota / 2) : quota);
      }
      case 'custom': {
        const rule = state.milestoneRules.get(m.id.replace('custom-', ''))!;
        const value = rule.agencyId !== undefined ? (byAgency.get(rule.agencyId)?.[rule.metric] ?? 0) : totals[rule.metric];
        return value >= rule.threshold;
      }
    }
  };
  return { byAgency, byDay, totals, target, quotaOfAgency, holds };
}

interface Built {
  log: RecordedEvent[];
  live: ProjectionState;
  /** The server, to get the log as each viewer receives it. */
  server: MiniServer;
  /** Failures of the properties after each accepted event. */
  violations: string[];
  maxDonated: number;
  /** Milestones withdrawn, and brought back (the generator must reach both). */
  withdrawals: number;
  returned: number;
}

function build(script: Script): Built {
  const server = new MiniServer();
  server.ok('event.configured', { name: 'Ngày hội nhỏ', venue: 'Hội trường', timezone: TZ, days: [DAY1, DAY2], countOn: script.countOn }, ADMIN, SETUP_AT);
  server.ok('agency.upserted', { agencyId: 'a', name: 'Cơ quan A', quota: { kind: 'count', count: 6 } }, ADMIN, SETUP_AT);
  server.ok('agency.upserted', { agencyId: 'b', name: 'Cơ quan B', quota: { kind: 'count', count: 10 } }, ADMIN, SETUP_AT);
  const violations: string[] = [];
  let maxDonated = 0;
  let withdrawals = 0;
  let returned = 0;
  let fresh = 0;
  let clock = Date.parse(vn(DAY1, '07:00'));

  /** Submits one event and checks the properties after it. */
  const submit = (event: NewEvent, actor: Actor, at: string) => {
    const before = new Map([...server.state.milestones].map(([id, m]) => [id, structuredClone(m)]));
    const heldBefore = recount(server.state, script.countOn).holds;
    const { result, event: recorded } = server.submit(event, actor, at);
    if (event.type === 'milestone.announced' && result.ok) {
      const m = before.get((event.payload as { milestoneId: string }).milestoneId);
      if (!m || !heldBefore(m)) violations.push(`${event.id}: announced ${m?.id} while it did not hold`);
    }
    if (!result.ok || !recorded) return;
    const state = server.state;
    const figures = recount(state, script.countOn);
    maxDonated = Math.max(maxDonated, figures.totals.donated);
    const where = `seq ${recorded.seq} (${recorded.type})`;
    for (const m of state.milestones.values()) {
      const handled = m.announcedAt !== null || m.skippedAt !== null;
      if (!handled && (m.withdrawnAt === null) !== figures.holds(m)) violations.push(`${where}: ${m.id} withdrawnAt=${m.withdrawnAt} but holds=${figures.holds(m)}`);
      if (handled && m.withdrawnAt !== null) violations.push(`${where}: ${m.id} handled and withdrawn`);
      const was = before.get(m.id);
      if (was && was.withdrawnAt === null && m.withdrawnAt !== null) withdrawals += 1;
      if (was && was.withdrawnAt !== null && m.withdrawnAt === null) returned += 1;
      if (was?.announcedAt && (was.reachedSeq !== m.reachedSeq || was.kind !== m.kind)) violations.push(`${where}: announced ${m.id} reached again`);
    }
    for (const id of before.keys()) if (!state.milestones.has(id)) violations.push(`${where}: removed ${id}`);
    if ([...state.milestones.values()].filter((m) => m.kind === 'target').length > 1) violations.push(`${where}: two targets`);
    // Complete: what holds now has its milestone (queued or handled).
    const has = (id: string) => state.milestones.has(id);
    for (const step of [100, 200]) if (figures.totals.donated >= step && !has(`donations-${step}`)) violations.push(`${where}: ${step} donations, no donations-${step}`);
    if (figures.target > 0 && figures.totals.donated >= figures.target && ![...state.milestones.values()].some((m) => m.kind === 'target')) violations.push(`${where}: target met, no milestone`);
    for (const agencyId of ['a', 'b']) {
      const quota = figures.quotaOfAgency(agencyId);
      if (quota !== null && (figures.byAgency.get(agencyId)?.[script.countOn] ?? 0) >= quota && !has(`agency-${agencyId}-100`)) violations.push(`${where}: ${agencyId} met its quota, no milestone`);
    }
    for (const [day, n] of figures.byDay) if (n > 0 && !has(`first-donation-${day}`)) violations.push(`${where}: ${day} has donations, no first donation`);
    // Once: at most one standing announcement of each milestone.
    if (recorded.type === 'milestone.announced') {
      const voided = new Set(server.log.filter((e) => e.type === 'event.voided').map((e) => (e.payload as { eventId: string }).eventId));
      const id = (recorded.payload as { milestoneId: string }).milestoneId;
      const standing = server.log.filter((e) => e.type === 'milestone.announced' && (e.payload as { milestoneId: string }).milestoneId === id && !voided.has(e.id));
      if (standing.length > 1) violations.push(`${where}: ${id} announced ${standing.length} times`);
    }
  };

  script.steps.forEach(([command, gap], i) => {
    if (i === script.night) clock = Math.max(clock, Date.parse(vn(DAY2, '00:05')));
    clock += gap * 60_000;
    const at = new Date(clock).toISOString();
    const id = `cmd-${String(i).padStart(4, '0')}`;
    const state = server.state;
    switch (command.kind) {
      case 'progress': {
        const donorId = POOL[command.donor]!;
        const donor = state.donors.get(donorId);
        const desk = command.by ? DESK2 : DESK1;
        if (!donor) submit({ id, type: 'donor.registered', payload: { donorId, fullName: `Người ${donorId}`, agencyId: AGENCIES[command.agency]! } }, desk, at);
        else if (!donor.days.has(eventDayOf(state, at))) submit({ id, type: 'donor.checked_in', payload: { donorId } }, desk, at);
        else if (command.donate) submit({ id, type: 'donor.donated', payload: { donorId, volumeMl: 350 } }, desk, at);
        else submit({ id, type: 'donor.deferred', payload: { donorId, reason: 'Huyết áp thấp' } }, desk, at);
        break;
      }
      case 'burst':
        for (let k = 0; k < command.count; k++) {
          fresh += 1;
          const donorId = `f-${fresh}`;
          submit({ id: `${id}-r${k}`, type: 'donor.registered', payload: { donorId, fullName: `Người ${donorId}`, agencyId: AGENCIES[command.agency]! } }, DESK1, at);
          submit({ id: `${id}-c${k}`, type: 'donor.checked_in', payload: { donorId } }, DESK1, at);
          submit({ id: `${id}-d${k}`, type: 'donor.donated', payload: { donorId, volumeMl: 250 } }, DESK1, at);
        }
        break;
      case 'void': {
        const log = server.log;
        const index = command.recent ? log.length - 1 - (command.target % Math.min(log.length, 6)) : command.target % log.length;
        submit({ id, type: 'event.voided', payload: { eventId: log[index]!.id, reason: 'nhập nhầm' } }, ADMIN, at);
        break;
      }
      case 'undo': {
        const voided = new Set(server.log.filter((e) => e.type === 'event.voided').map((e) => (e.payload as { eventId: string }).eventId));
        const last = server.log.findLast((e) => e.type === 'donor.donated' && !voided.has(e.id));
        if (last) submit({ id, type: 'event.voided', payload: { eventId: last.id, reason: 'nhập nhầm' } }, ADMIN, at);
        break;
      }
      case 'move':
        submit({ id, type: 'donor.updated', payload: { donorId: POOL[command.donor]!, agencyId: AGENCIES[command.agency]! } }, DESK1, at);
        break;
      case 'rule':
        submit(
          {
            id,
            type: 'milestone.rule_defined',
            payload: {
              ruleId: `r${command.rule}`,
              label: `Mốc r${command.rule}`,
              metric: command.metric,
              threshold: command.threshold,
              ...(command.agency !== null ? { agencyId: AGENCIES[command.agency]! } : {}),
            },
          },
          ADMIN,
          at,
        );
        break;
      case 'template':
        submit({ id, type: 'milestone.template_set', payload: { kind: command.template, text: command.text } }, ADMIN, at);
        break;
      case 'quota':
        submit({ id, type: 'agency.upserted', payload: { agencyId: 'a', name: 'Cơ quan A', quota: { kind: 'count', count: command.count } } }, ADMIN, at);
        break;
      case 'mc': {
        const ids = [...state.milestones.keys()];
        if (!ids.length) break;
        const milestoneId = ids[command.pick % ids.length]!;
        submit({ id, type: command.announce ? 'milestone.announced' : 'milestone.skipped', payload: { milestoneId } }, MC, at);
        break;
      }
    }
  });
  return { log: server.log, live: server.state, server, violations, maxDonated, withdrawals, returned };
}

const milestonesJson = (state: ProjectionState) => JSON.stringify([...state.milestones]);

describe('milestone properties (small festival: quotas 6 or 7 and 10, custom rules, bursts past 100)', () => {
  it('the generator crosses 100 donations in some runs, reaches every kind, withdraws and brings back milestones (sanity check)', () => {
    const kinds = new Set<string>();
    let past100 = 0;
    let past200 = 0;
    let withdrawn = 0;
    let returned = 0;
    let runs = 0;
    fc.assert(
      fc.property(scriptArb, (script) => {
        const built = build(script);
        runs += 1;
        for (const m of built.live.milestones.values()) kinds.add(m.kind);
        withdrawn += built.withdrawals;
        if (built.maxDonated >= 100) past100 += 1;
        if (built.maxDonated >= 200) past200 += 1;
        returned += built.returned;
      }),
      { numRuns: NUM_RUNS, seed: 7 },
    );
    expect([...kinds].sort()).toEqual(['agency_half', 'agency_quota', 'custom', 'donations', 'first_donation_of_day', 'target']);
    expect(past100).toBeGreaterThan(runs / 5);
    expect(past200).toBeGreaterThan(0);
    expect(withdrawn).toBeGreaterThan(5);
    expect(returned).toBeGreaterThan(5);
  });

  it('true, complete, once: the queue holds only what is true, what is true is there, nothing is announced while false or twice', () => {
    fc.assert(
      fc.property(scriptArb, (script) => {
        const { violations } = build(script);
        expect(violations).toEqual([]);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('replay determinism: replaying the accepted log, or continuing after a wire round trip at a random cut (any visibility), reaches the same milestones at the same seq', () => {
    fc.assert(
      fc.property(scriptArb, fc.nat(), fc.constantFrom<Visibility>('full', 'desk', 'staff', 'mc', 'public'), (script, cutSeed, visibility) => {
        const { log, live, server } = build(script);
        const viewer = { visibility, tokenId: DESK1.tokenId };
        const replayed = replay(log);
        expect(milestonesJson(replayed)).toBe(milestonesJson(live));
        expect(canonical(replayed)).toBe(canonical(live));

        const cut = cutSeed % (log.length + 1);
        const head = replay(log.slice(0, cut));
        // replay continues in place from the decoded snapshot (apply would clone the state per event).
        const client = replay(server.logFor(viewer).slice(cut), projectionFromWire(JSON.parse(JSON.stringify(projectionToWire(head, viewer)))));
        // The same milestones, as this viewer holds them (the counting roles without the donor).
        expect(milestonesJson(client)).toBe(milestonesJson(projectionForViewer(live, viewer)));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
