import { describe, expect, it } from 'vitest';
import { buildDonorIndex, findExact, normalizePhone, parseCccdQr, searchDonors, type SearchableDonor } from '../../shared/donorSearch.ts';

const donors: SearchableDonor[] = [
  { id: 'ldld-0001', fullName: 'Nguyễn Thị Lan', agencyId: 'ldld', phone: '0912345678', nationalIdLast4: '1234' },
  { id: 'ldld-0002', fullName: 'Nguyễn Thị Lanh', agencyId: 'ldld', phone: '0987654321', nationalIdLast4: '5678' },
  { id: 'ldld-0003', fullName: 'Lan Nguyễn', agencyId: 'ldld' },
  { id: 'soyte-0001', fullName: 'Trần Văn Đức', agencyId: 'soyte', phone: '+84901112233', nationalIdLast4: '9999' },
  { id: 'soyte-0002', fullName: 'Đặng Thu Hà', agencyId: 'soyte', phone: '0355000111' },
  { id: 'walk-x1', fullName: 'Phạm Minh Tuấn', agencyId: 'walk-in', nationalIdLast4: '4321' },
  { id: 'ldld-0004', fullName: 'NGUYỄN THỊ LAN', agencyId: 'ldld', phone: '0911000222' },
];
const index = buildDonorIndex(donors);
const ids = (query: string, limit?: number) => searchDonors(index, query, limit ? { limit } : {}).results.map((r) => r.donor.id);

describe('donor search: names', () => {
  it('ignores diacritics and case', () => {
    expect(ids('nguyen thi lan').slice(0, 2).sort()).toEqual(['ldld-0001', 'ldld-0004']);
    expect(ids('NGUYỄN thị LAN').slice(0, 2).sort()).toEqual(['ldld-0001', 'ldld-0004']);
    expect(ids('tran van duc')).toEqual(['soyte-0001']);
  });

  it('folds đ to d both ways', () => {
    expect(ids('dang thu ha')).toEqual(['soyte-0002']);
    expect(ids('Đặng')).toEqual(['soyte-0002']);
    expect(ids('duc')).toEqual(['soyte-0001']);
  });

  it('matches word prefixes, in order first, then in any order', () => {
    // "ng t l": prefixes of Nguyễn Thị Lan / Lanh in order.
    expect(ids('ng t l')).toEqual(expect.arrayContaining(['ldld-0001', 'ldld-0002', 'ldld-0004']));
    const lanFirst = ids('lan nguyen');
    // "Lan Nguyễn" matches in order and ranks above the names matching in another order.
    expect(lanFirst[0]).toBe('ldld-0003');
    expect(lanFirst).toEqual(expect.arrayContaining(['ldld-0001', 'ldld-0002', 'ldld-0004']));
  });

  it('ranks a whole given name above a prefix of one ("lan" before "lanh")', () => {
    const result = ids('nguyen thi lan');
    expect(result.indexOf('ldld-0002')).toBeGreaterThan(result.indexOf('ldld-0001'));
    expect(result.indexOf('ldld-0002')).toBeGreaterThan(result.indexOf('ldld-0004'));
    const lan = ids('lan');
    expect(lan.indexOf('ldld-0002')).toBe(lan.length - 1);
  });

  it('ranks the exact full name first, then names starting with the query', () => {
    const answer = searchDonors(index, 'nguyen thi lan');
    expect(answer.results[0]!.match).toBe('name');
    expect(answer.results[0]!.score).toBeGreaterThan(answer.results[2]!.score);
    expect(answer.total).toBe(3);
  });

  it('ignores punctuation around words', () => {
    const index = buildDonorIndex([
      { id: 'p1', fullName: 'Trần Thị Hoa (Hà)', agencyId: 'x' },
      { id: 'p2', fullName: '<img src=x onerror=alert(1)>', agencyId: 'x' },
    ]);
    expect(searchDonors(index, 'hoa ha').results.map((r) => r.donor.id)).toEqual(['p1']);
    expect(searchDonors(index, '(ha)').results.map((r) => r.donor.id)).toEqual(['p1']);
    expect(searchDonors(index, 'img src').results.map((r) => r.donor.id)).toEqual(['p2']);
  });

  it('finds a name typed without spaces', () => {
    expect(ids('nguyenthilan').sort()).toEqual(['ldld-0001', 'ldld-0002', 'ldld-0004']);
  });

  it('finds nothing for an empty query or a name not there', () => {
    expect(ids('')).toEqual([]);
    expect(ids('   ')).toEqual([]);
    expect(ids('hoang')).toEqual([]);
    // Punctuation alone matches nobody.
    expect(ids('-')).toEqual([]);
    expect(ids('()')).toEqual([]);
  });

  it('cuts at the limit but counts every match', () => {
    const answer = searchDonors(index, 'n', { limit: 2 });
    expect(answer.results).toHaveLength(2);
    expect(answer.total).toBeGreaterThan(2);
  });
});

