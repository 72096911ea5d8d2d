/**
 * `/wall`: the big screen in the hall (1920×1080 first; everything scales with the viewport, from
 * 1280×720 to 3840×2160). Read-only, nobody touches it for two days: no scrollbars, no cursor,
 * the screen kept awake, the whole stage stepping a few px every few minutes against burn-in,
 * nothing animating while nothing happens. Numbers
 * stay on screen, greyed, when the data is not live, with the connection indicator saying how
 * old they are; the socket module reconnects by itself.
 *
 * This file owns the layout (which parts show, from `?hide=`) and the header, headline, message
 * and footer; the hearts, agency board, charts and milestone slot are their own modules.
 *
 * Languages (client/i18n, strings in client/i18n/wall/): Vietnamese big with a small English
 * line by default; `?lang=en` (remembered on the device) puts English alone, with English
 * numbers and dates. The language switch shows only while the mouse moves.
 *
 * Stable test hooks (API.md): `total-donated`, `agency-<id>`, `connection`.
 */
import { Component, lazy, memo, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { WALK_IN_AGENCY_ID } from '../../../shared/constants.ts';
import { addCounts, emptyCounts, type Counts } from '../../../shared/projection.ts';
import { DEFAULT_TIMEZONE } from '../../../shared/time.ts';
import type { StateBody } from '../../../shared/view.ts';
import { ConnectionStatus } from '../../components/ConnectionStatus.tsx';
import { Heart } from '../../components/Heart.tsx';
import { TabularDigits } from '../../components/TabularDigits.tsx';
import { Bi, Rich, Second, tIn, useBi } from '../../i18n/bilingual.tsx';
import { LanguageSwitch, useLang, type Lang } from '../../i18n/index.ts';
import type { MilestoneLike } from '../../lib/celebrations.ts';
import { chartDataOf } from '../../lib/chartData.ts';
import { dayLabel } from '../../lib/festivalDay.ts';
import { heartScale } from '../../lib/heartLayout.ts';
import { percentOf } from '../../lib/labels.ts';
import { projectQuotaTime, zonedTime } from '../../lib/pace.ts';
import { useNow } from '../../lib/useNow.ts';
import { useWakeLock } from '../../lib/wakeLock.ts';
import { useBurnInShift } from '../../lib/burnIn.ts';
import { firstCountedByAgency, latestThanks, type Thanks } from '../../lib/wallData.ts';
import { wallOptions, type WallOptions } from '../../lib/wallOptions.ts';
import { useShallow } from 'zustand/react/shallow';
import { useIsLive, useLiveProjection, useLiveStore, useStateBody, type LiveProjection } from '../../stores/liveStore.ts';
import { AgencyBoard, type BoardRow } from './AgencyBoard.tsx';
import { Bar } from './Bar.tsx';
import { CelebrationOverlay, DEMO_CELEBRATION, useCelebration } from './Celebration.tsx';
import { CeremonyOverlay } from './CeremonyOverlay.tsx';
import { CountUp } from './CountUp.tsx';
import { HeartsCanvas } from './HeartsCanvas.tsx';
import { useThrottled } from './useThrottled.ts';
import './wall.css';

// Recharts is most of the wall's weight: its own chunk, loaded after the first paint.
const loadCharts = () => import('./ChartsPanel.tsx');
let ChartsPanel = lazy(loadCharts);
const CHARTS_RETRY_MS = 30_000;

/**
 * The charts must never take the wall down: if their chunk cannot load (the server restarted
 * mid-load) or they throw, the panel says so and tries again by itself, with a fresh import.
 */
class ChartsBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  private timer: ReturnType<typeof setTimeout> | null = null;

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.error('wall charts', error);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      ChartsPanel = lazy(loadCharts);
      this.setState({ failed: false });
    }, CHARTS_RETRY_MS);
  }

  override componentWillUnmount(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <section className="wall__charts panel" data-testid="charts-unavailable">
        <p className="chart__empty">
          <Bi k="wall.charts.unavailable" />
        </p>
      </section>
    );
  }
}

/** A double click (or F) toggles full screen: for whoever sets the wall up, once. */
function useFullscreenToggle(): void {
  useEffect(() => {
    const toggle = (): void => {
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
      else void document.documentElement.requestFullscreen?.().catch(() => undefined);
    };
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'f' || event.key === 'F') toggle();
    };
    document.addEventListener('dblclick', toggle);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('dblclick', toggle);
      document.removeEventListener('keydown', onKey);
    };
  }, []);
}

/** Charts lag the data by at most this long: they are the slow-moving part of the screen. */
const CHARTS_EVERY_MS = 10_000;

