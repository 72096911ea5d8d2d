/**
 * The run-of-show: now / next with a countdown (shared/runOfShow.ts, also used by the MC view
 * and the wall), and the programme as editable items (start time, duration).
 */
import { useState, type FormEvent } from 'react';
import { formatTime } from '../../../shared/format.ts';
import type { ScheduleItem } from '../../../shared/projection.ts';
import { daysOfRunOfShow, endMs, formatCountdown, itemsOfDay, nowNext, startMs } from '../../../shared/runOfShow.ts';
import { useClock } from './useClock.ts';
import type { SubmitOutcome } from '../../device/send.ts';
import { Bi, BiPair, Rich, useBi } from '../../i18n/bilingual.tsx';
import { pairOf } from '../../i18n/pairs.ts';
import { DateTimeField } from './ConsoleDateTime.tsx';
import { ConsoleField, DataTitle, FormFooter, OutcomeNote, PendingMark } from './ConsoleParts.tsx';
import { formatDuration, fromLocalInput, slugOf, toLocalInput, type Pending } from './model.ts';
import { send } from '../../device/send.ts';
import { useFormSend } from './useFormSend.ts';
import type { ConsoleModel } from './useConsole.ts';

type Item = Pending<ScheduleItem>;

/** Titles offered as chips: a tap fills in the Vietnamese title and the English one. */
const QUICK_TITLES = ['welcome', 'performances', 'opening', 'honouring', 'donation', 'closing'] as const;

const QUICK_DURATIONS = [15, 30, 45, 60, 90];

function liveItems(items: readonly Item[]): Item[] {
  return items.filter((item) => !item.removing);
}

function range(item: ScheduleItem, timeZone: string): string {
  return item.durationMin > 0 ? `${formatTime(item.start, timeZone)}–${formatTime(endMs(item), timeZone)}` : formatTime(item.start, timeZone);
}

/** A run-of-show item's title in the chosen language (its English one, when it has one). */
function titleIn(lang: 'vi' | 'en', item: { title: string; titleEn?: string | null }): string {
  return lang === 'en' && item.titleEn ? item.titleEn : item.title;
}

/** One line at the top of every tab: what is on, what is next, the countdown. */
export function NowNextStrip({ model, onOpen }: { model: ConsoleModel; onOpen: () => void }) {
  const bi = useBi(model.timeZone);
  const now = useClock(1000);
  const items = liveItems(model.schedule);
  if (items.length === 0) return null;
  const { now: current, next, nowEndsInMs, nextStartsInMs } = nowNext(items, now);
  if (!current && !next) return null;
  return (
    <button type="button" className="con-strip" onClick={onOpen} data-testid="now-next-strip">
      {current ? (
        <span className="con-strip__part">
          <span className="con-strip__tag con-strip__tag--now">{bi.t('console.ros.now')}</span> <strong>{titleIn(bi.lang, current)}</strong>{' '}
          <span className="con-strip__time num">{bi.t('console.ros.left', { countdown: formatCountdown(nowEndsInMs ?? 0) })}</span>
        </span>
      ) : null}
      {next ? (
        <span className="con-strip__part">
          <span className="con-strip__tag">{bi.t('console.ros.next')}</span> <strong>{titleIn(bi.lang, next)}</strong>{' '}
          <span className="con-strip__time num">{bi.t('console.ros.stripNext', { time: formatTime(next.start, model.timeZone), countdown: formatCountdown(nextStartsInMs ?? 0) })}</span>
        </span>
      ) : null}
    </button>
  );
}

