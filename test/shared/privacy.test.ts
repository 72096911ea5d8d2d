/**
 * Need to know (shared/privacy.ts, API.md "Auth"): what each viewer receives of a person.
 * full (admin): everything but the CCCD hash. desk: the same, less another device's deferral
 * note and correction notes. staff (coordinator), mc, public (wall): counts only — the MC also
 * a name the donor agreed to have announced. And erasure in the projection: every count stays.
 */
import { describe, expect, it } from 'vitest';
import { ROLES, applyInPlace, checkEvent, projectionFromWire, projectionToWire, replay, retentionDue, seesPii, toStateBody, visibilityOf } from '../../shared/index.ts';
import type { ProjectionState, RecordedEvent, Viewer } from '../../shared/index.ts';
import { ADMIN, AG_COUNT, COORD, DAY1, DESK1, DESK2, MiniServer, TASK, testHash, vn } from './fixtures.ts';

const CCCD = '030190001234';

/** Lan (consents to being named) and Nam register; Lan gives the first donation of the day; Nam is deferred by desk 2. */
function festival() {
  const server = new MiniServer().setup();
  const at = (hhmm: string) => vn(DAY1, hhmm);
  server.ok(
    'donor.registered',
    { donorId: 'lan', fullName: 'Nguyễn Thị Lan', agencyId: AG_COUNT, phone: '0912345678', birthYear: 1990, bloodType: 'O+', nationalId: CCCD, consent: { dataProcessing: true, announceName: true } },
    DESK1,
    at('07:00'),
  );
  server.ok('donor.registered', { donorId: 'nam', fullName: 'Trần Văn Nam', agencyId: AG_COUNT, phone: '0987654321', consent: { dataProcessing: true, announceName: false } }, DESK2, at('07:01'));
  server.ok('donor.checked_in', { donorId: 'lan' }, DESK1, at('07:10'));
  server.ok('donor.checked_in', { donorId: 'nam' }, DESK2, at('07:11'));
  server.ok('donor.donated', { donorId: 'lan', volumeMl: 350 }, DESK1, at('07:30'));
  server.ok('donor.deferred', { donorId: 'nam', reasonCode: 'low_hemoglobin', reason: 'Hb 11,2 g/dl' }, DESK2, at('07:31'));
  server.ok('task.status_set', { taskId: TASK, status: 'done' }, COORD, at('07:32'));
  server.ok('incident.reported', { incidentId: 'inc', title: 'Người hiến bị choáng', severity: 'medium', place: 'Phòng hồi sức', note: 'Đã gọi bác sĩ' }, COORD, at('07:33'));
  return server;
}

const ofType = (server: MiniServer, viewer: Viewer, type: RecordedEvent['type']) => server.logFor(viewer).filter((e) => e.type === type);
const FULL: Viewer = { visibility: 'full' };
const DESK_1: Viewer = { visibility: 'desk', tokenId: DESK1.tokenId };
const DESK_2: Viewer = { visibility: 'desk', tokenId: DESK2.tokenId };

describe('visibilityOf, seesPii', () => {
  it('admin full, desk desk, coordinator staff, mc mc, wall and agency public; only admin and desks see donors', () => {
    expect(Object.fromEntries(ROLES.map((role) => [role, visibilityOf(role)]))).toEqual({ admin: 'full', desk: 'desk', coordinator: 'staff', mc: 'mc', wall: 'public', agency: 'public' });
    expect(ROLES.filter(seesPii).sort()).toEqual(['admin', 'desk']);
  });
});

