/**
 * The top of the console: title and connection, the live totals (the same store as the wall),
 * the outbox ("N đang chờ gửi", refusals to dismiss) and what needs attention.
 */
import { memo } from 'react';
import { formatNumber } from '../../../shared/format.ts';
import { ConnectionIndicator } from '../../components/ConnectionIndicator.tsx';
import { Heart } from '../../components/Heart.tsx';
import { getDeviceOutbox } from '../../outbox/outbox.ts';
import type { StateBody } from '../../../shared/view.ts';
import { useIsLive } from '../../stores/liveStore.ts';
import { useOutboxStore } from '../../stores/outboxStore.ts';
import { Bi } from './ConsoleParts.tsx';
import { EVENT_TYPE_LABELS, formatWhen, refusalText } from './model.ts';

/** Memoised: the connection indicator re-renders only when the connection changes. */
export const ConsoleHeader = memo(function ConsoleHeader() {
  return (
    <header className="con-head">
      <div className="con-head__row">
        <Heart className="con-head__heart" />
        <h1 className="con-head__title">
          Điều phối hậu cần <span className="en">Logistics console</span>
        </h1>
      </div>
      <ConnectionIndicator className="con-head__conn" />
    </header>
  );
});

export function ConsoleTotals({ body }: { body: StateBody | null }) {
  const live = useIsLive();
  const totals = body?.totals;
  const cells = [
    { key: 'donated', vi: 'Đã hiến', en: 'Donated', value: totals ? formatNumber(totals.donated) : '—', sub: body ? `/ ${formatNumber(body.target)}` : '' },
    { key: 'checked-in', vi: 'Đã đến', en: 'Checked in', value: totals ? formatNumber(totals.checkedIn) : '—', sub: '' },
    { key: 'registered', vi: 'Đăng ký', en: 'Registered', value: totals ? formatNumber(totals.registered) : '—', sub: '' },
  ];
  return (
    <section className={`con-totals ${live ? '' : 'is-not-live'}`} aria-label="Tổng số · Totals">
      {cells.map((cell) => (
        <div className="con-totals__cell" key={cell.key} data-testid={`summary-${cell.key}`}>
          <div className="con-totals__value">
            {cell.value}
            {cell.sub ? <span className="con-totals__sub"> {cell.sub}</span> : null}
          </div>
          <div className="con-totals__label">
            {cell.vi} <span className="en">{cell.en}</span>
          </div>
        </div>
      ))}
    </section>
  );
}

export function ConsoleOutbox({ timeZone }: { timeZone: string }) {
  const pending = useOutboxStore((s) => s.pending);
  const rejected = useOutboxStore((s) => s.rejected);
  const lastError = useOutboxStore((s) => s.lastError);
  const sending = useOutboxStore((s) => s.sending);
  if (pending === 0 && rejected.length === 0) return null;
  return (
    <section className="con-outbox" aria-live="polite">
      {pending > 0 ? (
        <div className="con-outbox__pending" data-testid="outbox-pending" data-count={pending}>
          <div>
            <strong>
              {formatNumber(pending)} đang chờ gửi
            </strong>{' '}
            <span className="en">{pending} waiting to be sent</span>
            {lastError ? <div className="con-outbox__error">{lastError}</div> : null}
          </div>
          <button type="button" className="con-btn con-btn--small" disabled={sending} onClick={() => getDeviceOutbox()?.flushSoon(true)}>
            <Bi vi="Gửi lại" en="Retry" />
          </button>
        </div>
      ) : null}
      {rejected.map((entry) => {
        const what = EVENT_TYPE_LABELS[entry.type] ?? { vi: entry.type, en: '' };
        return (
          <div className="con-outbox__rejected" key={entry.id} role="alert" data-testid="outbox-rejected">
            <div>
              <strong>
                Bị từ chối: {what.vi}
              </strong>{' '}
              <span className="en">Refused: {what.en}</span>
              <div className="con-outbox__msg">
                {refusalText(entry.code, entry.message).vi} · {formatWhen(entry.createdAt, timeZone)} <span className="en">{entry.message}</span>
              </div>
            </div>
            <button type="button" className="con-btn con-btn--small" onClick={() => void getDeviceOutbox()?.dismiss(entry.id)}>
              <Bi vi="Đã hiểu" en="OK" />
            </button>
          </div>
        );
      })}
    </section>
  );
}
