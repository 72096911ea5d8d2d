/**
 * The milestone engine (shared/milestones.ts, API.md "Milestones"): which milestones fire, at
 * which seq, with which id, kind, label, value and announcement script; templates and custom
 * rules; milestones that are true (withdrawn while false, back when true, announced once); upcomingMilestones.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES, WALK_IN_AGENCY_ID, isDonationStep, nextDonationStep, renderTemplate, replay, toStateBody, upcomingMilestones } from '../../shared/index.ts';
import type { MilestoneInfo, QuotaRuleValue, RecordedEvent, UpcomingMilestone } from '../../shared/index.ts';
import { ADMIN, DAY1, DAY2, DESK1, DESK2, MC, MiniServer, TZ, canonical, vn } from './fixtures.ts';

const SETUP_AT = '2024-07-18T01:00:00.000Z';

type AgencySpec = [id: string, name: string, quota: number | null | QuotaRuleValue];

function festival(agencies: AgencySpec[], options: { countOn?: 'donated' | 'checkedIn'; timezone?: string } = {}): MiniServer {
  const server = new MiniServer();
  server.ok(
    'event.configured',
    { name: 'Ngày hội hiến máu', venue: 'Trung tâm Văn hóa Xứ Đông', timezone: options.timezone ?? TZ, days: [DAY1, DAY2], countOn: options.countOn ?? 'donated' },
    ADMIN,
    SETUP_AT,
  );
  for (const [agencyId, name, quota] of agencies) {
    server.ok('agency.upserted', { agencyId, name, quota: typeof quota === 'number' ? { kind: 'count', count: quota } : quota }, ADMIN, SETUP_AT);
  }
  return server;
}

/** The five Hải Dương agencies: 700 + 800 + 200 + 150 + 150 = 2000. */
const HAI_DUONG: AgencySpec[] = [
  ['ldld', 'Liên đoàn Lao động tỉnh', 700],
  ['tinhdoan', 'Tỉnh Đoàn', 800],
  ['soyte', 'Sở Y tế', 200],
  ['congan', 'Công an tỉnh', 150],
  ['quansu', 'Bộ Chỉ huy Quân sự tỉnh', 150],
];

const milestone = (server: MiniServer, id: string): MilestoneInfo => {
  const found = server.state.milestones.get(id);
  if (!found) throw new Error(`milestone ${id} not reached; reached: ${[...server.state.milestones.keys()].join(', ')}`);
  return found;
};
const ids = (server: MiniServer) => [...server.state.milestones.keys()];
const FIRST_TEMPLATE_TAIL = 'Xin trân trọng cảm ơn người hiến máu đã mở đầu ngày hội bằng nghĩa cử cao đẹp này!';

describe('first donation of each festival day', () => {
  it('fires on the first donation of the day (not on registration or check-in), with the agency and the time in Việt Nam', () => {
    const server = festival(HAI_DUONG);
    server.ok('donor.registered', { donorId: 'a', fullName: 'Nguyễn Thị Lan', agencyId: 'soyte' }, DESK1, vn(DAY1, '07:30'));
    server.ok('donor.checked_in', { donorId: 'a' }, DESK1, vn(DAY1, '07:40'));
    expect(ids(server)).toEqual([]);
    const donation = server.ok('donor.donated', { donorId: 'a', volumeMl: 350 }, DESK1, vn(DAY1, '08:05'));
    expect(milestone(server, 'first-donation-2024-07-19')).toEqual({
      id: 'first-donation-2024-07-19',
      kind: 'first_donation_of_day',
      label: 'Người hiến máu đầu tiên ngày 19/7/2024',
      // The festival's name comes from the event settings; the agency is named as people say it.
      script: `Kính thưa quý vị đại biểu, thưa toàn thể quý vị! Lúc 08:05 ngày 19/7/2024, Ngày hội hiến máu đã tiếp nhận đơn vị máu đầu tiên của ngày, từ một người hiến máu thuộc Sở Y tế. ${FIRST_TEMPLATE_TAIL}`,
      value: 1,
      agencyId: 'soyte',
      day: '2024-07-19',
      reachedAt: donation.at,
      reachedSeq: donation.seq,
      announcedAt: null,
      announcedEventId: null,
      skippedAt: null,
      skippedEventId: null,
      withdrawnAt: null,
      // The donor layer remembers whose donation it was (the counting roles never receive it).
      donorId: 'a',
    });
    // A second donation that day reaches nothing.
    server.give('ldld', vn(DAY1, '08:10'));
    expect(ids(server)).toEqual(['first-donation-2024-07-19']);
  });

  it('fires again on the next festival day, whose first minutes are still the previous day in UTC; a walk-in has no agency part', () => {
    const server = festival(HAI_DUONG);
    server.give('ldld', vn(DAY1, '08:00'));
    // 00:30 on the 20th in Việt Nam is 17:30 UTC on the 19th.
    const donation = server.give(WALK_IN_AGENCY_ID, vn(DAY2, '00:30'));
    expect(donation.at).toBe('2024-07-19T17:30:00.000Z');
    const m = milestone(server, 'first-donation-2024-07-20');
    expect(m).toMatchObject({ kind: 'first_donation_of_day', label: 'Người hiến máu đầu tiên ngày 20/7/2024', reachedSeq: donation.seq, agencyId: WALK_IN_AGENCY_ID });
    expect(m.script).toBe(
      `Kính thưa quý vị đại biểu, thưa toàn thể quý vị! Lúc 00:30 ngày 20/7/2024, Ngày hội hiến máu đã tiếp nhận đơn vị máu đầu tiên của ngày, từ một người hiến máu. ${FIRST_TEMPLATE_TAIL}`,
    );
    expect(ids(server)).toEqual(['first-donation-2024-07-19', 'first-donation-2024-07-20']);
  });

  it('writes the time in the event time zone', () => {
    const server = festival(HAI_DUONG, { timezone: 'UTC' });
    server.give('ldld', '2024-07-19T08:05:00.000Z');
    expect(milestone(server, 'first-donation-2024-07-19').script).toContain('Lúc 08:05 ngày 19/7/2024,');
  });

  it('a deferral is not a donation', () => {
    const server = festival(HAI_DUONG);
    server.ok('donor.registered', { donorId: 'a', fullName: 'A', agencyId: 'soyte' }, DESK1, vn(DAY1, '07:30'));
    server.ok('donor.checked_in', { donorId: 'a' }, DESK1, vn(DAY1, '07:40'));
    server.ok('donor.deferred', { donorId: 'a', reason: 'Huyết áp thấp' }, DESK1, vn(DAY1, '07:50'));
    expect(ids(server)).toEqual([]);
  });
});

