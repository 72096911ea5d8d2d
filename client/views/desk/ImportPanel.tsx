/**
 * The desk's agency-list import (a lazy chunk: the page loads it, and the spreadsheet reader,
 * only when the person opens it). Rows go through the device outbox like every desk event,
 * with ids derived from the file and the person, so the same file imported twice, or sent
 * twice after a lost answer, registers nobody twice.
 */
import { useCallback, useMemo } from 'react';
import { AgencyImport, type ImportSendResult } from '../../components/AgencyImport.tsx';
import type { ImportRow } from '../../../shared/donorImport.ts';
import { getDeviceOutbox } from '../../outbox/outbox.ts';
import { deskActions } from './deskStore.ts';
import { msg } from './i18n.ts';
import { findDonor, findSamePerson } from './overlay.ts';
import { useDesk } from './useDeskData.ts';

const CHUNK = 25;

export default function ImportPanel() {
  const { projection, overlay, today } = useDesk();
  const agencies = useMemo(
    () => [...(projection?.agencies.values() ?? [])].map((a) => ({ id: a.id, name: a.name, ...(a.nameEn ? { nameEn: a.nameEn } : {}) })),
    [projection],
  );

  const findExisting = useCallback(
    (person: { donorId: string; nationalId?: string; identityKey: string | null }) => {
      if (findDonor(projection, overlay, person.donorId)) return person.donorId;
      if (person.nationalId) {
        const holder = findSamePerson(projection, overlay, { fullName: '', agencyId: '', nationalId: person.nationalId });
        if (holder) return holder.donorId;
      }
      if (person.identityKey) {
        const holder = projection?.identityIndex.get(person.identityKey);
        if (holder && findDonor(projection, overlay, holder)) return holder;
      }
      return null;
    },
    [projection, overlay],
  );

  const send = useCallback(async (rows: ImportRow[], onProgress: (done: number) => void): Promise<ImportSendResult> => {
    const outbox = getDeviceOutbox();
    if (!outbox) return { sent: 0, failed: rows.length };
    let sent = 0;
    let failed = 0;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      const outcomes = await Promise.allSettled(chunk.map((row) => outbox.submit('donor.registered', { ...row.donor! }, { id: row.eventId, waitMs: 0 })));
      for (const outcome of outcomes) {
        if (outcome.status === 'fulfilled' && outcome.value.status !== 'rejected') sent += 1;
        else failed += 1;
      }
      onProgress(Math.min(rows.length, i + CHUNK));
    }
    deskActions.banner({ kind: 'queued', text: failed ? msg('desk.banner.importQueuedFailed', { sent, failed }) : msg('desk.banner.importQueued', { sent }) });
    return { sent, failed };
  }, []);

  const countArrived = useCallback((donorIds: readonly string[]) => donorIds.filter((id) => projection?.donors.has(id)).length, [projection]);

  return <AgencyImport agencies={agencies} today={today} findExisting={findExisting} send={send} countArrived={countArrived} onClose={() => deskActions.closeForm()} />;
}
