/**
 * Privacy (shared/privacy.ts, API.md "Auth"): the three visibilities, for events and for
 * projections. full (admin, desk): everything. staff (coordinator, mc): no phone, national id,
 * birth year, gender, weight, last donation date, deferral reason / reasonCode. public (wall): as
 * staff, no donor names (first name only with event.thankYouNames), no incident details.
 */
import { describe, expect, it } from 'vitest';
import {
  PRIVATE_DONOR_FIELDS,
  ROLES,
  eventForRole,
  eventForVisibility,
  firstNameOf,
  projectionForVisibility,
  projectionFromWire,
  projectionToWire,
  replay,
  seesPii,
  toStateBody,
  visibilityOf,
} from '../../shared/index.ts';
import type { ProjectionState, RecordedEvent, Visibility } from '../../shared/index.ts';
import { ADMIN, AG_COUNT, AG_PERCENT, COORD, DAY1, DAY2, DESK1, LogBuilder, MC, TASK, TZ, canonical, vn } from './fixtures.ts';

const OFF = { thankYouNames: false };
const ON = { thankYouNames: true };

function recorded<T extends RecordedEvent['type']>(type: T, payload: Extract<RecordedEvent, { type: T }>['payload']): RecordedEvent {
  return { seq: 42, id: 'cli-000042', type, payload, at: vn(DAY1, '08:00'), actor: DESK1 } as RecordedEvent;
}

const FULL_REGISTRATION = {
  donorId: 'a1',
  fullName: 'Nguyễn Thị Lan',
  agencyId: AG_COUNT,
  phone: '0912345678',
  birthYear: 1990,
  bloodType: 'O+' as const,
  nationalId: '030190001234',
  gender: 'female' as const,
  weightKg: 52,
  lastDonationDate: '2024-01-15',
  allowDuplicateName: true,
};

describe('visibilityOf, seesPii, firstNameOf', () => {
  it('admin and desk see full, coordinator and mc staff, wall public', () => {
    expect(Object.fromEntries(ROLES.map((role) => [role, visibilityOf(role)]))).toEqual({ admin: 'full', desk: 'full', coordinator: 'staff', mc: 'staff', wall: 'public' });
    expect(ROLES.filter(seesPii).sort()).toEqual(['admin', 'desk']);
  });

  it('the private donor fields are the six of the contract', () => {
    expect([...PRIVATE_DONOR_FIELDS].sort()).toEqual(['birthYear', 'gender', 'lastDonationDate', 'nationalId', 'phone', 'weightKg']);
  });

  it('firstNameOf takes the given name, last in Vietnamese order', () => {
    expect(firstNameOf('Nguyễn Thị Lan')).toBe('Lan');
    expect(firstNameOf('  Trần   Văn  Nam  ')).toBe('Nam');
    expect(firstNameOf('Hoa')).toBe('Hoa');
    expect(firstNameOf('Đặng Thu Hà')).toBe('Hà');
  });
});