describe('total donations, 1.000 and the festival target (Hải Dương: 2.000)', () => {
  /** 2250 donations, round robin over the five agencies and walk-ins, 10 s apart from 07:00 on day 1. */
  const AGENCY_CYCLE = ['ldld', 'tinhdoan', 'soyte', 'congan', 'quansu', WALK_IN_AGENCY_ID];
  const atOf = (n: number) => new Date(Date.parse(vn(DAY1, '07:00')) + n * 10_000).toISOString();
  let server: MiniServer;
  /** donations[n - 1] is the n-th donation. */
  let donations: RecordedEvent[];
  /** The n-th donation of each agency. */
  let byAgency: Map<string, RecordedEvent[]>;
  let upcomingAt: Map<number, UpcomingMilestone[]>;

  beforeAll(() => {
    server = festival(HAI_DUONG);
    donations = [];
    byAgency = new Map(AGENCY_CYCLE.map((id) => [id, []]));
    upcomingAt = new Map();
    for (let n = 1; n <= 2250; n++) {
      const agencyId = AGENCY_CYCLE[(n - 1) % AGENCY_CYCLE.length]!;
      const donation = server.give(agencyId, atOf(n));
      donations.push(donation);
      byAgency.get(agencyId)!.push(donation);
      if (n === 988 || n === 1990 || n === 99) upcomingAt.set(n, upcomingMilestones(server.state, 20));
    }
  });

  it('reaches 100…500 by 100, then every 250; 1.000 is one_thousand; the target replaces the 2.000 step', () => {
    const totals = [...server.state.milestones.values()].filter((m) => ['donations', 'one_thousand', 'target'].includes(m.kind));
    expect(totals.map((m) => m.id)).toEqual([
      'donations-100',
      'donations-200',
      'donations-300',
      'donations-400',
      'donations-500',
      'donations-750',
      'donations-1000',
      'donations-1250',
      'donations-1500',
      'donations-1750',
      'target-2000',
      'donations-2250',
    ]);
    expect(server.state.milestones.has('donations-2000')).toBe(false);
    expect(toStateBody(server.state).target).toBe(2000);
  });

  it('each fires at the seq of exactly the donation that takes the total to it', () => {
    for (const m of server.state.milestones.values()) {
      if (!['donations', 'one_thousand', 'target'].includes(m.kind)) continue;
      const donation = donations[m.value - 1]!;
      expect(m.reachedSeq, m.id).toBe(donation.seq);
      expect(m.reachedAt, m.id).toBe(donation.at);
      expect(m.agencyId, m.id).toBeUndefined();
    }
  });

  it('labels and scripts carry the numbers in Vietnamese format (1.000) and what remains to the target', () => {
    expect(milestone(server, 'donations-100')).toMatchObject({
      kind: 'donations',
      value: 100,
      label: 'Đơn vị máu thứ 100',
      script: 'Kính thưa quý vị! Ngày hội vừa tiếp nhận đơn vị máu thứ 100. Xin trân trọng cảm ơn những tấm lòng nhân ái — chỉ còn 1.900 người nữa là ngày hội đạt mục tiêu 2.000 người hiến máu.',
    });
    expect(milestone(server, 'donations-750').script).toBe(
      'Kính thưa quý vị! Ngày hội vừa tiếp nhận đơn vị máu thứ 750. Xin trân trọng cảm ơn những tấm lòng nhân ái — chỉ còn 1.250 người nữa là ngày hội đạt mục tiêu 2.000 người hiến máu.',
    );
    expect(milestone(server, 'donations-1250')).toMatchObject({ label: 'Đơn vị máu thứ 1.250', value: 1250 });
    expect(milestone(server, 'donations-1250').script).toContain('thứ 1.250.');
    expect(milestone(server, 'donations-1250').script).toContain('còn 750 người nữa');
    // The 1000th donation: 07:00 + 10 000 s = 09:46:40 in Việt Nam.
    expect(milestone(server, 'donations-1000')).toMatchObject({
      kind: 'one_thousand',
      value: 1000,
      label: '1.000 — Một ngàn trái tim hồng',
      script:
        'Kính thưa quý vị! Lúc 09:46, ngày hội đã tiếp nhận đơn vị máu thứ 1.000: một ngàn trái tim hồng đã cùng chung nhịp đập. Xin quý vị dành một tràng pháo tay thật lớn cho những người hiến máu!',
    });
    expect(milestone(server, 'target-2000')).toMatchObject({
      kind: 'target',
      value: 2000,
      label: 'Đạt mục tiêu 2.000 người hiến máu',
      script:
        'Kính thưa quý vị! Ngày hội hiến máu đã hoàn thành mục tiêu 2.000 người hiến máu. Ban Chỉ đạo xin trân trọng cảm ơn các cơ quan, đơn vị và từng người hiến máu đã chung tay làm nên thành công này!',
    });
  });

  it('each agency at 50 % (ceil of half its quota) and 100 %, on its own donations only, with its name in the script', () => {
    // 2250 / 6 = 375 donations each: soyte (200), congan and quansu (150) reach both; ldld (700)
    // only 50 % (350); tinhdoan (800) neither (400 needed).
    const agencyIds = ids(server).filter((id) => id.startsWith('agency-'));
    expect(agencyIds.sort()).toEqual(['agency-congan-100', 'agency-congan-50', 'agency-ldld-50', 'agency-quansu-100', 'agency-quansu-50', 'agency-soyte-100', 'agency-soyte-50'].sort());
    const soyte = byAgency.get('soyte')!;
    expect(milestone(server, 'agency-soyte-50')).toMatchObject({
      kind: 'agency_half',
      value: 100,
      agencyId: 'soyte',
      reachedSeq: soyte[99]!.seq,
      label: 'Sở Y tế đạt 50% chỉ tiêu',
      script: 'Kính thưa quý vị! Sở Y tế đã có 100 người hiến máu, đạt một nửa chỉ tiêu 200 người. Xin chúc mừng và cổ vũ Sở Y tế!',
    });
    expect(milestone(server, 'agency-soyte-100')).toMatchObject({
      kind: 'agency_quota',
      value: 200,
      agencyId: 'soyte',
      reachedSeq: soyte[199]!.seq,
      label: 'Sở Y tế hoàn thành chỉ tiêu 200 người',
      script: 'Xin trân trọng chúc mừng Sở Y tế đã hoàn thành chỉ tiêu 200 người tham gia hiến máu! Xin cảm ơn toàn thể cán bộ, đoàn viên, người lao động của đơn vị.',
    });
    expect(milestone(server, 'agency-congan-50')).toMatchObject({ value: 75, reachedSeq: byAgency.get('congan')![74]!.seq });
    expect(milestone(server, 'agency-quansu-100')).toMatchObject({ value: 150, reachedSeq: byAgency.get('quansu')![149]!.seq, label: 'Bộ Chỉ huy Quân sự tỉnh hoàn thành chỉ tiêu 150 người' });
    expect(milestone(server, 'agency-ldld-50')).toMatchObject({ value: 350, reachedSeq: byAgency.get('ldld')![349]!.seq });
    expect(milestone(server, 'agency-ldld-50').script).toBe(
      'Kính thưa quý vị! Liên đoàn Lao động tỉnh đã có 350 người hiến máu, đạt một nửa chỉ tiêu 700 người. Xin chúc mừng và cổ vũ Liên đoàn Lao động tỉnh!',
    );
  });

  it('the first donation of the day is one milestone for the whole run', () => {
    expect(ids(server).filter((id) => id.startsWith('first-donation-'))).toEqual(['first-donation-2024-07-19']);
    expect(milestone(server, 'first-donation-2024-07-19').reachedSeq).toBe(donations[0]!.seq);
  });

  it('replaying the log reaches the same milestones at the same seq, with the same scripts', () => {
    const replayed = replay(server.log);
    expect(JSON.stringify([...replayed.milestones])).toBe(JSON.stringify([...server.state.milestones]));
  });

  it('upcomingMilestones near 1.000 and near the target: nearest first, labels in Vietnamese format', () => {
    const at988 = upcomingAt.get(988)!.filter((u) => u.id.startsWith('donations-') || u.id.startsWith('target-'));
    expect(at988).toEqual([
      { id: 'donations-1000', label: '1.000', remaining: 12 },
      { id: 'donations-1250', label: '1.250', remaining: 262 },
      { id: 'donations-1500', label: '1.500', remaining: 512 },
    ]);
    const at1990 = upcomingAt.get(1990)!.filter((u) => u.id.startsWith('donations-') || u.id.startsWith('target-'));
    expect(at1990).toEqual([
      { id: 'target-2000', label: 'Mục tiêu 2.000', remaining: 10 },
      { id: 'donations-2250', label: '2.250', remaining: 260 },
      { id: 'donations-2500', label: '2.500', remaining: 510 },
    ]);
    const at99 = upcomingAt.get(99)!;
    expect(at99[0]).toEqual({ id: 'donations-100', label: '100', remaining: 1 });
    for (const list of upcomingAt.values()) {
      const remaining = list.map((u) => u.remaining);
      expect(remaining).toEqual([...remaining].sort((a, b) => a - b));
    }
  });
});

