/** The wall's pure helpers: URL options, day label, heart layout, paging, celebrations, charts, thanks. */
import { describe, expect, it } from 'vitest';
import { detectAnnounced, enqueue, MAX_QUEUED, stillAnnounced, type Celebration, type MilestoneLike } from '../../client/lib/celebrations.ts';
import { chartDataOf } from '../../client/lib/chartData.ts';
import { dayLabel, shortDayLabel } from '../../client/lib/festivalDay.ts';
import { heartField, heartScale, layoutHearts } from '../../client/lib/heartLayout.ts';
import { cutPages } from '../../client/lib/pages.ts';
import { firstCountedByAgency, latestThanks } from '../../client/lib/wallData.ts';
import { AG_COUNT, AG_PERCENT, DAY1, MiniServer, vn } from '../shared/fixtures.ts';
import { projectionFromWire, projectionToWire } from '../../shared/transfer.ts';
import { DEFAULT_PAGE_SECONDS, parseWallOptions } from '../../client/lib/wallOptions.ts';
import type { StateBody } from '../../shared/view.ts';

const TZ = 'Asia/Ho_Chi_Minh';

describe('wall URL options', () => {
  it('parses ?hide= with aliases, in any combination', () => {
    expect([...parseWallOptions('?hide=chart').hide]).toEqual(['charts']);
    expect([...parseWallOptions('?hide=hearts,agencies').hide].sort()).toEqual(['agencies', 'hearts']);
    expect([...parseWallOptions('?hide=charts&hide=board+names').hide].sort()).toEqual(['agencies', 'charts', 'names']);
    expect(parseWallOptions('?hide=nonsense').hide.size).toBe(0);
  });

  it('parses the rest with safe defaults', () => {
    const none = parseWallOptions('');
    expect(none).toMatchObject({ closes: null, pageSeconds: DEFAULT_PAGE_SECONDS, demo: null, demoSeconds: null });
    expect(parseWallOptions('?closes=17:30&page=8&demo=milestone&demoSeconds=4')).toMatchObject({
      closes: '17:30',
      pageSeconds: 8,
      demo: 'milestone',
      demoSeconds: 4,
    });
    expect(parseWallOptions('?page=0&demo=evil&demoSeconds=-1').pageSeconds).toBe(DEFAULT_PAGE_SECONDS);
    expect(parseWallOptions('?demo=evil').demo).toBeNull();
  });
});

describe('day label', () => {
  const days = ['2024-07-19', '2024-07-20'];
  it('"Ngày 1 · 19/7/2024" on a festival day, in Asia/Ho_Chi_Minh', () => {
    // 18:30 UTC on the 18th is 01:30 on the 19th in Vietnam.
    expect(dayLabel(Date.parse('2024-07-18T18:30:00Z'), TZ, days)).toMatchObject({ vi: 'Ngày 1 · 19/7/2024', festivalDay: 1, day: '2024-07-19' });
    expect(dayLabel(Date.parse('2024-07-20T03:00:00Z'), TZ, days).vi).toBe('Ngày 2 · 20/7/2024');
  });
  it('the weekday and date on any other day', () => {
    const label = dayLabel(Date.parse('2024-07-21T03:00:00Z'), TZ, days);
    expect(label.festivalDay).toBeNull();
    expect(label.vi).toMatch(/^Chủ nhật · 21\/7\/2024$/i);
  });
  it('short labels for the chart axis', () => {
    expect(shortDayLabel('2024-07-20', days)).toBe('Ngày 2 · 20/7');
    expect(shortDayLabel('2024-07-21', days)).toBe('21/7');
  });
});

