/**
 * Incidents: report one (title, severity, place, optional linked task, optional note — no
 * photos), acknowledge, resolve. Open ones are listed most severe first; resolved ones fold away.
 */
import { useState, type FormEvent } from 'react';
import type { IncidentRow } from '../../../shared/view.ts';
import { newEventId, type SubmitOutcome } from '../../device/send.ts';
import { Bi, BiPair, Second, useBi } from '../../i18n/bilingual.tsx';
import { ConsoleField, FormFooter, OutcomeNote, PendingMark, SeverityBadge } from './ConsoleParts.tsx';
import { formatWhen, incidentStatusLabel, openIncidents, resolvedIncidents, SEVERITY_IDS, severityLabel, type Pending, type Severity } from './model.ts';
import { send } from '../../device/send.ts';
import { useFormSend } from './useFormSend.ts';
import type { ConsoleModel } from './useConsole.ts';

type Incident = Pending<IncidentRow>;

export function IncidentsPanel(props: {
  model: ConsoleModel;
  reporting: boolean;
  linkedTask: string | null;
  linkedCheckpoint?: string | null;
  onReporting: (open: boolean, taskId?: string | null) => void;
}) {
  const { model } = props;
  const bi = useBi(model.timeZone);
  const open = openIncidents(model.incidents);
  const resolved = resolvedIncidents(model.incidents);
  if (!model.body) return <p className="con-empty">{bi.inline('common.waiting')}</p>;
  return (
    <section className="con-incidents" aria-labelledby="con-incidents-title">
      <div className="con-section-head">
        <h2 id="con-incidents-title" className="con-h2">
          <Bi k="console.tabs.incidents" />
        </h2>
        <span className="con-count" data-testid="incidents-open-count" data-count={open.length}>
          <Bi k="console.incidents.open" v={(fmt) => ({ n: fmt.number(open.length) })} />
        </span>
      </div>

      {props.reporting ? (
        <IncidentForm
          key={`${props.linkedTask ?? ''}|${props.linkedCheckpoint ?? ''}`}
          model={model}
          linkedTask={props.linkedTask}
          linkedCheckpoint={props.linkedCheckpoint ?? null}
          onDone={() => props.onReporting(false)}
        />
      ) : (
        <button type="button" className="con-btn con-btn--wide con-btn--danger" data-testid="incident-report" onClick={() => props.onReporting(true)}>
          + <Bi k="console.incidents.report" />
        </button>
      )}

      {open.length === 0 ? (
        <p className="con-empty">
          <Bi k="console.incidents.noneOpen" block />
        </p>
      ) : (
        <div className="con-list" data-testid="incidents-open">
          {open.map((incident) => (
            <IncidentCard key={incident.id} incident={incident} model={model} />
          ))}
        </div>
      )}

      {resolved.length > 0 ? (
        <details className="con-resolved">
          <summary>
            <Bi k="console.incidents.resolvedList" v={(fmt) => ({ n: fmt.number(resolved.length) })} />
          </summary>
          <div className="con-list">
            {resolved.map((incident) => (
              <IncidentCard key={incident.id} incident={incident} model={model} />
            ))}
          </div>
        </details>
      ) : null}
    </section>
  );
}

function IncidentCard({ incident, model }: { incident: Incident; model: ConsoleModel }) {
  const bi = useBi(model.timeZone);
  const when = (at: string) => formatWhen(at, model.timeZone, bi.lang);
  const [note, setNote] = useState('');
  const [noting, setNoting] = useState(false);
  const [outcome, setOutcome] = useState<SubmitOutcome | null>(null);
  const task = incident.taskId ? model.tasks.find((t) => t.id === incident.taskId) : undefined;
  const status = incidentStatusLabel(incident.status);

  const act = (type: 'incident.acknowledged' | 'incident.resolved'): void => {
    setOutcome(null);
    const text = note.trim();
    void send(type, { incidentId: incident.id, ...(text ? { note: text } : {}) }, { waitMs: 4000 }).then((result) => {
      if (result.status === 'rejected') setOutcome(result);
      else {
        setNote('');
        setNoting(false);
      }
    });
  };

  return (
    <article
      className={`con-incident con-incident--${incident.severity} con-incident--${incident.status} ${incident.pending ? 'is-pending' : ''}`}
      data-testid={`incident-${incident.id}`}
      data-severity={incident.severity}
      data-status={incident.status}
    >
      <div className="con-incident__top">
        <SeverityBadge severity={incident.severity} />
        <span className={`con-incident__status con-incident__status--${incident.status}`}>
          <BiPair pair={status} />
        </span>
        {incident.pending ? <PendingMark /> : null}
      </div>
      <h3 className="con-incident__title">{incident.title}</h3>
      <dl className="con-incident__facts">
        {incident.place ? (
          <div>
            <dt>{bi.t('console.incidents.place')}</dt>
            <dd>{incident.place}</dd>
          </div>
        ) : null}
        {incident.checkpointId ? (
          <div data-testid={`incident-checkpoint-${incident.checkpointId}`}>
            <dt>{bi.t('console.incidents.checkpoint')}</dt>
            <dd>{model.projection?.paradeCheckpoints.get(incident.checkpointId)?.name ?? incident.checkpointId}</dd>
          </div>
        ) : null}
        {incident.taskId ? (
          <div>
            <dt>{bi.t('console.incidents.task')}</dt>
            <dd>{task ? (bi.lang === 'en' && task.titleEn ? task.titleEn : task.title) : incident.taskId}</dd>
          </div>
        ) : null}
        <div>
          <dt>{bi.t('console.incidents.reportedAt')}</dt>
          <dd>
            {when(incident.reportedAt)} · {incident.reportedBy ?? '—'}
          </dd>
        </div>
        {incident.acknowledgedAt ? (
          <div>
            <dt>{bi.t('console.incidents.acknowledgedAt')}</dt>
            <dd>
              {when(incident.acknowledgedAt)} · {incident.acknowledgedBy ?? '—'}
            </dd>
          </div>
        ) : null}
        {incident.resolvedAt ? (
          <div>
            <dt>{bi.t('console.incidents.resolvedAt')}</dt>
            <dd>
              {when(incident.resolvedAt)} · {incident.resolvedBy ?? '—'}
            </dd>
          </div>
        ) : null}
      </dl>
      {incident.note ? <p className="con-incident__note">“{incident.note}”</p> : null}
      {incident.updates.some((u) => u.note) ? (
        <ul className="con-history">
          {incident.updates
            .filter((u) => u.note)
            .map((u, i) => (
              <li key={i}>
                {bi.pick(incidentStatusLabel(u.status)).main} · {u.by ?? '—'} · {when(u.at)}
                <div className="con-history__note">“{u.note}”</div>
              </li>
            ))}
        </ul>
      ) : null}
      {incident.status !== 'resolved' ? (
        <>
          {noting ? (
            <ConsoleField k="console.incidents.updateNote">
              <input className="con-input" maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} autoFocus />
            </ConsoleField>
          ) : null}
          <div className="con-actions">
            {incident.status === 'open' ? (
              <button type="button" className="con-btn" data-testid={`incident-${incident.id}-ack`} onClick={() => act('incident.acknowledged')}>
                <Bi k="console.incidents.acknowledge" />
              </button>
            ) : null}
            <button type="button" className="con-btn con-btn--ok" data-testid={`incident-${incident.id}-resolve`} onClick={() => act('incident.resolved')}>
              <Bi k="console.incidents.resolve" />
            </button>
            {noting ? null : (
              <button type="button" className="con-btn con-btn--small" onClick={() => setNoting(true)}>
                + <Bi k="console.incidents.addNote" />
              </button>
            )}
          </div>
        </>
      ) : null}
      <OutcomeNote outcome={outcome} />
    </article>
  );
}

