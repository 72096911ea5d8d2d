/**
 * The outbox as the desk sees it: "N đang chờ gửi" in the header (stable hook
 * `data-testid="outbox-pending"`, `data-count`), and the events the server refused, each with
 * the server's reason, until the person dismisses them (a refusal keeps a CCCD's last 4 digits
 * only). An imported row the server found already registered is not a refusal: the import
 * shows it.
 */
import { getDeviceOutbox } from '../../device/send.ts';
import { useDeviceOutbox } from '../../device/store.ts';
import { deskActions } from './deskStore.ts';
import { isImportDuplicate } from './deskSync.ts';
import { refusalMsg, typeKey } from './deskText.ts';
import { textOf } from './i18n.ts';
import { findDonor } from './overlay.ts';
import { Bi, useDeskText } from './Text.tsx';
import { useDesk } from './useDeskData.ts';

export function OutboxIndicator() {
  const { fmt } = useDeskText();
  const pending = useDeviceOutbox((s) => s.pending.length);
  const lastError = useDeviceOutbox((s) => s.lastError);
  const sending = useDeviceOutbox((s) => s.sending);
  const state = pending === 0 ? 'empty' : sending ? 'sending' : 'waiting';
  return (
    <div className={`pill outbox outbox--${state}`} data-testid="outbox-pending" data-count={pending} role="status" aria-live="polite" title={lastError ?? undefined}>
      {pending > 0 ? (
        <>
          <strong className="num">{fmt.number(pending)}</strong> <Bi k="desk.outbox.waiting" />
        </>
      ) : (
        <>
          ✓ <Bi k="desk.outbox.allSent" />
        </>
      )}
    </div>
  );
}

export function RejectedList() {
  const refused = useDeviceOutbox((s) => s.refused);
  const rejected = refused.filter((entry) => !isImportDuplicate(entry));
  const { projection, overlay, timeZone } = useDesk();
  const { lang, t, fmt, say } = useDeskText();
  if (rejected.length === 0) return null;
  return (
    <section className="rejected" data-testid="outbox-rejected" aria-label={t('desk.outbox.refusedLabel')}>
      <h2 className="rejected__title">
        <Bi k="desk.outbox.refusedTitle" v={{ n: rejected.length }} />
      </h2>
      <ul className="rejected__list">
        {rejected.map((entry) => {
          const payload = (entry.payload ?? {}) as Record<string, unknown>;
          const donorId = typeof payload.donorId === 'string' ? payload.donorId : null;
          const donor = donorId ? findDonor(projection, overlay, donorId) : null;
          const name = donor?.fullName ?? (typeof payload.fullName === 'string' ? payload.fullName : (donorId ?? ''));
          const explained = refusalMsg(entry.code, entry.message, entry.details, timeZone);
          const main = say(explained);
          // The server's message as it came, after the desk's explanation (in English too, in Vietnamese).
          const english = lang === 'vi' ? textOf(explained, 'en') : main;
          const second = `${lang === 'vi' ? english : ''}${entry.message && entry.message !== english ? `${lang === 'vi' ? ' — ' : ''}${entry.message}` : ''}`;
          const existing = entry.code === 'duplicate_donor' && typeof entry.details?.donorId === 'string' ? entry.details.donorId : null;
          const open = existing ?? (donor ? donor.id : null);
          return (
            <li key={entry.id} className="rejected__item" data-testid="rejected-item" data-code={entry.code}>
              <div className="rejected__head">
                <strong>{t(typeKey(entry.type), { defaultValue: entry.type })}</strong> · {name}
                <time className="rejected__time">{fmt.time(entry.createdAt)}</time>
              </div>
              <p className="rejected__vi">{main}</p>
              {second ? (
                <p className="en" lang="en">
                  {second}
                </p>
              ) : null}
              <div className="rejected__actions">
                {open ? (
                  <button type="button" className="btn btn--small" onClick={() => deskActions.select(open)}>
                    <Bi k="desk.outbox.open" />
                  </button>
                ) : null}
                <button type="button" className="btn btn--small btn--quiet" data-testid="dismiss-rejected" onClick={() => void getDeviceOutbox()?.dismiss(entry.id)}>
                  <Bi k="desk.outbox.dismiss" />
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
