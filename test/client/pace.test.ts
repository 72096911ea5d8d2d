/** The wall's quota projection at the current pace (client/lib/pace.ts). */
import { describe, expect, it } from 'vitest';
import { MIN_DONATIONS_FOR_PACE, MIN_ELAPSED_FOR_PACE_MS, parseClosingTime, projectQuotaTime, zonedTime } from '../../client/lib/pace.ts';
import { formatTime } from '../../shared/format.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const at = (hhmm: string) => zonedTime('2024-07-19', hhmm, TZ);
const dayEndsAt = at('24:00');

describe('projectQuotaTime', () => {
  it("projects at today's pace: 20 donors in the first hour, 40 to go → two more hours", () => {
    const eta = projectQuotaTime({ quota: 100, doneTotal: 60, doneToday: 20, firstTodayAt: at('08:00'), now: at('09:00'), dayEndsAt });
    expect(eta).not.toBeNull();
    expect(formatTime(eta!, TZ)).toBe('11:00');
  });

  it('counts the whole festival against the quota but only today for the pace', () => {
    // Day 2: 50 of 80 done yesterday; 10 today in 30 min → 20 left at 20/h → one more hour.
    const eta = projectQuotaTime({ quota: 80, doneTotal: 60, doneToday: 10, firstTodayAt: at('08:00'), now: at('08:30'), dayEndsAt });
    expect(formatTime(eta!, TZ)).toBe('09:30');
  });

  it('slows down by itself when donors stop coming (the pace runs to now)', () => {
    const base = { quota: 100, doneTotal: 60, doneToday: 20, firstTodayAt: at('08:00'), dayEndsAt };
    const early = projectQuotaTime({ ...base, now: at('09:00') })!;
    const later = projectQuotaTime({ ...base, now: at('10:00') })!;
    expect(later).toBeGreaterThan(early);
  });

  it('none with too little data', () => {
    const base = { quota: 100, doneTotal: 10, firstTodayAt: at('08:00'), dayEndsAt };
    expect(projectQuotaTime({ ...base, doneToday: MIN_DONATIONS_FOR_PACE - 1, now: at('10:00') })).toBeNull();
    expect(projectQuotaTime({ ...base, doneToday: 10, now: at('08:00') + MIN_ELAPSED_FOR_PACE_MS - 1 })).toBeNull();
    expect(projectQuotaTime({ ...base, doneToday: 10, firstTodayAt: null, now: at('10:00') })).toBeNull();
  });

  it('none when it would land after the day ends (or the closing time)', () => {
    const base = { quota: 500, doneTotal: 20, doneToday: 20, firstTodayAt: at('08:00'), now: at('10:00') };
    // 480 left at 10/h: 48 more hours.
    expect(projectQuotaTime({ ...base, dayEndsAt })).toBeNull();
    const quick = { quota: 60, doneTotal: 40, doneToday: 40, firstTodayAt: at('08:00'), now: at('10:00') };
    expect(formatTime(projectQuotaTime({ ...quick, dayEndsAt })!, TZ)).toBe('11:00');
    expect(projectQuotaTime({ ...quick, dayEndsAt: at('10:30') })).toBeNull();
    expect(projectQuotaTime({ ...quick, now: at('23:59'), dayEndsAt })).toBeNull();
  });

  it('none when the quota is met or there is none', () => {
    const base = { doneToday: 40, firstTodayAt: at('08:00'), now: at('10:00'), dayEndsAt };
    expect(projectQuotaTime({ ...base, quota: 40, doneTotal: 40 })).toBeNull();
    expect(projectQuotaTime({ ...base, quota: 40, doneTotal: 45 })).toBeNull();
    expect(projectQuotaTime({ ...base, quota: null, doneTotal: 10 })).toBeNull();
    expect(projectQuotaTime({ ...base, quota: 0, doneTotal: 0 })).toBeNull();
  });
});

describe('zonedTime and closing times', () => {
  it('reads wall-clock times in the event zone (UTC+7)', () => {
    expect(new Date(zonedTime('2024-07-19', '08:00', TZ)).toISOString()).toBe('2024-07-19T01:00:00.000Z');
    expect(new Date(zonedTime('2024-07-19', '24:00', TZ)).toISOString()).toBe('2024-07-19T17:00:00.000Z');
    expect(new Date(zonedTime('2024-07-19', '00:30', 'UTC')).toISOString()).toBe('2024-07-19T00:30:00.000Z');
  });

  it('parses ?closes=', () => {
    expect(parseClosingTime('17:30')).toBe('17:30');
    expect(parseClosingTime('7:05')).toBe('07:05');
    expect(parseClosingTime('17h30')).toBe('17:30');
    expect(parseClosingTime('24:00')).toBe('24:00');
    expect(parseClosingTime('25:00')).toBeNull();
    expect(parseClosingTime('17:60')).toBeNull();
    expect(parseClosingTime('soon')).toBeNull();
    expect(parseClosingTime(null)).toBeNull();
  });
});
