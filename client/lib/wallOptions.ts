/**
 * The wall's URL options, parsed once at boot (pure: takes the query string):
 *
 * - `?theme=light` — light colours for daylight LED screens (applied by lib/theme.ts);
 * - `?hide=chart,hearts,agencies,stats,header,names` — hide parts of the screen;
 * - `?closes=17:30` — when collection ends each day (agency projections never land later);
 *   the end of the calendar day by default;
 * - `?page=12` — seconds per page of the agency board when it needs more than one;
 * - `?demo=milestone|message` — show a fixture celebration or wall message (rehearsals, tests);
 *   `?demoSeconds=5` shortens the demo celebration.
 */
import { parseClosingTime } from './pace.ts';

export type WallPart = 'hearts' | 'agencies' | 'charts' | 'stats' | 'header' | 'names';

const PART_ALIASES: Record<string, WallPart> = {
  heart: 'hearts',
  hearts: 'hearts',
  agency: 'agencies',
  agencies: 'agencies',
  board: 'agencies',
  chart: 'charts',
  charts: 'charts',
  stats: 'stats',
  header: 'header',
  names: 'names',
  thanks: 'names',
};

export interface WallOptions {
  hide: ReadonlySet<WallPart>;
  closes: string | null;
  pageSeconds: number;
  demo: 'milestone' | 'message' | null;
  demoSeconds: number | null;
}

export const DEFAULT_PAGE_SECONDS = 12;

export function parseWallOptions(search: string): WallOptions {
  const params = new URLSearchParams(search);
  const hide = new Set<WallPart>();
  for (const value of params.getAll('hide')) {
    for (const word of value.split(/[\s,+]+/)) {
      const part = PART_ALIASES[word.trim().toLowerCase()];
      if (part) hide.add(part);
    }
  }
  const pageSeconds = Number(params.get('page'));
  const demo = params.get('demo');
  const demoSeconds = Number(params.get('demoSeconds'));
  return {
    hide,
    closes: parseClosingTime(params.get('closes')),
    pageSeconds: Number.isFinite(pageSeconds) && pageSeconds >= 3 && pageSeconds <= 600 ? pageSeconds : DEFAULT_PAGE_SECONDS,
    demo: demo === 'milestone' || demo === 'message' ? demo : null,
    demoSeconds: Number.isFinite(demoSeconds) && demoSeconds > 0 && demoSeconds <= 600 ? demoSeconds : null,
  };
}

let current: WallOptions | null = null;

/** The options of this page load. */
export function wallOptions(): WallOptions {
  current ??= parseWallOptions(typeof window === 'undefined' ? '' : window.location.search);
  return current;
}
