/**
 * The organisers' administration API (admin only; any other role is 403):
 *
 * - devices: every token with its presence and reported outbox; remote control of a device's
 *   pages (reload, or go to another page);
 * - reports: the agency report (shared/report.ts) as JSON, CSV and formatted XLSX, computed from
 *   the live projection, so the figures are those of GET /api/state;
 * - audit: the event log read back for people, filtered and paged, voided events marked, and
 *   as CSV (audit.ts).
 */
import { Router, type Response } from 'express';
import { ControlMessage, describeZodError, type OccurredAtFlag, type ProjectionState } from '../../shared/index.ts';
import { agencyReport } from '../../shared/report.ts';
import { formatDate, formatTime } from '../../shared/format.ts';
import { timezoneOf } from '../../shared/projection.ts';
import type { Authenticator } from '../auth/authenticate.ts';
import type { EventService } from '../events/service.ts';
import { sendError } from '../http/errors.ts';
import type { DeviceRegistry } from '../live/devices.ts';
import type { EventStore } from '../store/eventStore.ts';
import { AuditCsvQuery, AuditLog, AuditQuery, type AuditEntry } from './audit.ts';
import { attachment, csvLine, CSV_BOM } from './csv.ts';
import { EVENT_TYPE_NAMES_VI } from './eventNames.ts';
import { reportCsv } from './reportExport.ts';
import { sendXlsx, xlsxOf } from '../workers/xlsxExport.ts';

export interface AdminDeps {
  auth: Authenticator;
  devices: DeviceRegistry;
  control: (tokenId: string, command: ControlMessage) => number;
  service: EventService;
  store: EventStore;
}

/** bao-cao-don-vi-20240719-1530: the day and time (event zone) the file was made. */
export function stamp(state: ProjectionState, at: Date): string {
  const tz = timezoneOf(state);
  const [d, m, y] = formatDate(at.getTime(), tz).split('/');
  return `${y}${m!.padStart(2, '0')}${d!.padStart(2, '0')}-${formatTime(at.getTime(), tz).replace(':', '')}`;
}

function noStore(res: Response): void {
  res.setHeader('Cache-Control', 'no-store');
}

/**
 * The audit log holds donors' names and phones (of those not erased): the file says so on its
 * first line, and in its name, wherever it is copied to.
 */
export const AUDIT_CSV_NOTICE = 'CÓ DỮ LIỆU CÁ NHÂN — chỉ dành cho Ban tổ chức; không chia sẻ, xoá khi không còn cần (Nghị định 13/2023/NĐ-CP). / Contains personal data: organisers only.';

const AUDIT_CSV_HEADERS = [
  'Số thứ tự (seq)',
  'Thời gian',
  'Thời điểm (UTC)',
  'Loại sự kiện',
  'Mã loại',
  'Thiết bị',
  'Vai trò',
  'Mã thiết bị',
  'Mã sự kiện',
  'Nội dung',
  'Đã hủy',
  'Hủy bởi',
  'Thời gian hủy',
  'Lý do hủy',
  // (v1.1) The time of action on the device, when it sent one, and why it was clamped.
  'Thời gian thao tác (thiết bị)',
  'Thời điểm thao tác (UTC)',
  'Ghi chú thời điểm',
  // (issue 15) Recorded in rehearsal: kept, never counted.
  'Tập dượt',
];

/** Why a device's time of action was clamped, for people (Vietnamese, then the code). */
const OCCURRED_AT_FLAG_NAMES_VI: Record<OccurredAtFlag, string> = {
  clock_ahead: 'Đồng hồ thiết bị lệch (clock_ahead)',
  too_old: 'Gửi muộn (too_old)',
};

function auditCsvLine(entry: AuditEntry, tz: string): string {
  const local = (at: string) => `${formatDate(at, tz)} ${formatTime(at, tz, true)}`;
  return csvLine([
    entry.seq,
    local(entry.at),
    entry.at,
    EVENT_TYPE_NAMES_VI[entry.type] ?? entry.type,
    entry.type,
    entry.actor?.label ?? '',
    entry.actor?.role ?? '',
    entry.actor?.tokenId ?? '',
    entry.id,
    JSON.stringify(entry.payload),
    entry.voided ? 'có' : '',
    entry.voided ? (entry.voided.actor?.label ?? '') : '',
    entry.voided ? local(entry.voided.at) : '',
    entry.voided?.reason ?? '',
    entry.occurredAt ? local(entry.occurredAt) : '',
    entry.occurredAt ?? '',
    entry.occurredAtFlag ? OCCURRED_AT_FLAG_NAMES_VI[entry.occurredAtFlag] : '',
    entry.rehearsal ? 'tập dượt (không tính)' : '',
  ]);
}