describe('donor search: phone, CCCD and id', () => {
  it('finds a whole phone number, written with spaces, dots or +84', () => {
    expect(ids('0912345678')).toEqual(['ldld-0001']);
    expect(ids('0912 345 678')).toEqual(['ldld-0001']);
    expect(ids('0912.345.678')).toEqual(['ldld-0001']);
    expect(ids('+84912345678')).toEqual(['ldld-0001']);
    // Stored with +84, typed with 0.
    expect(ids('0901112233')).toEqual(['soyte-0001']);
  });

  it('finds the last digits of a phone, and its first digits from 4', () => {
    expect(ids('5678')).toContain('ldld-0001');
    expect(ids('0355')).toEqual(['soyte-0002']);
    expect(ids('54321')[0]).toBe('ldld-0002');
  });

  it('finds the last 4 digits of a CCCD, ranked above a phone ending the same way', () => {
    // 5678 ends the CCCD of ldld-0002 and the phone of ldld-0001.
    const answer = searchDonors(index, '5678');
    expect(answer.results.map((r) => [r.donor.id, r.match])).toEqual([
      ['ldld-0002', 'nationalIdSuffix'],
      ['ldld-0001', 'phoneDigits'],
    ]);
    expect(ids('9999')).toEqual(['soyte-0001']);
    expect(ids('4321')).toContain('walk-x1');
  });

  it('a whole CCCD is only a possible match by its last 4 digits (no more is kept), after real phone matches', () => {
    const answer = searchDonors(index, '030190001234');
    expect(answer.results.map((r) => [r.donor.id, r.match])).toEqual([['ldld-0001', 'nationalIdSuffix']]);
    expect(ids('030190004321')).toEqual(['walk-x1']);
    // Other numbers (a phone, part of one) are not CCCDs.
    expect(ids('54321')).toEqual(['ldld-0002']);
    expect(ids('123454321')).toEqual([]);
  });

  it('finds donor ids, whole or by their start', () => {
    expect(ids('ldld-0003')).toEqual(['ldld-0003']);
    expect(ids('LDLD-0003')).toEqual(['ldld-0003']);
    expect(ids('soyte-')).toEqual(['soyte-0002', 'soyte-0001']);
  });

  it('normalises phone numbers', () => {
    expect(normalizePhone('+84 912 345 678')).toBe('0912345678');
    expect(normalizePhone('84912345678')).toBe('0912345678');
    expect(normalizePhone('0912-345-678')).toBe('0912345678');
  });
});

describe('exact look-up (scanner)', () => {
  it('finds a scanned donor id', () => {
    expect(findExact(index, 'ldld-0002')?.fullName).toBe('Nguyễn Thị Lanh');
    expect(findExact(index, ' LDLD-0002 ')?.id).toBe('ldld-0002');
  });

  it('finds no one for a partial id, a phone, or a CCCD (only its last 4 digits are kept: the desk matches a card by them and its name)', () => {
    expect(findExact(index, 'ldld-00')).toBeNull();
    expect(findExact(index, '0912345678')).toBeNull();
    expect(findExact(index, '001085009999')).toBeNull();
    expect(findExact(index, '001085009999|123456789|Trần Văn Đức|01021985|Nam|Hải Dương|01012021')).toBeNull();
    expect(findExact(index, '')).toBeNull();
  });

  it('reads a chip CCCD QR code', () => {
    expect(parseCccdQr('030190001234|123456789|Nguyễn Thị Lan|15031990|Nữ|Thôn A, Hải Dương|01012021')).toEqual({
      nationalId: '030190001234',
      oldId: '123456789',
      fullName: 'Nguyễn Thị Lan',
      birthDate: '1990-03-15',
      birthYear: 1990,
      gender: 'female',
      address: 'Thôn A, Hải Dương',
    });
    expect(parseCccdQr('030190001234||Trần Văn Nam|01011980|Nam|X|01012021')).toMatchObject({ gender: 'male', birthYear: 1980 });
    expect(parseCccdQr('not|a|cccd|code')).toBeNull();
    expect(parseCccdQr('030190001234')).toBeNull();
  });
});