/** Fields the state body gains with the milestone engine and wall message (optional: older servers). */
interface WallMessage {
  text: string;
  at: string;
}
type EventExtras = { celebrationSeconds?: number; thankYouNames?: boolean };
type BodyExtras = { wallMessage?: WallMessage | null };

const DEMO_MESSAGE: WallMessage = {
  text: 'Mời các đoàn viên Tỉnh đoàn chuẩn bị lên sân khấu lúc 10:30 · Xin cảm ơn!',
  at: new Date(0).toISOString(),
};

// ---- header ---------------------------------------------------------------------------------

/** Ticks every second on its own; an event does not re-render it (its props are strings). */
const weekdayFormats = new Map<string, Intl.DateTimeFormat>();

/** "Thứ sáu" · "Friday": the day of the week in the event's zone. */
function weekday(now: number, timeZone: string, lang: Lang): string {
  const id = `${lang}\u0001${timeZone}`;
  let format = weekdayFormats.get(id);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { weekday: 'long', timeZone });
    weekdayFormats.set(id, format);
  }
  const text = format.format(now);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const WallClock = memo(function WallClock({ timeZone, festivalDays }: { timeZone: string; festivalDays: string }) {
  const now = useNow(1000);
  const bi = useBi(timeZone);
  const time = bi.fmt.time(now, true);
  const day = dayLabel(now, timeZone, festivalDays ? festivalDays.split(',') : undefined);
  const date = bi.fmt.date(day.day);
  const main = day.festivalDay ? bi.t('wall.header.festivalDay', { n: bi.fmt.number(day.festivalDay), date }) : bi.t('wall.header.otherDay', { weekday: weekday(now, timeZone, bi.lang), date });
  // Vietnamese chosen: the festival day in English beside it, short (the header has little room).
  const second = bi.lang === 'vi' && day.festivalDay ? tIn('en', 'wall.header.festivalDayShort', { n: day.festivalDay }) : null;
  return (
    <div className="wall__when" data-testid="clock">
      <div className="wall__day" data-testid="wall-day" data-festival-day={day.festivalDay ?? undefined}>
        {main}
        {second ? (
          <span className="en" lang="en">
            {' '}
            {second}
          </span>
        ) : null}
      </div>
      <div className="wall__time num">
        <TabularDigits text={time.slice(0, 5)} />
        <span className="wall__seconds">
          <TabularDigits text={time.slice(5)} />
        </span>
      </div>
    </div>
  );
});

function WallHeader({ event, donated }: { event: StateBody['event'] | undefined; donated: number | null }) {
  const timeZone = event?.timezone ?? DEFAULT_TIMEZONE;
  const bi = useBi(timeZone);
  // English chosen: the event's English name when it has one, and English alone.
  const name = (bi.lang === 'en' ? event?.nameEn || event?.name : event?.name) ?? bi.t('common.eventFallback');
  const nameEn = bi.lang === 'vi' ? event?.nameEn : null;
  return (
    <header className="wall__header">
      {/* Re-mounted on each donation: the heart beats once. */}
      <Heart key={donated ?? 'none'} className={`wall__logo${donated !== null ? ' is-beating' : ''}`} />
      <div className="wall__titles">
        <h1 className={`wall__name${name.length > 72 ? ' is-long' : ''}`} data-testid="wall-name">
          {name}
        </h1>
        <p className="wall__venue">
          {event?.venue ?? ''}
          {nameEn ? (
            <span className="wall__name-en" lang="en">
              {' '}
              · {nameEn}
            </span>
          ) : null}
        </p>
      </div>
      <WallClock timeZone={timeZone} festivalDays={event?.days.join(',') ?? ''} />
    </header>
  );
}

// ---- headline ---------------------------------------------------------------------------------

function Stat({ label, value, testid, strong }: { label: ReactNode; value: string | number; testid: string; strong?: boolean }) {
  const bi = useBi();
  return (
    <div className={`stat${strong ? ' stat--strong' : ''}`}>
      {typeof value === 'number' ? (
        <CountUp value={value} className="stat__value num live-num" testid={testid} format={bi.fmt.number} />
      ) : (
        <div className="stat__value num live-num" data-testid={testid}>
          {value}
        </div>
      )}
      <div className="stat__label">{label}</div>
    </div>
  );
}

