/**
 * The desk's own strings (client/i18n/desk/vi.ts and en.ts), added once at start-up, and the
 * desk's messages: a `Msg` is a catalog key with its values, kept as such (in the banner, a
 * form's errors) and put into words when shown, so a message already on screen follows a
 * change of language. Numbers among the values are formatted per language; a value may be a
 * `Msg` itself (the deferral reason inside "Tạm hoãn (…): name").
 */
import { formatNumber } from '../../../shared/format.ts';
import { addCatalogs, translatorIn, type Lang } from '../../i18n/index.ts';
import { enDesk } from '../../i18n/desk/en.ts';
import { viDesk } from '../../i18n/desk/vi.ts';
import { enWriters } from '../../i18n/writers/en.ts';
import { viWriters } from '../../i18n/writers/vi.ts';

addCatalogs({ vi: viDesk, en: enDesk });
// The names of event types and the refusals: the writing pages' (not the wall's).
addCatalogs({ vi: viWriters, en: enWriters });

export type MsgValue = string | number | Msg;

export interface Msg {
  key: string;
  values?: Record<string, MsgValue>;
}

export function msg(key: string, values?: Record<string, MsgValue>): Msg {
  return values ? { key, values } : { key };
}

/** The translate function of one language, whatever the page's current one. */
export const tIn = translatorIn;

/** A message in words, in `lang`. */
export function textOf(message: Msg, lang: Lang): string {
  if (!message.values) return tIn(lang)(message.key);
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.values)) {
    values[name] = typeof value === 'number' ? formatNumber(value, lang) : typeof value === 'string' ? value : textOf(value, lang);
  }
  return tIn(lang)(message.key, values);
}

/** Both languages (what the tests and the older callers read). */
export function bothOf(message: Msg): { vi: string; en: string } {
  return { vi: textOf(message, 'vi'), en: textOf(message, 'en') };
}
