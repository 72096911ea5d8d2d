/**
 * The server's side of its XLSX downloads: the workbook is written by the XLSX job on a worker
 * thread (xlsx.ts); this gathers what it needs without stopping the event loop and sends the file.
 */
import type { Response } from 'express';
import { agencyPeople, agencyResultsHead, type PersonLine } from '../../shared/agencyResults.ts';
import type { ProjectionState } from '../../shared/projectionState.ts';
import { attachment } from '../admin/csv.ts';
import { inSlices, startWorker } from './runWorker.ts';
import type { AgencyResultsEnd, XlsxJob } from './xlsx.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * One workbook at a time: each is a thread loading exceljs and seconds of a core; a liaison
 * pressing "download" ten times must not take the server's two cores from the desks.
 */
let last: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(job: () => Promise<T>): Promise<T> {
  const run = last.then(job, job);
  last = run.catch(() => undefined);
  return run;
}

/** A workbook whose figures are all in the job (a report: a few hundred rows). */
export function xlsxOf(job: Exclude<XlsxJob, { kind: 'agencyResults' }>): Promise<Buffer> {
  return oneAtATime(async () => Buffer.from(await startWorker<Uint8Array>('xlsx', job).finish()));
}

/**
 * An agency's results workbook: its people read from the live state a slice of the event loop
 * at a time (a large agency is tens of thousands of people) and handed to the job as they come;
 * its figures taken at the end. Null when the state changed world meanwhile (a rehearsal begun
 * or ended, or the state rebuilt after a store failure): the people would be of two worlds.
 */
export function agencyResultsXlsxOf(stateNow: () => ProjectionState, agencyId: string, job: Extract<XlsxJob, { kind: 'agencyResults' }>): Promise<Buffer | null> {
  return oneAtATime(async () => {
    const state = stateNow();
    const world = state.rehearsal?.sinceSeq ?? null;
    const sameWorld = () => stateNow() === state && (state.rehearsal?.sinceSeq ?? null) === world;
    const running = startWorker<Uint8Array>('xlsx', job);
    try {
      let erased = 0;
      for await (const slice of inSlices(agencyPeople(state, agencyId))) {
        if (!sameWorld()) {
          running.abort();
          return null;
        }
        const lines: PersonLine[] = [];
        for (const person of slice) {
          if (person) lines.push(person.line);
          else erased += 1;
        }
        running.post(lines);
      }
      const head = agencyResultsHead(state, agencyId);
      if (!head || !sameWorld()) {
        running.abort();
        return null;
      }
      return Buffer.from(await running.finish({ head, erased } satisfies AgencyResultsEnd));
    } catch (err) {
      running.abort();
      throw err;
    }
  });
}

export function sendXlsx(res: Response, fileName: string, file: Buffer): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Type', XLSX_TYPE);
  res.setHeader('Content-Disposition', attachment(fileName));
  res.send(file);
}
