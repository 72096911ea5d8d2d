/**
 * Whether the data on screen is live, in the chosen language (client/i18n), with the English
 * line beside the Vietnamese one while Vietnamese is chosen. The pages that use the language
 * module show this one: /desk, /console, /mc, /admin and the wall.
 * Same test hooks: `data-testid="connection"` with `data-state="live|stale|offline"` and
 * `data-detail` carrying the store's finer state.
 */
import { useBi } from '../i18n/bilingual.tsx';
import { useNow } from '../lib/useNow.ts';
import { useConnection } from '../stores/liveStore.ts';
import './components.css';

export function ConnectionStatus({ className = '' }: { className?: string }) {
  const bi = useBi();
  const { connection, disconnectedAt, lastSyncAt, hasData } = useConnection();
  const live = connection === 'live';
  // Ticks only while the age is shown.
  const now = useNow(live ? 60_000 : 1000);
  const state = live ? 'live' : connection === 'stale' ? 'stale' : 'offline';
  const since = disconnectedAt ?? lastSyncAt;

  let key: string;
  if (live) key = 'connection.live';
  else if (connection === 'unauthorized') key = 'connection.notEnrolled';
  else if (!hasData) key = connection === 'offline' ? 'connection.unreachable' : 'connection.connecting';
  else key = connection === 'stale' ? 'connection.lost' : 'connection.offline';
  const text = bi.pair(key, (fmt) => ({ age: since !== null ? fmt.age(now - since) : '—' }));

  return (
    <div
      className={`pill conn conn--${state} ${className}`}
      data-testid="connection"
      data-state={state}
      data-detail={connection}
      role="status"
      aria-live="polite"
      title={lastSyncAt ? bi.t('connection.lastSync', { time: bi.fmt.time(lastSyncAt, true) }) : undefined}
    >
      <span className="conn__dot" aria-hidden="true" />
      <span className="conn__vi">{text.main}</span>
      {text.second ? (
        <span className="conn__en" lang="en">
          {text.second}
        </span>
      ) : null}
    </div>
  );
}
