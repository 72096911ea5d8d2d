/**
 * The desk's agency-list import (a lazy chunk: the page loads it, and the spreadsheet reader,
 * only when the person opens it). The list's source goes first (`list.imported`: agency, file,
 * number of people; who and when are the event's actor and time), then every new person's
 * `donor.registered` naming it, all through the device outbox like every desk event.
 *
 * Ids are random (../../components/importPlan.ts). Nobody is registered twice: people already
 * known to the desk (its projection and its own pending registrations, `findSamePerson`) are
 * shown as already registered and not sent, so the same file imported again sends nobody;
 * people registered with another agency are sent as `donor.listed` (also on this list);
 * those only the server recognises come back as `duplicate_donor`, which deskSync.ts records
 * as "already registered" for the import to show (not as a refusal to alarm anyone).
 */
import { useCallback, useMemo } from 'react';
import { AgencyImport, type ImportedList, type ImportSendResult } from '../../components/AgencyImport.tsx';
import { overlapFinder, type ImportedDonor, type ImportRow } from '../../../shared/donorImport.ts';
import { send as sendEvent, sendMany } from '../../device/send.ts';
import { randomEventId } from '../../components/importPlan.ts';
import { deskActions, useDeskStore } from './deskStore.ts';
import { msg } from './i18n.ts';
import { findSamePerson } from './overlay.ts';
import { useDesk } from './useDeskData.ts';

const CHUNK = 100;

/** Waits until the clock has moved past `ms` (the outbox sends in order of creation time). */
async function after(ms: number): Promise<void> {
  while (Date.now() <= ms) await new Promise((resolve) => setTimeout(resolve, 1));
}

export default function ImportPanel() {
  const { projection, overlay, today } = useDesk();
  const importDuplicates = useDeskStore((s) => s.importDuplicates);
  const agencies = useMemo(() => [...(projection?.agencies.values() ?? [])].map((a) => ({ id: a.id, name: a.name, ...(a.nameEn ? { nameEn: a.nameEn } : {}) })), [projection]);

  const findExisting = useCallback((person: ImportedDonor) => findSamePerson(projection, overlay, person)?.donorId ?? null, [projection, overlay]);
  // The same person registered with another agency: recorded as also on this list (donor.listed), not registered twice.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the overlay is new whenever the projection changes in place
  const findListedElsewhere = useMemo(() => overlapFinder(projection?.donors.values() ?? []), [projection, overlay]);

  const send = useCallback(async (list: ImportedList, rows: ImportRow[], onProgress: (done: number) => void): Promise<ImportSendResult> => {
    // The list's source first: the server refuses a row that names an import it does not know.
    const source = await sendEvent('list.imported', { ...list }, { id: randomEventId('list'), waitMs: 0 });
    if (source.status === 'rejected') return { sent: 0, failed: rows.length };
    // Every row sorts after it in the outbox (it orders by creation time, to the millisecond).
    await after(Date.now());
    let sent = 0;
    let failed = 0;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      const stored = await sendMany(
        chunk.map((row) =>
          row.status === 'listed'
            ? { id: row.eventId, type: 'donor.listed' as const, payload: { donorId: row.existingDonorId!, agencyId: list.agencyId, importId: list.importId } }
            : { id: row.eventId, type: 'donor.registered' as const, payload: { ...row.donor!, importId: list.importId } },
        ),
      );
      if (stored) sent += chunk.length;
      else failed += chunk.length;
      onProgress(Math.min(rows.length, i + CHUNK));
    }
    deskActions.banner({ kind: 'queued', text: failed ? msg('desk.banner.importQueuedFailed', { sent, failed }) : msg('desk.banner.importQueued', { sent }) });
    return { sent, failed };
  }, []);

  const countArrived = useCallback((donorIds: readonly string[]) => donorIds.filter((id) => projection?.donors.has(id)).length, [projection]);
  const existingAfterSend = useCallback((eventId: string) => importDuplicates.get(eventId), [importDuplicates]);

  return (
    <AgencyImport
      agencies={agencies}
      today={today}
      findExisting={findExisting}
      findListedElsewhere={findListedElsewhere}
      send={send}
      countArrived={countArrived}
      existingAfterSend={existingAfterSend}
      onClose={() => deskActions.closeForm()}
    />
  );
}
