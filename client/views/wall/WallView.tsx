/**
 * `/wall`: the big screen in the hall (1920×1080 first; scales with the viewport). Read-only,
 * nobody touches it: no scrollbars, no cursor. Numbers stay on screen, greyed, when the data is
 * not live, with the connection indicator saying how old they are.
 *
 * Stable test hooks (API.md): `total-donated`, `agency-<id>`, `connection`.
 */
import { WALK_IN_AGENCY_ID } from '../../../shared/constants.ts';
import { formatDate, formatNumber, formatTime } from '../../../shared/format.ts';
import type { Counts } from '../../../shared/projection.ts';
import { DEFAULT_TIMEZONE } from '../../../shared/time.ts';
import type { AgencyRow, StateBody } from '../../../shared/view.ts';
import { ConnectionIndicator } from '../../components/ConnectionIndicator.tsx';
import { Heart } from '../../components/Heart.tsx';
import { formatLitres, percentOf } from '../../lib/labels.ts';
import { useNow } from '../../lib/useNow.ts';
import { useIsLive, useStateBody } from '../../stores/liveStore.ts';
import './wall.css';

const DEFAULT_NAME = 'Ngày hội hiến máu “Hải Dương ngàn trái tim hồng”';

const weekdayFormats = new Map<string, Intl.DateTimeFormat>();
function weekday(now: number, timeZone: string): string {
  let format = weekdayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('vi-VN', { weekday: 'long', timeZone });
    weekdayFormats.set(timeZone, format);
  }
  const text = format.format(now);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function WallClock({ timeZone }: { timeZone: string }) {
  const now = useNow(1000);
  const time = formatTime(now, timeZone, true);
  return (
    <div className="wall__clock" data-testid="clock">
      <div className="wall__time num">
        {time.slice(0, 5)}
        <span className="wall__seconds">{time.slice(5)}</span>
      </div>
      <div className="wall__date">
        {weekday(now, timeZone)}, {formatDate(now, timeZone)}
      </div>
    </div>
  );
}

function Bar({ value, max, className = '' }: { value: number; max: number; className?: string }) {
  const ratio = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  return (
    <div className={`bar ${className}`} role="presentation">
      <div className="bar__fill" style={{ transform: `scaleX(${ratio})` }} />
    </div>
  );
}

function Hero({ body }: { body: StateBody | null }) {
  const totals = body?.totals;
  const target = body?.target ?? 0;
  const donated = totals?.donated ?? 0;
  const pct = percentOf(donated, target);
  return (
    <section className="wall__hero panel" aria-label="Tổng số · Totals">
      <h2 className="wall__label">
        Đơn vị máu đã hiến <span className="en">Units of blood donated</span>
      </h2>
      <div className="wall__total">
        <span className="wall__total-num num live-num" data-testid="total-donated" data-value={totals ? donated : undefined}>
          {totals ? formatNumber(donated) : '—'}
        </span>
        {target > 0 ? (
          <span className="wall__target num">
            / {formatNumber(target)} <span className="wall__unit">đơn vị máu</span>
          </span>
        ) : (
          <span className="wall__target">
            <span className="wall__unit">đơn vị máu</span>
          </span>
        )}
      </div>
      {target > 0 ? (
        <div className="wall__progress">
          <Bar value={donated} max={target} className="bar--hero live-num" />
          <span className="wall__pct num live-num">{pct !== null ? `${formatNumber(pct)}%` : ''}</span>
        </div>
      ) : null}
      <div className="wall__stats">
        <Stat vi="Đã đến" en="Checked in" value={totals ? formatNumber(totals.checkedIn) : '—'} testid="total-checked-in" />
        <Stat vi="Đã đăng ký" en="Registered" value={totals ? formatNumber(totals.registered) : '—'} testid="total-registered" />
        <Stat vi="Lít máu" en="Litres of blood" value={totals ? formatLitres(totals.volumeMl) : '—'} testid="total-volume" />
      </div>
    </section>
  );
}

function Stat({ vi, en, value, testid }: { vi: string; en: string; value: string; testid: string }) {
  return (
    <div className="stat">
      <div className="stat__value num live-num" data-testid={testid}>
        {value}
      </div>
      <div className="stat__label">
        {vi} <span className="en">{en}</span>
      </div>
    </div>
  );
}

