/**
 * A date and 24-hour time picker made of three selects (day, hour, minute), so a phone in any
 * language shows 19/7/2024 (19 Jul 2024 in English) and 17:00 — never a month-first date or
 * AM/PM — with large targets. The value is the wall time in the event's zone,
 * "YYYY-MM-DDTHH:mm" ('' for none).
 */
import { dayOf } from '../../../shared/time.ts';
import { Bi, useBi } from '../../i18n/bilingual.tsx';
import { dayChoiceLabel, dayChoices } from './model.ts';

const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
const MINUTES = Array.from({ length: 12 }, (_, i) => String(i * 5).padStart(2, '0'));

export function DateTimeField(props: {
  name: string;
  /** The label's catalog key. */
  label: string;
  value: string;
  onChange: (value: string) => void;
  timeZone: string;
  festivalDays: readonly string[];
  /** Offer "no date" (a task without a due time). */
  allowEmpty?: boolean;
  /** The time a newly chosen day starts with. */
  defaultTime?: string;
}) {
  const bi = useBi(props.timeZone);
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(props.value);
  const day = match?.[1] ?? '';
  const hour = match?.[2] ?? (props.defaultTime ?? '08:00').slice(0, 2);
  const minute = match?.[3] ?? (props.defaultTime ?? '08:00').slice(3, 5);
  const days = dayChoices(props.festivalDays, dayOf(Date.now(), props.timeZone), day || null);
  const minutes = MINUTES.includes(minute) ? MINUTES : [...MINUTES, minute].sort();
  const label = bi.t(props.label);
  const set = (next: { day?: string; hour?: string; minute?: string }): void => {
    const d = next.day ?? day;
    props.onChange(d ? `${d}T${next.hour ?? hour}:${next.minute ?? minute}` : '');
  };
  return (
    <fieldset className="con-field con-datetime">
      <legend className="con-field__label">
        <Bi k={props.label} />
      </legend>
      <select className="con-input" name={`${props.name}-day`} aria-label={bi.t('console.datetime.day', { label })} value={day} onChange={(e) => set({ day: e.target.value })}>
        {props.allowEmpty || !day ? <option value="">{props.allowEmpty ? bi.inline('console.datetime.none') : bi.inline('console.datetime.choose')}</option> : null}
        {days.map((d) => (
          <option key={d} value={d}>
            {dayChoiceLabel(d, props.festivalDays, bi.lang)}
          </option>
        ))}
      </select>
      <div className="con-datetime__time">
        <select className="con-input" name={`${props.name}-hour`} aria-label={bi.t('console.datetime.hour', { label })} value={hour} disabled={!day} onChange={(e) => set({ hour: e.target.value })}>
          {HOURS.map((h) => (
            <option key={h} value={h}>
              {bi.t('console.datetime.hourOption', { h })}
            </option>
          ))}
        </select>
        <span className="con-datetime__colon" aria-hidden="true">
          :
        </span>
        <select
          className="con-input"
          name={`${props.name}-minute`}
          aria-label={bi.t('console.datetime.minute', { label })}
          value={minute}
          disabled={!day}
          onChange={(e) => set({ minute: e.target.value })}
        >
          {minutes.map((m) => (
            <option key={m} value={m}>
              {bi.t('console.datetime.minuteOption', { m })}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