const Hero = memo(function Hero({ totals, target, today, festivalDay, showStats }: { totals: Counts | null; target: number; today: number | null; festivalDay: number | null; showStats: boolean }) {
  const bi = useBi();
  const fmt = bi.fmt;
  const donated = totals?.donated ?? 0;
  const pct = percentOf(donated, target);
  const todayLabel = festivalDay ? bi.t('wall.stats.todayDay', { n: fmt.number(festivalDay) }) : bi.t('wall.stats.today');
  return (
    <section className="wall__hero panel" aria-label={bi.inline('wall.hero.aria')}>
      <h2 className="wall__label" data-testid="wall-heading">
        <Bi k="wall.hero.title" />
      </h2>
      <div className="hero__total">
        {totals ? (
          <CountUp value={donated} className="hero__num num live-num" testid="total-donated" format={fmt.number} />
        ) : (
          <span className="hero__num num" data-testid="total-donated">
            —
          </span>
        )}
      </div>
      <div className="hero__target">
        {target > 0 ? (
          <>
            <span className="num" data-testid="wall-target">
              / {fmt.number(target)}
            </span>{' '}
            <span className="hero__unit">{bi.t('wall.hero.target')}</span> <Second text={bi.pair('wall.hero.target').second} />
          </>
        ) : (
          <span className="hero__unit">{bi.t('wall.hero.units')}</span>
        )}
      </div>
      {target > 0 ? (
        <div className="hero__progress">
          <Bar value={donated} max={target} className="bar--hero live-num" />
          <span className="hero__pct num live-num">{pct !== null ? fmt.percent(pct) : ''}</span>
        </div>
      ) : null}
      {showStats ? (
        <div className="hero__stats">
          <Stat
            label={
              <>
                {todayLabel} <Second text={bi.pair('wall.stats.today').second} />
              </>
            }
            value={today ?? 0}
            testid="today-donated"
            strong
          />
          <Stat label={<Bi k="wall.stats.litres" />} value={totals ? fmt.litres(totals.volumeMl) : '—'} testid="total-volume" />
          <Stat label={<Bi k="wall.stats.checkedIn" />} value={totals ? fmt.number(totals.checkedIn) : '—'} testid="total-checked-in" />
          <Stat label={<Bi k="wall.stats.registered" />} value={totals ? fmt.number(totals.registered) : '—'} testid="total-registered" />
        </div>
      ) : null}
    </section>
  );
});

const HeartsPanel = memo(function HeartsPanel({ target, donated, theme }: { target: number; donated: number; theme: string }) {
  const { hearts, perHeart } = heartScale(target);
  const filled = Math.floor(donated / perHeart);
  const over = target > 0 ? donated - target : 0;
  const bi = useBi();
  return (
    <section className="wall__hearts panel live-dim" aria-label={bi.inline('wall.hearts.aria')} data-testid="hearts" data-hearts={hearts} data-filled={Math.min(filled, hearts)}>
      <h2 className="wall__label hearts__title">
        <Bi k={hearts === 1000 ? 'wall.hearts.titleThousand' : 'wall.hearts.title'} v={(fmt) => ({ n: fmt.number(hearts) })} />
      </h2>
      <HeartsCanvas hearts={hearts} filled={filled} theme={theme} />
      <p className="hearts__caption">
        <Bi k={perHeart === 1 ? 'wall.hearts.perOne' : 'wall.hearts.perMany'} v={(fmt) => ({ n: fmt.number(perHeart) })} />
        {over > 0 ? <b className="hearts__over num"> · {bi.t('wall.hearts.over', { n: bi.fmt.number(over) })}</b> : null}
      </p>
    </section>
  );
});

// ---- message, footer --------------------------------------------------------------------------

function MessageBanner({ message }: { message: WallMessage }) {
  return (
    <div className="wall__message" role="status" data-testid="wall-message">
      <span className="wall__message-icon" aria-hidden="true">
        <Heart />
      </span>
      <span className={`wall__message-text${message.text.length > 90 ? ' is-long' : ''}`}>{message.text}</span>
    </div>
  );
}

const NO_THANKS: LiveProjection = { projection: null, version: 0 };

function useThanks(enabled: boolean): Thanks[] {
  // The live projection while thanks are shown (a new object on every change), read at most every 4 s.
  const live = useLiveStore(useShallow((s) => (enabled ? { projection: s.projection, version: s.version } : NO_THANKS)));
  const slow = useThrottled(live, 4000);
  return useMemo(() => (enabled ? latestThanks(slow.projection, 8) : []), [enabled, slow]);
}

