/**
 * Property tests of the milestone engine on a small festival where everything fires often:
 * agencies with quotas 6 (or 7, changed mid-run) and 10, so the target is 16 or 17; custom
 * rules with small thresholds defined mid-run; bursts of donations so some runs cross 100 and
 * 200; voids, moves of donors between agencies, template edits, announce and skip.
 *
 * - replay determinism (same ids at the same reachedSeq), also after a wire round trip at a
 *   random cut of any visibility, continued with the events as that visibility receives them
 *   (the counting roles: as counts);
 * - at most once: after every accepted event the set of ids only grows and what a milestone
 *   is (id, kind, label, script, value, agency, reachedAt, reachedSeq) never changes; a void
 *   neither adds nor removes one;
 * - an independent oracle: the milestones are exactly those the rules of API.md name, each at
 *   the first counting event that took its value to the threshold.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WALK_IN_AGENCY_ID, eventDayOf, isDonationStep, projectionForViewer, projectionFromWire, projectionToWire, quotaOf, replay } from '../../shared/index.ts';
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
  | { kind: 'quota'; count: 6 | 7 }
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
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('quota' as const), count: fc.constantFrom(6 as const, 7 as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('mc' as const), announce: fc.boolean(), pick: fc.nat() }) },
);

const scriptArb = fc.record({
  steps: fc.array(fc.tuple(commandArb, fc.integer({ min: 0, max: 20 })), { minLength: 1, maxLength: 40, size: 'max' }),
  night: fc.nat({ max: 40 }),
  countOn: fc.constantFrom('donated' as const, 'checkedIn' as const),
});
type Script = { steps: [Command, number][]; night: number; countOn: 'donated' | 'checkedIn' };

/** What a milestone is once reached: everything but the MC's announce / skip. */
type Reached = Omit<MilestoneInfo, 'announcedAt' | 'announcedEventId' | 'skippedAt' | 'skippedEventId'>;
function reachedOf(state: ProjectionState): Map<string, string> {
  return new Map(
    [...state.milestones.values()].map(({ announcedAt: _a, announcedEventId: _b, skippedAt: _c, skippedEventId: _d, ...rest }: MilestoneInfo): [string, string] => [
      rest.id,
      JSON.stringify(rest as Reached),
    ]),
  );
}

interface Built {
  log: RecordedEvent[];
  live: ProjectionState;
  /** The server, to get the log as each viewer receives it. */
  server: MiniServer;
  /** Failures of "only grows, never changes" after each accepted event. */
  violations: string[];
  /** The oracle: milestone id → seq of the first counting event that took its value to its threshold. */
  expected: Map<string, number>;
  maxDonated: number;
}

