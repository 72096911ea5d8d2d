/**
 * What the MC's screen derives (pure): the queue (reached, not announced or skipped, newest
 * first) and what was already said, taps not yet confirmed, undos; the upcoming milestones as
 * sentences ("còn 12 đơn vị nữa đạt 100"); the wall message check.
 */
import { describe, expect, it } from 'vitest';
import type { Actor, RecordedEvent } from '../../shared/index.ts';
import { replay, upcomingMilestones } from '../../shared/index.ts';
import type { ProjectionState } from '../../shared/projection.ts';
import { cleanWallMessage, describeUpcoming, mcLists, type LocalMcState, type UpcomingContext } from '../../client/views/mc/mcModel.ts';
import { optimisticView } from '../../client/device/optimistic.ts';
import type { OutboxEntry } from '../../client/device/store.ts';

const MC: Actor = { tokenId: 'tok-mc', role: 'mc', label: 'MC sân khấu' };
const DESK: Actor = { tokenId: 'tok-desk', role: 'desk', label: 'Bàn 1' };

class Log {
  readonly events: RecordedEvent[] = [];
  private minute = 0;
  add(type: string, payload: unknown, actor: Actor = DESK, id?: string): RecordedEvent {
    const seq = this.events.length + 1;
    this.minute += 1;
    const at = new Date(Date.parse('2024-07-19T07:00:00+07:00') + this.minute * 1000).toISOString();
    const event = { seq, id: id ?? `ev-${seq}`, type, payload, at, actor } as RecordedEvent;
    this.events.push(event);
    return event;
  }
  setup(): this {
    this.add(
      'event.configured',
      { name: 'Ngày hội', venue: 'Xứ Đông', timezone: 'Asia/Ho_Chi_Minh', days: ['2024-07-19', '2024-07-20'], countOn: 'donated' },
      { tokenId: 'adm', role: 'admin', label: 'Ban tổ chức' },
    );
    this.add('agency.upserted', { agencyId: 'soyte', name: 'Sở Y tế', quota: { kind: 'count', count: 150 } }, { tokenId: 'adm', role: 'admin', label: 'Ban tổ chức' });
    this.add('agency.upserted', { agencyId: 'ldld', name: 'Liên đoàn Lao động tỉnh', quota: { kind: 'count', count: 850 } }, { tokenId: 'adm', role: 'admin', label: 'Ban tổ chức' });
    return this;
  }
  donations(count: number, agencyId: string, prefix: string): this {
    for (let i = 0; i < count; i++) {
      const donorId = `${prefix}-${i}`;
      this.add('donor.registered', { donorId, fullName: `Người ${i}`, agencyId });
      this.add('donor.checked_in', { donorId });
      this.add('donor.donated', { donorId, volumeMl: 350 });
    }
    return this;
  }
  state(): ProjectionState {
    return replay(this.events);
  }
}

const none: LocalMcState = { unconfirmed: new Set() };
const me = { id: MC.tokenId, role: MC.role, label: MC.label };
/** A tap of this tablet waiting in its outbox. */
const tap = (id: string, type: OutboxEntry['type'], payload: Record<string, unknown>, occurredAt = '2024-07-19T08:00:00.000Z'): OutboxEntry => ({
  id,
  type,
  payload,
  createdAt: Date.parse(occurredAt),
  occurredAt,
  attempts: 0,
});
const ctxOf = (state: ProjectionState): UpcomingContext => ({
  agencyName: (id) => state.agencies.get(id)?.name ?? null,
  ruleMetric: (id) => state.milestoneRules.get(id)?.metric ?? null,
  agencyMetric: state.event?.countOn ?? 'donated',
});

