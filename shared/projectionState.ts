/**
 * The shape of the projection's state (projection.ts folds the log into it; the milestone
 * engine, milestones.ts, reads and extends it). Types only, in a module of their own so that the
 * projection and the milestone engine both depend on it instead of on each other.
 */
import type { Consent, EventType, MILESTONE_KINDS } from './events.ts';
import type { QuotaRuleValue } from './quota.ts';
import type { BatchReadyItem, DONATION_VOLUMES_ML, DossierStatus, HonoureeKind } from './constants.ts';

export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

/** An organisers' milestone: a threshold on a total, overall or for one agency. */
export interface MilestoneRule {
  id: string;
  label: string;
  metric: 'donated' | 'checkedIn' | 'registered';
  agencyId?: string;
  threshold: number;
  script?: string;
}

export interface Counts {
  registered: number;
  checkedIn: number;
  donated: number;
  deferred: number;
  volumeMl: number;
}
export type CountField = keyof Counts;

export interface EventInfo {
  name: string;
  nameEn?: string;
  venue: string;
  timezone: string;
  days: string[];
  countOn: 'donated' | 'checkedIn';
  /** The festival's hours each day (local HH:MM), when the organisers set them. */
  hours?: { opens: string; closes: string };
  thankYouNames?: boolean;
  celebrationSeconds?: number;
}

export interface AgencyInfo {
  id: string;
  name: string;
  nameEn?: string;
  quotaRule: QuotaRuleValue | null;
}

export interface DonorOutcome {
  kind: 'donated' | 'deferred';
  eventId: string;
  at: string;
  by?: string;
  /** The device that recorded it: a deferral's reason is shown to that desk (and admin) only. */
  actorTokenId?: string;
  volumeMl?: number;
  /** A deferral's note (free text) and code: health data. */
  reason?: string;
  reasonCode?: string;
}

export interface DonorDay {
  checkedInEventId: string;
  checkedInAt: string;
  /** The device that checked the donor in. */
  checkedInBy?: string;
  outcome?: DonorOutcome;
}

export interface Donor {
  id: string;
  /** '' once the person's data is erased. */
  fullName: string;
  agencyId: string;
  phone?: string;
  birthYear?: number;
  bloodType?: string;
  gender?: string;
  weightKg?: number;
  lastDonationDate?: string;
  /** (issue 18) The ABO group when the Rh factor is not known. */
  bloodGroup?: string;
  /** (issue 18) Where the person works (a company under the union): not the agency they count for. */
  workplace?: string;
  /** The last 4 digits of the CCCD (the full number is never kept). */
  nationalIdLast4?: string;
  /** The keyed hash of the CCCD that recognises the same card (server only: never sent). */
  nationalIdHash?: string;
  /** (server only) The key the person's data is sealed with: deleted to erase it. */
  keyRef?: string;
  consent?: Consent;
  /** The list import it came from. */
  importId?: string;
  /**
   * Other agencies whose lists also name this person (donor.listed), in the order they came;
   * the person is credited to `agencyId`. Not personal data: agency ids.
   */
  alsoListed?: string[];
  /** The agency credited was chosen by a desk or the admin after an overlap (settled), not by the default rule. */
  creditChosen?: true;
  /**
   * The person's personal data is gone: erased, or read back from the log without its key. Only
   * counts remain.
   */
  erased?: true;
  /**
   * The seq of the erasure (on request, or retention) that erased the person's data; absent when
   * none did (their data may still read back as gone: its key was lost, and may be restored).
   */
  erasedSeq?: number;
  registeredEventId: string;
  registeredBy?: string;
  registeredAt: string;
  registeredDay: string;
  /** The donor's path per festival day. */
  days: Map<string, DonorDay>;
}

/** A donor list imported: its source. */
export interface ImportInfo {
  id: string;
  agencyId: string;
  fileName: string;
  rows: number;
  at: string;
  by?: string;
  /** (issue 18) The standing office's answer: accepted, or returned with a note. */
  review?: { decision: 'accepted' | 'returned'; note?: string; at: string; by?: string };
}

export interface TaskChange {
  eventId: string;
  status: string;
  note?: string;
  at: string;
  by?: string;
}

export interface TaskInfo {
  id: string;
  title: string;
  titleEn?: string;
  owner: string;
  also: string[];
  phase: string;
  due: string | null;
  whenText?: string;
  /** Status changes in log order; the last one that is not voided is the task's status. */
  changes: TaskChange[];
}