function NowNextCard({ model }: { model: ConsoleModel }) {
  const bi = useBi(model.timeZone);
  const now = useClock(1000);
  const { now: current, ongoing, next, nowEndsInMs, nextStartsInMs, nowProgress } = nowNext(liveItems(model.schedule), now);
  const also = ongoing.filter((item) => item !== current);
  return (
    <div className="con-nownext" data-testid="now-next">
      <div className="con-nownext__block" data-testid="now">
        <div className="con-nownext__label">
          <Bi k="console.ros.now" />
        </div>
        {current ? (
          <>
            <DataTitle as="div" className="con-nownext__title" title={current.title} titleEn={current.titleEn} />
            <div className="con-nownext__time num">
              {range(current, model.timeZone)} · <Rich k="console.ros.left" nodes={{ countdown: <strong data-testid="now-countdown">{formatCountdown(nowEndsInMs ?? 0)}</strong> }} />
            </div>
            <div className="con-progress" aria-hidden="true">
              <div className="con-progress__bar" style={{ width: `${Math.round((nowProgress ?? 0) * 100)}%` }} />
            </div>
            {also.length > 0 ? <div className="con-muted">{bi.t('console.ros.alsoOn', { titles: also.map((item) => titleIn(bi.lang, item)).join(', ') })}</div> : null}
          </>
        ) : (
          <div className="con-muted">
            <Bi k="console.ros.nothingNow" />
          </div>
        )}
      </div>
      <div className="con-nownext__block" data-testid="next">
        <div className="con-nownext__label">
          <Bi k="console.ros.next" />
        </div>
        {next ? (
          <>
            <DataTitle as="div" className="con-nownext__title" title={next.title} titleEn={next.titleEn} />
            <div className="con-nownext__time num">
              {formatTime(next.start, model.timeZone)} · {bi.fmt.date(next.start)} ·{' '}
              <Rich k="console.ros.startsIn" nodes={{ countdown: <strong data-testid="next-countdown">{formatCountdown(nextStartsInMs ?? 0)}</strong> }} />
            </div>
          </>
        ) : (
          <div className="con-muted">
            <Bi k="console.ros.nothingLeft" />
          </div>
        )}
      </div>
    </div>
  );
}

