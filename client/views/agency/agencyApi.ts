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

/**
 * The agency's people, refreshed on `trigger` changes (debounced) and every minute. One request
 * at a time: a change while one is on its way asks for one more after it, so the last change is
 * always fetched; an answer is shown only if no newer request was asked for meanwhile.
 */
export function usePeople(agencyId: string | null, trigger: string): PeopleState {
  const [state, setState] = useState<PeopleState>({ view: null, loadedAt: null, failed: false });
  const loader = useRef<{ agencyId: string | null; busy: boolean; again: boolean; asked: number }>({ agencyId: null, busy: false, again: false, asked: 0 });

  useEffect(() => {
    const current = loader.current;
    current.agencyId = agencyId;
    if (!agencyId) return;
    const load = async (): Promise<void> => {
      current.asked += 1;
      if (current.busy) {
        current.again = true;
        return;
      }
      current.busy = true;
      const asked = current.asked;
      const forAgency = current.agencyId;
      try {
        const view = await agencyApi.getJson<LiaisonView>(`/api/agencies/${encodeURIComponent(forAgency!)}/people`);
        if (asked === current.asked && forAgency === current.agencyId) setState({ view, loadedAt: Date.now(), failed: false });
      } catch {
        if (asked === current.asked) setState((s) => ({ ...s, failed: true }));
      } finally {
        current.busy = false;
        if (current.again && current.agencyId) {
          current.again = false;
          void load();
        }
      }
    };
    const soon = setTimeout(() => void load(), SETTLE_MS);
    const every = setInterval(() => void load(), REFRESH_MS);
    return () => {
      clearTimeout(soon);
      clearInterval(every);
    };
  }, [agencyId, trigger]);

  return state;
}
