/**
 * Rehearsal and live (issue 15, event.mode_set): what is recorded in rehearsal stays in the log,
 * moves the rehearsal's own copy of the figures (so trainees see the screens react), and is
 * never counted in the live totals, milestones or report; going live puts every screen back on
 * the live figures without deleting anything. Every role's projection agrees, from the log or
 * from a snapshot taken mid-rehearsal.
 */
import { describe, expect, it } from 'vitest';
import { projectionForViewer, projectionFromWire, projectionToWire, replay, toStateBody } from '../../shared/index.ts';
import { agencyReport } from '../../shared/report.ts';
import type { Visibility } from '../../shared/index.ts';
import { ADMIN, AG_COUNT, AG_PERCENT, DAY1, DESK1, DESK2, MC, MiniServer, canonical, vn } from './fixtures.ts';

/** A festival with two live donations, then a rehearsal with trainees' work on top. */
function rehearsedFestival() {
  const server = new MiniServer().setup();
  server.ok('milestone.rule_defined', { ruleId: 'four', label: 'Đơn vị thứ 4', metric: 'donated', threshold: 4 }, ADMIN, vn(DAY1, '06:00'));
  server.ok('donor.registered', { donorId: 'real-1', fullName: 'Nguyễn Thị Thật', agencyId: AG_COUNT, phone: '0912345678' }, DESK1, vn(DAY1, '06:30'));
  server.give(AG_COUNT, vn(DAY1, '07:10'));
  server.give(AG_PERCENT, vn(DAY1, '07:20'));
  const live = { state: canonical(server.state), report: agencyReport(server.state), milestones: [...server.state.milestones.keys()] };
  const start = server.ok('event.mode_set', { mode: 'rehearsal' }, ADMIN, vn(DAY1, '07:30'));
  // Trainees: a check-in of a real registered person, two made-up donors, the MC announcing, a wall message.
  server.ok('donor.checked_in', { donorId: 'real-1' }, DESK2, vn(DAY1, '07:35'));
  server.ok('donor.donated', { donorId: 'real-1', volumeMl: 450 }, DESK2, vn(DAY1, '07:36'));
  server.give('walk-in', vn(DAY1, '07:40'), DESK2, 'train');
  server.ok('milestone.announced', { milestoneId: 'custom-four' }, MC, vn(DAY1, '07:45'));
  server.ok('wall.message_set', { text: 'Thử màn hình lớn' }, MC, vn(DAY1, '07:46'));
  return { server, live, start };
}