export function adminRoutes(deps: AdminDeps): Router {
  const { auth, devices, control, service, store } = deps;
  const router = Router();
  const adminOnly = auth.require(['admin']);
  const audit = new AuditLog(store.db, store.keys);

  // ---- devices ------------------------------------------------------------------------------

  router.get('/devices', adminOnly, (_req, res) => {
    const list = auth.tokens.list().map((token) => {
      const presence = devices.get(token.id);
      return {
        ...token,
        connected: (presence?.connections ?? 0) > 0,
        connections: presence?.connections ?? 0,
        lastSeenAt: presence?.lastSeenAt ?? null,
        page: presence?.page ?? null,
        outbox: presence?.outbox ?? null,
      };
    });
    res.json({ devices: list });
  });

  router.post('/devices/:id/control', adminOnly, (req, res) => {
    const id = String(req.params.id);
    const command = ControlMessage.safeParse(req.body);
    if (!command.success) return sendError(res, 400, 'invalid_body', describeZodError(command.error));
    if (!auth.tokens.list().some((token) => token.id === id && !token.revokedAt)) {
      return sendError(res, 404, 'unknown_token', `no active device with id ${JSON.stringify(id.slice(0, 64))}`);
    }
    res.status(202).json({ id, delivered: control(id, command.data) });
  });

  // ---- reports ------------------------------------------------------------------------------

  router.get('/reports/agencies', adminOnly, (_req, res) => {
    noStore(res);
    res.json({ generatedAt: new Date().toISOString(), ...agencyReport(service.state) });
  });

  router.get('/reports/agencies.csv', adminOnly, (_req, res) => {
    const now = new Date();
    noStore(res);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', attachment(`bao-cao-don-vi-${stamp(service.state, now)}.csv`));
    res.send(reportCsv(agencyReport(service.state)));
  });

  router.get('/reports/agencies.xlsx', adminOnly, async (_req, res, next) => {
    try {
      const now = new Date();
      // The figures are taken now, before the workbook is written (on a worker thread).
      const report = agencyReport(service.state);
      const name = `bao-cao-don-vi-${stamp(service.state, now)}.xlsx`;
      sendXlsx(res, name, await xlsxOf({ kind: 'agencyReport', report, generatedAt: now }));
    } catch (err) {
      next(err);
    }
  });

  // ---- audit log ----------------------------------------------------------------------------

  router.get('/audit', adminOnly, (req, res) => {
    const query = AuditQuery.safeParse(req.query);
    if (!query.success) return sendError(res, 400, 'invalid_query', describeZodError(query.error));
    if (query.data.order === 'desc' && query.data.after !== undefined) return sendError(res, 400, 'invalid_query', 'after goes with order=asc; use before with order=desc');
    if (query.data.order !== 'desc' && query.data.before !== undefined) return sendError(res, 400, 'invalid_query', 'before goes with order=desc; use after with order=asc');
    noStore(res);
    res.json(audit.page(query.data, service.state));
  });

  router.get('/audit.csv', adminOnly, async (req, res, next) => {
    const query = AuditCsvQuery.safeParse(req.query);
    if (!query.success) return sendError(res, 400, 'invalid_query', describeZodError(query.error));
    const state = service.state;
    const tz = timezoneOf(state);
    noStore(res);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', attachment(`nhat-ky-du-lieu-ca-nhan-${stamp(state, new Date())}.csv`));
    try {
      res.write(CSV_BOM + csvLine([AUDIT_CSV_NOTICE]) + csvLine(AUDIT_CSV_HEADERS));
      for (const chunk of audit.chunks(query.data, state)) {
        if (res.destroyed) return;
        res.write(chunk.map((entry) => auditCsvLine(entry, tz)).join(''));
        // Let writes and sockets run between chunks of a long log.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      res.end();
    } catch (err) {
      if (!res.headersSent) next(err);
      else res.destroy(err as Error);
    }
  });

  return router;
}
