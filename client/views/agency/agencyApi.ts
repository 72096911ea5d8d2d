/**
 * The liaison's own agency, read with its token: its people and lists (GET
 * /api/agencies/:agencyId/people), refreshed whenever the live figures of the agency move (a
 * check-in, a donation, a deferral, a registration: the state body's agency row changes), and
 * every minute while connected. The last answer stays on screen when a refresh fails, with its
 * time; it is kept in memory only (these are people's names and phones), never on the device.
 */
import { useEffect, useRef, useState } from 'react';
import type { LiaisonView } from '../../../shared/agencyResults.ts';
import { pageApi } from '../../lib/http.ts';

export const agencyApi = pageApi('agency');

export interface PeopleState {
  view: LiaisonView | null;
  /** When the view on screen was loaded (epoch ms). */
  loadedAt: number | null;
  /** The last refresh failed (the view, if any, is older). */
  failed: boolean;
}

const REFRESH_MS = 60_000;
const SETTLE_MS = 250;

/** The agency's people, refreshed on `trigger` changes (debounced), every minute, and on a retry after a failure. */
export function usePeople(agencyId: string | null, trigger: string): PeopleState {
  const [state, setState] = useState<PeopleState>({ view: null, loadedAt: null, failed: false });
  const inFlight = useRef(false);
  const again = useRef(false);

  useEffect(() => {
    if (!agencyId) return;
    let cancelled = false;
    const load = async () => {
      if (inFlight.current) {
        again.current = true;
        return;
      }
      inFlight.current = true;
      try {
        const view = await agencyApi.getJson<LiaisonView>(`/api/agencies/${encodeURIComponent(agencyId)}/people`);
        if (!cancelled) setState({ view, loadedAt: Date.now(), failed: false });
      } catch {
        if (!cancelled) setState((s) => ({ ...s, failed: true }));
      } finally {
        inFlight.current = false;
        if (again.current && !cancelled) {
          again.current = false;
          void load();
        }
      }
    };
    const soon = setTimeout(() => void load(), SETTLE_MS);
    const every = setInterval(() => void load(), REFRESH_MS);
    return () => {
      cancelled = true;
      clearTimeout(soon);
      clearInterval(every);
    };
  }, [agencyId, trigger]);

  return state;
}
