/**
 * The desk's overlay (own events the projection does not hold yet), its figures, and the
 * walk-in / correction form checks.
 */
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../shared/events.ts';
import { initialState, replay, type ProjectionState } from '../../shared/projection.ts';
import { dayOf } from '../../shared/time.ts';
import { deskFigures } from '../../client/views/desk/figures.ts';
import { changesOf, checkDonorForm, EMPTY_FORM, formValuesOf, parseDay } from '../../client/views/desk/donorForm.ts';
import { buildOverlay, deskDonors, donatedDays, effectiveDonor, findDonor, findSamePerson, todayStatus, type OwnEvent } from '../../client/views/desk/overlay.ts';
import { describeRefusal, maskNationalId, formatPhone } from '../../client/views/desk/deskText.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const DAY = '2024-07-19';
const at = (hhmm: string, day = DAY) => new Date(`${day}T${hhmm}:00+07:00`).toISOString();
const me = { tokenId: 'tok-desk-1', role: 'desk', label: 'Bàn 1' };
const other = { tokenId: 'tok-desk-2', role: 'desk', label: 'Bàn 2' };

let seq = 0;
function ev(type: string, payload: Record<string, unknown>, when: string, actor = other, id = `e-${seq + 1}`): RecordedEvent {
  seq += 1;
  return { seq, id, type, payload, at: when, actor } as RecordedEvent;
}

function baseState(): ProjectionState {
  seq = 0;
  return replay([
    ev('event.configured', { name: 'X', venue: 'Y', timezone: TZ, days: [DAY], countOn: 'donated' }, at('06:00'), { tokenId: 'system', role: 'admin', label: 'system' }),
    ev('agency.upserted', { agencyId: 'ldld', name: 'Liên đoàn Lao động tỉnh', quota: { kind: 'count', count: 700 } }, at('06:00'), { tokenId: 'system', role: 'admin', label: 'system' }),
    ev('donor.registered', { donorId: 'd1', fullName: 'Nguyễn Thị Lan', agencyId: 'ldld', birthYear: 1990, nationalId: '030190000001', weightKg: 50, gender: 'female' }, at('07:00'), other, 'reg-d1'),
    ev('donor.registered', { donorId: 'd2', fullName: 'Trần Văn Đức', agencyId: 'ldld', birthYear: 1985 }, at('07:00'), other, 'reg-d2'),
    ev('donor.registered', { donorId: 'd3', fullName: 'Lê Thu Hà', agencyId: 'ldld', birthYear: 1995 }, at('07:00'), other, 'reg-d3'),
    ev('donor.checked_in', { donorId: 'd2' }, at('08:00'), me, 'ci-d2'),
    ev('donor.checked_in', { donorId: 'd3' }, at('08:05'), other, 'ci-d3'),
    ev('donor.donated', { donorId: 'd3', volumeMl: 350 }, at('08:40'), other, 'do-d3'),
  ]);
}

function own(id: string, type: string, payload: Record<string, unknown>, hhmm: string, pending = true): OwnEvent {
  return { id, type: type as OwnEvent['type'], payload, createdAt: Date.parse(at(hhmm)), pending };
}

function overlayOf(projection: ProjectionState | null, pending: OwnEvent[], journal: OwnEvent[] = [], rejected: string[] = []) {
  return buildOverlay({ projection, pending, journal, rejectedIds: new Set(rejected), dayOf: (i) => dayOf(i, TZ) });
}

