/**
 * The event vocabulary: one zod schema per event type, the envelope a device sends, and the
 * envelope the server records and pushes. This file is the single source of truth for the
 * protocol's payloads; every other type is inferred from it.
 */
import { z } from 'zod';

const MAX_ID = 64;

/** Ids made by clients or organisers: 1-64 visible characters. */
export const RefId = z.string().min(1, 'must not be empty').max(MAX_ID, `must be at most ${MAX_ID} characters`);

export const BloodType = z.enum(BLOOD_TYPES);

export const TASK_STATUSES = ['todo', 'in_progress', 'done', 'blocked'] as const;
export const TaskStatus = z.enum(TASK_STATUSES);

import { ABO_GROUPS, BATCH_READY_ITEMS, BLOOD_TYPES, CHECKPOINT_KINDS, COUNTED_TYPES, DONATION_VOLUMES_ML, DOSSIER_STATUSES, EVENT_TYPES, HONOUREE_KINDS, type EventType } from './constants.ts';

export { DONATION_VOLUMES_ML };

export { BLOOD_TYPES };
export { COUNTED_TYPES, EVENT_TYPES, WALK_IN_AGENCY_ID, type EventType } from './constants.ts';

const FullName = z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters');

/** A Vietnamese mobile or landline number: 0 or +84, then 9 digits. */
export const Phone = z.string().regex(/^(0|\+84)\d{9}$/, 'must be 0 or +84 followed by 9 digits');
/** Căn cước công dân: 12 digits. */
export const NationalId = z.string().regex(/^\d{12}$/, 'must be a 12-digit CCCD number');

const ShortText = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** A calendar date, YYYY-MM-DD (festival days, in the event's time zone). */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
/** An instant with an explicit offset, e.g. 2024-07-19T07:30:00+07:00. */
export const IsoInstant = z.iso.datetime({ offset: true, message: 'must be an ISO date-time with offset' });

export const QuotaRule = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('count'), count: z.number().int().min(0).max(1_000_000) }),
  z.strictObject({
    kind: z.literal('percent_of_headcount'),
    percent: z.number().gt(0).max(100),
    headcount: z.number().int().min(0).max(10_000_000).nullable(),
  }),
]);

// ---- payloads of the v1 contract ----------------------------------------------------------

export const GENDERS = ['female', 'male'] as const;
export const Gender = z.enum(GENDERS);
const BirthYear = z.number().int().min(1900).max(2100);
const WeightKg = z.number().min(20).max(250);

/** The optional details of a donor, shared by registration and correction. */
const donorDetails = {
  phone: Phone,
  birthYear: BirthYear,
  bloodType: BloodType,
  nationalId: NationalId,
  /** (extension) */
  gender: Gender,
  /** (extension) body weight at the desk, kg */
  weightKg: WeightKg,
  /** (extension) the donor's previous whole-blood donation, when known */
  lastDonationDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
  /** (extension, issue 18) the ABO group when the Rh factor is not known ("O", "A", "B", "AB") */
  bloodGroup: z.enum(ABO_GROUPS),
  /** (extension, issue 18) where the person works (a company under the union, a school): not the agency they are counted for */
  workplace: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
};

/**
 * (v1.1) What the donor agreed to, recorded at the desk after the privacy notice was shown:
 * the processing of their data for the festival, and (optionally) having their name announced
 * on stage — the one case in which a name may reach the MC.
 */
export const Consent = z.strictObject({
  dataProcessing: z.boolean(),
  announceName: z.boolean().optional(),
});
export type Consent = z.infer<typeof Consent>;

