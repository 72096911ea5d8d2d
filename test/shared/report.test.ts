/**
 * The agency report (shared/report.ts): figures equal the state body, sections add up, walk-ins
 * on their own line, percent of quota rounded down, units by bag size reconcile with the volume
 * and the donations, and the venue-time helpers.
 */
import { describe, expect, it } from 'vitest';
import { agencyReport, BAG_SIZES_ML, percentOfQuota, sectionRows, type BagCounts, type ReportRow, type ReportSection } from '../../shared/report.ts';
import { replay } from '../../shared/projection.ts';
import { instantToZoned, zonedIso, zonedToEpoch, zoneOffsetMinutes } from '../../shared/time.ts';
import { toStateBody } from '../../shared/view.ts';
import type { Counts } from '../../shared/projection.ts';
import { ADMIN, AG_COUNT, AG_PERCENT, DAY1, DAY2, DESK1, DESK2, MiniServer, vn } from './fixtures.ts';

const FIELDS = ['registered', 'checkedIn', 'donated', 'deferred', 'volumeMl'] as const;
const pick = (c: Counts) => Object.fromEntries(FIELDS.map((f) => [f, c[f]]));
const sum = (rows: Counts[]) => Object.fromEntries(FIELDS.map((f) => [f, rows.reduce((n, r) => n + r[f], 0)]));
const bagsOf = (row: ReportRow): BagCounts => {
  expect(row.bags, `${row.kind} ${row.agencyId}`).not.toBeNull();
  return row.bags!;
};
const sumBags = (rows: ReportRow[]) => Object.fromEntries(BAG_SIZES_ML.map((size) => [size, rows.reduce((n, r) => n + bagsOf(r)[size], 0)]));

/** A festival with donors on both days, walk-ins, a deferral, a voided donation and a pre-registration. */
function festival(): MiniServer {
  const server = new MiniServer().setup();
  let n = 0;
  const donor = (agencyId: string, at: string, outcome: 'donated' | 'deferred' | 'registered', desk = DESK1) => {
    n += 1;
    const donorId = `d-${n}`;
    server.ok('donor.registered', { donorId, fullName: `Người hiến ${n}`, agencyId }, desk, at);
    if (outcome === 'registered') return donorId;
    server.ok('donor.checked_in', { donorId }, desk, at);
    // Every bag size turns up: 250, 350, 450, 250, …
    if (outcome === 'donated') server.ok('donor.donated', { donorId, volumeMl: BAG_SIZES_ML[n % 3]! }, desk, at);
    else server.ok('donor.deferred', { donorId, reason: 'Huyết áp thấp' }, desk, at);
    return donorId;
  };
  // Pre-registered the week before: counted on that day, outside the festival days.
  donor(AG_COUNT, '2024-07-10T02:00:00.000Z', 'registered');
  for (let i = 0; i < 5; i++) donor(AG_COUNT, vn(DAY1, '08:00'), 'donated');
  for (let i = 0; i < 3; i++) donor(AG_PERCENT, vn(DAY1, '09:00'), 'donated', DESK2);
  donor(AG_PERCENT, vn(DAY1, '09:30'), 'deferred');
  donor('walk-in', vn(DAY1, '10:00'), 'donated');
  for (let i = 0; i < 4; i++) donor(AG_PERCENT, vn(DAY2, '08:00'), 'donated');
  donor('walk-in', vn(DAY2, '08:30'), 'deferred');
  const voided = donor(AG_COUNT, vn(DAY2, '09:00'), 'donated');
  const donation = server.log.findLast((e) => e.type === 'donor.donated' && e.payload.donorId === voided)!;
  server.ok('event.voided', { eventId: donation.id, reason: 'Nhập nhầm' }, ADMIN, vn(DAY2, '09:05'));
  return server;
}

