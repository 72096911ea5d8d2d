/**
 * The parade of 18/7 on a coordinator's phone (issue 17), with the venue's security posts
 * (SecurityPanel) in the same tab, first on the festival days: where the parade is, how late or early
 * against the plan, the next junction; a big "Đoàn đã qua" for the next point (a wrong tap is
 * undone by the phone that made it); the route with planned and actual times; the escort with
 * their posts and phones. Taps go through the device outbox: made without signal, they carry
 * their time of action.
 */
import { formatTime } from '../../../shared/format.ts';
import { paradeProgress, type ParadeProgress } from '../../../shared/parade.ts';
import { dayOf } from '../../../shared/time.ts';
import type { ParadeCheckpoint } from '../../../shared/projectionState.ts';
import { clockOffsetMs } from '../../device/clock.ts';
import { send } from '../../device/send.ts';
import { Bi, useBi } from '../../i18n/bilingual.tsx';
import { DataTitle, PendingMark, useMayUndo } from './ConsoleParts.tsx';
import type { ConsoleModel } from './useConsole.ts';
import { SecurityPanel } from './SecurityPanel.tsx';
import { useClock } from './useClock.ts';

const MINUTE = 60_000;

function delayTone(delayMin: number | null): 'late' | 'early' | 'on-time' {
  if (delayMin === null || Math.abs(delayMin) < 3) return 'on-time';
  return delayMin > 0 ? 'late' : 'early';
}

function DelayBadge({ delayMin }: { delayMin: number | null }) {
  const tone = delayTone(delayMin);
  const n = String(Math.abs(delayMin ?? 0));
  return (
    <span className={`con-parade__delay is-${tone}`} data-testid="parade-delay" data-delay={delayMin ?? ''}>
      {tone === 'on-time' ? <Bi k="console.parade.onTime" /> : <Bi k={tone === 'late' ? 'console.parade.late' : 'console.parade.early'} v={{ n }} />}
    </span>
  );
}

function Status({ progress, timeZone, onPass }: { progress: ParadeProgress; timeZone: string; onPass: (checkpoint: ParadeCheckpoint) => void }) {
  const bi = useBi(timeZone);
  const { last, next, status } = progress;
  return (
    <section
      className="con-parade__status"
      data-testid="parade-status"
      data-status={status}
      data-last={last?.id ?? ''}
      data-next={next?.id ?? ''}
      data-delay={progress.delayMin ?? ''}
      aria-live="polite"
    >
      <div className="con-parade__where">
        {status === 'not_started' ? (
          <strong>
            <Bi k="console.parade.notStarted" />
          </strong>
        ) : (
          <>
            <span className="con-parade__label">
              <Bi k={status === 'finished' ? 'console.parade.finished' : 'console.parade.at'} />
            </span>
            <DataTitle as="strong" className="con-parade__name" title={last!.name} titleEn={last!.nameEn} />
            <span className="con-parade__time num">{bi.t('console.parade.passedAt', { time: formatTime(last!.passedAt!, timeZone) })}</span>
          </>
        )}
        {status === 'under_way' || status === 'finished' ? <DelayBadge delayMin={progress.delayMin} /> : null}
      </div>
      {next ? (
        <div className="con-parade__next">
          <span className="con-parade__label">
            <Bi k="console.parade.next" />
          </span>
          <DataTitle as="strong" className="con-parade__name" title={next.name} titleEn={next.nameEn} />
          <span className="con-parade__time num">
            {progress.nextExpectedAt
              ? bi.t('console.parade.expected', { time: formatTime(progress.nextExpectedAt, timeZone) })
              : bi.t('console.parade.planned', { time: formatTime(next.plannedAt, timeZone) })}
          </span>
          <button type="button" className="con-btn con-btn--primary con-parade__pass" data-testid="parade-pass-next" onClick={() => onPass(next)}>
            {bi.t('console.parade.passNext', { name: bi.lang === 'en' && next.nameEn ? next.nameEn : next.name })}
          </button>
        </div>
      ) : null}
    </section>
  );
}