function IncidentForm({ model, linkedTask, linkedCheckpoint, onDone }: { model: ConsoleModel; linkedTask: string | null; linkedCheckpoint: string | null; onDone: () => void }) {
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<Severity>('medium');
  // Reported from a point of the parade's route: it is the place, and the incident names it.
  const checkpoint = linkedCheckpoint ? model.projection?.paradeCheckpoints.get(linkedCheckpoint) : undefined;
  const [place, setPlace] = useState(checkpoint?.name ?? '');
  const [taskId, setTaskId] = useState(linkedTask ?? '');
  const [note, setNote] = useState('');
  const { busy, outcome, sendForm } = useFormSend(onDone);
  const bi = useBi(model.timeZone);
  const titleOf = (t: { title: string; titleEn: string | null }) => (bi.lang === 'en' && t.titleEn ? t.titleEn : t.title);
  const tasks = [...model.tasks].sort((a, b) => titleOf(a).localeCompare(titleOf(b), bi.lang));

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!title.trim()) return;
    const payload = {
      incidentId: newEventId('inc'),
      title: title.trim(),
      severity,
      ...(place.trim() ? { place: place.trim() } : {}),
      ...(taskId ? { taskId } : {}),
      ...(checkpoint ? { checkpointId: checkpoint.id } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    await sendForm('incident.reported', payload);
  };

  return (
    <form className="con-form" onSubmit={(e) => void submit(e)} data-testid="incident-form">
      <h3 className="con-h4">
        <Bi k="console.incidentForm.title" />
      </h3>
      <ConsoleField k="console.incidentForm.what">
        <input className="con-input" name="title" required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} autoFocus />
      </ConsoleField>
      <fieldset className="con-field con-severity">
        <legend className="con-field__label">
          <Bi k="console.incidentForm.severity" />
        </legend>
        <div className="con-severity__options">
          {SEVERITY_IDS.map((s) => {
            const label = bi.pick(severityLabel(s));
            return (
              <button
                key={s}
                type="button"
                className={`con-sev-btn con-sev-btn--${s} ${severity === s ? 'is-on' : ''}`}
                aria-pressed={severity === s}
                data-testid={`severity-${s}`}
                onClick={() => setSeverity(s)}
              >
                {label.main}
                <Second text={label.second} block />
              </button>
            );
          })}
        </div>
      </fieldset>
      <ConsoleField k="console.incidentForm.place">
        <input className="con-input" name="place" maxLength={200} value={place} onChange={(e) => setPlace(e.target.value)} />
      </ConsoleField>
      <ConsoleField k="console.incidentForm.task">
        <select className="con-input" name="taskId" value={taskId} onChange={(e) => setTaskId(e.target.value)}>
          <option value="">{bi.inline('console.incidentForm.noTask')}</option>
          {tasks.map((t) => {
            const title = titleOf(t);
            return (
              <option key={t.id} value={t.id}>
                {title.length > 60 ? `${title.slice(0, 57)}…` : title}
              </option>
            );
          })}
        </select>
      </ConsoleField>
      <ConsoleField k="console.incidentForm.note">
        <textarea className="con-input" name="note" rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
      </ConsoleField>
      <FormFooter outcome={outcome} submit="console.incidentForm.submit" danger disabled={busy || !title.trim()} testId="incident-submit" onCancel={onDone} />
    </form>
  );
}
