/**
 * The "TẬP DƯỢT" band every live page shows while the admin has the event in rehearsal: what
 * the screen shows then is the rehearsal's, and counts for nothing. It follows the projection
 * (event.mode_set), so it appears and goes on every screen with the switch. It never takes a
 * click: the page under it works as usual.
 */
import { useLiveStore } from '../stores/liveStore.ts';
import './components.css';

export function RehearsalBand() {
  const rehearsal = useLiveStore((s) => s.projection?.rehearsal ?? null);
  if (!rehearsal) return null;
  return (
    <div className="rehearsal-band" role="status" data-testid="rehearsal-band">
      <div className="rehearsal-band__frame" aria-hidden="true" />
      <p className="rehearsal-band__label">
        <strong lang="vi">TẬP DƯỢT</strong> <span lang="vi">· số liệu không được tính</span>
        <span className="rehearsal-band__en" lang="en">
          {' '}
          / REHEARSAL · figures do not count
        </span>
      </p>
    </div>
  );
}