export const DonorRegistered = z.strictObject({
  donorId: RefId,
  fullName: FullName,
  agencyId: RefId,
  phone: donorDetails.phone.optional(),
  birthYear: donorDetails.birthYear.optional(),
  bloodType: donorDetails.bloodType.optional(),
  nationalId: donorDetails.nationalId.optional(),
  gender: donorDetails.gender.optional(),
  weightKg: donorDetails.weightKg.optional(),
  lastDonationDate: donorDetails.lastDonationDate.optional(),
  bloodGroup: donorDetails.bloodGroup.optional(),
  workplace: donorDetails.workplace.optional(),
  /** (extension) The desk confirmed that a donor with the same name, birth year and agency is someone else. */
  allowDuplicateName: z.boolean().optional(),
  /** (v1.1) Notice shown and consent recorded (walk-ins); imported lists carry their source instead. */
  consent: Consent.optional(),
  /** (v1.1) The `list.imported` this registration came from. */
  importId: RefId.optional(),
});
/** (extension) Corrects a donor's details; `null` clears an optional field. */
export const DonorUpdated = z
  .strictObject({
    donorId: RefId,
    fullName: FullName.optional(),
    agencyId: RefId.optional(),
    phone: donorDetails.phone.nullable().optional(),
    birthYear: donorDetails.birthYear.nullable().optional(),
    bloodType: donorDetails.bloodType.nullable().optional(),
    nationalId: donorDetails.nationalId.nullable().optional(),
    gender: donorDetails.gender.nullable().optional(),
    weightKg: donorDetails.weightKg.nullable().optional(),
    lastDonationDate: donorDetails.lastDonationDate.nullable().optional(),
    bloodGroup: donorDetails.bloodGroup.nullable().optional(),
    workplace: donorDetails.workplace.nullable().optional(),
    /** (v1.1) The donor changed their mind about having their name announced. */
    announceName: z.boolean().optional(),
  })
  .refine((p) => Object.keys(p).length > 1, { message: 'must change at least one field' });

/** Why a donor was deferred (the physician's reason, from the desk's list). */
export const DEFERRAL_REASONS = ['low_hemoglobin', 'blood_pressure', 'weight', 'recent_illness', 'medication', 'too_soon', 'other'] as const;
export const DonorCheckedIn = z.strictObject({ donorId: RefId });
export const DonorDonated = z.strictObject({
  donorId: RefId,
  volumeMl: z.union(DONATION_VOLUMES_ML.map((v) => z.literal(v)) as [z.ZodLiteral<250>, z.ZodLiteral<350>, z.ZodLiteral<450>], {
    message: 'must be 250, 350 or 450',
  }),
  /**
   * (extension, admin only) A second donation of the same person in the festival, which the
   * rules otherwise refuse (`already_donated`): why it is recorded anyway. It stays in the log.
   */
  secondDonationReason: ShortText(500).optional(),
});
/**
 * v1 sends a free-text `reason`; v1.1 adds the `reasonCode` and keeps the text as an optional
 * note. Either is enough. Both are health data: only the desk that recorded them and admin see them.
 */
export const DonorDeferred = z
  .strictObject({ donorId: RefId, reason: ShortText(500).optional(), reasonCode: z.enum(DEFERRAL_REASONS).optional() })
  .refine((p) => p.reason !== undefined || p.reasonCode !== undefined, { message: 'give a reasonCode or a reason', path: ['reasonCode'] });
export const TaskStatusSet = z.strictObject({ taskId: RefId, status: TaskStatus, note: z.string().max(1000).optional() });
export const MilestoneAnnounced = z.strictObject({ milestoneId: RefId });
/** (extension) The MC passes over a milestone without announcing it. */
export const MilestoneSkipped = z.strictObject({ milestoneId: RefId });
export const EventVoided = z.strictObject({ eventId: RefId, reason: ShortText(500) });

// ---- setup events (an extension of v1: the event, agencies and tasks live in the log too) ----

export const EventConfigured = z.strictObject({
  name: ShortText(200),
  nameEn: ShortText(200).optional(),
  venue: ShortText(300),
  timezone: ShortText(64),
  /** Festival days, YYYY-MM-DD, in order. */
  days: z.array(IsoDate).min(1).max(60),
  /** What meets a quota: successful donations (default) or check-ins. */
  countOn: z.enum(['donated', 'checkedIn']),
  /**
   * (extension) The festival's hours each day, local time HH:MM: the first donor of the day is
   * the first donation inside them (a test before the opening is not announced).
   */
  hours: z
    .strictObject({ opens: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM'), closes: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM') })
    .refine((h) => h.opens < h.closes, { message: 'opens must be before closes', path: ['closes'] })
    .optional(),
  /**
   * Thank each donation's agency on the wall as it happens (off by default; the field keeps its
   * first name). The wall never receives a donor's name: it holds counts.
   */
  thankYouNames: z.boolean().optional(),
  /** How long the wall celebrates an announced milestone, in seconds. */
  celebrationSeconds: z.number().int().min(3).max(600).optional(),
});
export const AgencyUpserted = z.strictObject({
  agencyId: RefId,
  name: ShortText(200),
  nameEn: ShortText(200).optional(),
  quota: QuotaRule.nullable(),
});
export const TaskDefined = z.strictObject({
  taskId: RefId,
  title: ShortText(300),
  titleEn: ShortText(300).optional(),
  owner: RefId,
  /** Other agencies that share the task. */
  also: z.array(RefId).max(20).optional(),
  phase: ShortText(64),
  /** When it is due; organisers edit it (the plan often says only "afternoon" or "before"). */
  due: IsoInstant.nullable(),
  /** The plan's own words for when, kept for the reader. */
  whenText: z.string().max(200).optional(),
});

