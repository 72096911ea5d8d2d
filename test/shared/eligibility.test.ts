import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, eligibilityHints, maxVolumeMl, previousDonation, type EligibilityInput } from '../../shared/eligibility.ts';

const today = '2024-07-19';
const codes = (input: Omit<EligibilityInput, 'today'>) => eligibilityHints({ today, ...input }).map((h) => `${h.code}:${h.level}`);

describe('eligibility: age 18-60 (year of birth only)', () => {
  it.each([
    [2007, ['age_under_18:warning']], // 17 this year
    [2006, ['age_check_18:info']], // 18 this year: may not be 18 yet
    [2005, []], // 19
    [1964, []], // 60
    [1963, ['age_check_60:info']], // 61 this year: may still be 60
    [1962, ['age_over_60:warning']], // 62
  ])('born %i', (birthYear, expected) => {
    expect(codes({ birthYear })).toEqual(expected);
  });

  it('says nothing without a year of birth', () => {
    expect(codes({})).toEqual([]);
    expect(codes({ birthYear: null })).toEqual([]);
  });
});

describe('eligibility: weight (42 kg women, 45 kg men)', () => {
  it.each([
    ['female', 41.9, ['weight_too_low:warning', 'volume_max_250:info']],
    ['female', 42, ['volume_max_250:info']],
    ['male', 44.9, ['weight_too_low:warning', 'volume_max_250:info']],
    ['male', 45, ['volume_over_per_kg:info']],
    ['male', 50, []],
    ['female', 60, []],
  ] as const)('%s at %f kg', (gender, weightKg, expected) => {
    expect(codes({ gender, weightKg })).toEqual(expected);
  });

  it('without a gender: under 42 kg is a warning, 42-45 asks for the gender', () => {
    expect(codes({ weightKg: 41 })).toEqual(['weight_too_low:warning', 'volume_max_250:info']);
    expect(codes({ weightKg: 43 })).toEqual(['weight_check_gender:info', 'volume_max_250:info']);
    expect(codes({ weightKg: 45 })).toEqual(['volume_over_per_kg:info']);
  });

  it('writes the weight the Vietnamese way', () => {
    const [hint] = eligibilityHints({ today, gender: 'female', weightKg: 41.5 });
    expect(hint!.vi).toContain('41,5 kg');
    expect(hint!.vi).toContain('42 kg');
  });
});

describe('eligibility: volume (250 ml under 45 kg, at most 9 ml/kg)', () => {
  it('the largest usual volume for a weight', () => {
    expect(maxVolumeMl(undefined)).toBeNull();
    expect(maxVolumeMl(null)).toBeNull();
    expect(maxVolumeMl(40)).toBe(250);
    expect(maxVolumeMl(44.9)).toBe(250);
    expect(maxVolumeMl(45)).toBe(350); // 405 ml
    expect(maxVolumeMl(49.9)).toBe(350); // 449 ml
    expect(maxVolumeMl(50)).toBe(450); // 450 ml
    expect(maxVolumeMl(80)).toBe(450);
  });

  it('warns when the chosen volume is over the limit, informs otherwise', () => {
    expect(codes({ gender: 'female', weightKg: 43, volumeMl: 250 })).toEqual(['volume_max_250:info']);
    expect(codes({ gender: 'female', weightKg: 43, volumeMl: 350 })).toEqual(['volume_max_250:warning']);
    expect(codes({ gender: 'male', weightKg: 47, volumeMl: 350 })).toEqual(['volume_over_per_kg:info']);
    expect(codes({ gender: 'male', weightKg: 47, volumeMl: 450 })).toEqual(['volume_over_per_kg:warning']);
    expect(codes({ gender: 'male', weightKg: 50, volumeMl: 450 })).toEqual([]);
  });
});

describe('eligibility: 12 weeks since the previous whole-blood donation', () => {
  it('83 days is too soon, 84 days is fine', () => {
    expect(codes({ lastDonationDate: addDays(today, -83) })).toEqual(['too_soon:warning']);
    expect(codes({ lastDonationDate: addDays(today, -84) })).toEqual([]);
  });

  it('says when the donor may donate again', () => {
    const [hint] = eligibilityHints({ today, lastDonationDate: '2024-06-01' });
    expect(hint!.vi).toContain('1/6/2024');
    expect(hint!.vi).toContain('48 ngày');
    expect(hint!.vi).toContain('24/8/2024');
  });

  it('counts a donation recorded in this log on an earlier day', () => {
    expect(codes({ donatedDays: ['2024-07-18'] })).toEqual(['too_soon:warning']);
    // Today's own donation is not a "previous" one (a second one today is refused by the server).
    expect(codes({ donatedDays: [today] })).toEqual([]);
  });

  it('takes the latest of the declared date and the log', () => {
    expect(previousDonation({ today, lastDonationDate: '2024-01-02', donatedDays: ['2023-12-01', '2024-03-05'] })).toBe('2024-03-05');
    expect(previousDonation({ today, lastDonationDate: '2024-05-02', donatedDays: ['2024-03-05'] })).toBe('2024-05-02');
    expect(previousDonation({ today, lastDonationDate: 'garbage', donatedDays: [] })).toBeNull();
    expect(previousDonation({ today, lastDonationDate: '2024-08-01' })).toBeNull();
  });

  it('day arithmetic crosses months and years', () => {
    expect(daysBetween('2023-12-31', '2024-01-01')).toBe(1);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(addDays('2024-12-20', 84)).toBe('2025-03-14');
  });
});

describe('eligibility: several at once', () => {
  it('lists every hint that applies', () => {
    expect(codes({ birthYear: 2008, gender: 'female', weightKg: 40, lastDonationDate: '2024-07-01', volumeMl: 350 })).toEqual([
      'age_under_18:warning',
      'weight_too_low:warning',
      'volume_max_250:warning',
      'too_soon:warning',
    ]);
  });
});
