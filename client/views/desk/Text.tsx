/**
 * How the desk puts words on screen in the chosen language. In Vietnamese (the default) a
 * heading, label or button keeps a small English line beside it (`.en`), as the desk always
 * had; in English, English is the only line. Long sentences are in the chosen language only.
 */
import { Fragment, useMemo, type ReactNode } from 'react';
import { formatterFor, useLang, useT, type Formatter, type Lang, type TFunction } from '../../i18n/index.ts';
import { namesIn, type Text } from './deskText.ts';
import { textOf, type Msg, type MsgValue } from './i18n.ts';
import { useDesk } from './useDeskData.ts';

/** Numbers, dates and times in the chosen language and the desk's event zone (live or offline copy). */
export function useDeskFormat(): Formatter {
  const lang = useLang();
  const { timeZone } = useDesk();
  return useMemo(() => formatterFor(lang, timeZone), [lang, timeZone]);
}

export interface DeskText {
  lang: Lang;
  t: TFunction;
  fmt: Formatter;
  /** A message in the chosen language. */
  say: (message: Msg) => string;
}

export function useDeskText(): DeskText {
  const lang = useLang();
  const t = useT();
  const fmt = useDeskFormat();
  return useMemo(() => ({ lang, t, fmt, say: (message: Msg) => textOf(message, lang) }), [lang, t, fmt]);
}

/** The small English line beside Vietnamese; nothing when English is the page's language. */
export function En({ k, v, children }: { k?: string; v?: Record<string, MsgValue>; children?: ReactNode }) {
  const lang = useLang();
  if (lang !== 'vi') return null;
  return (
    <>
      {' '}
      <span className="en" lang="en">
        {k ? textOf({ key: k, ...(v ? { values: v } : {}) }, 'en') : null}
        {children}
      </span>
    </>
  );
}

/** A short text in the chosen language, with the English line beside it in Vietnamese. */
export function Bi({ k, v }: { k: string; v?: Record<string, MsgValue> }) {
  const lang = useLang();
  const message = { key: k, ...(v ? { values: v } : {}) };
  return (
    <>
      {textOf(message, lang)}
      <En k={k} {...(v ? { v } : {})} />
    </>
  );
}

/** "[[Enter]] to check in" → <kbd>Enter</kbd> to check in. */
export function withKeys(text: string): ReactNode {
  const parts = text.split(/\[\[(.+?)\]\]/);
  return parts.map((part, i) => (i % 2 === 1 ? <kbd key={i}>{part}</kbd> : <Fragment key={i}>{part}</Fragment>));
}

/** A name given in both languages (an agency): the chosen language's, the other one small beside it. */
export function Named({ text }: { text: Text }) {
  const lang = useLang();
  const { main, other } = namesIn(text, lang);
  return (
    <>
      {main}
      {other ? (
        <>
          {' '}
          <span className="en" lang={lang === 'vi' ? 'en' : 'vi'}>
            {other}
          </span>
        </>
      ) : null}
    </>
  );
}
