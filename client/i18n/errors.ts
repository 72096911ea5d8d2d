/** A refusal in the person's language when the writers' catalog (./writers/) knows its code, else the server's words. */
import { i18n, t } from './core.ts';

export function errorText(code: string, message: string): string {
  return i18n.exists(`errors.${code}`) ? t(`errors.${code}`) : message;
}
