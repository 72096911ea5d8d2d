/**
 * Vietnamese: the agency liaison's page (/agency), the reference for ./en.ts. The figures keep
 * their one name (shared/figures.ts); the people's results are the results workbook's words
 * (shared/agencyResults.ts PERSON_RESULT_NAMES).
 */
export const viAgency = {
  agency: {
    title: 'Đơn vị',
    noAgency: 'Mã truy cập này chưa gắn với đơn vị nào: xin Ban tổ chức cấp lại.',
    copy: 'Chưa kết nối: số liệu như lúc {{time}}, sẽ tự cập nhật khi có mạng.',
    loading: 'Đang tải…',
    noQuota: 'Chưa có chỉ tiêu',
    percent: '{{p}} % chỉ tiêu',
    remaining: 'Còn {{n}} người nữa',
    reached: 'Đã đạt chỉ tiêu',
    eta: 'Theo nhịp hôm nay, dự kiến đạt chỉ tiêu lúc {{time}}',
    days: 'Theo ngày',
    total: 'Cả ngày hội',
    people: 'Người của đơn vị',
    search: 'Tìm tên (không cần dấu)',
    filter: {
      all: 'Tất cả',
      not_come: 'Chưa có mặt',
      checked_in: 'Đã có mặt',
      donated: 'Đã hiến máu',
      deferred: 'Tạm hoãn',
    },
    call: 'Gọi',
    none: 'Không có ai.',
    more: 'Xem thêm {{n}} người',
    erased: '{{n}} người đã được xoá dữ liệu cá nhân (vẫn được tính).',
    peopleStale: 'Danh sách cập nhật lúc {{time}}; chưa tải lại được.',
    peopleUnavailable: 'Chưa tải được danh sách người (cần kết nối).',
    results: 'Tải kết quả (XLSX)',
    resultsFailed: 'Không tải được tệp kết quả: {{why}}',
    lists: 'Danh sách đã gửi',
    noLists: 'Đơn vị chưa gửi danh sách nào.',
    listLine: '{{file}} · {{rows}} dòng · gửi lúc {{time}}',
    review: {
      waiting: 'Chờ Văn phòng Thường trực xem',
      accepted: 'Đã nhận',
      returned: 'Trả lại để sửa',
    },
    upload: 'Gửi danh sách đơn vị',
    uploadHelp: 'Tệp XLSX hoặc CSV: kiểm tra và xem trước trước khi gửi.',
    headcount: {
      title: 'Quân số đơn vị',
      rule: 'Chỉ tiêu: {{percent}} % quân số, làm tròn lên.',
      label: 'Quân số (người)',
      gives: 'Chỉ tiêu sẽ là {{quota}} người.',
      save: 'Lưu quân số',
      queued: 'Chưa có mạng: quân số sẽ được gửi khi có kết nối.',
      saved: 'Đã lưu quân số.',
      failed: 'Chưa lưu được: {{why}}',
    },
  },
};
