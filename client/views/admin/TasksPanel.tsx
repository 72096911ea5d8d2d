/**
 * Logistics tasks (task.defined): what each agency must have ready and when (police escort,
 * sound, banners, media…), grouped by phase with their live status from the consoles; add a
 * task or edit one (the same taskId edits it; its status history is kept).
 */
import { useState } from 'react';
import { WALK_IN_AGENCY_ID } from '../../../shared/constants.ts';
import type { TaskInfo } from '../../../shared/projection.ts';
import { taskStatus } from '../../../shared/projection.ts';
import { instantToZoned, zonedIso } from '../../../shared/time.ts';
import { useFormat, useLang, useT } from '../../i18n/index.ts';
import { AddButton, EditForm, Empty, Field, Panel, useEditing } from './forms.tsx';
import { uniqueId } from './ids.ts';
import { nameIn, titleIn, useProjection } from './live.ts';
import { useWriter } from './write.ts';

const KNOWN_PHASES = ['before', 'parade', 'day1', 'day2', 'after'];

interface TaskDraft {
  taskId: string;
  title: string;
  titleEn: string;
  owner: string;
  also: string[];
  phase: string;
  dueDate: string;
  dueTime: string;
  whenText: string;
}

function draftOf(task: TaskInfo | null, timeZone: string, firstAgency: string): TaskDraft {
  const due = task?.due ? instantToZoned(task.due, timeZone) : null;
  return {
    taskId: task?.id ?? '',
    title: task?.title ?? '',
    titleEn: task?.titleEn ?? '',
    owner: task?.owner ?? firstAgency,
    also: task ? [...task.also] : [],
    phase: task?.phase ?? 'before',
    dueDate: due?.date ?? '',
    dueTime: due?.time ?? '',
    whenText: task?.whenText ?? '',
  };
}

