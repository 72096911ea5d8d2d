/** `/`: the pages of the dashboard, one line each. No token needed here. */
import { Heart } from '../../components/Heart.tsx';
import './index.css';

const PAGES = [
  {
    path: '/wall',
    vi: 'Màn hình lớn',
    en: 'Big screen',
    descVi: 'Tổng số đơn vị máu, tiến độ từng đơn vị và các mốc đáng nhớ, trình chiếu tại hội trường.',
    descEn: 'Live totals, agency progress and milestones, for the projector in the hall.',
  },
  {
    path: '/desk',
    vi: 'Bàn đăng ký',
    en: 'Registration desk',
    descVi: 'Tìm người hiến máu, đăng ký tại chỗ, xác nhận đến, đã hiến hoặc tạm hoãn.',
    descEn: 'Find or register donors, check them in, record donated or deferred.',
  },
  {
    path: '/console',
    vi: 'Điều phối hậu cần',
    en: 'Logistics console',
    descVi: 'Danh sách công việc hậu cần (an ninh, âm thanh, ánh sáng, băng rôn, truyền thông) và sự cố.',
    descEn: 'Logistics tasks (police, sound, lighting, banners, media) and incidents.',
  },
  {
    path: '/mc',
    vi: 'Người dẫn chương trình',
    en: 'MC',
    descVi: 'Các mốc sắp đạt, lời dẫn gợi ý và nút “đã công bố”.',
    descEn: 'Upcoming milestones, suggested words and the “announced” button.',
  },
  {
    path: '/admin',
    vi: 'Ban tổ chức',
    en: 'Organisers (admin)',
    descVi: 'Thiết lập sự kiện, đơn vị, chỉ tiêu, công việc, danh sách người hiến; cấp mã truy cập cho thiết bị; xuất báo cáo.',
    descEn: 'Set up the event, agencies, quotas, tasks and donor lists; enrol devices; export the report.',
  },
];

export function IndexView() {
  return (
    <main className="home">
      <header className="home__header">
        <Heart className="home__heart" />
        <div>
          <h1 className="home__title">Hải Dương ngàn trái tim hồng</h1>
          <p className="home__subtitle">
            Bảng điều hành ngày hội hiến máu <span className="en">· Blood-donation festival dashboard</span>
          </p>
        </div>
      </header>
      <ul className="home__list">
        {PAGES.map((page) => (
          <li key={page.path} className="home__item">
            <a href={page.path} className="home__link">
              <span className="home__name">
                {page.vi} <span className="en">{page.en}</span>
              </span>
              <code className="home__path">{page.path}</code>
            </a>
            <p className="home__desc">
              {page.descVi} <span className="en">{page.descEn}</span>
            </p>
          </li>
        ))}
      </ul>
      <p className="home__note">
        Mỗi thiết bị được cấp quyền bằng cách mở trang một lần với đường dẫn <code>/&lt;trang&gt;?token=…</code> do Ban tổ chức gửi.
        <span className="en"> Each device is enrolled by opening its page once with the link <code>/&lt;page&gt;?token=…</code> from the organisers.</span>
      </p>
    </main>
  );
}