describe('a target that is not a step, and one that is', () => {
  it('211 (200 + 11): target-211 fires at 211 and the 200 and 300 steps still fire', () => {
    const server = festival([
      ['a', 'Cơ quan A', 200],
      ['b', 'Cơ quan B', 11],
    ]);
    const donations = server.giveMany(300, WALK_IN_AGENCY_ID, vn(DAY1, '08:00'));
    expect(ids(server).filter((id) => !id.startsWith('first-'))).toEqual(['donations-100', 'donations-200', 'target-211', 'donations-300']);
    expect(milestone(server, 'target-211')).toMatchObject({ kind: 'target', value: 211, reachedSeq: donations[210]!.seq, label: 'Đạt mục tiêu 211 người hiến máu' });
    // Before the target, the step script counts down to it.
    expect(milestone(server, 'donations-200').script).toContain('chỉ còn 11 người nữa là ngày hội đạt mục tiêu 211 người hiến máu');
  });

  it('300 (200 + 100): the target replaces the 300 step', () => {
    const server = festival([
      ['a', 'Cơ quan A', 200],
      ['b', 'Cơ quan B', 100],
    ]);
    const donations = server.giveMany(300, WALK_IN_AGENCY_ID, vn(DAY1, '08:00'));
    expect(ids(server).filter((id) => !id.startsWith('first-'))).toEqual(['donations-100', 'donations-200', 'target-300']);
    expect(milestone(server, 'target-300').reachedSeq).toBe(donations[299]!.seq);
  });

  it('no quota at all: no target milestone, steps as usual', () => {
    const server = festival([['a', 'Cơ quan A', null]]);
    server.giveMany(100, 'a', vn(DAY1, '08:00'));
    expect(ids(server)).toEqual(['first-donation-2024-07-19', 'donations-100']);
    expect(milestone(server, 'donations-100').script).toContain('thứ 100.');
  });
});