describe('agency report', () => {
  const server = festival();
  const report = agencyReport(server.state);
  const body = toStateBody(server.state);

  it('the festival section is the state body: agencies, walk-ins, totals, quotas, target', () => {
    expect(report.seq).toBe(body.seq);
    expect(report.target).toBe(body.target);
    expect(report.festival.agencies.map((r) => ({ id: r.agencyId, quota: r.quota, ...pick(r) }))).toEqual(body.agencies.map((a) => ({ id: a.id, quota: a.quota, ...pick(a) })));
    expect(pick(report.festival.walkIns)).toEqual(pick(body.walkIns));
    expect(pick(report.festival.totals)).toEqual(pick(body.totals));
    expect(report.festival.totals.quota).toBe(body.target);
    expect(report.festival.walkIns.quota).toBeNull();
  });

  it('one section per festival day, then other days; each day equals the state body day; the days add up to the festival', () => {
    expect(report.days.map((s) => [s.kind, s.date])).toEqual([
      ['day', DAY1],
      ['day', DAY2],
      ['other_days', null],
    ]);
    for (const section of report.days.filter((s) => s.kind === 'day')) {
      expect(pick(section.totals)).toEqual(pick(body.days.find((d) => d.date === section.date)!));
      for (const row of section.agencies) {
        const agency = body.agencies.find((a) => a.id === row.agencyId)!;
        expect(pick(row)).toEqual(pick(agency.days[section.date!] ?? { registered: 0, checkedIn: 0, donated: 0, deferred: 0, volumeMl: 0 }));
      }
    }
    expect(report.days[2]!.totals.registered).toBe(1);
    const rowsOf = (section: ReportSection) => sectionRows(section);
    for (let i = 0; i < report.festival.agencies.length + 2; i++) {
      expect(pick(rowsOf(report.festival)[i]!)).toEqual(sum(report.days.map((s) => rowsOf(s)[i]!)));
    }
  });

  it('agencies and walk-ins add up to the totals in every section; walk-ins are their own line', () => {
    for (const section of [...report.days, report.festival]) {
      expect(sum([...section.agencies, section.walkIns])).toEqual(pick(section.totals));
      expect(section.agencies.some((r) => r.agencyId === 'walk-in')).toBe(false);
      expect(section.walkIns).toMatchObject({ kind: 'walk_in', agencyId: 'walk-in' });
    }
    expect(report.festival.walkIns).toMatchObject({ registered: 2, checkedIn: 2, donated: 1, deferred: 1 });
    // The voided donation is gone from every figure.
    expect(report.days[1]!.agencies.find((r) => r.agencyId === AG_COUNT)).toMatchObject({ registered: 1, checkedIn: 1, donated: 0 });
  });

  it('percent of quota counts on countOn, rounded down to one decimal; 50 % of 121 → quota 61', () => {
    const percent = report.festival.agencies.find((r) => r.agencyId === AG_PERCENT)!;
    expect(percent.quota).toBe(61);
    expect(percent.donated).toBe(7);
    expect(percent.percentOfQuota).toBe(11.4);
    expect(report.festival.agencies.find((r) => r.agencyId === AG_COUNT)!.percentOfQuota).toBe(3.3);
    expect(percentOfQuota(59, 60)).toBe(98.3);
    expect(percentOfQuota(60, 60)).toBe(100);
    expect(percentOfQuota(1, 3)).toBe(33.3);
    expect(percentOfQuota(5, null)).toBeNull();
    expect(percentOfQuota(5, 0)).toBeNull();
  });

  it('no other-days section when everything happened on festival days; an empty log gives an empty report', () => {
    const onlyFestival = new MiniServer().setup();
    onlyFestival.ok('donor.registered', { donorId: 'x', fullName: 'Lê Văn X', agencyId: AG_COUNT }, DESK1, vn(DAY1, '07:00'));
    expect(agencyReport(onlyFestival.state).days.map((s) => s.kind)).toEqual(['day', 'day']);
    const empty = agencyReport(new MiniServer().state);
    expect(empty).toMatchObject({ seq: 0, event: null, target: 0, days: [] });
    expect(empty.festival.totals).toMatchObject({ registered: 0, donated: 0, quota: 0, percentOfQuota: null });
  });
});

