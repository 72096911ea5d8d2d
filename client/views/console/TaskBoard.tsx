/**
 * The task board: the plan's tasks grouped by phase, filterable by owner and status; one tap
 * sets a status; a card opens on its short history, its note, and editing (due time, owner).
 */
import { useState, type FormEvent } from 'react';
import type { TaskRow } from '../../../shared/view.ts';
import type { SubmittedPayloadOf } from '../../../shared/events.ts';
import { useClock } from './useClock.ts';
import type { SubmitOutcome } from '../../device/send.ts';
import { Bi, Second, useBi, type BiTools } from '../../i18n/bilingual.tsx';
import { DateTimeField } from './ConsoleDateTime.tsx';
import { ConsoleField, DataTitle, FormFooter, OutcomeNote, PendingMark, StatusPill } from './ConsoleParts.tsx';
import {
  countTasks,
  filterTasks,
  formatWhen,
  fromLocalInput,
  groupByPhase,
  isKnownPhase,
  isOverdue,
  phaseLabel,
  phaseOptions,
  slugOf,
  statusLabel,
  TASK_STATUS_IDS,
  toLocalInput,
  type Pending,
  type StatusFilter,
  type TaskFilter,
  type TaskStatusId,
} from './model.ts';
import { send } from '../../device/send.ts';
import { useFormSend } from './useFormSend.ts';
import type { ConsoleModel } from './useConsole.ts';

type Task = Pending<TaskRow>;

/** The status filter's choices and their labels' catalog keys. */
const FILTERS: { id: StatusFilter; key: string }[] = [
  { id: null, key: 'console.tasks.all' },
  ...TASK_STATUS_IDS.map((id) => ({ id, key: `taskStatus.${id}` })),
  { id: 'overdue', key: 'console.tasks.overdue' },
  { id: 'attention', key: 'console.tasks.attention' },
];

/** A phase's heading in the chosen language; a phase of the organisers' own keeps its id in English too. */
function phaseShown(bi: BiTools, phase: string, festivalDays: readonly string[]): { main: string; second: string | null } {
  const shown = bi.pick(phaseLabel(phase, festivalDays));
  return bi.lang === 'en' && !isKnownPhase(phase) ? { main: `${shown.main} · ${phase}`, second: null } : shown;
}