describe('eventForVisibility', () => {
  it("'full' returns the event itself, for every type", () => {
    const event = recorded('donor.registered', FULL_REGISTRATION);
    expect(eventForVisibility(event, 'full', OFF)).toBe(event);
    const deferred = recorded('donor.deferred', { donorId: 'a1', reason: 'Huyết áp thấp', reasonCode: 'blood_pressure' });
    expect(eventForVisibility(deferred, 'full', OFF)).toBe(deferred);
  });

  it("donor.registered: 'staff' drops the six private fields and keeps the name; 'public' also drops the name (first name with thankYouNames)", () => {
    const event = recorded('donor.registered', FULL_REGISTRATION);
    const copy = structuredClone(event);
    const kept = { donorId: 'a1', agencyId: AG_COUNT, bloodType: 'O+', allowDuplicateName: true };
    const staff = eventForVisibility(event, 'staff', OFF);
    expect(staff.payload).toEqual({ ...kept, fullName: 'Nguyễn Thị Lan' });
    // The envelope is kept as it is.
    expect({ ...staff, payload: null }).toEqual({ ...event, payload: null });
    expect(eventForVisibility(event, 'staff', ON).payload).toEqual({ ...kept, fullName: 'Nguyễn Thị Lan' });
    expect(eventForVisibility(event, 'public', OFF).payload).toEqual({ ...kept, fullName: '' });
    expect(eventForVisibility(event, 'public', ON).payload).toEqual({ ...kept, fullName: 'Lan' });
    // The original is untouched.
    expect(event).toEqual(copy);
  });

  it('donor.updated: the same; a null that clears a private field is not sent either; no name is added when none was sent', () => {
    const event = recorded('donor.updated', { donorId: 'a1', fullName: 'Nguyễn Thị Lan Anh', agencyId: AG_PERCENT, phone: null, nationalId: '030190009999', birthYear: 1991, bloodType: 'A+', weightKg: null });
    const copy = structuredClone(event);
    expect(eventForVisibility(event, 'staff', OFF).payload).toEqual({ donorId: 'a1', fullName: 'Nguyễn Thị Lan Anh', agencyId: AG_PERCENT, bloodType: 'A+' });
    expect(eventForVisibility(event, 'public', OFF).payload).toEqual({ donorId: 'a1', fullName: '', agencyId: AG_PERCENT, bloodType: 'A+' });
    expect(eventForVisibility(event, 'public', ON).payload).toEqual({ donorId: 'a1', fullName: 'Anh', agencyId: AG_PERCENT, bloodType: 'A+' });
    expect(event).toEqual(copy);
    const phoneOnly = recorded('donor.updated', { donorId: 'a1', phone: '0987654321' });
    expect(eventForVisibility(phoneOnly, 'public', ON).payload).toEqual({ donorId: 'a1' });
    expect(eventForVisibility(phoneOnly, 'staff', ON).payload).toEqual({ donorId: 'a1' });
  });

  it("donor.deferred: 'staff' and 'public' get reason \"\" and no reasonCode", () => {
    const event = recorded('donor.deferred', { donorId: 'a1', reason: 'Huyết áp thấp', reasonCode: 'blood_pressure' });
    for (const visibility of ['staff', 'public'] as const) {
      expect(eventForVisibility(event, visibility, ON).payload, visibility).toEqual({ donorId: 'a1', reason: '' });
    }
    expect(event.payload).toEqual({ donorId: 'a1', reason: 'Huyết áp thấp', reasonCode: 'blood_pressure' });
  });

  it("incidents: 'staff' sees them whole; 'public' gets the id and severity, title \"\", no place, task or notes", () => {
    const reported = recorded('incident.reported', { incidentId: 'inc-1', title: 'Người hiến bị choáng', severity: 'high', place: 'Phòng hồi sức', taskId: TASK, note: 'Đã gọi bác sĩ' });
    expect(eventForVisibility(reported, 'staff', ON)).toBe(reported);
    expect(eventForVisibility(reported, 'public', ON).payload).toEqual({ incidentId: 'inc-1', severity: 'high', title: '' });
    for (const type of ['incident.acknowledged', 'incident.resolved'] as const) {
      const event = recorded(type, { incidentId: 'inc-1', note: 'Đã ổn' });
      expect(eventForVisibility(event, 'staff', ON), type).toBe(event);
      expect(eventForVisibility(event, 'public', ON).payload, type).toEqual({ incidentId: 'inc-1' });
    }
    expect(reported.payload).toHaveProperty('place', 'Phòng hồi sức');
  });

  it('every other type passes unchanged to every visibility', () => {
    const others: RecordedEvent[] = [
      recorded('donor.checked_in', { donorId: 'a1' }),
      recorded('donor.donated', { donorId: 'a1', volumeMl: 350 }),
      recorded('task.status_set', { taskId: TASK, status: 'blocked', note: 'thiếu điện' }),
      recorded('milestone.announced', { milestoneId: 'donations-100' }),
      recorded('milestone.skipped', { milestoneId: 'donations-100' }),
      recorded('milestone.rule_defined', { ruleId: 'r', label: 'l', metric: 'donated', threshold: 5 }),
      recorded('milestone.template_set', { kind: 'custom', text: '{label}' }),
      recorded('wall.message_set', { text: 'Xin chào' }),
      recorded('schedule.item_set', { itemId: 's', title: 'Khai mạc', start: '2024-07-19T07:30:00+07:00', durationMin: 30 }),
      recorded('schedule.item_removed', { itemId: 's' }),
      recorded('event.voided', { eventId: 'e', reason: 'nhầm' }),
      recorded('event.configured', { name: 'n', venue: 'v', timezone: TZ, days: [DAY1], countOn: 'donated', thankYouNames: true }),
      recorded('agency.upserted', { agencyId: 'x', name: 'X', quota: null }),
      recorded('task.defined', { taskId: 't', title: 'T', owner: AG_COUNT, phase: 'p', due: null }),
    ];
    for (const event of others) {
      for (const visibility of ['staff', 'public'] as const) expect(eventForVisibility(event, visibility, ON), `${event.type} ${visibility}`).toBe(event);
    }
  });

  it('eventForRole goes by the role visibility', () => {
    const event = recorded('donor.registered', FULL_REGISTRATION);
    expect(eventForRole(event, 'admin', ON)).toBe(event);
    expect(eventForRole(event, 'desk', ON)).toBe(event);
    expect(eventForRole(event, 'coordinator', ON)).toEqual(eventForVisibility(event, 'staff', ON));
    expect(eventForRole(event, 'mc', ON)).toEqual(eventForVisibility(event, 'staff', ON));
    expect(eventForRole(event, 'wall', ON)).toEqual(eventForVisibility(event, 'public', ON));
    expect(eventForRole(event, 'wall', ON).payload).toHaveProperty('fullName', 'Lan');
  });
});

