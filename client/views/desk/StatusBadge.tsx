/** Today's state of a donor as a badge; "chờ gửi" while the desk's own event waits in the outbox. */
import { formatVolume, STATE_TEXT } from './deskText.ts';
import type { TodayStatus } from './overlay.ts';

export function StatusBadge({ status, newDonor = false }: { status: TodayStatus; newDonor?: boolean }) {
  const text = STATE_TEXT[status.state];
  const volume = status.outcome?.kind === 'donated' ? formatVolume(status.outcome.volumeMl) : '';
  const waiting = status.waiting || newDonor;
  return (
    <span
      className={`state state--${status.state} ${status.unconfirmed || newDonor ? 'state--unconfirmed' : ''}`}
      data-testid="state"
      data-state={status.state}
      data-waiting={waiting ? 'true' : 'false'}
    >
      {text.vi}
      {volume ? ` ${volume}` : ''}
      {waiting ? <span className="state__wait"> · chờ gửi</span> : status.unconfirmed ? <span className="state__wait"> · đang gửi</span> : null}
    </span>
  );
}
