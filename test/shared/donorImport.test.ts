import { describe, expect, it } from 'vitest';
import { decodeText, fieldOfHeader, findHeader, overlapFinder, parseCsv, planImport, tidyName, type Cell, type ImportPlan } from '../../shared/donorImport.ts';
import { identityKeysOf } from '../../shared/projection.ts';

const today = '2024-07-19';

/** Ids as a test gives them: counters (a device gives random ones). */
function counters() {
  let donors = 0;
  let events = 0;
  return { newDonorId: () => `d-${++donors}`, newEventId: () => `evt-${String(++events).padStart(4, '0')}` };
}

function plan(rows: Cell[][], findExisting?: Parameters<typeof planImport>[1]['findExisting']): ImportPlan {
  const result = planImport(rows, { agencyId: 'ldld', agencyName: 'Liên đoàn Lao động tỉnh', today, ...counters(), ...(findExisting ? { findExisting } : {}) });
  if (!result.ok) throw new Error(result.en);
  return result.plan;
}

describe('import: header recognition', () => {
  it.each([
    ['Họ và tên', 'fullName'],
    ['HỌ VÀ TÊN (*)', 'fullName'],
    ['ho ten', 'fullName'],
    ['Full name', 'fullName'],
    ['Năm sinh', 'birthYear'],
    ['Ngày sinh (dd/mm/yyyy)', 'birthYear'],
    ['Ngày, tháng, năm sinh', 'birthYear'],
    ['Giới tính', 'gender'],
    ['Nam/Nữ', 'gender'],
    ['Số điện thoại', 'phone'],
    ['SĐT', 'phone'],
    ['Điện thoại liên hệ', 'phone'],
    ['CCCD', 'nationalId'],
    ['Số CCCD/CMND', 'nationalId'],
    ['Căn cước công dân', 'nationalId'],
    ['Nhóm máu', 'bloodType'],
    ['Đơn vị', 'agency'],
    ['Tên đơn vị', 'agency'],
    ['Cân nặng (kg)', 'weightKg'],
    ['STT', 'index'],
    ['Ghi chú', null],
  ])('%s → %s', (title, field) => {
    expect(fieldOfHeader(title)).toBe(field);
  });

  it('finds the header under title rows', () => {
    const rows: Cell[][] = [
      ['DANH SÁCH ĐĂNG KÝ HIẾN MÁU'],
      ['Đơn vị: Liên đoàn Lao động tỉnh'],
      [],
      ['STT', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Số điện thoại', 'CCCD', 'Nhóm máu', 'Ghi chú'],
      [1, 'Nguyễn Thị Lan', 1990, 'Nữ', '0912345678', '030190001234', 'O+', ''],
    ];
    const header = findHeader(rows)!;
    expect(header.rowNumber).toBe(4);
    expect(header.columns).toEqual({ index: 0, fullName: 1, birthYear: 2, gender: 3, phone: 4, nationalId: 5, bloodType: 6 });
    expect(header.ignored).toEqual(['Ghi chú']);
  });

  it('fails clearly without a full-name column', () => {
    const result = planImport(
      [
        ['a', 'b'],
        ['1', '2'],
      ],
      { agencyId: 'ldld', today, ...counters() },
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.vi).toContain('Họ và tên');
  });
});

describe('import: row checks', () => {
  const header = ['Họ và tên', 'Năm sinh', 'Giới tính', 'Số điện thoại', 'CCCD', 'Nhóm máu'];

  it('accepts a clean row and plans its registration', () => {
    const p = plan([header, ['Nguyễn Thị Lan', 1990, 'Nữ', '0912345678', '030190001234', 'O+']]);
    expect(p.counts).toEqual({ ok: 1, warning: 0, error: 0, exists: 0, listed: 0 });
    expect(p.rows[0]).toMatchObject({
      rowNumber: 2,
      status: 'ok',
      problems: [],
      donor: { fullName: 'Nguyễn Thị Lan', agencyId: 'ldld', birthYear: 1990, gender: 'female', phone: '0912345678', nationalId: '030190001234', bloodType: 'O+' },
    });
  });

  it('repairs what spreadsheets do to numbers', () => {
    // Phone and CCCD stored as numbers lose their leading zeros.
    const p = plan([header, ['Trần Văn Đức', '15/03/1985', 'nam', 912345678, 1085009999, 'A Rh+']]);
    expect(p.rows[0]!.donor).toMatchObject({ birthYear: 1985, gender: 'male', phone: '0912345678', nationalId: '001085009999', bloodType: 'A+' });
    expect(p.rows[0]!.status).toBe('ok');
  });

  it('reads dates as Date cells, +84 phones and upper-case names', () => {
    const p = plan([header, ['ĐẶNG THU HÀ', new Date(Date.UTC(1999, 4, 2)), 'F', '+84 355 000 111', '', 'ab-']]);
    expect(p.rows[0]!.donor).toMatchObject({ fullName: 'Đặng Thu Hà', birthYear: 1999, gender: 'female', phone: '0355000111', bloodType: 'AB-' });
  });

  it('keeps a row with an unreadable optional field, without that field, as a warning', () => {
    const p = plan([header, ['Lê Văn Hùng', 'khoảng 1990', 'x', '12345', '0301900012', 'O?']]);
    const row = p.rows[0]!;
    expect(row.status).toBe('warning');
    expect(row.donor).toEqual({ donorId: expect.any(String), fullName: 'Lê Văn Hùng', agencyId: 'ldld' });
    expect(row.problems.map((x) => x.field)).toEqual(['birthYear', 'gender', 'phone', 'nationalId', 'bloodType']);
    expect(row.problems.every((x) => x.level === 'warning' && x.vi.length > 0 && x.en.length > 0)).toBe(true);
  });

  it('flags a rounded CCCD and an old 9-digit ID', () => {
    const p = plan([header, ['A Một', 1990, '', '', '3.0119E+11', ''], ['B Hai', 1991, '', '', '123456789', '']]);
    expect(p.rows[0]!.problems[0]!.vi).toContain('làm tròn');
    expect(p.rows[1]!.problems[0]!.vi).toContain('CMND');
  });

  it('refuses a row without a name, and skips blank rows', () => {
    const p = plan([header, ['', 1990, 'Nữ', '0912345678', '', ''], [], ['', '', '', '', '', ''], ['Phạm Minh Tuấn', 1995, 'Nam', '', '', '']]);
    expect(p.rows.map((r) => [r.rowNumber, r.status])).toEqual([
      [2, 'error'],
      [5, 'ok'],
    ]);
    expect(p.rows[0]!.problems[0]).toMatchObject({ field: 'fullName', level: 'error', vi: 'Thiếu họ và tên' });
    expect(p.rows[0]!.donor).toBeNull();
  });

  it('refuses the second of the same person in one file', () => {
    const p = plan([header, ['Nguyễn Thị Lan', 1990, 'Nữ', '', '030190001234', ''], ['Nguyễn Thị Mai', 1992, 'Nữ', '', '030190001234', ''], ['nguyen thi lan', 1990, 'Nữ', '', '', '']]);
    expect(p.rows.map((r) => r.status)).toEqual(['ok', 'error', 'error']);
    expect(p.rows[1]!.problems[0]!.vi).toBe('Trùng CCCD với dòng 2');
    expect(p.rows[2]!.problems[0]!.vi).toBe('Trùng họ tên và năm sinh với dòng 2');
  });

  it('shows a person already registered and skips them', () => {
    const existing = new Map(identityKeysOf({ fullName: 'Nguyễn Thị Lan', birthYear: 1990, agencyId: 'ldld' }).map((key) => [key, 'ldld-0001']));
    const p = plan(
      [header, ['Nguyễn Thị Lan', 1990, 'Nữ', '', '', ''], ['Trần Văn B', 1980, 'Nam', '', '', '']],
      (person) =>
        identityKeysOf(person)
          .map((key) => existing.get(key))
          .find(Boolean) ?? null,
    );
    expect(p.rows.map((r) => r.status)).toEqual(['exists', 'ok']);
    expect(p.rows[0]!.existingDonorId).toBe('ldld-0001');
    expect(p.counts).toEqual({ ok: 1, warning: 0, error: 0, exists: 1, listed: 0 });
  });

  it('(issue 18) a list as a union federation writes it: "Đơn vị công tác" is the workplace, kept; "O" keeps its group, the Rh unknown', () => {
    const p = plan([
      ['LIÊN ĐOÀN LAO ĐỘNG TỈNH HẢI DƯƠNG'],
      ['DANH SÁCH ĐOÀN VIÊN ĐĂNG KÝ HIẾN MÁU'],
      [],
      ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Số điện thoại', 'Đơn vị công tác', 'Nhóm máu'],
      [1, 'Vũ Văn Khang', new Date('1988-03-02T00:00:00Z'), 'Nam', 30188000123, '912.345.678', 'Công ty TNHH May Tinh Lợi', 'O'],
      [2, 'Đỗ Thị Lan', 32874, 'Nữ', '030190000456', '+84 913 000 222', 'Công ty CP Sứ Hải Dương', 'A+'],
      [3, 'Phan Văn Long', '12/05/1992', 'Nam', '', '0914000333', 'Công ty TNHH Ford Việt Nam', 'ab'],
    ]);
    expect(p.header.columns.workplace).toBe(6);
    expect(p.header.columns.agency).toBeUndefined();
    expect(p.rows.map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
    expect(p.rows.flatMap((r) => r.problems)).toEqual([]);
    const [khang, lan, long] = p.rows.map((r) => r.donor!);
    expect(khang).toMatchObject({ agencyId: 'ldld', workplace: 'Công ty TNHH May Tinh Lợi', bloodGroup: 'O', phone: '0912345678', nationalId: '030188000123', birthYear: 1988 });
    expect(khang!.bloodType).toBeUndefined();
    expect(lan).toMatchObject({ bloodType: 'A+', phone: '0913000222', birthYear: 1990 });
    expect(lan!.bloodGroup).toBeUndefined();
    expect(long).toMatchObject({ bloodGroup: 'AB', workplace: 'Công ty TNHH Ford Việt Nam', birthYear: 1992 });
  });

  it('warns when the agency column names another agency', () => {
    const p = plan([
      ['Họ và tên', 'Năm sinh', 'Đơn vị'],
      ['A', 1990, 'Liên đoàn Lao động tỉnh'],
      ['B', 1990, 'LDLD'],
      ['C', 1990, 'Sở Y tế'],
    ]);
    expect(p.rows.map((r) => r.status)).toEqual(['ok', 'ok', 'warning']);
  });
});

describe("import: ids are the caller's, never made from the person", () => {
  const rows: Cell[][] = [
    ['Họ và tên', 'Năm sinh', 'CCCD'],
    ['Nguyễn Thị Lan', 1990, '030190001234'],
    ['Trần Văn Đức', 1985, ''],
  ];

  it('every row gets the next donor id and event id the caller gives; nothing of the person is in them', () => {
    const a = plan(rows);
    expect(a.rows.map((r) => [r.eventId, r.donor?.donorId])).toEqual([
      ['evt-0001', 'd-1'],
      ['evt-0002', 'd-2'],
    ]);
    // The same file again, with other ids: the plan is the same, the ids are not.
    const b = planImport(rows, { agencyId: 'ldld', today, newDonorId: () => 'x', newEventId: () => 'y-event-id' });
    expect(b.ok && b.plan.rows.map((r) => [r.status, r.donor?.fullName])).toEqual(a.rows.map((r) => [r.status, r.donor?.fullName]));
  });
});

describe('import: CSV', () => {
  it('parses quotes, escaped quotes, line breaks in quotes and CRLF', () => {
    expect(parseCsv('a,b,c\r\n"x, y","say ""hi""","line1\nline2"\r\n1,2,3')).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'line1\nline2'],
      ['1', '2', '3'],
    ]);
  });

  it('detects ; and tab separators, and honours a sep= line', () => {
    expect(parseCsv('Họ và tên;Năm sinh\nLan;1990\n')).toEqual([
      ['Họ và tên', 'Năm sinh'],
      ['Lan', '1990'],
    ]);
    expect(parseCsv('a\tb\n1\t2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('sep=;\na;b,c\n')).toEqual([['a', 'b,c']]);
    // A title row without separators above the header.
    expect(parseCsv('DANH SÁCH, ĐỢT 1\nHọ và tên;Năm sinh;SĐT\nLan;1990;0912345678\nHà;1991;0912345679')).toEqual([
      ['DANH SÁCH, ĐỢT 1'],
      ['Họ và tên', 'Năm sinh', 'SĐT'],
      ['Lan', '1990', '0912345678'],
      ['Hà', '1991', '0912345679'],
    ]);
  });

  it('decodes UTF-8 with BOM, UTF-16 and Windows-1258', () => {
    const text = 'Họ và tên,Năm sinh\nNguyễn Thị Lan,1990';
    const utf8 = new TextEncoder().encode(text);
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toBe(text);
    expect(decodeText(utf8)).toBe(text);
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i += 1) {
      utf16[2 + i * 2] = text.charCodeAt(i) & 0xff;
      utf16[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    expect(decodeText(utf16)).toBe(text);
    // "Nguyễn" in Windows-1258: ê (0xEA) + combining tilde (0xDE).
    expect(decodeText(new Uint8Array([0x4e, 0x67, 0x75, 0x79, 0xea, 0xde, 0x6e]))).toBe('Nguyễn');
  });

  it('a CSV file goes through the same plan', () => {
    const rows = parseCsv('\ufeffSTT,Họ và tên,Năm sinh,Giới tính,Số điện thoại,CCCD,Nhóm máu\n1,Nguyễn Thị Lan,1990,Nữ,0912345678,030190001234,O+\n2,,,,,,\n');
    const p = plan(rows);
    expect(p.rows).toHaveLength(1);
    expect(p.rows[0]!.status).toBe('ok');
  });

  it('tidies names', () => {
    expect(tidyName('  NGUYỄN   THỊ LAN ')).toBe('Nguyễn Thị Lan');
    expect(tidyName('nguyễn thị lan')).toBe('Nguyễn Thị Lan');
    expect(tidyName('Nguyễn thị Lan')).toBe('Nguyễn thị Lan');
    // Decomposed (NFD) input is composed.
    expect(tidyName('Nguye\u0302\u0303n')).toBe('Nguyễn');
  });
});

describe('overlapping lists (issue 15): a person registered with another agency', () => {
  const registered = [
    { id: 'yte-1', fullName: 'Trần Thị Hoa', agencyId: 'soyte', birthYear: 1988, phone: '0912000111', nationalIdLast4: '4321' },
    { id: 'yte-2', fullName: 'Lê Văn Nam', agencyId: 'soyte', birthYear: 1975 },
    { id: 'yte-3', fullName: 'Phạm Minh Tú', agencyId: 'soyte', birthYear: 1992, phone: '0988000222' },
    { id: 'ldld-1', fullName: 'Đỗ Văn Cùng', agencyId: 'ldld', birthYear: 1980 },
    { id: 'gone', fullName: '', agencyId: 'soyte', erased: true as const },
  ];
  const find = overlapFinder(registered);

  it('is recognised by the same name and the same CCCD digits, phone, or year of birth when nothing contradicts it', () => {
    expect(find({ fullName: 'tran thi hoa', agencyId: 'ldld', nationalId: '001188004321' })).toEqual({ donorId: 'yte-1', agencyId: 'soyte' });
    expect(find({ fullName: 'Trần Thị Hoa', agencyId: 'ldld', phone: '0912000111' })).toEqual({ donorId: 'yte-1', agencyId: 'soyte' });
    expect(find({ fullName: 'Lê Văn Nam', agencyId: 'ldld', birthYear: 1975 })).toEqual({ donorId: 'yte-2', agencyId: 'soyte' });
  });

  it('never by a name alone, never when the CCCD digits or the phone differ, never within the same agency', () => {
    expect(find({ fullName: 'Lê Văn Nam', agencyId: 'ldld' })).toBeNull();
    expect(find({ fullName: 'Phạm Minh Tú', agencyId: 'ldld', birthYear: 1992, phone: '0988999999' })).toBeNull();
    expect(find({ fullName: 'Trần Thị Hoa', agencyId: 'ldld', birthYear: 1988, nationalId: '001188009999' })).toBeNull();
    expect(find({ fullName: 'Đỗ Văn Cùng', agencyId: 'ldld', birthYear: 1980 })).toBeNull();
    expect(find({ fullName: 'Người Khác', agencyId: 'ldld', birthYear: 1975 })).toBeNull();
  });

  it('a list row of such a person is planned `listed` (sent as also on this list, not registered again)', () => {
    const result = planImport(
      [
        ['Họ và tên', 'Năm sinh', 'Giới tính', 'Số điện thoại', 'CCCD', 'Nhóm máu'],
        ['Trần Thị Hoa', 1988, 'Nữ', '0912000111', '001188004321', 'A+'],
        ['Nguyễn Văn Mới', 1999, 'Nam', '0900000333', '', 'O+'],
      ],
      { agencyId: 'ldld', agencyName: 'Liên đoàn Lao động tỉnh', today, ...counters(), findExisting: () => null, findListedElsewhere: find },
    );
    if (!result.ok) throw new Error(result.en);
    expect(result.plan.rows.map((r) => r.status)).toEqual(['listed', 'ok']);
    expect(result.plan.rows[0]).toMatchObject({ existingDonorId: 'yte-1', listedWith: 'soyte' });
    expect(result.plan.counts).toMatchObject({ ok: 1, listed: 1 });
  });
});
