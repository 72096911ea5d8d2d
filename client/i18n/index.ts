/**
 * Languages: Vietnamese first, English second, through i18next, every string in the catalogs
 * (./vi.ts is the reference; ./en.ts must have the same keys — the type check and a test say so).
 * The React binding is two small hooks on i18next's own events (useSyncExternalStore), not
 * react-i18next: it weighs 2 KB gzip less, which the wall's JS budget will want.
 *
 * How a page uses it (what /admin and / do):
 *
 * 1. Import this module once, before rendering (main.tsx): `import '../../i18n/index.ts';`
 *    It initialises i18next synchronously (the catalogs are bundled; nothing is fetched), picks
 *    the language and sets `<html lang>`.
 * 2. In components: `const t = useT();` then `t('admin.tabs.setup')`, with values:
 *    `t('admin.devices.outbox', { n: fmt.number(3) })` (pass numbers already formatted).
 *    `const fmt = useFormat();` formats per language and event time zone: `fmt.number(1234)`
 *    (vi 1.234 · en 1,234), `fmt.date('2024-07-19')` (vi 19/7/2024 · en 19 Jul 2024),
 *    `fmt.time(iso)` (24-hour HH:mm in the event's zone), `fmt.dateTime(iso)`, `fmt.percent(57.1)`,
 *    `fmt.age(ms)` ("cách đây 5 phút" · "5 min ago").
 *    `const lang = useLang();` ('vi' | 'en') re-renders when the language changes.
 * 3. Put `<LanguageSwitch />` (./LanguageSwitch.tsx) somewhere in the page header.
 * 4. A page with many strings of its own keeps them in its own catalog pair (like ./admin/vi.ts
 *    and ./admin/en.ts) and adds them once at start-up with
 *    `addCatalogs({ vi: viAdmin, en: enAdmin })` (see client/views/admin/i18n.ts), so the other
 *    pages — the wall above all, with its JS budget — do not download them. Strings shared by
 *    several pages (connection, roles, task statuses, …) go in ./vi.ts and ./en.ts.
 * 5. A page for mixed crews that keeps a smaller English line under the Vietnamese one (/console,
 *    /mc) uses ./bilingual.tsx: `<Bi k="…" />`, `useBi().pair(key)` → { main, second }, `<Rich>`
 *    for a sentence with elements inside; ./pairs.ts (`pairOf`, `tIn`) outside React. English
 *    chosen: English alone. ../components/ConnectionStatus.tsx is the connection indicator in the
 *    chosen language.
 *
 * Where the choice lives: localStorage `ntth.lang` on the device (shared by every page of the
 * origin); `?lang=en` or `?lang=vi` in the address sets it too (for a screen nobody touches,
 * e.g. `/wall?lang=en`). Default: Vietnamese.
 *
 * Outside React: `t()` and `getLang()` from this module, `setLang(lang)` to switch.
 */
export { addCatalogs, DEFAULT_LANG, LANGS, LANG_STORAGE_KEY, getLang, i18n, setLang, t, translateIn, translatorIn, useLang, useT, type Lang, type TFunction } from './core.ts';
export { formatterFor, useFormat, type Formatter } from './format.ts';
export { LanguageSwitch } from './LanguageSwitch.tsx';