describe('heart layout', () => {
  it('places exactly the asked number of hearts, inside the big heart and inside the box', () => {
    for (const [count, w, h] of [
      [2000, 560, 500],
      [2000, 300, 700],
      [13, 120, 90],
      [5000, 1000, 560],
    ] as const) {
      const layout = layoutHearts(count, w, h);
      expect(layout.count).toBe(count);
      expect(layout.cell).toBeGreaterThan(0);
      for (let i = 0; i < layout.count; i++) {
        const x = layout.points[i * 2]!;
        const y = layout.points[i * 2 + 1]!;
        expect(x).toBeGreaterThanOrEqual(layout.cell / 2 - 1);
        expect(x).toBeLessThanOrEqual(w - layout.cell / 2 + 1);
        expect(y).toBeGreaterThanOrEqual(layout.cell / 2 - 1);
        expect(y).toBeLessThanOrEqual(h - layout.cell / 2 + 1);
      }
    }
  });

  it('fills from the tip upwards', () => {
    const layout = layoutHearts(2000, 560, 500);
    const ys = Array.from({ length: layout.count }, (_, i) => layout.points[i * 2 + 1]!);
    for (let i = 1; i < ys.length; i++) expect(ys[i]!).toBeLessThanOrEqual(ys[i - 1]!);
  });

  it('is a heart: the curve is negative inside, positive outside', () => {
    expect(heartField(0, 0)).toBeLessThan(0);
    expect(heartField(0, -0.99)).toBeLessThan(0);
    expect(heartField(0, 1.1)).toBeGreaterThan(0); // the notch at the top
    expect(heartField(1.2, 0)).toBeGreaterThan(0);
  });

  it('is empty without room or hearts', () => {
    expect(layoutHearts(0, 500, 500).count).toBe(0);
    expect(layoutHearts(100, 0, 500).count).toBe(0);
  });

  it('one heart per unit up to 5.000, then several units per heart', () => {
    expect(heartScale(2000)).toEqual({ hearts: 2000, perHeart: 1 });
    expect(heartScale(0)).toEqual({ hearts: 2000, perHeart: 1 });
    expect(heartScale(12_000)).toEqual({ hearts: 4000, perHeart: 3 });
  });
});

describe('agency board paging', () => {
  it('one page when everything fits', () => {
    expect(cutPages([50, 50, 50], 10, 170)).toEqual([[0, 1, 2]]);
  });
  it('balanced pages when it does not', () => {
    // 7 rows of 50 with 10 gaps: 3 fit a 170 px page → 3 pages of 3, 2, 2 instead of 3, 3, 1.
    expect(cutPages(Array(7).fill(50), 10, 170)).toEqual([
      [0, 1, 2],
      [3, 4],
      [5, 6],
    ]);
  });
  it('never loses a row, even one taller than a page', () => {
    const pages = cutPages([50, 300, 50, 50], 10, 170);
    expect(pages.flat()).toEqual([0, 1, 2, 3]);
    expect(pages).toContainEqual([1]);
  });
});

describe('milestone celebrations', () => {
  const m = (id: string, announcedAt: string | null, extra: Partial<MilestoneLike> = {}): MilestoneLike => ({
    id,
    label: `Mốc ${id}`,
    reachedAt: '2024-07-19T02:00:00.000Z',
    announcedAt,
    ...extra,
  });
  const now = Date.parse('2024-07-19T03:00:00.000Z');

  it('the first look celebrates nothing old, only one announced within the window', () => {
    const first = detectAnnounced(null, [m('a', '2024-07-19T02:00:00.000Z'), m('b', null)], now, 20_000);
    expect(first.fresh).toEqual([]);
    expect([...first.seen]).toEqual(['a']);
    const recent = detectAnnounced(null, [m('a', '2024-07-19T02:59:50.000Z')], now, 20_000);
    expect(recent.fresh.map((c) => c.id)).toEqual(['a']);
  });

  it('then every newly announced milestone, oldest first, never a skipped one', () => {
    const seen = new Set(['a']);
    const next = detectAnnounced(
      seen,
      [
        m('a', '2024-07-19T02:00:00.000Z'),
        m('c', '2024-07-19T02:59:00.000Z', { script: 'Xin chúc mừng!', kind: 'donations', value: 500 }),
        m('b', '2024-07-19T02:58:00.000Z'),
        m('d', '2024-07-19T02:59:30.000Z', { skippedAt: '2024-07-19T02:59:30.000Z' }),
      ],
      now,
      20_000,
    );
    expect(next.fresh.map((c) => c.id)).toEqual(['b', 'c']);
    expect(next.fresh[1]).toMatchObject({ script: 'Xin chúc mừng!', kind: 'donations', value: 500 });
  });

  it('queues at most a few, keeps the one on screen, drops undone announcements', () => {
    const c = (id: string): Celebration => ({ id, label: id, script: null, kind: null, value: null, agencyId: null, announcedAt: 'x' });
    const queue = enqueue([c('on-screen')], [c('1'), c('2'), c('3'), c('4')]);
    expect(queue.map((x) => x.id)).toEqual(['on-screen', '2', '3', '4']);
    expect(queue.length).toBe(1 + MAX_QUEUED);
    expect(stillAnnounced([c('a'), c('b'), c('demo:1')], [m('a', 'x'), m('b', null)]).map((x) => x.id)).toEqual(['a', 'demo:1']);
  });
});

