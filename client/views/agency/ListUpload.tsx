/**
 * The liaison sends the agency's list (a lazy chunk with the spreadsheet reader): the desk's
 * import (client/components/AgencyImport.tsx) for this one agency, sent straight to the server
 * rather than through the outbox — a list is sent before the festival, online, and the liaison
 * must see at once what was recorded. The list's source goes first (`list.imported`), then the
 * rows in batches; the event ids are the plan's, so sending the same plan again after a lost
 * answer records nobody twice, and a person the server already knows is shown as already
 * registered (`duplicate_donor`, `donor_already_registered`), never under whose record.
 */
import { useCallback, useMemo, useRef } from 'react';
import { AgencyImport, type ImportAgency, type ImportedList, type ImportSendResult } from '../../components/AgencyImport.tsx';
import { randomEventId } from '../../components/importPlan.ts';
import type { ImportRow } from '../../../shared/donorImport.ts';
import { dayOf } from '../../../shared/time.ts';
import { useStateBody } from '../../stores/liveStore.ts';
import { agencyApi, type PeopleState } from './agencyApi.ts';

const CHUNK = 200;
const ALREADY = new Set(['duplicate_donor', 'donor_already_registered']);

type BatchAnswer = { results: ({ seq: number; duplicate?: boolean } | { error: { code: string; message: string } })[] };

export default function ListUpload({ agency, people, onClose }: { agency: ImportAgency; people: PeopleState; onClose: () => void }) {
  const body = useStateBody();
  const today = dayOf(Date.now(), body?.event?.timezone);
  const already = useRef(new Map<string, string>());
  const agencies = useMemo(() => [agency], [agency]);
  const known = useMemo(() => new Set(people.view?.people.map((p) => p.donorId) ?? []), [people.view]);

  const send = useCallback(async (list: ImportedList, rows: ImportRow[], onProgress: (done: number) => void): Promise<ImportSendResult> => {
    try {
      await agencyApi.sendJson('POST', '/api/events', { id: randomEventId('list'), type: 'list.imported', payload: { ...list } });
    } catch {
      return { sent: 0, failed: rows.length };
    }
    let sent = 0;
    let failed = 0;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      try {
        const answer = await agencyApi.sendJson<BatchAnswer>('POST', '/api/events/batch', {
          events: chunk.map((row) => ({ id: row.eventId, type: 'donor.registered', payload: { ...row.donor!, importId: list.importId } })),
        });
        answer.results.forEach((result, j) => {
          if ('seq' in result) sent += 1;
          else if (ALREADY.has(result.error.code)) already.current.set(chunk[j]!.eventId, 'known');
          else failed += 1;
        });
      } catch {
        failed += chunk.length;
      }
      onProgress(Math.min(rows.length, i + CHUNK));
    }
    return { sent, failed };
  }, []);

  return (
    <AgencyImport
      agencies={agencies}
      today={today}
      findExisting={() => null}
      send={send}
      countArrived={(donorIds) => donorIds.filter((id) => known.has(id)).length}
      existingAfterSend={(eventId) => already.current.get(eventId)}
      onClose={onClose}
    />
  );
}
