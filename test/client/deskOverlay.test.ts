/**
 * The desk's overlay (own events the projection does not hold yet), its figures, the
 * walk-in / correction form checks, and privacy by design on the desk: no full CCCD kept
 * (the overlay, the journal, the offline copy), another desk's deferral without its reason,
 * erased people found by nobody, and what Enter does with a scanned CCCD card or a typed CCCD.
 */
import { describe, expect, it } from 'vitest';
import { DEFERRAL_REASONS, type RecordedEvent } from '../../shared/events.ts';
import { buildDonorIndex, parseCccdQr } from '../../shared/donorSearch.ts';
import { throughTheDoor } from '../../shared/door.ts';
import { projectionForViewer } from '../../shared/privacy.ts';
import { replay, type Donor, type ProjectionState } from '../../shared/projection.ts';
import { dayOf } from '../../shared/time.ts';
import { deskFigures } from '../../client/views/desk/figures.ts';
import { changesOf, checkDonorForm, EMPTY_FORM, formValuesOf, parseDay } from '../../client/views/desk/donorForm.ts';
import { deskDonors, donatedDays, effectiveDonor, findDonor, findSamePerson, todayStatus, type OwnEvent } from '../../client/views/desk/overlay.ts';
import { DEFERRAL_CODES, deferralReasonText, describeRefusal, maskNationalId, formatPhone, lastFourOfTyped } from '../../client/views/desk/deskText.ts';
import { withoutFullNationalId } from '../../shared/door.ts';
import { deferralPayload } from '../../client/views/desk/actions.ts';
import { offlineCopy } from '../../client/views/desk/deskSync.ts';
import { cardMatches, decideEnter, prefillOf, searchBox } from '../../client/views/desk/scan.ts';
import { tIn } from '../../client/views/desk/i18n.ts';
import { overlayFrom } from '../helpers/deskOverlay.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const DAY = '2024-07-19';
const at = (hhmm: string, day = DAY) => new Date(`${day}T${hhmm}:00+07:00`).toISOString();
const me = { tokenId: 'tok-desk-1', role: 'desk', label: 'Bàn 1' };
const other = { tokenId: 'tok-desk-2', role: 'desk', label: 'Bàn 2' };

let seq = 0;
/** A recorded event, past the door as the server writes it (a CCCD becomes a hash and its last 4 digits). */
function ev(type: string, payload: Record<string, unknown>, when: string, actor = other, id = `e-${seq + 1}`): RecordedEvent {
  seq += 1;
  const passed = throughTheDoor({ id, type, payload } as never, (cccd) => `hash-of-${cccd}`);
  return { seq, id, type, payload: passed.payload, at: when, actor } as RecordedEvent;
}

/** The projection as a desk receives it (need to know: another desk's deferral reasons hidden, no CCCD hash). */
function asDesk(state: ProjectionState, tokenId = me.tokenId): ProjectionState {
  return projectionForViewer(state, { visibility: 'desk', tokenId });
}

function baseState(): ProjectionState {
  seq = 0;
  return replay([
    ev('event.configured', { name: 'X', venue: 'Y', timezone: TZ, days: [DAY], countOn: 'donated' }, at('06:00'), { tokenId: 'system', role: 'admin', label: 'system' }),
    ev('agency.upserted', { agencyId: 'ldld', name: 'Liên đoàn Lao động tỉnh', quota: { kind: 'count', count: 700 } }, at('06:00'), { tokenId: 'system', role: 'admin', label: 'system' }),
    ev('donor.registered', { donorId: 'd1', fullName: 'Nguyễn Thị Lan', agencyId: 'ldld', birthYear: 1990, nationalId: '030190000001', weightKg: 50, gender: 'female' }, at('07:00'), other, 'reg-d1'),
    ev('donor.registered', { donorId: 'd2', fullName: 'Trần Văn Đức', agencyId: 'ldld', birthYear: 1985, phone: '0912000002' }, at('07:00'), other, 'reg-d2'),
    ev('donor.registered', { donorId: 'd3', fullName: 'Lê Thu Hà', agencyId: 'ldld', birthYear: 1995 }, at('07:00'), other, 'reg-d3'),
    ev('donor.checked_in', { donorId: 'd2' }, at('08:00'), me, 'ci-d2'),
    ev('donor.checked_in', { donorId: 'd3' }, at('08:05'), other, 'ci-d3'),
    ev('donor.donated', { donorId: 'd3', volumeMl: 350 }, at('08:40'), other, 'do-d3'),
  ]);
}