export function TaskBoard(props: { model: ConsoleModel; filter: TaskFilter; onFilter: (filter: TaskFilter) => void; onReportIncident: (taskId: string) => void }) {
  const { model, filter, onFilter } = props;
  const bi = useBi(model.timeZone);
  const now = useClock(15_000);
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const shown = filterTasks(model.tasks, filter, now);
  const groups = groupByPhase(shown);
  const counts = countTasks(model.tasks, now);
  const owners = model.agencies.filter((a) => model.tasks.some((t) => t.owner === a.id || t.also.includes(a.id)));

  if (!model.body) return <p className="con-empty">{bi.inline('common.waiting')}</p>;

  return (
    <section className="con-board" aria-labelledby="con-tasks-title">
      <div className="con-section-head">
        <h2 id="con-tasks-title" className="con-h2">
          <Bi k="console.tabs.tasks" />
        </h2>
        <span className="con-count" data-testid="tasks-done">
          <Bi k="console.tasks.done" v={(fmt) => ({ done: fmt.number(counts.done), total: fmt.number(counts.total) })} />
        </span>
      </div>

      <div className="con-filters" role="search">
        <ConsoleField k="console.tasks.owner">
          <select className="con-input" data-testid="filter-owner" value={filter.owner ?? ''} onChange={(e) => onFilter({ ...filter, owner: e.target.value || null })}>
            <option value="">{bi.inline('console.tasks.all')}</option>
            {owners.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </ConsoleField>
        <ConsoleField k="console.tasks.status">
          <select className="con-input" data-testid="filter-status" value={filter.status ?? ''} onChange={(e) => onFilter({ ...filter, status: (e.target.value || null) as StatusFilter })}>
            {FILTERS.map((f) => (
              <option key={f.id ?? 'all'} value={f.id ?? ''}>
                {bi.inline(f.key)}
              </option>
            ))}
          </select>
        </ConsoleField>
      </div>
      {filter.owner || filter.status ? (
        <div className="con-filtered" data-testid="filter-summary">
          <span>
            <Bi k="console.tasks.filtered" v={(fmt) => ({ shown: fmt.number(shown.length), total: fmt.number(model.tasks.length) })} />
          </span>
          <button type="button" className="con-btn con-btn--small" data-testid="filter-clear" onClick={() => onFilter({ owner: null, status: null })}>
            <Bi k="console.tasks.clearFilter" />
          </button>
        </div>
      ) : null}

      {adding ? (
        <TaskForm model={props.model} onDone={() => setAdding(false)} defaultOwner={filter.owner} />
      ) : (
        <button type="button" className="con-btn con-btn--wide" data-testid="task-add" onClick={() => setAdding(true)}>
          + <Bi k="console.tasks.add" />
        </button>
      )}

      {groups.length === 0 ? (
        <p className="con-empty">
          <Bi k={model.tasks.length === 0 ? 'console.tasks.none' : 'console.tasks.noMatch'} block />
        </p>
      ) : null}

      {groups.map((group) => {
        const label = phaseShown(bi, group.phase, model.festivalDays);
        const done = group.tasks.filter((t) => t.status === 'done').length;
        return (
          <section className="con-phase" key={group.phase} data-testid={`phase-${group.phase}`}>
            <h3 className="con-phase__title">
              <span>
                {label.main} <Second text={label.second} />
              </span>
              <span className="con-phase__count">
                {bi.fmt.number(done)}/{bi.fmt.number(group.tasks.length)}
              </span>
            </h3>
            {group.tasks.map((task) => (
              <TaskCard
                key={task.id}
                task={task}
                model={model}
                now={now}
                open={open === task.id}
                onToggle={() => setOpen(open === task.id ? null : task.id)}
                onReportIncident={props.onReportIncident}
              />
            ))}
          </section>
        );
      })}
    </section>
  );
}

function TaskCard(props: { task: Task; model: ConsoleModel; now: number; open: boolean; onToggle: () => void; onReportIncident: (taskId: string) => void }) {
  const { task, model, now } = props;
  const bi = useBi(model.timeZone);
  const [error, setError] = useState<SubmitOutcome | null>(null);
  const overdue = isOverdue(task, now);
  const owners = [task.owner, ...task.also].map(model.agencyName).join(', ');
  const note = task.note || null;

  const setStatus = (status: TaskStatusId): void => {
    if (status === task.status) return;
    setError(null);
    void send('task.status_set', { taskId: task.id, status, ...(note ? { note } : {}) }, { waitMs: 8000 }).then((outcome) => {
      if (outcome.status === 'rejected') setError(outcome);
    });
  };

  return (
    <article
      className={`con-task con-task--${task.status} ${overdue ? 'is-overdue' : ''} ${task.pending ? 'is-pending' : ''}`}
      data-testid={`task-${task.id}`}
      data-status={task.status}
      data-overdue={overdue ? 'true' : 'false'}
      data-pending={task.pending ? 'true' : 'false'}
    >
      <button type="button" className="con-task__head" aria-expanded={props.open} onClick={props.onToggle}>
        <DataTitle className="con-task__title" title={task.title} titleEn={task.titleEn} />
        <span className="con-task__meta">
          <span className="con-task__owner">{owners}</span>
          <span className={`con-task__due ${overdue ? 'is-overdue' : ''}`}>
            {task.due ? (
              <>
                {bi.t('console.tasks.due', { when: formatWhen(task.due, model.timeZone, bi.lang) })}
                {overdue ? (
                  <strong className="con-flag" data-testid="overdue-flag">
                    {' '}
                    <Bi k="console.tasks.overdue" />
                  </strong>
                ) : null}
              </>
            ) : (
              <>{bi.t('console.tasks.dueText', { text: task.whenText ?? '—' })}</>
            )}
          </span>
        </span>
      </button>

      <div className="con-status" role="group" aria-label={bi.t('console.tasks.statusOf', { status: bi.pick(statusLabel(task.status)).main })}>
        {TASK_STATUS_IDS.map((status) => {
          const label = bi.pair(`console.tasks.buttons.${status}`);
          return (
            <button
              key={status}
              type="button"
              className={`con-status__btn con-status__btn--${status} ${task.status === status ? 'is-on' : ''}`}
              aria-pressed={task.status === status}
              data-testid={`set-${task.id}-${status}`}
              onClick={() => setStatus(status)}
            >
              <span className="con-status__vi">{label.main}</span>
              {label.second ? (
                <span className="con-status__en" lang="en">
                  {label.second}
                </span>
              ) : null}
            </button>
          );
        })}
      </div>

      <p className="con-task__last" data-testid={`task-${task.id}-last`}>
        {task.updatedAt ? (
          <>
            <StatusPill status={task.status} /> <span data-testid="updated-by">{task.updatedBy ?? '—'}</span> · {formatWhen(task.updatedAt, model.timeZone, bi.lang)}
            {task.pending ? <PendingMark /> : null}
          </>
        ) : (
          <span className="con-muted">
            <Bi k="console.tasks.noChange" />
            {task.pending ? <PendingMark /> : null}
          </span>
        )}
      </p>
      {note ? <p className="con-task__note">“{note}”</p> : null}
      <OutcomeNote outcome={error} />
      {props.open ? <TaskDetails task={task} model={model} onReportIncident={props.onReportIncident} /> : null}
    </article>
  );
}

function TaskDetails({ task, model, onReportIncident }: { task: Task; model: ConsoleModel; onReportIncident: (taskId: string) => void }) {
  const bi = useBi(model.timeZone);
  const [editing, setEditing] = useState(false);
  const [note, setNote] = useState(task.note ?? '');
  const [noteOutcome, setNoteOutcome] = useState<SubmitOutcome | null>(null);
  const changes = model.changesOf(task.id);
  const history = changes.slice(-6).reverse();

  const saveNote = (event: FormEvent): void => {
    event.preventDefault();
    setNoteOutcome(null);
    void send('task.status_set', { taskId: task.id, status: task.status as TaskStatusId, note: note.trim() }, { waitMs: 1500 }).then(setNoteOutcome);
  };

  return (
    <div className="con-task__details" data-testid={`task-${task.id}-details`}>
      <h4 className="con-h4">
        <Bi k="console.tasks.history" />
      </h4>
      {history.length === 0 ? (
        <p className="con-muted">
          <Bi k="console.tasks.noHistory" />
        </p>
      ) : (
        <ol className="con-history" data-testid={`task-${task.id}-history`}>
          {history.map((change) => (
            <li key={change.eventId}>
              <StatusPill status={change.status} /> {change.by ?? '—'} · {formatWhen(change.at, model.timeZone, bi.lang)}
              {change.note ? <div className="con-history__note">“{change.note}”</div> : null}
            </li>
          ))}
          {changes.length > history.length ? (
            <li className="con-muted">
              <Bi k="console.tasks.earlier" v={(fmt) => ({ n: fmt.number(changes.length - history.length) })} />
            </li>
          ) : null}
        </ol>
      )}

      <form className="con-form con-form--inline" onSubmit={saveNote}>
        <ConsoleField k="console.tasks.note">
          <textarea className="con-input" rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} data-testid={`task-${task.id}-note`} />
        </ConsoleField>
        <button type="submit" className="con-btn" disabled={note.trim() === (task.note ?? '')}>
          <Bi k="console.tasks.saveNote" />
        </button>
        <OutcomeNote outcome={noteOutcome} />
      </form>

      {editing ? (
        <TaskForm model={model} task={task} onDone={() => setEditing(false)} />
      ) : (
        <div className="con-actions">
          <button type="button" className="con-btn" data-testid={`task-${task.id}-edit`} onClick={() => setEditing(true)}>
            <Bi k="console.tasks.edit" />
          </button>
          <button type="button" className="con-btn con-btn--danger-ghost" onClick={() => onReportIncident(task.id)}>
            <Bi k="console.tasks.report" />
          </button>
        </div>
      )}
      {task.whenText ? (
        <p className="con-muted">
          <Bi k="console.tasks.inPlan" v={{ text: task.whenText }} />
        </p>
      ) : null}
    </div>
  );
}

