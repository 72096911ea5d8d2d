/**
 * The public state body (GET /api/state and the socket `snapshot`): aggregates only, never a
 * donor's record. Derived from the projection; clients derive the same view from their own
 * projection so the wall shows exactly what the API says.
 */
import type { Counts, EventInfo, IncidentInfo, ProjectionState, ScheduleItem, WallMessage } from './projection.ts';
import type { MilestoneKind } from './milestones.ts';
import type { Visibility } from './privacy.ts';
import { seesDonors } from './privacy.ts';
import { announceableName, emptyCounts, taskStatus } from './projection.ts';
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
  kind: MilestoneKind;
  /** The announcement text, numbers and names filled in. */
  script: string;
  value: number;
  agencyId: string | null;
  reachedSeq: number;
  skippedAt: string | null;
  /** (extension) When it stopped holding before it was announced (a void took the figure back): not to be announced until it holds again; null while it holds. */
  withdrawnAt: string | null;
  /** (MC and admin) The name of the donor who reached it, when they agreed to have it announced. */
  announceName?: string;
}

export type IncidentRow = Omit<IncidentInfo, 'updates'> & { updates: IncidentInfo['updates'] };

export interface IncidentsSummary {
  /** Not yet resolved (open or acknowledged). */
  open: number;
  bySeverity: Record<IncidentInfo['severity'], number>;
  /** The incidents themselves; absent for the wall, which shows only the count. */
  items?: IncidentRow[];
}

export interface DayRow extends Counts {
  date: string;
}

export interface StateBody {
  seq: number;
  /**
   * (extension) "live" (chính thức), or "rehearsal" (tập dượt): the figures below are then the
   * rehearsal's, shown apart from the live ones, which it never changes.
   */
  mode: 'live' | 'rehearsal';
  /** (v1.1) The identity of the history the figures come from (set by the server; API.md "Live"). */
  logId?: string;
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
  /** A short text the MC put on the wall, until cleared. */
  wallMessage: WallMessage | null;
  incidents: IncidentsSummary;
  /** The run-of-show, in start order. */
  schedule: ScheduleItem[];
  /** (admin and desks) Successful donations per blood type ('unknown' when not given or erased): health data, never sent to the other roles. */
  bloodTypes?: Record<string, number>;
  /** Successful donations per 15 minutes: slot start (ISO) and count, in time order. */
  donationsPer15Min: { start: string; donated: number }[];
}

function copyCounts(counts: Counts | undefined): Counts {
  return counts ? { ...counts } : emptyCounts();
}

function incidentsSummary(state: ProjectionState, visibility: Visibility): IncidentsSummary {
  const bySeverity = { low: 0, medium: 0, high: 0, critical: 0 };
  let open = 0;
  for (const incident of state.incidents.values()) {
    if (incident.status === 'resolved') continue;
    open += 1;
    bySeverity[incident.severity] += 1;
  }
  if (visibility === 'public') return { open, bySeverity };
  const items = [...state.incidents.values()].map((incident) => ({ ...incident, updates: incident.updates.map((u) => ({ ...u })) }));
  return { open, bySeverity, items };
}

/** The public state body; `visibility` is the reader's (the wall gets incident counts only). */
export function toStateBody(state: ProjectionState, visibility: Visibility = 'full'): StateBody {
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
  const withNames = visibility === 'full' || visibility === 'mc';
  return {
    seq: state.seq,
    mode: state.rehearsal ? 'rehearsal' : 'live',
    event: state.event ? { ...state.event, days: [...state.event.days] } : null,
    target: festivalTarget([...state.agencies.values()].map((a) => a.quotaRule)),
    totals: { ...state.totals },
    walkIns: copyCounts(state.byAgency.get(WALK_IN_AGENCY_ID)),
    days: [...state.byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, counts]) => ({ date, ...counts })),
    agencies,
    tasks,
    milestones: [...state.milestones.values()].map((m) => {
      const announceName = withNames ? (m.announceName ?? (m.donorId ? announceableName(state.donors.get(m.donorId)) : undefined)) : undefined;
      return {
        id: m.id,
        label: m.label,
        reachedAt: m.reachedAt,
        announcedAt: m.announcedAt,
        kind: m.kind,
        script: m.script,
        value: m.value,
        agencyId: m.agencyId ?? null,
        reachedSeq: m.reachedSeq,
        skippedAt: m.skippedAt,
        withdrawnAt: m.withdrawnAt,
        ...(announceName ? { announceName } : {}),
      };
    }),
    wallMessage: state.wallMessage ? { ...state.wallMessage } : null,
    incidents: incidentsSummary(state, visibility),
    schedule: [...state.schedule.values()].sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.id.localeCompare(b.id)).map((item) => ({ ...item })),
    ...(seesDonors(visibility) ? { bloodTypes } : {}),
    donationsPer15Min: [...state.donatedPerQuarterHour.entries()].sort(([a], [b]) => a - b).map(([start, donated]) => ({ start: new Date(start).toISOString(), donated })),
  };
}