function Ticker({ body, thanksOn }: { body: StateBody | null; thanksOn: boolean }) {
  const thanks = useThanks(thanksOn);
  const now = useNow(5000);
  const bi = useBi();
  const agencyName = (id: string): string => {
    if (id === WALK_IN_AGENCY_ID) return bi.t('wall.board.walkIns');
    const agency = body?.agencies.find((a) => a.id === id);
    return (bi.lang === 'en' ? agency?.nameEn || agency?.name : agency?.name) ?? '';
  };
  if (thanks.length > 0) {
    const pick = thanks[Math.floor(now / 5000) % thanks.length]!;
    return (
      <p className="wall__ticker wall__ticker--thanks" data-testid="thanks" key={pick.key}>
        <Heart className="wall__ticker-heart" /> <Rich k="wall.ticker.thanks" nodes={{ agency: <b>{agencyName(pick.agencyId)}</b> }} /> <Second text={bi.pair('wall.ticker.thankYou').second} />
      </p>
    );
  }
  const latest = body?.milestones.reduce<StateBody['milestones'][number] | null>((last, m) => (!last || m.reachedAt > last.reachedAt ? m : last), null);
  if (latest) {
    return (
      <p className="wall__ticker wall__ticker--milestone" data-testid="latest-milestone">
        <Heart className="wall__ticker-heart" /> {latest.label}
      </p>
    );
  }
  return (
    <p className="wall__ticker">
      <Bi k="wall.ticker.slogan" />
    </p>
  );
}

// ---- layout -----------------------------------------------------------------------------------

/** The main grid for the parts that show. */
export function mainGrid(show: { hearts: boolean; agencies: boolean; charts: boolean }): React.CSSProperties {
  const left = show.hearts ? ['hero', 'hearts'] : ['hero'];
  const leftCols = show.hearts ? ['minmax(0, 0.8fr)', 'minmax(0, 0.9fr)'] : ['minmax(0, 1.7fr)'];
  const cols = show.agencies ? [...leftCols, 'minmax(0, 1.2fr)'] : show.hearts ? ['minmax(0, 1fr)', 'minmax(0, 1fr)'] : ['minmax(0, 1fr)'];
  const top = show.agencies ? [...left, 'agencies'] : left;
  const rows = [top];
  if (show.charts) rows.push(show.agencies ? [...left.map(() => 'charts'), 'agencies'] : left.map(() => 'charts'));
  return {
    gridTemplateColumns: cols.join(' '),
    gridTemplateRows: show.charts ? 'minmax(0, 1fr) minmax(0, 0.48fr)' : 'minmax(0, 1fr)',
    gridTemplateAreas: rows.map((r) => `"${r.join(' ')}"`).join(' '),
  };
}

function sumCounts(rows: Counts[]): Counts {
  return rows.reduce(addCounts, emptyCounts());
}

/** The agency rows with their projection (from each agency's first donation of the day, kept by the projection). */
function useBoardRows(body: StateBody | null, now: number, day: string, timeZone: string, closes: string | null): BoardRow[] {
  const countOn = body?.event?.countOn ?? 'donated';
  // A new object on every change of the live data (the projection changes in place).
  const live = useLiveProjection();
  const firstTimes = useMemo(() => firstCountedByAgency(live.projection, day, countOn), [live, day, countOn]);
  const dayEndsAt = closes ? zonedTime(day, closes, timeZone) : zonedTime(day, '24:00', timeZone);
  return (body?.agencies ?? [])
    .filter((a) => a.id !== WALK_IN_AGENCY_ID && a.quota !== null && a.quota > 0)
    .map((a) => {
      const counted = a[countOn];
      const doneToday = a.days[day]?.[countOn] ?? 0;
      return {
        id: a.id,
        name: a.name,
        nameEn: a.nameEn,
        quota: a.quota!,
        counted,
        donated: a.donated,
        checkedIn: a.checkedIn,
        registered: a.registered,
        eta: projectQuotaTime({ quota: a.quota, doneTotal: counted, doneToday, firstTodayAt: firstTimes.get(a.id) ?? null, now, dayEndsAt }),
      };
    });
}

function ChartsLoading() {
  return <>{useBi().inline('wall.charts.loading')}</>;
}

/**
 * The language switch, for whoever sets the wall up: shown only while the mouse moves (and a
 * few seconds after), never on the projected screen otherwise. `?lang=en` is the usual way.
 */
const SWITCH_SHOWN_MS = 5000;

function WallLanguageSwitch() {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onMove = (): void => {
      setShown(true);
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => setShown(false), SWITCH_SHOWN_MS);
    };
    document.addEventListener('mousemove', onMove, { passive: true });
    return () => {
      document.removeEventListener('mousemove', onMove);
      if (timer) clearTimeout(timer);
    };
  }, []);
  return shown ? <LanguageSwitch className="wall__lang" /> : null;
}