// ---- milestones, wall message, incidents, run-of-show (extensions) ----------------------

export const MILESTONE_KINDS = ['first_donation_of_day', 'donations', 'one_thousand', 'target', 'agency_half', 'agency_quota', 'custom'] as const;
export const MilestoneKindEnum = z.enum(MILESTONE_KINDS);

/** An organisers' milestone: a threshold on a total, overall or for one agency. */
export const MilestoneRuleDefined = z.strictObject({
  ruleId: RefId,
  label: ShortText(200),
  metric: z.enum(['donated', 'checkedIn', 'registered']),
  agencyId: RefId.optional(),
  threshold: z.number().int().min(1).max(10_000_000),
  /** Announcement text; placeholders as in templates. */
  script: z.string().trim().max(1000).optional(),
});
/** Edits the announcement template of a kind of milestone. */
export const MilestoneTemplateSet = z.strictObject({ kind: MilestoneKindEnum, text: ShortText(1000) });

/** A short text on the wall until cleared (`text: null`). */
export const WallMessageSet = z.strictObject({ text: ShortText(200).nullable() });

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const IncidentReported = z.strictObject({
  incidentId: RefId,
  title: ShortText(200),
  severity: z.enum(SEVERITIES),
  place: z.string().trim().max(200).optional(),
  taskId: RefId.optional(),
  /** (issue 17) The parade checkpoint it happened at. */
  checkpointId: RefId.optional(),
  note: z.string().trim().max(1000).optional(),
});
export const IncidentAcknowledged = z.strictObject({ incidentId: RefId, note: z.string().trim().max(1000).optional() });
export const IncidentResolved = z.strictObject({ incidentId: RefId, note: z.string().trim().max(1000).optional() });

/** A run-of-show item, created or edited (same itemId). */
export const ScheduleItemSet = z.strictObject({
  itemId: RefId,
  title: ShortText(200),
  titleEn: ShortText(200).optional(),
  start: IsoInstant,
  durationMin: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  note: z.string().trim().max(500).optional(),
});
export const ScheduleItemRemoved = z.strictObject({ itemId: RefId });

// ---- personal data (v1.1) ------------------------------------------------------------------

/** Where a list of donors came from: the agency, the file, and (as the event's actor and time) who imported it and when. */
export const ListImported = z.strictObject({
  importId: RefId,
  agencyId: RefId,
  fileName: ShortText(200),
  /** Rows read from the file (people in it). */
  rows: z.number().int().min(0).max(1_000_000),
});
/**
 * (issue 18) The standing office's answer to an agency's list: accepted, or returned to the
 * agency with a note saying what to fix.
 */
export const LIST_DECISIONS = ['accepted', 'returned'] as const;
export const ListReviewed = z.strictObject({ importId: RefId, decision: z.enum(LIST_DECISIONS), note: z.string().trim().max(500).optional() });
/**
 * (issue 18) The headcount of an agency whose quota is a share of it ("ít nhất 50 % quân số"),
 * entered by its liaison or the standing office: the quota follows, rounded up (quota.ts).
 */
export const AgencyHeadcountSet = z.strictObject({ agencyId: RefId, headcount: z.number().int().min(0).max(10_000_000) });
/**
 * An admin erases one person's personal data on request. Every count stays; the reason says
 * why (a request's date and reference — never the person's name or numbers).
 */
export const DonorErased = z.strictObject({ donorId: RefId, reason: ShortText(500) });
/** Retention ran out: the personal data of everyone registered up to an instant is erased. */
export const PersonalDataExpired = z.strictObject({ registeredUpTo: IsoInstant, reason: ShortText(500) });