describe('desk overlay: own events not yet in the projection', () => {
  it('is empty when every own event is applied', () => {
    const state = baseState();
    const overlay = overlayOf(state, [], [own('ci-d2', 'donor.checked_in', { donorId: 'd2' }, '08:00', false)]);
    expect(overlay.events).toEqual([]);
    expect(todayStatus(state.donors.get('d2')!, DAY, overlay)).toMatchObject({ state: 'checkedIn', unconfirmed: false, waiting: false });
  });

  it('shows a pending check-in, then a pending donation, as waiting', () => {
    const state = baseState();
    const d1 = state.donors.get('d1')!;
    let overlay = overlayOf(state, [own('x1', 'donor.checked_in', { donorId: 'd1' }, '09:00')]);
    expect(todayStatus(d1, DAY, overlay)).toMatchObject({ state: 'checkedIn', unconfirmed: true, waiting: true, checkedInEventId: 'x1' });
    overlay = overlayOf(state, [own('x1', 'donor.checked_in', { donorId: 'd1' }, '09:00'), own('x2', 'donor.donated', { donorId: 'd1', volumeMl: 250 }, '09:30')]);
    expect(todayStatus(d1, DAY, overlay)).toMatchObject({ state: 'donated', waiting: true, outcome: { kind: 'donated', volumeMl: 250, eventId: 'x2' } });
    // The day before: nothing.
    expect(todayStatus(d1, '2024-07-18', overlay).state).toBe('registered');
  });

  it('an event recorded but not pushed back yet is unconfirmed, not waiting', () => {
    const state = baseState();
    const overlay = overlayOf(state, [], [own('x1', 'donor.checked_in', { donorId: 'd1' }, '09:00', false)]);
    expect(todayStatus(state.donors.get('d1')!, DAY, overlay)).toMatchObject({ state: 'checkedIn', unconfirmed: true, waiting: false });
  });

  it('ignores refused events', () => {
    const state = baseState();
    const overlay = overlayOf(state, [], [own('x1', 'donor.checked_in', { donorId: 'd1' }, '09:00', false)], ['x1']);
    expect(todayStatus(state.donors.get('d1')!, DAY, overlay).state).toBe('registered');
  });

  it('a pending undo hides what it undoes: the donation, then the check-in', () => {
    const state = baseState();
    const d3 = state.donors.get('d3')!;
    const d2 = state.donors.get('d2')!;
    let overlay = overlayOf(state, [own('u1', 'event.voided', { eventId: 'do-d3', reason: 'Nhầm' }, '09:00')]);
    expect(todayStatus(d3, DAY, overlay)).toMatchObject({ state: 'checkedIn', unconfirmed: true });
    overlay = overlayOf(state, [own('u2', 'event.voided', { eventId: 'ci-d2', reason: 'Nhầm' }, '09:00')]);
    expect(todayStatus(d2, DAY, overlay).state).toBe('registered');
    // A pending undo of a pending check-in.
    overlay = overlayOf(state, [own('x1', 'donor.checked_in', { donorId: 'd1' }, '09:00'), own('u3', 'event.voided', { eventId: 'x1', reason: 'Nhầm' }, '09:01')]);
    expect(todayStatus(state.donors.get('d1')!, DAY, overlay).state).toBe('registered');
  });

  it('a second pending check-in or outcome does not stack', () => {
    const state = baseState();
    const overlay = overlayOf(state, [
      own('x1', 'donor.donated', { donorId: 'd2', volumeMl: 350 }, '09:00'),
      own('x2', 'donor.deferred', { donorId: 'd2', reason: 'HA' }, '09:01'),
      own('x3', 'donor.checked_in', { donorId: 'd2' }, '09:02'),
    ]);
    expect(todayStatus(state.donors.get('d2')!, DAY, overlay)).toMatchObject({ state: 'donated', checkedInEventId: 'ci-d2', outcome: { eventId: 'x1' } });
  });

  it('a walk-in registered offline can be found, checked in, and corrected', () => {
    const state = baseState();
    const overlay = overlayOf(state, [
      own('r1', 'donor.registered', { donorId: 'w1', fullName: 'Hoàng Thị Mai', agencyId: 'walk-in', birthYear: 1996, phone: '0987654321' }, '09:00'),
      own('c1', 'donor.checked_in', { donorId: 'w1' }, '09:00'),
      own('u1', 'donor.updated', { donorId: 'w1', fullName: 'Hoàng Thị Mai Anh', phone: null, weightKg: 51 }, '09:05'),
    ]);
    const donors = deskDonors(state, overlay);
    expect(donors.map((d) => d.id)).toEqual(['d1', 'd2', 'd3', 'w1']);
    const w1 = findDonor(state, overlay, 'w1')!;
    expect(w1).toMatchObject({ fullName: 'Hoàng Thị Mai', registeredEventId: 'r1', registeredDay: DAY, phone: '0987654321' });
    expect(todayStatus(w1, DAY, overlay).state).toBe('checkedIn');
    const corrected = effectiveDonor(w1, overlay);
    expect(corrected).toMatchObject({ fullName: 'Hoàng Thị Mai Anh', weightKg: 51 });
    expect(corrected.phone).toBeUndefined();
    // The original object is left alone.
    expect(w1.fullName).toBe('Hoàng Thị Mai');
  });

  it('a pending undo of a registration removes the donor', () => {
    const state = baseState();
    const overlay = overlayOf(state, [own('u1', 'event.voided', { eventId: 'reg-d1', reason: 'Nhầm' }, '09:00')]);
    expect(findDonor(state, overlay, 'd1')).toBeNull();
    expect(deskDonors(state, overlay).map((d) => d.id)).toEqual(['d2', 'd3']);
  });

  it('works on no projection at all (first load, offline)', () => {
    const overlay = overlayOf(null, [own('r1', 'donor.registered', { donorId: 'w1', fullName: 'A', agencyId: 'walk-in' }, '09:00')]);
    expect(deskDonors(null, overlay).map((d) => d.id)).toEqual(['w1']);
  });

  it('lists the days a donor gave blood, own pending ones included', () => {
    const state = baseState();
    expect(donatedDays(state.donors.get('d3')!, overlayOf(state, []), DAY)).toEqual([DAY]);
    expect(donatedDays(state.donors.get('d1')!, overlayOf(state, [own('x1', 'donor.checked_in', { donorId: 'd1' }, '09:00'), own('x2', 'donor.donated', { donorId: 'd1', volumeMl: 250 }, '09:10')]), DAY)).toEqual([DAY]);
  });
});

