/**
 * The liaison sends the agency's list (a lazy chunk with the spreadsheet reader): the desk's
 * import (client/components/AgencyImport.tsx) for this one agency, sent straight to the server
 * rather than through the outbox — a list is sent before the festival, online, and the liaison
 * must see at once what was recorded. The list's source goes first (`list.imported`), then the
 * rows in batches. Sending the file again after a failure records a second source (the office
 * sees two sends) but nobody twice: a person the server already knows is answered
 * `duplicate_donor` / `donor_already_registered` and shown as already registered, never under
 * whose record. Why a list was refused (a rehearsal on, the connection gone) is said above it.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { errorText } from '../../i18n/errors.ts';
import type { ApiError } from '../../lib/http.ts';
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

  const [problem, setProblem] = useState<string | null>(null);
  const send = useCallback(async (list: ImportedList, rows: ImportRow[], onProgress: (done: number) => void): Promise<ImportSendResult> => {
    setProblem(null);
    try {
      await agencyApi.sendJson('POST', '/api/events', { id: randomEventId('list'), type: 'list.imported', payload: { ...list } });
    } catch (err) {
      const e = err as ApiError;
      setProblem(errorText(e.code, e.message));
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
    <>
      {problem ? (
        <p className="agency__warn" role="alert" data-testid="agency-upload-problem">
          {problem}
        </p>
      ) : null}
      <AgencyImport
        agencies={agencies}
        today={today}
        findExisting={() => null}
        send={send}
        countArrived={(donorIds) => donorIds.filter((id) => known.has(id)).length}
        existingAfterSend={(eventId) => already.current.get(eventId)}
        onClose={onClose}
      />
    </>
  );
}