/** Setup; a1 with every detail, donates day 1; a2 deferred day 1 (reason + code); an incident acknowledged with notes. */
function privateState(thankYouNames: boolean | undefined): ProjectionState {
  const b = new LogBuilder();
  b.add('event.configured', { name: 'Ngày hội', venue: 'v', timezone: TZ, days: [DAY1, DAY2], countOn: 'donated', ...(thankYouNames === undefined ? {} : { thankYouNames }) }, { at: vn(DAY1, '06:00'), actor: ADMIN });
  b.add('agency.upserted', { agencyId: AG_COUNT, name: 'Sở Y tế', quota: { kind: 'count', count: 10 } }, { at: vn(DAY1, '06:00'), actor: ADMIN });
  b.add('task.defined', { taskId: TASK, title: 'Dựng sân khấu', owner: AG_COUNT, phase: 'before', due: null }, { at: vn(DAY1, '06:00'), actor: ADMIN });
  b.add('donor.registered', FULL_REGISTRATION, { at: vn(DAY1, '07:00'), actor: DESK1 });
  b.add('donor.registered', { donorId: 'a2', fullName: 'Trần Văn Nam', agencyId: AG_COUNT, phone: '0900000002', birthYear: 1985 }, { at: vn(DAY1, '07:01'), actor: DESK1 });
  b.add('donor.checked_in', { donorId: 'a1' }, { at: vn(DAY1, '07:10'), actor: DESK1 });
  b.add('donor.donated', { donorId: 'a1', volumeMl: 350 }, { at: vn(DAY1, '07:20'), actor: DESK1 });
  b.add('donor.checked_in', { donorId: 'a2' }, { at: vn(DAY1, '07:11'), actor: DESK1 });
  b.add('donor.deferred', { donorId: 'a2', reason: 'Huyết áp thấp', reasonCode: 'blood_pressure' }, { at: vn(DAY1, '07:21'), actor: DESK1 });
  b.add('incident.reported', { incidentId: 'inc-1', title: 'Người hiến bị choáng', severity: 'high', place: 'Phòng hồi sức', taskId: TASK, note: 'Đã gọi bác sĩ' }, { at: vn(DAY1, '07:30'), actor: COORD });
  b.add('incident.acknowledged', { incidentId: 'inc-1', note: 'Bác sĩ đang tới' }, { at: vn(DAY1, '07:31'), actor: COORD });
  b.add('wall.message_set', { text: 'Chào mừng' }, { at: vn(DAY1, '07:32'), actor: MC });
  return replay(b.events);
}