describe('eventForViewer', () => {
  const server = festival();

  it('the door: nobody receives the CCCD; admin and desks its last 4 digits, the hash stays on the server', () => {
    const recorded = server.log.find((e) => e.type === 'donor.registered')!;
    expect(recorded.payload).toMatchObject({ nationalIdHash: testHash(CCCD), nationalIdLast4: '1234' });
    expect(recorded.payload).not.toHaveProperty('nationalId');
    for (const viewer of [FULL, DESK_1, DESK_2]) {
      const [lan] = ofType(server, viewer, 'donor.registered');
      expect(lan!.payload).toEqual({
        donorId: 'lan',
        fullName: 'Nguyễn Thị Lan',
        agencyId: AG_COUNT,
        phone: '0912345678',
        birthYear: 1990,
        bloodType: 'O+',
        nationalIdLast4: '1234',
        consent: { dataProcessing: true, announceName: true },
      });
    }
  });

  it("a deferral's code and note reach the desk that wrote them and admin; another desk learns only that the donor was deferred", () => {
    const whole = { donorId: 'nam', reasonCode: 'low_hemoglobin', reason: 'Hb 11,2 g/dl' };
    expect(ofType(server, FULL, 'donor.deferred')[0]!.payload).toEqual(whole);
    expect(ofType(server, DESK_2, 'donor.deferred')[0]!.payload).toEqual(whole);
    expect(ofType(server, DESK_1, 'donor.deferred')[0]!.payload).toEqual({ donorId: 'nam' });
  });

  it("a correction note about a donor: the same; a coordinator's void of its own task keeps its reason", () => {
    const local = festival();
    const donation = local.log.find((e) => e.type === 'donor.donated')!;
    local.ok('event.voided', { eventId: donation.id, reason: 'Nhầm người: là chị Lan khác' }, DESK1, vn(DAY1, '08:00'));
    const task = local.log.find((e) => e.type === 'task.status_set')!;
    local.ok('event.voided', { eventId: task.id, reason: 'bấm nhầm' }, COORD, vn(DAY1, '08:01'));
    const voids = (viewer: Viewer) => ofType(local, viewer, 'event.voided').map((e) => e.payload);
    expect(voids(DESK_1)).toEqual([
      { eventId: donation.id, reason: 'Nhầm người: là chị Lan khác' },
      { eventId: task.id, reason: 'bấm nhầm' },
    ]);
    expect(voids(DESK_2)).toEqual([
      { eventId: donation.id, reason: '' },
      { eventId: task.id, reason: 'bấm nhầm' },
    ]);
    // The counting roles receive what the void took back, never its reason.
    const undo = { field: 'donated', agencyId: AG_COUNT, day: DAY1, volumeMl: 350, quarterHour: vn(DAY1, '07:30') };
    for (const visibility of ['staff', 'mc', 'public'] as const)
      expect(voids({ visibility })).toEqual([
        { eventId: donation.id, undo },
        { eventId: task.id, reason: 'bấm nhầm' },
      ]);
  });

  it('wall, MC and coordinators receive donor events as counts: agency, day, volume, quarter hour', () => {
    for (const visibility of ['staff', 'mc', 'public'] as const) {
      const donorEvents = server.logFor({ visibility }).filter((e) => e.type.startsWith('donor.'));
      const payloads = donorEvents.map((e) => ({ type: e.type, payload: e.payload }));
      expect(payloads, visibility).toEqual([
        { type: 'donor.registered', payload: { agencyId: AG_COUNT, day: DAY1 } },
        { type: 'donor.registered', payload: { agencyId: AG_COUNT, day: DAY1 } },
        { type: 'donor.checked_in', payload: { agencyId: AG_COUNT, day: DAY1 } },
        { type: 'donor.checked_in', payload: { agencyId: AG_COUNT, day: DAY1 } },
        {
          type: 'donor.donated',
          // The first donation of the day reached a milestone; Lan agreed to be named: the MC, and only the MC, gets her name.
          payload: { agencyId: AG_COUNT, day: DAY1, volumeMl: 350, quarterHour: vn(DAY1, '07:30'), ...(visibility === 'mc' ? { announceName: 'Nguyễn Thị Lan' } : {}) },
        },
        { type: 'donor.deferred', payload: { agencyId: AG_COUNT, day: DAY1 } },
      ]);
    }
  });

  it('other events pass as they are to the staff and the MC; the wall gets an incident without its title, place and notes', () => {
    const incident = (visibility: 'staff' | 'mc' | 'public') => ofType(server, { visibility }, 'incident.reported')[0]!.payload;
    expect(incident('staff')).toEqual({ incidentId: 'inc', title: 'Người hiến bị choáng', severity: 'medium', place: 'Phòng hồi sức', note: 'Đã gọi bác sĩ' });
    expect(incident('mc')).toEqual(incident('staff'));
    expect(incident('public')).toEqual({ incidentId: 'inc', title: '', severity: 'medium' });
    expect(ofType(server, { visibility: 'public' }, 'task.status_set')[0]!.payload).toEqual({ taskId: TASK, status: 'done' });
  });

  it("no name reaches the MC without consent, nor once consent is withdrawn: the MC's milestone loses it", () => {
    const local = new MiniServer().setup();
    local.ok('donor.registered', { donorId: 'nam', fullName: 'Trần Văn Nam', agencyId: AG_COUNT }, DESK1, vn(DAY1, '07:00'));
    local.ok('donor.checked_in', { donorId: 'nam' }, DESK1, vn(DAY1, '07:01'));
    local.ok('donor.donated', { donorId: 'nam', volumeMl: 250 }, DESK1, vn(DAY1, '07:02'));
    expect(JSON.stringify(local.logFor({ visibility: 'mc' }))).not.toContain('Nam');
    // He agrees at the desk: the MC gets the name for the milestone he reached…
    local.ok('donor.updated', { donorId: 'nam', announceName: true }, DESK1, vn(DAY1, '07:05'));
    expect(local.logFor({ visibility: 'mc' }).at(-1)!.payload).toEqual({ milestoneIds: ['first-donation-2024-07-19'], announceName: 'Trần Văn Nam' });
    // …and loses it when he changes his mind.
    local.ok('donor.updated', { donorId: 'nam', announceName: false }, DESK1, vn(DAY1, '07:06'));
    expect(local.logFor({ visibility: 'mc' }).at(-1)!.payload).toEqual({ milestoneIds: ['first-donation-2024-07-19'] });
    expect(local.logFor({ visibility: 'public' }).at(-1)!.payload).toEqual({ milestoneIds: ['first-donation-2024-07-19'] });
  });

  it("a registration voided (entered by mistake) takes its name off the MC's milestone", () => {
    const local = new MiniServer().setup();
    local.ok('milestone.rule_defined', { ruleId: 'first-registered', label: 'Người đăng ký đầu tiên', metric: 'registered', threshold: 1 }, ADMIN, vn(DAY1, '06:00'));
    const registration = local.ok('donor.registered', { donorId: 'oops', fullName: 'Nhầm Lẫn', agencyId: AG_COUNT, consent: { dataProcessing: true, announceName: true } }, DESK1, vn(DAY1, '07:00'));
    const milestoneOf = (state: ProjectionState) => [...state.milestones.values()].find((m) => m.kind === 'custom');
    const mc = () => replay(local.logFor({ visibility: 'mc' }));
    expect(milestoneOf(mc())?.announceName).toBe('Nhầm Lẫn');
    const voided = local.ok('event.voided', { eventId: registration.id, reason: 'nhập nhầm' }, DESK1, vn(DAY1, '07:01'));
    const counted = local.logFor({ visibility: 'mc' }).find((e) => e.id === voided.id)!;
    expect(counted.payload).toMatchObject({ eventId: registration.id, undo: { field: 'registered' }, milestoneIds: [milestoneOf(local.state)!.id] });
    expect(milestoneOf(mc())).toBeDefined();
    expect(milestoneOf(mc())).not.toHaveProperty('announceName');
    // The same as the server's own view of it.
    expect(toStateBody(mc(), 'mc').milestones).toEqual(toStateBody(local.state, 'mc').milestones);
  });
});