describe('rehearsal (tập dượt) and live (chính thức)', () => {
  it('in rehearsal the screens show the rehearsal (marked as such); the report keeps the live figures', () => {
    const { server, live, start } = rehearsedFestival();
    const body = toStateBody(server.state);
    expect(body.mode).toBe('rehearsal');
    expect(body.totals.donated).toBe(4);
    expect(body.wallMessage?.text).toBe('Thử màn hình lớn');
    expect(server.state.milestones.get('custom-four')).toMatchObject({ announcedAt: vn(DAY1, '07:45') });
    expect(server.state.rehearsal).toMatchObject({ sinceSeq: start.seq, since: start.at });
    // The report is the one the committee signs: the live figures only.
    expect(agencyReport(server.state)).toEqual({ ...live.report, seq: server.state.seq });
  });

  it('going live starts every screen from the live figures: nothing of the rehearsal counts, nothing is deleted', () => {
    const { server, live, start } = rehearsedFestival();
    const logLength = server.log.length;
    const end = server.ok('event.mode_set', { mode: 'live' }, ADMIN, vn(DAY1, '08:00'));
    const state = server.state;
    expect(toStateBody(state).mode).toBe('live');
    expect(state.totals.donated).toBe(2);
    expect(state.wallMessage).toBeNull();
    expect([...state.milestones.keys()]).toEqual(live.milestones);
    expect(state.donors.get('real-1')?.days.size).toBe(0);
    expect(state.donors.has('train-1')).toBe(false);
    expect(agencyReport(state)).toEqual({ ...live.report, seq: end.seq });
    // Everything stays in the log; the rehearsal is remembered for the audit.
    expect(server.log).toHaveLength(logLength + 1);
    expect(state.rehearsals).toEqual([{ fromSeq: start.seq, toSeq: end.seq }]);
    // The same state as the live log without the rehearsal, but for the rehearsal's memory.
    const { rehearsals: _r, seq: _s, applied: _a, ...rest } = JSON.parse(live.state) as Record<string, unknown>;
    const { rehearsals: _r2, seq: _s2, applied: _a2, ...now } = JSON.parse(canonical(state)) as Record<string, unknown>;
    expect(now).toEqual(rest);
    // The first live donation after the rehearsal: the real person donates for real.
    server.ok('donor.checked_in', { donorId: 'real-1' }, DESK1, vn(DAY1, '08:10'));
    server.ok('donor.donated', { donorId: 'real-1', volumeMl: 350 }, DESK1, vn(DAY1, '08:20'));
    expect(server.state.totals.donated).toBe(3);
    expect(canonical(replay(server.log))).toBe(canonical(server.state));
  });

  it('the first donor of the day is never a rehearsal one', () => {
    const server = new MiniServer().setup();
    server.ok('event.mode_set', { mode: 'rehearsal' }, ADMIN, vn(DAY1, '06:00'));
    server.give(AG_COUNT, vn(DAY1, '06:10'));
    expect(server.state.milestones.has(`first-donation-${DAY1}`)).toBe(false);
    server.ok('event.mode_set', { mode: 'live' }, ADMIN, vn(DAY1, '06:55'));
    const first = server.give(AG_COUNT, vn(DAY1, '07:05'));
    expect(server.state.milestones.get(`first-donation-${DAY1}`)?.reachedSeq).toBe(first.seq);
  });

  it('a live event cannot be voided in rehearsal (it would come back at going live); a rehearsal one can; the mode switch is refused when unchanged', () => {
    const server = new MiniServer().setup();
    const real = server.give(AG_COUNT, vn(DAY1, '07:10'));
    expect(server.send('event.mode_set', { mode: 'live' }, ADMIN, vn(DAY1, '07:20')).result).toMatchObject({ ok: false, code: 'mode_unchanged' });
    server.ok('event.mode_set', { mode: 'rehearsal' }, ADMIN, vn(DAY1, '07:30'));
    expect(server.send('event.voided', { eventId: real.id, reason: 'thử' }, ADMIN, vn(DAY1, '07:31')).result).toMatchObject({ ok: false, code: 'live_event_in_rehearsal' });
    const trial = server.give(AG_COUNT, vn(DAY1, '07:40'), DESK1, 'train');
    expect(server.send('event.voided', { eventId: trial.id, reason: 'thử hoàn tác' }, DESK1, vn(DAY1, '07:41')).result.ok).toBe(true);
    expect(server.send('event.mode_set', { mode: 'rehearsal' }, ADMIN, vn(DAY1, '07:50')).result).toMatchObject({ ok: false, code: 'mode_unchanged' });
    expect(server.send('event.mode_set', { mode: 'rehearsal' }, DESK1, vn(DAY1, '07:50')).result.ok).toBe(false);
  });

  it('an erasure during a rehearsal reaches the live world too (it is the law, not a drill)', () => {
    const server = new MiniServer().setup();
    server.ok('donor.registered', { donorId: 'p1', fullName: 'Trần Văn Xoá', agencyId: AG_COUNT, phone: '0987654321' }, DESK1, vn(DAY1, '06:30'));
    server.ok('event.mode_set', { mode: 'rehearsal' }, ADMIN, vn(DAY1, '07:00'));
    server.ok('donor.erased', { donorId: 'p1', reason: 'Đơn yêu cầu số 3/2024' }, ADMIN, vn(DAY1, '07:10'));
    server.ok('event.mode_set', { mode: 'live' }, ADMIN, vn(DAY1, '07:20'));
    expect(server.state.donors.get('p1')).toMatchObject({ fullName: '', erased: true });
    expect(canonical(server.state)).not.toContain('Trần Văn Xoá');
    expect(canonical(server.state)).not.toContain('0987654321');
  });

  it('every role agrees, from the log or from a snapshot taken at any point of the rehearsal', () => {
    const { server } = rehearsedFestival();
    server.give(AG_COUNT, vn(DAY1, '07:50'), DESK2, 'more');
    server.ok('event.mode_set', { mode: 'live' }, ADMIN, vn(DAY1, '08:00'));
    server.give(AG_PERCENT, vn(DAY1, '08:10'));
    for (const visibility of ['full', 'desk', 'staff', 'mc', 'public'] as Visibility[]) {
      const viewer = { visibility, tokenId: DESK1.tokenId };
      const expected = canonical(projectionForViewer(server.state, viewer));
      const wire = server.logFor(viewer);
      expect(canonical(projectionForViewer(replay(wire), viewer)), visibility).toBe(expected);
      for (let cut = 0; cut <= server.log.length; cut += 3) {
        const head = projectionFromWire(JSON.parse(JSON.stringify(projectionToWire(replay(server.log.slice(0, cut)), viewer))));
        expect(canonical(projectionForViewer(replay(wire.slice(cut), head), viewer)), `${visibility} from a snapshot at ${cut}`).toBe(expected);
      }
    }
  });
});
