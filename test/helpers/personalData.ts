/**
 * Looking for personal data in what a role received (need-to-know tests): every string of a JSON
 * value with the key it sits under, and where a CCCD's last four digits show. The four digits
 * are looked for as a string's end, not anywhere in the text: random token and event ids, and
 * dates such as "19/7/2024", hold four digits by chance.
 */

/** Every [key, string] pair in a JSON value (object keys paired with themselves). */
export function pairsIn(value: unknown, key = '', out: [string, string][] = []): [string, string][] {
  if (typeof value === 'string') out.push([key, value]);
  else if (Array.isArray(value)) for (const v of value) pairsIn(v, key, out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.push([k, k]);
      pairsIn(v, k, out);
    }
  return out;
}

/**
 * Whether a string shows a CCCD's last four digits: alone, or at its end after a mask or a space
 * ("…9012", "CCCD 9012"). Digits or letters before them make it another number or an id.
 */
export function showsLastFour(value: string, lastFour: string): boolean {
  return value.endsWith(lastFour) && !/[0-9a-z]/i.test(value.at(-5) ?? '');
}

/** The [key, string] pairs of a JSON value that show a CCCD's last four digits (none, when need to know holds). */
export function lastFourShownIn(value: unknown, lastFour: string): [string, string][] {
  return pairsIn(value).filter(([, text]) => showsLastFour(text, lastFour));
}
