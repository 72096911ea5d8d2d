/**
 * Vietnamese: the MC page's own strings (/mc), the reference for ./en.ts. Added by
 * client/views/mc/i18n.ts with `addCatalogs`, so the other pages (the wall above all) do not
 * download them. Same conventions as ../vi.ts. The milestones' labels and scripts are data (the
 * organisers' texts, read out in Vietnamese), not catalog strings.
 */
export const viMc = {
  mc: {
    clock: 'Giờ hiện tại',
    outbox: '{{n}} đang chờ gửi',
    totals: {
      label: 'Tổng số',
      ofTarget: 'Mục tiêu',
    },
    ceremony: {
      title: 'Lễ tôn vinh',
      status: { waiting: 'Chờ', on_stage: 'Đang trên sân khấu', done: 'Xong' },
      readAt: 'đã đọc {{time}}',
      onStage: 'Lễ tôn vinh — đợt đang trên sân khấu',
      preparing: 'Lễ tôn vinh — xem trước',
      close: 'Đóng',
      edit: 'Sửa lời dẫn',
      save: 'Lưu lời dẫn',
      reset: 'Về lời dẫn theo danh sách',
      cancel: 'Thôi',
      who: 'Ai có mặt',
      here: 'có mặt',
      delegateHere: 'đại diện có mặt',
      absent: 'vắng',
      markRead: 'Đã đọc',
      undo: 'Hoàn tác',
      undoReason: 'Bấm nhầm “đã đọc”',
    },
    queue: {
      title: 'Cần công bố',
      empty: 'Chưa có mốc mới cần công bố.',
      comingUp: 'Sắp tới:',
      reachedAt: 'Đạt lúc {{time}}',
      announce: 'Đã công bố',
      skip: 'Bỏ qua',
      announceName: 'Người hiến đồng ý được xướng tên: {{name}}',
    },
    status: {
      announced: 'Đã công bố',
      skipped: 'Đã bỏ qua',
      pendingAnnounce: 'Đã công bố · đang gửi',
      pendingSkip: 'Bỏ qua · đang gửi',
    },
    recent: {
      title: 'Đã nói',
      none: 'Chưa công bố mốc nào.',
      undo: 'Hoàn tác',
    },
    undoBar: {
      done: '{{what}}: “{{label}}”',
    },
    notices: {
      queued: 'Chưa gửi được — thao tác được giữ trên máy và sẽ tự gửi khi có mạng.',
      alreadyAnnounced: '“{{label}}” đã được công bố trước đó.',
      alreadySkipped: '“{{label}}” đã được bỏ qua trước đó.',
      notRecorded: 'Không ghi được “{{label}}”: {{reason}}',
      undone: 'Đã hoàn tác: “{{label}}” trở lại hàng chờ.',
      undoQueued: 'Hoàn tác chưa gửi được — sẽ tự gửi khi có mạng.',
      alreadyUndone: 'Đã được hoàn tác trước đó.',
      notOwn: 'Không hoàn tác được “{{label}}”: thao tác này do thiết bị khác thực hiện.',
      undoRefused: 'Không hoàn tác được “{{label}}”: {{reason}}',
    },
    undoReason: 'MC hoàn tác (bấm nhầm)',
    ros: {
      title: 'Chương trình',
      now: 'Đang diễn ra',
      next: 'Tiếp theo',
      left: 'còn {{countdown}}',
      at: 'lúc {{time}}',
      startsIn: 'sau {{countdown}}',
      more: 'và {{n}} mục sau đó',
      finished: 'Chương trình đã kết thúc.',
      days: '{{d}} ngày {{h}} giờ',
    },
    upcoming: {
      title: 'Mốc sắp tới',
      none: 'Không còn mốc nào phía trước.',
      step: 'còn {{n}} đơn vị nữa đạt {{goal}}',
      thousand: 'còn {{n}} đơn vị nữa đạt {{goal}} — một ngàn trái tim hồng',
      target: 'còn {{n}} người hiến máu nữa đạt mục tiêu {{goal}} người',
      agencyHalf: '{{name}}: còn {{n}} {{unit}} nữa đạt 50% chỉ tiêu',
      agencyQuota: '{{name}}: còn {{n}} {{unit}} nữa hoàn thành chỉ tiêu',
      custom: 'còn {{n}} {{unit}} nữa đạt “{{label}}”',
      units: {
        donated: 'người hiến máu',
        checkedIn: 'người có mặt',
        registered: 'người đăng ký',
      },
    },
    wall: {
      title: 'Lời nhắn lên màn hình lớn',
      since: 'Đang hiện từ {{time}}',
      none: 'Màn hình lớn không có lời nhắn.',
      new: 'Lời nhắn mới',
      placeholder: 'Ví dụ: Mời đoàn Sở Y tế lên sân khấu',
      presets: {
        applause: 'Xin một tràng pháo tay thật lớn!',
        seats: 'Mời quý vị đại biểu ổn định chỗ ngồi',
        thanks: 'Cảm ơn những tấm lòng vàng!',
      },
      send: 'Đưa lên màn hình',
      clear: 'Xoá lời nhắn',
      sending: 'Đang gửi…',
      set: 'Đã đưa lên màn hình lớn.',
      cleared: 'Đã xoá khỏi màn hình lớn.',
      queued: 'Chưa gửi được — sẽ tự gửi khi có mạng.',
      refused: 'Không gửi được: {{reason}}',
    },
  },
};

export type McCatalog = DeepStrings<typeof viMc>;
type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
