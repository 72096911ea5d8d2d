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
    },
    desk: {
      name: 'Bàn đăng ký',
    },
    console: {
      name: 'Điều phối hậu cần',
    },
    mc: {
      name: 'Người dẫn chương trình',
    },
    admin: {
      name: 'Ban tổ chức',
    },
    live: {
      name: 'Trực tiếp (công khai)',
    },
    agency: {
      name: 'Đơn vị',
    },
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