describe('agency milestones', () => {
  it('odd quota 7: 50 % at 4 (rounded up), 100 % at 7; another agency and walk-ins do not count', () => {
    const server = festival([
      ['x', 'Trường Đại học X', 7],
      ['y', 'Cơ quan Y', 100],
    ]);
    server.giveMany(3, 'x', vn(DAY1, '08:00'));
    server.giveMany(5, 'y', vn(DAY1, '08:00'));
    server.giveMany(5, WALK_IN_AGENCY_ID, vn(DAY1, '08:00'));
    expect(server.state.milestones.has('agency-x-50')).toBe(false);
    const fourth = server.give('x', vn(DAY1, '09:00'));
    expect(milestone(server, 'agency-x-50')).toMatchObject({
      value: 4,
      reachedSeq: fourth.seq,
      script: 'Kính thưa quý vị! Trường Đại học X đã có 4 người hiến máu, đạt một nửa chỉ tiêu 7 người. Xin chúc mừng và cổ vũ Trường Đại học X!',
    });
    server.giveMany(2, 'x', vn(DAY1, '09:00'));
    expect(server.state.milestones.has('agency-x-100')).toBe(false);
    const seventh = server.give('x', vn(DAY1, '09:30'));
    expect(milestone(server, 'agency-x-100')).toMatchObject({ value: 7, reachedSeq: seventh.seq, kind: 'agency_quota' });
    // Over the quota: nothing more.
    const before = ids(server);
    server.giveMany(3, 'x', vn(DAY1, '10:00'));
    expect(ids(server)).toEqual(before);
  });

  it('a percent-of-headcount quota: 50 % of 9 people → quota 5, half 3', () => {
    const server = festival([['p', 'Bệnh viện P', { kind: 'percent_of_headcount', percent: 50, headcount: 9 }]]);
    const donations = server.giveMany(5, 'p', vn(DAY1, '08:00'));
    expect(milestone(server, 'agency-p-50')).toMatchObject({ value: 3, reachedSeq: donations[2]!.seq });
    expect(milestone(server, 'agency-p-100')).toMatchObject({ value: 5, reachedSeq: donations[4]!.seq, script: expect.stringContaining('chỉ tiêu 5 người tham gia hiến máu') });
  });

  it('quota 1: only the 100 % milestone (50 % would be the same donation); quota 0, null or unknown headcount: none', () => {
    const server = festival([
      ['one', 'Một', 1],
      ['zero', 'Không', 0],
      ['none', 'Chưa có', null],
      ['unknown', 'Chưa rõ', { kind: 'percent_of_headcount', percent: 50, headcount: null }],
    ]);
    for (const id of ['one', 'zero', 'none', 'unknown']) server.giveMany(3, id, vn(DAY1, '08:00'));
    expect(ids(server).filter((id) => id.startsWith('agency-'))).toEqual(['agency-one-100']);
  });

  it("countOn 'checkedIn': agency milestones count check-ins (a deferred donor counts), donations do not; totals still count donations", () => {
    const server = festival([['x', 'Cơ quan X', 4]], { countOn: 'checkedIn' });
    const at = vn(DAY1, '08:00');
    for (const donorId of ['a', 'b', 'c', 'd']) server.ok('donor.registered', { donorId, fullName: donorId, agencyId: 'x' }, DESK1, at);
    server.ok('donor.checked_in', { donorId: 'a' }, DESK1, at);
    expect(ids(server)).toEqual([]);
    const second = server.ok('donor.checked_in', { donorId: 'b' }, DESK1, vn(DAY1, '08:05'));
    expect(milestone(server, 'agency-x-50')).toMatchObject({ value: 2, reachedSeq: second.seq, reachedAt: second.at });
    server.ok('donor.deferred', { donorId: 'a', reason: 'Huyết áp thấp' }, DESK1, at);
    server.ok('donor.checked_in', { donorId: 'c' }, DESK1, at);
    expect(server.state.milestones.has('agency-x-100')).toBe(false);
    const fourth = server.ok('donor.checked_in', { donorId: 'd' }, DESK1, vn(DAY1, '08:20'));
    expect(milestone(server, 'agency-x-100')).toMatchObject({ value: 4, reachedSeq: fourth.seq });
    // Only now the first donation: it reaches first-donation, no agency milestone.
    server.ok('donor.donated', { donorId: 'b', volumeMl: 250 }, DESK1, vn(DAY1, '08:30'));
    expect(ids(server)).toEqual(['agency-x-50', 'agency-x-100', 'first-donation-2024-07-19']);
  });

  it("countOn 'donated' (default): check-ins alone reach no agency milestone", () => {
    const server = festival([['x', 'Cơ quan X', 2]]);
    for (const donorId of ['a', 'b']) {
      server.ok('donor.registered', { donorId, fullName: donorId, agencyId: 'x' }, DESK1, vn(DAY1, '08:00'));
      server.ok('donor.checked_in', { donorId }, DESK1, vn(DAY1, '08:00'));
    }
    expect(ids(server)).toEqual([]);
  });
});

