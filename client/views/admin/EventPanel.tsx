/** The event itself (event.configured): name, venue, festival days, and how it counts and celebrates. */
import type { EventInfo } from '../../../shared/projection.ts';
import { DEFAULT_TIMEZONE, isKnownTimeZone } from '../../../shared/time.ts';
import { useFormat, useT } from '../../i18n/index.ts';
import { Field, Panel } from './forms.tsx';
import { useProjection } from './live.ts';
import { useDraft } from './useDraft.ts';
import { writeEvent } from './write.ts';
import { useState } from 'react';

interface EventDraft {
  name: string;
  nameEn: string;
  venue: string;
  timezone: string;
  days: string[];
  countOn: 'donated' | 'checkedIn';
  thankYouNames: boolean;
  celebrationSeconds: string;
  opens: string;
  closes: string;
}

function toDraft(event: EventInfo | null): EventDraft {
  return {
    name: event?.name ?? '',
    nameEn: event?.nameEn ?? '',
    venue: event?.venue ?? '',
    timezone: event?.timezone ?? DEFAULT_TIMEZONE,
    days: event ? [...event.days] : [],
    countOn: event?.countOn ?? 'donated',
    thankYouNames: event?.thankYouNames ?? false,
    celebrationSeconds: event?.celebrationSeconds !== undefined ? String(event.celebrationSeconds) : '',
    opens: event?.hours?.opens ?? '',
    closes: event?.hours?.closes ?? '',
  };
}

/** What is wrong with the draft, in the person's language, or null. */
function problemOf(draft: EventDraft, t: (key: string) => string): string | null {
  if (!draft.name.trim()) return t('admin.event.needName');
  if (!draft.venue.trim()) return t('admin.event.needVenue');
  if (!isKnownTimeZone(draft.timezone.trim())) return t('admin.event.badTimezone');
  if (draft.days.length === 0 || draft.days.some((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d))) return t('admin.event.needDays');
  if (draft.days.some((d, i) => i > 0 && d <= draft.days[i - 1]!)) return t('admin.event.daysOrder');
  const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
  if ((draft.opens || draft.closes) && !(hhmm.test(draft.opens) && hhmm.test(draft.closes) && draft.opens < draft.closes)) return t('admin.event.badHours');
  if (draft.celebrationSeconds !== '') {
    const n = Number(draft.celebrationSeconds);
    if (!Number.isInteger(n) || n < 3 || n > 600) return t('admin.event.badCelebration');
  }
  return null;
}