describe('chart series', () => {
  const body = {
    event: { name: 'x', venue: 'y', timezone: TZ, days: ['2024-07-19', '2024-07-20'], countOn: 'donated' },
    days: [{ date: '2024-07-19', registered: 5, checkedIn: 5, donated: 4, deferred: 0, volumeMl: 1400 }],
    bloodTypes: { 'O+': 2, 'AB-': 1, unknown: 1 },
    donationsPer15Min: [
      { start: '2024-07-19T01:00:00.000Z', donated: 3 },
      { start: '2024-07-19T01:30:00.000Z', donated: 1 },
      { start: '2024-07-18T01:00:00.000Z', donated: 9 },
    ],
  } as unknown as StateBody;

  it('today in quarter hours (gaps as zeros, up to now), festival days always, known blood types', () => {
    const data = chartDataOf(body, Date.parse('2024-07-19T01:50:00.000Z'), TZ);
    expect(data.quarters).toEqual([
      { label: '08:00', donated: 3 },
      { label: '08:15', donated: 0 },
      { label: '08:30', donated: 1 },
      { label: '08:45', donated: 0 },
    ]);
    expect(data.days).toEqual([
      { label: 'Ngày 1 · 19/7', donated: 4, today: true },
      { label: 'Ngày 2 · 20/7', donated: 0, today: false },
    ]);
    expect(data.bloodTypes).toEqual([
      { type: 'O+', donated: 2 },
      { type: 'AB-', donated: 1 },
    ]);
    expect(data.unknownBloodType).toBe(1);
  });

  it('nothing before the first snapshot', () => {
    expect(chartDataOf(null, Date.now(), TZ)).toEqual({ quarters: [], days: [], bloodTypes: [], unknownBloodType: 0 });
  });
});

describe('pace and thank-you line, from the count layer (the wall holds no donor)', () => {
  const server = new MiniServer().setup();
  server.give(AG_COUNT, vn(DAY1, '07:40'));
  server.give(AG_PERCENT, vn(DAY1, '07:50'));
  server.give(AG_COUNT, vn(DAY1, '08:05'));
  // The wall's copy: counts only.
  const wall = projectionFromWire(JSON.parse(JSON.stringify(projectionToWire(server.state, { visibility: 'public' }))));

  it("each agency's first counted donor of the day", () => {
    expect(wall.donors.size).toBe(0);
    expect(firstCountedByAgency(wall, DAY1, 'donated')).toEqual(
      new Map([
        [AG_COUNT, Date.parse(vn(DAY1, '07:40'))],
        [AG_PERCENT, Date.parse(vn(DAY1, '07:50'))],
      ]),
    );
    expect(firstCountedByAgency(wall, '2024-07-20', 'donated').size).toBe(0);
    expect(firstCountedByAgency(null, DAY1, 'donated').size).toBe(0);
  });

  it('the latest donations, newest first: an agency and a time, no name', () => {
    const thanks = latestThanks(wall, 2);
    expect(thanks.map(({ agencyId, at }) => ({ agencyId, at }))).toEqual([
      { agencyId: AG_COUNT, at: vn(DAY1, '08:05') },
      { agencyId: AG_PERCENT, at: vn(DAY1, '07:50') },
    ]);
    expect(JSON.stringify(thanks)).not.toContain('Người hiến');
    expect(latestThanks(wall, 0)).toEqual([]);
  });
});