function own(id: string, type: string, payload: Record<string, unknown>, hhmm: string, pending = true): OwnEvent {
  return { id, type: type as OwnEvent['type'], payload, createdAt: Date.parse(at(hhmm)), pending };
}

function overlayOf(projection: ProjectionState | null, pending: OwnEvent[], recorded: OwnEvent[] = [], refused: string[] = []) {
  return overlayFrom(projection, [...pending, ...recorded], refused);
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
    // Found as the own events leave it: registered, checked in, corrected.
    const w1 = findDonor(state, overlay, 'w1')!;
    expect(w1).toMatchObject({ fullName: 'Hoàng Thị Mai Anh', registeredEventId: 'r1', registeredDay: DAY, weightKg: 51, registeredBy: 'Bàn 1' });
    expect(w1.phone).toBeUndefined();
    expect(todayStatus(w1, DAY, overlay)).toMatchObject({ state: 'checkedIn', unconfirmed: true, waiting: true });
    expect(effectiveDonor(w1, overlay)).toBe(w1);
    // The live data is left alone.
    expect(state.donors.has('w1')).toBe(false);
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
    expect(
      donatedDays(state.donors.get('d1')!, overlayOf(state, [own('x1', 'donor.checked_in', { donorId: 'd1' }, '09:00'), own('x2', 'donor.donated', { donorId: 'd1', volumeMl: 250 }, '09:10')]), DAY),
    ).toEqual([DAY]);
  });
});

describe('desk overlay: the same person already registered', () => {
  it('by name + agency + year of birth or phone (diacritics and case ignored), and by name + last 4 CCCD digits', () => {
    const state = asDesk(baseState());
    const overlay = overlayOf(state, []);
    expect(findSamePerson(state, overlay, { fullName: 'nguyen thi LAN', birthYear: 1990, agencyId: 'ldld' })).toEqual({ donorId: 'd1', match: 'identity' });
    expect(findSamePerson(state, overlay, { fullName: 'Nguyễn Thị Lan', birthYear: 1991, agencyId: 'ldld' })).toBeNull();
    expect(findSamePerson(state, overlay, { fullName: 'Nguyễn Thị Lan', birthYear: 1990, agencyId: 'walk-in' })).toBeNull();
    // The same phone stands in for the year of birth (shared/rules.ts checkSamePerson).
    expect(findSamePerson(state, overlay, { fullName: 'Tran Van Duc', phone: '0912000002', agencyId: 'ldld' })).toEqual({ donorId: 'd2', match: 'identity' });
    // The desk has only the last 4 digits: with the same folded name they name the person…
    expect(findSamePerson(state, overlay, { fullName: 'NGUYEN THI LAN', agencyId: 'walk-in', nationalId: '001099990001' })).toEqual({ donorId: 'd1', match: 'cccdLast4' });
    // …without it they prove nothing (the server recognises the card itself, by its hash).
    expect(findSamePerson(state, overlay, { fullName: 'X', agencyId: 'walk-in', nationalId: '030190000001' })).toBeNull();
    // Not oneself (a correction).
    expect(findSamePerson(state, overlay, { fullName: 'Nguyễn Thị Lan', agencyId: 'ldld', nationalId: '030190000001' }, 'd1')).toBeNull();
  });

  it('among the own pending registrations too', () => {
    const state = asDesk(baseState());
    const overlay = overlayOf(state, [own('r1', 'donor.registered', { donorId: 'w1', fullName: 'Hoàng Thị Mai', agencyId: 'walk-in', birthYear: 1996, nationalId: '030196012345' }, '09:00')]);
    expect(findSamePerson(state, overlay, { fullName: 'hoang thi mai', birthYear: 1996, agencyId: 'walk-in' })).toEqual({ donorId: 'w1', match: 'identity' });
    expect(findSamePerson(state, overlay, { fullName: 'Hoàng Thị Mai', agencyId: 'ldld', nationalId: '030196012345' })).toEqual({ donorId: 'w1', match: 'cccdLast4' });
  });

  it("an erased person is nobody's match", () => {
    seq = 100;
    const state = baseState();
    replay([ev('donor.erased', { donorId: 'd1', reason: 'Yêu cầu số 12 ngày 1/8/2024' }, at('10:00'), { tokenId: 'admin', role: 'admin', label: 'admin' })], state);
    const desk = asDesk(state);
    const overlay = overlayOf(desk, []);
    expect(desk.donors.get('d1')).toMatchObject({ erased: true, fullName: '' });
    expect(findSamePerson(desk, overlay, { fullName: 'Nguyễn Thị Lan', birthYear: 1990, agencyId: 'ldld', nationalId: '030190000001' })).toBeNull();
  });
});

