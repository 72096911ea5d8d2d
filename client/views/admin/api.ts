/**
 * The admin's HTTP calls (everything that is not an event: tokens, devices, reports, audit,
 * personal data),
 * with the page's token, and downloads of the exported files. Events go through the device
 * outbox instead (./write.ts).
 */
import { ApiError, pageApi } from '../../lib/http.ts';

export { ApiError };
export const { getJson, sendJson, downloadFile } = pageApi('admin');

// ---- answers --------------------------------------------------------------------------------

export type Role = 'admin' | 'desk' | 'coordinator' | 'mc' | 'wall' | 'agency';

export interface DeviceInfo {
  id: string;
  role: Role;
  label: string;
  /** (issue 18) An agency liaison's agency. */
  agencyId?: string;
  createdAt: string;
  revokedAt: string | null;
  connected: boolean;
  connections: number;
  lastSeenAt: string | null;
  page: string | null;
  outbox: number | null;
}

export interface AuditActor {
  tokenId: string;
  role: string;
  label: string;
}

export interface AuditEntry {
  seq: number;
  id: string;
  type: string;
  payload: Record<string, unknown>;
  at: string;
  /** (v1.1) When it happened on the device, when it sent one; clamped when `occurredAtFlag` is set. */
  occurredAt?: string;
  occurredAtFlag?: 'clock_ahead' | 'too_old';
  /** (issue 15) Recorded while the event was in rehearsal: kept in the log, never counted. */
  rehearsal?: true;
  actor: AuditActor | null;
  voided: { eventId: string; seq: number; at: string; actor: AuditActor | null; reason: string } | null;
}

export interface AuditPage {
  events: AuditEntry[];
  total: number;
  next: number | null;
}

/** GET /api/privacy: the retention of personal data and the sources of the imported lists. */
export interface PrivacyInfo {
  /** Days personal data is kept after the festival's last day; null: never erased automatically. */
  personalDataDays: number | null;
  /** When the festival's donors' personal data is erased automatically (ISO), or null. */
  expiresAt: string | null;
  donors: { total: number; held: number; erased: number };
  imports: { id: string; agencyId: string; fileName: string; rows: number; at: string; by?: string; registered: number }[];
}

/** POST /api/donors/:id/erase */
export interface ErasedAnswer {
  seq: number;
  donorId: string;
  erased: true;
}

/** POST /api/privacy/expire */
export interface ExpiredAnswer {
  seq: number;
  expired: true;
}