describe('desk overlay: the same person already registered', () => {
  it('by CCCD, and by name + year of birth + agency (diacritics and case ignored)', () => {
    const state = baseState();
    const overlay = overlayOf(state, []);
    expect(findSamePerson(state, overlay, { fullName: 'X', agencyId: 'walk-in', nationalId: '030190000001' })).toEqual({ donorId: 'd1', match: 'nationalId' });
    expect(findSamePerson(state, overlay, { fullName: 'nguyen thi LAN', birthYear: 1990, agencyId: 'ldld' })).toEqual({ donorId: 'd1', match: 'identity' });
    expect(findSamePerson(state, overlay, { fullName: 'Nguyễn Thị Lan', birthYear: 1991, agencyId: 'ldld' })).toBeNull();
    expect(findSamePerson(state, overlay, { fullName: 'Nguyễn Thị Lan', birthYear: 1990, agencyId: 'walk-in' })).toBeNull();
    // Not oneself (a correction).
    expect(findSamePerson(state, overlay, { fullName: 'X', agencyId: 'ldld', nationalId: '030190000001' }, 'd1')).toBeNull();
  });

  it('among the own pending registrations too', () => {
    const state = baseState();
    const overlay = overlayOf(state, [own('r1', 'donor.registered', { donorId: 'w1', fullName: 'Hoàng Thị Mai', agencyId: 'walk-in', birthYear: 1996, nationalId: '030196012345' }, '09:00')]);
    expect(findSamePerson(state, overlay, { fullName: 'hoang thi mai', birthYear: 1996, agencyId: 'walk-in' })).toEqual({ donorId: 'w1', match: 'identity' });
    expect(findSamePerson(state, overlay, { fullName: 'B', agencyId: 'ldld', nationalId: '030196012345' })).toEqual({ donorId: 'w1', match: 'nationalId' });
  });
});