// ---- rehearsal (extension) -----------------------------------------------------------------

/**
 * The admin switches the event between rehearsal ("tập dượt": volunteers train on the real
 * devices) and live ("chính thức"). What is recorded in rehearsal stays in the log and the
 * audit, and is never counted in the live figures (projection.ts, "Rehearsal").
 */
export const EVENT_MODES = ['rehearsal', 'live'] as const;
export const EventModeSet = z.strictObject({ mode: z.enum(EVENT_MODES) });

// ---- overlapping lists (extension, issue 15) --------------------------------------------------

/**
 * A person already registered with one agency is also on another agency's list (a union member
 * on a department's list too). The person stays one donor, credited to the agency they are
 * registered with (the list that reached first) until a desk or the admin credits another
 * (`donor.updated` with `agencyId`); the admin's list of overlaps shows who to settle.
 */
export const DonorListed = z.strictObject({ donorId: RefId, agencyId: RefId, importId: RefId.optional() });

// ---- the parade (issue 17) -----------------------------------------------------------------

export { CHECKPOINT_KINDS };

/** A point of the parade's route, created or edited (same checkpointId): in `order`, with its planned time. */
export const ParadeCheckpointSet = z.strictObject({
  checkpointId: RefId,
  order: z.number().int().min(0).max(1000),
  name: ShortText(200),
  nameEn: ShortText(200).optional(),
  kind: z.enum(CHECKPOINT_KINDS),
  plannedAt: IsoInstant,
  note: z.string().trim().max(500).optional(),
});
export const ParadeCheckpointRemoved = z.strictObject({ checkpointId: RefId });
/** "Đoàn đã qua": the parade passed a checkpoint, at the event's time of action. Voidable (a wrong tap). */
export const ParadePassed = z.strictObject({ checkpointId: RefId });
/** One of the escort (the police car, an officer), created or edited: who, of which unit, posted where. */
export const ParadeEscortSet = z.strictObject({
  memberId: RefId,
  name: ShortText(120),
  unit: z.string().trim().max(200).optional(),
  /** The checkpoint they hold, or none (with the parade). */
  checkpointId: RefId.optional(),
  post: z.string().trim().max(200).optional(),
  phone: z.string().trim().max(20).optional(),
});
export const ParadeEscortRemoved = z.strictObject({ memberId: RefId });

// ---- security at the venue (issue 17) -------------------------------------------------------

const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');

/** A security post at the venue (a gate, the car park, the stage), created or edited. */
export const SecurityPostSet = z.strictObject({
  postId: RefId,
  name: ShortText(200),
  nameEn: ShortText(200).optional(),
  place: z.string().trim().max(200).optional(),
  note: z.string().trim().max(500).optional(),
});
export const SecurityPostRemoved = z.strictObject({ postId: RefId });
/** Who holds a post on a day, from–to (local HH:MM), created or edited. */
export const SecurityShiftSet = z
  .strictObject({
    shiftId: RefId,
    postId: RefId,
    day: IsoDate,
    from: LocalTime,
    to: LocalTime,
    who: ShortText(200),
    phone: z.string().trim().max(20).optional(),
  })
  .refine((shift) => shift.from < shift.to, { message: 'from must be before to (a shift past midnight is two shifts)', path: ['to'] });
export const SecurityShiftRemoved = z.strictObject({ shiftId: RefId });
/** The post is manned for this shift (checked in at the event's time of action). Voidable. */
export const SecurityManned = z.strictObject({ shiftId: RefId });

// ---- the honouring ceremony, Lễ tôn vinh (issue 17) -----------------------------------------

/** The awards of the ceremony (Bằng khen UBND tỉnh, Giấy khen, …), the whole list at once, in order. */
export const CeremonyAwardsSet = z.strictObject({
  awards: z
    .array(z.strictObject({ awardId: RefId, name: ShortText(200) }))
    .max(50)
    .refine((awards) => new Set(awards.map((a) => a.awardId)).size === awards.length, { message: 'awardId must be unique' }),
});
/** A batch going up on stage together (đợt), created or edited: its order, its title, the leader who presents it. */
export const CeremonyBatchSet = z.strictObject({
  batchId: RefId,
  order: z.number().int().min(0).max(1000),
  title: ShortText(200),
  /** The leader invited to present (a public office: "đồng chí Chủ tịch UBND tỉnh"). */
  leader: z.string().trim().max(200).optional(),
});
export const CeremonyBatchRemoved = z.strictObject({ batchId: RefId });
/**
 * An honouree, created or edited (same honoureeId): an individual, a family or a collective, in
 * a batch at an order. Name and unit or address are a person's data: sealed in the log with the
 * honouree's own key (erasure, retention), shown on the wall only if `hidden` is not set.
 */
