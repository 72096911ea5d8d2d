/**
 * `/live`: the public counter (issue 19), for anyone with the link — a phone in the hall's queue,
 * the provincial portal's frame. No token, no framework: plain DOM, so that its script stays a
 * few kilobytes on a slow link (React alone would be 60 KB).
 *
 * The figures come over the Socket.IO namespace `/public` (no token; the server sends them on
 * connecting and at most once a second after a change). While that is down — refused when too
 * many watch, a proxy without websockets, no signal — it reads `GET /api/public` (aggregates
 * only; cacheable, 304 when nothing changed) every few seconds while the page is visible. It shows: units donated against the festival target, a
 * heart per unit (up to 300), each agency with a quota and its progress, the festival days, the
 * programme item on now, and where the parade is. Vietnamese first, English small beside it;
 * numbers, dates and times as in Việt Nam, in the event's time zone. When the data cannot be
 * refreshed it says since when, greyed, and goes on trying by itself.
 *
 * `?embed=1` drops the page's margins and header for a frame on another site.
 */
import '../../styles/base.css';
import './live.css';
import { formatDate, formatNumber, formatTime } from '../../../shared/format.ts';
import { FIGURES } from '../../../shared/figures.ts';
import type { PublicBody } from '../../../shared/publicView.ts';
import { PUBLIC_NAMESPACE } from '../../../shared/publicNamespace.ts';
import type { PublicServerToClientEvents } from '../../../shared/protocol.ts';
import { io, type Socket } from 'socket.io-client';

const POLL_MS = 3000;
/** While the socket is up, a read now and then all the same (a socket can look up and be dead). */
const CONNECTED_POLL_MS = 60_000;
const HIDDEN_POLL_MS = 30_000;
const STALE_AFTER_MS = 15_000;
const MAX_HEARTS = 300;

const root = document.getElementById('live')!;
if (new URLSearchParams(location.search).get('embed') === '1') document.documentElement.classList.add('live--embed');

let body: PublicBody | null = null;
let etag: string | null = null;
let lastOk = 0;
let failing = false;
let connected = false;
let timer: ReturnType<typeof setTimeout> | null = null;

