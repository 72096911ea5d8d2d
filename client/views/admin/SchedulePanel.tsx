/** The run-of-show (schedule.item_set / schedule.item_removed): the stage programme in time order, the MC and consoles follow it. */
import { useState } from 'react';
import type { ScheduleItem } from '../../../shared/projection.ts';
import { instantToZoned, zonedIso } from '../../../shared/time.ts';
import { sortRunOfShow } from '../../../shared/runOfShow.ts';
import { useFormat, useLang, useT } from '../../i18n/index.ts';
import { AddButton, EditForm, Empty, Field, Panel, useEditing } from './forms.tsx';
import { uniqueId } from './ids.ts';
import { titleIn, useProjection } from './live.ts';
import { useWriter, writeEvent } from './write.ts';

interface ItemDraft {
  title: string;
  titleEn: string;
  date: string;
  time: string;
  durationMin: string;
  note: string;
}

function draftOf(item: ScheduleItem | null, timeZone: string, firstDay: string): ItemDraft {
  const start = item ? instantToZoned(item.start, timeZone) : null;
  return {
    title: item?.title ?? '',
    titleEn: item?.titleEn ?? '',
    date: start?.date ?? firstDay,
    time: start?.time ?? '',
    durationMin: item ? String(item.durationMin) : '15',
    note: item?.note ?? '',
  };
}

function ItemForm(props: { item: ScheduleItem | null; onDone: () => void }) {
  const t = useT();
  const fmt = useFormat();
  const { projection } = useProjection();
  const editing = props.item !== null;
  const [draft, setDraft] = useState(() => draftOf(props.item, fmt.timeZone, projection?.event?.days[0] ?? ''));
  const { busy, write } = useWriter(props.onDone);
  const patch = (p: Partial<ItemDraft>) => setDraft((d) => ({ ...d, ...p }));
  const start = draft.date && draft.time ? zonedIso(draft.date, draft.time, fmt.timeZone) : null;
  const duration = Number(draft.durationMin);
  const problem = !draft.title.trim()
    ? t('admin.schedule.needTitle')
    : !start
      ? t('admin.schedule.needStart')
      : !Number.isInteger(duration) || duration < 0 || duration > 1440
        ? t('admin.schedule.badDuration')
        : null;

  const save = async () => {
    if (problem || !projection || !start) return;
    const itemId = props.item?.id ?? uniqueId(draft.title, (id) => projection.schedule.has(id), 'muc');
    await write(
      'schedule.item_set',
      {
        itemId,
        title: draft.title.trim(),
        ...(draft.titleEn.trim() ? { titleEn: draft.titleEn.trim() } : {}),
        start,
        durationMin: duration,
        ...(draft.note.trim() ? { note: draft.note.trim() } : {}),
      },
      t(editing ? 'admin.schedule.saved' : 'admin.schedule.added'),
    );
  };

  return (
    <EditForm
      testId="schedule-form"
      title={editing ? t('admin.schedule.editTitle') : t('admin.schedule.addTitle')}
      editing={editing}
      addLabel={t('admin.schedule.addButton')}
      problem={problem}
      showProblem={Boolean(draft.title)}
      busy={busy}
      onSave={() => void save()}
      onCancel={props.onDone}
      saveTestId="schedule-save"
    >
      <Field label={t('admin.schedule.titleField')} wide>
        {(id) => <input id={id} value={draft.title} maxLength={200} autoFocus onChange={(e) => patch({ title: e.target.value })} data-testid="schedule-title" />}
      </Field>
      <Field label={t('admin.schedule.titleEn')} wide>
        {(id) => <input id={id} value={draft.titleEn} maxLength={200} lang="en" onChange={(e) => patch({ titleEn: e.target.value })} />}
      </Field>
      <Field label={t('admin.schedule.start')} hint={t('admin.common.venueTime', { tz: fmt.timeZone })}>
        {(id) => (
          <div className="adm-inline">
            <input id={id} type="date" value={draft.date} onChange={(e) => patch({ date: e.target.value })} data-testid="schedule-date" />
            <input type="time" value={draft.time} aria-label={t('admin.schedule.startTime')} onChange={(e) => patch({ time: e.target.value })} data-testid="schedule-time" />
          </div>
        )}
      </Field>
      <Field label={t('admin.schedule.duration')}>
        {(id) => (
          <input
            id={id}
            type="number"
            min={0}
            max={1440}
            value={draft.durationMin}
            onChange={(e) => patch({ durationMin: e.target.value })}
            className="adm-input--short"
            data-testid="schedule-duration"
          />
        )}
      </Field>
      <Field label={t('admin.schedule.note')} wide>
        {(id) => <input id={id} value={draft.note} maxLength={500} onChange={(e) => patch({ note: e.target.value })} />}
      </Field>
    </EditForm>
  );
}

export function SchedulePanel() {
  const t = useT();
  const fmt = useFormat();
  const lang = useLang();
  const { projection } = useProjection();
  const { editing, edited, edit, done } = useEditing(projection?.schedule);
  if (!projection) return null;
  const items = sortRunOfShow([...projection.schedule.values()]);
  const days = [...new Set(items.map((item) => instantToZoned(item.start, fmt.timeZone).date))];

  const remove = async (item: ScheduleItem) => {
    if (!window.confirm(t('admin.schedule.confirmRemove', { title: titleIn(lang, item) }))) return;
    await writeEvent('schedule.item_removed', { itemId: item.id }, t('admin.schedule.removed'));
  };

  return (
    <Panel
      title={t('admin.schedule.title')}
      intro={t('admin.schedule.intro')}
      actions={<AddButton label={t('admin.schedule.add')} editing={editing} onAdd={() => edit('new')} testId="schedule-add" />}
      testId="schedule-panel"
    >
      {editing !== null ? <ItemForm key={editing} item={edited} onDone={done} /> : null}
      {items.length === 0 ? <Empty>{t('admin.schedule.none')}</Empty> : null}
      {days.map((day) => (
        <div key={day} className="adm-group">
          <h3 className="adm-group__title">{fmt.date(day)}</h3>
          <ol className="adm-timeline">
            {items
              .filter((item) => instantToZoned(item.start, fmt.timeZone).date === day)
              .map((item) => {
                const end = Date.parse(item.start) + item.durationMin * 60_000;
                return (
                  <li key={item.id} className="adm-timeline__item" data-testid={`schedule-item-${item.id}`}>
                    <span className="adm-timeline__time num">
                      {fmt.time(item.start)}
                      {item.durationMin > 0 ? <span className="adm-sub"> – {fmt.time(end)}</span> : null}
                    </span>
                    <span className="adm-timeline__body">
                      <span className="adm-strong">{titleIn(lang, item)}</span>
                      <span className="adm-sub">
                        {t('admin.schedule.minutes', { n: fmt.number(item.durationMin) })}
                        {item.note ? ` · ${item.note}` : ''}
                      </span>
                    </span>
                    <span className="adm-actions">
                      <button type="button" className="adm-btn adm-btn--small" onClick={() => edit(item.id)}>
                        {t('common.edit')}
                      </button>
                      <button type="button" className="adm-btn adm-btn--small adm-btn--danger" onClick={() => void remove(item)}>
                        {t('common.remove')}
                      </button>
                    </span>
                  </li>
                );
              })}
          </ol>
        </div>
      ))}
    </Panel>
  );
}
