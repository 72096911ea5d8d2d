/**
 * The honouring ceremony on a coordinator's tablet or phone (issue 17), in two modes:
 *
 * - **Lễ tân** (reception): find an honouree by name (diacritics ignored), see their seat, tap
 *   "Đã đến" as they arrive, or record who came to receive for them (a collective's delegate,
 *   an absent person's representative) by name;
 * - **Sân khấu** (stage manager): the batch on stage and the next, each with who is present,
 *   represented or absent, what is ready (certificates, flowers, the presenting leader); "Mời
 *   lên sân khấu" puts the batch on the wall, "Xong đợt" takes it off.
 *
 * A wrong tap is undone by the device that made it. Taps go through the device outbox.
 */
import { useState } from 'react';
import { stageNow, type BatchSummary } from '../../../shared/ceremony.ts';
import { BATCH_READY_ITEMS } from '../../../shared/constants.ts';
import { foldForSearch, formatTime } from '../../../shared/format.ts';
import type { Honouree, ProjectionState } from '../../../shared/projectionState.ts';
import { send } from '../../device/send.ts';
import { Bi, useBi } from '../../i18n/bilingual.tsx';
import { PendingMark, useMayUndo } from './ConsoleParts.tsx';
import type { ConsoleModel } from './useConsole.ts';

type Mode = 'reception' | 'stage';
type Shown = 'waiting' | 'arrived' | 'all';

export function CeremonyPanel({ model }: { model: ConsoleModel }) {
  const [mode, setMode] = useState<Mode>('reception');
  const isOwn = useMayUndo(model);
  const projection = model.projection;
  if (!projection) return null;
  return (
    <section className="con-section con-ceremony" data-testid="ceremony">
      <h2 className="con-h2">
        <Bi k="console.ceremony.title" />
      </h2>
      <div className="con-chips" role="group">
        {(['reception', 'stage'] as const).map((m) => (
          <button key={m} type="button" className={`con-chip ${m === mode ? 'is-on' : ''}`} aria-pressed={m === mode} onClick={() => setMode(m)} data-testid={`ceremony-mode-${m}`}>
            <Bi k={`console.ceremony.modes.${m}`} />
          </button>
        ))}
      </div>
      {projection.ceremonyBatches.size === 0 ? (
        <p className="con-sub">
          <Bi k="console.ceremony.noBatches" />
        </p>
      ) : mode === 'reception' ? (
        <Reception projection={projection} model={model} isOwn={isOwn} />
      ) : (
        <Stage projection={projection} model={model} isOwn={isOwn} />
      )}
    </section>
  );
}

interface PartProps {
  projection: ProjectionState;
  model: ConsoleModel;
  isOwn: (eventId: string | undefined) => boolean;
}

function Reception({ projection, model, isOwn }: PartProps) {
  const bi = useBi(model.timeZone);
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState<Shown>('waiting');
  const everyone = [...projection.honourees.values()].filter((h) => !h.erased);
  const arrived = everyone.filter((h) => h.arrivedAt).length;
  const folded = foldForSearch(query);
  const batchOrder = (h: Honouree) => projection.ceremonyBatches.get(h.batchId)?.order ?? 0;
  const list = everyone
    .filter((h) => (shown === 'all' ? true : shown === 'arrived' ? h.arrivedAt : !h.arrivedAt))
    .filter((h) => !folded || foldForSearch(`${h.name} ${h.unit ?? ''} ${h.seat ?? ''}`).includes(folded))
    .sort((a, b) => batchOrder(a) - batchOrder(b) || a.order - b.order);
  if (everyone.length === 0) {
    return (
      <p className="con-sub" data-testid="reception-empty">
        <Bi k="console.ceremony.noHonourees" />
      </p>
    );
  }
  return (
    <div className="con-reception" data-testid="reception">
      <p className="con-reception__count" data-testid="reception-count" data-arrived={arrived} data-total={everyone.length}>
        {bi.t('console.ceremony.arrivedCount', { n: bi.fmt.number(arrived), total: bi.fmt.number(everyone.length) })}
      </p>
      <input
        className="con-input"
        type="search"
        value={query}
        placeholder={bi.inline('console.ceremony.search')}
        aria-label={bi.inline('console.ceremony.search')}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="reception-search"
      />
      <div className="con-chips" role="group">
        {(['waiting', 'arrived', 'all'] as const).map((s) => (
          <button key={s} type="button" className={`con-chip ${s === shown ? 'is-on' : ''}`} aria-pressed={s === shown} onClick={() => setShown(s)} data-testid={`reception-show-${s}`}>
            <Bi k={`console.ceremony.shown.${s}`} />
          </button>
        ))}
      </div>
      <ul className="con-reception__list">
        {list.map((h) => (
          <ReceptionRow key={h.id} honouree={h} projection={projection} model={model} isOwn={isOwn} />
        ))}
      </ul>
      {list.length === 0 ? (
        <p className="con-sub">
          <Bi k="console.ceremony.noneShown" />
        </p>
      ) : null}
    </div>
  );
}