/** Adds a task, or (with `task`) changes its owner, phase and due time, keeping the rest. */
export function TaskForm({ model, task, onDone, defaultOwner = null }: { model: ConsoleModel; task?: Task; onDone: () => void; defaultOwner?: string | null }) {
  const editing = task !== undefined;
  const [title, setTitle] = useState('');
  const [titleEn, setTitleEn] = useState('');
  const [owner, setOwner] = useState(task?.owner ?? defaultOwner ?? '');
  const [phase, setPhase] = useState(task?.phase ?? 'before');
  const [due, setDue] = useState(toLocalInput(task?.due ?? null, model.timeZone));
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { busy, outcome, clearOutcome, sendForm } = useFormSend(onDone);
  const phases = phaseOptions(model.tasks, model.festivalDays);
  const bi = useBi(model.timeZone);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setProblem(null);
    clearOutcome();
    if (!editing && !title.trim()) return setProblem('console.taskForm.needTitle');
    if (!owner) return setProblem('console.taskForm.needOwner');
    const dueIso = due ? fromLocalInput(due, model.timeZone) : null;
    if (due && !dueIso) return setProblem('console.taskForm.badDue');
    const payload: SubmittedPayloadOf<'task.defined'> = task
      ? {
          taskId: task.id,
          title: task.title,
          ...(task.titleEn ? { titleEn: task.titleEn } : {}),
          owner,
          ...(task.also.length > 0 ? { also: task.also } : {}),
          phase,
          due: dueIso,
          ...(task.whenText ? { whenText: task.whenText } : {}),
        }
      : {
          taskId: `task-${slugOf(title, 24)}-${Date.now().toString(36)}`,
          title: title.trim(),
          ...(titleEn.trim() ? { titleEn: titleEn.trim() } : {}),
          owner,
          phase,
          due: dueIso,
        };
    const result = await sendForm('task.defined', payload);
    // A new task's note goes in as its first status change (task.defined has no note).
    if (result.status !== 'rejected' && !editing && note.trim()) {
      void send('task.status_set', { taskId: payload.taskId, status: 'todo', note: note.trim() }, { waitMs: 1500 });
    }
  };

  return (
    <form className="con-form" onSubmit={(e) => void submit(e)} data-testid={editing ? 'task-edit-form' : 'task-add-form'}>
      <h4 className="con-h4">
        <Bi k={editing ? 'console.taskForm.editTitle' : 'console.taskForm.addTitle'} />
      </h4>
      {editing ? null : (
        <>
          <ConsoleField k="console.taskForm.title">
            <input className="con-input" name="title" required maxLength={300} value={title} onChange={(e) => setTitle(e.target.value)} />
          </ConsoleField>
          <ConsoleField k="console.taskForm.titleEn">
            <input className="con-input" name="titleEn" maxLength={300} value={titleEn} onChange={(e) => setTitleEn(e.target.value)} />
          </ConsoleField>
        </>
      )}
      <ConsoleField k="console.taskForm.owner">
        <select className="con-input" name="owner" value={owner} onChange={(e) => setOwner(e.target.value)}>
          <option value="">{bi.inline('console.taskForm.chooseOwner')}</option>
          {model.agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </ConsoleField>
      <ConsoleField k="console.taskForm.phase">
        <select className="con-input" name="phase" value={phase} onChange={(e) => setPhase(e.target.value)}>
          {phases.map((p) => {
            const label = phaseShown(bi, p, model.festivalDays);
            return (
              <option key={p} value={p}>
                {label.main}
                {label.second ? ` · ${label.second}` : ''}
              </option>
            );
          })}
        </select>
      </ConsoleField>
      <DateTimeField name="due" label="console.taskForm.due" value={due} onChange={setDue} timeZone={model.timeZone} festivalDays={model.festivalDays} allowEmpty defaultTime="17:00" />
      {editing ? null : (
        <ConsoleField k="console.taskForm.note">
          <textarea className="con-input" name="note" rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
        </ConsoleField>
      )}
      <FormFooter problem={problem} outcome={outcome} submit={editing ? 'common.save' : 'console.taskForm.add'} disabled={busy} testId="task-form-save" onCancel={onDone} />
    </form>
  );
}
