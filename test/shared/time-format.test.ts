import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMEZONE, dayOf, foldForSearch, formatDate, formatLongDateEn, formatLongDateVi, formatNumber, formatTime, isKnownTimeZone } from '../../shared/index.ts';

describe('dayOf (Asia/Ho_Chi_Minh by default)', () => {
  it('defaults to Asia/Ho_Chi_Minh', () => {
    expect(DEFAULT_TIMEZONE).toBe('Asia/Ho_Chi_Minh');
  });

  it('puts 2024-07-18T17:30:00Z on the 19th in Việt Nam (UTC+7)', () => {
    expect(dayOf('2024-07-18T17:30:00Z')).toBe('2024-07-19');
    expect(dayOf('2024-07-18T17:30:00Z', 'UTC')).toBe('2024-07-18');
  });

  it('switches day at 17:00Z', () => {
    expect(dayOf('2024-07-18T16:59:59Z')).toBe('2024-07-18');
    expect(dayOf('2024-07-18T17:00:00Z')).toBe('2024-07-19');
    expect(dayOf('2024-07-19T16:59:59Z')).toBe('2024-07-19');
    expect(dayOf('2024-07-19T16:59:59.999Z')).toBe('2024-07-19');
    expect(dayOf('2024-07-19T17:00:00Z')).toBe('2024-07-20');
  });

  it('reads instants with an explicit offset and epoch milliseconds', () => {
    expect(dayOf('2024-07-20T00:00:00+07:00')).toBe('2024-07-20');
    expect(dayOf('2024-07-19T23:59:59+07:00')).toBe('2024-07-19');
    expect(dayOf(Date.parse('2024-07-19T17:00:00Z'))).toBe('2024-07-20');
  });

  it('gives the day Intl gives, around midnights and changes of offset, in zones a quarter or half an hour off and with daylight saving, and before 1970', () => {
    const zones = ['Asia/Ho_Chi_Minh', 'UTC', 'America/New_York', 'Europe/Paris', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns'];
    let seed = 20;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (const timeZone of zones) {
      const intl = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
      // Random instants over 2000-2040, each with its neighbours a millisecond and a minute away.
      for (let i = 0; i < 400; i++) {
        const ms = Date.parse('2000-01-01T00:00:00Z') + Math.floor(random() * 40 * 365 * 86_400_000);
        for (const at of [ms, ms - 1, ms + 1, ms - 60_000, ms + 60_000]) expect(dayOf(at, timeZone)).toBe(intl.format(at));
      }
      // Every minute of the days around a change of offset (New York: 10 March 2024; Lord Howe: 7 April 2024).
      for (let at = Date.parse('2024-03-09T00:00:00Z'); at < Date.parse('2024-03-11T00:00:00Z'); at += 60_000) expect(dayOf(at, timeZone)).toBe(intl.format(at));
      for (let at = Date.parse('2024-04-06T00:00:00Z'); at < Date.parse('2024-04-08T00:00:00Z'); at += 60_000) expect(dayOf(at, timeZone)).toBe(intl.format(at));
      // Before 1970 some zones kept local mean time (Việt Nam +7:06:30 until 1906): to the second.
      for (const at of [Date.parse('1905-06-30T16:53:29Z'), Date.parse('1905-06-30T16:53:30Z'), Date.parse('1905-06-30T16:53:31Z')]) expect(dayOf(at, timeZone)).toBe(intl.format(at));
    }
  });

  it('uses the time zone given', () => {
    expect(dayOf('2024-07-19T17:00:00Z', 'Europe/Paris')).toBe('2024-07-19');
    expect(dayOf('2024-07-19T23:00:00Z', 'Europe/Paris')).toBe('2024-07-20');
  });
});

describe('isKnownTimeZone', () => {
  it('knows IANA zones and refuses others', () => {
    expect(isKnownTimeZone('Asia/Ho_Chi_Minh')).toBe(true);
    expect(isKnownTimeZone('UTC')).toBe(true);
    expect(isKnownTimeZone('Asia/Hai_Duong')).toBe(false);
    expect(isKnownTimeZone('')).toBe(false);
  });
});

describe('formatNumber', () => {
  it('groups thousands with a dot in Vietnamese', () => {
    expect(formatNumber(1234)).toBe('1.234');
    expect(formatNumber(2000)).toBe('2.000');
    expect(formatNumber(1234, 'vi')).toBe('1.234');
    expect(formatNumber(1_234_567)).toBe('1.234.567');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(999)).toBe('999');
  });

  it('uses a decimal comma in Vietnamese, one decimal at most', () => {
    expect(formatNumber(12.5)).toBe('12,5');
    expect(formatNumber(12.46)).toBe('12,5');
  });

  it('uses English grouping in English', () => {
    expect(formatNumber(1234, 'en')).toBe('1,234');
    expect(formatNumber(2000, 'en')).toBe('2,000');
  });
});