describe('custom rules (milestone.rule_defined)', () => {
  it('overall, on registrations: fires at the registration that reaches the threshold; the script is the label by default', () => {
    const server = festival(HAI_DUONG);
    server.ok('milestone.rule_defined', { ruleId: 'reg3', label: 'Người đăng ký thứ 3', metric: 'registered', threshold: 3 }, ADMIN, SETUP_AT);
    server.ok('donor.registered', { donorId: 'a', fullName: 'A', agencyId: 'ldld' }, DESK1, vn(DAY1, '07:00'));
    server.ok('donor.registered', { donorId: 'b', fullName: 'B', agencyId: WALK_IN_AGENCY_ID }, DESK1, vn(DAY1, '07:01'));
    expect(ids(server)).toEqual([]);
    const third = server.ok('donor.registered', { donorId: 'c', fullName: 'C', agencyId: 'soyte' }, DESK2, vn(DAY1, '07:02'));
    expect(milestone(server, 'custom-reg3')).toEqual({
      id: 'custom-reg3',
      kind: 'custom',
      label: 'Người đăng ký thứ 3',
      script: 'Người đăng ký thứ 3',
      value: 3,
      ruleId: 'reg3',
      reachedAt: third.at,
      reachedSeq: third.seq,
      announcedAt: null,
      announcedEventId: null,
      skippedAt: null,
      skippedEventId: null,
      withdrawnAt: null,
      donorId: 'c',
    });
    server.ok('donor.registered', { donorId: 'd', fullName: 'D', agencyId: 'soyte' }, DESK2, vn(DAY1, '07:03'));
    expect(ids(server)).toEqual(['custom-reg3']);
  });

  it('per agency, on donations, with its own script: only that agency counts; placeholders filled in', () => {
    const server = festival(HAI_DUONG);
    server.ok(
      'milestone.rule_defined',
      { ruleId: 'soyte2', label: 'Sở Y tế: 2 đơn vị', metric: 'donated', agencyId: 'soyte', threshold: 2, script: '{agency} đã có {n} đơn vị máu lúc {time} ({label})' },
      ADMIN,
      SETUP_AT,
    );
    server.give('soyte', vn(DAY1, '08:00'));
    server.giveMany(3, 'ldld', vn(DAY1, '08:05'));
    expect(server.state.milestones.has('custom-soyte2')).toBe(false);
    const second = server.give('soyte', vn(DAY1, '08:10'));
    expect(milestone(server, 'custom-soyte2')).toMatchObject({
      kind: 'custom',
      agencyId: 'soyte',
      value: 2,
      reachedSeq: second.seq,
      label: 'Sở Y tế: 2 đơn vị',
      script: 'Sở Y tế đã có 2 đơn vị máu lúc 08:10 (Sở Y tế: 2 đơn vị)',
    });
  });

  it('on check-ins overall, and for walk-ins', () => {
    const server = festival(HAI_DUONG);
    server.ok('milestone.rule_defined', { ruleId: 'in2', label: 'Check-in thứ 2', metric: 'checkedIn', threshold: 2 }, ADMIN, SETUP_AT);
    server.ok('milestone.rule_defined', { ruleId: 'walkin1', label: 'Người hiến tự do đầu tiên', metric: 'donated', agencyId: WALK_IN_AGENCY_ID, threshold: 1 }, ADMIN, SETUP_AT);
    const first = server.give('ldld', vn(DAY1, '08:00'));
    expect(ids(server)).toEqual(['first-donation-2024-07-19']);
    const walkIn = server.give(WALK_IN_AGENCY_ID, vn(DAY1, '08:10'));
    expect(milestone(server, 'custom-in2').reachedSeq).toBe(walkIn.seq - 1); // the walk-in's check-in
    expect(milestone(server, 'custom-walkin1')).toMatchObject({ reachedSeq: walkIn.seq, agencyId: WALK_IN_AGENCY_ID, value: 1 });
    expect(first.seq).toBeLessThan(walkIn.seq);
  });

  it('a rule defined when the value is already past its threshold does not fire on later events', () => {
    const server = festival(HAI_DUONG);
    server.giveMany(3, 'ldld', vn(DAY1, '08:00'));
    server.ok('milestone.rule_defined', { ruleId: 'late', label: 'Muộn', metric: 'donated', threshold: 2 }, ADMIN, vn(DAY1, '09:00'));
    server.giveMany(3, 'ldld', vn(DAY1, '09:10'));
    expect(server.state.milestones.has('custom-late')).toBe(false);
  });
});

describe('templates (milestone.template_set)', () => {
  it('change the scripts of milestones reached later, never of those already reached; replay agrees', () => {
    const server = festival(HAI_DUONG);
    server.ok('milestone.rule_defined', { ruleId: 'own', label: 'Có kịch bản riêng', metric: 'donated', threshold: 3, script: 'Kịch bản riêng {n}' }, ADMIN, SETUP_AT);
    server.ok('milestone.rule_defined', { ruleId: 'plain', label: 'Đơn vị thứ 4', metric: 'donated', threshold: 4 }, ADMIN, SETUP_AT);
    server.give('soyte', vn(DAY1, '08:00'));
    const day1Script = milestone(server, 'first-donation-2024-07-19').script;
    expect(day1Script).toBe(
      `Kính thưa quý vị đại biểu, thưa toàn thể quý vị! Lúc 08:00 ngày 19/7/2024, Ngày hội hiến máu đã tiếp nhận đơn vị máu đầu tiên của ngày, từ một người hiến máu thuộc Sở Y tế. ${FIRST_TEMPLATE_TAIL}`,
    );

    server.ok('milestone.template_set', { kind: 'first_donation_of_day', text: 'Mở màn ngày {day} lúc {time}{agencyPart}!' }, ADMIN, vn(DAY1, '09:00'));
    server.ok('milestone.template_set', { kind: 'custom', text: '🎉 {label}: {n}' }, ADMIN, vn(DAY1, '09:00'));
    expect(milestone(server, 'first-donation-2024-07-19').script).toBe(day1Script);

    server.give('ldld', vn(DAY1, '09:05'));
    server.give('ldld', vn(DAY1, '09:06')); // 3rd donation: the rule with its own script
    server.give('ldld', vn(DAY1, '09:07')); // 4th: the custom template
    server.give('tinhdoan', vn(DAY2, '07:15'));
    expect(milestone(server, 'first-donation-2024-07-20').script).toBe('Mở màn ngày 20/7/2024 lúc 07:15 thuộc Tỉnh Đoàn!');
    expect(milestone(server, 'custom-own').script).toBe('Kịch bản riêng 3');
    expect(milestone(server, 'custom-plain').script).toBe('🎉 Đơn vị thứ 4: 4');
    expect(milestone(server, 'first-donation-2024-07-19').script).toBe(day1Script);
    expect(canonical(replay(server.log))).toBe(canonical(server.state));
  });

  it('leave unknown placeholders as they are', () => {
    expect(renderTemplate('{n} và {khong_co}', { n: '5' })).toBe('5 và {khong_co}');
    expect(renderTemplate('{toString} {constructor}', {})).toBe('{toString} {constructor}');
  });

  it('the default templates mention every kind', () => {
    expect(Object.keys(DEFAULT_TEMPLATES).sort()).toEqual(['agency_half', 'agency_quota', 'custom', 'donations', 'first_donation_of_day', 'one_thousand', 'target']);
  });
});

