/**
 * Time of action (issue 15): days, quarter hours and the rules follow the device's `occurredAt`,
 * not the time the server received the event. Property: for any valid festival log, delivered
 * in any arrival order that keeps each device's own order (a desk's outbox sends in order, and
 * may stay offline for hours, across midnight), every event is accepted and the figures per day,
 * per agency-day and per quarter hour equal a recount by time of action.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QUARTER_HOUR_MS, dayOf, toStateBody } from '../../shared/index.ts';
import type { Actor } from '../../shared/index.ts';
import { AG_COUNT, AG_PERCENT, DAY1, DESK1, DESK2, MiniServer, TZ, vn } from './fixtures.ts';

const NUM_RUNS = 60;
const DESKS: Actor[] = [DESK1, DESK2, { tokenId: 'tok-desk-3', role: 'desk', label: 'Bàn 3' }, { tokenId: 'tok-desk-4', role: 'desk', label: 'Bàn 4' }];
const AGENCIES = [AG_COUNT, AG_PERCENT, 'walk-in'];
const MINUTE = 60_000;
/** Festival actions happen from 06:00 on day 1 to 18:00 on day 2 (midnight included). */
const START = Date.parse(vn(DAY1, '06:00'));
const SPAN_MIN = 36 * 60;

interface DayPlan {
  /** Minutes after the check-in before the outcome. */
  after: number;
  outcome: 'none' | 'donated' | 'deferred';
  volumeMl: 250 | 350 | 450;
}
interface DonorPlan {
  desk: number;
  agency: number;
  /** Minutes after START of the registration. */
  registeredAt: number;
  /** Check-ins: minutes after the registration, and what follows (at most one donation in all: the festival's rule). */
  visits: { gap: number; plan: DayPlan }[];
}

const dayPlanArb: fc.Arbitrary<DayPlan> = fc.record({
  after: fc.integer({ min: 0, max: 90 }),
  outcome: fc.constantFrom('none' as const, 'donated' as const, 'donated' as const, 'deferred' as const),
  volumeMl: fc.constantFrom(250 as const, 350 as const, 450 as const),
});
const donorArb: fc.Arbitrary<DonorPlan> = fc.record({
  desk: fc.nat({ max: DESKS.length - 1 }),
  agency: fc.nat({ max: AGENCIES.length - 1 }),
  registeredAt: fc.integer({ min: 0, max: SPAN_MIN - 200 }),
  visits: fc.array(fc.record({ gap: fc.integer({ min: 0, max: 20 * 60 }), plan: dayPlanArb }), { minLength: 0, maxLength: 2 }),
});
const festivalArb = fc.record({
  donors: fc.array(donorArb, { minLength: 1, maxLength: 25 }),
  /** Which device delivers next (cycled), and how long each delivery waited after its time of action. */
  arrival: fc.array(fc.nat({ max: DESKS.length - 1 }), { minLength: 1, maxLength: 200 }),
  // At most 10 h each: over a 36 h festival no event arrives later than the 48 h window (then it would be clamped, on purpose).
  delays: fc.array(fc.integer({ min: 0, max: 10 * 60 }), { minLength: 1, maxLength: 200 }),
});

interface Action {
  desk: number;
  occurredAt: string;
  type: 'donor.registered' | 'donor.checked_in' | 'donor.donated' | 'donor.deferred';
  payload: Record<string, unknown>;
  agencyId: string;
  volumeMl?: number;
}

/** Every donor's actions in time order, with times of action; a second visit on the same day is dropped (one check-in a day). */
function actionsOf(donors: DonorPlan[]): Action[] {
  const out: Action[] = [];
  donors.forEach((donor, i) => {
    const donorId = `p-${i}`;
    const agencyId = AGENCIES[donor.agency]!;
    const iso = (minutes: number) => new Date(START + Math.min(minutes, SPAN_MIN) * MINUTE).toISOString();
    let clock = donor.registeredAt;
    out.push({ desk: donor.desk, occurredAt: iso(clock), type: 'donor.registered', payload: { donorId, fullName: `Người ${i}`, agencyId }, agencyId });
    const days = new Set<string>();
    let donated = false;
    for (const visit of donor.visits) {
      const checkInAt = clock + visit.gap;
      const outcomeAt = checkInAt + visit.plan.after;
      // A visit and its outcome on the same day (the desk's rule), once a day.
      const day = dayOf(iso(checkInAt), TZ);
      if (checkInAt > SPAN_MIN || outcomeAt > SPAN_MIN || days.has(day) || dayOf(iso(outcomeAt), TZ) !== day) continue;
      days.add(day);
      clock = outcomeAt;
      out.push({ desk: donor.desk, occurredAt: iso(checkInAt), type: 'donor.checked_in', payload: { donorId }, agencyId });
      const outcome = visit.plan.outcome === 'donated' && donated ? 'deferred' : visit.plan.outcome;
      if (outcome === 'donated') {
        donated = true;
        out.push({ desk: donor.desk, occurredAt: iso(outcomeAt), type: 'donor.donated', payload: { donorId, volumeMl: visit.plan.volumeMl }, agencyId, volumeMl: visit.plan.volumeMl });
      } else if (outcome === 'deferred') {
        out.push({ desk: donor.desk, occurredAt: iso(outcomeAt), type: 'donor.deferred', payload: { donorId, reasonCode: 'blood_pressure' }, agencyId });
      }
    }
  });
  return out;
}

