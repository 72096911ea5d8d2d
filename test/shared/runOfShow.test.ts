/** The run-of-show's now / next (shared/runOfShow.ts), used by the console, the MC view and the wall. */
import { describe, expect, it } from 'vitest';
import { daysOfRunOfShow, endMs, formatCountdown, itemsOfDay, nowNext, sortRunOfShow, type RunOfShowItem } from '../../shared/runOfShow.ts';

const at = (hm: string, day = '2024-07-19') => Date.parse(`${day}T${hm}:00+07:00`);
const item = (id: string, hm: string, durationMin: number, day = '2024-07-19'): RunOfShowItem => ({ id, title: id, start: `${day}T${hm}:00+07:00`, durationMin });

const programme = [item('honours', '08:00', 45), item('opening', '07:30', 30), item('donation', '07:30', 540), item('perf', '07:00', 30), item('flag', '16:30', 0), item('closing', '16:30', 30)];

describe('nowNext', () => {
  it('before the programme: nothing on, the first item next, with the time to go', () => {
    const r = nowNext(programme, at('06:00'));
    expect(r.now).toBeNull();
    expect(r.ongoing).toEqual([]);
    expect(r.next?.id).toBe('perf');
    expect(r.nextStartsInMs).toBe(60 * 60_000);
    expect(r.nowEndsInMs).toBeNull();
    expect(r.nowProgress).toBeNull();
  });

  it('an item is on from its start (inclusive) to its end (exclusive)', () => {
    expect(nowNext(programme, at('07:00')).now?.id).toBe('perf');
    const r = nowNext(programme, at('07:29'));
    expect(r.now?.id).toBe('perf');
    expect(r.nowEndsInMs).toBe(60_000);
    expect(r.nowProgress).toBeCloseTo(29 / 30);
    expect(r.next?.id).toBe('donation'); // same start as opening: by id
    expect(r.nextStartsInMs).toBe(60_000);
  });

  it('overlapping items: all are ongoing, now is the latest started (on a tie, the one ending first)', () => {
    const r = nowNext(programme, at('07:40'));
    expect(r.ongoing.map((i) => i.id)).toEqual(['donation', 'opening']);
    expect(r.now?.id).toBe('opening');
    expect(r.nowEndsInMs).toBe(20 * 60_000);
    expect(r.next?.id).toBe('honours');

    const later = nowNext(programme, at('08:10'));
    expect(later.now?.id).toBe('honours');
    expect(later.ongoing.map((i) => i.id)).toEqual(['donation', 'honours']);

    // Between performances, the long item is what is on.
    const gap = nowNext(programme, at('10:00'));
    expect(gap.now?.id).toBe('donation');
    expect(gap.next?.id).toBe('closing');
  });

  it('a 0-minute item is never on now, only next until its moment passes', () => {
    expect(nowNext(programme, at('16:29')).next?.id).toBe('closing');
    const r = nowNext([item('flag', '16:30', 0)], at('16:29'));
    expect(r.next?.id).toBe('flag');
    const passed = nowNext([item('flag', '16:30', 0)], at('16:30'));
    expect(passed.now).toBeNull();
    expect(passed.next).toBeNull();
  });

  it('after the programme: nothing on, nothing next', () => {
    const r = nowNext(programme, at('18:00'));
    expect(r).toMatchObject({ now: null, next: null, ongoing: [], nowEndsInMs: null, nextStartsInMs: null });
  });

  it('next may be on another day; an empty programme has neither', () => {
    const two = [item('a', '08:00', 60), item('b', '07:00', 60, '2024-07-20')];
    const r = nowNext(two, at('12:00'));
    expect(r.next?.id).toBe('b');
    expect(r.nextStartsInMs).toBe(19 * 60 * 60_000);
    expect(nowNext([], at('12:00'))).toMatchObject({ now: null, next: null });
  });

  it('does not depend on the input order, and ignores unreadable starts', () => {
    const shuffled = [...programme].reverse();
    expect(nowNext(shuffled, at('07:40'))).toEqual(nowNext(programme, at('07:40')));
    expect(sortRunOfShow([...programme, { id: 'bad', title: 'x', start: 'not a date', durationMin: 5 }]).map((i) => i.id)).toEqual(['perf', 'donation', 'opening', 'honours', 'closing', 'flag']);
  });

  it('takes instants in any offset', () => {
    const utc: RunOfShowItem = { id: 'u', title: 'u', start: '2024-07-19T00:30:00Z', durationMin: 30 }; // 07:30 in Vietnam
    expect(nowNext([utc], at('07:45')).now?.id).toBe('u');
    expect(endMs(utc)).toBe(at('08:00'));
  });
});

describe('days of the programme', () => {
  it('groups by calendar day in the event time zone', () => {
    const late: RunOfShowItem = { id: 'late', title: 'late', start: '2024-07-19T16:30:00Z', durationMin: 30 }; // 23:30 on 19/7 in Vietnam
    const items = [...programme, late, item('d2', '07:00', 60, '2024-07-20')];
    expect(daysOfRunOfShow(items, 'Asia/Ho_Chi_Minh')).toEqual(['2024-07-19', '2024-07-20']);
    expect(itemsOfDay(items, '2024-07-19', 'Asia/Ho_Chi_Minh').at(-1)?.id).toBe('late');
    expect(itemsOfDay(items, '2024-07-20', 'Asia/Ho_Chi_Minh').map((i) => i.id)).toEqual(['d2']);
    // In UTC the late item falls on the same day, the 20/7 one at 00:00Z too.
    expect(itemsOfDay(items, '2024-07-19', 'UTC').map((i) => i.id)).toContain('late');
  });
});

describe('formatCountdown', () => {
  it('m:ss under an hour, h:mm:ss above; rounds up to the second; never negative', () => {
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(1)).toBe('0:01');
    expect(formatCountdown(999)).toBe('0:01');
    expect(formatCountdown(1000)).toBe('0:01');
    expect(formatCountdown(65_000)).toBe('1:05');
    expect(formatCountdown(59 * 60_000 + 59_500)).toBe('1:00:00');
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
    expect(formatCountdown(27 * 3_600_000)).toBe('27:00:00');
    expect(formatCountdown(-5000)).toBe('0:00');
  });
});
