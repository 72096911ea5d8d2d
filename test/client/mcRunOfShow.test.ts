/** The MC's run-of-show now/next and its countdown (pure). */
import { describe, expect, it } from 'vitest';
import { formatCountdown, runOfShowAt } from '../../client/views/mc/runOfShow.ts';

const items = [
  { id: 'honours', title: 'Lễ tôn vinh', start: '2024-07-19T08:00:00+07:00', durationMin: 60 },
  { id: 'opening', title: 'Khai mạc', start: '2024-07-19T07:30:00+07:00', durationMin: 30 },
  { id: 'music', title: 'Văn nghệ', start: '2024-07-19T09:30:00+07:00', durationMin: 20 },
];
const at = (hhmmss: string) => Date.parse(`2024-07-19T${hhmmss}+07:00`);

describe('runOfShowAt', () => {
  it('before the programme: nothing now, the first item next with the time until it starts', () => {
    const view = runOfShowAt(items, at('07:00:00'));
    expect(view.now).toBeNull();
    expect(view.next?.item.id).toBe('opening');
    expect(view.next?.startsInMs).toBe(30 * 60_000);
    expect(view.laterCount).toBe(2);
    expect(view.finished).toBe(false);
  });

  it('during an item: it is now, with the time left; the following one is next', () => {
    const view = runOfShowAt(items, at('07:45:30'));
    expect(view.now?.item.id).toBe('opening');
    expect(view.now?.remainingMs).toBe(14.5 * 60_000);
    expect(view.now?.progress).toBeCloseTo(15.5 / 30);
    expect(view.next?.item.id).toBe('honours');
    expect(view.next?.startsInMs).toBe(14.5 * 60_000);
  });

  it('an item ends at start + duration: at 08:00 the next one is running', () => {
    const view = runOfShowAt(items, at('08:00:00'));
    expect(view.now?.item.id).toBe('honours');
    expect(view.next?.item.id).toBe('music');
  });

  it('in a gap between items: nothing now, next known', () => {
    const view = runOfShowAt(items, at('09:10:00'));
    expect(view.now).toBeNull();
    expect(view.next?.item.id).toBe('music');
    expect(view.laterCount).toBe(0);
  });

  it('overlapping items: the one that started last is now', () => {
    const overlap = [...items, { id: 'speech', title: 'Phát biểu', start: '2024-07-19T08:15:00+07:00', durationMin: 10 }];
    expect(runOfShowAt(overlap, at('08:20:00')).now?.item.id).toBe('speech');
    expect(runOfShowAt(overlap, at('08:30:00')).now?.item.id).toBe('honours');
  });

  it('after the last item: finished; no items: not finished; bad starts are ignored', () => {
    expect(runOfShowAt(items, at('10:00:00'))).toMatchObject({ now: null, next: null, finished: true });
    expect(runOfShowAt([], at('10:00:00'))).toMatchObject({ now: null, next: null, finished: false });
    expect(runOfShowAt([{ id: 'x', title: 'X', start: 'not a date', durationMin: 5 }], at('10:00:00')).finished).toBe(false);
  });

  it('works with UTC instants as the server may store them', () => {
    const utc = [{ id: 'a', title: 'A', start: '2024-07-19T00:30:00.000Z', durationMin: 30 }];
    expect(runOfShowAt(utc, at('07:40:00')).now?.item.id).toBe('a');
  });
});

describe('formatCountdown', () => {
  it('m:ss under an hour, h:mm:ss under a day, days and hours beyond; never negative', () => {
    expect(formatCountdown(0).vi).toBe('0:00');
    expect(formatCountdown(-5000).vi).toBe('0:00');
    expect(formatCountdown(65_000).vi).toBe('1:05');
    expect(formatCountdown(64_001).vi).toBe('1:05'); // rounds up: never shows 0:00 before the moment
    expect(formatCountdown(59 * 60_000 + 59_000).vi).toBe('59:59');
    expect(formatCountdown(3_600_000 + 4 * 60_000 + 5000).vi).toBe('1:04:05');
    expect(formatCountdown((2 * 24 + 3) * 3_600_000 + 60_000)).toEqual({ vi: '2 ngày 3 giờ', en: '2 d 3 h' });
  });
});
