import { describe, expect, it } from 'vitest';
import { applyInPlace, initialState, projectionForViewer } from '../../shared/index.ts';
import { securityStatus, uncovered } from '../../shared/security.ts';
import type { RuleResult } from '../../shared/index.ts';
import { ADMIN, COORD, DAY1, DAY2, MiniServer, TZ, vn } from './fixtures.ts';

function expectCode(result: RuleResult, code: string): void {
  expect(result.ok ? 'ok' : result.code).toBe(code);
}

/** Two posts; the main gate held 06:00–12:00 and 13:00–18:00 on day 1, the car park none. */
function withPosts(): MiniServer {
  const server = new MiniServer().setup();
  server.ok('security.post_set', { postId: 'gate', name: 'Cổng chính', place: 'Đường Tôn Đức Thắng' }, COORD, vn(DAY1, '05:00'));
  server.ok('security.post_set', { postId: 'parking', name: 'Bãi xe' }, COORD, vn(DAY1, '05:00'));
  server.ok('security.shift_set', { shiftId: 'gate-am', postId: 'gate', day: DAY1, from: '06:00', to: '12:00', who: 'Tổ 1 — Công an phường', phone: '0912000001' }, COORD, vn(DAY1, '05:00'));
  server.ok('security.shift_set', { shiftId: 'gate-pm', postId: 'gate', day: DAY1, from: '13:00', to: '18:00', who: 'Tổ 2' }, COORD, vn(DAY1, '05:00'));
  return server;
}

describe('security posts and shifts (issue 17)', () => {
  it('uncovered: the hours no shift covers, overlaps and all', () => {
    expect(uncovered([], { from: '06:00', to: '18:00' })).toEqual([{ from: '06:00', to: '18:00' }]);
    expect(
      uncovered(
        [
          { from: '06:00', to: '12:00' },
          { from: '13:00', to: '18:00' },
        ],
        { from: '06:00', to: '18:00' },
      ),
    ).toEqual([{ from: '12:00', to: '13:00' }]);
    expect(
      uncovered(
        [
          { from: '05:00', to: '09:00' },
          { from: '08:00', to: '10:00' },
          { from: '16:00', to: '20:00' },
        ],
        { from: '06:00', to: '18:00' },
      ),
    ).toEqual([{ from: '10:00', to: '16:00' }]);
  });

  it('who should hold each post now, whether they checked in, and the gaps of the day', () => {
    const server = withPosts();
    const at = (hhmm: string) => Date.parse(vn(DAY1, hhmm));
    const byPost = (nowMs: number) => Object.fromEntries(securityStatus(server.state, DAY1, nowMs, TZ).map((s) => [s.post.id, s]));
    expect(byPost(at('07:00')).gate!.now).toBe('unmanned');
    expect(byPost(at('07:00')).gate!.current?.id).toBe('gate-am');
    // Without the festival's hours, the gate's day runs from its first shift to its last.
    expect(byPost(at('07:00')).gate!.gaps).toEqual([{ from: '12:00', to: '13:00' }]);
    expect(byPost(at('07:00')).parking!.now).toBe('off');
    server.ok('security.manned', { shiftId: 'gate-am' }, COORD, vn(DAY1, '06:05'));
    expect(byPost(at('07:00')).gate!.now).toBe('manned');
    // Between its shifts the gate is held by no one.
    expect(byPost(at('12:30')).gate!.now).toBe('uncovered');
    expect(byPost(at('13:30')).gate!.now).toBe('unmanned');
    expect(byPost(at('19:00')).gate!.now).toBe('off');
    // With the festival's hours, a post with no shift is one gap, and uncovered while open.
    server.ok('event.configured', { name: 'Ngày hội', venue: 'Xứ Đông', timezone: TZ, days: [DAY1, DAY2], countOn: 'donated', hours: { opens: '06:30', closes: '17:30' } }, ADMIN, vn(DAY1, '05:30'));
    expect(byPost(at('12:30')).gate!.now).toBe('uncovered');
    expect(byPost(at('12:30')).parking!.gaps).toEqual([{ from: '06:30', to: '17:30' }]);
    expect(byPost(at('12:30')).parking!.now).toBe('uncovered');
    // Another day: nothing is "now".
    expect(securityStatus(server.state, DAY2, at('07:00'), TZ).every((s) => s.now === 'off')).toBe(true);
  });

  it('rules: a shift needs its post; a post with shifts is not removed; a shift is checked in once, and the check-in voided by its phone', () => {
    const server = withPosts();
    expectCode(server.send('security.shift_set', { shiftId: 'x', postId: 'nowhere', day: DAY1, from: '06:00', to: '07:00', who: 'Tổ 3' }, COORD, vn(DAY1, '05:00')).result, 'unknown_post');
    expectCode(server.send('security.post_removed', { postId: 'gate' }, COORD, vn(DAY1, '05:00')).result, 'post_in_use');
    const checkIn = server.ok('security.manned', { shiftId: 'gate-am' }, COORD, vn(DAY1, '06:02'));
    expectCode(server.send('security.manned', { shiftId: 'gate-am' }, COORD, vn(DAY1, '06:03')).result, 'already_manned');
    expectCode(server.send('security.manned', { shiftId: 'nope' }, COORD, vn(DAY1, '06:03')).result, 'unknown_shift');
    // Editing the shift keeps its check-in.
    server.ok('security.shift_set', { shiftId: 'gate-am', postId: 'gate', day: DAY1, from: '06:00', to: '11:30', who: 'Tổ 1' }, COORD, vn(DAY1, '06:10'));
    expect(server.state.securityShifts.get('gate-am')?.mannedAt).toBeDefined();
    server.ok('event.voided', { eventId: checkIn.id, reason: 'bấm nhầm' }, COORD, vn(DAY1, '06:11'));
    expect(server.state.securityShifts.get('gate-am')?.mannedAt).toBeUndefined();
    server.ok('security.shift_removed', { shiftId: 'gate-am' }, COORD, vn(DAY1, '06:12'));
    server.ok('security.shift_removed', { shiftId: 'gate-pm' }, COORD, vn(DAY1, '06:12'));
    server.ok('security.post_removed', { postId: 'gate' }, COORD, vn(DAY1, '06:13'));
    expect(server.state.securityPosts.has('gate')).toBe(false);
    expectCode(server.send('security.post_removed', { postId: 'gate' }, COORD, vn(DAY1, '06:14')).result, 'unknown_post');
  });

  it('the shifts (names, phones) reach coordinators and admin, never the wall, the MC or a desk', () => {
    const server = withPosts();
    expect(projectionForViewer(server.state, { visibility: 'staff' }).securityShifts.size).toBe(2);
    expect(projectionForViewer(server.state, { visibility: 'full' }).securityShifts.size).toBe(2);
    for (const visibility of ['mc', 'desk'] as const) {
      expect(projectionForViewer(server.state, { visibility, tokenId: 't' }).securityShifts.size, visibility).toBe(0);
      expect(JSON.stringify(server.logFor({ visibility, tokenId: 't' })), visibility).not.toMatch(/Tổ 1|0912000001/);
    }
    expect(projectionForViewer(server.state, { visibility: 'public' }).securityShifts.size).toBe(0);
    const wallLog = server.logFor({ visibility: 'public' });
    expect(JSON.stringify(wallLog)).not.toMatch(/Tổ 1|0912000001/);
    const wall = initialState();
    for (const event of wallLog) applyInPlace(wall, event);
    expect(wall.securityShifts.size).toBe(0);
    expect(wall.securityPosts.size).toBe(2);
  });
});