export interface MilestoneInfo {
  id: string;
  kind: MilestoneKind;
  label: string;
  /** The announcement, filled in when it was reached. */
  script: string;
  value: number;
  agencyId?: string;
  reachedAt: string;
  reachedSeq: number;
  announcedAt: string | null;
  announcedEventId: string | null;
  skippedAt: string | null;
  skippedEventId: string | null;
  /** (donor layer) The donor whose event reached it. */
  donorId?: string;
  /** (count layer, MC) The name of that donor, who agreed to have it announced. */
  announceName?: string;
  /** The festival day of a first-donation-of-the-day milestone. */
  day?: string;
  /** The organisers' rule of a custom milestone. */
  ruleId?: string;
  /**
   * When its condition stopped holding before it was announced or skipped (a void took the
   * total back below it, a donor moved to another agency, a quota rose): it leaves the MC's
   * queue and cannot be announced until it holds again. null while it holds.
   */
  withdrawnAt: string | null;
}

export interface IncidentInfo {
  id: string;
  title: string;
  severity: 'low' | 'medium' | 'high' | 'critical';
  place?: string;
  taskId?: string;
  /** (issue 17) The parade checkpoint it happened at. */
  checkpointId?: string;
  note?: string;
  status: 'open' | 'acknowledged' | 'resolved';
  reportedAt: string;
  reportedBy?: string;
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  resolvedAt?: string;
  resolvedBy?: string;
  /** Notes added when acknowledged or resolved, in order. */
  updates: { at: string; by?: string; status: string; note?: string }[];
}

export interface ScheduleItem {
  id: string;
  title: string;
  titleEn?: string;
  start: string;
  durationMin: number;
  note?: string;
}

/** (issue 17) A point of the parade's route. */
export interface ParadeCheckpoint {
  id: string;
  order: number;
  name: string;
  nameEn?: string;
  kind: 'assembly' | 'junction' | 'waypoint' | 'end';
  plannedAt: string;
  note?: string;
  /** When the parade passed it (time of action), and by which event (a void takes it back). */
  passedAt?: string;
  passedEventId?: string;
  passedBy?: string;
}

/** (issue 17) One of the parade's escort. */
export interface EscortMember {
  id: string;
  name: string;
  unit?: string;
  checkpointId?: string;
  post?: string;
  phone?: string;
}

/** (issue 17) A security post at the venue. */
export interface SecurityPost {
  id: string;
  name: string;
  nameEn?: string;
  place?: string;
  note?: string;
}

/** (issue 17) Who holds a post on a day, from–to (local HH:MM), and when they checked in. */
export interface SecurityShift {
  id: string;
  postId: string;
  day: string;
  from: string;
  to: string;
  who: string;
  phone?: string;
  mannedAt?: string;
  mannedEventId?: string;
  mannedBy?: string;
}

export interface CeremonyAward {
  id: string;
  name: string;
}

/** (issue 17) A batch of the honouring ceremony (đợt lên sân khấu). */
export interface CeremonyBatch {
  id: string;
  order: number;
  title: string;
  leader?: string;
  /** What the stage manager ticked as ready. */
  ready: Partial<Record<BatchReadyItem, boolean>>;
  /** "Mời lên sân khấu" (time of action) and its event; "xong đợt" likewise. */
  cuedAt?: string;
  cuedEventId?: string;
  doneAt?: string;
  doneEventId?: string;
  /** The MC's script as edited (none: the one made from the list). */
  script?: string;
  /** (server only) The key the edited script is sealed with (it names honourees); keys of scripts erased with one of them. */
  scriptKeyRef?: string;
  retiredKeyRefs?: string[];
  /** "Đã đọc": when the MC read it, and its event. */
  readAt?: string;
  readEventId?: string;
}

/** (issue 17) Where an honouree's dossier is, before the day. */
export interface HonoureeDossier {
  status: DossierStatus;
  decisionNo?: string;
  decisionDate?: string;
  note?: string;
  at: string;
}

/** (issue 17) An honouree of the ceremony, and how they received their award. */
export interface Honouree {
  id: string;
  kind: HonoureeKind;
  /** '' once erased, or for a viewer who may not see it (a hidden honouree on the wall). */
  name: string;
  unit?: string;
  donations?: number;
  awardId: string;
  batchId: string;
  order: number;
  seat?: string;
  hidden?: true;
  importId?: string;
  /** When it was first listed (retention counts from it). */
  listedAt: string;
  /** (server only) The key the name and unit are sealed with. */
  keyRef?: string;
  erased?: true;
  erasedSeq?: number;
  dossier?: HonoureeDossier;
  /** Reception: when they arrived (or their representative did), and who came for them. */
  arrivedAt?: string;
  arrivedEventId?: string;
  representative?: string;
}

export interface WallMessage {
  text: string;
  at: string;
  by?: string;
}

/** What the projection remembers of an applied event so it can be voided later. */
export interface AppliedEvent {
  seq: number;
  type: EventType;
  at: string;
  actorTokenId?: string;
  /** donorId, taskId or milestoneId the event touched. */
  ref?: string;
  day?: string;
  voidedBy?: string;
}

/** When an agency's first counted donor of a day was recorded (the wall's pace projection). */
export interface FirstCounted {
  checkedIn?: string;
  donated?: string;
}