function TaskForm(props: { task: TaskInfo | null; onDone: () => void }) {
  const t = useT();
  const lang = useLang();
  const fmt = useFormat();
  const { projection } = useProjection();
  const agencies = [...(projection?.agencies.values() ?? [])].filter((a) => a.id !== WALK_IN_AGENCY_ID);
  const editing = props.task !== null;
  const [draft, setDraft] = useState(() => draftOf(props.task, fmt.timeZone, agencies[0]?.id ?? ''));
  const { busy, write } = useWriter(props.onDone);
  const patch = (p: Partial<TaskDraft>) => setDraft((d) => ({ ...d, ...p }));
  const phases = [...new Set([...KNOWN_PHASES, ...[...(projection?.tasks.values() ?? [])].map((task) => task.phase)])];
  const due = draft.dueDate ? zonedIso(draft.dueDate, draft.dueTime || '00:00', fmt.timeZone) : null;
  const problem = !draft.title.trim()
    ? t('admin.tasks.needTitle')
    : !draft.owner
      ? t('admin.tasks.needOwner')
      : !draft.phase.trim()
        ? t('admin.tasks.needPhase')
        : draft.dueDate && !due
          ? t('admin.tasks.badDue')
          : null;

  const save = async () => {
    if (problem || !projection) return;
    const taskId = editing ? draft.taskId : uniqueId(draft.title, (id) => projection.tasks.has(id), 'cong-viec');
    await write(
      'task.defined',
      {
        taskId,
        title: draft.title.trim(),
        ...(draft.titleEn.trim() ? { titleEn: draft.titleEn.trim() } : {}),
        owner: draft.owner,
        also: draft.also.filter((id) => id !== draft.owner),
        phase: draft.phase.trim(),
        due,
        ...(draft.whenText.trim() ? { whenText: draft.whenText.trim() } : {}),
      },
      t(editing ? 'admin.tasks.saved' : 'admin.tasks.added'),
    );
  };

  return (
    <EditForm
      testId="task-form"
      title={editing ? t('admin.tasks.editTitle') : t('admin.tasks.addTitle')}
      editing={editing}
      addLabel={t('admin.tasks.addButton')}
      problem={problem}
      showProblem={Boolean(draft.title)}
      busy={busy}
      onSave={() => void save()}
      onCancel={props.onDone}
      saveTestId="task-save"
    >
      <Field label={t('admin.tasks.titleField')} wide>
        {(id) => <textarea id={id} rows={2} value={draft.title} maxLength={300} autoFocus onChange={(e) => patch({ title: e.target.value })} data-testid="task-title" />}
      </Field>
      <Field label={t('admin.tasks.titleEn')} wide>
        {(id) => <input id={id} value={draft.titleEn} maxLength={300} lang="en" onChange={(e) => patch({ titleEn: e.target.value })} />}
      </Field>
      <Field label={t('admin.tasks.owner')}>
        {(id) => (
          <select id={id} value={draft.owner} onChange={(e) => patch({ owner: e.target.value })} data-testid="task-owner">
            {agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {nameIn(lang, a)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('admin.tasks.phase')} hint={t('admin.tasks.phaseHint')}>
        {(id) => (
          <>
            <input id={id} value={draft.phase} list="adm-phases" maxLength={64} onChange={(e) => patch({ phase: e.target.value })} data-testid="task-phase" />
            <datalist id="adm-phases">
              {phases.map((p) => (
                <option key={p} value={p}>
                  {t(`phases.${p}`, { defaultValue: p })}
                </option>
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field label={t('admin.tasks.due')} hint={t('admin.common.venueTime', { tz: fmt.timeZone })}>
        {(id) => (
          <div className="adm-inline">
            <input id={id} type="date" value={draft.dueDate} onChange={(e) => patch({ dueDate: e.target.value })} data-testid="task-due-date" />
            <input type="time" value={draft.dueTime} aria-label={t('admin.tasks.dueTime')} onChange={(e) => patch({ dueTime: e.target.value })} data-testid="task-due-time" />
            {draft.dueDate ? (
              <button type="button" className="adm-btn adm-btn--icon" aria-label={t('admin.tasks.noDue')} onClick={() => patch({ dueDate: '', dueTime: '' })}>
                ×
              </button>
            ) : null}
          </div>
        )}
      </Field>
      <Field label={t('admin.tasks.whenText')} hint={t('admin.tasks.whenTextHint')}>
        {(id) => <input id={id} value={draft.whenText} maxLength={200} onChange={(e) => patch({ whenText: e.target.value })} />}
      </Field>
      <fieldset className="adm-fieldset adm-field--wide">
        <legend className="adm-field__label">{t('admin.tasks.also')}</legend>
        <div className="adm-checklist">
          {agencies
            .filter((a) => a.id !== draft.owner)
            .map((a) => (
              <label key={a.id} className="adm-choice adm-choice--small">
                <input type="checkbox" checked={draft.also.includes(a.id)} onChange={(e) => patch({ also: e.target.checked ? [...draft.also, a.id] : draft.also.filter((x) => x !== a.id) })} />
                {nameIn(lang, a)}
              </label>
            ))}
        </div>
      </fieldset>
    </EditForm>
  );
}

export function TasksPanel() {
  const t = useT();
  const fmt = useFormat();
  const lang = useLang();
  const { projection } = useProjection();
  const { editing, edited, edit, done } = useEditing(projection?.tasks);
  if (!projection) return null;
  const tasks = [...projection.tasks.values()];
  const rank = (phase: string) => (KNOWN_PHASES.includes(phase) ? KNOWN_PHASES.indexOf(phase) : KNOWN_PHASES.length);
  const phases = [...new Set(tasks.map((task) => task.phase))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const agencyName = (id: string) => {
    const agency = projection.agencies.get(id);
    return agency ? nameIn(lang, agency) : id;
  };

  return (
    <Panel
      title={t('admin.tasks.title')}
      intro={t('admin.tasks.intro', { n: fmt.number(tasks.length) })}
      actions={<AddButton label={t('admin.tasks.add')} editing={editing} onAdd={() => edit('new')} testId="task-add" />}
      testId="tasks-panel"
    >
      {editing !== null ? <TaskForm key={editing} task={edited} onDone={done} /> : null}
      {tasks.length === 0 ? <Empty>{t('admin.tasks.none')}</Empty> : null}
      {phases.map((phase) => (
        <div key={phase} className="adm-group">
          <h3 className="adm-group__title">{t(`phases.${phase}`, { defaultValue: phase })}</h3>
          <div className="adm-table-wrap">
            <table className="adm-table adm-table--fixed">
              <colgroup>
                <col />
                <col style={{ width: '15rem' }} />
                <col style={{ width: '9.5rem' }} />
                <col style={{ width: '8rem' }} />
                <col style={{ width: '5rem' }} />
              </colgroup>
              <thead>
                <tr>
                  <th>{t('admin.tasks.titleField')}</th>
                  <th>{t('admin.tasks.owner')}</th>
                  <th>{t('admin.tasks.due')}</th>
                  <th>{t('admin.tasks.status')}</th>
                  <th>
                    <span className="sr-only">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tasks
                  .filter((task) => task.phase === phase)
                  .map((task) => {
                    const status = taskStatus(task)?.status ?? 'todo';
                    return (
                      <tr key={task.id} data-testid={`admin-task-${task.id}`}>
                        <td>{titleIn(lang, task)}</td>
                        <td>
                          {agencyName(task.owner)}
                          {task.also.length > 0 ? <div className="adm-sub">+ {task.also.map(agencyName).join(', ')}</div> : null}
                        </td>
                        <td>
                          <span className="adm-nowrap">{task.due ? fmt.dateTime(task.due) : '—'}</span>
                          {task.whenText ? <div className="adm-sub">{task.whenText}</div> : null}
                        </td>
                        <td>
                          <span className={`status status--${status}`}>{t(`taskStatus.${status}`)}</span>
                        </td>
                        <td className="adm-actions">
                          <button type="button" className="adm-btn adm-btn--small" onClick={() => edit(task.id)}>
                            {t('common.edit')}
                          </button>
                        </td>
                      </tr>
                    );
                  })}
              </tbody>
            </table>
          </div>
        </div>
      ))}
    </Panel>
  );
}
