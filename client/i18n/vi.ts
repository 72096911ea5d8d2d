/**
 * Vietnamese: the reference catalog (every key lives here first; ./en.ts has the same keys).
 * Values use i18next interpolation, `{{name}}`; numbers are passed already formatted.
 *
 * These are the strings every page may use (loaded by client/i18n/core.ts). A page with many
 * strings of its own keeps them in its own pair of files, like ./admin/vi.ts and ./admin/en.ts,
 * added by that page with `addCatalogs`, so the wall and the other pages do not download them.
 * Keys of event types use `_` for the dot (`eventTypes.donor_registered`).
 */
export const vi = {
  common: {
    appName: 'Hải Dương ngàn trái tim hồng',
    eventFallback: 'Ngày hội hiến máu “Hải Dương ngàn trái tim hồng”',
    loading: 'Đang tải…',
    waiting: 'Đang chờ dữ liệu…',
    save: 'Lưu',
    saveChanges: 'Lưu thay đổi',
    cancel: 'Hủy',
    close: 'Đóng',
    edit: 'Sửa',
    remove: 'Xóa',
    copy: 'Sao chép',
    copied: 'Đã sao chép',
    actions: 'Thao tác',
    yes: 'Có',
    no: 'Không',
    retry: 'Thử lại',
  },
  lang: {
    label: 'Ngôn ngữ',
    vi: 'Tiếng Việt',
    en: 'English',
  },
  age: {
    justNow: 'vừa xong',
    seconds: 'cách đây {{n}} giây',
    minutes: 'cách đây {{n}} phút',
    hours: 'cách đây {{h}} giờ {{m}} phút',
    days: 'cách đây {{n}} ngày',
  },
  connection: {
    live: 'Trực tiếp',
    notEnrolled: 'Chưa được cấp quyền',
    connecting: 'Đang kết nối…',
    unreachable: 'Không kết nối được máy chủ · đang thử lại',
    lost: 'Mất kết nối · dữ liệu {{age}}',
    offline: 'Ngoại tuyến · dữ liệu {{age}}',
    lastSync: 'Đồng bộ lần cuối lúc {{time}}',
  },
  gate: {
    missing: 'Thiết bị này chưa được cấp quyền truy cập.',
    refused: 'Mã truy cập của thiết bị này không hợp lệ hoặc đã bị thu hồi.',
    forbidden: 'Mã truy cập của thiết bị này không dùng được cho trang này.',
    howTo: 'Hãy mở trang này một lần bằng đường dẫn cấp quyền {{link}} (hoặc quét mã QR) do Ban tổ chức gửi từ trang quản trị /admin. Thiết bị sẽ ghi nhớ quyền truy cập.',
  },
  errorScreen: {
    title: 'Màn hình gặp sự cố và sẽ tự thử lại trong giây lát.',
    text: 'Dữ liệu không bị mất. Nếu sự cố lặp lại, hãy tải lại trang hoặc báo Ban tổ chức.',
  },
  kpi: {
    donated: 'Đã hiến máu',
    checkedIn: 'Đã có mặt',
    registered: 'Đã đăng ký',
    volumeLitres: 'Lượng máu (lít)',
  },
  roles: {
    admin: 'Ban tổ chức (quản trị)',
    desk: 'Bàn đăng ký',
    coordinator: 'Điều phối hậu cần',
    mc: 'Người dẫn chương trình (MC)',
    wall: 'Màn hình lớn',
    agency: 'Liên lạc viên đơn vị',
  },
  pages: {
    wall: {
      name: 'Màn hình lớn',
      desc: 'Tổng số đơn vị máu, tiến độ từng đơn vị và các mốc đáng nhớ, trình chiếu tại hội trường.',
    },
    desk: {
      name: 'Bàn đăng ký',
      desc: 'Tìm người hiến máu, đăng ký tại chỗ, xác nhận có mặt, ghi đã hiến máu hoặc tạm hoãn.',
    },
    console: {
      name: 'Điều phối hậu cần',
      desc: 'Danh sách công việc hậu cần (an ninh, âm thanh, ánh sáng, băng rôn, truyền thông) và sự cố.',
    },
    mc: {
      name: 'Người dẫn chương trình',
      desc: 'Các mốc sắp đạt, lời dẫn gợi ý và nút “đã công bố”.',
    },
    admin: {
      name: 'Ban tổ chức',
      desc: 'Thiết lập sự kiện, đơn vị, chỉ tiêu, công việc, chương trình; cấp mã truy cập cho thiết bị; báo cáo và nhật ký.',
    },
    live: {
      name: 'Trực tiếp (công khai)',
      desc: 'Cho mọi người, không cần mã: số đơn vị máu so với mục tiêu, tiến độ các đơn vị, chương trình đang diễn ra. Chỉ số liệu tổng hợp.',
    },
    agency: {
      name: 'Đơn vị',
      desc: 'Cho liên lạc viên của một đơn vị: tiến độ so với chỉ tiêu, danh sách người của đơn vị (ai chưa có mặt để gọi), gửi danh sách và tải kết quả.',
    },
  },
  index: {
    subtitle: 'Bảng điều hành ngày hội hiến máu',
    enrolNote: 'Mỗi thiết bị được cấp quyền bằng cách mở trang một lần với đường dẫn /<trang>?token=… (hoặc quét mã QR) do Ban tổ chức gửi.',
  },
  taskStatus: {
    todo: 'Chưa làm',
    in_progress: 'Đang làm',
    done: 'Đã xong',
    blocked: 'Vướng mắc',
  },
  severity: {
    low: 'Thấp',
    medium: 'Trung bình',
    high: 'Cao',
    critical: 'Khẩn cấp',
  },
  phases: {
    before: 'Chuẩn bị',
    parade: 'Diễu hành',
    day1: 'Ngày thứ nhất',
    day2: 'Ngày thứ hai',
    after: 'Sau ngày hội',
  },
  milestoneKinds: {
    first_donation_of_day: 'Người hiến máu đầu tiên trong ngày',
    donations: 'Các mốc đơn vị máu (100, 200, … 500, rồi mỗi 250)',
    one_thousand: 'Mốc 1.000 — “Một ngàn trái tim hồng”',
    target: 'Đạt mục tiêu của ngày hội',
    agency_half: 'Đơn vị đạt 50% chỉ tiêu',
    agency_quota: 'Đơn vị hoàn thành chỉ tiêu',
    custom: 'Mốc riêng của Ban tổ chức',
  },
};

/** The shape every catalog has: the same keys, string values. */
export type Catalog = DeepStrings<typeof vi>;
type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
