/**
 * The run-of-show: now / next with a countdown (shared/runOfShow.ts, also used by the MC view
 * and the wall), and the programme as editable items (start time, duration).
 */
import { useState, type FormEvent } from 'react';
import { formatDate, formatTime } from '../../../shared/format.ts';
import type { ScheduleItem } from '../../../shared/projection.ts';
import { daysOfRunOfShow, endMs, formatCountdown, itemsOfDay, nowNext, startMs } from '../../../shared/runOfShow.ts';
import { useClock } from './useClock.ts';
import type { SubmitOutcome } from '../../outbox/outbox.ts';
import { DateTimeField } from './ConsoleDateTime.tsx';
import { Bi, OutcomeNote, PendingMark } from './ConsoleParts.tsx';
import { formatDuration, fromLocalInput, slugOf, toLocalInput, type Pending } from './model.ts';
import { send } from './pending.ts';
import type { ConsoleModel } from './useConsole.ts';

type Item = Pending<ScheduleItem>;

const QUICK_TITLES: { vi: string; en: string }[] = [
  { vi: 'Đón tiếp, đăng ký', en: 'Welcome and registration' },
  { vi: 'Văn nghệ chào mừng', en: 'Welcome performances' },
  { vi: 'Khai mạc', en: 'Opening' },
  { vi: 'Lễ tôn vinh', en: 'Honouring ceremony' },
  { vi: 'Hiến máu', en: 'Blood donation' },
  { vi: 'Bế mạc', en: 'Closing' },
];

const QUICK_DURATIONS = [15, 30, 45, 60, 90];

function liveItems(items: readonly Item[]): Item[] {
  return items.filter((item) => !item.removing);
}

function range(item: ScheduleItem, timeZone: string): string {
  return item.durationMin > 0 ? `${formatTime(item.start, timeZone)}–${formatTime(endMs(item), timeZone)}` : formatTime(item.start, timeZone);
}

/** One line at the top of every tab: what is on, what is next, the countdown. */
export function NowNextStrip({ model, onOpen }: { model: ConsoleModel; onOpen: () => void }) {
  const now = useClock(1000);
  const items = liveItems(model.schedule);
  if (items.length === 0) return null;
  const { now: current, next, nowEndsInMs, nextStartsInMs } = nowNext(items, now);
  if (!current && !next) return null;
  return (
    <button type="button" className="con-strip" onClick={onOpen} data-testid="now-next-strip">
      {current ? (
        <span className="con-strip__part">
          <span className="con-strip__tag con-strip__tag--now">Đang diễn ra</span> <strong>{current.title}</strong>{' '}
          <span className="con-strip__time num">còn {formatCountdown(nowEndsInMs ?? 0)}</span>
        </span>
      ) : null}
      {next ? (
        <span className="con-strip__part">
          <span className="con-strip__tag">Tiếp theo</span> <strong>{next.title}</strong>{' '}
          <span className="con-strip__time num">
            {formatTime(next.start, model.timeZone)} · sau {formatCountdown(nextStartsInMs ?? 0)}
          </span>
        </span>
      ) : null}
    </button>
  );
}

function NowNextCard({ model }: { model: ConsoleModel }) {
  const now = useClock(1000);
  const { now: current, ongoing, next, nowEndsInMs, nextStartsInMs, nowProgress } = nowNext(liveItems(model.schedule), now);
  const also = ongoing.filter((item) => item !== current);
  return (
    <div className="con-nownext" data-testid="now-next">
      <div className="con-nownext__block" data-testid="now">
        <div className="con-nownext__label">
          Đang diễn ra <span className="en">Now</span>
        </div>
        {current ? (
          <>
            <div className="con-nownext__title">{current.title}</div>
            {current.titleEn ? <div className="en">{current.titleEn}</div> : null}
            <div className="con-nownext__time num">
              {range(current, model.timeZone)} · còn <strong data-testid="now-countdown">{formatCountdown(nowEndsInMs ?? 0)}</strong>{' '}
              <span className="en">left</span>
            </div>
            <div className="con-progress" aria-hidden="true">
              <div className="con-progress__bar" style={{ width: `${Math.round((nowProgress ?? 0) * 100)}%` }} />
            </div>
            {also.length > 0 ? (
              <div className="con-muted">
                Cùng lúc: {also.map((item) => item.title).join(', ')} <span className="en">Also on</span>
              </div>
            ) : null}
          </>
        ) : (
          <div className="con-muted">
            Không có mục nào đang diễn ra. <span className="en">Nothing on right now.</span>
          </div>
        )}
      </div>
      <div className="con-nownext__block" data-testid="next">
        <div className="con-nownext__label">
          Tiếp theo <span className="en">Next</span>
        </div>
        {next ? (
          <>
            <div className="con-nownext__title">{next.title}</div>
            {next.titleEn ? <div className="en">{next.titleEn}</div> : null}
            <div className="con-nownext__time num">
              {formatTime(next.start, model.timeZone)} · {formatDate(next.start, model.timeZone)} · sau{' '}
              <strong data-testid="next-countdown">{formatCountdown(nextStartsInMs ?? 0)}</strong> <span className="en">to go</span>
            </div>
          </>
        ) : (
          <div className="con-muted">
            Không còn mục nào. <span className="en">Nothing left.</span>
          </div>
        )}
      </div>
    </div>
  );
}

