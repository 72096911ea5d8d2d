/**
 * Shows whether the data on screen is live. Stable test hook: `data-testid="connection"` with
 * `data-state="live|stale|offline"` (API.md); `data-detail` carries the store's finer state
 * (`connecting` shows as `offline`: nothing live to show yet).
 */
import { formatTime } from '../../shared/format.ts';
import { formatAge } from '../lib/labels.ts';
import { useNow } from '../lib/useNow.ts';
import { useConnection } from '../stores/liveStore.ts';
import './components.css';

export function ConnectionIndicator({ className = '' }: { className?: string }) {
  const { connection, disconnectedAt, lastSyncAt, hasData } = useConnection();
  const live = connection === 'live';
  // Ticks only while the age is shown.
  const now = useNow(live ? 60_000 : 1000);
  const state = live ? 'live' : connection === 'stale' ? 'stale' : 'offline';
  const since = disconnectedAt ?? lastSyncAt;
  const age = since !== null ? formatAge(now - since) : null;

  let vi: string;
  let en: string;
  if (live) {
    vi = 'Trực tiếp';
    en = 'Live';
  } else if (connection === 'unauthorized') {
    vi = 'Chưa được cấp quyền';
    en = 'Not enrolled';
  } else if (!hasData) {
    vi = connection === 'offline' ? 'Không kết nối được máy chủ · đang thử lại' : 'Đang kết nối…';
    en = connection === 'offline' ? 'Cannot reach the server · retrying' : 'Connecting…';
  } else {
    const head = connection === 'stale' ? { vi: 'Mất kết nối', en: 'Connection lost' } : { vi: 'Ngoại tuyến', en: 'Offline' };
    vi = `${head.vi} · dữ liệu ${age ? age.vi : ''}`.trim();
    en = `${head.en} · data from ${age ? age.en : '—'}`;
  }

  return (
    <div
      className={`conn conn--${state} ${className}`}
      data-testid="connection"
      data-state={state}
      data-detail={connection}
      role="status"
      aria-live="polite"
      title={lastSyncAt ? `Đồng bộ lần cuối / last sync ${formatTime(lastSyncAt, undefined, true)}` : undefined}
    >
      <span className="conn__dot" aria-hidden="true" />
      <span className="conn__vi">{vi}</span>
      <span className="conn__en">{en}</span>
    </div>
  );
}
