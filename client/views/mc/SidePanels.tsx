/** The MC's side panels: run-of-show now/next, the next milestones coming, the wall message. */
import { useState, type FormEvent } from 'react';
import { formatTime } from '../../../shared/format.ts';
import type { ScheduleItem, WallMessage } from '../../../shared/projection.ts';
import { dayOf } from '../../../shared/time.ts';
import { Bi, Rich, Second, useBi, type BiTools } from '../../i18n/bilingual.tsx';
import { pairOf, type Pair } from '../../i18n/pairs.ts';
import { useNow } from '../../lib/useNow.ts';
import { getDeviceOutbox, type SubmitOutcome } from '../../device/send.ts';
import { reasonOf, setWallMessage } from './mcActions.ts';
import { cleanWallMessage, type UpcomingLine } from './mcModel.ts';
import { formatCountdown, runOfShowAt } from './runOfShow.ts';

// ---- run-of-show ----------------------------------------------------------------------------

function clock(bi: BiTools, ms: number, timeZone: string | undefined, nowMs: number): string {
  const time = formatTime(ms, timeZone);
  return dayOf(ms, timeZone) === dayOf(nowMs, timeZone) ? time : `${time} · ${bi.fmt.date(ms)}`;
}

/** A programme item's title in the chosen language, and the other one smaller. */
function ItemTitle({ bi, item }: { bi: BiTools; item: ScheduleItem }) {
  const english = bi.lang === 'en' && item.titleEn;
  return (
    <>
      <div className="mc-ros__title">{english ? item.titleEn : item.title}</div>
      {english ? (
        <div className="en" lang="vi">
          {item.title}
        </div>
      ) : item.titleEn ? (
        <div className="en" lang="en">
          {item.titleEn}
        </div>
      ) : null}
    </>
  );
}

export function RunOfShowPanel({ schedule, timeZone }: { schedule: ScheduleItem[]; timeZone: string | undefined }) {
  const bi = useBi(timeZone);
  const nowMs = useNow(1000);
  if (schedule.length === 0) return null;
  const { now, next, finished, laterCount } = runOfShowAt(schedule, nowMs);
  return (
    <section className="mc-panel" data-testid="mc-runofshow">
      <h2 className="mc-h2">
        <Bi k="mc.ros.title" />
      </h2>
      {now ? (
        <div className="mc-ros mc-ros--now" data-testid="mc-now" data-item={now.item.id}>
          <div className="mc-ros__tag">
            <Bi k="mc.ros.now" />
          </div>
          <ItemTitle bi={bi} item={now.item} />
          <div className="mc-ros__row">
            <span className="mc-ros__when num">
              {formatTime(now.startMs, timeZone)}–{formatTime(now.endMs, timeZone)}
            </span>
            <span className="mc-ros__count" data-testid="mc-now-countdown">
              <Rich k="mc.ros.left" nodes={{ countdown: <span className="num">{formatCountdown(now.remainingMs)[bi.lang]}</span> }} />
            </span>
          </div>
          <div className="mc-ros__bar" aria-hidden="true">
            <div className="mc-ros__fill" style={{ width: `${Math.round(now.progress * 100)}%` }} />
          </div>
          {now.item.note ? <p className="mc-ros__note">{now.item.note}</p> : null}
        </div>
      ) : null}
      {next ? (
        <div className="mc-ros mc-ros--next" data-testid="mc-next" data-item={next.item.id}>
          <div className="mc-ros__tag">
            <Bi k="mc.ros.next" />
          </div>
          <ItemTitle bi={bi} item={next.item} />
          <div className="mc-ros__row">
            <span className="mc-ros__when num">{bi.t('mc.ros.at', { time: clock(bi, next.startMs, timeZone, nowMs) })}</span>
            <span className="mc-ros__count" data-testid="mc-next-countdown">
              <Rich k="mc.ros.startsIn" nodes={{ countdown: <span className="num">{formatCountdown(next.startsInMs)[bi.lang]}</span> }} />
            </span>
          </div>
          {laterCount > 0 ? (
            <p className="mc-muted">
              <Bi k="mc.ros.more" v={(fmt) => ({ n: fmt.number(laterCount) })} />
            </p>
          ) : null}
        </div>
      ) : null}
      {finished ? (
        <p className="mc-muted" data-testid="mc-ros-finished">
          <Bi k="mc.ros.finished" />
        </p>
      ) : null}
    </section>
  );
}

// ---- upcoming milestones --------------------------------------------------------------------

/** "còn 12 đơn vị nữa đạt 1.000" (in the chosen language) with the number stressed. */
export function UpcomingSentence({ line }: { line: UpcomingLine }) {
  const { lang } = useBi();
  return (
    <span>
      {line.parts[lang].map((part, i) =>
        typeof part === 'string' ? (
          part
        ) : (
          <strong key={i} className="mc-up__n num">
            {line.n[lang]}
          </strong>
        ),
      )}
    </span>
  );
}