function build(script: Script): Built {
  const server = new MiniServer();
  server.ok('event.configured', { name: 'Ngày hội nhỏ', venue: 'Hội trường', timezone: TZ, days: [DAY1, DAY2], countOn: script.countOn }, ADMIN, SETUP_AT);
  server.ok('agency.upserted', { agencyId: 'a', name: 'Cơ quan A', quota: { kind: 'count', count: 6 } }, ADMIN, SETUP_AT);
  server.ok('agency.upserted', { agencyId: 'b', name: 'Cơ quan B', quota: { kind: 'count', count: 10 } }, ADMIN, SETUP_AT);
  const violations: string[] = [];
  const expected = new Map<string, number>();
  let maxDonated = 0;
  let fresh = 0;
  let clock = Date.parse(vn(DAY1, '07:00'));

  /** Submits one event and checks / feeds the oracle. */
  const submit = (event: NewEvent, actor: Actor, at: string) => {
    const before = reachedOf(server.state);
    const { result, event: recorded } = server.submit(event, actor, at);
    if (!result.ok || !recorded) return;
    const after = reachedOf(server.state);
    const state = server.state;
    for (const [id, json] of before) {
      if (!after.has(id)) violations.push(`seq ${recorded.seq} (${recorded.type}) removed ${id}`);
      else if (after.get(id) !== json) violations.push(`seq ${recorded.seq} (${recorded.type}) changed ${id}: ${json} → ${after.get(id)}`);
    }
    const added = [...after.keys()].filter((id) => !before.has(id));
    if (added.length && !['donor.registered', 'donor.checked_in', 'donor.donated'].includes(recorded.type)) {
      violations.push(`seq ${recorded.seq}: a ${recorded.type} reached ${added.join(', ')}`);
    }
    for (const id of added) {
      const m = state.milestones.get(id)!;
      if (m.reachedSeq !== recorded.seq || m.reachedAt !== recorded.at) violations.push(`${id} reached at seq ${recorded.seq} says reachedSeq ${m.reachedSeq} / ${m.reachedAt}`);
    }

    // The oracle, from API.md: each milestone at the first counting event that took its value to its threshold.
    const field = recorded.type === 'donor.registered' ? 'registered' : recorded.type === 'donor.checked_in' ? 'checkedIn' : recorded.type === 'donor.donated' ? 'donated' : null;
    if (!field) return;
    const expect1 = (id: string) => {
      if (!expected.has(id)) expected.set(id, recorded.seq);
    };
    const donor = state.donors.get((recorded.payload as { donorId: string }).donorId)!;
    const agencyId = donor.agencyId;
    const day = eventDayOf(state, recorded.at);
    const target = [...state.agencies.values()].reduce((sum, a) => sum + (quotaOf(a.quotaRule) ?? 0), 0);
    if (field === 'donated') {
      const total = state.totals.donated;
      maxDonated = Math.max(maxDonated, total);
      if ([...state.donors.values()].filter((d) => d.days.get(day)?.outcome?.kind === 'donated').length === 1) expect1(`first-donation-${day}`);
      if (target > 0 && total === target) expect1(`target-${target}`);
      else if (isDonationStep(total)) expect1(`donations-${total}`);
    }
    if (field === script.countOn) {
      const agency = state.agencies.get(agencyId);
      const quota = agency ? quotaOf(agency.quotaRule) : null;
      const count = state.byAgency.get(agencyId)?.[field] ?? 0;
      if (quota) {
        if (count === Math.ceil(quota / 2) && count < quota) expect1(`agency-${agencyId}-50`);
        if (count === quota) expect1(`agency-${agencyId}-100`);
      }
    }
    for (const rule of state.milestoneRules.values()) {
      if (rule.metric !== field || (rule.agencyId !== undefined && rule.agencyId !== agencyId)) continue;
      const value = rule.agencyId !== undefined ? (state.byAgency.get(rule.agencyId)?.[field] ?? 0) : state.totals[field];
      if (value === rule.threshold) expect1(`custom-${rule.id}`);
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
  return { log: server.log, live: server.state, server, violations, expected, maxDonated };
}

const milestonesJson = (state: ProjectionState) => JSON.stringify([...state.milestones]);

describe('milestone properties (small festival: quotas 6 or 7 and 10, custom rules, bursts past 100)', () => {
  it('the generator crosses 100 donations in some runs and reaches every kind (sanity check)', () => {
    const kinds = new Set<string>();
    let past100 = 0;
    let past200 = 0;
    let voidsAfterMilestone = 0;
    let runs = 0;
    fc.assert(
      fc.property(scriptArb, (script) => {
        const { live, maxDonated, log } = build(script);
        runs += 1;
        for (const m of live.milestones.values()) kinds.add(m.kind);
        if (maxDonated >= 100) past100 += 1;
        if (maxDonated >= 200) past200 += 1;
        const firstReach = Math.min(...[...live.milestones.values()].map((m) => m.reachedSeq));
        voidsAfterMilestone += log.filter((e) => e.type === 'event.voided' && e.seq > firstReach).length;
      }),
      { numRuns: NUM_RUNS, seed: 7 },
    );
    expect([...kinds].sort()).toEqual(['agency_half', 'agency_quota', 'custom', 'donations', 'first_donation_of_day', 'target']);
    expect(past100).toBeGreaterThan(runs / 5);
    expect(past200).toBeGreaterThan(0);
    expect(voidsAfterMilestone).toBeGreaterThan(50);
  });

  it('at most once: the ids only grow, a reached milestone never changes (nor is removed by a void), only counting events reach one, at their own seq', () => {
    fc.assert(
      fc.property(scriptArb, (script) => {
        const { violations, live } = build(script);
        expect(violations).toEqual([]);
        // Ids unique in the view as well.
        const ids = [...live.milestones.keys()];
        expect(new Set(ids).size).toBe(ids.length);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('the milestones are exactly those of the rules (an independent oracle), each at the first event that took its value to the threshold', () => {
    fc.assert(
      fc.property(scriptArb, (script) => {
        const { live, expected } = build(script);
        const actual = new Map([...live.milestones.values()].map((m) => [m.id, m.reachedSeq]));
        expect(Object.fromEntries([...actual].sort())).toEqual(Object.fromEntries([...expected].sort()));
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