describe('privacy on the desk: no full CCCD kept', () => {
  it('a pending registration shows the last 4 digits, never the number; its consent and import too', () => {
    const state = asDesk(baseState());
    const overlay = overlayOf(state, [
      own('r1', 'donor.registered', { donorId: 'w1', fullName: 'Hoàng Thị Mai', agencyId: 'walk-in', nationalId: '030196012345', consent: { dataProcessing: true, announceName: true } }, '09:00'),
      own('r2', 'donor.registered', { donorId: 'w2', fullName: 'Lý Văn An', agencyId: 'ldld', nationalId: '030180004321', importId: 'list_1' }, '09:00'),
    ]);
    const w1 = findDonor(state, overlay, 'w1')!;
    expect(w1).toMatchObject({ nationalIdLast4: '2345', consent: { dataProcessing: true, announceName: true } });
    expect(JSON.stringify(deskDonors(state, overlay))).not.toContain('030196012345');
    expect(findDonor(state, overlay, 'w2')).toMatchObject({ nationalIdLast4: '4321', importId: 'list_1' });
    // The journal's copy (already cut to the last 4) gives the same.
    const fromJournal = overlayOf(
      state,
      [],
      [own('r1', 'donor.registered', withoutFullNationalId({ donorId: 'w1', fullName: 'Hoàng Thị Mai', agencyId: 'walk-in', nationalId: '030196012345' }), '09:00', false)],
    );
    expect(findDonor(state, fromJournal, 'w1')!.nationalIdLast4).toBe('2345');
  });

  it('a pending correction: a new CCCD as its last 4 digits, a cleared one gone, the consent to announce the name', () => {
    const state = asDesk(baseState());
    const d1 = state.donors.get('d1')!;
    expect(d1.nationalIdLast4).toBe('0001');
    expect(d1).not.toHaveProperty('nationalIdHash');
    let overlay = overlayOf(state, [own('u1', 'donor.updated', { donorId: 'd1', nationalId: '030190005555', announceName: true }, '09:00')]);
    const corrected = effectiveDonor(d1, overlay);
    expect(corrected).toMatchObject({ nationalIdLast4: '5555', consent: { announceName: true } });
    expect(corrected).not.toHaveProperty('nationalId');
    overlay = overlayOf(state, [own('u1', 'donor.updated', { donorId: 'd1', nationalId: null }, '09:00')]);
    expect(effectiveDonor(d1, overlay)).not.toHaveProperty('nationalIdLast4');
  });

  it('the journal keeps the last 4 digits only; a payload without a CCCD is left alone', () => {
    expect(withoutFullNationalId({ donorId: 'w1', nationalId: '030196012345', phone: '0912345678' })).toEqual({ donorId: 'w1', nationalIdLast4: '2345', phone: '0912345678' });
    expect(withoutFullNationalId({ donorId: 'w1', nationalId: null })).toEqual({ donorId: 'w1', nationalIdLast4: null });
    const plain = { donorId: 'w1' };
    expect(withoutFullNationalId(plain)).toBe(plain);
    expect(lastFourOfTyped('0301 9601-2345')).toBe('2345');
    expect(lastFourOfTyped('12345')).toBe('');
  });

  it("the offline copy: no CCCD but the last 4 digits, only this desk's own event history", () => {
    const state = asDesk(baseState());
    const copy = offlineCopy(state, me.tokenId);
    expect([...copy.applied.keys()]).toEqual(['ci-d2']);
    expect(copy.donors.get('d1')!.nationalIdLast4).toBe('0001');
    expect(JSON.stringify([...copy.donors.values()])).not.toMatch(/\d{12}|hash-of/);
    // The live projection is left alone.
    expect(state.applied.size).toBeGreaterThan(1);
  });
});

