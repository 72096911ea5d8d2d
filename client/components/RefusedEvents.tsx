/**
 * What the server refused from this device, kept in sight until someone has seen it: each
 * refusal with what it was, when, why in words (the writing pages' catalog's `errors.<code>` (client/i18n/writers), else the
 * server's message) and what to do. A refusal the page answered in place (a form's error, the
 * MC's notice) was dismissed there; this list shows the others — above all those of events
 * queued offline and refused when they were finally sent. Nothing refused disappears silently.
 */
import { getDeviceOutbox } from '../device/send.ts';
import { useDeviceOutbox } from '../device/store.ts';
import { Bi, useBi } from '../i18n/bilingual.tsx';
import { i18n } from '../i18n/core.ts';
import './components.css';

export function RefusedEvents({ timeZone, className = '' }: { timeZone?: string | undefined; className?: string }) {
  const refused = useDeviceOutbox((s) => s.refused);
  const bi = useBi(timeZone);
  if (refused.length === 0) return null;
  return (
    <section className={`refused ${className}`} data-testid="refused-events" role="alert">
      <h2 className="refused__title">
        <Bi k="refused.title" v={(fmt) => ({ n: fmt.number(refused.length) })} />
      </h2>
      <ul className="refused__list">
        {refused.map((entry) => {
          const typeKey = `eventTypes.${entry.type.replace('.', '_')}`;
          const reason = i18n.exists(`errors.${entry.code}`) ? <Bi k={`errors.${entry.code}`} /> : entry.message;
          return (
            <li key={entry.id} className="refused__item" data-testid="refused-event" data-code={entry.code}>
              <div className="refused__head">
                <strong>{i18n.exists(typeKey) ? <Bi k={typeKey} /> : entry.type}</strong>
                <time className="refused__time">{bi.fmt.time(entry.createdAt)}</time>
              </div>
              <p className="refused__why">{reason}</p>
              <p className="refused__what">
                <Bi k="refused.whatToDo" />
              </p>
              <button type="button" className="refused__dismiss" data-testid="refused-dismiss" onClick={() => void getDeviceOutbox()?.dismiss(entry.id)}>
                <Bi k="refused.dismiss" />
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
