/**
 * The task board: the plan's tasks grouped by phase, filterable by owner and status; one tap
 * sets a status; a card opens on its short history, its note, and editing (due time, owner).
 */
import { useState, type FormEvent } from 'react';
import type { TaskRow } from '../../../shared/view.ts';
import { useClock } from './useClock.ts';
import type { SubmitOutcome } from '../../outbox/outbox.ts';
import { DateTimeField } from './ConsoleDateTime.tsx';
import { Bi, OutcomeNote, PendingMark, StatusPill } from './ConsoleParts.tsx';
import {
  countTasks,
  filterTasks,
  formatWhen,
  fromLocalInput,
  groupByPhase,
  isOverdue,
  phaseLabel,
  phaseOptions,
  slugOf,
  statusLabel,
  STATUS_LABELS,
  TASK_STATUS_IDS,
  toLocalInput,
  type Pending,
  type StatusFilter,
  type TaskFilter,
  type TaskStatusId,
} from './model.ts';
import { send } from './pending.ts';
import type { ConsoleModel } from './useConsole.ts';

type Task = Pending<TaskRow>;

const FILTERS: { id: StatusFilter; vi: string; en: string }[] = [
  { id: null, vi: 'Tất cả', en: 'All' },
  ...TASK_STATUS_IDS.map((id) => ({ id, ...STATUS_LABELS[id] })),
  { id: 'overdue', vi: 'Quá hạn', en: 'Overdue' },
  { id: 'attention', vi: 'Quá hạn hoặc vướng mắc', en: 'Overdue or blocked' },
];