export const CeremonyHonoureeSet = z.strictObject({
  honoureeId: RefId,
  kind: z.enum(HONOUREE_KINDS),
  name: ShortText(200),
  /** The unit (agency, company) or the address, as it is read on stage. */
  unit: z.string().trim().max(300).optional(),
  donations: z.number().int().min(0).max(500).optional(),
  awardId: RefId,
  batchId: RefId,
  order: z.number().int().min(0).max(10_000),
  seat: z.string().trim().max(40).optional(),
  /** Does not wish to be shown on the wall and the public pages. */
  hidden: z.boolean().optional(),
  /** The import it came from, if any. */
  importId: RefId.optional(),
});
/** An honouree removed from the list and their data erased (a mistake, a request): admin, with a reason. */
export const CeremonyHonoureeErased = z.strictObject({ honoureeId: RefId, reason: ShortText(500) });
export const CeremonyDossierSet = z.strictObject({
  honoureeId: RefId,
  status: z.enum(DOSSIER_STATUSES),
  decisionNo: z.string().trim().max(60).optional(),
  decisionDate: IsoDate.optional(),
  note: z.string().trim().max(500).optional(),
});
/** Reception (lễ tân): the honouree arrived, or someone came to receive for them (người nhận thay, by name). Voidable. */
export const CeremonyArrived = z.strictObject({ honoureeId: RefId, representative: z.string().trim().min(1).max(120).optional() });
export const CeremonyBatchReady = z.strictObject({ batchId: RefId, item: z.enum(BATCH_READY_ITEMS), ready: z.boolean() });
/** "Mời lên sân khấu": the batch is on stage (the wall shows it). One batch at a time. Voidable. */
export const CeremonyBatchCued = z.strictObject({ batchId: RefId });
/** "Xong đợt": the batch left the stage (the wall returns to the totals). Voidable. */
export const CeremonyBatchDone = z.strictObject({ batchId: RefId });
/** The MC's script of a batch as edited; an empty text goes back to the one made from the list. */
export const CeremonyScriptSet = z.strictObject({ batchId: RefId, text: z.string().max(10_000) });
/** "Đã đọc": the MC read the batch's script. Voidable. */
export const CeremonyScriptRead = z.strictObject({ batchId: RefId });

/** Every event type the server accepts, with its payload schema. */
export const PAYLOAD_SCHEMAS = {
  'donor.registered': DonorRegistered,
  'donor.checked_in': DonorCheckedIn,
  'donor.donated': DonorDonated,
  'donor.deferred': DonorDeferred,
  'task.status_set': TaskStatusSet,
  'milestone.announced': MilestoneAnnounced,
  'event.voided': EventVoided,
  'event.configured': EventConfigured,
  'agency.upserted': AgencyUpserted,
  'task.defined': TaskDefined,
  'donor.updated': DonorUpdated,
  'milestone.skipped': MilestoneSkipped,
  'milestone.rule_defined': MilestoneRuleDefined,
  'milestone.template_set': MilestoneTemplateSet,
  'wall.message_set': WallMessageSet,
  'incident.reported': IncidentReported,
  'incident.acknowledged': IncidentAcknowledged,
  'incident.resolved': IncidentResolved,
  'schedule.item_set': ScheduleItemSet,
  'schedule.item_removed': ScheduleItemRemoved,
  'list.imported': ListImported,
  'donor.erased': DonorErased,
  'personal_data.expired': PersonalDataExpired,
  'event.mode_set': EventModeSet,
  'donor.listed': DonorListed,
  'parade.checkpoint_set': ParadeCheckpointSet,
  'parade.checkpoint_removed': ParadeCheckpointRemoved,
  'parade.passed': ParadePassed,
  'parade.escort_set': ParadeEscortSet,
  'parade.escort_removed': ParadeEscortRemoved,
  'security.post_set': SecurityPostSet,
  'security.post_removed': SecurityPostRemoved,
  'security.shift_set': SecurityShiftSet,
  'security.shift_removed': SecurityShiftRemoved,
  'security.manned': SecurityManned,
  'ceremony.awards_set': CeremonyAwardsSet,
  'ceremony.batch_set': CeremonyBatchSet,
  'ceremony.batch_removed': CeremonyBatchRemoved,
  'ceremony.honouree_set': CeremonyHonoureeSet,
  'ceremony.honouree_erased': CeremonyHonoureeErased,
  'ceremony.dossier_set': CeremonyDossierSet,
  'ceremony.arrived': CeremonyArrived,
  'ceremony.batch_ready': CeremonyBatchReady,
  'ceremony.batch_cued': CeremonyBatchCued,
  'ceremony.batch_done': CeremonyBatchDone,
  'ceremony.script_set': CeremonyScriptSet,
  'ceremony.script_read': CeremonyScriptRead,
  'list.reviewed': ListReviewed,
  'agency.headcount_set': AgencyHeadcountSet,
} as const;