/** Text with the English small beside it. */
function bi(vi: string, en: string): string {
  return `${escape(vi)} <span class="en" lang="en">${escape(en)}</span>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const n = (value: number) => formatNumber(value);

/** The programme item on now and the next one, on this device's clock. */
function programme(data: PublicBody, now: number): { now: PublicBody['schedule'][number] | null; next: PublicBody['schedule'][number] | null } {
  const items = [...data.schedule].sort((a, b) => a.start.localeCompare(b.start));
  const current = items.find((item) => Date.parse(item.start) <= now && now < Date.parse(item.start) + item.durationMin * 60_000) ?? null;
  const next = items.find((item) => Date.parse(item.start) > now) ?? null;
  return { now: current, next };
}

function render(): void {
  if (!body) return;
  const data = body;
  const tz = data.event?.timezone;
  const countOn = data.event?.countOn ?? 'donated';
  const done = data.totals[countOn];
  const percent = data.target > 0 ? Math.min(100, Math.floor((done / data.target) * 100)) : 0;
  const hearts = Math.min(MAX_HEARTS, data.totals.donated);
  const { now: onNow, next } = programme(data, Date.now());
  const passed = data.parade.filter((point) => point.passedAt);
  const lastPassed = passed.at(-1);
  const nextPoint = data.parade.find((point) => !point.passedAt);
  const agencies = data.agencies.filter((a) => a.quota !== null && a.quota > 0).sort((a, b) => b[countOn] / b.quota! - a[countOn] / a.quota!);
  const age = lastOk ? Date.now() - lastOk : 0;
  const stale = !connected && (failing || age > STALE_AFTER_MS);

  root.classList.toggle('live--stale', stale);
  root.innerHTML = `
    <header class="live__head">
      <h1 class="live__title">${escape(data.event?.name ?? 'Ngày hội hiến máu')}</h1>
      <p class="live__sub">${escape(data.event?.venue ?? '')}${data.event ? ` · ${data.event.days.map((d) => formatDate(d)).join(', ')}` : ''}</p>
      <p class="live__conn live__conn--${stale ? 'stale' : 'live'}" data-testid="connection" data-state="${stale ? (failing ? 'offline' : 'stale') : 'live'}" role="status">
        ${stale ? bi(`Chưa cập nhật được · số liệu lúc ${formatTime(lastOk || Date.now(), tz)}`, `Not updated · figures as of ${formatTime(lastOk || Date.now(), tz)}`) : bi('Trực tiếp', 'Live')}
      </p>
    </header>
    <section class="card live__total">
      <h2 class="live__figure">${bi(FIGURES[countOn].vi, FIGURES[countOn].en)}</h2>
      <p class="live__big"><strong data-testid="live-donated">${n(done)}</strong> <span class="live__of">/ ${n(data.target)}</span></p>
      <div class="live__bar" role="progressbar" aria-valuemin="0" aria-valuemax="${data.target}" aria-valuenow="${done}"><span style="width:${percent}%"></span></div>
      <p class="live__line">${bi(`${FIGURES.target.vi}: ${n(data.target)} người · đạt ${n(percent)} %`, `${FIGURES.target.en}: ${n(data.target)} people · ${n(percent)} %`)}</p>
      <p class="live__line">${bi(`${FIGURES.checkedIn.vi}: ${n(data.totals.checkedIn)}`, FIGURES.checkedIn.en)} · ${bi(`${FIGURES.volumeMl.vi.replace(' (ml)', '')}: ${formatNumber(Math.round(data.totals.volumeMl / 100) / 10)} lít`, 'litres')}</p>
      <div class="live__hearts" aria-label="${n(data.totals.donated)} đơn vị máu" data-count="${hearts}">${'<i></i>'.repeat(hearts)}</div>
    </section>
    ${
      onNow || next || lastPassed
        ? `<section class="card live__card">
      ${onNow ? `<p class="live__now">${bi('Đang diễn ra', 'Now')}: <strong>${escape(onNow.title)}</strong></p>` : ''}
      ${next ? `<p class="live__line">${bi('Tiếp theo', 'Next')}: ${escape(next.title)} · ${formatTime(next.start, tz)}</p>` : ''}
      ${lastPassed ? `<p class="live__line">${bi('Đoàn diễu hành đã qua', 'The parade passed')}: <strong>${escape(lastPassed.name)}</strong> · ${formatTime(lastPassed.passedAt!, tz)}${nextPoint ? ` → ${escape(nextPoint.name)}` : ''}</p>` : ''}
    </section>`
        : ''
    }
    <section class="card live__card">
      <h2 class="live__h2">${bi('Các đơn vị', 'Agencies')}</h2>
      <ul class="live__agencies">
        ${agencies
          .map((a) => {
            const p = Math.min(100, Math.floor((a[countOn] / a.quota!) * 100));
            return `<li data-testid="live-agency-${escape(a.id)}" data-count="${a[countOn]}"><span class="live__aname">${escape(a.name)}</span><span class="live__anum">${n(a[countOn])} / ${n(a.quota!)}</span><div class="live__bar live__bar--small"><span style="width:${p}%"></span></div></li>`;
          })
          .join('')}
      </ul>
    </section>
    <section class="card live__card">
      <h2 class="live__h2">${bi('Theo ngày', 'By day')}</h2>
      <table class="live__days"><thead><tr><th></th><th>${escape(FIGURES.checkedIn.vi)}</th><th>${escape(FIGURES[countOn].vi)}</th></tr></thead><tbody>
        ${(data.event?.days ?? data.days.map((d) => d.date))
          .map((day, i) => {
            const row = data.days.find((d) => d.date === day);
            return `<tr><th>${bi(`Ngày ${i + 1} · ${formatDate(day)}`, `Day ${i + 1}`)}</th><td>${n(row?.checkedIn ?? 0)}</td><td>${n(row?.[countOn] ?? 0)}</td></tr>`;
          })
          .join('')}
      </tbody></table>
    </section>
    <p class="live__foot">${bi(`Cập nhật lúc ${formatTime(lastOk || Date.now(), tz, true)} · chỉ số liệu tổng hợp, không có thông tin cá nhân`, 'aggregates only, no personal data')}</p>`;
}

async function refresh(): Promise<void> {
  try {
    const response = await fetch('/api/public', { headers: etag ? { 'if-none-match': etag } : {}, cache: 'no-cache' });
    if (response.status === 304) {
      lastOk = Date.now();
      failing = false;
    } else if (response.ok) {
      body = (await response.json()) as PublicBody;
      etag = response.headers.get('etag');
      lastOk = Date.now();
      failing = false;
    } else failing = true;
  } catch {
    failing = true;
  }
  if (body) render();
  else if (failing)
    root.innerHTML = `<p class="live__loading" data-testid="connection" data-state="offline">${bi('Chưa kết nối được máy chủ, đang thử lại…', 'Cannot reach the server, retrying…')}</p>`;
  schedule(connected ? CONNECTED_POLL_MS : document.visibilityState === 'hidden' ? HIDDEN_POLL_MS : POLL_MS);
}

/** One refresh pending at a time. */
function schedule(ms: number): void {
  if (timer !== null) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    void refresh();
  }, ms);
}

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') schedule(0);
});

const socket: Socket<PublicServerToClientEvents> = io(PUBLIC_NAMESPACE, { transports: ['websocket', 'polling'], reconnectionDelayMax: 10_000 });
socket.on('public', (next) => {
  body = next;
  etag = null;
  lastOk = Date.now();
  failing = false;
  render();
});
socket.on('connect', () => {
  connected = true;
  render();
});
const lost = () => {
  connected = false;
  render();
  schedule(0);
};
socket.on('disconnect', lost);
socket.on('connect_error', lost);
// The programme's "now" and the figures' age move with the clock.
setInterval(render, 30_000);
void refresh();
