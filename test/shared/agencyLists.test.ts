import { describe, expect, it } from 'vitest';
import { agencyLists } from '../../shared/agencyLists.ts';
import { applyInPlace, initialState, projectionForViewer } from '../../shared/index.ts';
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
