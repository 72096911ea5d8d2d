/**
 * The figures' names and what each one counts (issue 15, "one meaning per word"): one
 * Vietnamese and one English name per figure, said the same way on every page, in the report's
 * files and print view, and in README's glossary ("Thuật ngữ và quy tắc đếm"), and the report's
 * legend, one line per column.
 *
 * The words: a quota counts PEOPLE ("người"); an accepted donation is one unit of blood ("đơn
 * vị máu"), and since a person donates at most once in the festival, the people who donated are
 * the units accepted. Check-ins and deferrals are once per person per day: over the festival
 * they count check-ins and deferrals (a person who came on both days counts on both).
 *
 * The page catalogs (client/i18n/…) keep their own strings (their variants: lower case under a
 * bar, "Hôm nay đã có mặt"), and test/client/i18n.test.ts holds every figure they name to these
 * names. The MC's catalog is checked the same way once its rewrite lands.
 */

export interface Words {
  vi: string;
  en: string;
}

/** One name per figure (the keys are the state's and the report's field names). */
export const FIGURES = {
  registered: { vi: 'Đã đăng ký', en: 'Registered' },
  checkedIn: { vi: 'Đã có mặt', en: 'Checked in' },
  donated: { vi: 'Đã hiến máu', en: 'Donated' },
  deferred: { vi: 'Tạm hoãn', en: 'Deferred' },
  volumeMl: { vi: 'Lượng máu (ml)', en: 'Volume (ml)' },
  quota: { vi: 'Chỉ tiêu (người)', en: 'Quota (people)' },
  percentOfQuota: { vi: 'Tỷ lệ đạt chỉ tiêu (%)', en: '% of quota' },
  target: { vi: 'Mục tiêu ngày hội', en: 'Festival target' },
  walkIns: { vi: 'Hiến máu tự do (không theo đơn vị)', en: 'Walk-ins (no agency)' },
  total: { vi: 'Tổng cộng', en: 'Total' },
} as const satisfies Record<string, Words>;

export type FigureKey = keyof typeof FIGURES;

/** "Đơn vị 250 ml" · "250 ml units": the units accepted in bags of that size. */
export function bagName(sizeMl: number): Words {
  return { vi: `Đơn vị ${sizeMl} ml`, en: `${sizeMl} ml units` };
}

/** The legend's lines: what a column counts. */
const LEGEND = {
  quota: {
    vi: 'số người đơn vị cam kết vận động tham gia hiến máu; chỉ tiêu “50 % quân số” được làm tròn lên.',
    en: 'people the agency promised to mobilise to donate; “50 % of headcount” quotas are rounded up.',
  },
  registered: {
    vi: 'số người đã đăng ký (danh sách đơn vị gửi và người đến tự do), mỗi người một lần, tính vào ngày đăng ký.',
    en: "people registered (agencies' lists and walk-ins), each person once, on the day they were registered.",
  },
  checkedIn: {
    vi: 'số người đã xác nhận có mặt tại bàn đăng ký, mỗi người một lần mỗi ngày (người có mặt cả hai ngày được tính ở cả hai ngày).',
    en: 'people checked in at a registration desk, once per person per day (someone who came on both days counts on both).',
  },
  donated: {
    vi: 'số người hiến máu thành công = số đơn vị máu tiếp nhận (mỗi người hiến một lần trong ngày hội).',
    en: 'people whose donation was accepted = units of blood accepted (each person donates once in the festival).',
  },
  deferred: {
    vi: 'số người được khám nhưng chưa đủ điều kiện hiến (trong ngày).',
    en: 'people examined and found not yet fit to donate (on that day).',
  },
  volumeMl: {
    vi: 'tổng thể tích các túi máu tiếp nhận.',
    en: 'the sum of the accepted bags’ volumes.',
  },
  bags: {
    vi: 'số đơn vị máu theo thể tích túi; 250 × số túi 250 ml + 350 × số túi 350 ml + 450 × số túi 450 ml = Lượng máu (ml).',
    en: 'units of blood by bag volume; 250 × 250 ml units + 350 × 350 ml units + 450 × 450 ml units = Volume (ml).',
  },
  walkIns: {
    vi: 'người hiến không theo đơn vị nào, ghi riêng một dòng và có trong Tổng cộng.',
    en: 'donors with no agency, on a line of their own, counted in the Total.',
  },
} as const satisfies Record<string, Words>;

/** The percent line: on the figure the event counts quotas on (donated, or checked in). */
function percentLine(countOn: 'donated' | 'checkedIn'): Words {
  const on = FIGURES[countOn];
  return {
    vi: `${on.vi} ÷ Chỉ tiêu, làm tròn xuống một chữ số thập phân (100 % là đạt thật).`,
    en: `${on.en} ÷ quota, rounded down to one decimal (100 % means really met).`,
  };
}

/**
 * The report's legend, one line per column in the table's order: "Đã hiến máu: số người hiến
 * máu thành công = …". The bag sizes share one line ("Đơn vị 250/350/450 ml: …").
 */
export function reportLegend(countOn: 'donated' | 'checkedIn', lang: keyof Words): string[] {
  const line = (name: Words, text: Words) => `${name[lang]}: ${text[lang]}`;
  const bags = lang === 'vi' ? 'Đơn vị 250/350/450 ml' : '250/350/450 ml units';
  return [
    line(FIGURES.quota, LEGEND.quota),
    line(FIGURES.registered, LEGEND.registered),
    line(FIGURES.checkedIn, LEGEND.checkedIn),
    line(FIGURES.donated, LEGEND.donated),
    line(FIGURES.deferred, LEGEND.deferred),
    line(FIGURES.percentOfQuota, percentLine(countOn)),
    line(FIGURES.volumeMl, LEGEND.volumeMl),
    `${bags}: ${LEGEND.bags[lang]}`,
    line({ vi: 'Hiến máu tự do', en: 'Walk-ins' }, LEGEND.walkIns),
  ];
}
