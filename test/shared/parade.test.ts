import { describe, expect, it } from 'vitest';
import { applyInPlace, eventForViewer, initialState, projectionForViewer } from '../../shared/index.ts';
import { paradeProgress, paradeRoute } from '../../shared/parade.ts';
import type { RuleResult } from '../../shared/index.ts';
import { ADMIN, COORD, MiniServer } from './fixtures.ts';

const PARADE_DAY = '2024-07-18';
const at = (hhmm: string) => `${PARADE_DAY}T${hhmm}:00+07:00`;
const ms = (hhmm: string) => Date.parse(at(hhmm));

function expectCode(result: RuleResult, code: string): void {
  expect(result.ok ? 'ok' : result.code).toBe(code);
}

/** The route: assembly 14:00, two junctions 14:20 and 14:40, the end 15:00 (sent out of order). */
function withRoute(): MiniServer {
  const server = new MiniServer().setup();
  server.ok('parade.checkpoint_set', { checkpointId: 'end', order: 4, name: 'Trung tâm Văn hóa Xứ Đông', kind: 'end', plannedAt: at('15:00') }, COORD, at('09:00'));
  server.ok('parade.checkpoint_set', { checkpointId: 'start', order: 1, name: 'Quảng trường Độc Lập', kind: 'assembly', plannedAt: at('14:00') }, COORD, at('09:00'));
  server.ok('parade.checkpoint_set', { checkpointId: 'j1', order: 2, name: 'Ngã tư Trần Hưng Đạo – Nguyễn Lương Bằng', kind: 'junction', plannedAt: at('14:20') }, COORD, at('09:00'));
  server.ok('parade.checkpoint_set', { checkpointId: 'j2', order: 3, name: 'Ngã ba Thanh Niên', kind: 'junction', plannedAt: at('14:40') }, COORD, at('09:00'));
  return server;
}