describe('projectionForViewer and projectionToWire', () => {
  const state = festival().state;
  const decoded = (viewer: Viewer): ProjectionState => projectionFromWire(JSON.parse(JSON.stringify(projectionToWire(state, viewer))));

  it('admin: every donor with their data, no CCCD hash (and no index of them)', () => {
    const admin = decoded(FULL);
    expect(admin.donors.get('lan')).toMatchObject({ fullName: 'Nguyễn Thị Lan', phone: '0912345678', nationalIdLast4: '1234', bloodType: 'O+' });
    expect(admin.donors.get('lan')).not.toHaveProperty('nationalIdHash');
    expect(admin.nationalIdIndex.size).toBe(0);
    expect(state.nationalIdIndex.get(testHash(CCCD))).toBe('lan');
  });

  it('a desk: the deferral reason of its own deferrals only', () => {
    const deferral = (viewer: Viewer) => decoded(viewer).donors.get('nam')!.days.get(DAY1)!.outcome;
    expect(deferral(DESK_2)).toMatchObject({ kind: 'deferred', reasonCode: 'low_hemoglobin', reason: 'Hb 11,2 g/dl' });
    expect(deferral(DESK_1)).toMatchObject({ kind: 'deferred' });
    expect(deferral(DESK_1)).not.toHaveProperty('reason');
    expect(deferral(DESK_1)).not.toHaveProperty('reasonCode');
    // The server's state is untouched.
    expect(state.donors.get('nam')!.days.get(DAY1)!.outcome!.reason).toBe('Hb 11,2 g/dl');
  });

  it('the counting roles: no donor, no index, no blood types, no memory of donor events; milestones without the donor; the MC with a consented name', () => {
    for (const visibility of ['staff', 'mc', 'public'] as const) {
      const copy = decoded({ visibility });
      expect(copy.donors.size, visibility).toBe(0);
      expect(copy.identityIndex.size + copy.nationalIdIndex.size + copy.imports.size + copy.donatedByBloodType.size, visibility).toBe(0);
      expect(
        [...copy.applied.values()].map((a) => a.type).filter((t) => t.startsWith('donor.')),
        visibility,
      ).toEqual([]);
      const first = copy.milestones.get('first-donation-2024-07-19')!;
      expect(first, visibility).not.toHaveProperty('donorId');
      if (visibility === 'mc') expect(first.announceName).toBe('Nguyễn Thị Lan');
      else expect(first, visibility).not.toHaveProperty('announceName');
      expect(copy.totals).toEqual(state.totals);
      expect(toStateBody(copy, visibility)).toEqual(toStateBody(state, visibility));
    }
    expect(decoded({ visibility: 'public' }).incidents.get('inc')).toMatchObject({ title: '', severity: 'medium' });
    expect(decoded({ visibility: 'staff' }).incidents.get('inc')).toMatchObject({ title: 'Người hiến bị choáng', place: 'Phòng hồi sức' });
  });
});

