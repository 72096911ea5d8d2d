/**
 * The desk's derived data, computed once per change and shared by every part of the page:
 * the projection (live, else the offline copy), the overlay of own events, the donors one can
 * find and their search index (folded keys reused between versions), today's festival day.
 * People whose personal data was erased have no name: nobody finds them by searching.
 */
import { createContext, useContext, useMemo, useRef } from 'react';
import { buildDonorIndex, type DonorIndex } from '../../../shared/donorSearch.ts';
import type { Donor, ProjectionState } from '../../../shared/projection.ts';
import { DEFAULT_TIMEZONE, dayOf } from '../../../shared/time.ts';
import { useNow } from '../../lib/useNow.ts';
import { useLiveStore } from '../../stores/liveStore.ts';
import { useDeviceIdentity } from '../../device/identity.ts';
import { useDeviceOutbox } from '../../device/store.ts';
import { useOfflineCopy } from '../../device/offline.ts';
import { clockOffsetMs } from '../../device/clock.ts';
import { buildOverlay, deskDonors, type DeskOverlay } from './overlay.ts';
import { ownEntries, type OwnEntry } from './ownEvents.ts';

/** How far back the desk lists its own events (the undo window, and some). */
const OWN_WINDOW_MS = 20 * 60_000;

export interface DeskData {
  projection: ProjectionState | null;
  /** Bumped on every change of the projection (it is mutated in place). */
  version: number;
  /** The data comes from the offline copy saved at this time (no live data yet). */
  offlineCopyAt: number | null;
  overlay: DeskOverlay;
  /** This desk's own events of the last minutes (recorded, on their way, refused), oldest first. */
  own: OwnEntry[];
  /** The donors one can find (erased people left out). */
  donors: Donor[];
  index: DonorIndex<Donor>;
  timeZone: string;
  /** The festival day now, YYYY-MM-DD in the event's zone. */
  today: string;
  dayOf: (instant: string) => string;
}

export const DeskDataContext = createContext<DeskData | null>(null);

export function useDesk(): DeskData {
  const data = useContext(DeskDataContext);
  if (!data) throw new Error('useDesk outside DeskDataContext');
  return data;
}

export function useDeskDataSource(): DeskData {
  const live = useLiveStore((s) => s.projection);
  const version = useLiveStore((s) => s.version);
  const cached = useOfflineCopy((s) => s.copy);
  const projection = live ?? cached?.projection ?? null;
  const pending = useDeviceOutbox((s) => s.pending);
  const recorded = useDeviceOutbox((s) => s.recorded);
  const me = useDeviceIdentity((s) => s.me);
  const now = useNow(30_000);
  const timeZone = projection?.event?.timezone ?? DEFAULT_TIMEZONE;
  // Today on the server's clock (a tablet whose date is wrong still works on the festival's day), the day its events are stamped with.
  const today = dayOf(now + clockOffsetMs(), timeZone);

  // eslint-disable-next-line react-hooks/exhaustive-deps -- `version`: the projection is mutated in place
  const overlay = useMemo(() => buildOverlay({ projection, pending, recorded, me }), [projection, version, pending, recorded, me]);

  // The overlay is new whenever the projection changes (its memo keys on `version`).
  const refused = useDeviceOutbox((s) => s.refused);
  const own = useMemo(() => ownEntries({ base: projection, overlay, refused, tokenId: me?.id ?? null, since: now - OWN_WINDOW_MS }), [projection, overlay, refused, me, now]);

  const donors = useMemo(() => deskDonors(projection, overlay).filter((donor) => !donor.erased), [projection, overlay]);
  const previous = useRef<DonorIndex<Donor> | null>(null);
  const index = useMemo(() => {
    const built = buildDonorIndex(donors, previous.current);
    previous.current = built;
    return built;
  }, [donors]);

  return useMemo(
    () => ({
      projection,
      version,
      offlineCopyAt: live ? null : (cached?.savedAt ?? null),
      overlay,
      own,
      donors,
      index,
      timeZone,
      today,
      dayOf: (instant: string) => dayOf(instant, timeZone),
    }),
    [projection, version, live, cached, overlay, own, donors, index, timeZone, today],
  );
}
