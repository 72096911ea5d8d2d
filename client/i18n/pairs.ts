/**
 * The pure half of ./bilingual.tsx (no React): a catalog key in a given language or in both,
 * for models and actions outside components. Documented there.
 */
import { translateIn, type Lang } from './core.ts';
import { formatterFor, type Formatter } from './format.ts';

export type Values = Record<string, unknown> | ((fmt: Formatter) => Record<string, unknown>);

export interface Pair {
  vi: string;
  en: string;
}

export interface Shown {
  main: string;
  /** The smaller line in the other language (null: none to show). */
  second: string | null;
}

/** The language shown small beside the chosen one: English beside Vietnamese, none beside English. */
export function secondOf(lang: Lang): Lang | null {
  return lang === 'vi' ? 'en' : null;
}

function valuesIn(lang: Lang, values: Values | undefined, timeZone: string | undefined): Record<string, unknown> {
  if (!values) return {};
  return typeof values === 'function' ? values(formatterFor(lang, timeZone)) : values;
}

/** A key in one language (whatever language is chosen). */
export function tIn(lang: Lang, key: string, values?: Values, timeZone?: string): string {
  return translateIn(lang, key, values ? valuesIn(lang, values, timeZone) : undefined);
}

/** A key in both languages. */
export function pairOf(key: string, values?: Values, timeZone?: string): Pair {
  return { vi: tIn('vi', key, values, timeZone), en: tIn('en', key, values, timeZone) };
}

/** What to show of a pair in `lang`: the English of a pair with none falls back to Vietnamese. */
export function pick(lang: Lang, pair: { vi: string; en?: string | null }): Shown {
  const main = lang === 'en' ? pair.en || pair.vi : pair.vi;
  const second = secondOf(lang);
  const other = second === 'en' ? pair.en || null : null;
  return { main, second: other && other !== main ? other : null };
}

const MARK = '\u0001';

/**
 * `text` split where the named values go: strings, and the names in between, in order
 * ("còn \u0001n\u0001 nữa" → ['còn ', { name: 'n' }, ' nữa']).
 */
export function splitRich(lang: Lang, key: string, values: Values | undefined, names: readonly string[], timeZone?: string): (string | { name: string })[] {
  const marks = Object.fromEntries(names.map((name) => [name, `${MARK}${name}${MARK}`]));
  const text = tIn(lang, key, (fmt) => ({ ...valuesIn(fmt.lang, values, timeZone), ...marks }), timeZone);
  return text
    .split(MARK)
    .map((part, i) => (i % 2 === 1 ? { name: part } : part))
    .filter((part) => part !== '');
}
