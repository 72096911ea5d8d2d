import { describe, expect, it } from 'vitest';
import { agencyLists } from '../../shared/agencyLists.ts';
import { liaisonView } from '../../shared/agencyResults.ts';
import { applyInPlace, initialState, projectionForViewer, quotaOf, toStateBody } from '../../shared/index.ts';
import { ADMIN, AG_COUNT, AG_PERCENT, DESK1, MiniServer, vn } from './fixtures.ts';

describe("the agencies' lists at the standing office (issue 18)", () => {
  function withList(): MiniServer {
    const server = new MiniServer().setup();
    const at = vn('2024-07-10', '10:00');
    server.ok('list.imported', { importId: 'imp-1', agencyId: AG_COUNT, fileName: 'so-y-te.xlsx', rows: 3 }, DESK1, at);
    for (const n of [1, 2]) server.ok('donor.registered', { donorId: `l-${n}`, fullName: `Người ${n}`, agencyId: AG_COUNT, importId: 'imp-1' }, DESK1, at);
    return server;
  }

  it('which agency sent its list, how many it registered against the quota, and the answer', () => {
    const server = withList();
    const byAgency = () => Object.fromEntries(agencyLists(server.state).map((row) => [row.agencyId, row]));
    expect(byAgency()[AG_COUNT]).toMatchObject({ status: 'waiting', listed: 2, lists: [{ id: 'imp-1', rows: 3, registered: 2, fileName: 'so-y-te.xlsx' }] });
    expect(byAgency()[AG_PERCENT]?.status).toBe('none');
    server.ok('list.reviewed', { importId: 'imp-1', decision: 'returned', note: 'Thiếu 1 người (dòng 3 không có tên)' }, ADMIN, vn('2024-07-11', '08:00'));
    expect(byAgency()[AG_COUNT]).toMatchObject({ status: 'returned', lists: [{ review: { decision: 'returned', note: 'Thiếu 1 người (dòng 3 không có tên)' } }] });
    server.ok('list.reviewed', { importId: 'imp-1', decision: 'accepted' }, ADMIN, vn('2024-07-12', '08:00'));
    expect(byAgency()[AG_COUNT]?.status).toBe('accepted');
    // The note stays in the log: no phone or CCCD number in it.
    expect(server.send('list.reviewed', { importId: 'imp-1', decision: 'returned', note: 'Gọi chị Lan 0912345678' }, ADMIN, vn('2024-07-12', '08:00')).result).toMatchObject({
      ok: false,
      code: 'reason_has_personal_data',
    });
    // A list that does not exist is no list (who may answer: roles.ts, the access test).
    expect(server.send('list.reviewed', { importId: 'nope', decision: 'accepted' }, ADMIN, vn('2024-07-12', '08:00')).result).toMatchObject({ ok: false, code: 'unknown_import' });
  });

  it('the note returning a list stays with the standing office (it may name people)', () => {
    const server = withList();
    server.ok('list.reviewed', { importId: 'imp-1', decision: 'returned', note: 'Kiểm tra lại chị Người 2' }, ADMIN, vn('2024-07-11', '08:00'));
    for (const visibility of ['desk', 'staff', 'mc', 'public'] as const) {
      const replayed = initialState();
      for (const event of server.logFor({ visibility, tokenId: 't' })) applyInPlace(replayed, event);
      expect(JSON.stringify([...replayed.imports.values()]), visibility).not.toContain('Kiểm tra lại');
      expect(JSON.stringify([...projectionForViewer(server.state, { visibility, tokenId: 't' }).imports.values()]), visibility).not.toContain('Kiểm tra lại');
    }
    expect(projectionForViewer(server.state, { visibility: 'full' }).imports.get('imp-1')?.review?.note).toBe('Kiểm tra lại chị Người 2');
  });
});

describe('an agency liaison (issue 18)', () => {
  const LIAISON = { tokenId: 'liaison-1', role: 'agency' as const, label: 'Liên lạc Đại học' };

  it('the headcount sets a quota by share, rounded up, and moves the festival target; a count quota refuses it', () => {
    const server = new MiniServer().setup();
    const quota = () => quotaOf(server.state.agencies.get(AG_PERCENT)!.quotaRule);
    const target = () => toStateBody(server.state).target;
    expect(quota()).toBe(61);
    const before = target();
    server.ok('agency.headcount_set', { agencyId: AG_PERCENT, headcount: 301 }, LIAISON, vn('2024-07-12', '09:00'));
    expect(quota()).toBe(151);
    expect(target()).toBe(before + 90);
    expect(server.send('agency.headcount_set', { agencyId: AG_COUNT, headcount: 10 }, ADMIN, vn('2024-07-12', '09:00')).result).toMatchObject({ ok: false, code: 'quota_not_by_headcount' });
    expect(server.send('agency.headcount_set', { agencyId: 'nope', headcount: 10 }, ADMIN, vn('2024-07-12', '09:00')).result).toMatchObject({ ok: false, code: 'unknown_agency' });
    // A replay of the log reaches the same quota.
    const replayed = initialState();
    for (const event of server.log) applyInPlace(replayed, event);
    expect(quotaOf(replayed.agencies.get(AG_PERCENT)!.quotaRule)).toBe(151);
  });

  it('its people: their best result, a phone only while not come, its lists with the office’s note; no one of another agency', () => {
    const server = new MiniServer().setup();
    const at = vn('2024-07-19', '08:00');
    server.ok('list.imported', { importId: 'imp-u', agencyId: AG_PERCENT, fileName: 'dai-hoc.xlsx', rows: 3 }, LIAISON, vn('2024-07-10', '10:00'));
    server.ok('donor.registered', { donorId: 'u-1', fullName: 'Sinh Viên Một', agencyId: AG_PERCENT, phone: '0912000001', importId: 'imp-u' }, LIAISON, vn('2024-07-10', '10:00'));
    server.ok('donor.registered', { donorId: 'u-2', fullName: 'Sinh Viên Hai', agencyId: AG_PERCENT, phone: '0912000002', importId: 'imp-u' }, LIAISON, vn('2024-07-10', '10:00'));
    server.ok('donor.registered', { donorId: 'y-1', fullName: 'Cán Bộ Y Tế', agencyId: AG_COUNT, phone: '0912000003' }, DESK1, at);
    server.ok('donor.checked_in', { donorId: 'u-1' }, DESK1, at);
    server.ok('donor.deferred', { donorId: 'u-1', reasonCode: 'low_hemoglobin', reason: 'Hb thấp' }, DESK1, at);
    server.ok('list.reviewed', { importId: 'imp-u', decision: 'returned', note: 'Thiếu năm sinh dòng 3' }, ADMIN, vn('2024-07-11', '08:00'));
    const view = liaisonView(server.state, AG_PERCENT)!;
    expect(view.people.map((p) => [p.donorId, p.result, p.phone ?? null])).toEqual([
      ['u-1', 'deferred', null],
      ['u-2', 'not_come', '0912000002'],
    ]);
    expect(view.lists).toEqual([expect.objectContaining({ importId: 'imp-u', rows: 3, review: expect.objectContaining({ decision: 'returned', note: 'Thiếu năm sinh dòng 3' }) })]);
    const text = JSON.stringify(view);
    for (const secret of ['Cán Bộ Y Tế', '0912000003', 'Hb thấp', 'low_hemoglobin', '0912000001']) expect(text).not.toContain(secret);
    expect(liaisonView(server.state, 'nope')).toBeNull();
  });
});