function ReceptionRow({ honouree: h, projection, model, isOwn }: PartProps & { honouree: Honouree }) {
  const bi = useBi(model.timeZone);
  const [naming, setNaming] = useState(false);
  const [representative, setRepresentative] = useState('');
  const batch = projection.ceremonyBatches.get(h.batchId);
  const award = projection.ceremonyAwards.find((a) => a.id === h.awardId)?.name ?? h.awardId;
  const arrive = (name?: string) => {
    void send('ceremony.arrived', name ? { honoureeId: h.id, representative: name } : { honoureeId: h.id }, { waitMs: 0 });
    setNaming(false);
    setRepresentative('');
  };
  const collective = h.kind === 'collective';
  return (
    <li className={`con-reception__row ${h.arrivedAt ? 'is-arrived' : ''}`} data-testid={`honouree-${h.id}`} data-arrived={h.arrivedAt !== undefined}>
      <div className="con-reception__main">
        <strong className="con-reception__name">{h.name}</strong>
        <div className="con-sub">
          {bi.t(`console.ceremony.kinds.${h.kind}`)}
          {h.unit ? ` · ${h.unit}` : ''}
        </div>
        <div className="con-sub">
          {batch?.title ?? h.batchId}
          {/* The award, unless the batch's title says it already. */}
          {batch?.title.includes(award) ? '' : ` · ${award}`}
        </div>
        {h.arrivedAt ? (
          <div className="con-reception__arrived num">
            {h.representative
              ? bi.t('console.ceremony.representedBy', { name: h.representative, time: formatTime(h.arrivedAt, model.timeZone) })
              : bi.t('console.ceremony.arrivedAt', { time: formatTime(h.arrivedAt, model.timeZone) })}
            {h.arrivedEventId && model.unconfirmed.has(h.arrivedEventId) ? <PendingMark /> : null}
          </div>
        ) : null}
      </div>
      <div className="con-reception__seat" data-testid={`seat-${h.id}`}>
        <span className="con-reception__seat-label">
          <Bi k="console.ceremony.seat" />
        </span>
        <span className="con-reception__seat-no">{h.seat ?? '—'}</span>
      </div>
      <div className="con-reception__actions">
        {h.arrivedAt ? (
          isOwn(h.arrivedEventId) ? (
            <button
              type="button"
              className="con-btn con-btn--small"
              onClick={() => void send('event.voided', { eventId: h.arrivedEventId!, reason: bi.t('console.ceremony.undoReason') }, { waitMs: 0 })}
              data-testid={`undo-arrival-${h.id}`}
            >
              <Bi k="console.ceremony.undo" />
            </button>
          ) : null
        ) : naming ? (
          <form
            className="con-reception__rep"
            onSubmit={(e) => {
              e.preventDefault();
              if (representative.trim()) arrive(representative.trim());
            }}
          >
            <input
              className="con-input"
              value={representative}
              maxLength={120}
              autoFocus
              placeholder={bi.inline('console.ceremony.representativeName')}
              aria-label={bi.inline('console.ceremony.representativeName')}
              onChange={(e) => setRepresentative(e.target.value)}
              data-testid={`representative-name-${h.id}`}
            />
            <button type="submit" className="con-btn con-btn--ok" disabled={!representative.trim()} data-testid={`representative-save-${h.id}`}>
              <Bi k="console.ceremony.save" />
            </button>
            <button type="button" className="con-btn" onClick={() => setNaming(false)}>
              <Bi k="console.ceremony.cancel" />
            </button>
          </form>
        ) : (
          <>
            {collective ? null : (
              <button type="button" className="con-btn con-btn--ok" onClick={() => arrive()} data-testid={`arrive-${h.id}`}>
                <Bi k="console.ceremony.arrive" />
              </button>
            )}
            <button type="button" className={`con-btn ${collective ? 'con-btn--ok' : ''}`} onClick={() => setNaming(true)} data-testid={`represent-${h.id}`}>
              <Bi k={collective ? 'console.ceremony.delegate' : 'console.ceremony.represent'} />
            </button>
          </>
        )}
      </div>
    </li>
  );
}