// The list in constants.ts and the schemas here must name the same types, both ways.
const _everyTypeHasASchema = PAYLOAD_SCHEMAS satisfies Record<EventType, z.ZodType>;
const _everySchemaIsListed: [Exclude<keyof typeof PAYLOAD_SCHEMAS, EventType>] extends [never] ? true : false = true;
void _everyTypeHasASchema;
void _everySchemaIsListed;
/** A payload as a device sends it (the schema's type). */
export type SubmittedPayloadOf<T extends EventType> = z.infer<(typeof PAYLOAD_SCHEMAS)[T]>;

/**
 * What the server keeps of a CCCD (the full number is dropped at the door, see door.ts): a
 * keyed hash (HMAC with a secret of the installation) that recognises the same card, and the
 * last 4 digits that a desk may search by.
 */
export interface NationalIdAtRest {
  nationalIdHash: string;
  nationalIdLast4: string;
}

type RecordedRegistration = Omit<SubmittedPayloadOf<'donor.registered'>, 'nationalId'> &
  Partial<NationalIdAtRest> & {
    /** The person's personal data was erased (its key is gone): only the counting keys are left, `fullName` is ''. */
    erased?: true;
    /** (server only) The key the person's data is sealed with (server/privacy/keyStore.ts). */
    keyRef?: string;
  };
type RecordedUpdate = Omit<SubmittedPayloadOf<'donor.updated'>, 'nationalId'> & {
  nationalIdHash?: string | null;
  nationalIdLast4?: string | null;
};

type RecordedScript = SubmittedPayloadOf<'ceremony.script_set'> & {
  /** (server only) The key the script is sealed with (it names honourees). */
  keyRef?: string;
};
type RecordedHonouree = SubmittedPayloadOf<'ceremony.honouree_set'> & {
  /** The honouree's data was erased: `name` and `unit` are ''. */
  erased?: true;
  /** (server only) The key the honouree's name and unit are sealed with, given at their first set. */
  keyRef?: string;
};

/**
 * A payload as recorded (past the door) and as the projection reads it. It differs from what
 * a device sends only for donors' national ids and the keys of people's data.
 */
export type PayloadOf<T extends EventType> = T extends 'donor.registered'
  ? RecordedRegistration
  : T extends 'donor.updated'
    ? RecordedUpdate
    : T extends 'ceremony.honouree_set'
      ? RecordedHonouree
      : T extends 'ceremony.script_set'
        ? RecordedScript
        : SubmittedPayloadOf<T>;

/** What a device sends: its own unique id, the type and the payload. */
export const ClientEventId = z
  .string()
  .min(8, 'must be 8-64 characters')
  .max(64, 'must be 8-64 characters')
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

/** (v1.1) The time of action on the device: an ISO 8601 date-time with `Z` or an offset. */
export const OCCURRED_AT_MESSAGE = 'must be an ISO 8601 time with a time zone, e.g. 2024-07-19T08:30:00+07:00';
export const OccurredAt = z.iso.datetime({ offset: true, error: OCCURRED_AT_MESSAGE });

export const SubmittedEnvelope = z.strictObject({
  id: ClientEventId,
  type: z.string(),
  payload: z.unknown(),
  /** (v1.1) When it happened on the device; the server clamps it (placeOccurredAt). */
  occurredAt: OccurredAt.optional(),
});