describe('index reuse and speed', () => {
  /** A donor's entry in an index: the keys folded for them. */
  const entryIn = (index: ReturnType<typeof buildDonorIndex>, id: string) => index.entries[index.byId.get(id)!];

  it('reuses the keys of unchanged donors and refolds changed ones', () => {
    const list = donors.map((d) => ({ ...d }));
    const first = buildDonorIndex(list);
    list[0]!.fullName = 'Nguyễn Thị Mai';
    const second = buildDonorIndex(list, first);
    expect(entryIn(second, 'ldld-0002')).toBe(entryIn(first, 'ldld-0002'));
    expect(searchDonors(second, 'mai').results.map((r) => r.donor.id)).toEqual(['ldld-0001']);
    expect(searchDonors(second, 'nguyen thi lan').results.map((r) => r.donor.id)).not.toContain('ldld-0001');
  });

  it('brings the index up to date by the donors that changed, leaving the previous index as it was', () => {
    const list = donors.map((d) => ({ ...d }));
    const first = buildDonorIndex(list);
    // Nothing changed (a check-in: the donor's keys are the same): the same index.
    expect(buildDonorIndex([...list], first)).toBe(first);
    // A copy of one donor (the desk's own event folded in) with a new phone; another renamed in place.
    const copy = { ...list[1]!, phone: '0987 000 111' };
    const next = [list[0]!, copy, ...list.slice(2)];
    list[2]!.fullName = 'Đỗ Văn Khánh';
    const second = buildDonorIndex(next, first);
    expect(second).not.toBe(first);
    expect(findExact(second, list[1]!.id)).toBe(copy);
    expect(searchDonors(second, '0987000111').results.map((r) => r.donor)).toEqual([copy]);
    expect(searchDonors(second, 'do van khanh').results.map((r) => r.donor.id)).toEqual([list[2]!.id]);
    expect(entryIn(second, list[3]!.id)).toBe(entryIn(first, list[3]!.id));
    // The previous index still answers as it did (React may still hold it).
    expect(findExact(first, list[1]!.id)).toBe(list[1]);
    expect(searchDonors(first, '0987000111').results).toEqual([]);
    // A donor came: built anew, the others' keys reused.
    const third = buildDonorIndex([...next, { id: 'new-1', fullName: 'Lò Thị Sáu', agencyId: 'ldld' }], second);
    expect(searchDonors(third, 'lo thi sau').results.map((r) => r.donor.id)).toEqual(['new-1']);
    expect(entryIn(third, list[3]!.id)).toBe(entryIn(first, list[3]!.id));
  });

  it('searches 5.000 donors (how fast: npm run bench, the desk)', () => {
    const family = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'];
    const middle = ['Thị', 'Văn', 'Minh', 'Thu', 'Đức'];
    const given = ['Lan', 'Hà', 'Tuấn', 'Hùng', 'Mai', 'Dũng', 'Hương', 'Nam', 'Linh'];
    const many: SearchableDonor[] = Array.from({ length: 5000 }, (_, i) => ({
      id: `d-${i}`,
      fullName: `${family[i % 8]} ${middle[i % 5]} ${given[i % 9]}`,
      agencyId: 'ldld',
      phone: `09${String(10_000_000 + i * 7).padStart(8, '0')}`,
      nationalIdLast4: String(i).padStart(4, '0'),
    }));
    const big = buildDonorIndex(many);
    // Lan is given name 0 of 9, Nguyễn family 0 of 8, Thị middle 1 of 5: i ≡ 0 mod 9, 0 mod 8, 1 mod 5.
    const lans = many.filter((d) => d.fullName === 'Nguyễn Thị Lan').map((d) => d.id);
    expect(lans.length).toBeGreaterThan(5);
    const answer = searchDonors(big, 'nguyen thi lan', { limit: 1000 });
    expect(
      answer.results
        .slice(0, lans.length)
        .map((r) => r.donor.id)
        .sort(),
    ).toEqual([...lans].sort());
    expect(searchDonors(big, '1234').results[0]!.donor.id).toBe('d-1234');
    expect(searchDonors(big, 'd-4999').results.map((r) => r.donor.id)).toEqual(['d-4999']);
  });
});
