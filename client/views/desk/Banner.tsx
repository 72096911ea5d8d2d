/** The answer to the last action: sending, recorded, saved and waiting, or refused (and why). */
import { formatTime } from '../../../shared/format.ts';
import { deskActions, useDeskStore } from './deskStore.ts';
import { findDonor } from './overlay.ts';
import { useDesk } from './useDeskData.ts';

const ICON: Record<string, string> = { sending: '…', ok: '✓', queued: '↑', error: '⚠', info: 'ℹ' };

export function Banner() {
  const banner = useDeskStore((s) => s.banner);
  const { projection, overlay, timeZone } = useDesk();
  if (!banner) return null;
  const existing = banner.existingDonorId ? findDonor(projection, overlay, banner.existingDonorId) : null;
  return (
    <div className={`banner banner--${banner.kind}`} data-testid="banner" data-kind={banner.kind} role={banner.kind === 'error' ? 'alert' : 'status'}>
      <span className="banner__icon" aria-hidden="true">
        {ICON[banner.kind]}
      </span>
      <div className="banner__text">
        <div className="banner__vi">{banner.vi}</div>
        <div className="en">{banner.en}</div>
      </div>
      <time className="banner__time">{formatTime(banner.at, timeZone)}</time>
      {existing ? (
        <button type="button" className="btn btn--small" onClick={() => deskActions.select(existing.id)}>
          Mở hồ sơ đã có <span className="en">Open it</span>
        </button>
      ) : null}
      <button type="button" className="banner__close" aria-label="Đóng · Close" onClick={() => deskActions.banner(null)}>
        ×
      </button>
    </div>
  );
}