function Stage({ projection, model, isOwn }: PartProps) {
  const { current, next, all } = stageNow(projection);
  const done = all.filter((s) => s.status === 'done').length;
  const bi = useBi(model.timeZone);
  return (
    <div className="con-stage" data-testid="stage" data-on-stage={current?.batch.id ?? ''}>
      {current ? <BatchCard summary={current} role="current" model={model} isOwn={isOwn} canCue={false} /> : null}
      {next ? <BatchCard summary={next} role="next" model={model} isOwn={isOwn} canCue={current === null} /> : null}
      {!current && !next ? (
        <p className="con-stage__finished">
          <Bi k="console.ceremony.allDone" />
        </p>
      ) : null}
      <h3 className="con-h3">{bi.t('console.ceremony.batchesDone', { n: bi.fmt.number(done), total: bi.fmt.number(all.length) })}</h3>
      <ol className="con-stage__all">
        {all.map((s) => (
          <li key={s.batch.id} className={`con-stage__item is-${s.status}`} data-testid={`batch-${s.batch.id}`} data-status={s.status}>
            <span>{s.batch.title}</span>
            <span className="con-sub num">
              <Bi k={`console.ceremony.status.${s.status}`} />
              {s.batch.doneAt ? ` ${formatTime(s.batch.doneAt, model.timeZone)}` : ''}
              {s.status === 'done' && isOwn(s.batch.doneEventId) && projection.ceremonyOnStage === null ? (
                <button
                  type="button"
                  className="con-btn con-btn--small"
                  onClick={() => void send('event.voided', { eventId: s.batch.doneEventId!, reason: bi.t('console.ceremony.undoDoneReason') }, { waitMs: 0 })}
                  data-testid={`undo-done-${s.batch.id}`}
                >
                  <Bi k="console.ceremony.undo" />
                </button>
              ) : null}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

function BatchCard({
  summary,
  role,
  model,
  isOwn,
  canCue,
}: {
  summary: BatchSummary;
  role: 'current' | 'next';
  model: ConsoleModel;
  isOwn: (eventId: string | undefined) => boolean;
  canCue: boolean;
}) {
  const bi = useBi(model.timeZone);
  const { batch, members } = summary;
  return (
    <article className={`con-stage__card is-${role}`} data-testid={`stage-${role}`} data-batch={batch.id}>
      <div className="con-stage__role">
        <Bi k={role === 'current' ? 'console.ceremony.current' : 'console.ceremony.next'} />
      </div>
      <h3 className="con-stage__title">{batch.title}</h3>
      {batch.leader ? <p className="con-sub">{bi.t('console.ceremony.leader', { name: batch.leader })}</p> : null}
      <dl className="con-stage__counts" data-testid={`stage-${role}-counts`} data-present={summary.present} data-represented={summary.represented} data-absent={summary.absent}>
        <div>
          <dt>
            <Bi k="console.ceremony.present" />
          </dt>
          <dd className="num">{bi.fmt.number(summary.present)}</dd>
        </div>
        <div>
          <dt>
            <Bi k="console.ceremony.represented" />
          </dt>
          <dd className="num">{bi.fmt.number(summary.represented)}</dd>
        </div>
        <div className={summary.absent > 0 ? 'is-hot' : ''}>
          <dt>
            <Bi k="console.ceremony.absent" />
          </dt>
          <dd className="num">{bi.fmt.number(summary.absent)}</dd>
        </div>
      </dl>
      <div className="con-stage__ready" role="group" aria-label={bi.inline('console.ceremony.readyLabel')}>
        {BATCH_READY_ITEMS.map((item) => {
          const ready = batch.ready[item] === true;
          return (
            <button
              key={item}
              type="button"
              className={`con-chip ${ready ? 'is-on' : ''}`}
              aria-pressed={ready}
              onClick={() => void send('ceremony.batch_ready', { batchId: batch.id, item, ready: !ready }, { waitMs: 0 })}
              data-testid={`ready-${item}-${batch.id}`}
            >
              {ready ? '✓ ' : ''}
              <Bi k={`console.ceremony.ready.${item}`} />
            </button>
          );
        })}
      </div>
      <ol className="con-stage__names">
        {members.map((h) => (
          <li key={h.id} className={h.arrivedAt ? '' : 'is-absent'}>
            {h.name}
            <span className="con-sub">
              {' — '}
              {h.arrivedAt
                ? h.representative
                  ? bi.t('console.ceremony.representedShort', { name: h.representative })
                  : bi.inline('console.ceremony.presentShort')
                : bi.inline('console.ceremony.absentShort')}
            </span>
          </li>
        ))}
      </ol>
      {role === 'current' ? (
        <div className="con-stage__actions">
          <button type="button" className="con-btn con-btn--big con-btn--ok" onClick={() => void send('ceremony.batch_done', { batchId: batch.id }, { waitMs: 0 })} data-testid="batch-done">
            <Bi k="console.ceremony.done" />
          </button>
          {isOwn(batch.cuedEventId) ? (
            <button
              type="button"
              className="con-btn con-btn--small"
              onClick={() => void send('event.voided', { eventId: batch.cuedEventId!, reason: bi.t('console.ceremony.undoCueReason') }, { waitMs: 0 })}
              data-testid="undo-cue"
            >
              <Bi k="console.ceremony.undo" />
            </button>
          ) : null}
        </div>
      ) : (
        <button
          type="button"
          className="con-btn con-btn--big con-btn--ok"
          disabled={!canCue}
          onClick={() => void send('ceremony.batch_cued', { batchId: batch.id }, { waitMs: 0 })}
          data-testid="batch-cue"
        >
          <Bi k="console.ceremony.cue" />
        </button>
      )}
    </article>
  );
}
