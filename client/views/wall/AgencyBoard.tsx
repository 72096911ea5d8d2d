/**
 * The agency board: every agency with a quota, its progress bar (counted / quota, %), checked in
 * and registered beside it, a celebration when the quota is met, and the time it should be met
 * at today's pace. Never a scrollbar: when the rows do not fit, they are split into pages that
 * take turns. Every row stays in the DOM (off-page rows are hidden, not removed), so
 * `data-testid="agency-<id>"` always finds it.
 *
 * Pages are cut from the rows' measured heights, re-measured only when something that can change
 * a row's height changes (names, digit counts, the panel's size, a font finishing loading), never
 * on each event.
 */
import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Counts } from '../../../shared/projection.ts';
import { Bi, Rich, useBi } from '../../i18n/bilingual.tsx';
import { useLang } from '../../i18n/index.ts';
import { percentOf } from '../../lib/labels.ts';
import { cutPages } from '../../lib/pages.ts';
import { useFontsLoaded } from '../../lib/useFontsLoaded.ts';
import { Bar } from './Bar.tsx';

export interface BoardRow {
  id: string;
  name: string;
  nameEn: string | null;
  quota: number;
  /** What the quota is met on (donated, or checked in when the event counts check-ins). */
  counted: number;
  donated: number;
  checkedIn: number;
  registered: number;
  /** When the quota should be met at today's pace (epoch ms), or null. */
  eta: number | null;
}

/** Up to this many agencies, rows are set bigger. */
const ROOMY_ROWS = 6;
/** How long a newly met quota is celebrated on its row. */
const JUST_MET_MS = 12_000;

const AgencyLine = memo(function AgencyLine({ row, off, justMet, timeZone }: { row: BoardRow; off: boolean; justMet: boolean; timeZone: string }) {
  const bi = useBi(timeZone);
  const fmt = bi.fmt;
  const pct = percentOf(row.counted, row.quota) ?? 0;
  const met = row.counted >= row.quota;
  return (
    <li
      className={`agency${met ? ' agency--met' : ''}${justMet ? ' agency--just-met' : ''}${off ? ' is-off' : ''}`}
      data-testid={`agency-${row.id}`}
      data-donated={row.donated}
      data-checked-in={row.checkedIn}
      data-registered={row.registered}
      data-quota={row.quota}
      data-met={met ? 'true' : undefined}
      aria-hidden={off ? true : undefined}
    >
      <div className="agency__top">
        <span className="agency__name">{bi.lang === 'en' ? row.nameEn || row.name : row.name}</span>
        <span className="agency__count num live-num">
          <b>{fmt.number(row.counted)}</b>
          <span className="agency__of"> / {fmt.number(row.quota)}</span>
        </span>
        <span className="agency__pct num live-num" data-testid={`agency-${row.id}-pct`}>
          {fmt.percent(pct)}
        </span>
      </div>
      <Bar value={row.counted} max={row.quota} className="agency__bar live-num" />
      <div className="agency__bottom">
        <span className="agency__meta num live-num">
          {fmt.number(row.checkedIn)} <span className="agency__small">{bi.t('wall.board.checkedIn')}</span>
          <span className="agency__sep">·</span>
          {fmt.number(row.registered)} <span className="agency__small">{bi.t('wall.board.registered')}</span>
        </span>
        {met ? (
          <span className="agency__badge" data-testid={`agency-${row.id}-met`}>
            <span aria-hidden="true">♥</span> <Bi k="wall.board.met" />
          </span>
        ) : row.eta !== null ? (
          <span className="agency__eta live-num" data-testid={`agency-${row.id}-eta`}>
            <Rich k="wall.board.eta" nodes={{ time: <b className="num">{fmt.time(row.eta)}</b> }} />
          </span>
        ) : null}
      </div>
    </li>
  );
}, sameLine);

function sameLine(a: { row: BoardRow; off: boolean; justMet: boolean; timeZone: string }, b: { row: BoardRow; off: boolean; justMet: boolean; timeZone: string }): boolean {
  if (a.off !== b.off || a.justMet !== b.justMet || a.timeZone !== b.timeZone) return false;
  const x = a.row;
  const y = b.row;
  return (
    x.id === y.id &&
    x.name === y.name &&
    x.nameEn === y.nameEn &&
    x.quota === y.quota &&
    x.counted === y.counted &&
    x.donated === y.donated &&
    x.checkedIn === y.checkedIn &&
    x.registered === y.registered &&
    (x.eta === null) === (y.eta === null) &&
    (x.eta === null || y.eta === null || Math.floor(x.eta / 60_000) === Math.floor(y.eta / 60_000))
  );
}

/** What can change a row's height: its name, the width of its numbers, its third line. */
function shapeKey(rows: BoardRow[], lang: string): string {
  const digits = (n: number): number => String(Math.trunc(n)).length;
  return `${lang}\u0003${rows
    .map(
      (r) =>
        `${r.id}\u0001${r.name}\u0001${r.nameEn ?? ''}\u0001${digits(r.counted)}${digits(r.quota)}${digits(r.checkedIn)}${digits(r.registered)}${r.counted >= r.quota ? 'm' : r.eta !== null ? 'e' : '-'}`,
    )
    .join('\u0002')}`;
}