/** A blood bag's volume: 250, 350 or 450 ml (the only volumes a donation may record). */
export type BagSize = (typeof DONATION_VOLUMES_ML)[number];

/** Units of blood accepted, by bag size: { 250: 3, 350: 5, 450: 0 }. */
export type BagCounts = Record<BagSize, number>;

/** A donation just recorded (the wall's thank-you line: an agency, never a name). */
export interface RecentDonation {
  agencyId: string;
  at: string;
}

/**
 * What a rehearsal counts apart: donors and their counts, lists, milestones and what the MC put
 * on the wall, with the memory of the events that can be voided. Tasks, incidents, the run of
 * show and the settings are real in both modes.
 */
export const REHEARSAL_WORLD_KEYS = [
  'donors',
  'nationalIdIndex',
  'identityIndex',
  'identityShared',
  'imports',
  'totals',
  'byDay',
  'byAgency',
  'byAgencyDay',
  'donatedByBloodType',
  'donatedPerQuarterHour',
  'donatedBags',
  'firstCounted',
  'recentDonations',
  'milestones',
  'wallMessage',
  'applied',
] as const satisfies readonly (keyof ProjectionState)[];
export type CountWorld = Pick<ProjectionState, (typeof REHEARSAL_WORLD_KEYS)[number]>;

/** A rehearsal under way: when it began, and the live world parked until the event goes live again. */
export interface RehearsalInfo {
  sinceSeq: number;
  since: string;
  live: CountWorld;
}

/** A rehearsal that ran: the seqs it covered (`toSeq` null while it runs). The audit shows its events apart. */
export interface RehearsalPeriod {
  fromSeq: number;
  toSeq: number | null;
}

export interface ProjectionState {
  seq: number;
  /** The rehearsal under way, or null when the event is live (the default). */
  rehearsal: RehearsalInfo | null;
  /** Every rehearsal, in order. */
  rehearsals: RehearsalPeriod[];
  event: EventInfo | null;
  agencies: Map<string, AgencyInfo>;
  /** (donor layer) */
  donors: Map<string, Donor>;
  tasks: Map<string, TaskInfo>;
  milestones: Map<string, MilestoneInfo>;
  milestoneRules: Map<string, MilestoneRule>;
  /** Organisers' edits of the announcement templates, by kind. */
  milestoneTemplates: Map<string, string>;
  incidents: Map<string, IncidentInfo>;
  schedule: Map<string, ScheduleItem>;
  /** (issue 17) The parade's route and its escort (the escort is staff's business: not for the wall). */
  paradeCheckpoints: Map<string, ParadeCheckpoint>;
  paradeEscort: Map<string, EscortMember>;
  /** (issue 17) Security posts and their shifts (who holds them: staff's business, not the wall's). */
  securityPosts: Map<string, SecurityPost>;
  securityShifts: Map<string, SecurityShift>;
  /** (issue 17) The honouring ceremony: its awards in order, its batches, its honourees, the batch on stage. */
  ceremonyAwards: CeremonyAward[];
  ceremonyBatches: Map<string, CeremonyBatch>;
  honourees: Map<string, Honouree>;
  ceremonyOnStage: string | null;
  wallMessage: WallMessage | null;
  /** (donor layer) Recognising a returning donor: CCCD hash → donorId, and identity keys (identityKeysOf) → donorId. */
  nationalIdIndex: Map<string, string>;
  identityIndex: Map<string, string>;
  /** (donor layer) Identity keys held by more than one donor (allowDuplicateName): every holder in order; identityIndex names the first. */
  identityShared: Map<string, string[]>;
  /** (donor layer) Donor lists imported, by import id. */
  imports: Map<string, ImportInfo>;
  totals: Counts;
  byDay: Map<string, Counts>;
  byAgency: Map<string, Counts>;
  byAgencyDay: Map<string, Map<string, Counts>>;
  /** (donor layer) Successful donations per blood type ('unknown' when not given, or erased). */
  donatedByBloodType: Map<string, number>;
  /** Successful donations per 15-minute slot, keyed by the slot's start in epoch ms. */
  donatedPerQuarterHour: Map<number, number>;
  /**
   * Units accepted by bag size, agency → day → { 250, 350, 450 }: counted with the donations
   * (voids and a corrected agency included), so the report does not read every donor for them.
   */
  donatedBags: Map<string, Map<string, BagCounts>>;
  /** agency → day → when its first donor was counted (kept when a void takes it back: an estimate's input). */
  firstCounted: Map<string, Map<string, FirstCounted>>;
  /** The latest donations, newest last, at most RECENT_DONATIONS. */
  recentDonations: RecentDonation[];
  /**
   * The seq of the last event that erased someone's personal data — an erasure, retention, or a
   * registration voided — (snapshots made before it are deleted: they hold what it erased).
   */
  lastErasureSeq: number;
  applied: Map<string, AppliedEvent>;
}
