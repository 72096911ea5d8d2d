/**
 * Vietnamese: the big screen's own strings (/wall), the reference for ./en.ts. Added by
 * client/views/wall/i18n.ts with `addCatalogs`, so no other page downloads them (and the wall
 * downloads no other page's). Same conventions as ../vi.ts: `{{name}}` values, numbers passed
 * already formatted. The event's name, the agencies' names, milestone labels and the MC's
 * message are data, not catalog strings.
 */
export const viWall = {
  wall: {
    ceremony: {
      kicker: 'Lễ tôn vinh các cá nhân, gia đình và tập thể hiến máu tiêu biểu',
    },
    header: {
      festivalDay: 'Ngày {{n}} · {{date}}',
      festivalDayShort: 'Ngày {{n}}',
      otherDay: '{{weekday}} · {{date}}',
    },
    hero: {
      aria: 'Tổng số',
      title: 'Đơn vị máu đã hiến',
      target: 'mục tiêu',
      units: 'đơn vị máu',
    },
    stats: {
      today: 'Hôm nay',
      todayDay: 'Hôm nay (ngày {{n}})',
      litres: 'Lượng máu (lít)',
      checkedIn: 'Đã có mặt',
      registered: 'Đã đăng ký',
    },
    hearts: {
      aria: 'Ngàn trái tim hồng',
      title: '{{n}} trái tim hồng',
      titleThousand: 'Ngàn trái tim hồng',
      perOne: 'Mỗi trái tim là một đơn vị máu',
      perMany: 'Mỗi trái tim là {{n}} đơn vị máu',
      over: '+{{n}} vượt mục tiêu',
    },
    board: {
      aria: 'Các đơn vị',
      title: 'Tiến độ các đơn vị',
      legend: 'đã hiến máu / chỉ tiêu',
      checkedIn: 'đã có mặt',
      registered: 'đã đăng ký',
      donated: 'đã hiến máu',
      met: 'Đạt chỉ tiêu',
      eta: 'Dự kiến đạt chỉ tiêu lúc {{time}}',
      loading: 'Đang tải dữ liệu…',
      noQuota: 'Chưa có đơn vị nào có chỉ tiêu.',
      others: 'Các đơn vị khác',
      walkIns: 'Hiến máu tự do',
    },
    charts: {
      aria: 'Biểu đồ',
      loading: 'Đang tải biểu đồ…',
      unavailable: 'Biểu đồ tạm thời chưa hiển thị được',
      quarters: 'Mỗi 15 phút hôm nay',
      quartersEmpty: 'Chưa có ca hiến máu nào hôm nay',
      days: 'Theo ngày',
      daysEmpty: 'Chưa có dữ liệu',
      dayTick: 'Ngày {{n}} · {{date}}',
      blood: 'Nhóm máu',
      unknown: 'chưa rõ',
    },
    ticker: {
      thanks: 'Cảm ơn người hiến máu của {{agency}}',
      thankYou: 'Xin cảm ơn!',
      slogan: 'Một giọt máu cho đi · Một cuộc đời ở lại',
    },
    celebration: {
      kicker: 'Mốc mới',
    },
  },
};

export type WallCatalog = DeepStrings<typeof viWall>;
type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
