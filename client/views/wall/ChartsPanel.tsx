/**
 * The wall's charts (recharts, loaded lazily in its own chunk): donations per 15 minutes today,
 * donations per day, and the blood-type split when types are known. It renders only when its
 * (throttled) data changes, never on each event, and without animations: a repaint costs one
 * render, not a second of frames.
 */
import { memo, useLayoutEffect, useRef, useState } from 'react';
import { Bar, BarChart, Cell, LabelList, Pie, PieChart, XAxis, YAxis } from 'recharts';
import { Bi, useBi, type BiTools } from '../../i18n/bilingual.tsx';
import type { ChartData } from '../../lib/chartData.ts';

interface Size {
  w: number;
  h: number;
}

function useSize<T extends HTMLElement>(): [React.RefObject<T | null>, Size] {
  const ref = useRef<T>(null);
  const [size, setSize] = useState<Size>({ w: 0, h: 0 });
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = (): void => {
      const w = Math.floor(element.clientWidth);
      const h = Math.floor(element.clientHeight);
      setSize((old) => (old.w === w && old.h === h ? old : { w, h }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, size];
}

interface Palette {
  accent: string;
  accent2: string;
  muted: string;
  text: string;
  ok: string;
}

function palette(): Palette {
  const style = getComputedStyle(document.documentElement);
  const get = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    accent: get('--accent', '#ff3366'),
    accent2: get('--accent-2', '#ff8fab'),
    muted: get('--muted', '#d9a7b6'),
    text: get('--text', '#fff3f6'),
    ok: get('--ok', '#5fd38d'),
  };
}

/** The wall's unit (1 % of a 16:9 frame's height) in px, for chart text. */
function unitPx(): number {
  return Math.min(window.innerHeight / 100, (window.innerWidth * 0.5625) / 100);
}

const BLOOD_COLOURS = ['#ff3366', '#ff8fab', '#c2185b', '#f06292', '#ad1457', '#ffb3c6', '#880e4f', '#ff6f91'];

function ChartCard({ k, testid, children }: { k: string; testid: string; children: (size: Size) => React.ReactNode }) {
  const [ref, size] = useSize<HTMLDivElement>();
  return (
    <figure className="chart" data-testid={testid}>
      <figcaption className="chart__title">
        <Bi k={k} />
      </figcaption>
      <div className="chart__plot" ref={ref}>
        {size.w > 20 && size.h > 20 ? children(size) : null}
      </div>
    </figure>
  );
}

const enShortDate = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short' });

/**
 * A day's axis label (lib/chartData.ts writes "Ngày 1 · 19/7", or "21/7" outside the festival)
 * in the chosen language: "Day 1 · 19 Jul", "21 Jul" in English.
 */
function dayTick(label: string, bi: BiTools): string {
  const match = /^(?:Ngày (\d+) · )?(\d+)\/(\d+)$/.exec(label);
  if (!match) return label;
  const [, n, d, m] = match;
  const date = bi.lang === 'vi' ? `${d}/${m}` : enShortDate.format(Date.UTC(2000, Number(m) - 1, Number(d)));
  return n ? bi.t('wall.charts.dayTick', { n: bi.fmt.number(Number(n)), date }) : date;
}

/** "Ngày 1 · 19/7" on two lines under its bar. */
function DayTick({ x, y, label, fill, size }: { x: number; y: number; label: string; fill: string; size: number }) {
  const [first, second] = label.split(' · ');
  return (
    <text x={x} y={y} textAnchor="middle" fill={fill} fontSize={size}>
      <tspan x={x} dy={size}>
        {first}
      </tspan>
      {second ? (
        <tspan x={x} dy={size * 1.15}>
          {second}
        </tspan>
      ) : null}
    </text>
  );
}

function Empty({ k }: { k: string }) {
  return (
    <p className="chart__empty">
      <Bi k={k} />
    </p>
  );
}

function ChartsPanelImpl({ data }: { data: ChartData }) {
  const bi = useBi();
  const formatNumber = bi.fmt.number;
  const colours = palette();
  const u = unitPx();
  const tick = { fill: colours.muted, fontSize: Math.round(u * 1.5) };
  const showBlood = data.bloodTypes.length > 0;
  return (
    <section className={`wall__charts panel${showBlood ? ' has-blood' : ''}`} aria-label={bi.inline('wall.charts.aria')} data-testid="charts">
      <ChartCard k="wall.charts.quarters" testid="chart-quarters">
        {({ w, h }) =>
          data.quarters.length === 0 ? (
            <Empty k="wall.charts.quartersEmpty" />
          ) : (
            <BarChart width={w} height={h} data={data.quarters} margin={{ top: u * 0.6, right: 0, bottom: 0, left: 0 }} barCategoryGap="15%">
              <XAxis dataKey="label" tick={tick} tickLine={false} axisLine={{ stroke: colours.muted, strokeOpacity: 0.3 }} minTickGap={u * 2} interval="preserveStartEnd" />
              <YAxis tick={tick} tickLine={false} axisLine={false} allowDecimals={false} width={u * 4} tickFormatter={(v: number) => formatNumber(v)} />
              <Bar dataKey="donated" fill={colours.accent} radius={[u * 0.4, u * 0.4, 0, 0]} isAnimationActive={false} />
            </BarChart>
          )
        }
      </ChartCard>
      <ChartCard k="wall.charts.days" testid="chart-days">
        {({ w, h }) =>
          data.days.length === 0 ? (
            <Empty k="wall.charts.daysEmpty" />
          ) : (
            <BarChart width={w} height={h} data={data.days} margin={{ top: u * 3, right: u, bottom: 0, left: u }} barCategoryGap="22%">
              <XAxis
                dataKey="label"
                tick={(props: { x?: number | string; y?: number | string; payload?: { value?: unknown } }) => (
                  <DayTick x={Number(props.x)} y={Number(props.y)} label={dayTick(String(props.payload?.value ?? ''), bi)} fill={colours.muted} size={tick.fontSize} />
                )}
                tickLine={false}
                axisLine={{ stroke: colours.muted, strokeOpacity: 0.3 }}
                interval={0}
                height={tick.fontSize * 3.2}
              />
              <YAxis hide domain={[0, 'dataMax']} />
              <Bar dataKey="donated" radius={[u * 0.5, u * 0.5, 0, 0]} isAnimationActive={false}>
                {data.days.map((d) => (
                  <Cell key={d.label} fill={d.today ? colours.accent : colours.accent2} fillOpacity={d.today ? 1 : 0.75} />
                ))}
                <LabelList dataKey="donated" position="top" fill={colours.text} fontSize={Math.round(u * 2)} fontWeight={800} formatter={(v: unknown) => formatNumber(Number(v))} />
              </Bar>
            </BarChart>
          )
        }
      </ChartCard>
      {showBlood ? (
        <ChartCard k="wall.charts.blood" testid="chart-blood">
          {({ w, h }) => {
            const radius = Math.max(10, Math.min(w * 0.2, h / 2) - u * 0.3);
            return (
              <div className="blood">
                <PieChart width={radius * 2 + u * 0.6} height={h}>
                  <Pie data={data.bloodTypes} dataKey="donated" nameKey="type" innerRadius={radius * 0.55} outerRadius={radius} stroke="none" paddingAngle={1.5} isAnimationActive={false}>
                    {data.bloodTypes.map((t, i) => (
                      <Cell key={t.type} fill={BLOOD_COLOURS[i % BLOOD_COLOURS.length]} />
                    ))}
                  </Pie>
                </PieChart>
                <ul className="blood__legend num">
                  {data.bloodTypes.map((t, i) => (
                    <li key={t.type}>
                      <span className="blood__swatch" style={{ background: BLOOD_COLOURS[i % BLOOD_COLOURS.length] }} />
                      <b>{t.type}</b> {formatNumber(t.donated)}
                    </li>
                  ))}
                  {data.unknownBloodType > 0 ? (
                    <li className="blood__unknown">
                      <Bi k="wall.charts.unknown" /> {formatNumber(data.unknownBloodType)}
                    </li>
                  ) : null}
                </ul>
              </div>
            );
          }}
        </ChartCard>
      ) : null}
    </section>
  );
}

export const ChartsPanel = memo(ChartsPanelImpl);
export default ChartsPanel;
