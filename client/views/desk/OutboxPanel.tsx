/**
 * The outbox as the desk sees it: "N đang chờ gửi" in the header (stable hook
 * `data-testid="outbox-pending"`, `data-count`), and the events the server refused, each with
 * the server's reason, until the person dismisses them.
 */
import { formatTime } from '../../../shared/format.ts';
import { formatNumber } from '../../../shared/format.ts';
import { getDeviceOutbox } from '../../outbox/outbox.ts';
import { useOutboxStore } from '../../stores/outboxStore.ts';
import { deskActions, useDeskStore } from './deskStore.ts';
import { describeRefusal, TYPE_TEXT } from './deskText.ts';
import { findDonor } from './overlay.ts';
import { useDesk } from './useDeskData.ts';

export function OutboxIndicator() {
  const pending = useOutboxStore((s) => s.pending);
  const lastError = useOutboxStore((s) => s.lastError);
  const sending = useOutboxStore((s) => s.sending);
  const state = pending === 0 ? 'empty' : sending ? 'sending' : 'waiting';
  return (
    <div className={`outbox outbox--${state}`} data-testid="outbox-pending" data-count={pending} role="status" aria-live="polite" title={lastError ?? undefined}>
      {pending > 0 ? (
        <>
          <strong className="num">{formatNumber(pending)}</strong> đang chờ gửi <span className="en">waiting to be sent</span>
        </>
      ) : (
        <>
          ✓ Đã gửi hết <span className="en">All sent</span>
        </>
      )}
    </div>
  );
}

export function RejectedList() {
  const rejected = useOutboxStore((s) => s.rejected);
  const journal = useDeskStore((s) => s.journal);
  const { projection, overlay, timeZone } = useDesk();
  if (rejected.length === 0) return null;
  return (
    <section className="rejected" data-testid="outbox-rejected" aria-label="Bị từ chối · Refused">
      <h2 className="rejected__title">
        Máy chủ từ chối {formatNumber(rejected.length)} thao tác <span className="en">Refused by the server</span>
      </h2>
      <ul className="rejected__list">
        {rejected.map((entry) => {
          const payload = (entry.payload ?? {}) as Record<string, unknown>;
          const donorId = typeof payload.donorId === 'string' ? payload.donorId : null;
          const donor = donorId ? findDonor(projection, overlay, donorId) : null;
          const name = donor?.fullName ?? journal.find((j) => j.id === entry.id)?.donorName ?? (typeof payload.fullName === 'string' ? payload.fullName : donorId ?? '');
          const text = describeRefusal(entry.code, entry.message, entry.details, timeZone);
          const existing = entry.code === 'duplicate_donor' && typeof entry.details?.donorId === 'string' ? entry.details.donorId : null;
          const open = existing ?? (donor ? donor.id : null);
          return (
            <li key={entry.id} className="rejected__item" data-testid="rejected-item" data-code={entry.code}>
              <div className="rejected__head">
                <strong>{TYPE_TEXT[entry.type]?.vi ?? entry.type}</strong> · {name}
                <time className="rejected__time">{formatTime(entry.createdAt, timeZone)}</time>
              </div>
              <p className="rejected__vi">{text.vi}</p>
              <p className="en">
                {text.en}
                {text.en !== entry.message ? ` — ${entry.message}` : ''}
              </p>
              <div className="rejected__actions">
                {open ? (
                  <button type="button" className="btn btn--small" onClick={() => deskActions.select(open)}>
                    Xem người này <span className="en">Open</span>
                  </button>
                ) : null}
                <button type="button" className="btn btn--small btn--quiet" data-testid="dismiss-rejected" onClick={() => void getDeviceOutbox()?.dismiss(entry.id)}>
                  Đã xem, bỏ qua <span className="en">Dismiss</span>
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