export function EventPanel() {
  const t = useT();
  const fmt = useFormat();
  const { projection } = useProjection();
  const event = projection?.event ?? null;
  const { draft, set, dirty, stale, reset } = useDraft(event, toDraft);
  const [busy, setBusy] = useState(false);
  const problem = problemOf(draft, t);
  const patch = (p: Partial<EventDraft>) => set((d) => ({ ...d, ...p }));

  const save = async () => {
    if (problem) return;
    setBusy(true);
    const payload = {
      name: draft.name.trim(),
      ...(draft.nameEn.trim() ? { nameEn: draft.nameEn.trim() } : {}),
      venue: draft.venue.trim(),
      timezone: draft.timezone.trim(),
      days: draft.days,
      countOn: draft.countOn,
      thankYouNames: draft.thankYouNames,
      ...(draft.celebrationSeconds !== '' ? { celebrationSeconds: Number(draft.celebrationSeconds) } : {}),
      ...(draft.opens && draft.closes ? { hours: { opens: draft.opens, closes: draft.closes } } : {}),
    };
    if (await writeEvent('event.configured', payload)) reset();
    setBusy(false);
  };

  return (
    <Panel title={t('admin.event.title')} intro={t('admin.event.intro')} testId="event-panel">
      <form
        className="adm-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="adm-grid">
          <Field label={t('admin.event.name')} wide>
            {(id) => <input id={id} value={draft.name} maxLength={200} onChange={(e) => patch({ name: e.target.value })} data-testid="event-name" />}
          </Field>
          <Field label={t('admin.event.nameEn')} wide>
            {(id) => <input id={id} value={draft.nameEn} maxLength={200} lang="en" onChange={(e) => patch({ nameEn: e.target.value })} />}
          </Field>
          <Field label={t('admin.event.venue')} wide>
            {(id) => <input id={id} value={draft.venue} maxLength={300} onChange={(e) => patch({ venue: e.target.value })} data-testid="event-venue" />}
          </Field>
          <Field label={t('admin.event.days')} hint={t('admin.event.daysHint')}>
            {(id) => (
              <div className="adm-days" id={id}>
                {draft.days.map((day, i) => (
                  <span className="adm-days__day" key={i}>
                    <input
                      type="date"
                      value={day}
                      aria-label={t('admin.event.dayN', { n: i + 1 })}
                      onChange={(e) => patch({ days: draft.days.map((d, j) => (j === i ? e.target.value : d)) })}
                      data-testid={`event-day-${i}`}
                    />
                    <span className="adm-days__shown">{/^\d{4}-\d{2}-\d{2}$/.test(day) ? fmt.date(day) : ''}</span>
                    <button type="button" className="adm-btn adm-btn--icon" aria-label={t('admin.event.removeDay')} onClick={() => patch({ days: draft.days.filter((_, j) => j !== i) })}>
                      ×
                    </button>
                  </span>
                ))}
                <button
                  type="button"
                  className="adm-btn adm-btn--ghost"
                  onClick={() => {
                    const last = draft.days[draft.days.length - 1];
                    const next = last ? new Date(Date.parse(`${last}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : new Date().toISOString().slice(0, 10);
                    patch({ days: [...draft.days, next] });
                  }}
                >
                  + {t('admin.event.addDay')}
                </button>
              </div>
            )}
          </Field>
          <Field label={t('admin.event.timezone')} hint={t('admin.event.timezoneHint')}>
            {(id) => <input id={id} value={draft.timezone} list="adm-timezones" onChange={(e) => patch({ timezone: e.target.value })} />}
          </Field>
          <datalist id="adm-timezones">
            <option value="Asia/Ho_Chi_Minh" />
            <option value="Asia/Bangkok" />
          </datalist>
          <fieldset className="adm-fieldset">
            <legend className="adm-field__label">{t('admin.event.countOn')}</legend>
            {(['donated', 'checkedIn'] as const).map((value) => (
              <label key={value} className="adm-choice">
                <input type="radio" name="countOn" checked={draft.countOn === value} onChange={() => patch({ countOn: value })} />
                {t(`admin.event.countOn_${value}`)}
              </label>
            ))}
          </fieldset>
          <label className="adm-choice adm-switch">
            <input type="checkbox" role="switch" checked={draft.thankYouNames} onChange={(e) => patch({ thankYouNames: e.target.checked })} data-testid="event-thank-you" />
            <span>
              <strong>{t('admin.event.thankYouNames')}</strong>
              <span className="adm-field__hint">{t('admin.event.thankYouNamesHint')}</span>
            </span>
          </label>
          <Field label={t('admin.event.hours')} hint={t('admin.event.hoursHint')}>
            {(id) => (
              <span className="adm-days" id={id}>
                <label>
                  {t('admin.event.opens')} <input type="time" value={draft.opens} onChange={(e) => patch({ opens: e.target.value })} data-testid="event-opens" />
                </label>
                <label>
                  {t('admin.event.closes')} <input type="time" value={draft.closes} onChange={(e) => patch({ closes: e.target.value })} data-testid="event-closes" />
                </label>
              </span>
            )}
          </Field>
          <Field label={t('admin.event.celebrationSeconds')} hint={t('admin.event.celebrationHint')}>
            {(id) => (
              <input
                id={id}
                type="number"
                min={3}
                max={600}
                step={1}
                value={draft.celebrationSeconds}
                placeholder="10"
                onChange={(e) => patch({ celebrationSeconds: e.target.value })}
                className="adm-input--short"
              />
            )}
          </Field>
        </div>
        <div className="adm-savebar">
          {stale ? <span className="adm-warn">{t('admin.common.changedElsewhere')}</span> : null}
          {dirty && problem ? <span className="adm-warn">{problem}</span> : null}
          <button type="button" className="adm-btn adm-btn--ghost" disabled={!dirty || busy} onClick={reset}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="adm-btn adm-btn--primary" disabled={!dirty || busy || problem !== null} data-testid="event-save">
            {t('common.saveChanges')}
          </button>
        </div>
      </form>
    </Panel>
  );
}