describe('units by bag size', () => {
  const server = festival();
  const report = agencyReport(server.state);
  const everyRow = [...report.days, report.festival].flatMap((section) => sectionRows(section));

  it('on every row of every section: 250·n250 + 350·n350 + 450·n450 = volume, n250 + n350 + n450 = donated', () => {
    expect(everyRow.length).toBe(4 * (report.festival.agencies.length + 2));
    for (const row of everyRow) {
      const bags = bagsOf(row);
      expect(250 * bags[250] + 350 * bags[350] + 450 * bags[450], `${row.kind} ${row.agencyId} volume`).toBe(row.volumeMl);
      expect(bags[250] + bags[350] + bags[450], `${row.kind} ${row.agencyId} units`).toBe(row.donated);
    }
  });

  it('agencies and walk-ins add up to the totals; the day sections add up to the festival', () => {
    for (const section of [...report.days, report.festival]) expect(sumBags([...section.agencies, section.walkIns])).toEqual(bagsOf(section.totals));
    for (let i = 0; i < report.festival.agencies.length + 2; i++) {
      expect(bagsOf(sectionRows(report.festival)[i]!)).toEqual(sumBags(report.days.map((s) => sectionRows(s)[i]!)));
    }
  });

  it('the figures themselves: donors 2…6 of Sở Y tế gave 450, 250, 350, 450, 250 ml on day 1; the voided donation is in no bag', () => {
    const day1 = report.days[0]!;
    expect(day1.agencies.find((r) => r.agencyId === AG_COUNT)!.bags).toEqual({ 250: 2, 350: 1, 450: 2 });
    // Donors 7…9 (Đại học): 350, 450, 250; walk-in 11: 450. Day 2, Đại học 12…15: 250, 350, 450, 250.
    expect(day1.agencies.find((r) => r.agencyId === AG_PERCENT)!.bags).toEqual({ 250: 1, 350: 1, 450: 1 });
    expect(day1.walkIns.bags).toEqual({ 250: 0, 350: 0, 450: 1 });
    expect(day1.totals.bags).toEqual({ 250: 3, 350: 2, 450: 4 });
    expect(report.days[1]!.totals.bags).toEqual({ 250: 2, 350: 1, 450: 1 });
    expect(report.days[1]!.agencies.find((r) => r.agencyId === AG_COUNT)!.bags).toEqual({ 250: 0, 350: 0, 450: 0 });
    expect(report.days[2]!.totals.bags).toEqual({ 250: 0, 350: 0, 450: 0 });
    expect(report.festival.totals).toMatchObject({ donated: 13, volumeMl: 5 * 250 + 3 * 350 + 5 * 450, bags: { 250: 5, 350: 3, 450: 5 } });
  });

  it("a donor moved to another agency takes their units along; an erased donor's units stay", () => {
    const moved = festival();
    const donation = moved.log.find((e) => e.type === 'donor.donated' && e.payload.donorId === 'd-2')!;
    expect(donation.payload).toMatchObject({ volumeMl: 450 });
    moved.ok('donor.updated', { donorId: 'd-2', agencyId: AG_PERCENT }, ADMIN, vn(DAY2, '10:00'));
    moved.ok('donor.erased', { donorId: 'd-3', reason: 'Đơn yêu cầu số 1' }, ADMIN, vn(DAY2, '10:05'));
    const after = agencyReport(moved.state);
    const day1 = after.days[0]!;
    expect(day1.agencies.find((r) => r.agencyId === AG_COUNT)).toMatchObject({ donated: 4, bags: { 250: 2, 350: 1, 450: 1 } });
    expect(day1.agencies.find((r) => r.agencyId === AG_PERCENT)).toMatchObject({ donated: 4, bags: { 250: 1, 350: 1, 450: 2 } });
    expect(day1.totals.bags).toEqual(report.days[0]!.totals.bags);
    for (const row of [...after.days, after.festival].flatMap((section) => sectionRows(section))) {
      expect(250 * bagsOf(row)[250] + 350 * bagsOf(row)[350] + 450 * bagsOf(row)[450]).toBe(row.volumeMl);
    }
  });

  it("a state without donors' records (a counting role's copy) has no split: bags are null, never zeros", () => {
    const counted = replay(server.logFor({ visibility: 'public' }));
    expect(counted.donors.size).toBe(0);
    const fromCounts = agencyReport(counted);
    expect(pick(fromCounts.festival.totals)).toEqual(pick(report.festival.totals));
    expect([...fromCounts.days, fromCounts.festival].flatMap((section) => sectionRows(section)).every((row) => row.bags === null)).toBe(true);
    // Nothing donated yet: the split is known, all zeros.
    expect(agencyReport(new MiniServer().setup().state).festival.totals.bags).toEqual({ 250: 0, 350: 0, 450: 0 });
  });
});

describe('venue time', () => {
  it('turns a wall-clock time in Asia/Ho_Chi_Minh into an instant with its offset, and back', () => {
    expect(zonedIso('2024-07-19', '07:30', 'Asia/Ho_Chi_Minh')).toBe('2024-07-19T07:30:00+07:00');
    expect(new Date(zonedToEpoch('2024-07-19', '00:00', 'Asia/Ho_Chi_Minh')).toISOString()).toBe('2024-07-18T17:00:00.000Z');
    expect(instantToZoned('2024-07-18T17:00:00.000Z', 'Asia/Ho_Chi_Minh')).toEqual({ date: '2024-07-19', time: '00:00' });
    expect(zoneOffsetMinutes(Date.parse('2024-07-19T00:00:00Z'), 'Asia/Ho_Chi_Minh')).toBe(420);
    expect(zonedIso('2024-07-19', '7h30', 'Asia/Ho_Chi_Minh')).toBeNull();
  });

  it('handles zones with daylight saving and negative offsets', () => {
    expect(zonedIso('2024-07-19', '12:00', 'Europe/Paris')).toBe('2024-07-19T12:00:00+02:00');
    expect(zonedIso('2024-01-19', '12:00', 'Europe/Paris')).toBe('2024-01-19T12:00:00+01:00');
    expect(zonedIso('2024-07-19', '12:00', 'America/New_York')).toBe('2024-07-19T12:00:00-04:00');
    expect(zonedIso('2024-07-19', '12:00', 'Asia/Kolkata')).toBe('2024-07-19T12:00:00+05:30');
  });
});
