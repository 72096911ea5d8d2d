/**
 * The screen of a device with no valid token: says so, in Vietnamese and English, and how to
 * enrol it (the link `/<page>?token=…` from the organisers). Never a blank screen.
 */
import type { PageName } from '../auth/token.ts';
import { useDeviceOutbox } from '../device/store.ts';
import { formatNumber } from '../../shared/format.ts';
import type { AuthProblem } from '../stores/liveStore.ts';
import { Heart } from './Heart.tsx';
import './components.css';

const PAGE_NAMES: Record<PageName, { vi: string; en: string }> = {
  wall: { vi: 'Màn hình lớn', en: 'Big screen' },
  desk: { vi: 'Bàn đăng ký', en: 'Registration desk' },
  console: { vi: 'Điều phối hậu cần', en: 'Logistics console' },
  mc: { vi: 'Người dẫn chương trình (MC)', en: 'MC' },
  admin: { vi: 'Ban tổ chức', en: 'Organisers (admin)' },
  agency: { vi: 'Liên lạc viên đơn vị', en: 'Agency liaison' },
};

const REASONS: Record<AuthProblem, { vi: string; en: string }> = {
  missing: {
    vi: 'Thiết bị này chưa được cấp quyền truy cập.',
    en: 'This device has no access token yet: it is not enrolled.',
  },
  refused: {
    vi: 'Mã truy cập của thiết bị này không hợp lệ hoặc đã bị thu hồi.',
    en: "This device's access token is not valid or has been revoked.",
  },
  forbidden: {
    vi: 'Mã truy cập của thiết bị này không dùng được cho trang này.',
    en: "This device's access token is not for this page.",
  },
  code: {
    vi: 'Đường dẫn cấp quyền này đã được dùng hoặc đã hết hạn.',
    en: 'This enrolment link was already used or has expired: ask for a new access token link.',
  },
  unreachable: {
    vi: 'Không kết nối được máy chủ để cấp quyền cho thiết bị.',
    en: 'The server could not be reached to enrol this device (no access token yet).',
  },
};

/** While the page exchanges its enrolment code for a token (a moment; then it reloads). */
export function EnrollingScreen({ page }: { page: PageName }) {
  return (
    <main className="gate" data-testid="enrolling">
      <div className="gate__card">
        <Heart className="gate__heart" />
        <p className="gate__page">
          {PAGE_NAMES[page].vi} <span className="en">· {PAGE_NAMES[page].en}</span>
        </p>
        <h1 className="gate__title">Đang cấp quyền cho thiết bị…</h1>
        <h2 className="gate__title gate__title--en" lang="en">
          Enrolling this device…
        </h2>
      </div>
    </main>
  );
}

export function TokenGate({ page, problem }: { page: PageName; problem: AuthProblem }) {
  const link = `/${page}?code=…`;
  const reason = REASONS[problem];
  // Events made on this device and not sent: kept, and sent with the new token once enrolled again.
  const waiting = useDeviceOutbox((s) => s.pending.length);
  return (
    <main className="gate" data-testid="token-gate" data-problem={problem}>
      <div className="gate__card">
        <Heart className="gate__heart" />
        <p className="gate__page">
          {PAGE_NAMES[page].vi} <span className="en">· {PAGE_NAMES[page].en}</span>
        </p>
        <h1 className="gate__title">{reason.vi}</h1>
        {waiting > 0 ? (
          <p className="gate__waiting" role="alert" data-testid="token-gate-waiting" data-count={waiting}>
            <strong>{formatNumber(waiting)} sự kiện đang chờ gửi</strong> trên thiết bị này. Chúng được giữ lại và sẽ được gửi khi thiết bị được cấp quyền lại.{' '}
            <span className="en">· {waiting === 1 ? 'One event waits' : `${formatNumber(waiting, 'en')} events wait`} on this device: kept, and sent once it is enrolled again.</span>
          </p>
        ) : null}
        <p className="gate__text">
          Hãy mở trang này một lần bằng đường dẫn cấp quyền <code>{link}</code> (hoặc quét mã QR) do Ban tổ chức tạo cho thiết bị này ở trang quản trị <code>/admin</code>, mục Thiết bị. Đường dẫn chỉ
          dùng được một lần; thiết bị sẽ ghi nhớ quyền truy cập.
        </p>
        <hr />
        <h2 className="gate__title gate__title--en" lang="en">
          {reason.en}
        </h2>
        <p className="gate__text gate__text--en" lang="en">
          Open this page once with the enrollment link <code>{link}</code> (or scan its QR code) that the organisers make for this device in the admin page <code>/admin</code>, Devices. The link works
          once; the device keeps its access token.
        </p>
        <button type="button" className="gate__retry" onClick={() => window.location.reload()}>
          Thử lại <span className="en">· Try again</span>
        </button>
      </div>
    </main>
  );
}
