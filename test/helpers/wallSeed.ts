/**
 * Realistic data for wall tests and the wall benchmark: many agencies with long Vietnamese names
 * (added by admin `agency.upserted`), and donors who register, check in and donate, sent through
 * the batch endpoint (500 events a request).
 */
import { donorEvents, sendBatch, type DonorSpec } from './donors.ts';

export const LONG_AGENCY_NAMES = [
  'Trường Cao đẳng Y tế Hải Dương',
  'Bệnh viện Đa khoa tỉnh Hải Dương',
  'Công ty TNHH Điện tử Ford Việt Nam chi nhánh Hải Dương',
  'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hải Dương',
  'Hội Liên hiệp Phụ nữ tỉnh',
  'Trường Đại học Kỹ thuật Y tế Hải Dương',
  'Bộ Chỉ huy Quân sự tỉnh Hải Dương',
  'Sở Nông nghiệp và Phát triển Nông thôn',
  'Ngân hàng Nông nghiệp và Phát triển Nông thôn chi nhánh tỉnh Hải Dương',
  'Thị xã Kinh Môn',
  'Thành phố Chí Linh',
  'Huyện Cẩm Giàng',
  'Huyện Bình Giang',
  'Huyện Gia Lộc',
  'Huyện Tứ Kỳ',
  'Huyện Thanh Miện',
  'Huyện Ninh Giang',
  'Huyện Kim Thành',
  'Huyện Nam Sách',
  'Huyện Thanh Hà',
  'Công ty Cổ phần Nhiệt điện Phả Lại',
  'Trường Trung học Phổ thông Chuyên Nguyễn Trãi',
  'Đoàn Thanh niên Cộng sản Hồ Chí Minh Khối các cơ quan tỉnh',
  'Sở Lao động, Thương binh và Xã hội',
];

const BLOOD = ['O+', 'A+', 'B+', 'AB+', 'O-', 'A-'] as const;
const GIVEN = ['Thu', 'Lan', 'Nam', 'Hùng', 'Hương', 'Minh', 'Trang', 'Dũng', 'Hà', 'Tuấn', 'Linh', 'Phong'];

/** Adds `count` agencies (ids a01, a02, …) with long names and quotas. Returns their ids. */
export async function addAgencies(url: string, adminToken: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  const events = Array.from({ length: count }, (_, i) => {
    const id = `a${String(i + 1).padStart(2, '0')}`;
    ids.push(id);
    return {
      type: 'agency.upserted',
      payload: { agencyId: id, name: LONG_AGENCY_NAMES[i % LONG_AGENCY_NAMES.length]!, quota: { kind: 'count', count: 20 + ((i * 37) % 120) } },
    };
  });
  await sendBatch(url, adminToken, events);
  return ids;
}

/** Registers, checks in and records a donation for `count` donors spread over `agencyIds`. */
export async function addDonations(url: string, token: string, agencyIds: string[], count: number, prefix = 'd'): Promise<void> {
  const donors: DonorSpec[] = Array.from({ length: count }, (_, i) => ({
    donorId: `${prefix}-${i}`,
    fullName: `Nguyễn Văn ${GIVEN[i % GIVEN.length]}`,
    agencyId: agencyIds[i % agencyIds.length]!,
    ...(i % 4 !== 3 ? { details: { bloodType: BLOOD[i % BLOOD.length] } } : {}),
    volumeMl: [250, 350, 450][i % 3]!,
  }));
  await sendBatch(url, token, donorEvents(donors, 'seed'));
}