describe('deferrals: a reason code, a note only when typed, the reason for the desk that recorded it', () => {
  it("offers the schema's codes and sends the note only when there is one", () => {
    expect(DEFERRAL_CODES).toEqual(DEFERRAL_REASONS);
    expect(deferralPayload('d1', 'low_hemoglobin', '  ')).toEqual({ donorId: 'd1', reasonCode: 'low_hemoglobin' });
    expect(deferralPayload('d1', 'other', ' đau  đầu ')).toEqual({ donorId: 'd1', reasonCode: 'other', reason: 'đau đầu' });
  });

  it('another desk\'s deferral shows as "Tạm hoãn" only; this desk\'s with its reason', () => {
    seq = 100;
    const state = baseState();
    replay(
      [
        ev('donor.checked_in', { donorId: 'd1' }, at('09:00'), other, 'ci-d1'),
        ev('donor.deferred', { donorId: 'd1', reasonCode: 'blood_pressure', reason: 'HA 150/95' }, at('09:10'), other, 'df-d1'),
        ev('donor.deferred', { donorId: 'd2', reasonCode: 'low_hemoglobin' }, at('09:20'), me, 'df-d2'),
      ],
      state,
    );
    const mine = asDesk(state, me.tokenId);
    const t = tIn('vi');
    const d1 = todayStatus(mine.donors.get('d1')!, DAY, overlayOf(mine, []));
    expect(d1.state).toBe('deferred');
    expect(d1.outcome).not.toHaveProperty('reason');
    expect(d1.outcome).not.toHaveProperty('reasonCode');
    expect(deferralReasonText(d1.outcome!, t)).toBe('');
    const d2 = todayStatus(mine.donors.get('d2')!, DAY, overlayOf(mine, []));
    expect(deferralReasonText(d2.outcome!, t)).toBe('Huyết sắc tố thấp');
    // The desk that recorded d1's sees its reason.
    const theirs = asDesk(state, other.tokenId);
    expect(deferralReasonText(todayStatus(theirs.donors.get('d1')!, DAY, overlayOf(theirs, [])).outcome!, tIn('en'))).toBe('Blood pressure — HA 150/95');
  });

  it('an own pending deferral carries the code, and the note only when typed', () => {
    const state = asDesk(baseState());
    const overlay = overlayOf(state, [own('x1', 'donor.deferred', { donorId: 'd2', reasonCode: 'weight' }, '09:00')]);
    const status = todayStatus(state.donors.get('d2')!, DAY, overlay);
    expect(status.outcome).toEqual({ kind: 'deferred', eventId: 'x1', at: at('09:00'), reasonCode: 'weight', by: 'Bàn 1', actorTokenId: 'tok-desk-1' });
  });
});

