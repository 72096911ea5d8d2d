/** The i18next instance, the language choice and the hooks (documented in ./index.ts). */
import i18next from 'i18next';
import { useSyncExternalStore } from 'react';
import { en } from './en.ts';
import { vi } from './vi.ts';

export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];
export const DEFAULT_LANG: Lang = 'vi';
export const LANG_STORAGE_KEY = 'ntth.lang';

function isLang(value: unknown): value is Lang {
  return value === 'vi' || value === 'en';
}

function readStored(): Lang | null {
  try {
    const value = window.localStorage.getItem(LANG_STORAGE_KEY);
    return isLang(value) ? value : null;
  } catch {
    return null;
  }
}

function store(lang: Lang): void {
  try {
    window.localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // storage disabled: the choice lasts for this page load
  }
}

/** The language to start with: `?lang=`, else the device's stored choice, else Vietnamese. */
function initialLang(): Lang {
  if (typeof window === 'undefined') return DEFAULT_LANG;
  const asked = new URLSearchParams(window.location.search).get('lang');
  if (isLang(asked)) {
    store(asked);
    return asked;
  }
  return readStored() ?? DEFAULT_LANG;
}

function applyDocumentLang(lang: Lang): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

const startLang = initialLang();

void i18next.init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: startLang,
  fallbackLng: DEFAULT_LANG,
  supportedLngs: [...LANGS],
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});
applyDocumentLang(startLang);

export const i18n = i18next;

export function getLang(): Lang {
  return isLang(i18next.language) ? i18next.language : DEFAULT_LANG;
}

/** Switches every mounted component to `lang` and remembers it on this device. */
export function setLang(lang: Lang): void {
  store(lang);
  applyDocumentLang(lang);
  void i18next.changeLanguage(lang);
}

/**
 * Adds a page's own strings (deep-merged into the default namespace, so their keys read like
 * any other: `admin.tabs.setup`). Call it at the top of the page's main.tsx, before rendering.
 */
export function addCatalogs(catalogs: Record<Lang, object>): void {
  for (const lang of LANGS) i18next.addResourceBundle(lang, 'translation', catalogs[lang], true, true);
}

/** Translate outside React (the language at the time of the call). */
export function t(key: string, values?: Record<string, unknown>): string {
  return i18next.t(key, values ?? {}) as string;
}

export type TFunction = (key: string, values?: Record<string, unknown>) => string;

function subscribe(listener: () => void): () => void {
  i18next.on('languageChanged', listener);
  return () => i18next.off('languageChanged', listener);
}

/** The current language; the component re-renders when it changes. */
export function useLang(): Lang {
  return useSyncExternalStore(subscribe, getLang, getLang);
}

const fixedTs = new Map<Lang, ReturnType<typeof i18next.getFixedT>>();
/**
 * Texts already translated, by language, key and values: a screen renders the same labels and
 * lines ("Đã ghi nhận: …") on every change, and i18next resolves and interpolates each one anew
 * (a weak desk's largest share of work per check-in, in the profile of bench/desk-enter.ts).
 * Only values that are strings or numbers are remembered (what a plural or a nested object
 * would mean is i18next's to say each time). Emptied when a page adds its catalogs, and when
 * it grows past REMEMBERED_TEXTS (names and times make new lines all day).
 */
const remembered = new Map<string, string>();
const REMEMBERED_TEXTS = 5000;
i18next.store.on('added', () => remembered.clear());
i18next.store.on('removed', () => remembered.clear());

/** The memory's key for a key and its values, or null when a value is not a string or a number. */
function rememberedKey(lang: Lang, key: string, values: Record<string, unknown> | undefined): string | null {
  let text = `${lang}\u0000${key}`;
  if (!values) return text;
  for (const name in values) {
    const value = values[name];
    if (typeof value !== 'string' && typeof value !== 'number') return null;
    text += `\u0000${name}\u0001${typeof value === 'number' ? 'n' : 's'}${value}`;
  }
  return text;
}

/** A key in one language (whatever language is chosen). */
export function translateIn(lang: Lang, key: string, values?: Record<string, unknown>): string {
  let fixed = fixedTs.get(lang);
  if (!fixed) fixedTs.set(lang, (fixed = i18next.getFixedT(lang)));
  const memoryKey = rememberedKey(lang, key, values);
  if (memoryKey === null) return fixed(key, values) as string;
  let text = remembered.get(memoryKey);
  if (text === undefined) {
    if (remembered.size >= REMEMBERED_TEXTS) remembered.clear();
    remembered.set(memoryKey, (text = fixed(key, values ?? {}) as string));
  }
  return text;
}

const translators = new Map<Lang, TFunction>();

/** The translate function of one language, whatever language is chosen (one per language, through translateIn's memory). */
export function translatorIn(lang: Lang): TFunction {
  let translate = translators.get(lang);
  if (!translate) {
    translate = (key, values) => translateIn(lang, key, values);
    translators.set(lang, translate);
  }
  return translate;
}

/** The translate function of the current language; the component re-renders when it changes. */
export function useT(): TFunction {
  return translatorIn(useLang());
}
