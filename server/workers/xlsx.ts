/**
 * The XLSX job (a worker thread): writes a workbook with exceljs, which takes seconds of CPU for
 * a large one and is a large module to load; the server's event loop only hands it the figures
 * (an agency's people in parts, a slice of the loop at a time) and sends the file.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { AgencyResults, PersonLine } from '../../shared/agencyResults.ts';
import { byResultThenName } from '../../shared/agencyResults.ts';
import type { AgencyReport } from '../../shared/report.ts';
import type { CeremonyReportRow } from '../../shared/ceremony.ts';
import { agencyResultsXlsx } from '../admin/agencyResultsExport.ts';
import { reportXlsx } from '../admin/reportExport.ts';
import { ceremonyReportXlsx } from '../ceremony/reportExport.ts';
import type { WorkerAnswer, WorkerInput } from './runWorker.ts';

/** The workbooks there are, with what each needs (an agency's people come as parts, then `erased` at the end). */
export type XlsxJob =
  | { kind: 'agencyReport'; report: AgencyReport; generatedAt: Date }
  | { kind: 'ceremonyReport'; rows: CeremonyReportRow[]; title: string; generatedAt: Date; timeZone: string }
  | { kind: 'agencyResults'; eventName: string; generatedAt: Date; timeZone: string };

/** What an agency's results job receives last, after the people: the agency's figures then, and how many were erased. */
export interface AgencyResultsEnd {
  head: Omit<AgencyResults, 'people' | 'erased'>;
  erased: number;
}

function workbook(job: XlsxJob, parts: PersonLine[], end: unknown): Promise<Buffer> {
  switch (job.kind) {
    case 'agencyReport':
      return reportXlsx(job.report, job.generatedAt);
    case 'ceremonyReport':
      return ceremonyReportXlsx(job.rows, job.title, job.generatedAt, job.timeZone);
    case 'agencyResults': {
      const { head, erased } = end as AgencyResultsEnd;
      const results: AgencyResults = { ...head, people: parts.sort(byResultThenName), erased };
      return agencyResultsXlsx(results, job.eventName, job.generatedAt, job.timeZone);
    }
    default: {
      const unknownKind: never = job;
      throw new Error(`unknown workbook ${String((unknownKind as { kind: unknown }).kind)}`);
    }
  }
}

const { data } = workerData as { data: XlsxJob };
const parts: PersonLine[] = [];
parentPort!.on('message', (input: WorkerInput) => {
  if ('part' in input) {
    for (const line of input.part as PersonLine[]) parts.push(line);
    return;
  }
  workbook(data, parts, input.end).then(
    (file) => parentPort!.postMessage({ ok: true, result: new Uint8Array(file.buffer, file.byteOffset, file.byteLength) } satisfies WorkerAnswer<Uint8Array>),
    (err: Error) => parentPort!.postMessage({ ok: false, error: err.message } satisfies WorkerAnswer<Uint8Array>),
  );
});