function useJustMet(rows: BoardRow[], ready: boolean): Set<string> {
  const known = useRef<Set<string> | null>(null);
  const [just, setJust] = useState<Set<string>>(() => new Set());
  // The agencies whose quota is met, as a string: the effect runs when the set changes, not on every render.
  const metKey = rows
    .filter((r) => r.counted >= r.quota)
    .map((r) => r.id)
    .join('\u0001');
  useEffect(() => {
    if (!ready) return;
    const met = metKey ? metKey.split('\u0001') : [];
    const now = new Set(met);
    const before = known.current;
    known.current = now;
    // The first look (page load) celebrates nothing: those quotas were met before.
    if (!before) return;
    const fresh = met.filter((id) => !before.has(id));
    if (fresh.length === 0) return;
    setJust((old) => new Set([...old, ...fresh]));
    const timer = setTimeout(() => {
      setJust((old) => {
        const next = new Set(old);
        for (const id of fresh) next.delete(id);
        return next;
      });
    }, JUST_MET_MS);
    return () => clearTimeout(timer);
  }, [metKey, ready]);
  return just;
}

export function AgencyBoard({
  rows,
  others,
  walkIns,
  timeZone,
  pageSeconds,
  loading,
}: {
  rows: BoardRow[];
  others: Counts | null;
  walkIns: Counts | null;
  timeZone: string;
  pageSeconds: number;
  loading: boolean;
}) {
  const viewportRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const [size, setSize] = useState({ w: 0, h: 0 });
  const [pages, setPages] = useState<string[][]>([]);
  const [pageIndex, setPageIndex] = useState(0);
  const fontsLoaded = useFontsLoaded();
  const justMet = useJustMet(rows, !loading);
  const bi = useBi(timeZone);
  const lang = useLang();
  const shape = shapeKey(rows, lang);

  useLayoutEffect(() => {
    const element = viewportRef.current;
    if (!element) return;
    const measure = (): void => {
      const w = Math.round(element.clientWidth);
      const h = Math.round(element.clientHeight);
      setSize((old) => (old.w === w && old.h === h ? old : { w, h }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list || size.h === 0) return;
    const items = [...list.querySelectorAll<HTMLLIElement>(':scope > li[data-testid]')];
    const ids = items.map((li) => li.dataset.testid!.slice('agency-'.length));
    const heights = items.map((li) => li.getBoundingClientRect().height);
    const gap = parseFloat(getComputedStyle(list).rowGap) || 0;
    const cut = cutPages(heights, gap, size.h).map((page) => page.map((i) => ids[i]!));
    setPages((old) => (JSON.stringify(old) === JSON.stringify(cut) ? old : cut));
  }, [shape, size.w, size.h, fontsLoaded]);

  const pageCount = Math.max(1, pages.length);
  const current = pageIndex % pageCount;

  useEffect(() => {
    if (pageCount <= 1) return;
    const timer = setInterval(() => setPageIndex((i) => (i + 1) % pageCount), pageSeconds * 1000);
    return () => clearInterval(timer);
  }, [pageCount, pageSeconds]);

  const onPage = new Set(pages[current] ?? rows.map((r) => r.id));
  const showOthers = others !== null && others.registered + others.checkedIn + others.donated > 0;

  return (
    <section className="wall__agencies panel" aria-label={bi.inline('wall.board.aria')} data-testid="agencies" data-pages={pageCount} data-page={current + 1}>
      <header className="board__head">
        <h2 className="wall__label">
          <Bi k="wall.board.title" />
        </h2>
        <span className="board__legend">
          <Bi k="wall.board.legend" />
        </span>
        {pageCount > 1 ? (
          <span className="board__pages" data-testid="agency-pages">
            {Array.from({ length: pageCount }, (_, i) => (
              <span key={i} className={`board__dot${i === current ? ' is-current' : ''}`} />
            ))}
            <span className="num">
              {bi.fmt.number(current + 1)}/{bi.fmt.number(pageCount)}
            </span>
          </span>
        ) : null}
      </header>
      <div className="board__viewport" ref={viewportRef}>
        <ul ref={listRef} className={`agencies${current % 2 ? ' is-odd' : ''}${rows.length <= ROOMY_ROWS ? ' is-roomy' : ''}`}>
          {rows.map((row) => (
            <AgencyLine key={row.id} row={row} off={pages.length > 0 && !onPage.has(row.id)} justMet={justMet.has(row.id)} timeZone={timeZone} />
          ))}
          {loading ? <li className="agencies__waiting">{bi.inline('wall.board.loading')}</li> : null}
          {!loading && rows.length === 0 ? <li className="agencies__waiting">{bi.inline('wall.board.noQuota')}</li> : null}
        </ul>
      </div>
      {others || walkIns ? (
        <footer className="board__foot num live-num">
          {showOthers ? (
            <span className="board__plain" data-testid="agency-others" data-donated={others.donated} data-checked-in={others.checkedIn}>
              <Bi k="wall.board.others" /> <b>{bi.fmt.number(others.donated)}</b> <span className="agency__small">{bi.t('wall.board.donated')}</span>
            </span>
          ) : null}
          {walkIns ? (
            <span className="board__plain" data-testid="agency-walk-in" data-donated={walkIns.donated} data-checked-in={walkIns.checkedIn}>
              <Bi k="wall.board.walkIns" /> <b>{bi.fmt.number(walkIns.donated)}</b> <span className="agency__small">{bi.t('wall.board.donated')}</span>
            </span>
          ) : null}
        </footer>
      ) : null}
    </section>
  );
}
