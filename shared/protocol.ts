/**
 * The wire protocol beyond event payloads: request bodies and queries, answers, error codes,
 * and the typed Socket.IO event maps used as generics by the server and the client.
 */
import { z } from 'zod';
import type { WireEvent } from './events.ts';
import { PAGES, type Page } from './pages.ts';
import { Role } from './roles.ts';
import type { StateBody } from './view.ts';
import type { PublicBody } from './publicView.ts';
import type { WireProjection } from './transfer.ts';

export const CreateTokenBody = z
  .strictObject({
    role: Role,
    label: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
    /** (issue 18) For role `agency`, required: the agency the liaison's token is bound to. */
    agencyId: z.string().min(1).max(64).optional(),
  })
  .refine((body) => (body.role === 'agency') === (body.agencyId !== undefined), {
    message: 'agencyId is required for role agency (the agency the liaison follows), and only for it',
    path: ['agencyId'],
  });
export type CreateTokenBody = z.infer<typeof CreateTokenBody>;

/** (issue 16, 5) A one-time enrolment code: what the device's link and QR carry instead of its token. */
export const EnrolmentCode = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'must be the code from the enrolment link (letters, digits, - and _)');
export const RedeemEnrolmentBody = z.strictObject({ code: EnrolmentCode });

/** The answer to POST /api/enrolments: the code, its role and page, and until when it can be used once. */
export interface CreatedEnrolment {
  code: string;
  role: Role;
  label: string;
  agencyId?: string;
  page: Page;
  expiresAt: string;
}

/** The answer to POST /api/enrolments/redeem: the device's new token. */
export interface RedeemedEnrolment {
  id: string;
  token: string;
  role: Role;
  label: string;
  agencyId?: string;
  page: Page;
}

const NonNegativeIntString = (name: string) =>
  z
    .string()
    .regex(/^\d{1,15}$/, `${name} must be a whole number ≥ 0`)
    .transform(Number);

export const EventsQuery = z.strictObject({
  after: NonNegativeIntString('after').optional(),
  limit: NonNegativeIntString('limit')
    .refine((n) => n >= 1 && n <= 5000, 'limit must be between 1 and 5000')
    .optional(),
});

/** Socket.IO handshake `auth`. */
export const SocketAuth = z.object({
  token: z.string().min(1).max(200),
  after: z.number().int().min(0).optional(),
  /** (v1.1) The history `after` counts in (the `logId` of the snapshot the client holds). */
  logId: z.string().max(100).optional(),
  /** (issue 16, 4) The page that connects: refused `forbidden` unless the token's role is the page's. */
  page: z.enum(PAGES).optional(),
});

export const DeviceStatus = z.strictObject({
  outbox: z.number().int().min(0).max(1_000_000),
  page: z.string().max(32).optional(),
});
export type DeviceStatus = z.infer<typeof DeviceStatus>;

export interface ApiError {
  error: { code: string; message: string; details?: Record<string, unknown> };
}
export type WriteResult = { seq: number; duplicate?: true } | ApiError;
export interface BatchResponse {
  results: WriteResult[];
}
export interface EventsListResponse {
  events: WireEvent[];
}
export interface HealthResponse {
  ok: boolean;
  seq: number;
  store?: string;
}
export interface TokenResponse {
  id: string;
  token: string;
  role: Role;
  label: string;
}

export interface MilestoneMessage {
  id: string;
  label: string;
  reachedAt: string;
  /** (extension) the seq of the event that reached it, and its announcement text. */
  seq: number;
  kind: string;
  script: string;
  /** (MC and admin) The donor's name, when they agreed to have it announced. */
  announceName?: string;
}

/** The socket snapshot: the GET /api/state body plus the projection to continue from. */
export type SnapshotMessage = StateBody & { projection: WireProjection };

/** (extension) An admin's remote command to a device's pages. */
export const ControlMessage = z.discriminatedUnion('action', [z.strictObject({ action: z.literal('reload') }), z.strictObject({ action: z.literal('navigate'), page: z.enum(PAGES) })]);
export type ControlMessage = z.infer<typeof ControlMessage>;

export interface ServerToClientEvents {
  snapshot: (snapshot: SnapshotMessage) => void;
  event: (event: WireEvent) => void;
  milestone: (milestone: MilestoneMessage) => void;
  control: (command: ControlMessage) => void;
}

export interface ClientToServerEvents {
  'device.status': (status: DeviceStatus) => void;
}

/** (issue 19) The public namespace's (PUBLIC_NAMESPACE) one message: the public figures (GET /api/public), on connecting and at most once a second after a change. */
export interface PublicServerToClientEvents {
  public: (body: PublicBody) => void;
}

/** How many events the server replays after `after` before it sends a snapshot instead. */
export const MAX_REPLAY = 10_000;