export function ParadePanel({ model, onReportIncident }: { model: ConsoleModel; onReportIncident: (checkpointId: string) => void }) {
  const bi = useBi(model.timeZone);
  const now = useClock(15_000);
  const mayUndo = useMayUndo(model);
  const projection = model.projection;
  if (!projection) return null;
  // On the server's clock: a phone whose clock is off would see the parade late or early.
  const progress = paradeProgress(projection, now + clockOffsetMs());
  if (progress.status === 'no_route') {
    return (
      <>
        <section className="con-section" data-testid="parade">
          <p className="con-empty">
            <Bi k="console.parade.noRoute" block />
          </p>
        </section>
        <SecurityPanel model={model} />
      </>
    );
  }
  const pass = (checkpoint: ParadeCheckpoint) => void send('parade.passed', { checkpointId: checkpoint.id }, { waitMs: 0 });
  const undo = (checkpoint: ParadeCheckpoint) => void send('event.voided', { eventId: checkpoint.passedEventId!, reason: bi.t('console.parade.undoReason') }, { waitMs: 0 });
  const isOwnTap = (checkpoint: ParadeCheckpoint): boolean => mayUndo(checkpoint.passedEventId);
  const escort = [...projection.paradeEscort.values()];
  const openIncidentsAt = (checkpointId: string) => model.incidents.filter((incident) => incident.checkpointId === checkpointId && incident.status !== 'resolved').length;
  const nameOf = (id: string | undefined) => (id ? projection.paradeCheckpoints.get(id)?.name : undefined);

  const parade = (
    <section className="con-section con-parade" data-testid="parade">
      <Status progress={progress} timeZone={model.timeZone} onPass={pass} />
      <h2 className="con-h2">
        <Bi k="console.parade.route" /> <span className="con-sub num">{bi.t('console.parade.progress', { passed: bi.fmt.number(progress.passed), total: bi.fmt.number(progress.route.length) })}</span>
      </h2>
      <ol className="con-parade__route">
        {progress.route.map((checkpoint) => {
          const passed = checkpoint.passedAt !== undefined;
          const pending = passed && model.unconfirmed.has(checkpoint.passedEventId!);
          const delay = passed ? Math.round((Date.parse(checkpoint.passedAt!) - Date.parse(checkpoint.plannedAt)) / MINUTE) : null;
          const incidents = openIncidentsAt(checkpoint.id);
          return (
            <li
              key={checkpoint.id}
              className={`con-parade__point ${passed ? 'is-passed' : ''} ${checkpoint.id === progress.next?.id ? 'is-next' : ''}`}
              data-testid={`parade-checkpoint-${checkpoint.id}`}
              data-passed={passed}
            >
              <span className="con-parade__dot" aria-hidden="true" />
              <div className="con-parade__body">
                <div className="con-parade__line">
                  <DataTitle as="strong" title={checkpoint.name} titleEn={checkpoint.nameEn} />
                  {pending ? <PendingMark /> : null}
                </div>
                <div className="con-parade__meta num">
                  <span>
                    <Bi k={`console.parade.kinds.${checkpoint.kind}`} />
                  </span>
                  <span>{bi.t('console.parade.planned', { time: formatTime(checkpoint.plannedAt, model.timeZone) })}</span>
                  {passed ? <span className="con-parade__actual">{bi.t('console.parade.passedAt', { time: formatTime(checkpoint.passedAt!, model.timeZone) })}</span> : null}
                  {passed ? <DelayBadge delayMin={delay} /> : null}
                </div>
                {checkpoint.note ? <div className="con-parade__note">{checkpoint.note}</div> : null}
              </div>
              <div className="con-parade__actions">
                {!passed ? (
                  <button type="button" className="con-btn con-btn--small" data-testid={`parade-pass-${checkpoint.id}`} onClick={() => pass(checkpoint)}>
                    <Bi k="console.parade.pass" />
                  </button>
                ) : isOwnTap(checkpoint) ? (
                  <button type="button" className="con-btn con-btn--small" data-testid={`parade-undo-${checkpoint.id}`} onClick={() => undo(checkpoint)}>
                    <Bi k="console.parade.undo" />
                  </button>
                ) : null}
                {incidents > 0 ? (
                  <span className="con-parade__incidents" data-testid={`parade-incidents-${checkpoint.id}`} data-count={incidents}>
                    {bi.t('console.parade.incidents', { n: bi.fmt.number(incidents) })}
                  </span>
                ) : null}
                <button type="button" className="con-btn con-btn--small con-btn--danger-ghost" data-testid={`parade-report-${checkpoint.id}`} onClick={() => onReportIncident(checkpoint.id)}>
                  <Bi k="console.parade.report" />
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      {escort.length > 0 ? (
        <>
          <h2 className="con-h2">
            <Bi k="console.parade.escort" />
          </h2>
          <ul className="con-parade__escort" data-testid="parade-escort">
            {escort.map((member) => (
              <li key={member.id} className="con-parade__member">
                <div>
                  <strong>{member.name}</strong>
                  <div className="con-sub">{[member.unit, nameOf(member.checkpointId) ?? member.post ?? bi.t('console.parade.withParade')].filter(Boolean).join(' · ')}</div>
                </div>
                {member.phone ? (
                  <a className="con-btn con-btn--small" href={`tel:${member.phone}`}>
                    {bi.t('console.parade.call')} {member.phone}
                  </a>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
  // On the festival days the posts come first; on the parade's day, the parade.
  const festivalDay = model.festivalDays.includes(dayOf(now + clockOffsetMs(), model.timeZone));
  return festivalDay ? (
    <>
      <SecurityPanel model={model} />
      {parade}
    </>
  ) : (
    <>
      {parade}
      <SecurityPanel model={model} />
    </>
  );
}