describe('the MC queue', () => {
  it('lists reached milestones not yet announced or skipped, newest first', () => {
    const state = new Log().setup().donations(100, 'ldld', 'a').state();
    const { queue, recent } = mcLists(state.milestones.values(), none);
    expect(queue.map((m) => m.id)).toEqual(['donations-100', 'first-donation-2024-07-19']);
    expect(queue[0]!.script).toContain('đơn vị máu thứ 100');
    expect(recent).toEqual([]);
  });

  it('announced and skipped ones move to what was already said, most recent first', () => {
    const log = new Log().setup().donations(100, 'ldld', 'a');
    log.add('milestone.skipped', { milestoneId: 'first-donation-2024-07-19' }, MC, 'skip-1');
    log.add('milestone.announced', { milestoneId: 'donations-100' }, MC, 'ann-1');
    const { queue, recent } = mcLists(log.state().milestones.values(), none);
    expect(queue).toEqual([]);
    expect(recent.map((h) => [h.milestone.id, h.status, h.eventId])).toEqual([
      ['donations-100', 'announced', 'ann-1'],
      ['first-donation-2024-07-19', 'skipped', 'skip-1'],
    ]);
  });

  it('a tap not yet confirmed by the log hides the milestone from the queue; a refused one (out of the outbox) does not', () => {
    const state = new Log().setup().donations(100, 'ldld', 'a').state();
    const waiting = optimisticView(state, [tap('mc-1', 'milestone.announced', { milestoneId: 'donations-100' })], [], me);
    const lists = mcLists(waiting.projection!.milestones.values(), waiting);
    expect(lists.queue.map((m) => m.id)).toEqual(['first-donation-2024-07-19']);
    expect(lists.recent[0]).toMatchObject({ status: 'pending-announce', eventId: 'mc-1', at: '2024-07-19T08:00:00.000Z' });
    // Recorded, not pushed back yet: still shown as on its way.
    const recorded = optimisticView(state, [], [{ ...tap('mc-1', 'milestone.announced', { milestoneId: 'donations-100' }), seq: state.seq + 1 }], me);
    expect(mcLists(recorded.projection!.milestones.values(), recorded).recent[0]).toMatchObject({ status: 'pending-announce', eventId: 'mc-1' });
    // Refused: it left the outbox, so nothing is folded in.
    const refused = optimisticView(state, [], [], me);
    expect(mcLists(refused.projection!.milestones.values(), refused).queue.map((m) => m.id)).toContain('donations-100');
  });

  it('an undo (void of the tap) puts it back in the queue at once, before and after the log has it', () => {
    const log = new Log().setup().donations(100, 'ldld', 'a');
    log.add('milestone.announced', { milestoneId: 'donations-100' }, MC, 'ann-1');
    const announced = log.state();
    expect(mcLists(announced.milestones.values(), none).recent[0]).toMatchObject({ status: 'announced', eventId: 'ann-1' });
    const undo = tap('undo-1', 'event.voided', { eventId: 'ann-1', reason: 'MC hoàn tác' });
    const undoing = optimisticView(announced, [undo], [], me);
    expect(mcLists(undoing.projection!.milestones.values(), undoing).queue[0]!.id).toBe('donations-100');
    // The live data is left as it was.
    expect(announced.milestones.get('donations-100')!.announcedEventId).toBe('ann-1');
    log.add('event.voided', { eventId: 'ann-1', reason: 'MC hoàn tác' }, MC, 'undo-1');
    const voided = log.state();
    expect(voided.milestones.get('donations-100')!.announcedAt).toBeNull();
    expect(mcLists(voided.milestones.values(), none).queue[0]!.id).toBe('donations-100');
    // Announced again after the undo: a new event, not the voided one; the old undo folds to nothing.
    log.add('milestone.announced', { milestoneId: 'donations-100' }, MC, 'ann-2');
    const again = optimisticView(log.state(), [undo], [], me);
    expect(mcLists(again.projection!.milestones.values(), again).recent[0]).toMatchObject({ status: 'announced', eventId: 'ann-2' });
  });

  it('a milestone withdrawn by a void (no longer true) leaves the queue, and comes back with the real one', () => {
    const log = new Log().setup().donations(100, 'ldld', 'a');
    const hundredth = log.events[log.events.length - 1]!;
    log.add('event.voided', { eventId: hundredth.id, reason: 'nhập nhầm' });
    expect(mcLists(log.state().milestones.values(), none).queue.map((m) => m.id)).toEqual(['first-donation-2024-07-19']);
    log.donations(1, 'soyte', 'b');
    const { queue } = mcLists(log.state().milestones.values(), none);
    expect(queue.map((m) => m.id)).toEqual(['donations-100', 'first-donation-2024-07-19']);
    expect(queue[0]!.reachedSeq).toBe(log.events[log.events.length - 1]!.seq);
  });

  it('keeps at most the requested number of recent items', () => {
    const log = new Log().setup().donations(100, 'ldld', 'a');
    log.add('milestone.announced', { milestoneId: 'donations-100' }, MC);
    log.add('milestone.announced', { milestoneId: 'first-donation-2024-07-19' }, MC);
    expect(mcLists(log.state().milestones.values(), none, 1).recent.map((h) => h.milestone.id)).toEqual(['first-donation-2024-07-19']);
  });
});

