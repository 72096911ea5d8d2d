/** The MC's side panels: run-of-show now/next, the next milestones coming, the wall message. */
import { useState, type FormEvent } from 'react';
import { formatDate, formatNumber, formatTime } from '../../../shared/format.ts';
import type { ScheduleItem, WallMessage } from '../../../shared/projection.ts';
import { dayOf } from '../../../shared/time.ts';
import { useNow } from '../../lib/useNow.ts';
import type { SubmitOutcome } from '../../outbox/outbox.ts';
import { getDeviceOutbox } from '../../outbox/outbox.ts';
import { setWallMessage } from './mcActions.ts';
import { cleanWallMessage, type UpcomingLine } from './mcModel.ts';
import { formatCountdown, runOfShowAt } from './runOfShow.ts';

// ---- run-of-show ----------------------------------------------------------------------------

function clock(ms: number, timeZone: string | undefined, nowMs: number): string {
  const time = formatTime(ms, timeZone);
  return dayOf(ms, timeZone) === dayOf(nowMs, timeZone) ? time : `${time} · ${formatDate(ms, timeZone)}`;
}

export function RunOfShowPanel({ schedule, timeZone }: { schedule: ScheduleItem[]; timeZone: string | undefined }) {
  const nowMs = useNow(1000);
  if (schedule.length === 0) return null;
  const { now, next, finished, laterCount } = runOfShowAt(schedule, nowMs);
  return (
    <section className="mc-panel" data-testid="mc-runofshow">
      <h2 className="mc-h2">
        Chương trình <span className="en">Run of show</span>
      </h2>
      {now ? (
        <div className="mc-ros mc-ros--now" data-testid="mc-now" data-item={now.item.id}>
          <div className="mc-ros__tag">
            Đang diễn ra <span className="en">Now</span>
          </div>
          <div className="mc-ros__title">{now.item.title}</div>
          {now.item.titleEn ? <div className="en">{now.item.titleEn}</div> : null}
          <div className="mc-ros__row">
            <span className="mc-ros__when num">
              {formatTime(now.startMs, timeZone)}–{formatTime(now.endMs, timeZone)}
            </span>
            <span className="mc-ros__count" data-testid="mc-now-countdown">
              còn <span className="num">{formatCountdown(now.remainingMs).vi}</span> <span className="en">left</span>
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
            Tiếp theo <span className="en">Next</span>
          </div>
          <div className="mc-ros__title">{next.item.title}</div>
          {next.item.titleEn ? <div className="en">{next.item.titleEn}</div> : null}
          <div className="mc-ros__row">
            <span className="mc-ros__when num">lúc {clock(next.startMs, timeZone, nowMs)}</span>
            <span className="mc-ros__count" data-testid="mc-next-countdown">
              sau <span className="num">{formatCountdown(next.startsInMs).vi}</span> <span className="en">from now</span>
            </span>
          </div>
          {laterCount > 0 ? (
            <p className="mc-muted">
              và {formatNumber(laterCount)} mục sau đó <span className="en">and {laterCount} more after it</span>
            </p>
          ) : null}
        </div>
      ) : null}
      {finished ? (
        <p className="mc-muted" data-testid="mc-ros-finished">
          Chương trình đã kết thúc. <span className="en">The programme is over.</span>
        </p>
      ) : null}
    </section>
  );
}

// ---- upcoming milestones --------------------------------------------------------------------

/** "còn 12 đơn vị nữa đạt 1.000" with the number stressed. */
export function UpcomingSentence({ line }: { line: UpcomingLine }) {
  const n = formatNumber(line.remaining);
  const marker = `còn ${n} `;
  const at = line.vi.indexOf(marker);
  if (at < 0) return <span>{line.vi}</span>;
  return (
    <span>
      {line.vi.slice(0, at)}còn <strong className="mc-up__n num">{n}</strong> {line.vi.slice(at + marker.length)}
    </span>
  );
}

