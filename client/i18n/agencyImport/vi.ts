/**
 * Vietnamese: the agency-list import's strings (client/components/AgencyImport.tsx), the
 * reference for ./en.ts. The component adds them itself with `addCatalogs` when its lazy chunk
 * loads, so a page pays for them only when the import tool is opened. The row problems and
 * column names come from shared/donorImport.ts, in both languages.
 */
export const viAgencyImport = {
  agencyImport: {
    title: 'Nhập danh sách đăng ký của đơn vị',
    status: {
      ok: 'Hợp lệ',
      warning: 'Nhập, có lưu ý',
      error: 'Lỗi, bỏ qua',
      exists: 'Đã có, bỏ qua',
      listed: 'Đã có ở đơn vị khác',
    },
    female: 'Nữ',
    male: 'Nam',
    stepAgency: '1. Đơn vị',
    filterAgencies: 'Lọc đơn vị…',
    filterLabel: 'Lọc đơn vị',
    chooseAgency: '— Chọn đơn vị —',
    stepFile: '2. Tệp CSV hoặc Excel (.xlsx)',
    help: 'Cột nhận biết: Họ và tên, Năm sinh (hoặc Ngày sinh), Giới tính, Số điện thoại, CCCD, Nhóm máu, Đơn vị, Cân nặng. Dòng tiêu đề có thể nằm dưới vài dòng tiêu đề chung.',
    privacy: 'Máy chủ không lưu số CCCD đầy đủ, chỉ 4 số cuối. Nguồn danh sách (đơn vị, tên tệp, người nhập, thời điểm) được ghi lại.',
    reading: 'Đang đọc {{file}}…',
    unreadable: 'Không đọc được tệp này.',
    agencyFirst: 'Chọn đơn vị để kiểm tra danh sách.',
    columns: 'Cột đã nhận:',
    ignored: 'bỏ qua: {{list}}',
    headerRow: '(dòng tiêu đề {{n}})',
    filterProblems: 'Dòng có vấn đề',
    filterValid: 'Sẽ nhập',
    filterAll: 'Tất cả',
    row: 'Dòng',
    rowStatus: 'Tình trạng',
    problems: 'Vấn đề',
    exists: 'Đã đăng ký (mã {{id}})',
    listed: 'Đã đăng ký với {{agency}}: không đăng ký lại, ghi nhận có trong cả danh sách này; mặc định tính cho đơn vị gửi danh sách trước (ban tổ chức và bàn đăng ký có thể chọn lại).',
    more: '… và {{n}} dòng nữa',
    nothing: 'Không có dòng nào ở mục này.',
    sent: 'Đã đưa {{sent}} người vào hàng gửi.',
    sentFailed: 'Đã đưa {{sent}} người vào hàng gửi, {{failed}} không lưu được.',
    sending: 'Đang đưa vào hàng gửi {{done}} / {{total}}…',
    arrived: 'Máy chủ đã ghi {{arrived}} / {{total}}.',
    foundBefore: 'Đã đăng ký từ trước, bỏ qua: {{n}}.',
    send: 'Nhập {{n}} người',
  },
};

export type AgencyImportCatalog = DeepStrings<typeof viAgencyImport>;
type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