describe('desk figures', () => {
  it('counts this desk\'s own events today, from the log and the pending ones', () => {
    const state = baseState();
    const overlay = overlayOf(state, [own('x1', 'donor.checked_in', { donorId: 'd1' }, '09:00'), own('x2', 'donor.donated', { donorId: 'd2', volumeMl: 450 }, '09:10')]);
    const figures = deskFigures({ projection: state, overlay, tokenId: me.tokenId, journal: [], today: DAY, dayOf: (i) => dayOf(i, TZ) });
    expect(figures.mine).toEqual({ registered: 0, checkedIn: 2, donated: 1, deferred: 0, unconfirmed: 2 });
    expect(figures.today).toMatchObject({ checkedIn: 2, donated: 1 });
    expect(figures.totals).toMatchObject({ registered: 3, checkedIn: 2, donated: 1, volumeMl: 350 });
    expect(figures.target).toBe(700);
    expect(figures.waiting).toBe(1);
  });

  it('an undone own event no longer counts; other desks\' never do', () => {
    const state = baseState();
    const overlay = overlayOf(state, [own('u1', 'event.voided', { eventId: 'ci-d2', reason: 'Nhầm' }, '09:00')]);
    const figures = deskFigures({ projection: state, overlay, tokenId: me.tokenId, journal: [], today: DAY, dayOf: (i) => dayOf(i, TZ) });
    expect(figures.mine.checkedIn).toBe(0);
    const second = deskFigures({ projection: state, overlay: overlayOf(state, []), tokenId: other.tokenId, journal: [], today: DAY, dayOf: (i) => dayOf(i, TZ) });
    expect(second.mine).toMatchObject({ registered: 3, checkedIn: 1, donated: 1 });
  });

  it('without the token id, counts the journal', () => {
    const journal = [
      { ...own('a', 'donor.checked_in', { donorId: 'd1' }, '09:00', false) },
      { ...own('b', 'donor.checked_in', { donorId: 'd2' }, '09:00', false), rejected: { code: 'already_checked_in', message: '' } },
      { ...own('c', 'donor.donated', { donorId: 'd1', volumeMl: 250 }, '09:30', false) },
      { ...own('d', 'event.voided', { eventId: 'c', reason: 'x' }, '09:31', false) },
      { ...own('e', 'donor.checked_in', { donorId: 'd3' }, '09:00', false), createdAt: Date.parse(at('09:00', '2024-07-18')) },
    ];
    const figures = deskFigures({ projection: null, overlay: overlayOf(null, []), tokenId: null, journal, today: DAY, dayOf: (i) => dayOf(i, TZ) });
    expect(figures.mine).toEqual({ registered: 0, checkedIn: 1, donated: 0, deferred: 0, unconfirmed: 0 });
  });
});