export function UpcomingPanel({ lines, hasData }: { lines: UpcomingLine[]; hasData: boolean }) {
  return (
    <section className="mc-panel" data-testid="mc-upcoming">
      <h2 className="mc-h2">
        Mốc sắp tới <span className="en">Coming up</span>
      </h2>
      {lines.length === 0 ? (
        <p className="mc-muted">{hasData ? 'Không còn mốc nào phía trước.' : 'Đang chờ dữ liệu…'}</p>
      ) : (
        <ol className="mc-up">
          {lines.map((line) => (
            <li key={line.id} className="mc-up__item" data-testid={`mc-upcoming-${line.id}`} data-remaining={line.remaining}>
              <div className="mc-up__vi">
                <UpcomingSentence line={line} />
              </div>
              <div className="en">{line.en}</div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

// ---- message to the wall --------------------------------------------------------------------

const PRESETS = ['Xin một tràng pháo tay thật lớn!', 'Mời quý vị đại biểu ổn định chỗ ngồi', 'Cảm ơn những tấm lòng vàng!'];

type SendStatus = { kind: 'idle' } | { kind: 'sending' } | { kind: 'done'; what: 'set' | 'clear'; outcome: SubmitOutcome };

function statusLine(status: SendStatus): { vi: string; en: string; tone: 'ok' | 'warn' | 'error' } | null {
  if (status.kind === 'idle') return null;
  if (status.kind === 'sending') return { vi: 'Đang gửi…', en: 'Sending…', tone: 'warn' };
  const { outcome, what } = status;
  if (outcome.status === 'recorded') {
    return what === 'set'
      ? { vi: 'Đã đưa lên màn hình lớn.', en: 'On the wall now.', tone: 'ok' }
      : { vi: 'Đã xoá khỏi màn hình lớn.', en: 'Cleared from the wall.', tone: 'ok' };
  }
  if (outcome.status === 'queued') return { vi: 'Chưa gửi được — sẽ tự gửi khi có mạng.', en: 'Not sent yet — will go when the network is back.', tone: 'warn' };
  return { vi: `Không gửi được: ${outcome.message}`, en: `Refused (${outcome.code}).`, tone: 'error' };
}

export function WallMessagePanel({ message, timeZone }: { message: WallMessage | null; timeZone: string | undefined }) {
  const [draft, setDraft] = useState('');
  const [status, setStatus] = useState<SendStatus>({ kind: 'idle' });
  const clean = cleanWallMessage(draft);
  const canWrite = getDeviceOutbox() !== null;

  const send = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!clean || status.kind === 'sending') return;
    setStatus({ kind: 'sending' });
    const outcome = await setWallMessage(clean);
    setStatus({ kind: 'done', what: 'set', outcome });
    if (outcome.status !== 'rejected') setDraft('');
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
        Lời nhắn lên màn hình lớn <span className="en">Message to the wall</span>
      </h2>
      <div className={`mc-wall__current ${message ? 'is-set' : ''}`} data-testid="mc-wall-current" data-set={message ? 'true' : 'false'}>
        {message ? (
          <>
            <div className="mc-wall__text">“{message.text}”</div>
            <div className="mc-muted mc-wall__meta">
              Đang hiện từ <span className="num">{formatTime(message.at, timeZone)}</span>
              {message.by ? ` · ${message.by}` : ''} <span className="en">on the wall since then</span>
            </div>
          </>
        ) : (
          <div className="mc-muted">
            Màn hình lớn không có lời nhắn. <span className="en">No message on the wall.</span>
          </div>
        )}
      </div>
      <form className="mc-wall__form" onSubmit={(e) => void send(e)}>
        <label className="mc-wall__label" htmlFor="mc-wall-input">
          Lời nhắn mới <span className="en">New message</span>
        </label>
        <input
          id="mc-wall-input"
          className="mc-input"
          data-testid="mc-wall-input"
          type="text"
          maxLength={200}
          value={draft}
          placeholder="Ví dụ: Mời đoàn Sở Y tế lên sân khấu"
          onChange={(e) => setDraft(e.target.value)}
          autoComplete="off"
          enterKeyHint="send"
        />
        <div className="mc-wall__presets">
          {PRESETS.map((text) => (
            <button key={text} type="button" className="mc-preset" onClick={() => setDraft(text)}>
              {text}
            </button>
          ))}
        </div>
        <div className="mc-wall__buttons">
          <button type="submit" className="mc-btn mc-btn--primary" data-testid="mc-wall-send" disabled={!clean || !canWrite || status.kind === 'sending'}>
            <span className="mc-btn__vi">Đưa lên màn hình</span>
            <span className="mc-btn__en">Send to the wall</span>
          </button>
          <button type="button" className="mc-btn mc-btn--skip" data-testid="mc-wall-clear" disabled={!message || !canWrite || status.kind === 'sending'} onClick={() => void clear()}>
            <span className="mc-btn__vi">Xoá lời nhắn</span>
            <span className="mc-btn__en">Clear</span>
          </button>
        </div>
        <div className="mc-wall__count num">{draft.length}/200</div>
      </form>
      {line ? (
        <p className={`mc-wall__status mc-tone--${line.tone}`} data-testid="mc-wall-status" role="status">
          {line.vi} <span className="en">{line.en}</span>
        </p>
      ) : null}
    </section>
  );
}