describe('search: a scanned CCCD card, a typed CCCD', () => {
  const lan = 'Nguyễn Thị Lan';
  const card = (cccd: string, name: string, birth = '15031990') => `${cccd}|123456789|${name}|${birth}|Nữ|Thôn 1, Hải Dương|01012021`;

  function deskWith(extra: RecordedEvent[] = []) {
    seq = 100;
    const state = baseState();
    replay(
      [
        // Someone else with the same last 4 digits; someone registered without a CCCD.
        ev('donor.registered', { donorId: 'd4', fullName: 'Mai Văn Cường', agencyId: 'ldld', birthYear: 1988, nationalId: '001088000001' }, at('07:10')),
        ev('donor.registered', { donorId: 'd5', fullName: 'Phạm Thu Trang', agencyId: 'ldld', birthYear: 1997 }, at('07:10')),
        ...extra,
      ],
      state,
    );
    const desk = asDesk(state);
    const overlay = overlayOf(desk, []);
    const index = buildDonorIndex(deskDonors(desk, overlay).filter((d) => !d.erased));
    return { desk, index };
  }

  const enter = (index: ReturnType<typeof deskWith>['index'], typed: string, chosen = false, highlight = 0) =>
    decideEnter({ index, typed, results: searchBox(index, typed, 30).results, highlight, chosen });

  it('a card names the donor with the same last 4 digits and name: Enter acts on them', () => {
    const { index } = deskWith();
    expect(searchBox(index, card('030190000001', lan), 30).results.map((r) => r.donor.id)).toEqual(['d1']);
    const decision = enter(index, card('030190000001', 'NGUYEN THI LAN'));
    expect(decision.kind === 'act' && decision.donor.id).toBe('d1');
  });

  it('a card names a donor registered without a CCCD by name and year of birth', () => {
    const { index } = deskWith();
    const decision = enter(index, card('030197004444', 'Phạm Thu Trang', '02021997'));
    expect(decision.kind === 'act' && decision.donor.id).toBe('d5');
    // Another year of birth: not them.
    expect(enter(index, card('030197004444', 'Phạm Thu Trang', '02021998')).kind).toBe('walkIn');
  });

  it('a card nobody matches opens the walk-in form filled from the card', () => {
    const { index } = deskWith();
    // Same last 4 digits, another name (Mai Văn Cường's card is not Lan's).
    const decision = enter(index, card('030199000001', 'Trịnh Văn Bình', '01011999'));
    expect(decision).toEqual({ kind: 'walkIn', why: 'card', prefill: { nationalId: '030199000001', fullName: 'Trịnh Văn Bình', birthYear: 1999, gender: 'female' } });
  });

  it('several donors matching a card are listed to choose from, not acted on', () => {
    const { index } = deskWith([
      ev('donor.registered', { donorId: 'd6', fullName: 'Nguyễn Thị Lan', agencyId: 'walk-in', birthYear: 1990, nationalId: '030190770001', allowDuplicateName: true }, at('07:20')),
    ]);
    expect(enter(index, card('030190000001', lan))).toEqual({ kind: 'choose', why: 'card', count: 2 });
    const picked = enter(index, card('030190000001', lan), true, 1);
    expect(picked.kind).toBe('act');
  });

  it('a typed CCCD lists who shares its last 4 digits, and acts only on a chosen one', () => {
    const { index } = deskWith();
    const typed = '030190000001';
    expect(
      searchBox(index, typed, 30)
        .results.map((r) => r.donor.id)
        .sort(),
    ).toEqual(['d1', 'd4']);
    expect(enter(index, typed)).toEqual({ kind: 'choose', why: 'cccd', count: 2 });
    // Chosen with ↑/↓, then Enter: that one.
    expect(enter(index, typed, true, 1).kind).toBe('act');
    // Even one person sharing the last 4 digits is only a candidate.
    const one = deskWith([ev('donor.registered', { donorId: 'd7', fullName: 'Vũ Thị Hạnh', agencyId: 'ldld', nationalId: '030170007777' }, at('07:20'))]);
    expect(enter(one.index, '001099997777')).toEqual({ kind: 'choose', why: 'cccd', count: 1 });
    // Nobody: the walk-in form with the number.
    expect(enter(index, '030188004444')).toEqual({ kind: 'walkIn', why: 'cccd', prefill: { nationalId: '030188004444' } });
  });

  it('a name still acts on the first result; an erased person is found by nobody', () => {
    const { index } = deskWith();
    const byName = enter(index, 'nguyen thi lan');
    expect(byName.kind === 'act' && byName.donor.id).toBe('d1');
    const erased = deskWith([ev('donor.erased', { donorId: 'd1', reason: 'Yêu cầu số 12' }, at('10:00'), { tokenId: 'admin', role: 'admin', label: 'admin' })]);
    expect(searchBox(erased.index, 'nguyen thi lan', 30).total).toBe(0);
    expect(enter(erased.index, card('030190000001', lan)).kind).toBe('walkIn');
    expect(cardMatches([{ ...erased.desk.donors.get('d1')!, fullName: lan, nationalIdLast4: '0001' } as Donor], parseCccdQr(card('030190000001', lan))!)).toEqual([]);
  });

  it('the walk-in form takes from an unmatched search what it can', () => {
    expect(prefillOf('0301 9000 0001')).toEqual({ nationalId: '030190000001' });
    expect(prefillOf('0912 345 678')).toEqual({ phone: '0912345678' });
    expect(prefillOf('Lê Văn Tám')).toEqual({ fullName: 'Lê Văn Tám' });
  });
});

