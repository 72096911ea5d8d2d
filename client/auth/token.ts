/**
 * Device enrolment (API.md, "Pages"): a device is enrolled by opening a page once as
 * `/<page>?token=<token>`. The page keeps the token on the device (localStorage, one key per
 * page plus a shared fallback) and removes it from the address bar, keeping every other query
 * parameter (e.g. `?theme=light`) and the hash.
 */

export type PageName = 'wall' | 'desk' | 'console' | 'mc' | 'admin';

const SHARED_KEY = 'ntth.token';

export function tokenKey(page: PageName): string {
  return `ntth.token.${page}`;
}

/** Used when localStorage is unavailable (private mode, disabled storage): the session still works. */
const memory = new Map<string, string>();

function read(key: string): string | null {
  try {
    const value = window.localStorage.getItem(key);
    if (value) return value;
  } catch {
    // storage disabled: fall back to memory
  }
  return memory.get(key) ?? null;
}

function write(key: string, value: string): void {
  memory.set(key, value);
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // storage disabled or full: the in-memory copy serves this session
  }
}

/** A token is printable ASCII without spaces; anything else in the URL is a copy-paste accident. */
function cleanToken(raw: string | null): string | null {
  const token = raw?.trim();
  if (!token || token.length > 200 || !/^[\x21-\x7e]+$/.test(token)) return null;
  return token;
}

/**
 * Reads `?token=` from the address bar, stores it for this page and as the shared fallback,
 * then removes it from the address bar (history.replaceState, no reload). Returns the token
 * found, if any.
 */
export function captureTokenFromUrl(page: PageName): string | null {
  const url = new URL(window.location.href);
  if (!url.searchParams.has('token')) return null;
  const token = cleanToken(url.searchParams.get('token'));
  if (token) {
    write(tokenKey(page), token);
    write(SHARED_KEY, token);
  }
  url.searchParams.delete('token');
  const search = url.searchParams.toString();
  window.history.replaceState(window.history.state, '', `${url.pathname}${search ? `?${search}` : ''}${url.hash}`);
  return token;
}

/** The token this device uses for the page: the page's own, else the shared fallback. */
export function getToken(page: PageName): string | null {
  return read(tokenKey(page)) ?? read(SHARED_KEY);
}