describe('upcoming milestones for the MC', () => {
  it('88 donations: "còn 12 đơn vị nữa đạt 100" first; agency halves by name, in people (quotas count people)', () => {
    const state = new Log().setup().donations(88, 'ldld', 'a').state();
    const lines = upcomingMilestones(state, 5).map((up) => describeUpcoming(up, ctxOf(state)));
    expect(lines[0]).toMatchObject({ id: 'donations-100', remaining: 12, vi: 'còn 12 đơn vị nữa đạt 100' });
    const soyte = lines.find((l) => l.id === 'agency-soyte-50');
    expect(soyte).toMatchObject({ remaining: 75, vi: 'Sở Y tế: còn 75 người hiến máu nữa đạt 50% chỉ tiêu' });
    expect(lines.find((l) => l.id === 'donations-200')?.vi).toBe('còn 112 đơn vị nữa đạt 200');
  });

  it('numbers the Vietnamese way; 1.000 is "một ngàn trái tim hồng"; the target by name', () => {
    const state = new Log().setup().state();
    const ctx = ctxOf(state);
    expect(describeUpcoming({ id: 'donations-1000', label: '1.000', remaining: 1234 }, ctx).vi).toBe('còn 1.234 đơn vị nữa đạt 1.000 — một ngàn trái tim hồng');
    expect(describeUpcoming({ id: 'target-2000', label: 'Mục tiêu 2.000', remaining: 5 }, ctx).vi).toBe('còn 5 người hiến máu nữa đạt mục tiêu 2.000 người');
    expect(describeUpcoming({ id: 'agency-ldld-100', label: 'Liên đoàn Lao động tỉnh 100%', remaining: 3 }, ctx).vi).toBe('Liên đoàn Lao động tỉnh: còn 3 người hiến máu nữa hoàn thành chỉ tiêu');
    expect(describeUpcoming({ id: 'agency-gone-50', label: 'Đơn vị cũ 50%', remaining: 3 }, ctx).vi).toBe('Đơn vị cũ: còn 3 người hiến máu nữa đạt 50% chỉ tiêu');
    // The English line, numbers the English way; the agency's English name when it has one.
    expect(describeUpcoming({ id: 'donations-1000', label: '1.000', remaining: 1234 }, ctx).en).toBe('1,234 more units to 1,000 — a thousand pink hearts');
    expect(describeUpcoming({ id: 'target-2000', label: 'Mục tiêu 2.000', remaining: 5 }, ctx).en).toBe('5 more donors to the target of 2,000 people');
    expect(describeUpcoming({ id: 'agency-ldld-50', label: 'Liên đoàn Lao động tỉnh 50%', remaining: 3 }, { ...ctx, agencyNameEn: () => 'Labour Federation' }).en).toBe(
      'Labour Federation: 3 more donors to half of its quota',
    );
    const line = describeUpcoming({ id: 'donations-100', label: '100', remaining: 1200 }, ctx);
    expect(line.parts.vi).toEqual(['còn ', { name: 'n' }, ' đơn vị nữa đạt 100']);
    expect(line.n).toEqual({ vi: '1.200', en: '1,200' });
  });

  it("an organisers' rule on registrations counts people, not units", () => {
    const log = new Log().setup();
    log.add('milestone.rule_defined', { ruleId: 'reg-50', label: '50 người đăng ký', metric: 'registered', threshold: 50 }, { tokenId: 'adm', role: 'admin', label: 'Ban tổ chức' });
    const state = log.state();
    const line = describeUpcoming({ id: 'custom-reg-50', label: '50 người đăng ký', remaining: 50 }, ctxOf(state));
    expect(line.vi).toBe('còn 50 người đăng ký nữa đạt “50 người đăng ký”');
  });
});

describe('the wall message', () => {
  it('is trimmed and 1-200 characters, as the server accepts it', () => {
    expect(cleanWallMessage('  Mời đoàn Sở Y tế lên sân khấu  ')).toBe('Mời đoàn Sở Y tế lên sân khấu');
    expect(cleanWallMessage('   ')).toBeNull();
    expect(cleanWallMessage('x'.repeat(200))).toHaveLength(200);
    expect(cleanWallMessage('x'.repeat(201))).toBeNull();
  });
});
