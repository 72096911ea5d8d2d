/**
 * A person on two agencies' lists (issue 15, donor.listed): one donor, credited to the agency of
 * the list that came first until a desk or the admin credits another; nothing counted twice;
 * the counting roles learn nothing of it but the counts a change of credit moves.
 */
import { describe, expect, it } from 'vitest';
import { projectionForViewer, replay } from '../../shared/index.ts';
import type { Visibility } from '../../shared/index.ts';
import { ADMIN, AG_COUNT, AG_PERCENT, DAY1, DESK1, DESK2, MiniServer, canonical, vn } from './fixtures.ts';

function overlap() {
  const server = new MiniServer().setup();
  server.ok('list.imported', { importId: 'list-yte', agencyId: AG_COUNT, fileName: 'so-y-te.xlsx', rows: 1 }, DESK1, vn(DAY1, '06:00'));
  server.ok('donor.registered', { donorId: 'hoa', fullName: 'Trần Thị Hoa', agencyId: AG_COUNT, birthYear: 1988, importId: 'list-yte' }, DESK1, vn(DAY1, '06:00'));
  server.ok('list.imported', { importId: 'list-dh', agencyId: AG_PERCENT, fileName: 'dai-hoc.xlsx', rows: 1 }, DESK2, vn(DAY1, '06:10'));
  const listed = server.ok('donor.listed', { donorId: 'hoa', agencyId: AG_PERCENT, importId: 'list-dh' }, DESK2, vn(DAY1, '06:10'));
  return { server, listed };
}

describe('overlapping lists: donor.listed', () => {
  it('records the other list on the one donor; nothing is counted twice', () => {
    const { server } = overlap();
    expect(server.state.donors.get('hoa')).toMatchObject({ agencyId: AG_COUNT, alsoListed: [AG_PERCENT] });
    expect(server.state.donors.get('hoa')!.creditChosen).toBeUndefined();
    expect(server.state.totals.registered).toBe(1);
    expect(server.state.byAgency.get(AG_PERCENT)).toBeUndefined();
    // Listed again on the same list, or on its own agency's: nothing changes.
    server.ok('donor.listed', { donorId: 'hoa', agencyId: AG_PERCENT }, DESK2, vn(DAY1, '06:20'));
    server.ok('donor.listed', { donorId: 'hoa', agencyId: AG_COUNT }, DESK2, vn(DAY1, '06:20'));
    expect(server.state.donors.get('hoa')!.alsoListed).toEqual([AG_PERCENT]);
  });

  it('refuses an unknown donor, agency or list', () => {
    const { server } = overlap();
    expect(server.send('donor.listed', { donorId: 'nobody', agencyId: AG_PERCENT }, DESK1, vn(DAY1, '07:00')).result).toMatchObject({ ok: false, code: 'unknown_donor' });
    expect(server.send('donor.listed', { donorId: 'hoa', agencyId: 'no-agency' }, DESK1, vn(DAY1, '07:00')).result).toMatchObject({ ok: false, code: 'unknown_agency' });
    expect(server.send('donor.listed', { donorId: 'hoa', agencyId: AG_PERCENT, importId: 'no-list' }, DESK1, vn(DAY1, '07:00')).result).toMatchObject({ ok: false, code: 'unknown_import' });
  });

  it('crediting the other agency moves every count and keeps the first list as one the person is on; the choice is recorded', () => {
    const { server } = overlap();
    server.ok('donor.checked_in', { donorId: 'hoa' }, DESK1, vn(DAY1, '08:00'));
    server.ok('donor.donated', { donorId: 'hoa', volumeMl: 350 }, DESK1, vn(DAY1, '08:20'));
    expect(server.state.byAgency.get(AG_COUNT)?.donated).toBe(1);
    server.ok('donor.updated', { donorId: 'hoa', agencyId: AG_PERCENT }, ADMIN, vn(DAY1, '09:00'));
    expect(server.state.donors.get('hoa')).toMatchObject({ agencyId: AG_PERCENT, alsoListed: [AG_COUNT], creditChosen: true });
    expect(server.state.byAgency.get(AG_PERCENT)).toMatchObject({ registered: 1, checkedIn: 1, donated: 1, volumeMl: 350 });
    expect(server.state.byAgency.get(AG_COUNT)).toBeUndefined();
    expect(server.state.totals.donated).toBe(1);
  });

  it('keeping the default credit is a choice too (settled), with no move', () => {
    const { server } = overlap();
    server.ok('donor.updated', { donorId: 'hoa', agencyId: AG_COUNT }, ADMIN, vn(DAY1, '09:00'));
    expect(server.state.donors.get('hoa')).toMatchObject({ agencyId: AG_COUNT, alsoListed: [AG_PERCENT], creditChosen: true });
  });

  it('the counting roles receive no donor and agree on every count; replay agrees', () => {
    const { server, listed } = overlap();
    server.ok('donor.checked_in', { donorId: 'hoa' }, DESK1, vn(DAY1, '08:00'));
    server.ok('donor.updated', { donorId: 'hoa', agencyId: AG_PERCENT }, ADMIN, vn(DAY1, '09:00'));
    for (const visibility of ['full', 'desk', 'staff', 'mc', 'public'] as Visibility[]) {
      const viewer = { visibility, tokenId: DESK1.tokenId };
      const wire = server.logFor(viewer);
      if (visibility !== 'full' && visibility !== 'desk') expect(wire.find((e) => e.id === listed.id)?.payload).toEqual({});
      expect(canonical(projectionForViewer(replay(wire), viewer)), visibility).toBe(canonical(projectionForViewer(server.state, viewer)));
    }
  });
});