describe('milestones that are true: withdrawn while false, back when true again, announced once', () => {
  it('100 announced → void → 99 → a new donation → 100: donations-100 stays announced and does not fire again', () => {
    const server = festival(HAI_DUONG);
    const donations = server.giveMany(100, 'ldld', vn(DAY1, '08:00'));
    const reached = structuredClone(milestone(server, 'donations-100'));
    expect(reached.reachedSeq).toBe(donations[99]!.seq);
    const announce = server.ok('milestone.announced', { milestoneId: 'donations-100' }, MC, vn(DAY1, '08:30'));
    const announced = { ...reached, announcedAt: vn(DAY1, '08:30'), announcedEventId: announce.id };

    server.ok('event.voided', { eventId: donations[99]!.id, reason: 'nhập nhầm' }, DESK1, vn(DAY1, '08:40'));
    expect(server.state.totals.donated).toBe(99);
    // The MC said it: it stays announced (never withdrawn once said).
    expect(milestone(server, 'donations-100')).toEqual(announced);

    const again = server.ok('donor.donated', { donorId: 'g-100', volumeMl: 450 }, DESK1, vn(DAY1, '08:45'));
    expect(server.state.totals.donated).toBe(100);
    expect(milestone(server, 'donations-100')).toEqual(announced);
    expect(milestone(server, 'donations-100').reachedSeq).not.toBe(again.seq);
    expect(toStateBody(server.state).milestones.filter((m) => m.value === 100)).toHaveLength(1);
    expect(JSON.stringify([...replay(server.log).milestones])).toBe(JSON.stringify([...server.state.milestones]));
  });

  it('reached, voided below before it was announced, reached again: withdrawn (cannot be announced), back with the new donation, announced once', () => {
    const server = festival(HAI_DUONG);
    const donations = server.giveMany(100, 'ldld', vn(DAY1, '08:00'));
    expect(milestone(server, 'donations-100').withdrawnAt).toBeNull();

    const voided = server.ok('event.voided', { eventId: donations[99]!.id, reason: 'nhập nhầm' }, DESK1, vn(DAY1, '08:40'));
    expect(server.state.totals.donated).toBe(99);
    expect(milestone(server, 'donations-100').withdrawnAt).toBe(voided.at);
    // Never announced while false.
    const refused = server.send('milestone.announced', { milestoneId: 'donations-100' }, MC, vn(DAY1, '08:41'));
    expect(refused.result).toMatchObject({ ok: false, code: 'milestone_withdrawn' });
    expect(toStateBody(server.state).milestones.find((m) => m.id === 'donations-100')?.withdrawnAt).toBe(voided.at);
    expect(upcomingMilestones(server.state).map((u) => u.id)).toContain('donations-100');

    // The real 100th: the milestone is back, with that donation's seq, time and donor.
    const real = server.give('tinhdoan', vn(DAY1, '08:50'));
    expect(milestone(server, 'donations-100')).toMatchObject({ withdrawnAt: null, reachedSeq: real.seq, reachedAt: real.at, donorId: (real.payload as { donorId: string }).donorId });
    expect([...server.state.milestones.keys()].filter((id) => id === 'donations-100')).toHaveLength(1);
    server.ok('milestone.announced', { milestoneId: 'donations-100' }, MC, vn(DAY1, '08:55'));
    // Announced: a later void does not withdraw it and a later 100th does not bring it twice.
    server.ok('event.voided', { eventId: real.id, reason: 'nhập nhầm' }, DESK1, vn(DAY1, '09:00'));
    expect(milestone(server, 'donations-100')).toMatchObject({ withdrawnAt: null, announcedAt: vn(DAY1, '08:55') });
    expect(server.send('milestone.announced', { milestoneId: 'donations-100' }, MC, vn(DAY1, '09:01')).result).toMatchObject({ ok: false, code: 'already_announced' });
    expect(canonical(replay(server.log))).toBe(canonical(server.state));
  });

  it('the same for the first donation of the day, an agency 50 % and a custom rule', () => {
    const server = festival([['x', 'Cơ quan X', 4]]);
    server.ok('milestone.rule_defined', { ruleId: 'two', label: 'Hai', metric: 'donated', threshold: 2 }, ADMIN, SETUP_AT);
    const [first, second] = server.giveMany(2, 'x', vn(DAY1, '08:00'));
    expect(ids(server)).toEqual(['first-donation-2024-07-19', 'agency-x-50', 'custom-two']);
    server.ok('event.voided', { eventId: second!.id, reason: 'r' }, DESK1, vn(DAY1, '08:10'));
    expect(milestone(server, 'agency-x-50').withdrawnAt).toBe(vn(DAY1, '08:10'));
    expect(milestone(server, 'custom-two').withdrawnAt).toBe(vn(DAY1, '08:10'));
    expect(milestone(server, 'first-donation-2024-07-19').withdrawnAt).toBeNull();
    server.ok('event.voided', { eventId: first!.id, reason: 'r' }, DESK1, vn(DAY1, '08:11'));
    expect(server.state.totals.donated).toBe(0);
    expect(milestone(server, 'first-donation-2024-07-19').withdrawnAt).toBe(vn(DAY1, '08:11'));
    const again = server.ok('donor.donated', { donorId: 'g-1', volumeMl: 250 }, DESK1, vn(DAY1, '09:00'));
    expect(milestone(server, 'first-donation-2024-07-19')).toMatchObject({ withdrawnAt: null, reachedSeq: again.seq, script: expect.stringContaining('Lúc 09:00 ngày 19/7/2024') });
    expect(milestone(server, 'agency-x-50').withdrawnAt).not.toBeNull();
    const twice = server.ok('donor.donated', { donorId: 'g-2', volumeMl: 250 }, DESK1, vn(DAY1, '09:01'));
    expect(milestone(server, 'agency-x-50')).toMatchObject({ withdrawnAt: null, reachedSeq: twice.seq });
    expect(milestone(server, 'custom-two')).toMatchObject({ withdrawnAt: null, reachedSeq: twice.seq });
    expect(ids(server)).toEqual(['first-donation-2024-07-19', 'agency-x-50', 'custom-two']);
    expect(canonical(replay(server.log))).toBe(canonical(server.state));
  });

  it('skipped and announced milestones keep their state across voids of donations', () => {
    const server = festival([['x', 'Cơ quan X', 2]]);
    const [donation] = server.giveMany(1, 'x', vn(DAY1, '08:00'));
    server.ok('milestone.skipped', { milestoneId: 'agency-x-50' }, MC, vn(DAY1, '08:05'));
    server.ok('event.voided', { eventId: donation!.id, reason: 'r' }, DESK1, vn(DAY1, '08:06'));
    expect(milestone(server, 'agency-x-50')).toMatchObject({ skippedAt: vn(DAY1, '08:05'), withdrawnAt: null });
    server.ok('donor.donated', { donorId: 'g-1', volumeMl: 250 }, DESK1, vn(DAY1, '08:07'));
    expect(milestone(server, 'agency-x-50').skippedAt).toBe(vn(DAY1, '08:05'));
    expect(ids(server)).toEqual(['first-donation-2024-07-19', 'agency-x-50']);
  });

  it('moving a donor to the right agency re-evaluates both agencies: withdrawn from one, reached by the other', () => {
    const server = festival([
      ['x', 'Cơ quan X', 2],
      ['y', 'Cơ quan Y', 1],
    ]);
    const [, second] = server.giveMany(2, 'x', vn(DAY1, '08:00'));
    expect(milestone(server, 'agency-x-100').withdrawnAt).toBeNull();
    const move = server.ok('donor.updated', { donorId: (second!.payload as { donorId: string }).donorId, agencyId: 'y' }, DESK1, vn(DAY1, '08:30'));
    expect(milestone(server, 'agency-x-100').withdrawnAt).toBe(move.at);
    expect(milestone(server, 'agency-y-100')).toMatchObject({ withdrawnAt: null, reachedSeq: move.seq, value: 1, agencyId: 'y' });
    // The counting roles apply the move in its counted form and agree.
    expect(canonical(replay(server.log))).toBe(canonical(server.state));
  });

  it('a quota change never yields a second "target reached"; a target raised above the figure withdraws it until reached again', () => {
    const server = festival([['x', 'Cơ quan X', 3]]);
    server.giveMany(3, 'x', vn(DAY1, '08:00'));
    expect(ids(server).filter((id) => id.startsWith('target-'))).toEqual(['target-3']);
    const raised = server.ok('agency.upserted', { agencyId: 'x', name: 'Cơ quan X', quota: { kind: 'count', count: 4 } }, ADMIN, vn(DAY1, '09:00'));
    expect(milestone(server, 'target-3').withdrawnAt).toBe(raised.at);
    expect(milestone(server, 'agency-x-100').withdrawnAt).toBe(raised.at);
    const fourth = server.give('x', vn(DAY1, '09:10'));
    // The same milestone comes back, with the target as it now is.
    expect(milestone(server, 'target-3')).toMatchObject({ withdrawnAt: null, value: 4, reachedSeq: fourth.seq, label: 'Đạt mục tiêu 4 người hiến máu' });
    server.ok('milestone.announced', { milestoneId: 'target-3' }, MC, vn(DAY1, '09:15'));
    server.ok('agency.upserted', { agencyId: 'x', name: 'Cơ quan X', quota: { kind: 'count', count: 2 } }, ADMIN, vn(DAY1, '09:20'));
    server.giveMany(2, 'x', vn(DAY1, '09:30'));
    expect([...server.state.milestones.values()].filter((m) => m.kind === 'target')).toHaveLength(1);
    expect([...server.state.milestones.values()].filter((m) => m.kind === 'agency_quota')).toHaveLength(1);
    expect(canonical(replay(server.log))).toBe(canonical(server.state));
  });

  it('a quota entered when the agency already meets it fires its 100 % (true, and never fired)', () => {
    const server = festival([['x', 'Cơ quan X', null]]);
    server.giveMany(3, 'x', vn(DAY1, '08:00'));
    expect(ids(server).filter((id) => id.startsWith('agency-'))).toEqual([]);
    const set = server.ok('agency.upserted', { agencyId: 'x', name: 'Cơ quan X', quota: { kind: 'count', count: 3 } }, ADMIN, vn(DAY1, '09:00'));
    expect(milestone(server, 'agency-x-100')).toMatchObject({ reachedSeq: set.seq, value: 3 });
    expect(server.state.milestones.has('agency-x-50')).toBe(false);
  });

  it('the first donor of the day counts only within the festival hours, when they are set, and only on a festival day', () => {
    const server = new MiniServer();
    server.ok('event.configured', { name: 'Ngày hội', venue: 'Xứ Đông', timezone: TZ, days: [DAY1, DAY2], countOn: 'donated', hours: { opens: '07:00', closes: '17:00' } }, ADMIN, SETUP_AT);
    server.give(WALK_IN_AGENCY_ID, vn('2024-07-18', '10:00'));
    server.give(WALK_IN_AGENCY_ID, vn(DAY1, '06:30'));
    expect(ids(server)).toEqual([]);
    const opening = server.give(WALK_IN_AGENCY_ID, vn(DAY1, '07:05'));
    expect(milestone(server, 'first-donation-2024-07-19').reachedSeq).toBe(opening.seq);
  });
});