type EnvelopeOf<T extends EventType> = { id: string; type: T; payload: PayloadOf<T>; occurredAt?: string };
type SubmittedOf<T extends EventType> = { id: string; type: T; payload: SubmittedPayloadOf<T>; occurredAt?: string };
/** A submitted event whose payload has passed its schema, as the device sent it. */
export type SubmittedEvent = { [T in EventType]: SubmittedOf<T> }[EventType];
/** An event past the door (door.ts), ready for the rules and the log. */
export type NewEvent = { [T in EventType]: EnvelopeOf<T> }[EventType];

/** Who recorded an event: the token's id, role and label (never the token itself). */
export const Actor = z.strictObject({ tokenId: z.string(), role: z.string(), label: z.string() });
export type Actor = z.infer<typeof Actor>;

/**
 * (v1.1) Why a device's time of action was not recorded as sent: its clock is ahead of the
 * server's (a time later than the receive time plus OCCURRED_AT_SKEW_MS), or it is older than
 * OCCURRED_AT_WINDOW_MS before the receive time (a device's clock far behind, or an outbox
 * flushed days late). Either way the time recorded is the nearest bound.
 */
export const OCCURRED_AT_FLAGS = ['clock_ahead', 'too_old'] as const;
export type OccurredAtFlag = (typeof OCCURRED_AT_FLAGS)[number];
/** A device's clock may run this far ahead of the server's before its time is clamped (2 minutes). */
export const OCCURRED_AT_SKEW_MS = 2 * 60 * 1000;
/** How long before its receive time an event may have happened, by default (48 hours: a desk offline overnight keeps its times; OCCURRED_AT_WINDOW_HOURS sets it). */
export const OCCURRED_AT_WINDOW_MS = 48 * 60 * 60 * 1000;

/**
 * Where a device's time of action (epoch ms, from a valid `occurredAt`) lands against the
 * receive time: within [received − window, received + skew] as sent, else the nearest bound and
 * a flag. Returns the time to record, normalised to UTC ISO with milliseconds.
 */
export function placeOccurredAt(deviceMs: number, receivedMs: number, windowMs = OCCURRED_AT_WINDOW_MS): { occurredAt: string; flag?: OccurredAtFlag } {
  const latest = receivedMs + OCCURRED_AT_SKEW_MS;
  if (deviceMs > latest) return { occurredAt: new Date(latest).toISOString(), flag: 'clock_ahead' };
  const earliest = receivedMs - windowMs;
  // (NaN, which a valid occurredAt never parses to, lands here too: never recorded as sent.)
  if (!(deviceMs >= earliest)) return { occurredAt: new Date(earliest).toISOString(), flag: 'too_old' };
  return { occurredAt: new Date(deviceMs).toISOString() };
}

/** What the server records beside the receive time when a device sent `occurredAt` (v1.1). */
interface OccurredFields {
  /** When it happened on the device (UTC ISO, ms), clamped to the bounds above; absent when not sent. */
  occurredAt?: string;
  /** Set when `occurredAt` was clamped. */
  occurredAtFlag?: OccurredAtFlag;
}

type RecordedOf<T extends EventType> = EnvelopeOf<T> & { seq: number; at: string; actor?: Actor } & OccurredFields;
/**
 * An event as recorded in the log and pushed to clients. `at` is the server's receive time;
 * `occurredAt`, when the device sent it, the time of action, which days and figures follow
 * (actionTimeOf in projection.ts).
 */
export type RecordedEvent = { [T in EventType]: RecordedOf<T> }[EventType];

// ---- what the counting roles receive (v1.1, need to know) ----------------------------------
//
// The wall, the MC and the coordinators never receive a donor's id, name, phone, CCCD, blood
// type or deferral reason. Their donor events carry instead what the event changed in the
// counts — computed by the server when it applied the event, and kept beside it in the log —
// and their projection applies that with the same count code as everyone's (projection.ts).

/** The counters a donor event moves (the volume goes with `donated`). */
export type CountedField = 'registered' | 'checkedIn' | 'donated' | 'deferred';