describe('walk-in and correction form', () => {
  const today = '2024-07-19';
  const good = { ...EMPTY_FORM, fullName: '  Hoàng   Thị Mai ', agencyId: 'walk-in', birthYear: '1996', gender: 'female' as const, phone: '0987 654 321', weightKg: '51,5' };

  it('accepts a complete walk-in and tidies it', () => {
    const { errors, details } = checkDonorForm(good, { required: true, today });
    expect(errors).toEqual({});
    expect(details).toEqual({ fullName: 'Hoàng Thị Mai', agencyId: 'walk-in', birthYear: 1996, gender: 'female', phone: '0987654321', weightKg: 51.5 });
  });

  it('names every missing required field in Vietnamese', () => {
    const { errors, details } = checkDonorForm(EMPTY_FORM, { required: true, today });
    expect(details).toBeNull();
    expect(errors).toEqual({
      fullName: 'Nhập họ và tên',
      agencyId: 'Chọn đơn vị (hoặc "Tự do" nếu không thuộc đơn vị nào)',
      birthYear: 'Nhập năm sinh',
      gender: 'Chọn giới tính',
      phone: 'Nhập số điện thoại',
      weightKg: 'Nhập cân nặng (kg)',
    });
  });

  it.each([
    ['phone', '091234567', 'Số điện thoại gồm 10 số bắt đầu bằng 0 (hoặc +84 và 9 số)'],
    ['phone', '1912345678', 'Số điện thoại gồm 10 số bắt đầu bằng 0 (hoặc +84 và 9 số)'],
    ['nationalId', '03019000000', 'CCCD gồm đúng 12 chữ số'],
    ['birthYear', '90', 'Năm sinh gồm 4 chữ số, vd. 1990'],
    ['birthYear', '2025', 'Năm sinh từ 1900 đến 2024'],
    ['weightKg', '19', 'Cân nặng (kg) là số từ 20 đến 250, vd. 52,5'],
    ['weightKg', 'năm mươi', 'Cân nặng (kg) là số từ 20 đến 250, vd. 52,5'],
    ['lastDonationDate', '31/2/2024', 'Ngày không hợp lệ (ngày/tháng/năm, vd. 15/3/2024)'],
    ['lastDonationDate', '1/8/2024', 'Ngày hiến gần nhất không thể ở tương lai'],
    ['fullName', 'Lan 2', 'Họ và tên không chứa chữ số hay ký hiệu'],
  ] as const)('%s "%s": %s', (field, value, message) => {
    expect(checkDonorForm({ ...good, [field]: value }, { required: true, today }).errors).toEqual({ [field]: message });
  });

  it('accepts +84 phones (sent as 0…), a CCCD with spaces, and d/m/yyyy dates', () => {
    const { details } = checkDonorForm({ ...good, phone: '+84 987 654 321', nationalId: '0301 9601 2345', lastDonationDate: '5/3/2024', bloodType: 'O+' }, { required: true, today });
    expect(details).toMatchObject({ phone: '0987654321', nationalId: '030196012345', lastDonationDate: '2024-03-05', bloodType: 'O+' });
    expect(parseDay('2024-3-5')).toBe('2024-03-05');
    expect(parseDay('29/2/2023')).toBeNull();
  });

  it('a correction requires only name and agency, and sends only what changed', () => {
    const state = baseState();
    const d1 = state.donors.get('d1')!;
    const values = formValuesOf(d1);
    expect(values.nationalId).toBe('');
    expect(values.weightKg).toBe('50');
    const same = checkDonorForm(values, { required: false, today });
    expect(changesOf(d1, same.details!)).toEqual({});
    const edited = checkDonorForm({ ...values, fullName: 'Nguyễn Thị Lan Anh', weightKg: '', phone: '0912000111', nationalId: '030190000009' }, { required: false, today });
    expect(changesOf(d1, edited.details!)).toEqual({ fullName: 'Nguyễn Thị Lan Anh', weightKg: null, phone: '0912000111', nationalId: '030190000009' });
  });
});

describe('desk wording', () => {
  it('says the time and desk of the first donation', () => {
    const text = describeRefusal('already_donated_today', 'donor already donated today', { at: '2024-07-19T02:05:00.000Z', by: 'Bàn 2', eventId: 'x' }, TZ);
    expect(text.vi).toBe('Người này đã hiến máu hôm nay lúc 09:05 tại Bàn 2. Không ghi lần thứ hai.');
    expect(text.en).toContain('09:05');
    expect(describeRefusal('already_donated_today', '', { at: '2024-07-19T02:05:00.000Z', by: null }, TZ).vi).toBe('Người này đã hiến máu hôm nay lúc 09:05. Không ghi lần thứ hai.');
    expect(describeRefusal('whatever', 'server says no', undefined, TZ)).toEqual({ vi: 'Máy chủ từ chối thao tác.', en: 'server says no' });
  });

  it('never shows a CCCD in full, and writes phones in groups', () => {
    expect(maskNationalId('030190000001')).toBe('•••• 0001');
    expect(maskNationalId(undefined, '4321')).toBe('•••• 4321');
    expect(formatPhone('0912345678')).toBe('0912 345 678');
    expect(formatPhone('+84912345678')).toBe('0912 345 678');
  });
});