function ChartsSlot({ body, now, timeZone }: { body: StateBody | null; now: number; timeZone: string }) {
  // The series are derived from a throttled body: an event costs the charts nothing.
  const slowBody = useThrottled(body, CHARTS_EVERY_MS);
  // Recomputed once a minute: as of the minute's start (quarter hours and days begin on a minute).
  const minute = Math.floor(now / 60_000);
  const fresh = useMemo(() => chartDataOf(slowBody, minute * 60_000, timeZone), [slowBody, minute, timeZone]);
  const key = useMemo(() => JSON.stringify(fresh), [fresh]);
  const data = useThrottled(fresh, 0, key);
  return (
    <ChartsBoundary>
      <Suspense
        fallback={
          <section className="wall__charts panel" data-testid="charts-loading" aria-busy="true">
            <p className="chart__empty">
              <ChartsLoading />
            </p>
          </section>
        }
      >
        <ChartsPanel data={data} />
      </Suspense>
    </ChartsBoundary>
  );
}

export function WallView({ options = wallOptions(), theme = 'dark' }: { options?: WallOptions; theme?: string }) {
  useWakeLock();
  useFullscreenToggle();
  const [shiftX, shiftY] = useBurnInShift();
  const body = useStateBody();
  const live = useIsLive();
  const now = useNow(60_000);
  const event = body?.event as (StateBody['event'] & EventExtras) | null | undefined;
  const timeZone = event?.timezone ?? DEFAULT_TIMEZONE;
  const day = dayLabel(now, timeZone, event?.days);
  const show = { hearts: !options.hide.has('hearts'), agencies: !options.hide.has('agencies'), charts: !options.hide.has('charts') };

  const target = body?.target ?? 0;
  const today = body ? (body.days.find((d) => d.date === day.day)?.donated ?? 0) : null;
  const rows = useBoardRows(body, now, day.day, timeZone, options.closes);
  const others = body ? sumCounts(body.agencies.filter((a) => a.id !== WALK_IN_AGENCY_ID && !(a.quota !== null && a.quota > 0))) : null;

  const message = options.demo === 'message' ? DEMO_MESSAGE : ((body as (StateBody & BodyExtras) | null)?.wallMessage ?? null);
  const demo = useMemo(() => (options.demo === 'milestone' ? { celebration: DEMO_CELEBRATION, seconds: options.demoSeconds } : null), [options]);
  const { current: celebration, seconds } = useCelebration((body?.milestones as MilestoneLike[] | undefined) ?? null, event?.celebrationSeconds, demo);
  const lang = useLang();
  const celebrationAgencyRow = celebration?.agencyId ? body?.agencies.find((a) => a.id === celebration.agencyId) : undefined;
  const celebrationAgency = (lang === 'en' ? celebrationAgencyRow?.nameEn || celebrationAgencyRow?.name : celebrationAgencyRow?.name) ?? null;

  return (
    <div className={`wall ${live ? 'is-live' : 'is-not-live'}${celebration ? ' is-celebrating' : ''}`} data-testid="wall" data-lang={lang} data-hide={[...options.hide].join(',') || undefined}>
      <div className="wall__stage" style={{ ['--shift-x' as string]: `${shiftX}px`, ['--shift-y' as string]: `${shiftY}px` }}>
        {options.hide.has('header') ? null : <WallHeader event={event} donated={body?.totals.donated ?? null} />}
        {message ? <MessageBanner message={message} /> : null}
        <main className="wall__main" style={mainGrid(show)}>
          <Hero totals={body?.totals ?? null} target={target} today={today} festivalDay={day.festivalDay} showStats={!options.hide.has('stats')} />
          {show.hearts ? <HeartsPanel target={target} donated={body?.totals.donated ?? 0} theme={theme} /> : null}
          {show.agencies ? <AgencyBoard rows={rows} others={others} walkIns={body?.walkIns ?? null} timeZone={timeZone} pageSeconds={options.pageSeconds} loading={!body} /> : null}
          {show.charts ? <ChartsSlot body={body} now={now} timeZone={timeZone} /> : null}
        </main>
        <footer className="wall__footer">
          <ConnectionStatus className="wall__conn" />
          <Ticker body={body} thanksOn={event?.thankYouNames === true && !options.hide.has('names')} />
        </footer>
        <CeremonyOverlay />
        {celebration ? <CelebrationOverlay celebration={celebration} seconds={seconds} agencyName={celebrationAgency} /> : null}
      </div>
      <WallLanguageSwitch />
    </div>
  );
}