describe('projectionForVisibility and projectionToWire', () => {
  it("'full' is the state itself, and its wire form holds everything", () => {
    const state = privateState(false);
    expect(projectionForVisibility(state, 'full')).toBe(state);
    const wire = projectionFromWire(JSON.parse(JSON.stringify(projectionToWire(state, { visibility: 'full' }))));
    expect(wire.donors.get('a1')).toMatchObject({ phone: '0912345678', nationalId: '030190001234', birthYear: 1990, gender: 'female', weightKg: 52, lastDonationDate: '2024-01-15' });
    expect(canonical(wire)).toBe(canonical(state));
  });

  it("'staff': donors without the private fields and deferral reasons, names kept, no identity indexes; incidents whole; the state untouched", () => {
    const state = privateState(false);
    const before = canonical(state);
    const staff = projectionForVisibility(state, 'staff');
    const a1 = staff.donors.get('a1')!;
    for (const field of PRIVATE_DONOR_FIELDS) expect(a1, field).not.toHaveProperty(field);
    expect(a1).toMatchObject({ id: 'a1', fullName: 'Nguyễn Thị Lan', agencyId: AG_COUNT, bloodType: 'O+' });
    expect(a1.days.get(DAY1)!.outcome).toEqual(state.donors.get('a1')!.days.get(DAY1)!.outcome);
    const deferral = staff.donors.get('a2')!.days.get(DAY1)!.outcome!;
    expect(deferral).toMatchObject({ kind: 'deferred', at: vn(DAY1, '07:21'), by: DESK1.label });
    expect(deferral).not.toHaveProperty('reason');
    expect(deferral).not.toHaveProperty('reasonCode');
    expect(staff.nationalIdIndex.size).toBe(0);
    expect(staff.identityIndex.size).toBe(0);
    expect(state.identityIndex.size).toBe(2);
    expect(staff.incidents.get('inc-1')).toMatchObject({ title: 'Người hiến bị choáng', place: 'Phòng hồi sức', note: 'Đã gọi bác sĩ', taskId: TASK });
    expect(canonical(state)).toBe(before);
    expect(state.donors.get('a2')!.days.get(DAY1)!.outcome).toMatchObject({ reason: 'Huyết áp thấp', reasonCode: 'blood_pressure' });
  });

  it("'public': as staff, and no names (thankYouNames off or unset) and no incident details", () => {
    for (const setting of [false, undefined]) {
      const state = privateState(setting);
      const before = canonical(state);
      const wall = projectionForVisibility(state, 'public');
      expect([...wall.donors.values()].map((d) => d.fullName)).toEqual(['', '']);
      for (const field of PRIVATE_DONOR_FIELDS) expect(wall.donors.get('a1'), field).not.toHaveProperty(field);
      expect(wall.donors.get('a2')!.days.get(DAY1)!.outcome).not.toHaveProperty('reason');
      const incident = wall.incidents.get('inc-1')!;
      expect(incident).toMatchObject({ id: 'inc-1', title: '', severity: 'high', status: 'acknowledged', acknowledgedBy: COORD.label });
      expect(incident).not.toHaveProperty('place');
      expect(incident).not.toHaveProperty('note');
      expect(incident).not.toHaveProperty('taskId');
      expect(incident.updates).toEqual([{ at: vn(DAY1, '07:31'), by: COORD.label, status: 'acknowledged' }]);
      const json = JSON.stringify(projectionToWire(state, { visibility: 'public' }));
      for (const secret of ['Nguyễn Thị Lan', 'Trần Văn Nam', 'Lan', 'Nam', '0912345678', '030190001234', 'Huyết áp thấp', 'blood_pressure', 'Người hiến bị choáng', 'Phòng hồi sức', 'Đã gọi bác sĩ', 'Bác sĩ đang tới']) {
        expect(json, secret).not.toContain(`"${secret}"`);
      }
      expect(canonical(state)).toBe(before);
      expect(state.incidents.get('inc-1')!.updates[0]!.note).toBe('Bác sĩ đang tới');
    }
  });

  it("'public' with thankYouNames: first names only", () => {
    const state = privateState(true);
    const wall = projectionFromWire(JSON.parse(JSON.stringify(projectionToWire(state, { visibility: 'public' }))));
    expect(wall.donors.get('a1')!.fullName).toBe('Lan');
    expect(wall.donors.get('a2')!.fullName).toBe('Nam');
    expect(JSON.stringify(projectionToWire(state, { visibility: 'public' }))).not.toContain('Nguyễn Thị Lan');
    expect(state.donors.get('a1')!.fullName).toBe('Nguyễn Thị Lan');
  });

  it('keeps what is not private: counts, milestones, wall message, tasks, and the view of that visibility', () => {
    const state = privateState(false);
    for (const visibility of ['staff', 'public'] as Visibility[]) {
      const decoded = projectionFromWire(JSON.parse(JSON.stringify(projectionToWire(state, { visibility }))));
      expect(toStateBody(decoded, visibility), visibility).toEqual(toStateBody(state, visibility));
      expect(decoded.milestones.get('first-donation-2024-07-19')!.script).toBe(state.milestones.get('first-donation-2024-07-19')!.script);
      expect(decoded.wallMessage).toEqual(state.wallMessage);
    }
  });
});

describe('toStateBody by visibility', () => {
  it('carries incident items for full and staff, only the counts for public', () => {
    const state = privateState(false);
    const full = toStateBody(state, 'full');
    const staff = toStateBody(state, 'staff');
    const wall = toStateBody(state, 'public');
    expect(full.incidents.items).toHaveLength(1);
    expect(staff.incidents).toEqual(full.incidents);
    expect(wall.incidents).toEqual({ open: 1, bySeverity: { low: 0, medium: 0, high: 1, critical: 0 } });
    expect('items' in wall.incidents).toBe(false);
    expect(JSON.stringify(wall)).not.toContain('Người hiến bị choáng');
    // Nothing else differs.
    const { incidents: _a, ...fullRest } = full;
    const { incidents: _b, ...wallRest } = wall;
    expect(wallRest).toEqual(fullRest);
    // The default is full.
    expect(toStateBody(state)).toEqual(full);
  });

  it('never carries a donor name, phone, national id or deferral reason, whatever the visibility', () => {
    const state = privateState(true);
    for (const visibility of ['full', 'staff', 'public'] as Visibility[]) {
      const json = JSON.stringify(toStateBody(state, visibility));
      for (const secret of ['Nguyễn Thị Lan', 'Trần Văn Nam', '0912345678', '030190001234', 'Huyết áp thấp']) expect(json, `${visibility} ${secret}`).not.toContain(secret);
    }
  });
});