describe('upcomingMilestones ("còn N")', () => {
  function setup88(): MiniServer {
    const server = festival([
      ['a', 'Cơ quan A', 10],
      ['b', 'Cơ quan B', 190],
    ]);
    server.ok('milestone.rule_defined', { ruleId: 'reg90', label: 'Người đăng ký thứ 90', metric: 'registered', threshold: 90 }, ADMIN, SETUP_AT);
    server.giveMany(3, 'a', vn(DAY1, '08:00'));
    server.giveMany(85, 'b', vn(DAY1, '08:00'));
    return server;
  }

  it('lists the next steps, the target, agencies and custom rules, nearest first (ties by id), at most `limit` (5 by default)', () => {
    const server = setup88();
    expect(server.state.totals.donated).toBe(88);
    expect(upcomingMilestones(server.state)).toEqual([
      { id: 'agency-a-50', label: 'Cơ quan A 50%', remaining: 2 },
      { id: 'custom-reg90', label: 'Người đăng ký thứ 90', remaining: 2 },
      { id: 'agency-b-50', label: 'Cơ quan B 50%', remaining: 10 },
      { id: 'donations-100', label: '100', remaining: 12 },
      // 200 is both a step and the target (10 + 190): listed once, as the target.
      { id: 'target-200', label: 'Mục tiêu 200', remaining: 112 },
    ]);
    expect(upcomingMilestones(server.state, 2).map((u) => u.id)).toEqual(['agency-a-50', 'custom-reg90']);
    expect(upcomingMilestones(server.state, 10).map((u) => u.id)).toEqual(['agency-a-50', 'custom-reg90', 'agency-b-50', 'donations-100', 'target-200', 'donations-300']);
  });

  it('moves on as milestones are reached: next the agency 100 %', () => {
    const server = setup88();
    server.giveMany(2, 'a', vn(DAY1, '09:00'));
    expect(server.state.milestones.has('agency-a-50')).toBe(true);
    expect(server.state.milestones.has('custom-reg90')).toBe(true);
    expect(upcomingMilestones(server.state)).toEqual([
      { id: 'agency-a-100', label: 'Cơ quan A 100%', remaining: 5 },
      { id: 'agency-b-50', label: 'Cơ quan B 50%', remaining: 10 },
      { id: 'donations-100', label: '100', remaining: 10 },
      { id: 'target-200', label: 'Mục tiêu 200', remaining: 110 },
      { id: 'donations-300', label: '300', remaining: 210 },
    ]);
  });

  it('a target that is not a step is listed on its own', () => {
    const server = festival([['a', 'Cơ quan A', 211]]);
    server.giveMany(150, 'a', vn(DAY1, '08:00'));
    expect(upcomingMilestones(server.state, 10).filter((u) => !u.id.startsWith('agency-'))).toEqual([
      { id: 'donations-200', label: '200', remaining: 50 },
      { id: 'target-211', label: 'Mục tiêu 211', remaining: 61 },
      { id: 'donations-300', label: '300', remaining: 150 },
      { id: 'donations-400', label: '400', remaining: 250 },
    ]);
  });

  it('does not list a milestone announced, even after a void took the total back below it; lists a withdrawn one again', () => {
    const server = festival([['a', 'Cơ quan A', null]]);
    const donations = server.giveMany(100, 'a', vn(DAY1, '08:00'));
    server.ok('event.voided', { eventId: donations[99]!.id, reason: 'r' }, DESK1, vn(DAY1, '09:00'));
    expect(upcomingMilestones(server.state)[0]).toEqual({ id: 'donations-100', label: '100', remaining: 1 });
    server.give('a', vn(DAY1, '09:05'));
    server.ok('milestone.announced', { milestoneId: 'donations-100' }, MC, vn(DAY1, '09:06'));
    server.ok('event.voided', { eventId: donations[98]!.id, reason: 'r' }, DESK1, vn(DAY1, '09:10'));
    const upcoming = upcomingMilestones(server.state);
    expect(upcoming.map((u) => u.id)).not.toContain('donations-100');
    expect(upcoming[0]).toEqual({ id: 'donations-200', label: '200', remaining: 101 });
  });

  it('never lists a milestone that cannot fire: with quota 1 the next is the 100 %, not the 50 %', () => {
    // BUG (reported): for quota 1, ceil(1/2) = 1 = quota, and the engine fires only agency-x-100
    // (50 % requires count < quota); upcomingMilestones still announces "x 50%, còn 1".
    const server = festival([['x', 'Cơ quan X', 1]]);
    const upcoming = upcomingMilestones(server.state, 10).filter((u) => u.id.startsWith('agency-'));
    server.give('x', vn(DAY1, '08:00'));
    const reached = ids(server).filter((id) => id.startsWith('agency-'));
    expect(reached).toEqual(['agency-x-100']);
    expect(upcoming).toEqual([{ id: 'agency-x-100', label: 'Cơ quan X 100%', remaining: 1 }]);
  });
});

describe('step helpers', () => {
  it('isDonationStep / nextDonationStep follow 100…500 by 100, then every 250', () => {
    const steps = [];
    for (let n = 1; n <= 2000; n++) if (isDonationStep(n)) steps.push(n);
    expect(steps).toEqual([100, 200, 300, 400, 500, 750, 1000, 1250, 1500, 1750, 2000]);
    expect([0, 99, 100, 450, 499, 500, 501, 749, 750, 1999].map(nextDonationStep)).toEqual([100, 100, 200, 500, 500, 750, 750, 750, 1000, 2000]);
    expect(isDonationStep(0)).toBe(false);
  });
});
