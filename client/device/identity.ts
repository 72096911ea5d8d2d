/**
 * Who this device is (GET /api/me), learnt once per page load for every page: its token id
 * (which logged events are its own, the ones it may undo), role and label (as the server writes
 * them in `updatedBy`), and how long personal data is kept (the desk's privacy notice). Kept in
 * localStorage with a key of the token, so a page reloaded offline still knows itself, and
 * forgotten when the token changes. Each answer also measures the clock (clock.ts).
 */
import { create } from 'zustand';
import type { PageName } from '../auth/token.ts';
import { recordClockSample } from './clock.ts';

export interface Me {
  id: string;
  role: string;
  label: string;
  /** Days after the festival's last day personal data is kept: null when never erased automatically. */
  personalDataDays?: number | null;
  /** (issue 18) An agency liaison's agency. */
  agencyId?: string;
}

export const useDeviceIdentity = create<{ me: Me | null }>()(() => ({ me: null }));

/** Measures the clock again this often (a tablet's clock drifts, or is set by hand during the day). */
const REMEASURE_MS = 15 * 60_000;

/** A short key that tells whether the token changed (FNV-1a; not a secret, the token is never stored with it). */
export function tokenKeyOf(token: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < token.length; i += 1) {
    hash ^= token.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

const storageKey = (page: PageName) => `ntth.device.me.${page}`;

function readCached(page: PageName, tokenKey: string): Me | null {
  try {
    const raw = window.localStorage.getItem(storageKey(page));
    const cached = raw ? (JSON.parse(raw) as Me & { tokenKey?: string }) : null;
    if (!cached || cached.tokenKey !== tokenKey || typeof cached.id !== 'string') return null;
    const { tokenKey: _key, ...me } = cached;
    return me;
  } catch {
    return null;
  }
}

function writeCached(page: PageName, tokenKey: string, me: Me): void {
  try {
    window.localStorage.setItem(storageKey(page), JSON.stringify({ ...me, tokenKey }));
  } catch {
    // memory only
  }
}

async function ask(token: string): Promise<{ me: Me | null; refused: boolean }> {
  const sentAt = Date.now();
  const response = await fetch('/api/me', { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
  if (response.status === 401 || response.status === 403) return { me: null, refused: true };
  if (!response.ok) throw new Error(`GET /api/me answered ${response.status}`);
  const body = (await response.json()) as Me & { serverTime?: string };
  recordClockSample(sentAt, Date.now(), body.serverTime ?? response.headers.get('date'));
  const { id, role, label, personalDataDays, agencyId } = body;
  return { me: { id, role, label, ...(personalDataDays !== undefined ? { personalDataDays } : {}), ...(agencyId ? { agencyId } : {}) }, refused: false };
}

let learning = false;

/** Starts learning who the device is (once per page load); the store has the cached answer at once. */
export function learnIdentity(token: string, page: PageName): void {
  if (learning) return;
  learning = true;
  const tokenKey = tokenKeyOf(token);
  useDeviceIdentity.setState({ me: readCached(page, tokenKey) });
  const attempt = async (n: number): Promise<void> => {
    let wait = Math.min(30_000, 2000 * 2 ** Math.min(n, 4));
    try {
      const { me, refused } = await ask(token);
      if (refused) return;
      if (me) {
        useDeviceIdentity.setState({ me });
        writeCached(page, tokenKey, me);
        wait = REMEASURE_MS;
        n = -1;
      }
    } catch {
      // unreachable: try again
    }
    setTimeout(() => void attempt(n + 1), wait);
  };
  void attempt(0);
}
