/** Today's state of a donor as a badge; "chờ gửi" while the desk's own event waits in the outbox. */
import type { TodayStatus } from './overlay.ts';
import { useDeskText } from './Text.tsx';

export function StatusBadge({ status, newDonor = false }: { status: TodayStatus; newDonor?: boolean }) {
  const { t, fmt } = useDeskText();
  const volume = status.outcome?.kind === 'donated' && status.outcome.volumeMl ? t('desk.ml', { n: fmt.number(status.outcome.volumeMl) }) : '';
  const waiting = status.waiting || newDonor;
  return (
    <span
      className={`state state--${status.state} ${status.unconfirmed || newDonor ? 'state--unconfirmed' : ''}`}
      data-testid="state"
      data-state={status.state}
      data-waiting={waiting ? 'true' : 'false'}
    >
      {t(`desk.state.${status.state}`)}
      {volume ? ` ${volume}` : ''}
      {waiting ? <span className="state__wait"> · {t('desk.state.waiting')}</span> : status.unconfirmed ? <span className="state__wait"> · {t('desk.state.sending')}</span> : null}
    </span>
  );
}