export function UpcomingPanel({ lines, hasData }: { lines: UpcomingLine[]; hasData: boolean }) {
  const bi = useBi();
  return (
    <section className="mc-panel" data-testid="mc-upcoming">
      <h2 className="mc-h2">
        <Bi k="mc.upcoming.title" />
      </h2>
      {lines.length === 0 ? (
        <p className="mc-muted">{bi.t(hasData ? 'mc.upcoming.none' : 'common.waiting')}</p>
      ) : (
        <ol className="mc-up">
          {lines.map((line) => (
            <li key={line.id} className="mc-up__item" data-testid={`mc-upcoming-${line.id}`} data-remaining={line.remaining}>
              <div className="mc-up__vi">
                <UpcomingSentence line={line} />
              </div>
              {bi.lang === 'vi' ? (
                <div className="en" lang="en">
                  {line.en}
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

// ---- message to the wall --------------------------------------------------------------------

/** Ready-made messages. The wall's audience reads Vietnamese: a preset puts the Vietnamese text in the field, whatever the MC's language. */
const PRESETS = ['applause', 'seats', 'thanks'] as const;

type SendStatus = { kind: 'idle' } | { kind: 'sending' } | { kind: 'done'; what: 'set' | 'clear'; outcome: SubmitOutcome };

function statusLine(status: SendStatus): { text: Pair; tone: 'ok' | 'warn' | 'error' } | null {
  if (status.kind === 'idle') return null;
  if (status.kind === 'sending') return { text: pairOf('mc.wall.sending'), tone: 'warn' };
  const { outcome, what } = status;
  if (outcome.status === 'recorded') return { text: pairOf(what === 'set' ? 'mc.wall.set' : 'mc.wall.cleared'), tone: 'ok' };
  if (outcome.status === 'queued') return { text: pairOf('mc.wall.queued'), tone: 'warn' };
  const reason = reasonOf(outcome);
  return { text: pairOf('mc.wall.refused', (fmt) => ({ reason: reason[fmt.lang] })), tone: 'error' };
}

export function WallMessagePanel({ message, timeZone }: { message: WallMessage | null; timeZone: string | undefined }) {
  const bi = useBi(timeZone);
  const [draft, setDraft] = useState('');
  const [status, setStatus] = useState<SendStatus>({ kind: 'idle' });
  const clean = cleanWallMessage(draft);
  const canWrite = getDeviceOutbox() !== null;

  const send = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!clean || status.kind === 'sending') return;
    setStatus({ kind: 'sending' });
    // The message shows as the wall's at once (the device's optimistic view): the box empties
    // with it, and gets the text back if the server refuses it.
    setDraft('');
    const outcome = await setWallMessage(clean);
    setStatus({ kind: 'done', what: 'set', outcome });
    if (outcome.status === 'rejected') setDraft(clean);
  };
  const clear = async () => {
    if (status.kind === 'sending') return;
    setStatus({ kind: 'sending' });
    setStatus({ kind: 'done', what: 'clear', outcome: await setWallMessage(null) });
  };
  const line = statusLine(status);

  return (
    <section className="mc-panel mc-wall-panel" data-testid="mc-wall">
      <h2 className="mc-h2">
        <Bi k="mc.wall.title" />
      </h2>
      <div className={`mc-wall__current ${message ? 'is-set' : ''}`} data-testid="mc-wall-current" data-set={message ? 'true' : 'false'}>
        {message ? (
          <>
            <div className="mc-wall__text">“{message.text}”</div>
            <div className="mc-muted mc-wall__meta">
              <Rich k="mc.wall.since" nodes={{ time: <span className="num">{formatTime(message.at, timeZone)}</span> }} />
              {message.by ? ` · ${message.by}` : ''}
            </div>
          </>
        ) : (
          <div className="mc-muted">
            <Bi k="mc.wall.none" />
          </div>
        )}
      </div>
      <form className="mc-wall__form" onSubmit={(e) => void send(e)}>
        <label className="mc-wall__label" htmlFor="mc-wall-input">
          <Bi k="mc.wall.new" />
        </label>
        <input
          id="mc-wall-input"
          className="mc-input"
          data-testid="mc-wall-input"
          type="text"
          maxLength={200}
          value={draft}
          placeholder={bi.t('mc.wall.placeholder')}
          onChange={(e) => setDraft(e.target.value)}
          autoComplete="off"
          enterKeyHint="send"
        />
        <div className="mc-wall__presets">
          {PRESETS.map((id) => {
            const preset = pairOf(`mc.wall.presets.${id}`);
            return (
              <button key={id} type="button" className="mc-preset" onClick={() => setDraft(preset.vi)}>
                {preset.vi}
                {bi.lang === 'en' ? <Second text={preset.en} block /> : null}
              </button>
            );
          })}
        </div>
        <div className="mc-wall__buttons">
          <button type="submit" className="mc-btn mc-btn--primary" data-testid="mc-wall-send" disabled={!clean || !canWrite || status.kind === 'sending'}>
            <ButtonText k="mc.wall.send" />
          </button>
          <button type="button" className="mc-btn mc-btn--skip" data-testid="mc-wall-clear" disabled={!message || !canWrite || status.kind === 'sending'} onClick={() => void clear()}>
            <ButtonText k="mc.wall.clear" />
          </button>
        </div>
        <div className="mc-wall__count num">{draft.length}/200</div>
      </form>
      {line ? (
        <p className={`mc-wall__status mc-tone--${line.tone}`} data-testid="mc-wall-status" role="status">
          {bi.pick(line.text).main} <Second text={bi.pick(line.text).second} />
        </p>
      ) : null}
    </section>
  );
}

/** A big button's words: the chosen language large, (Vietnamese chosen) the English under it. */
export function ButtonText({ k }: { k: string }) {
  const text = useBi().pair(k);
  return (
    <>
      <span className="mc-btn__vi">{text.main}</span>
      {text.second ? (
        <span className="mc-btn__en" lang="en">
          {text.second}
        </span>
      ) : null}
    </>
  );
}