describe('toStateBody by visibility', () => {
  const state = festival().state;

  it('incident items for all but the wall; blood types for admin and desks only; the consented name for the MC and admin only', () => {
    expect(toStateBody(state, 'full').incidents.items).toHaveLength(1);
    expect(toStateBody(state, 'staff').incidents.items).toHaveLength(1);
    expect(toStateBody(state, 'public').incidents).toEqual({ open: 1, bySeverity: { low: 0, medium: 1, high: 0, critical: 0 } });
    expect(toStateBody(state, 'full').bloodTypes).toEqual({ 'O+': 1 });
    expect(toStateBody(state, 'desk').bloodTypes).toEqual({ 'O+': 1 });
    for (const visibility of ['staff', 'mc', 'public'] as const) expect(toStateBody(state, visibility)).not.toHaveProperty('bloodTypes');
    const first = (visibility: Parameters<typeof toStateBody>[1]) => toStateBody(state, visibility).milestones.find((m) => m.id === 'first-donation-2024-07-19')!;
    expect(first('mc').announceName).toBe('Nguyễn Thị Lan');
    expect(first('full').announceName).toBe('Nguyễn Thị Lan');
    for (const visibility of ['desk', 'staff', 'public'] as const) expect(first(visibility)).not.toHaveProperty('announceName');
  });
});