type Tally = Record<string, { registered: number; checkedIn: number; donated: number; deferred: number; volumeMl: number }>;
const FIELD = { 'donor.registered': 'registered', 'donor.checked_in': 'checkedIn', 'donor.donated': 'donated', 'donor.deferred': 'deferred' } as const;

/** The recount: every action booked on the day (and quarter hour) it happened. */
function recount(actions: Action[]) {
  const byDay: Tally = {};
  const byAgencyDay: Tally = {};
  const perQuarter = new Map<number, number>();
  for (const action of actions) {
    const day = dayOf(action.occurredAt, TZ);
    for (const [tally, key] of [
      [byDay, day],
      [byAgencyDay, `${action.agencyId}|${day}`],
    ] as const) {
      const counts = (tally[key] ??= { registered: 0, checkedIn: 0, donated: 0, deferred: 0, volumeMl: 0 });
      counts[FIELD[action.type]] += 1;
      counts.volumeMl += action.volumeMl ?? 0;
    }
    if (action.type === 'donor.donated') {
      const quarter = Math.floor(Date.parse(action.occurredAt) / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
      perQuarter.set(quarter, (perQuarter.get(quarter) ?? 0) + 1);
    }
  }
  return { byDay, byAgencyDay, perQuarter };
}

describe('time of action: figures follow when it happened, whatever the arrival order', () => {
  it('any arrival order keeping each device its own order: every event accepted, per day / agency-day / quarter hour = a recount by time of action', () => {
    let crossedMidnightLate = 0;
    fc.assert(
      fc.property(festivalArb, ({ donors, arrival, delays }) => {
        const actions = actionsOf(donors);
        const queues = DESKS.map((_, desk) => actions.filter((a) => a.desk === desk).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt)));
        const server = new MiniServer().setup('2024-07-18T01:00:00.000Z');
        let received = START;
        let sent = 0;
        for (let turn = 0; queues.some((q) => q.length > 0); turn++) {
          // The next device with something to send, from the generated order (then round robin).
          let desk = arrival[turn % arrival.length]!;
          while (queues[desk]!.length === 0) desk = (desk + 1) % DESKS.length;
          const action = queues[desk]!.shift()!;
          // Delivered after it happened, maybe hours later (offline), never before an earlier delivery.
          received = Math.max(received, Date.parse(action.occurredAt) + delays[sent % delays.length]! * MINUTE) + 1000;
          const at = new Date(received).toISOString();
          if (dayOf(at, TZ) !== dayOf(action.occurredAt, TZ)) crossedMidnightLate += 1;
          const { result } = server.send(action.type, action.payload as never, DESKS[desk]!, at, action.occurredAt);
          expect(result, `${action.type} ${JSON.stringify(action.payload)} happened ${action.occurredAt}, received ${at}`).toEqual({ ok: true });
          expect(server.log[server.log.length - 1]!.occurredAtFlag).toBeUndefined();
          sent += 1;
        }
        const expected = recount(actions);
        const state = server.state;
        const actualByDay: Tally = Object.fromEntries([...state.byDay].map(([day, counts]) => [day, { ...counts }]));
        // The setup's own day (agencies, no counts) aside, the days hold exactly the recount.
        expect(actualByDay).toEqual(expected.byDay);
        const actualByAgencyDay: Tally = {};
        for (const [agencyId, days] of state.byAgencyDay) for (const [day, counts] of days) actualByAgencyDay[`${agencyId}|${day}`] = { ...counts };
        expect(actualByAgencyDay).toEqual(expected.byAgencyDay);
        expect(new Map(state.donatedPerQuarterHour)).toEqual(expected.perQuarter);
        // The state body (what every page reads) says the same.
        const body = toStateBody(state);
        expect(Object.fromEntries(body.days.map(({ date, ...counts }) => [date, counts]))).toEqual(expected.byDay);
      }),
      { numRuns: NUM_RUNS },
    );
    // The generator really delivers events on a later day than they happened.
    expect(crossedMidnightLate).toBeGreaterThan(NUM_RUNS);
  });
});
