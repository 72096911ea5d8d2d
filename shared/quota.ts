/**
 * Quota rules: an agency promises a fixed number of donors, or a percentage of its headcount
 * (rounded up, as the plan says "at least 50 %"). The festival target is the sum of quotas.
 */
import type { z } from 'zod';
import type { QuotaRule } from './events.ts';

export type QuotaRuleValue = z.infer<typeof QuotaRule>;

/** The number of donors an agency must reach, or null when it has none (or headcount unknown). */
export function quotaOf(rule: QuotaRuleValue | null): number | null {
  if (!rule) return null;
  if (rule.kind === 'count') return rule.count;
  if (rule.headcount === null) return null;
  // Rounded up on an integer basis so 50 % of 121 is 61, never 60.5 → 60 through float error.
  // Math.max also turns the -0 of Math.ceil(0 - 1e-9) into 0.
  return Math.max(0, Math.ceil((rule.percent * rule.headcount) / 100 - 1e-9));
}

/** The festival target: the sum of every known quota. */
export function festivalTarget(rules: Iterable<QuotaRuleValue | null>): number {
  let sum = 0;
  for (const rule of rules) sum += quotaOf(rule) ?? 0;
  return sum;
}
