/**
 * The top of the console: title, connection and the language switch, the live totals (the same
 * store as the wall), the outbox ("N đang chờ gửi", refusals to dismiss) and what needs attention.
 */
import { memo } from 'react';
import { ConnectionStatus } from '../../components/ConnectionStatus.tsx';
import { Heart } from '../../components/Heart.tsx';
import { Bi, Second, useBi } from '../../i18n/bilingual.tsx';
import { LanguageSwitch } from '../../i18n/index.ts';
import { getDeviceOutbox } from '../../device/send.ts';
import type { StateBody } from '../../../shared/view.ts';
import { useIsLive } from '../../stores/liveStore.ts';
import { useDeviceOutbox } from '../../device/store.ts';
import { capitalise, eventTypeLabel, formatWhen, refusalText } from './model.ts';

/**
 * Memoised: re-renders only when the connection or the language changes. On a phone the
 * connection and the language switch share the line under the title, so neither crowds it.
 */
export const ConsoleHeader = memo(function ConsoleHeader() {
  return (
    <header className="con-head">
      <div className="con-head__row">
        <Heart className="con-head__heart" />
        <h1 className="con-head__title" data-testid="console-title">
          <Bi k="pages.console.name" />
        </h1>
      </div>
      <div className="con-head__bar">
        <ConnectionStatus className="con-head__conn" />
        <LanguageSwitch className="con-head__lang" />
      </div>
    </header>
  );
});

export function ConsoleTotals({ body }: { body: StateBody | null }) {
  const live = useIsLive();
  const bi = useBi();
  const totals = body?.totals;
  const cells = [
    { key: 'donated', label: 'kpi.donated', value: totals ? bi.fmt.number(totals.donated) : '—', sub: body ? `/ ${bi.fmt.number(body.target)}` : '' },
    { key: 'checked-in', label: 'kpi.checkedIn', value: totals ? bi.fmt.number(totals.checkedIn) : '—', sub: '' },
    { key: 'registered', label: 'kpi.registered', value: totals ? bi.fmt.number(totals.registered) : '—', sub: '' },
  ];
  return (
    <section className={`con-totals ${live ? '' : 'is-not-live'}`} aria-label={bi.inline('console.totals.label')}>
      {cells.map((cell) => (
        <div className="con-totals__cell" key={cell.key} data-testid={`summary-${cell.key}`}>
          <div className="con-totals__value">
            {cell.value}
            {cell.sub ? <span className="con-totals__sub"> {cell.sub}</span> : null}
          </div>
          <div className="con-totals__label">
            <Bi k={cell.label} />
          </div>
        </div>
      ))}
    </section>
  );
}

export function ConsoleOutbox({ timeZone }: { timeZone: string }) {
  const bi = useBi(timeZone);
  const pending = useDeviceOutbox((s) => s.pending.length);
  const rejected = useDeviceOutbox((s) => s.refused);
  const lastError = useDeviceOutbox((s) => s.lastError);
  const sending = useDeviceOutbox((s) => s.sending);
  if (pending === 0 && rejected.length === 0) return null;
  const waiting = bi.pair('console.outbox.pending', (fmt) => ({ n: fmt.number(pending) }));
  return (
    <section className="con-outbox" aria-live="polite">
      {pending > 0 ? (
        <div className="con-outbox__pending" data-testid="outbox-pending" data-count={pending}>
          <div>
            <strong>{waiting.main}</strong> <Second text={waiting.second} />
            {lastError ? <div className="con-outbox__error">{lastError}</div> : null}
          </div>
          <button type="button" className="con-btn con-btn--small" disabled={sending} onClick={() => getDeviceOutbox()?.flushSoon(true)}>
            <Bi k="console.outbox.retry" />
          </button>
        </div>
      ) : null}
      {rejected.map((entry) => {
        const what = eventTypeLabel(entry.type) ?? { vi: entry.type, en: entry.type };
        const refused = bi.pair('console.outbox.refused', (fmt) => ({ what: what[fmt.lang] }));
        const why = bi.pick(refusalText(entry.code, entry.message));
        return (
          <div className="con-outbox__rejected" key={entry.id} role="alert" data-testid="outbox-rejected">
            <div>
              <strong>{refused.main}</strong> <Second text={refused.second} />
              <div className="con-outbox__msg" title={entry.message}>
                {capitalise(why.main)} · {formatWhen(entry.createdAt, timeZone, bi.lang)} <Second text={why.second} />
              </div>
            </div>
            <button type="button" className="con-btn con-btn--small" onClick={() => void getDeviceOutbox()?.dismiss(entry.id)}>
              <Bi k="console.outbox.understood" />
            </button>
          </div>
        );
      })}
    </section>
  );
}