describe('desk figures', () => {
  it("counts this desk's own events today, from the log and the pending ones", () => {
    const state = baseState();
    const overlay = overlayOf(state, [own('x1', 'donor.checked_in', { donorId: 'd1' }, '09:00'), own('x2', 'donor.donated', { donorId: 'd2', volumeMl: 450 }, '09:10')]);
    const figures = deskFigures({ projection: state, overlay, tokenId: me.tokenId, today: DAY, dayOf: (i) => dayOf(i, TZ) });
    expect(figures.mine).toEqual({ registered: 0, checkedIn: 2, donated: 1, deferred: 0, unconfirmed: 2 });
    expect(figures.today).toMatchObject({ checkedIn: 2, donated: 1 });
    expect(figures.totals).toMatchObject({ registered: 3, checkedIn: 2, donated: 1, volumeMl: 350 });
    expect(figures.target).toBe(700);
    expect(figures.waiting).toBe(1);
  });

  it("an undone own event no longer counts; other desks' never do", () => {
    const state = baseState();
    const overlay = overlayOf(state, [own('u1', 'event.voided', { eventId: 'ci-d2', reason: 'Nhầm' }, '09:00')]);
    const figures = deskFigures({ projection: state, overlay, tokenId: me.tokenId, today: DAY, dayOf: (i) => dayOf(i, TZ) });
    expect(figures.mine.checkedIn).toBe(0);
    const second = deskFigures({ projection: state, overlay: overlayOf(state, []), tokenId: other.tokenId, today: DAY, dayOf: (i) => dayOf(i, TZ) });
    expect(second.mine).toMatchObject({ registered: 3, checkedIn: 1, donated: 1 });
  });

  it('without the token id (not learnt yet), counts the own events the log does not hold yet, and only those', () => {
    const state = baseState();
    const overlay = overlayOf(
      state,
      [
        own('a', 'donor.checked_in', { donorId: 'd1' }, '09:00'),
        own('c', 'donor.donated', { donorId: 'd1', volumeMl: 250 }, '09:30'),
        own('d', 'event.voided', { eventId: 'c', reason: 'x' }, '09:31'),
      ],
      [],
      [],
    );
    const figures = deskFigures({ projection: state, overlay, tokenId: null, today: DAY, dayOf: (i) => dayOf(i, TZ) });
    expect(figures.mine).toEqual({ registered: 0, checkedIn: 1, donated: 0, deferred: 0, unconfirmed: 1 });
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
      agencyId: 'Chọn đơn vị (hoặc "Hiến máu tự do" nếu không theo đơn vị nào)',
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
    // The desk holds only the last 4 digits: a CCCD typed anew is always sent (the server compares).
    expect(changesOf({ ...d1, nationalIdLast4: '0009' }, checkDonorForm({ ...values, nationalId: '030190000009' }, { required: false, today }).details!)).toEqual({ nationalId: '030190000009' });
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
