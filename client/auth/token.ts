/**
 * Device enrolment (API.md, "Pages"). A device is enrolled by opening its page once with a
 * one-time code, `/<page>?code=<code>` (the link and QR an admin makes), which the page exchanges
 * by POST for a token of its own; or, as before, with the token itself, `/<page>?token=<token>`.
 * Either is removed from the address bar at once, keeping every other query parameter (e.g.
 * `?theme=light`) and the hash.
 *
 * Each page keeps its own token (localStorage, one key per page) and uses no other (issue 16,
 * 4): a wall must never run with the admin's token that was opened on the same machine.
 */
import type { Page } from '../../shared/pages.ts';
import type { RedeemedEnrolment } from '../../shared/protocol.ts';

export type PageName = Page;

/** Where earlier versions kept a token shared by every page: read no more, and removed. */
const LEGACY_SHARED_KEY = 'ntth.token';

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

function forgetLegacySharedToken(): void {
  try {
    window.localStorage.removeItem(LEGACY_SHARED_KEY);
  } catch {
    // storage disabled: nothing was kept
  }
}

/** A token or code is printable ASCII without spaces; anything else in the URL is a copy-paste accident. */
function cleanCredential(raw: string | null): string | null {
  const value = raw?.trim();
  if (!value || value.length > 200 || !/^[\x21-\x7e]+$/.test(value)) return null;
  return value;
}

/** Removes a query parameter from the address bar (history.replaceState, no reload); returns its value. */
function takeFromUrl(name: string): string | null {
  const url = new URL(window.location.href);
  if (!url.searchParams.has(name)) return null;
  const value = url.searchParams.get(name);
  url.searchParams.delete(name);
  const search = url.searchParams.toString();
  window.history.replaceState(window.history.state, '', `${url.pathname}${search ? `?${search}` : ''}${url.hash}`);
  return value;
}

/** Puts a parameter back in the address bar: a code that could not be exchanged is tried again on reload. */
export function putBackInUrl(name: string, value: string): void {
  const url = new URL(window.location.href);
  url.searchParams.set(name, value);
  window.history.replaceState(window.history.state, '', `${url.pathname}?${url.searchParams.toString()}${url.hash}`);
}

/**
 * Reads `?token=` from the address bar, stores it for this page, then removes it from the
 * address bar. Returns the token found, if any.
 */
export function captureTokenFromUrl(page: PageName): string | null {
  forgetLegacySharedToken();
  const token = cleanCredential(takeFromUrl('token'));
  if (token) write(tokenKey(page), token);
  return token;
}

/**
 * Takes `?code=` (a one-time enrolment code) out of the address bar, if there is one; a `?token=`
 * beside it goes too, unread (the code's token must not be replaced by it after the reload).
 */
export function takeEnrolmentCode(): string | null {
  const code = cleanCredential(takeFromUrl('code'));
  if (code) takeFromUrl('token');
  return code;
}

export type RedeemResult = { ok: true; enrolment: RedeemedEnrolment } | { ok: false; problem: 'code' | 'unreachable' };

/** Exchanges an enrolment code for this device's token and keeps it for the token's own page. */
export async function redeemEnrolmentCode(code: string): Promise<RedeemResult> {
  let response: Response;
  try {
    response = await fetch('/api/enrolments/redeem', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }), cache: 'no-store' });
  } catch {
    return { ok: false, problem: 'unreachable' };
  }
  if (response.status >= 500 || response.status === 429) return { ok: false, problem: 'unreachable' };
  if (!response.ok) return { ok: false, problem: 'code' };
  let enrolment: RedeemedEnrolment;
  try {
    enrolment = (await response.json()) as RedeemedEnrolment;
  } catch {
    // The answer was cut: the code may be spent; "Thử lại" says so if it is.
    return { ok: false, problem: 'unreachable' };
  }
  write(tokenKey(enrolment.page), enrolment.token);
  return { ok: true, enrolment };
}

/** The token this device uses for the page: the page's own, never another page's. */
export function getToken(page: PageName): string | null {
  return read(tokenKey(page));
}
