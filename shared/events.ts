/**
 * The event vocabulary: one zod schema per event type, the envelope a device sends, and the
 * envelope the server records and pushes. This file is the single source of truth for the
 * protocol's payloads; every other type is inferred from it.
 */
import { z } from 'zod';

const MAX_ID = 64;

/** Ids made by clients or organisers: 1-64 visible characters. */
export const RefId = z
  .string()
  .min(1, 'must not be empty')
  .max(MAX_ID, `must be at most ${MAX_ID} characters`);

export const BLOOD_TYPES = ['O+', 'O-', 'A+', 'A-', 'B+', 'B-', 'AB+', 'AB-'] as const;
export const BloodType = z.enum(BLOOD_TYPES);

export const DONATION_VOLUMES_ML = [250, 350, 450] as const;

export const TASK_STATUSES = ['todo', 'in_progress', 'done', 'blocked'] as const;
export const TaskStatus = z.enum(TASK_STATUSES);

export { WALK_IN_AGENCY_ID } from './constants.ts';

const FullName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(120, 'must be at most 120 characters');

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

export const DonorRegistered = z.strictObject({
  donorId: RefId,
  fullName: FullName,
  agencyId: RefId,
  phone: Phone.optional(),
  birthYear: z.number().int().min(1900).max(2100).optional(),
  bloodType: BloodType.optional(),
  nationalId: NationalId.optional(),
});
export const DonorCheckedIn = z.strictObject({ donorId: RefId });
export const DonorDonated = z.strictObject({
  donorId: RefId,
  volumeMl: z.union(DONATION_VOLUMES_ML.map((v) => z.literal(v)) as [z.ZodLiteral<250>, z.ZodLiteral<350>, z.ZodLiteral<450>], {
    message: 'must be 250, 350 or 450',
  }),
});
export const DonorDeferred = z.strictObject({ donorId: RefId, reason: ShortText(500) });
export const TaskStatusSet = z.strictObject({ taskId: RefId, status: TaskStatus, note: z.string().max(1000).optional() });
export const MilestoneAnnounced = z.strictObject({ milestoneId: RefId });
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
} as const;

export type EventType = keyof typeof PAYLOAD_SCHEMAS;
export const EVENT_TYPES = Object.keys(PAYLOAD_SCHEMAS) as EventType[];
export type PayloadOf<T extends EventType> = z.infer<(typeof PAYLOAD_SCHEMAS)[T]>;

/** What a device sends: its own unique id, the type and the payload. */
export const ClientEventId = z
  .string()
  .min(8, 'must be 8-64 characters')
  .max(64, 'must be 8-64 characters')
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

export const SubmittedEnvelope = z.strictObject({
  id: ClientEventId,
  type: z.string(),
  payload: z.unknown(),
});

type EnvelopeOf<T extends EventType> = { id: string; type: T; payload: PayloadOf<T> };
/** A submitted event whose payload has passed its schema. */
export type NewEvent = { [T in EventType]: EnvelopeOf<T> }[EventType];

/** Who recorded an event: the token's id, role and label (never the token itself). */
export const Actor = z.strictObject({ tokenId: z.string(), role: z.string(), label: z.string() });
export type Actor = z.infer<typeof Actor>;

type RecordedOf<T extends EventType> = EnvelopeOf<T> & { seq: number; at: string; actor?: Actor };
/** An event as recorded in the log and pushed to clients. `at` is the server's receive time. */
export type RecordedEvent = { [T in EventType]: RecordedOf<T> }[EventType];

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

export type ParsedEnvelope =
  | { ok: true; event: NewEvent }
  | { ok: false; code: 'invalid_body' | 'unknown_type' | 'invalid_payload'; message: string; id?: string };

/** Validates a submitted event: envelope, known type, payload schema. */
export function parseSubmittedEvent(body: unknown): ParsedEnvelope {
  const envelope = SubmittedEnvelope.safeParse(body);
  if (!envelope.success) {
    return { ok: false, code: 'invalid_body', message: describeZodError(envelope.error) };
  }
  const { id, type, payload } = envelope.data;
  if (!isEventType(type)) {
    return { ok: false, code: 'unknown_type', id, message: `type: unknown event type ${JSON.stringify(type.slice(0, 64))}; known: ${EVENT_TYPES.join(', ')}` };
  }
  const parsed = PAYLOAD_SCHEMAS[type].safeParse(payload);
  if (!parsed.success) {
    return { ok: false, code: 'invalid_payload', id, message: describeZodError(parsed.error, 'payload') };
  }
  return { ok: true, event: { id, type, payload: parsed.data } as NewEvent };
}