export function RunOfShowPanel({ model }: { model: ConsoleModel }) {
  const now = useClock(15_000);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  if (!model.body) return <p className="con-empty">Đang chờ dữ liệu… · Waiting for data…</p>;
  const days = daysOfRunOfShow(model.schedule, model.timeZone);
  const current = nowNext(liveItems(model.schedule), now);
  return (
    <section className="con-ros" aria-labelledby="con-ros-title">
      <div className="con-section-head">
        <h2 id="con-ros-title" className="con-h2">
          Chương trình <span className="en">Run-of-show</span>
        </h2>
      </div>
      <NowNextCard model={model} />
      {adding ? (
        <ItemForm model={model} onDone={() => setAdding(false)} />
      ) : (
        <button type="button" className="con-btn con-btn--wide" data-testid="ros-add" onClick={() => setAdding(true)}>
          + Thêm mục <span className="en">Add an item</span>
        </button>
      )}
      {days.length === 0 ? (
        <p className="con-empty">
          <Bi vi="Chưa có chương trình. Thêm các mục: khai mạc, tôn vinh, văn nghệ, giờ hiến máu…" en="No programme yet: add the opening, honouring, performances, donation hours…" block />
        </p>
      ) : null}
      {days.map((day) => {
        const index = model.festivalDays.indexOf(day);
        return (
          <section key={day} className="con-phase" data-testid={`ros-day-${day}`}>
            <h3 className="con-phase__title">
              <span>
                {index >= 0 ? `Ngày hội ${index + 1} · ` : ''}
                {formatDate(day)} <span className="en">{index >= 0 ? `Festival day ${index + 1}` : ''}</span>
              </span>
            </h3>
            <ol className="con-ros__list">
              {itemsOfDay(model.schedule, day, model.timeZone).map((item) => {
                const state = current.ongoing.includes(item) ? 'now' : endMs(item) <= now && startMs(item) < now ? 'past' : current.next === item ? 'next' : 'later';
                return (
                  <li key={item.id} className={`con-ros__item con-ros__item--${state} ${item.removing ? 'is-removing' : ''}`} data-testid={`ros-item-${item.id}`} data-state={state}>
                    {editing === item.id ? (
                      <ItemForm model={model} item={item} onDone={() => setEditing(null)} />
                    ) : (
                      <ItemRow item={item} model={model} onEdit={() => setEditing(item.id)} />
                    )}
                  </li>
                );
              })}
            </ol>
          </section>
        );
      })}
    </section>
  );
}

function ItemRow({ item, model, onEdit }: { item: Item; model: ConsoleModel; onEdit: () => void }) {
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<SubmitOutcome | null>(null);
  const duration = formatDuration(item.durationMin);
  const remove = (): void => {
    setConfirming(false);
    void send('schedule.item_removed', { itemId: item.id }, { waitMs: 4000 }).then((result) => {
      if (result.status === 'rejected') setOutcome(result);
    });
  };
  return (
    <>
      <button type="button" className="con-ros__row" aria-expanded={open} onClick={() => setOpen(!open)} data-testid={`ros-open-${item.id}`}>
        <span className="con-ros__time num">{range(item, model.timeZone)}</span>
        <span className="con-ros__what">
          <strong>{item.title}</strong>
          {item.titleEn ? <span className="en con-en-block">{item.titleEn}</span> : null}
          <span className="con-muted">
            {duration.vi} <span className="en">{duration.en}</span>
          </span>
          {item.note ? <span className="con-ros__note">“{item.note}”</span> : null}
          {item.pending ? <PendingMark /> : null}
        </span>
      </button>
      {item.removing || !open ? null : (
        <div className="con-actions">
          <button type="button" className="con-btn con-btn--small" onClick={onEdit} data-testid={`ros-edit-${item.id}`}>
            <Bi vi="Sửa" en="Edit" />
          </button>
          {confirming ? (
            <>
              <button type="button" className="con-btn con-btn--small con-btn--danger" onClick={remove} data-testid={`ros-remove-confirm-${item.id}`}>
                <Bi vi="Xoá thật" en="Remove" />
              </button>
              <button type="button" className="con-btn con-btn--small" onClick={() => setConfirming(false)}>
                <Bi vi="Không" en="No" />
              </button>
            </>
          ) : (
            <button type="button" className="con-btn con-btn--small con-btn--danger-ghost" onClick={() => setConfirming(true)} data-testid={`ros-remove-${item.id}`}>
              <Bi vi="Xoá" en="Remove" />
            </button>
          )}
        </div>
      )}
      <OutcomeNote outcome={outcome} />
    </>
  );
}

