/**
 * The honouring ceremony on the MC's tablet (issue 17): in the run of show, the batches in
 * order with where each stands (waiting, on stage, done) and whether its script was read; and,
 * while a batch is on stage (or the MC opens one to prepare), its script in large type — the
 * invitation, each name with unit and donations, the leader invited to present — as made from
 * the list or as edited, with who is present so an absent name can be skipped, "Đã đọc", and
 * the editor. Writes go through the device outbox.
 */
import { useState } from 'react';
import { scriptOf, stageNow, type BatchSummary } from '../../../shared/ceremony.ts';
import { formatTime } from '../../../shared/format.ts';
import type { ProjectionState } from '../../../shared/projectionState.ts';
import { send } from '../../device/send.ts';
import { Bi, useBi } from '../../i18n/bilingual.tsx';

/** The batches in the side column; `onOpen` shows one's script. */
export function CeremonyBatches({
  projection,
  timeZone,
  opened,
  onOpen,
}: {
  projection: ProjectionState | null;
  timeZone: string | undefined;
  opened: string | null;
  onOpen: (batchId: string | null) => void;
}) {
  const bi = useBi(timeZone);
  if (!projection || projection.ceremonyBatches.size === 0) return null;
  const { all } = stageNow(projection);
  return (
    <section className="mc-panel" data-testid="mc-ceremony">
      <h2 className="mc-h2">
        <Bi k="mc.ceremony.title" />
      </h2>
      <ol className="mc-batches">
        {all.map((s) => (
          <li key={s.batch.id} className={`mc-batch is-${s.status}`} data-testid={`mc-batch-${s.batch.id}`} data-status={s.status} data-read={s.batch.readAt !== undefined}>
            <button type="button" className="mc-batch__open" aria-pressed={opened === s.batch.id} onClick={() => onOpen(opened === s.batch.id ? null : s.batch.id)}>
              <span className="mc-batch__title">{s.batch.title}</span>
              <span className="mc-batch__state">
                <Bi k={`mc.ceremony.status.${s.status}`} />
                {s.batch.readAt ? ` · ${bi.t('mc.ceremony.readAt', { time: formatTime(s.batch.readAt, timeZone) })}` : ''}
              </span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The script to show: the batch the MC opened, else the one on stage. */
export function shownBatch(projection: ProjectionState | null, opened: string | null): BatchSummary | null {
  if (!projection) return null;
  const { all, current } = stageNow(projection);
  return (opened ? all.find((s) => s.batch.id === opened) : null) ?? current;
}

export function CeremonyScript({
  projection,
  summary,
  timeZone,
  canUndo,
  onClose,
}: {
  projection: ProjectionState;
  summary: BatchSummary;
  timeZone: string | undefined;
  canUndo: (eventId: string) => boolean;
  onClose: (() => void) | null;
}) {
  const bi = useBi(timeZone);
  const { batch, members } = summary;
  const [editing, setEditing] = useState<string | null>(null);
  const script = scriptOf(projection, batch);
  return (
    <article className={`mc-card mc-script ${summary.status === 'on_stage' ? 'is-on-stage' : ''}`} data-testid="mc-script" data-batch={batch.id}>
      <div className="mc-script__tag">
        <Bi k={summary.status === 'on_stage' ? 'mc.ceremony.onStage' : 'mc.ceremony.preparing'} />
        {onClose ? (
          <button type="button" className="mc-btn-small" onClick={onClose}>
            <Bi k="mc.ceremony.close" />
          </button>
        ) : null}
      </div>
      {editing === null ? (
        <div className="mc-script__text" data-testid="mc-script-text">
          {script.split('\n').map((line, i) => (line ? <p key={i}>{line}</p> : <br key={i} />))}
        </div>
      ) : (
        <textarea className="mc-input mc-script__edit" value={editing} rows={14} onChange={(e) => setEditing(e.target.value)} data-testid="mc-script-edit" aria-label={bi.inline('mc.ceremony.edit')} />
      )}
      <ul className="mc-script__who" aria-label={bi.inline('mc.ceremony.who')}>
        {members.map((h) => (
          <li key={h.id} className={h.arrivedAt ? 'is-here' : 'is-absent'}>
            <span>{h.name}</span> <Bi k={h.arrivedAt ? (h.kind === 'collective' ? 'mc.ceremony.delegateHere' : 'mc.ceremony.here') : 'mc.ceremony.absent'} />
          </li>
        ))}
      </ul>
      <div className="mc-script__actions">
        {editing === null ? (
          <>
            {batch.readAt ? (
              <span className="mc-chip mc-chip--ok" data-testid="mc-script-read">
                {bi.t('mc.ceremony.readAt', { time: formatTime(batch.readAt, timeZone) })}
              </span>
            ) : (
              <button type="button" className="mc-btn mc-btn--announce" onClick={() => void send('ceremony.script_read', { batchId: batch.id }, { waitMs: 0 })} data-testid="mc-mark-read">
                <Bi k="mc.ceremony.markRead" />
              </button>
            )}
            {batch.readEventId && canUndo(batch.readEventId) ? (
              <button
                type="button"
                className="mc-btn-small"
                onClick={() => void send('event.voided', { eventId: batch.readEventId!, reason: bi.t('mc.ceremony.undoReason') }, { waitMs: 0 })}
                data-testid="mc-undo-read"
              >
                <Bi k="mc.ceremony.undo" />
              </button>
            ) : null}
            <button type="button" className="mc-btn-small" onClick={() => setEditing(script)} data-testid="mc-edit-script">
              <Bi k="mc.ceremony.edit" />
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              className="mc-btn mc-btn--primary"
              onClick={() => {
                void send('ceremony.script_set', { batchId: batch.id, text: editing }, { waitMs: 0 });
                setEditing(null);
              }}
              data-testid="mc-save-script"
            >
              <Bi k="mc.ceremony.save" />
            </button>
            {batch.script !== undefined ? (
              <button
                type="button"
                className="mc-btn-small"
                onClick={() => {
                  void send('ceremony.script_set', { batchId: batch.id, text: '' }, { waitMs: 0 });
                  setEditing(null);
                }}
              >
                <Bi k="mc.ceremony.reset" />
              </button>
            ) : null}
            <button type="button" className="mc-btn-small" onClick={() => setEditing(null)}>
              <Bi k="mc.ceremony.cancel" />
            </button>
          </>
        )}
      </div>
    </article>
  );
}
