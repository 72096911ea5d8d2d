/**
 * Whether the desk's data is live, in the chosen language (with the English line beside it in
 * Vietnamese). Same hooks as the shared indicator: `data-testid="connection"` with
 * `data-state="live|stale|offline"` and `data-detail`.
 */
import { useNow } from '../../lib/useNow.ts';
import { useConnection } from '../../stores/liveStore.ts';
import { formatterFor, useLang, useT, type Lang } from '../../i18n/index.ts';
import { tIn } from './i18n.ts';
import { useDeskFormat } from './Text.tsx';
import '../../components/components.css';

export function DeskConnection() {
  const lang = useLang();
  const t = useT();
  const fmt = useDeskFormat();
  const { connection, disconnectedAt, lastSyncAt, hasData } = useConnection();
  const live = connection === 'live';
  // Ticks only while the age is shown.
  const now = useNow(live ? 60_000 : 1000);
  const state = live ? 'live' : connection === 'stale' ? 'stale' : 'offline';
  const since = disconnectedAt ?? lastSyncAt;
  const textIn = (language: Lang): string => {
    const t = tIn(language);
    if (live) return t('connection.live');
    if (connection === 'unauthorized') return t('connection.notEnrolled');
    if (!hasData) return connection === 'offline' ? t('connection.unreachable') : t('connection.connecting');
    const age = since !== null ? (language === lang ? fmt : formatterFor(language, fmt.timeZone)).age(now - since) : '—';
    return t(connection === 'stale' ? 'connection.lost' : 'connection.offline', { age });
  };
  return (
    <div
      className={`conn conn--${state}`}
      data-testid="connection"
      data-state={state}
      data-detail={connection}
      role="status"
      aria-live="polite"
      title={lastSyncAt ? t('desk.lastSync', { time: fmt.time(lastSyncAt, true) }) : undefined}
    >
      <span className="conn__dot" aria-hidden="true" />
      <span className="conn__vi">{textIn(lang)}</span>
      {lang === 'vi' ? (
        <span className="conn__en" lang="en">
          {textIn('en')}
        </span>
      ) : null}
    </div>
  );
}