function defaultStart(model: ConsoleModel): string {
  const items = liveItems(model.schedule);
  const last = items.reduce<number | null>((latest, item) => Math.max(latest ?? 0, endMs(item)), null);
  if (last !== null) return toLocalInput(last, model.timeZone);
  const first = model.festivalDays[0];
  return first ? `${first}T07:00` : '';
}

function ItemForm({ model, item, onDone }: { model: ConsoleModel; item?: Item; onDone: () => void }) {
  const [title, setTitle] = useState(item?.title ?? '');
  const [titleEn, setTitleEn] = useState(item?.titleEn ?? '');
  const [start, setStart] = useState(item ? toLocalInput(item.start, model.timeZone) : defaultStart(model));
  const [duration, setDuration] = useState(String(item?.durationMin ?? 30));
  const [note, setNote] = useState(item?.note ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<SubmitOutcome | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setProblem(null);
    setOutcome(null);
    const startIso = fromLocalInput(start, model.timeZone);
    const minutes = Number(duration);
    if (!title.trim()) return setProblem('Cần nhập tên mục · a title is needed');
    if (!startIso) return setProblem('Giờ bắt đầu không hợp lệ · the start time is not valid');
    if (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440) return setProblem('Thời lượng từ 0 đến 1440 phút · duration 0 to 1440 minutes');
    const payload = {
      itemId: item?.id ?? `ros-${slugOf(title, 24)}-${Date.now().toString(36)}`,
      title: title.trim(),
      ...(titleEn.trim() ? { titleEn: titleEn.trim() } : {}),
      start: startIso,
      durationMin: minutes,
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    setBusy(true);
    const result = await send('schedule.item_set', payload, { waitMs: 1500 });
    setBusy(false);
    if (result.status === 'rejected') setOutcome(result);
    else onDone();
  };

  return (
    <form className="con-form" onSubmit={(e) => void submit(e)} data-testid={item ? 'ros-edit-form' : 'ros-add-form'}>
      <h4 className="con-h4">{item ? <Bi vi="Sửa mục" en="Edit item" /> : <Bi vi="Thêm mục chương trình" en="Add an item" />}</h4>
      {item ? null : (
        <div className="con-chips" role="group" aria-label="Gợi ý · Suggestions">
          {QUICK_TITLES.map((q) => (
            <button
              key={q.vi}
              type="button"
              className={`con-chip ${title === q.vi ? 'is-on' : ''}`}
              onClick={() => {
                setTitle(q.vi);
                setTitleEn(q.en);
              }}
            >
              {q.vi}
            </button>
          ))}
        </div>
      )}
      <label className="con-field">
        <span className="con-field__label">
          Tên mục <span className="en">Title</span>
        </span>
        <input className="con-input" name="title" required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label className="con-field">
        <span className="con-field__label">
          Tên tiếng Anh (không bắt buộc) <span className="en">English title, optional</span>
        </span>
        <input className="con-input" name="titleEn" maxLength={200} value={titleEn} onChange={(e) => setTitleEn(e.target.value)} />
      </label>
      <DateTimeField
        name="start"
        label={{ vi: 'Bắt đầu (giờ Việt Nam)', en: 'Start (Vietnam time)' }}
        value={start}
        onChange={setStart}
        timeZone={model.timeZone}
        festivalDays={model.festivalDays}
      />
      <label className="con-field">
        <span className="con-field__label">
          Thời lượng (phút) <span className="en">Duration (minutes)</span>
        </span>
        <input className="con-input" type="number" inputMode="numeric" name="durationMin" min={0} max={1440} step={5} value={duration} onChange={(e) => setDuration(e.target.value)} />
      </label>
      <div className="con-chips" role="group" aria-label="Thời lượng · Duration">
        {QUICK_DURATIONS.map((m) => (
          <button key={m} type="button" className={`con-chip ${duration === String(m) ? 'is-on' : ''}`} onClick={() => setDuration(String(m))}>
            {m} phút
          </button>
        ))}
      </div>
      <label className="con-field">
        <span className="con-field__label">
          Ghi chú <span className="en">Note</span>
        </span>
        <input className="con-input" name="note" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      {problem ? (
        <p className="con-outcome con-outcome--error" role="alert">
          {problem}
        </p>
      ) : null}
      <OutcomeNote outcome={outcome} />
      <div className="con-actions">
        <button type="submit" className="con-btn con-btn--primary" disabled={busy} data-testid="ros-form-save">
          <Bi vi="Lưu" en="Save" />
        </button>
        <button type="button" className="con-btn" onClick={onDone}>
          <Bi vi="Huỷ" en="Cancel" />
        </button>
      </div>
    </form>
  );
}
