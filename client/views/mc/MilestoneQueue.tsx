/**
 * The MC's queue (milestones reached, not yet announced or skipped, newest first, with the
 * script to read out), what was already said, the undo bar after a tap, and notices.
 */
import { useDeviceOutbox } from '../../device/store.ts';
import { useEffect, useRef, useState } from 'react';
import { formatTime } from '../../../shared/format.ts';
import { Bi, Rich, Second, useBi } from '../../i18n/bilingual.tsx';
import { pairOf } from '../../i18n/pairs.ts';
import { useNow } from '../../lib/useNow.ts';
import { clockOffsetMs } from '../../device/clock.ts';
import type { MilestoneInfo } from '../../../shared/projection.ts';
import { dismissNotice, dismissUndoBar, markMilestone, undoMilestone, UNDO_BAR_MS, useMcLocal, type UndoBar as UndoBarInfo } from './mcActions.ts';
import type { HandledMilestone, McAction, UpcomingLine } from './mcModel.ts';
import { ButtonText, UpcomingSentence } from './SidePanels.tsx';

/**
 * After a tap the next card slides into the tapped card's place: taps on the queue are ignored
 * this long, so a double tap never announces the next milestone by accident.
 */
const TAP_GUARD_MS = 900;

export function MilestoneQueue(props: { queue: MilestoneInfo[]; timeZone: string | undefined; hasData: boolean; nearest: UpcomingLine | null }) {
  const { queue, timeZone } = props;
  const bi = useBi(timeZone);
  const [guarded, setGuarded] = useState(false);
  const guardTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (guardTimer.current) clearTimeout(guardTimer.current);
    },
    [],
  );

  const tap = (m: MilestoneInfo, action: McAction) => {
    if (guarded) return;
    setGuarded(true);
    if (guardTimer.current) clearTimeout(guardTimer.current);
    guardTimer.current = setTimeout(() => setGuarded(false), TAP_GUARD_MS);
    void markMilestone(m.id, m.label, action);
  };

  return (
    <div className="mc-queue" data-testid="mc-queue" data-count={queue.length}>
      <h2 className="mc-h2">
        <Bi k="mc.queue.title" />
        {queue.length > 0 ? <span className="mc-count num">{bi.fmt.number(queue.length)}</span> : null}
      </h2>
      {queue.length === 0 ? (
        <div className="mc-empty" data-testid="mc-queue-empty">
          <EmptyLines k={props.hasData ? 'mc.queue.empty' : 'common.waiting'} />
          {props.nearest ? (
            <p className="mc-empty__next">
              {bi.t('mc.queue.comingUp')} <UpcomingSentence line={props.nearest} />
            </p>
          ) : null}
        </div>
      ) : (
        queue.map((m, i) => (
          <article key={m.id} className={`mc-card ${i === 0 ? 'mc-card--lead' : ''}`} data-testid={`mc-queued-${m.id}`}>
            <header className="mc-card__head">
              <h3 className="mc-card__label">{m.label}</h3>
              <span className="mc-card__time">
                <Rich k="mc.queue.reachedAt" nodes={{ time: <span className="num">{formatTime(m.reachedAt, timeZone)}</span> }} />
              </span>
            </header>
            <p className="mc-card__script" lang="vi" data-testid={`mc-script-${m.id}`}>
              {m.script}
            </p>
            {m.announceName ? (
              <p className="mc-card__name" data-testid={`mc-name-${m.id}`}>
                <Rich k="mc.queue.announceName" nodes={{ name: <strong lang="vi">{m.announceName}</strong> }} />
              </p>
            ) : null}
            <div className="mc-card__actions">
              <button type="button" className="mc-btn mc-btn--announce" data-testid={`mc-announce-${m.id}`} disabled={guarded} onClick={() => tap(m, 'announce')}>
                <ButtonText k="mc.queue.announce" />
              </button>
              <button type="button" className="mc-btn mc-btn--skip" data-testid={`mc-skip-${m.id}`} disabled={guarded} onClick={() => tap(m, 'skip')}>
                <ButtonText k="mc.queue.skip" />
              </button>
            </div>
          </article>
        ))
      )}
    </div>
  );
}

/** Two lines: the chosen language, then (Vietnamese chosen) the English one. */
function EmptyLines({ k }: { k: string }) {
  const text = useBi().pair(k);
  return (
    <>
      <p className="mc-empty__vi">{text.main}</p>
      {text.second ? (
        <p className="en" lang="en">
          {text.second}
        </p>
      ) : null}
    </>
  );
}