describe('formatDate', () => {
  it('writes day/month/year without leading zeros', () => {
    expect(formatDate('2024-07-19')).toBe('19/7/2024');
    expect(formatDate('2024-01-05')).toBe('5/1/2024');
  });

  it('formats an instant on its day in the event time zone', () => {
    expect(formatDate('2024-07-18T17:30:00Z')).toBe('19/7/2024');
    expect(formatDate('2024-07-18T16:59:59Z')).toBe('18/7/2024');
    expect(formatDate(Date.parse('2024-07-19T05:00:00Z'))).toBe('19/7/2024');
    expect(formatDate('2024-07-18T17:30:00Z', 'UTC')).toBe('18/7/2024');
  });
});

describe('formatLongDateVi (the date line of a document)', () => {
  it('writes "ngày D tháng M năm YYYY"', () => {
    expect(formatLongDateVi('2024-07-20')).toBe('ngày 20 tháng 7 năm 2024');
    expect(formatLongDateVi('2024-12-31')).toBe('ngày 31 tháng 12 năm 2024');
    expect(formatLongDateVi('2024-10-10')).toBe('ngày 10 tháng 10 năm 2024');
  });

  it('puts a zero before a day below 10 and before the months 1 and 2 (Nghị định 30/2020/NĐ-CP), none before the other months', () => {
    expect(formatLongDateVi('2025-02-05')).toBe('ngày 05 tháng 02 năm 2025');
    expect(formatLongDateVi('2025-01-31')).toBe('ngày 31 tháng 01 năm 2025');
    expect(formatLongDateVi('2024-07-09')).toBe('ngày 09 tháng 7 năm 2024');
    expect(formatLongDateVi('2024-03-01')).toBe('ngày 01 tháng 3 năm 2024');
  });

  it('takes the day of an instant in Asia/Ho_Chi_Minh, not UTC and not the machine zone', () => {
    // 17:30 UTC on the 19th is 00:30 on the 20th in Việt Nam.
    expect(formatLongDateVi('2024-07-19T17:30:00Z')).toBe('ngày 20 tháng 7 năm 2024');
    expect(formatLongDateVi('2024-07-19T16:59:59Z')).toBe('ngày 19 tháng 7 năm 2024');
    expect(formatLongDateVi(Date.parse('2024-07-20T02:00:00+07:00'))).toBe('ngày 20 tháng 7 năm 2024');
    expect(formatLongDateVi('2024-07-19T17:30:00Z', 'UTC')).toBe('ngày 19 tháng 7 năm 2024');
    // New Year's Eve at the venue: still the old year in UTC.
    expect(formatLongDateVi('2024-12-31T17:00:00Z')).toBe('ngày 01 tháng 01 năm 2025');
  });

  it('in English: "20 July 2024"', () => {
    expect(formatLongDateEn('2024-07-20')).toBe('20 July 2024');
    expect(formatLongDateEn('2025-02-05')).toBe('5 February 2025');
    expect(formatLongDateEn('2024-07-19T17:30:00Z')).toBe('20 July 2024');
  });
});

describe('formatTime', () => {
  it('is 24-hour HH:mm in the event time zone', () => {
    expect(formatTime('2024-07-19T07:05:00Z')).toBe('14:05');
    expect(formatTime('2024-07-19T12:30:00Z')).toBe('19:30');
    expect(formatTime('2024-07-19T17:00:00Z')).toBe('00:00');
    expect(formatTime('2024-07-19T01:00:00Z')).toBe('08:00');
  });

  it('shows seconds when asked', () => {
    expect(formatTime('2024-07-19T12:30:09Z', DEFAULT_TIMEZONE, true)).toBe('19:30:09');
  });

  it('takes epoch milliseconds and another zone', () => {
    expect(formatTime(Date.parse('2024-07-19T12:30:00Z'), 'UTC')).toBe('12:30');
  });
});

describe('foldForSearch', () => {
  it('drops diacritics and case', () => {
    expect(foldForSearch('Nguyễn Thị Lan')).toBe('nguyen thi lan');
    expect(foldForSearch('Đặng')).toBe('dang');
    expect(foldForSearch('đặng văn ĐỨC')).toBe('dang van duc');
    expect(foldForSearch('Trần Quốc Hưng')).toBe('tran quoc hung');
  });

  it('folds precomposed and decomposed input alike', () => {
    const composed = 'Nguyễn'.normalize('NFC');
    const decomposed = 'Nguyễn'.normalize('NFD');
    expect(composed).not.toBe(decomposed);
    expect(foldForSearch(composed)).toBe(foldForSearch(decomposed));
  });

  it('collapses and trims whitespace', () => {
    expect(foldForSearch('  Lê   Thị\tHoa ')).toBe('le thi hoa');
  });

  it('lets a folded query find a name', () => {
    expect(foldForSearch('Phạm Thị Hồng Nhung').includes(foldForSearch('hong nhung'))).toBe(true);
  });
});
