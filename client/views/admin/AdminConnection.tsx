/**
 * Whether /admin's data is live, in the chosen language. Same hooks as the shared indicator:
 * `data-testid="connection"` with `data-state="live|stale|offline"`.
 */
import { useT, useFormat } from '../../i18n/index.ts';
import { useNow } from '../../lib/useNow.ts';
import { useConnection } from '../../stores/liveStore.ts';
import '../../components/components.css';

export function AdminConnection() {
  const t = useT();
  const fmt = useFormat();
  const { connection, disconnectedAt, lastSyncAt, hasData } = useConnection();
  const live = connection === 'live';
  const now = useNow(live ? 60_000 : 1000);
  const state = live ? 'live' : connection === 'stale' ? 'stale' : 'offline';
  const since = disconnectedAt ?? lastSyncAt;
  let text: string;
  if (live) text = t('connection.live');
  else if (connection === 'unauthorized') text = t('connection.notEnrolled');
  else if (!hasData) text = connection === 'offline' ? t('connection.unreachable') : t('connection.connecting');
  else text = t(connection === 'stale' ? 'connection.lost' : 'connection.offline', { age: since !== null ? fmt.age(now - since) : '—' });
  return (
    <div className={`conn conn--${state}`} data-testid="connection" data-state={state} data-detail={connection} role="status" aria-live="polite">
      <span className="conn__dot" aria-hidden="true" />
      <span>{text}</span>
    </div>
  );
}