describe('the parade (issue 17)', () => {
  it('the route in order; before the start nothing is passed', () => {
    const server = withRoute();
    expect(paradeRoute(server.state).map((c) => c.id)).toEqual(['start', 'j1', 'j2', 'end']);
    const before = paradeProgress(server.state, ms('13:00'));
    expect(before).toMatchObject({ status: 'not_started', passed: 0, last: null, delayMin: null });
    expect(before.next?.id).toBe('start');
    expect(paradeProgress(initialState(), ms('13:00')).status).toBe('no_route');
  });

  it('passing checkpoints: the last one, the next, the delay at the last; an overdue next one makes it later', () => {
    const server = withRoute();
    server.ok('parade.passed', { checkpointId: 'start' }, COORD, at('14:05'));
    server.ok('parade.passed', { checkpointId: 'j1' }, COORD, at('14:27'));
    const onTime = paradeProgress(server.state, ms('14:30'));
    expect(onTime).toMatchObject({ status: 'under_way', passed: 2, delayMin: 7 });
    expect(onTime.last?.id).toBe('j1');
    expect(onTime.next?.id).toBe('j2');
    expect(onTime.nextExpectedAt).toBe(new Date(ms('14:47')).toISOString());
    // 14:55 and j2 not reached though expected at 14:47: 8 minutes more.
    expect(paradeProgress(server.state, ms('14:55')).delayMin).toBe(15);
    server.ok('parade.passed', { checkpointId: 'j2' }, COORD, at('14:38'));
    expect(paradeProgress(server.state, ms('14:40')).delayMin).toBe(-2);
    server.ok('parade.passed', { checkpointId: 'end' }, COORD, at('15:01'));
    expect(paradeProgress(server.state, ms('15:30'))).toMatchObject({ status: 'finished', passed: 4, delayMin: 1, next: null });
  });

  it('the time of passage is the tap (occurredAt), not when a phone out of signal sent it', () => {
    const server = withRoute();
    server.ok('parade.passed', { checkpointId: 'start' }, COORD, at('14:20'), at('14:02'));
    expect(server.state.paradeCheckpoints.get('start')?.passedAt).toBe(new Date(ms('14:02')).toISOString());
  });

  it('rules: a checkpoint passed once; unknown ones refused; a passed one is not removed until its tap is voided', () => {
    const server = withRoute();
    const tap = server.ok('parade.passed', { checkpointId: 'j1' }, COORD, at('14:22'));
    expectCode(server.send('parade.passed', { checkpointId: 'j1' }, COORD, at('14:23')).result, 'already_passed');
    expectCode(server.send('parade.passed', { checkpointId: 'nowhere' }, COORD, at('14:23')).result, 'unknown_checkpoint');
    expectCode(server.send('parade.checkpoint_removed', { checkpointId: 'j1' }, COORD, at('14:24')).result, 'checkpoint_passed');
    expectCode(server.send('parade.escort_set', { memberId: 'cb1', name: 'Đại úy Nguyễn Văn An', checkpointId: 'nowhere' }, COORD, at('09:00')).result, 'unknown_checkpoint');
    expectCode(server.send('incident.reported', { incidentId: 'i1', title: 'Ùn tắc', severity: 'medium', checkpointId: 'nowhere' }, COORD, at('14:25')).result, 'unknown_checkpoint');
    // A wrong tap is voided by the one who made it; then the checkpoint can be passed (or removed).
    server.ok('event.voided', { eventId: tap.id, reason: 'bấm nhầm' }, COORD, at('14:25'));
    expect(server.state.paradeCheckpoints.get('j1')?.passedAt).toBeUndefined();
    expect(paradeProgress(server.state, ms('14:25')).status).toBe('not_started');
    server.ok('parade.checkpoint_removed', { checkpointId: 'j1' }, ADMIN, at('14:26'));
    expect(paradeRoute(server.state).map((c) => c.id)).toEqual(['start', 'j2', 'end']);
  });

  it('editing a checkpoint keeps its passage; an incident may name its checkpoint', () => {
    const server = withRoute();
    server.ok('parade.passed', { checkpointId: 'j1' }, COORD, at('14:22'));
    server.ok('parade.checkpoint_set', { checkpointId: 'j1', order: 2, name: 'Ngã tư Trần Hưng Đạo', kind: 'junction', plannedAt: at('14:25') }, COORD, at('14:30'));
    const edited = server.state.paradeCheckpoints.get('j1')!;
    expect(edited.name).toBe('Ngã tư Trần Hưng Đạo');
    expect(Date.parse(edited.passedAt!)).toBe(ms('14:22'));
    server.ok('incident.reported', { incidentId: 'i1', title: 'Xe hỏng giữa đường', severity: 'high', checkpointId: 'j2' }, COORD, at('14:31'));
    expect(server.state.incidents.get('i1')?.checkpointId).toBe('j2');
  });

  it('the escort (names, phones) reaches coordinators and admin, never the wall, the MC or a desk: not in their snapshots, not in their events', () => {
    const server = withRoute();
    server.ok('parade.escort_set', { memberId: 'car', name: 'Xe dẫn đoàn 34A-000.01', unit: 'Phòng CSGT', checkpointId: 'start' }, COORD, at('09:00'));
    server.ok('parade.escort_set', { memberId: 'cb1', name: 'Đại úy Nguyễn Văn An', phone: '0912345678', checkpointId: 'j1', post: 'chốt phía bắc' }, COORD, at('09:00'));
    expect(projectionForViewer(server.state, { visibility: 'staff' }).paradeEscort.size).toBe(2);
    expect(projectionForViewer(server.state, { visibility: 'public' }).paradeEscort.size).toBe(0);
    expect(projectionForViewer(server.state, { visibility: 'full' }).paradeEscort.size).toBe(2);
    for (const visibility of ['mc', 'desk'] as const) {
      expect(projectionForViewer(server.state, { visibility, tokenId: 't' }).paradeEscort.size, visibility).toBe(0);
      expect(JSON.stringify(server.logFor({ visibility, tokenId: 't' })), visibility).not.toMatch(/Nguyễn Văn An|0912345678/);
    }
    expect(projectionForViewer(server.state, { visibility: 'public' }).paradeCheckpoints.size).toBe(4);
    const wallLog = server.logFor({ visibility: 'public' });
    expect(JSON.stringify(wallLog)).not.toMatch(/Nguyễn Văn An|0912345678|CSGT/);
    // The wall applies what it receives and keeps no escort.
    const wall = initialState();
    for (const event of wallLog) applyInPlace(wall, event);
    expect(wall.paradeEscort.size).toBe(0);
    expect(paradeRoute(wall).map((c) => c.id)).toEqual(['start', 'j1', 'j2', 'end']);
    expect(eventForViewer(server.log.at(-1)!, { visibility: 'staff' }, { counted: null }).payload).toMatchObject({ name: 'Đại úy Nguyễn Văn An' });
    server.ok('parade.escort_removed', { memberId: 'cb1' }, COORD, at('10:00'));
    expect(server.state.paradeEscort.has('cb1')).toBe(false);
  });
});
