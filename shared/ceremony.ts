/**
 * The honouring ceremony on the day (issue 17), read from the projection: the batches in order
 * with who is present, who is represented and who is absent; the batch on stage and the next;
 * the MC's script of a batch, made from the list unless it was edited; and the after-report of
 * who received which award, and how. Pure: the console, the MC, the wall and the server's report
 * all read the same answers.
 */
import type { HonoureeKind } from './constants.ts';
import type { CeremonyBatch, Honouree, ProjectionState } from './projectionState.ts';
import { formatNumber } from './format.ts';

type CeremonyView = Pick<ProjectionState, 'ceremonyAwards' | 'ceremonyBatches' | 'honourees' | 'ceremonyOnStage'>;

export const HONOUREE_KIND_NAMES: Record<HonoureeKind, { vi: string; en: string }> = {
  individual: { vi: 'Cá nhân', en: 'Individual' },
  family: { vi: 'Gia đình', en: 'Family' },
  collective: { vi: 'Tập thể', en: 'Collective' },
};

/** How an honouree received their award: in person, through a representative, or not (absent, so far). */
export type Reception = 'in_person' | 'representative' | 'absent';

/** The words of the after-report (README's glossary): one name each, on every page and in the workbook. */
export const RECEPTION_NAMES: Record<Reception, { vi: string; en: string }> = {
  in_person: { vi: 'Nhận trực tiếp', en: 'In person' },
  representative: { vi: 'Người nhận thay', en: 'By a representative' },
  absent: { vi: 'Vắng', en: 'Absent' },
};

export function receptionOf(honouree: Honouree): Reception {
  if (!honouree.arrivedAt) return 'absent';
  return honouree.representative !== undefined || honouree.kind === 'collective' ? 'representative' : 'in_person';
}

export interface BatchSummary {
  batch: CeremonyBatch;
  /** The honourees of the batch whose data is kept, in their order. */
  members: Honouree[];
  present: number;
  represented: number;
  absent: number;
  status: 'waiting' | 'on_stage' | 'done';
}

export function batchesInOrder(state: Pick<CeremonyView, 'ceremonyBatches'>): CeremonyBatch[] {
  return [...state.ceremonyBatches.values()].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

export function membersOf(state: Pick<CeremonyView, 'honourees'>, batchId: string): Honouree[] {
  return [...state.honourees.values()].filter((h) => h.batchId === batchId && !h.erased).sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

export function summarizeBatch(state: CeremonyView, batch: CeremonyBatch): BatchSummary {
  const members = membersOf(state, batch.id);
  const counts = receptionCounts(members.map((honouree) => ({ reception: receptionOf(honouree) })));
  const status = state.ceremonyOnStage === batch.id ? 'on_stage' : batch.doneAt ? 'done' : 'waiting';
  return { batch, members, present: counts.in_person, represented: counts.representative, absent: counts.absent, status };
}

/** The stage manager's view: the batch on stage (if any) and the next one to go up. */
export function stageNow(state: CeremonyView): { current: BatchSummary | null; next: BatchSummary | null; all: BatchSummary[] } {
  const all = batchesInOrder(state).map((batch) => summarizeBatch(state, batch));
  const current = all.find((s) => s.status === 'on_stage') ?? null;
  const next = all.find((s) => s.status === 'waiting') ?? null;
  return { current, next, all };
}

export function awardName(state: Pick<CeremonyView, 'ceremonyAwards'>, awardId: string): string {
  return state.ceremonyAwards.find((award) => award.id === awardId)?.name ?? awardId;
}

const KIND_PLURAL_VI: Record<HonoureeKind, string> = { individual: 'cá nhân', family: 'gia đình', collective: 'tập thể' };

/** "các tập thể, gia đình và cá nhân": the kinds of a batch, as the invitation names them. */
function kindsPhrase(members: Honouree[]): string {
  const kinds = (['collective', 'family', 'individual'] as const).filter((kind) => members.some((m) => m.kind === kind)).map((kind) => KIND_PLURAL_VI[kind]);
  if (kinds.length <= 1) return kinds[0] ?? 'cá nhân';
  return `${kinds.slice(0, -1).join(', ')} và ${kinds.at(-1)}`;
}

/** One honouree as the MC reads them: the name, the unit, the donations. */
export function scriptLine(honouree: Honouree, index: number): string {
  const parts = [honouree.name];
  if (honouree.unit) parts.push(honouree.unit);
  if (honouree.donations !== undefined) parts.push(`${formatNumber(honouree.donations)} lần hiến máu`);
  return `${index + 1}. ${parts.join(' — ')}`;
}

/** The MC's script of a batch made from the list: the invitation, each name, the leader invited to present. */
export function generatedScript(state: CeremonyView, batch: CeremonyBatch): string {
  const members = membersOf(state, batch.id);
  const awards = [...new Set(members.map((m) => awardName(state, m.awardId)))];
  const award = awards.length > 0 ? awards.join(', ') : 'phần thưởng';
  const lines = [
    batch.title,
    '',
    `Trân trọng kính mời đại diện các ${kindsPhrase(members)} sau đây lên sân khấu nhận ${award}:`,
    '',
    ...members.map(scriptLine),
    '',
    batch.leader ? `Trân trọng kính mời ${batch.leader} lên trao ${award}.` : `Trân trọng kính mời lãnh đạo lên trao ${award}.`,
  ];
  return lines.join('\n');
}

/** The script the MC reads: as edited, else as made from the list. */
export function scriptOf(state: CeremonyView, batch: CeremonyBatch): string {
  return batch.script ?? generatedScript(state, batch);
}

/** The names the wall shows for the batch on stage: those who did not ask to be left out. */
export function namesForWall(state: CeremonyView, batchId: string): Honouree[] {
  return membersOf(state, batchId).filter((h) => !h.hidden && h.name);
}

export interface CeremonyReportRow {
  batch: string;
  batchOrder: number;
  order: number;
  kind: HonoureeKind;
  name: string;
  unit: string;
  donations: number | null;
  award: string;
  reception: Reception;
  representative: string;
  decisionNo: string;
  decisionDate: string;
  erased: boolean;
}

/** The after-report: every honouree on the list (an erased one as a line without a name), by batch and order. */
export function ceremonyReport(state: CeremonyView): CeremonyReportRow[] {
  const rows: CeremonyReportRow[] = [];
  const batches = batchesInOrder(state);
  const orderOf = new Map(batches.map((b, i) => [b.id, i]));
  const honourees = [...state.honourees.values()].sort((a, b) => (orderOf.get(a.batchId) ?? Infinity) - (orderOf.get(b.batchId) ?? Infinity) || a.order - b.order || a.id.localeCompare(b.id));
  for (const h of honourees) {
    const batch = state.ceremonyBatches.get(h.batchId);
    rows.push({
      batch: batch?.title ?? h.batchId,
      batchOrder: batch?.order ?? 0,
      order: h.order,
      kind: h.kind,
      name: h.name,
      unit: h.unit ?? '',
      donations: h.donations ?? null,
      award: awardName(state, h.awardId),
      reception: receptionOf(h),
      representative: h.representative ?? '',
      decisionNo: h.dossier?.decisionNo ?? '',
      decisionDate: h.dossier?.decisionDate ?? '',
      erased: Boolean(h.erased),
    });
  }
  return rows;
}

export function receptionCounts(rows: readonly { reception: Reception }[]): Record<Reception, number> {
  const counts: Record<Reception, number> = { in_person: 0, representative: 0, absent: 0 };
  for (const row of rows) counts[row.reception] += 1;
  return counts;
}