const STATUS_TEXT: Record<HandledMilestone['status'], { key: string; className: string }> = {
  announced: { key: 'mc.status.announced', className: 'mc-chip--ok' },
  skipped: { key: 'mc.status.skipped', className: 'mc-chip--muted' },
  'pending-announce': { key: 'mc.status.pendingAnnounce', className: 'mc-chip--warn' },
  'pending-skip': { key: 'mc.status.pendingSkip', className: 'mc-chip--warn' },
};

/** A mistaken tap is noticed at once: the already-said list offers undo this long after it. */
export const UNDO_WINDOW_MS = 15 * 60_000;

export function RecentList(props: { recent: HandledMilestone[]; timeZone: string | undefined; canUndo: (eventId: string) => boolean }) {
  const bi = useBi(props.timeZone);
  const now = useNow(30_000);
  return (
    <section className="mc-panel mc-recent-panel" data-testid="mc-recent">
      <h2 className="mc-h2">
        <Bi k="mc.recent.title" />
      </h2>
      {props.recent.length === 0 ? (
        <p className="mc-muted">
          <Bi k="mc.recent.none" />
        </p>
      ) : (
        <ul className="mc-recent">
          {props.recent.map((h) => {
            const status = STATUS_TEXT[h.status];
            const text = bi.pair(status.key);
            return (
              <li key={h.milestone.id} className={`mc-recent__item mc-recent__item--${h.status}`} data-testid={`mc-recent-${h.milestone.id}`} data-status={h.status}>
                <div className="mc-recent__head">
                  <span className="mc-recent__label">{h.milestone.label}</span>
                  <span className={`mc-chip ${status.className}`}>
                    {text.main} <span className="num">{formatTime(h.at, props.timeZone)}</span> <Second text={text.second} />
                  </span>
                </div>
                {h.status === 'announced' || h.status === 'pending-announce' ? <p className="mc-recent__script">{h.milestone.script}</p> : null}
                {/* Times are on the server's clock (the tap's time of action): so is the window. */}
                {now + clockOffsetMs() - Date.parse(h.at) < UNDO_WINDOW_MS && props.canUndo(h.eventId) ? (
                  <button type="button" className="mc-btn-small" data-testid={`mc-undo-${h.milestone.id}`} onClick={() => void undoMilestone(h.milestone.label, h.eventId)}>
                    <Bi k="mc.recent.undo" />
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** After a tap: what was done, and a big "Hoàn tác" for a mistaken tap. */
export function UndoBar() {
  const bar = useMcLocal((s) => s.undoBar);
  useEffect(() => {
    if (!bar) return;
    const timer = setTimeout(
      () => {
        if (useMcLocal.getState().undoBar?.eventId === bar.eventId) dismissUndoBar();
      },
      Math.max(0, bar.at + UNDO_BAR_MS - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [bar]);
  // Refused by the server after it waited on the tablet: there is nothing to undo.
  const refused = useDeviceOutbox((s) => (bar ? s.refused.some((entry) => entry.id === bar.eventId) : false));
  if (!bar || refused) return null;
  return <UndoBarShown bar={bar} />;
}

function UndoBarShown({ bar }: { bar: UndoBarInfo }) {
  const bi = useBi();
  const what = pairOf(bar.action === 'announce' ? 'mc.status.announced' : 'mc.status.skipped');
  const done = bi.t('mc.undoBar.done', (fmt) => ({ what: what[fmt.lang], label: bar.label }));
  return (
    <div className="mc-undo" role="status" data-testid="mc-undo-bar" data-action={bar.action}>
      <div className="mc-undo__text">
        <span className="mc-undo__vi">{done}</span>
        <Second text={bi.pick(what).second} />
      </div>
      <button type="button" className="mc-btn mc-btn--undo" data-testid="mc-undo-last" onClick={() => void undoMilestone(bar.label, bar.eventId)}>
        <ButtonText k="mc.recent.undo" />
      </button>
      <button type="button" className="mc-undo__close" aria-label={bi.inline('common.close')} onClick={dismissUndoBar}>
        ×
      </button>
    </div>
  );
}

const NOTICE_MS = 8000;

export function NoticeBar() {
  const bi = useBi();
  const notice = useMcLocal((s) => s.notice);
  useEffect(() => {
    if (!notice || notice.kind === 'error') return;
    const timer = setTimeout(() => {
      if (useMcLocal.getState().notice?.at === notice.at) dismissNotice();
    }, NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);
  if (!notice) return null;
  return (
    <div className={`mc-notice mc-notice--${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="mc-notice" data-kind={notice.kind}>
      <div>
        <div>{bi.pick(notice.text).main}</div>
        {bi.pick(notice.text).second ? (
          <div className="en" lang="en">
            {bi.pick(notice.text).second}
          </div>
        ) : null}
      </div>
      <button type="button" className="mc-notice__close" aria-label={bi.inline('common.close')} onClick={dismissNotice}>
        ×
      </button>
    </div>
  );
}
