/**
 * The admin's HTTP calls (everything that is not an event: tokens, devices, reports, audit,
 * personal data),
 * with the page's token, and downloads of the exported files. Events go through the device
 * outbox instead (./write.ts).
 */
import { getToken } from '../../auth/token.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const token = getToken('admin');
  return { ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra };
}

async function fail(response: Response): Promise<never> {
  let code = 'http_error';
  let message = `HTTP ${response.status}`;
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    code = body.error?.code ?? code;
    message = body.error?.message ?? message;
  } catch {
    // not JSON
  }
  throw new ApiError(response.status, code, message);
}

/** A request with the token; the answer if it is a success, else an ApiError (also when unreachable). */
async function request(path: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, { cache: 'no-store', ...init, headers: headers(init.headers as Record<string, string> | undefined) });
  } catch {
    throw new ApiError(0, 'unreachable', 'server unreachable');
  }
  return response.ok ? response : fail(response);
}

export async function getJson<T>(path: string): Promise<T> {
  return (await (await request(path)).json()) as T;
}

export async function sendJson<T>(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const init: RequestInit = body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  return (await (await request(path, init)).json()) as T;
}

/** The file name the server suggests (Content-Disposition), else the fallback. */
function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) return decodeURIComponent(star[1]!);
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

/** Fetches an export with the token (a plain link cannot send it) and saves it as a file. */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  const response = await request(path);
  const name = fileNameOf(response, fallbackName);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

// ---- answers --------------------------------------------------------------------------------

export type Role = 'admin' | 'desk' | 'coordinator' | 'mc' | 'wall';

export interface DeviceInfo {
  id: string;
  role: Role;
  label: string;
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
