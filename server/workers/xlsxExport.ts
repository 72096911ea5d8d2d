/**
 * The server's side of its XLSX downloads: the workbook is written by the XLSX job on a worker
 * thread (xlsx.ts); this gathers what it needs without stopping the event loop and sends the file.
 */
import type { Response } from 'express';
import { agencyPeople, type PersonLine } from '../../shared/agencyResults.ts';
import type { ProjectionState } from '../../shared/projectionState.ts';
import { attachment } from '../admin/csv.ts';
import { inSlices, startWorker } from './runWorker.ts';
import type { XlsxJob } from './xlsx.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A workbook whose figures are all in the job (a report: a few hundred rows). */
export async function xlsxOf(job: Exclude<XlsxJob, { kind: 'agencyResults' }>): Promise<Buffer> {
  return Buffer.from(await startWorker<Uint8Array>('xlsx', job).finish());
}

/**
 * An agency's results workbook: its people read from the state a slice of the event loop at a
 * time (a large agency is tens of thousands of people) and handed to the job as they come.
 */
export async function agencyResultsXlsxOf(state: ProjectionState, job: Extract<XlsxJob, { kind: 'agencyResults' }>): Promise<Buffer> {
  const running = startWorker<Uint8Array>('xlsx', job);
  let erased = 0;
  for await (const slice of inSlices(agencyPeople(state, job.head.agencyId))) {
    const lines: PersonLine[] = [];
    for (const person of slice) {
      if (person) lines.push(person.line);
      else erased += 1;
    }
    running.post(lines);
  }
  return Buffer.from(await running.finish({ erased }));
}

export function sendXlsx(res: Response, fileName: string, file: Buffer): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Type', XLSX_TYPE);
  res.setHeader('Content-Disposition', attachment(fileName));
  res.send(file);
}
