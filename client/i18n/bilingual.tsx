/**
 * Vietnamese first with a small English line beside it — what the operational pages (/console,
 * /mc) show for mixed crews — or English alone once English is chosen. Every string still comes
 * from the catalogs; these helpers only pick the language(s) and lay them out.
 *
 * - `useBi()`: `bi.t(key, values)` in the chosen language, `bi.pair(key, values)` →
 *   `{ main, second }` (second: the English text while Vietnamese is chosen, else null),
 *   `bi.inline(key)` → "Vietnamese · English" for a `<option>` or an aria-label.
 * - `<Bi k="console.tabs.tasks" />`: the main text, then `<span class="en">` with the English one.
 * - `<BiPair pair={{ vi, en }} />`: the same for text made elsewhere (a model's labels).
 * - `<Rich k="…" nodes={{ n: <strong>12</strong> }} />`: a sentence with elements in place of
 *   its `{{n}}`, so a number can be stressed or carry a test hook.
 * - Outside React: `tIn(lang, key, values)` and `pairOf(key, values)` ({ vi, en }).
 *
 * `values` may be a function of the language's formatter, so each language writes its own
 * numbers and dates: `(fmt) => ({ n: fmt.number(1234) })` gives 1.234 in Vietnamese, 1,234 in
 * English.
 */
import { Fragment, useMemo, type ReactNode } from 'react';
import { useLang, type Lang } from './core.ts';
import { formatterFor, useFormat, type Formatter } from './format.ts';
import { pick, secondOf, splitRich, tIn, type Shown, type Values } from './pairs.ts';

export { pairOf, pick, secondOf, splitRich, tIn, type Pair, type Shown, type Values } from './pairs.ts';

export interface BiTools {
  lang: Lang;
  fmt: Formatter;
  t(key: string, values?: Values): string;
  pair(key: string, values?: Values): Shown;
  /** "Vietnamese · English" (English alone in English), for text that cannot hold markup. */
  inline(key: string, values?: Values): string;
  pick(pair: { vi: string; en?: string | null }): Shown;
}

/** The helpers for the chosen language; `timeZone` overrides the live data's event zone. */
export function useBi(timeZone?: string): BiTools {
  const lang = useLang();
  const liveFmt = useFormat();
  const zone = timeZone ?? liveFmt.timeZone;
  return useMemo(() => {
    const fmt = formatterFor(lang, zone);
    const second = secondOf(lang);
    const pair = (key: string, values?: Values): Shown => {
      const main = tIn(lang, key, values, zone);
      const other = second ? tIn(second, key, values, zone) : null;
      return { main, second: other && other !== main ? other : null };
    };
    return {
      lang,
      fmt,
      t: (key, values) => tIn(lang, key, values, zone),
      pair,
      inline(key, values) {
        const shown = pair(key, values);
        return shown.second ? `${shown.main} · ${shown.second}` : shown.main;
      },
      pick: (p) => pick(lang, p),
    };
  }, [lang, zone]);
}

/** The small line: a span (or a block) marked with its language. */
export function Second({ text, lang = 'en', block = false }: { text: string | null; lang?: Lang; block?: boolean }) {
  if (!text) return null;
  return (
    <span className={block ? 'en en--block' : 'en'} lang={lang}>
      {text}
    </span>
  );
}

function ShownText({ shown, block }: { shown: Shown; block: boolean }) {
  if (!shown.second) return <>{shown.main}</>;
  return (
    <>
      {shown.main} <Second text={shown.second} block={block} />
    </>
  );
}

/** A catalog key: the chosen language, then (Vietnamese chosen) the English, smaller. */
export function Bi({ k, v, block = false, tz }: { k: string; v?: Values; block?: boolean; tz?: string }) {
  const bi = useBi(tz);
  return <ShownText shown={bi.pair(k, v)} block={block} />;
}

/** The same for a pair made elsewhere ({ vi, en }). */
export function BiPair({ pair: value, block = false }: { pair: { vi: string; en?: string | null }; block?: boolean }) {
  const lang = useLang();
  return <ShownText shown={pick(lang, value)} block={block} />;
}

/** A sentence in the chosen language with elements in place of some of its values. */
export function Rich({ k, v, nodes, tz }: { k: string; v?: Values; nodes: Record<string, ReactNode>; tz?: string }) {
  const lang = useLang();
  const parts = splitRich(lang, k, v, Object.keys(nodes), tz);
  return <>{parts.map((part, i) => (typeof part === 'string' ? <Fragment key={i}>{part}</Fragment> : <Fragment key={i}>{nodes[part.name]}</Fragment>))}</>;
}