/** One unit counted for an agency on a festival day. */
export interface CountedStep {
  agencyId: string;
  /** The festival day, YYYY-MM-DD in the event's time zone. */
  day: string;
}
export interface CountedDonation extends CountedStep {
  volumeMl: number;
  /** The start of the quarter hour of the donation (ISO). */
  quarterHour: string;
  /** The donor's name: only towards the MC, only when the donor agreed and the donation reached a milestone. */
  announceName?: string;
}
/** What a void takes back. */
export interface CountedUndo extends CountedStep {
  field: CountedField;
  volumeMl?: number;
  quarterHour?: string;
}
/** One counted unit moving to another agency (a donor's agency corrected). */
export interface AgencyMove {
  from: string;
  to: string;
  day: string;
  field: CountedField;
  volumeMl?: number;
}
/** The event changed no count (e.g. a correction of a name). */
export type NoCount = Record<string, never>;

/**
 * The milestones whose donor's name changed (corrected, consent given or withdrawn, erased):
 * the MC receives the name as it is now (`announceName`), or none, for each of them.
 */
export interface RenamedMilestones {
  milestoneIds?: string[];
  announceName?: string;
}

export type CountedPayloadOf<T extends EventType> = T extends 'donor.listed'
  ? NoCount
  : T extends 'donor.registered' | 'donor.checked_in' | 'donor.deferred'
    ? (CountedStep & { announceName?: string }) | NoCount
    : T extends 'donor.donated'
      ? CountedDonation | NoCount
      : T extends 'donor.updated'
        ? { moves?: AgencyMove[] } & RenamedMilestones
        : T extends 'event.voided'
          ? { eventId: string; undo?: CountedUndo } & Pick<RenamedMilestones, 'milestoneIds'>
          : T extends 'donor.erased'
            ? RenamedMilestones
            : T extends 'personal_data.expired'
              ? RenamedMilestones & { honoureeIds?: string[] }
              : NoCount;

export type CountedType = (typeof COUNTED_TYPES)[number] | 'event.voided';

type CountedOf<T extends CountedType> = { id: string; type: T; payload: CountedPayloadOf<T>; seq: number; at: string; actor?: Actor } & OccurredFields;
/** A donor event as the counting roles receive it. */
export type CountedEvent = { [T in CountedType]: CountedOf<T> }[CountedType];
/** The payload of any counted event. */
export type CountedPayload = CountedEvent['payload'];

/** An event as some client receives it: recorded (admin, desk) or counted (wall, MC, coordinators). */
export type WireEvent = RecordedEvent | CountedEvent;

export const MAX_BATCH = 500;
export const BatchBody = z.strictObject({
  events: z.array(z.unknown()).min(1, 'must hold at least one event').max(MAX_BATCH, `at most ${MAX_BATCH} events per batch`),
});

export function isEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(PAYLOAD_SCHEMAS, type);
}

/** Says what is wrong with a zod failure in one line a person can act on. */
export function describeZodError(error: z.ZodError, prefix = ''): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
      if (issue.code === 'unrecognized_keys') {
        return `${path ? path + ': ' : ''}unknown field(s) ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
      }
      return `${path || 'body'}: ${issue.message}`;
    })
    .join('; ');
}

export type ParsedEnvelope = { ok: true; event: SubmittedEvent } | { ok: false; code: 'invalid_body' | 'unknown_type' | 'invalid_payload'; message: string; id?: string };

/** Validates a submitted event: envelope, known type, payload schema. */
export function parseSubmittedEvent(body: unknown): ParsedEnvelope {
  const envelope = SubmittedEnvelope.safeParse(body);
  if (!envelope.success) {
    return { ok: false, code: 'invalid_body', message: describeZodError(envelope.error) };
  }
  const { id, type, payload, occurredAt } = envelope.data;
  if (!isEventType(type)) {
    return { ok: false, code: 'unknown_type', id, message: `type: unknown event type ${JSON.stringify(type.slice(0, 64))}; known: ${EVENT_TYPES.join(', ')}` };
  }
  const parsed = PAYLOAD_SCHEMAS[type].safeParse(payload);
  if (!parsed.success) {
    return { ok: false, code: 'invalid_payload', id, message: describeZodError(parsed.error, 'payload') };
  }
  // occurredAt only when sent: most events carry none, and their objects keep one shape.
  const event = (occurredAt === undefined ? { id, type, payload: parsed.data } : { id, type, payload: parsed.data, occurredAt }) as SubmittedEvent;
  return { ok: true, event };
}
