import { describe, expect, it } from 'vitest';
import { QuotaRule, festivalTarget, formatNumber, quotaOf } from '../../shared/index.ts';
import type { QuotaRuleValue } from '../../shared/index.ts';

const count = (n: number): QuotaRuleValue => ({ kind: 'count', count: n });
const percent = (p: number, headcount: number | null): QuotaRuleValue => ({ kind: 'percent_of_headcount', percent: p, headcount });

describe('quotaOf', () => {
  it('returns null for no rule', () => {
    expect(quotaOf(null)).toBeNull();
  });

  it('returns the count of a count rule', () => {
    expect(quotaOf(count(700))).toBe(700);
    expect(quotaOf(count(0))).toBe(0);
  });

  it('rounds a percent of headcount up: 50 % of 121 is 61, 50 % of 120 is 60', () => {
    expect(quotaOf(percent(50, 121))).toBe(61);
    expect(quotaOf(percent(50, 120))).toBe(60);
  });

  it('rounds any fraction up', () => {
    expect(quotaOf(percent(50, 1))).toBe(1);
    expect(quotaOf(percent(10, 11))).toBe(2); // 1.1 → 2
    expect(quotaOf(percent(33, 100))).toBe(33);
    expect(quotaOf(percent(100, 37))).toBe(37);
    expect(quotaOf(percent(0.5, 1))).toBe(1);
  });

  it('does not round an exact result up through float error', () => {
    // 16.1 * 1000 / 100 is 161.00000000000003 and 32.2 * 500 / 100 is 161.00000000000003 in floating point.
    expect((16.1 * 1000) / 100).toBeGreaterThan(161);
    expect(quotaOf(percent(16.1, 1000))).toBe(161);
    expect(quotaOf(percent(32.2, 500))).toBe(161);
    expect(quotaOf(percent(64.4, 1000))).toBe(644);
    expect(quotaOf(percent(32.3, 1000))).toBe(323); // 322.99999999999994 → 323
    expect(quotaOf(percent(14.2, 100))).toBe(15); // 14.2 → 15 (really a fraction)
    expect(quotaOf(percent(7, 300))).toBe(21);
    expect(quotaOf(percent(0.7, 1000))).toBe(7);
  });

  it('is null when the headcount is unknown', () => {
    expect(quotaOf(percent(50, null))).toBeNull();
  });

  it('is 0 (not -0) for a headcount of 0, so the wall shows "0" and not "-0"', () => {
    // BUG (reported): Math.ceil(0 - 1e-9) is -0; a client deriving its view from its own projection
    // (no JSON hop, which would turn -0 into 0) renders formatNumber(-0) as "-0".
    const quota = quotaOf(percent(50, 0));
    expect(Object.is(quota, 0)).toBe(true);
    expect(formatNumber(quota ?? 0)).toBe('0');
  });
});

describe('festivalTarget', () => {
  it('sums the five Hải Dương quotas to 2000 and ignores agencies without one', () => {
    const rules = [null, count(700), count(800), count(200), count(150), count(150), null, null, percent(50, null)];
    expect(festivalTarget(rules)).toBe(2000);
  });

  it('adds percent quotas rounded up', () => {
    expect(festivalTarget([count(100), percent(50, 121)])).toBe(161);
  });

  it('is 0 for no agencies', () => {
    expect(festivalTarget([])).toBe(0);
  });

  it('accepts any iterable, e.g. a generator', () => {
    function* rules(): Generator<QuotaRuleValue | null> {
      yield count(1);
      yield count(2);
    }
    expect(festivalTarget(rules())).toBe(3);
  });
});

describe('QuotaRule schema', () => {
  it('accepts count and percent_of_headcount rules', () => {
    expect(QuotaRule.safeParse(count(700)).success).toBe(true);
    expect(QuotaRule.safeParse(percent(50, 121)).success).toBe(true);
    expect(QuotaRule.safeParse(percent(100, null)).success).toBe(true);
  });

  it('rejects negative, fractional or over-100 % rules and unknown kinds', () => {
    expect(QuotaRule.safeParse(count(-1)).success).toBe(false);
    expect(QuotaRule.safeParse(count(1.5)).success).toBe(false);
    expect(QuotaRule.safeParse(percent(0, 10)).success).toBe(false);
    expect(QuotaRule.safeParse(percent(101, 10)).success).toBe(false);
    expect(QuotaRule.safeParse(percent(50, 10.5)).success).toBe(false);
    expect(QuotaRule.safeParse({ kind: 'fixed', count: 1 }).success).toBe(false);
    expect(QuotaRule.safeParse({ ...count(1), extra: 1 }).success).toBe(false);
  });
});