describe('erasure in the projection', () => {
  it("donor.erased takes a person's data out of the state and keeps every count, milestone and their path", () => {
    const server = festival();
    const before = toStateBody(server.state, 'full');
    server.ok('donor.erased', { donorId: 'lan', reason: 'Theo đơn yêu cầu ngày 2/8/2024' }, ADMIN, vn(DAY1, '09:00'));
    const lan = server.state.donors.get('lan')!;
    expect(lan).toMatchObject({ fullName: '', erased: true, agencyId: AG_COUNT });
    for (const field of ['phone', 'birthYear', 'bloodType', 'nationalIdLast4', 'nationalIdHash', 'consent']) expect(lan, field).not.toHaveProperty(field);
    expect(lan.days.get(DAY1)!.outcome).toMatchObject({ kind: 'donated', volumeMl: 350 });
    expect(server.state.nationalIdIndex.size).toBe(0);
    expect([...server.state.identityIndex.values()]).not.toContain('lan');
    const after = toStateBody(server.state, 'full');
    const { seq: _a, bloodTypes: bloodBefore, milestones: milestonesBefore, ...countsBefore } = before;
    const { seq: _b, bloodTypes: bloodAfter, milestones: milestonesAfter, ...countsAfter } = after;
    expect(countsAfter).toEqual(countsBefore);
    // Her donation is still counted, its blood type no longer known; the milestone stays, without her name.
    expect(bloodBefore).toEqual({ 'O+': 1 });
    expect(bloodAfter).toEqual({ unknown: 1 });
    expect(milestonesAfter.map(({ announceName: _n, ...m }) => m)).toEqual(milestonesBefore.map(({ announceName: _n, ...m }) => m));
    expect(milestonesAfter.find((m) => m.id === 'first-donation-2024-07-19')).not.toHaveProperty('announceName');
    expect(server.state.lastErasureSeq).toBe(server.log.at(-1)!.seq);
    // The MC is told to forget the name.
    expect(server.logFor({ visibility: 'mc' }).at(-1)!.payload).toEqual({ milestoneIds: ['first-donation-2024-07-19'] });
  });

  it("rules: an erased person's data cannot be written again, nor erased twice; the counts can still be corrected", () => {
    const server = festival();
    server.ok('donor.erased', { donorId: 'lan', reason: 'Theo yêu cầu' }, ADMIN, vn(DAY1, '09:00'));
    expect(server.send('donor.erased', { donorId: 'lan', reason: 'lần nữa' }, ADMIN, vn(DAY1, '09:01')).result).toMatchObject({ ok: false, code: 'already_erased' });
    expect(server.send('donor.erased', { donorId: 'ghost', reason: 'x' }, ADMIN, vn(DAY1, '09:01')).result).toMatchObject({ ok: false, code: 'unknown_donor' });
    expect(server.send('donor.updated', { donorId: 'lan', phone: '0911111111' }, DESK1, vn(DAY1, '09:02')).result).toMatchObject({ ok: false, code: 'donor_erased' });
    expect(server.send('donor.updated', { donorId: 'lan', agencyId: 'walk-in' }, ADMIN, vn(DAY1, '09:03')).result.ok).toBe(true);
    // Another desk (or the same person again) may register anew: nothing of the erased record is left to match.
    expect(server.send('donor.registered', { donorId: 'lan-2', fullName: 'Nguyễn Thị Lan', agencyId: AG_COUNT, birthYear: 1990, nationalId: CCCD }, DESK2, vn(DAY1, '09:04')).result.ok).toBe(true);
  });

  it("an erasure's reason stays in the log: refused when it holds the person's name or a phone or CCCD number", () => {
    const server = festival();
    const refused = (reason: string) => server.send('donor.erased', { donorId: 'lan', reason }, ADMIN, vn(DAY1, '09:00')).result;
    for (const reason of ['Chị Nguyễn Thị Lan yêu cầu', 'chi nguyen thi lan yeu cau', 'SĐT 0912 345 678 yêu cầu', 'CCCD 030.190.001.234']) {
      expect(refused(reason), reason).toMatchObject({ ok: false, code: 'reason_has_personal_data' });
    }
    expect(server.send('personal_data.expired', { registeredUpTo: vn(DAY1, '08:00'), reason: 'theo 030190001234' }, ADMIN, vn(DAY1, '09:00')).result).toMatchObject({
      ok: false,
      code: 'reason_has_personal_data',
    });
    expect(refused('Đơn yêu cầu ngày 2/8/2024, số 12/HCTĐ').ok).toBe(true);
  });

  it('a registration voided (entered by mistake) counts as an erasure for snapshots: the server deletes its data too', () => {
    const server = new MiniServer().setup();
    const registration = server.ok('donor.registered', { donorId: 'oops', fullName: 'Nhầm Lẫn', agencyId: AG_COUNT, phone: '0912345678' }, DESK1, vn(DAY1, '07:00'));
    const voided = server.ok('event.voided', { eventId: registration.id, reason: 'nhập nhầm' }, DESK1, vn(DAY1, '07:01'));
    expect(server.state.donors.has('oops')).toBe(false);
    expect(server.state.lastErasureSeq).toBe(voided.seq);
    // The counting roles learn it from the counted void: their copy says the same.
    const wall = replay(server.logFor({ visibility: 'public' }));
    expect(wall.lastErasureSeq).toBe(voided.seq);
  });

  it('personal_data.expired erases everyone registered up to its instant, and nobody after', () => {
    const server = festival();
    server.ok('donor.registered', { donorId: 'late', fullName: 'Lê Thị Hoa', agencyId: AG_COUNT, phone: '0900000000' }, DESK1, vn(DAY1, '10:00'));
    const totals = { ...server.state.totals };
    server.ok('personal_data.expired', { registeredUpTo: vn(DAY1, '09:00'), reason: 'Hết thời hạn lưu' }, ADMIN, vn(DAY1, '11:00'));
    expect(server.state.donors.get('lan')!.erased).toBe(true);
    expect(server.state.donors.get('nam')!.erased).toBe(true);
    expect(server.state.donors.get('nam')!.days.get(DAY1)!.outcome).not.toHaveProperty('reason');
    expect(server.state.donors.get('late')).toMatchObject({ fullName: 'Lê Thị Hoa', phone: '0900000000' });
    expect(server.state.totals).toEqual(totals);
  });

  it('a registration read back without its key (the person was erased) is an erased donor from the start, counted the same', () => {
    const server = festival();
    const log = server.log.map((event) =>
      event.type === 'donor.registered' && event.payload.donorId === 'lan' ? ({ ...event, payload: { donorId: 'lan', agencyId: AG_COUNT, fullName: '', erased: true } } as RecordedEvent) : event,
    );
    const fresh = replay(log);
    expect(fresh.donors.get('lan')).toMatchObject({ fullName: '', erased: true });
    expect(fresh.totals).toEqual(server.state.totals);
    expect(toStateBody(fresh, 'public')).toEqual(toStateBody(server.state, 'public'));
  });

  it('read back without its key is not erased by an erasure: one on request, or retention, still covers the person', () => {
    const server = festival();
    const log = server.log.map((event) =>
      event.type === 'donor.registered' ? ({ ...event, payload: { donorId: event.payload.donorId, agencyId: AG_COUNT, fullName: '', erased: true } } as RecordedEvent) : event,
    );
    // The key store was lost (its backup may come back): no erasure recorded for anyone.
    const keyLost = replay(log);
    expect(keyLost.donors.get('lan')).toMatchObject({ erased: true });
    expect(keyLost.donors.get('lan')).not.toHaveProperty('erasedSeq');
    const at = { role: 'admin' as const, tokenId: ADMIN.tokenId, at: vn(DAY1, '09:00') };
    expect(checkEvent(keyLost, { id: 'e1', type: 'donor.erased', payload: { donorId: 'lan', reason: 'Đơn ngày 2/8' } }, at).ok).toBe(true);
    expect(retentionDue(keyLost, 30, Date.parse(vn(DAY1, '09:00')) + 60 * 86_400_000)).not.toBeNull();
    // Retention covers both; an erasure on request is not done twice.
    const seq = keyLost.seq + 1;
    applyInPlace(keyLost, { id: 'e2', type: 'personal_data.expired', payload: { registeredUpTo: vn(DAY1, '08:00'), reason: 'Hết hạn' }, seq, at: vn(DAY1, '09:00'), actor: ADMIN } as RecordedEvent);
    expect(keyLost.donors.get('lan')!.erasedSeq).toBe(seq);
    expect(keyLost.donors.get('nam')!.erasedSeq).toBe(seq);
    const again = checkEvent(keyLost, { id: 'e3', type: 'donor.erased', payload: { donorId: 'lan', reason: 'Đơn ngày 3/8' } }, at);
    expect(again.ok ? null : again.code).toBe('already_erased');
  });
});
