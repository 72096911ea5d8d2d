/**
 * Security at the venue on the festival days (issue 17): each post with the shift that should
 * hold it now, whether it checked in ("Đã có mặt", tapped by the coordinator who sees them there,
 * undone by that phone), and the hours no shift covers. Posts needing attention are counted on
 * top. On the server's clock, like the parade.
 */
import { useState } from 'react';
import { formatDate, formatTime } from '../../../shared/format.ts';
import type { SecurityShift } from '../../../shared/projectionState.ts';
import { securityStatus, type PostStatus } from '../../../shared/security.ts';
import { dayOf, instantToZoned } from '../../../shared/time.ts';
import { clockOffsetMs } from '../../device/clock.ts';
import { send } from '../../device/send.ts';
import { Bi, useBi } from '../../i18n/bilingual.tsx';
import { DataTitle, PendingMark, useMayUndo } from './ConsoleParts.tsx';
import type { ConsoleModel } from './useConsole.ts';
import { useClock } from './useClock.ts';

export function SecurityPanel({ model }: { model: ConsoleModel }) {
  const bi = useBi(model.timeZone);
  const now = useClock(15_000) + clockOffsetMs();
  const mayUndo = useMayUndo(model);
  const today = dayOf(now, model.timeZone);
  const days = model.festivalDays;
  const [chosen, setChosen] = useState<string | null>(null);
  const projection = model.projection;
  if (!projection || projection.securityPosts.size === 0) return null;
  const day = chosen ?? (days.includes(today) || days.length === 0 ? today : days[0]!);
  const posts = securityStatus(projection, day, now, model.timeZone);
  const nowTime = instantToZoned(now, model.timeZone).time;
  const attention = posts.filter((status) => status.now === 'unmanned' || status.now === 'uncovered').length;
  const isOwn = (shift: SecurityShift): boolean => mayUndo(shift.mannedEventId);
  const checkIn = (shift: SecurityShift) => void send('security.manned', { shiftId: shift.id }, { waitMs: 0 });
  const undo = (shift: SecurityShift) => void send('event.voided', { eventId: shift.mannedEventId!, reason: bi.t('console.security.undoReason') }, { waitMs: 0 });

  return (
    <section className="con-section con-security" data-testid="security">
      <h2 className="con-h2">
        <Bi k="console.security.title" />
      </h2>
      {days.length > 1 ? (
        <div className="con-chips" role="group">
          {days.map((d) => (
            <button key={d} type="button" className={`con-chip ${d === day ? 'is-on' : ''}`} aria-pressed={d === day} onClick={() => setChosen(d)} data-testid={`security-day-${d}`}>
              {formatDate(d, model.timeZone)}
            </button>
          ))}
        </div>
      ) : null}
      {day === today ? (
        <p className={`con-security__summary ${attention > 0 ? 'is-hot' : ''}`} data-testid="security-alerts" data-count={attention}>
          {attention > 0 ? bi.t('console.security.alerts', { n: bi.fmt.number(attention) }) : bi.t('console.security.allGood')}
        </p>
      ) : null}
      <ul className="con-security__posts">
        {posts.map((status) => (
          <Post
            key={status.post.id}
            status={status}
            timeZone={model.timeZone}
            isToday={day === today}
            nowTime={nowTime}
            unconfirmed={model.unconfirmed}
            isOwn={isOwn}
            onCheckIn={checkIn}
            onUndo={undo}
          />
        ))}
      </ul>
    </section>
  );
}

function Post(props: {
  status: PostStatus;
  timeZone: string;
  isToday: boolean;
  /** Now, local HH:MM. */
  nowTime: string;
  unconfirmed: ReadonlySet<string>;
  isOwn: (shift: SecurityShift) => boolean;
  onCheckIn: (shift: SecurityShift) => void;
  onUndo: (shift: SecurityShift) => void;
}) {
  const bi = useBi(props.timeZone);
  const { post, shifts, now, gaps } = props.status;
  return (
    <li className={`con-security__post is-${now}`} data-testid={`security-post-${post.id}`} data-now={now}>
      <div className="con-security__head">
        <DataTitle as="strong" title={post.name} titleEn={post.nameEn} />
        {props.isToday ? (
          <span className={`con-security__state is-${now}`}>
            <Bi k={`console.security.now.${now}`} />
          </span>
        ) : null}
      </div>
      {post.place ? <div className="con-sub">{post.place}</div> : null}
      {shifts.length === 0 ? (
        <p className="con-sub">
          <Bi k="console.security.noShifts" />
        </p>
      ) : (
        <ul className="con-security__shifts">
          {shifts.map((shift) => (
            <li
              key={shift.id}
              className={`con-security__shift ${shift === props.status.current ? 'is-current' : ''}`}
              data-testid={`security-shift-${shift.id}`}
              data-manned={shift.mannedAt !== undefined}
            >
              <div className="con-security__who">
                <span className="num">
                  {shift.from}–{shift.to}
                </span>{' '}
                <strong>{shift.who}</strong>
                {shift.mannedEventId && props.unconfirmed.has(shift.mannedEventId) ? <PendingMark /> : null}
                {shift.mannedAt ? <div className="con-sub num">{bi.t('console.security.mannedAt', { time: formatTime(shift.mannedAt, props.timeZone) })}</div> : null}
              </div>
              <div className="con-security__actions">
                {shift.phone ? (
                  <a className="con-btn con-btn--small" href={`tel:${shift.phone}`}>
                    {shift.phone}
                  </a>
                ) : null}
                {/* A shift that is over is not checked in any more: it shows as never manned. */}
                {!shift.mannedAt && props.isToday && shift.to > props.nowTime ? (
                  <button type="button" className="con-btn con-btn--small con-btn--ok" onClick={() => props.onCheckIn(shift)} data-testid={`security-manned-${shift.id}`}>
                    <Bi k="console.security.checkIn" />
                  </button>
                ) : shift.mannedAt && props.isOwn(shift) ? (
                  <button type="button" className="con-btn con-btn--small" onClick={() => props.onUndo(shift)} data-testid={`security-undo-${shift.id}`}>
                    <Bi k="console.security.undo" />
                  </button>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      {gaps.length > 0 ? <p className="con-security__gaps">{bi.t('console.security.gaps', { ranges: gaps.map((gap) => `${gap.from}–${gap.to}`).join(', ') })}</p> : null}
    </li>
  );
}
