/**
 * Vietnamese: the home page's own strings (/, the list of pages): each page's description and
 * the note on enrolment. Added by client/views/index/main.tsx, so no other page (the wall above
 * all) downloads them; the pages' names stay in ../vi.ts, which the pages' titles use.
 */
export const viHome = {
  pages: {
    wall: { desc: 'Tổng số đơn vị máu, tiến độ từng đơn vị và các mốc đáng nhớ, trình chiếu tại hội trường.' },
    desk: { desc: 'Tìm người hiến máu, đăng ký tại chỗ, xác nhận có mặt, ghi đã hiến máu hoặc tạm hoãn.' },
    console: { desc: 'Danh sách công việc hậu cần (an ninh, âm thanh, ánh sáng, băng rôn, truyền thông) và sự cố.' },
    mc: { desc: 'Các mốc sắp đạt, lời dẫn gợi ý và nút “đã công bố”.' },
    admin: { desc: 'Thiết lập sự kiện, đơn vị, chỉ tiêu, công việc, chương trình; cấp mã truy cập cho thiết bị; báo cáo và nhật ký.' },
    live: { desc: 'Cho mọi người, không cần mã: số đơn vị máu so với mục tiêu, tiến độ các đơn vị, chương trình đang diễn ra. Chỉ số liệu tổng hợp.' },
    agency: { desc: 'Cho liên lạc viên của một đơn vị: tiến độ so với chỉ tiêu, danh sách người của đơn vị (ai chưa có mặt để gọi), gửi danh sách và tải kết quả.' },
  },
  index: {
    subtitle: 'Bảng điều hành ngày hội hiến máu',
    enrolNote: 'Mỗi thiết bị được cấp quyền bằng cách mở trang một lần với đường dẫn /<trang>?token=… (hoặc quét mã QR) do Ban tổ chức gửi.',
  },
};
