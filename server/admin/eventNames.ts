/** Vietnamese names of the event types, for the audit CSV (the admin page has its own catalogs). */
import type { EventType } from '../../shared/index.ts';

export const EVENT_TYPE_NAMES_VI: Record<EventType, string> = {
  'donor.registered': 'Đăng ký người hiến',
  'donor.checked_in': 'Người hiến có mặt',
  'donor.donated': 'Đã hiến máu',
  'donor.deferred': 'Tạm hoãn hiến máu',
  'donor.updated': 'Sửa thông tin người hiến',
  'task.status_set': 'Cập nhật công việc',
  'task.defined': 'Khai báo công việc',
  'milestone.announced': 'Đã công bố mốc',
  'milestone.skipped': 'Bỏ qua mốc',
  'milestone.rule_defined': 'Khai báo mốc riêng',
  'milestone.template_set': 'Sửa lời dẫn mốc',
  'event.voided': 'Hủy bản ghi',
  'event.configured': 'Thiết lập sự kiện',
  'agency.upserted': 'Thêm/sửa đơn vị',
  'wall.message_set': 'Thông báo trên màn hình lớn',
  'incident.reported': 'Báo sự cố',
  'incident.acknowledged': 'Tiếp nhận sự cố',
  'incident.resolved': 'Xử lý xong sự cố',
  'schedule.item_set': 'Sửa chương trình',
  'schedule.item_removed': 'Bỏ mục chương trình',
  'list.imported': 'Nhập danh sách',
  'donor.erased': 'Xoá dữ liệu cá nhân theo yêu cầu',
  'personal_data.expired': 'Xoá dữ liệu cá nhân hết hạn lưu',
  'event.mode_set': 'Chuyển tập dượt / chính thức',
};