export function RunOfShowPanel({ model }: { model: ConsoleModel }) {
  const bi = useBi(model.timeZone);
  const now = useClock(15_000);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  if (!model.body) return <p className="con-empty">{bi.inline('common.waiting')}</p>;
  const days = daysOfRunOfShow(model.schedule, model.timeZone);
  const current = nowNext(liveItems(model.schedule), now);
  return (
    <section className="con-ros" aria-labelledby="con-ros-title">
      <div className="con-section-head">
        <h2 id="con-ros-title" className="con-h2">
          <Bi k="console.ros.title" />
        </h2>
      </div>
      <NowNextCard model={model} />
      {adding ? (
        <ItemForm model={model} onDone={() => setAdding(false)} />
      ) : (
        <button type="button" className="con-btn con-btn--wide" data-testid="ros-add" onClick={() => setAdding(true)}>
          + <Bi k="console.ros.add" />
        </button>
      )}
      {days.length === 0 ? (
        <p className="con-empty">
          <Bi k="console.ros.none" block />
        </p>
      ) : null}
      {days.map((day) => {
        const index = model.festivalDays.indexOf(day);
        return (
          <section key={day} className="con-phase" data-testid={`ros-day-${day}`}>
            <h3 className="con-phase__title">
              <span>{index >= 0 ? <Bi k="console.ros.festivalDay" v={(fmt) => ({ n: fmt.number(index + 1), date: fmt.date(day) })} /> : bi.fmt.date(day)}</span>
            </h3>
            <ol className="con-ros__list">
              {itemsOfDay(model.schedule, day, model.timeZone).map((item) => {
                const state = current.ongoing.includes(item) ? 'now' : endMs(item) <= now && startMs(item) < now ? 'past' : current.next === item ? 'next' : 'later';
                return (
                  <li key={item.id} className={`con-ros__item con-ros__item--${state} ${item.removing ? 'is-removing' : ''}`} data-testid={`ros-item-${item.id}`} data-state={state}>
                    {editing === item.id ? <ItemForm model={model} item={item} onDone={() => setEditing(null)} /> : <ItemRow item={item} model={model} onEdit={() => setEditing(item.id)} />}
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
          <DataTitle as="strong" title={item.title} titleEn={item.titleEn} />
          <span className="con-muted">
            <BiPair pair={duration} />
          </span>
          {item.note ? <span className="con-ros__note">“{item.note}”</span> : null}
          {item.pending ? <PendingMark /> : null}
        </span>
      </button>
      {item.removing || !open ? null : (
        <div className="con-actions">
          <button type="button" className="con-btn con-btn--small" onClick={onEdit} data-testid={`ros-edit-${item.id}`}>
            <Bi k="common.edit" />
          </button>
          {confirming ? (
            <>
              <button type="button" className="con-btn con-btn--small con-btn--danger" onClick={remove} data-testid={`ros-remove-confirm-${item.id}`}>
                <Bi k="console.ros.removeConfirm" />
              </button>
              <button type="button" className="con-btn con-btn--small" onClick={() => setConfirming(false)}>
                <Bi k="common.no" />
              </button>
            </>
          ) : (
            <button type="button" className="con-btn con-btn--small con-btn--danger-ghost" onClick={() => setConfirming(true)} data-testid={`ros-remove-${item.id}`}>
              <Bi k="common.remove" />
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
  const { busy, outcome, clearOutcome, sendForm } = useFormSend(onDone);
  const bi = useBi(model.timeZone);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setProblem(null);
    clearOutcome();
    const startIso = fromLocalInput(start, model.timeZone);
    const minutes = Number(duration);
    if (!title.trim()) return setProblem('console.rosForm.needTitle');
    if (!startIso) return setProblem('console.rosForm.badStart');
    if (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440) return setProblem('console.rosForm.badDuration');
    const payload = {
      itemId: item?.id ?? `ros-${slugOf(title, 24)}-${Date.now().toString(36)}`,
      title: title.trim(),
      ...(titleEn.trim() ? { titleEn: titleEn.trim() } : {}),
      start: startIso,
      durationMin: minutes,
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    await sendForm('schedule.item_set', payload);
  };

  return (
    <form className="con-form" onSubmit={(e) => void submit(e)} data-testid={item ? 'ros-edit-form' : 'ros-add-form'}>
      <h4 className="con-h4">
        <Bi k={item ? 'console.rosForm.editTitle' : 'console.rosForm.addTitle'} />
      </h4>
      {item ? null : (
        <div className="con-chips" role="group" aria-label={bi.inline('console.rosForm.suggestions')}>
          {QUICK_TITLES.map((id) => {
            const quick = pairOf(`console.rosForm.quick.${id}`);
            return (
              <button
                key={id}
                type="button"
                className={`con-chip ${title === quick.vi ? 'is-on' : ''}`}
                onClick={() => {
                  setTitle(quick.vi);
                  setTitleEn(quick.en);
                }}
              >
                {quick[bi.lang]}
              </button>
            );
          })}
        </div>
      )}
      <ConsoleField k="console.rosForm.title">
        <input className="con-input" name="title" required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
      </ConsoleField>
      <ConsoleField k="console.rosForm.titleEn">
        <input className="con-input" name="titleEn" maxLength={200} value={titleEn} onChange={(e) => setTitleEn(e.target.value)} />
      </ConsoleField>
      <DateTimeField name="start" label="console.rosForm.start" value={start} onChange={setStart} timeZone={model.timeZone} festivalDays={model.festivalDays} />
      <ConsoleField k="console.rosForm.duration">
        <input className="con-input" type="number" inputMode="numeric" name="durationMin" min={0} max={1440} step={5} value={duration} onChange={(e) => setDuration(e.target.value)} />
      </ConsoleField>
      <div className="con-chips" role="group" aria-label={bi.inline('console.rosForm.durationChips')}>
        {QUICK_DURATIONS.map((m) => (
          <button key={m} type="button" className={`con-chip ${duration === String(m) ? 'is-on' : ''}`} onClick={() => setDuration(String(m))}>
            {bi.pick(formatDuration(m)).main}
          </button>
        ))}
      </div>
      <ConsoleField k="console.rosForm.note">
        <input className="con-input" name="note" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      </ConsoleField>
      <FormFooter problem={problem} outcome={outcome} submit="common.save" disabled={busy} testId="ros-form-save" onCancel={onDone} />
    </form>
  );
}