function AgencyLine({ agency, countOn }: { agency: AgencyRow; countOn: 'donated' | 'checkedIn' }) {
  const reached = agency[countOn];
  const quota = agency.quota ?? 0;
  const pct = percentOf(reached, quota) ?? 0;
  return (
    <li
      className={`agency ${pct >= 100 ? 'agency--met' : ''}`}
      data-testid={`agency-${agency.id}`}
      data-donated={agency.donated}
      data-checked-in={agency.checkedIn}
      data-quota={quota}
    >
      <div className="agency__top">
        <span className="agency__name" title={agency.nameEn ?? undefined}>
          {agency.name}
        </span>
        <span className="agency__checked num live-num">
          {formatNumber(agency.checkedIn)} <span className="agency__small">đã đến</span>
        </span>
        <span className="agency__count num live-num">
          <b>{formatNumber(agency.donated)}</b> / {formatNumber(quota)}
        </span>
        <span className="agency__pct num live-num">{formatNumber(pct)}%</span>
      </div>
      <Bar value={reached} max={quota} className="live-num" />
    </li>
  );
}

function PlainLine({ id, vi, en, counts }: { id: string; vi: string; en: string; counts: Counts }) {
  return (
    <li className="agency agency--plain" data-testid={`agency-${id}`} data-donated={counts.donated} data-checked-in={counts.checkedIn}>
      <div className="agency__top">
        <span className="agency__name">
          {vi} <span className="en">{en}</span>
        </span>
        <span className="agency__checked num live-num">
          {formatNumber(counts.checkedIn)} <span className="agency__small">đã đến</span>
        </span>
        <span className="agency__count num live-num">
          <b>{formatNumber(counts.donated)}</b> <span className="agency__small">đã hiến</span>
        </span>
      </div>
    </li>
  );
}

function sumCounts(rows: Counts[]): Counts {
  const total: Counts = { registered: 0, checkedIn: 0, donated: 0, deferred: 0, volumeMl: 0 };
  for (const row of rows) {
    total.registered += row.registered;
    total.checkedIn += row.checkedIn;
    total.donated += row.donated;
    total.deferred += row.deferred;
    total.volumeMl += row.volumeMl;
  }
  return total;
}

function Agencies({ body }: { body: StateBody | null }) {
  const rows = body?.agencies.filter((a) => a.id !== WALK_IN_AGENCY_ID) ?? [];
  const withQuota = rows.filter((a) => a.quota !== null && a.quota > 0);
  const others = sumCounts(rows.filter((a) => !(a.quota !== null && a.quota > 0)));
  const showOthers = others.registered + others.checkedIn + others.donated > 0;
  const countOn = body?.event?.countOn ?? 'donated';
  const lines = withQuota.length + 1 + (showOthers ? 1 : 0);
  return (
    <section className="wall__agencies panel" aria-label="Các đơn vị · Agencies">
      <h2 className="wall__label">
        Tiến độ các đơn vị <span className="en">Agencies: donated / quota</span>
      </h2>
      <ul className="agencies" style={{ ['--n' as string]: Math.max(lines, 5) }}>
        {withQuota.map((agency) => (
          <AgencyLine key={agency.id} agency={agency} countOn={countOn} />
        ))}
        {showOthers ? <PlainLine id="others" vi="Các đơn vị khác" en="Other agencies" counts={others} /> : null}
        {body ? <PlainLine id={WALK_IN_AGENCY_ID} vi="Hiến máu tự do" en="Walk-ins" counts={body.walkIns} /> : null}
        {!body ? <li className="agencies__waiting">Đang tải dữ liệu… · Loading…</li> : null}
      </ul>
    </section>
  );
}

function LatestMilestone({ body }: { body: StateBody | null }) {
  const latest = body?.milestones.reduce<StateBody['milestones'][number] | null>(
    (last, m) => (!last || m.reachedAt > last.reachedAt ? m : last),
    null,
  );
  if (!latest) return <p className="wall__slogan">Một giọt máu cho đi · Một cuộc đời ở lại</p>;
  return (
    <p className="wall__milestone" data-testid="latest-milestone">
      <Heart className="wall__milestone-heart" /> {latest.label}
    </p>
  );
}

export function WallView() {
  const body = useStateBody();
  const live = useIsLive();
  const event = body?.event;
  const timeZone = event?.timezone ?? DEFAULT_TIMEZONE;
  return (
    <div className={`wall ${live ? 'is-live' : 'is-not-live'}`} data-testid="wall">
      <header className="wall__header">
        <Heart className="wall__logo" />
        <div className="wall__titles">
          <h1 className="wall__name">{event?.name ?? DEFAULT_NAME}</h1>
          <p className="wall__venue">{event?.venue ?? ''}</p>
          {event?.nameEn ? (
            <p className="wall__name-en" lang="en">
              {event.nameEn}
            </p>
          ) : null}
        </div>
        <WallClock timeZone={timeZone} />
      </header>
      <main className="wall__main">
        <Hero body={body} />
        <Agencies body={body} />
      </main>
      <footer className="wall__footer">
        <ConnectionIndicator className="wall__conn" />
        <LatestMilestone body={body} />
      </footer>
    </div>
  );
}