export function TaskBoard(props: {
  model: ConsoleModel;
  filter: TaskFilter;
  onFilter: (filter: TaskFilter) => void;
  onReportIncident: (taskId: string) => void;
}) {
  const { model, filter, onFilter } = props;
  const now = useClock(15_000);
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const shown = filterTasks(model.tasks, filter, now);
  const groups = groupByPhase(shown);
  const counts = countTasks(model.tasks, now);
  const owners = model.agencies.filter((a) => model.tasks.some((t) => t.owner === a.id || t.also.includes(a.id)));

  if (!model.body) return <p className="con-empty">Đang chờ dữ liệu… · Waiting for data…</p>;

  return (
    <section className="con-board" aria-labelledby="con-tasks-title">
      <div className="con-section-head">
        <h2 id="con-tasks-title" className="con-h2">
          Công việc <span className="en">Tasks</span>
        </h2>
        <span className="con-count" data-testid="tasks-done">
          {counts.done}/{counts.total} xong <span className="en">done</span>
        </span>
      </div>

      <div className="con-filters" role="search">
        <label className="con-field">
          <span className="con-field__label">
            Đơn vị <span className="en">Owner</span>
          </span>
          <select
            className="con-input"
            data-testid="filter-owner"
            value={filter.owner ?? ''}
            onChange={(e) => onFilter({ ...filter, owner: e.target.value || null })}
          >
            <option value="">Tất cả · All</option>
            {owners.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label className="con-field">
          <span className="con-field__label">
            Trạng thái <span className="en">Status</span>
          </span>
          <select
            className="con-input"
            data-testid="filter-status"
            value={filter.status ?? ''}
            onChange={(e) => onFilter({ ...filter, status: (e.target.value || null) as StatusFilter })}
          >
            {FILTERS.map((f) => (
              <option key={f.id ?? 'all'} value={f.id ?? ''}>
                {f.vi} · {f.en}
              </option>
            ))}
          </select>
        </label>
      </div>
      {filter.owner || filter.status ? (
        <div className="con-filtered" data-testid="filter-summary">
          <span>
            Đang lọc: {shown.length}/{model.tasks.length} <span className="en">Filtered</span>
          </span>
          <button type="button" className="con-btn con-btn--small" data-testid="filter-clear" onClick={() => onFilter({ owner: null, status: null })}>
            <Bi vi="Bỏ lọc" en="Clear" />
          </button>
        </div>
      ) : null}

      {adding ? (
        <TaskForm model={props.model} onDone={() => setAdding(false)} defaultOwner={filter.owner} />
      ) : (
        <button type="button" className="con-btn con-btn--wide" data-testid="task-add" onClick={() => setAdding(true)}>
          + Thêm công việc <span className="en">Add a task</span>
        </button>
      )}

      {groups.length === 0 ? (
        <p className="con-empty">
          {model.tasks.length === 0 ? <Bi vi="Chưa có công việc nào." en="No tasks yet." block /> : <Bi vi="Không có công việc nào khớp bộ lọc." en="No task matches the filter." block />}
        </p>
      ) : null}

      {groups.map((group) => {
        const label = phaseLabel(group.phase, model.festivalDays);
        const done = group.tasks.filter((t) => t.status === 'done').length;
        return (
          <section className="con-phase" key={group.phase} data-testid={`phase-${group.phase}`}>
            <h3 className="con-phase__title">
              <span>
                {label.vi} <span className="en">{label.en}</span>
              </span>
              <span className="con-phase__count">
                {done}/{group.tasks.length}
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
        <span className="con-task__title">{task.title}</span>
        {task.titleEn ? <span className="en con-en-block">{task.titleEn}</span> : null}
        <span className="con-task__meta">
          <span className="con-task__owner">{owners}</span>
          <span className={`con-task__due ${overdue ? 'is-overdue' : ''}`}>
            {task.due ? (
              <>
                Hạn {formatWhen(task.due, model.timeZone)}
                {overdue ? (
                  <strong className="con-flag" data-testid="overdue-flag">
                    {' '}
                    Quá hạn <span className="en">Overdue</span>
                  </strong>
                ) : null}
              </>
            ) : (
              <>Hạn: {task.whenText ?? '—'}</>
            )}
          </span>
        </span>
      </button>

      <div className="con-status" role="group" aria-label={`Trạng thái: ${statusLabel(task.status).vi}`}>
        {TASK_STATUS_IDS.map((status) => (
          <button
            key={status}
            type="button"
            className={`con-status__btn con-status__btn--${status} ${task.status === status ? 'is-on' : ''}`}
            aria-pressed={task.status === status}
            data-testid={`set-${task.id}-${status}`}
            onClick={() => setStatus(status)}
          >
            <span className="con-status__vi">{STATUS_LABELS[status].vi}</span>
            <span className="con-status__en">{STATUS_LABELS[status].en}</span>
          </button>
        ))}
      </div>

      <p className="con-task__last" data-testid={`task-${task.id}-last`}>
        {task.updatedAt ? (
          <>
            <StatusPill status={task.status} /> <span data-testid="updated-by">{task.updatedBy ?? '—'}</span> · {formatWhen(task.updatedAt, model.timeZone)}
            {task.pending ? <PendingMark /> : null}
          </>
        ) : (
          <span className="con-muted">
            Chưa cập nhật <span className="en">No change yet</span>
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
  const [editing, setEditing] = useState(false);
  const [note, setNote] = useState(task.note ?? '');
  const [noteOutcome, setNoteOutcome] = useState<SubmitOutcome | null>(null);
  const changes = model.changesOf(task.id);
  const history = changes.slice(-6).reverse();

  const saveNote = (event: FormEvent): void => {
    event.preventDefault();
    setNoteOutcome(null);
    void send('task.status_set', { taskId: task.id, status: task.status, note: note.trim() }, { waitMs: 1500 }).then(setNoteOutcome);
  };

  return (
    <div className="con-task__details" data-testid={`task-${task.id}-details`}>
      <h4 className="con-h4">
        Lịch sử <span className="en">History</span>
      </h4>
      {history.length === 0 ? (
        <p className="con-muted">Chưa có thay đổi nào. · No change yet.</p>
      ) : (
        <ol className="con-history" data-testid={`task-${task.id}-history`}>
          {history.map((change) => (
            <li key={change.eventId}>
              <StatusPill status={change.status} /> {change.by ?? '—'} · {formatWhen(change.at, model.timeZone)}
              {change.note ? <div className="con-history__note">“{change.note}”</div> : null}
            </li>
          ))}
          {changes.length > history.length ? <li className="con-muted">… {changes.length - history.length} thay đổi trước đó · earlier changes</li> : null}
        </ol>
      )}

      <form className="con-form con-form--inline" onSubmit={saveNote}>
        <label className="con-field">
          <span className="con-field__label">
            Ghi chú <span className="en">Note</span>
          </span>
          <textarea className="con-input" rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} data-testid={`task-${task.id}-note`} />
        </label>
        <button type="submit" className="con-btn" disabled={note.trim() === (task.note ?? '')}>
          <Bi vi="Lưu ghi chú" en="Save note" />
        </button>
        <OutcomeNote outcome={noteOutcome} />
      </form>

      {editing ? (
        <TaskForm model={model} task={task} onDone={() => setEditing(false)} />
      ) : (
        <div className="con-actions">
          <button type="button" className="con-btn" data-testid={`task-${task.id}-edit`} onClick={() => setEditing(true)}>
            <Bi vi="Sửa hạn / phụ trách" en="Edit" />
          </button>
          <button type="button" className="con-btn con-btn--danger-ghost" onClick={() => onReportIncident(task.id)}>
            <Bi vi="Báo sự cố" en="Report" />
          </button>
        </div>
      )}
      {task.whenText ? (
        <p className="con-muted">
          Theo kế hoạch: {task.whenText} <span className="en">In the plan</span>
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
  const [outcome, setOutcome] = useState<SubmitOutcome | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const phases = phaseOptions(model.tasks, model.festivalDays);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setProblem(null);
    setOutcome(null);
    if (!editing && !title.trim()) return setProblem('Cần nhập tên công việc · a title is needed');
    if (!owner) return setProblem('Chọn đơn vị phụ trách · choose an owner');
    const dueIso = due ? fromLocalInput(due, model.timeZone) : null;
    if (due && !dueIso) return setProblem('Thời hạn không hợp lệ · the due time is not valid');
    const payload: Record<string, unknown> = task
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
    setBusy(true);
    const result = await send('task.defined', payload, { waitMs: 1500 });
    if (result.status !== 'rejected' && !editing && note.trim()) {
      void send('task.status_set', { taskId: payload.taskId, status: 'todo', note: note.trim() }, { waitMs: 1500 });
    }
    setBusy(false);
    if (result.status === 'rejected') setOutcome(result);
    else onDone();
  };

  return (
    <form className="con-form" onSubmit={(e) => void submit(e)} data-testid={editing ? 'task-edit-form' : 'task-add-form'}>
      <h4 className="con-h4">{editing ? <Bi vi="Sửa công việc" en="Edit task" /> : <Bi vi="Thêm công việc" en="Add a task" />}</h4>
      {editing ? null : (
        <>
          <label className="con-field">
            <span className="con-field__label">
              Tên công việc <span className="en">Title</span>
            </span>
            <input className="con-input" name="title" required maxLength={300} value={title} onChange={(e) => setTitle(e.target.value)} />
          </label>
          <label className="con-field">
            <span className="con-field__label">
              Tên tiếng Anh (không bắt buộc) <span className="en">English title, optional</span>
            </span>
            <input className="con-input" name="titleEn" maxLength={300} value={titleEn} onChange={(e) => setTitleEn(e.target.value)} />
          </label>
        </>
      )}
      <label className="con-field">
        <span className="con-field__label">
          Đơn vị phụ trách <span className="en">Owner</span>
        </span>
        <select className="con-input" name="owner" value={owner} onChange={(e) => setOwner(e.target.value)}>
          <option value="">— Chọn đơn vị · choose —</option>
          {model.agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <label className="con-field">
        <span className="con-field__label">
          Giai đoạn <span className="en">Phase</span>
        </span>
        <select className="con-input" name="phase" value={phase} onChange={(e) => setPhase(e.target.value)}>
          {phases.map((p) => {
            const label = phaseLabel(p, model.festivalDays);
            return (
              <option key={p} value={p}>
                {label.vi}
                {label.en ? ` · ${label.en}` : ''}
              </option>
            );
          })}
        </select>
      </label>
      <DateTimeField
        name="due"
        label={{ vi: 'Thời hạn (giờ Việt Nam)', en: 'Due (Vietnam time)' }}
        value={due}
        onChange={setDue}
        timeZone={model.timeZone}
        festivalDays={model.festivalDays}
        allowEmpty
        defaultTime="17:00"
      />
      {editing ? null : (
        <label className="con-field">
          <span className="con-field__label">
            Ghi chú <span className="en">Note</span>
          </span>
          <textarea className="con-input" name="note" rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
      )}
      {problem ? (
        <p className="con-outcome con-outcome--error" role="alert">
          {problem}
        </p>
      ) : null}
      <OutcomeNote outcome={outcome} />
      <div className="con-actions">
        <button type="submit" className="con-btn con-btn--primary" disabled={busy} data-testid="task-form-save">
          <Bi vi={editing ? 'Lưu' : 'Thêm'} en={editing ? 'Save' : 'Add'} />
        </button>
        <button type="button" className="con-btn" onClick={onDone}>
          <Bi vi="Huỷ" en="Cancel" />
        </button>
      </div>
    </form>
  );
}
