/**
 * A date and 24-hour time picker made of three selects (day, hour, minute), so a phone in any
 * language shows 19/7/2024 and 17:00 — never a month-first date or AM/PM — with large targets.
 * The value is the wall time in the event's zone, "YYYY-MM-DDTHH:mm" ('' for none).
 */
import { dayOf } from '../../../shared/time.ts';
import { dayChoiceLabel, dayChoices } from './model.ts';

const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
const MINUTES = Array.from({ length: 12 }, (_, i) => String(i * 5).padStart(2, '0'));

export function DateTimeField(props: {
  name: string;
  label: { vi: string; en: string };
  value: string;
  onChange: (value: string) => void;
  timeZone: string;
  festivalDays: readonly string[];
  /** Offer "no date" (a task without a due time). */
  allowEmpty?: boolean;
  /** The time a newly chosen day starts with. */
  defaultTime?: string;
}) {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(props.value);
  const day = match?.[1] ?? '';
  const hour = match?.[2] ?? (props.defaultTime ?? '08:00').slice(0, 2);
  const minute = match?.[3] ?? (props.defaultTime ?? '08:00').slice(3, 5);
  const days = dayChoices(props.festivalDays, dayOf(Date.now(), props.timeZone), day || null);
  const minutes = MINUTES.includes(minute) ? MINUTES : [...MINUTES, minute].sort();
  const set = (next: { day?: string; hour?: string; minute?: string }): void => {
    const d = next.day ?? day;
    props.onChange(d ? `${d}T${next.hour ?? hour}:${next.minute ?? minute}` : '');
  };
  return (
    <fieldset className="con-field con-datetime">
      <legend className="con-field__label">
        {props.label.vi} <span className="en">{props.label.en}</span>
      </legend>
      <select className="con-input" name={`${props.name}-day`} aria-label={`${props.label.vi}: ngày`} value={day} onChange={(e) => set({ day: e.target.value })}>
        {props.allowEmpty || !day ? <option value="">{props.allowEmpty ? '— Không có hạn · none —' : '— Chọn ngày · choose —'}</option> : null}
        {days.map((d) => (
          <option key={d} value={d}>
            {dayChoiceLabel(d, props.festivalDays)}
          </option>
        ))}
      </select>
      <div className="con-datetime__time">
        <select className="con-input" name={`${props.name}-hour`} aria-label={`${props.label.vi}: giờ`} value={hour} disabled={!day} onChange={(e) => set({ hour: e.target.value })}>
          {HOURS.map((h) => (
            <option key={h} value={h}>
              {h} giờ
            </option>
          ))}
        </select>
        <span className="con-datetime__colon" aria-hidden="true">
          :
        </span>
        <select className="con-input" name={`${props.name}-minute`} aria-label={`${props.label.vi}: phút`} value={minute} disabled={!day} onChange={(e) => set({ minute: e.target.value })}>
          {minutes.map((m) => (
            <option key={m} value={m}>
              {m} phút
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
