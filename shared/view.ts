/**
 * The public state body (GET /api/state and the socket `snapshot`): aggregates only, never a
 * donor's record. Derived from the projection; clients derive the same view from their own
 * projection so the wall shows exactly what the API says.
 */
import type { Counts, EventInfo, ProjectionState } from './projection.ts';
import { emptyCounts, taskStatus } from './projection.ts';
import { WALK_IN_AGENCY_ID } from './constants.ts';
import type { QuotaRuleValue } from './quota.ts';
import { festivalTarget, quotaOf } from './quota.ts';

export interface AgencyRow extends Counts {
  id: string;
  name: string;
  nameEn: string | null;
  /** The number it must reach, or null. */
  quota: number | null;
  quotaRule: QuotaRuleValue | null;
  /** Counts per festival day (YYYY-MM-DD). */
  days: Record<string, Counts>;
}

export interface TaskRow {
  id: string;
  title: string;
  titleEn: string | null;
  owner: string;
  also: string[];
  phase: string;
  due: string | null;
  whenText: string | null;
  status: string;
  note: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface MilestoneRow {
  id: string;
  label: string;
  reachedAt: string;
  announcedAt: string | null;
}

export interface DayRow extends Counts {
  date: string;
}

export interface StateBody {
  seq: number;
  event: EventInfo | null;
  /** The festival target: the sum of quotas. */
  target: number;
  totals: Counts;
  /** Donors registered with no agency, on their own line. */
  walkIns: Counts;
  days: DayRow[];
  agencies: AgencyRow[];
  tasks: TaskRow[];
  milestones: MilestoneRow[];
  /** Successful donations per blood type ('unknown' when not given). */
  bloodTypes: Record<string, number>;
  /** Successful donations per 15 minutes: slot start (ISO) and count, in time order. */
  donationsPer15Min: { start: string; donated: number }[];
}

function copyCounts(counts: Counts | undefined): Counts {
  return counts ? { ...counts } : emptyCounts();
}

export function toStateBody(state: ProjectionState): StateBody {
  const agencies: AgencyRow[] = [...state.agencies.values()].map((agency) => {
    const days: Record<string, Counts> = {};
    for (const [day, counts] of state.byAgencyDay.get(agency.id) ?? []) days[day] = { ...counts };
    return {
      id: agency.id,
      name: agency.name,
      nameEn: agency.nameEn ?? null,
      quota: quotaOf(agency.quotaRule),
      quotaRule: agency.quotaRule,
      ...copyCounts(state.byAgency.get(agency.id)),
      days,
    };
  });
  const tasks: TaskRow[] = [...state.tasks.values()].map((task) => {
    const last = taskStatus(task);
    return {
      id: task.id,
      title: task.title,
      titleEn: task.titleEn ?? null,
      owner: task.owner,
      also: [...task.also],
      phase: task.phase,
      due: task.due,
      whenText: task.whenText ?? null,
      status: last?.status ?? 'todo',
      note: last?.note ?? null,
      updatedAt: last?.at ?? null,
      updatedBy: last?.by ?? null,
    };
  });
  const bloodTypes: Record<string, number> = {};
  for (const [type, count] of state.donatedByBloodType) bloodTypes[type] = count;
  return {
    seq: state.seq,
    event: state.event ? { ...state.event, days: [...state.event.days] } : null,
    target: festivalTarget([...state.agencies.values()].map((a) => a.quotaRule)),
    totals: { ...state.totals },
    walkIns: copyCounts(state.byAgency.get(WALK_IN_AGENCY_ID)),
    days: [...state.byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, counts]) => ({ date, ...counts })),
    agencies,
    tasks,
    milestones: [...state.milestones.values()].map(({ id, label, reachedAt, announcedAt }) => ({ id, label, reachedAt, announcedAt })),
    bloodTypes,
    donationsPer15Min: [...state.donatedPerQuarterHour.entries()]
      .sort(([a], [b]) => a - b)
      .map(([start, donated]) => ({ start: new Date(start).toISOString(), donated })),
  };
}
