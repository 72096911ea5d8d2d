/**
 * Import an agency's pre-registration list (CSV or XLSX): choose the agency and the file, see
 * which columns were recognised, a row-by-row report (what is wrong and why), a preview, then
 * send the valid rows as `donor.registered` events. Ids come from the file and the person
 * (shared/donorImport.ts), so importing the same file again registers nobody twice.
 *
 * Page-agnostic: the page gives the agencies, how to find an existing donor, and how to send
 * (the desk sends through its device outbox). Loaded lazily with its spreadsheet reader.
 */
import { useMemo, useState } from 'react';
import { foldForSearch, formatNumber } from '../../shared/format.ts';
import { IMPORT_FIELDS, planImport, type ImportField, type ImportOptions, type ImportPlan, type ImportRow, type ImportRowStatus } from '../../shared/donorImport.ts';
import { readSpreadsheet, SpreadsheetError } from '../lib/readSpreadsheet.ts';
import './agencyImport.css';

export interface ImportAgency {
  id: string;
  name: string;
  nameEn?: string;
}

export interface ImportSendResult {
  /** Handed over (recorded or waiting to be sent). */
  sent: number;
  /** Could not even be stored. */
  failed: number;
}

export interface AgencyImportProps {
  agencies: readonly ImportAgency[];
  today: string;
  findExisting: NonNullable<ImportOptions['findExisting']>;
  send: (rows: ImportRow[], onProgress: (done: number) => void) => Promise<ImportSendResult>;
  /** How many of these donor ids the live data already holds (to show them arriving). */
  countArrived?: (donorIds: readonly string[]) => number;
  onClose: () => void;
}

type Filter = 'all' | 'problems' | 'valid';

const STATUS_TEXT: Record<ImportRowStatus, { vi: string; en: string }> = {
  ok: { vi: 'Hợp lệ', en: 'Valid' },
  warning: { vi: 'Nhập, có lưu ý', en: 'Imported, with a note' },
  error: { vi: 'Lỗi, bỏ qua', en: 'Error, skipped' },
  exists: { vi: 'Đã có, bỏ qua', en: 'Already registered' },
};

const PREVIEW_COLUMNS: ImportField[] = ['fullName', 'birthYear', 'gender', 'phone', 'nationalId', 'bloodType'];
const PAGE = 200;

function shown(field: ImportField, raw: string | undefined): string {
  if (!raw) return '';
  // The CCCD is never shown in full after entry.
  if (field === 'nationalId') return raw.length > 4 ? `•••• ${raw.replace(/\D/g, '').slice(-4)}` : raw;
  return raw;
}

/** A preview cell: the value as it will be sent when it was read, else what the file holds. */
function cellOf(row: ImportRow, field: ImportField): string {
  const donor = row.donor as Record<string, unknown> | null;
  if (field === 'gender' && donor?.gender) return donor.gender === 'female' ? 'Nữ' : 'Nam';
  const value = donor?.[field];
  if (value !== undefined && value !== null && field !== 'nationalId') return String(value);
  return shown(field, row.raw[field]);
}

export function AgencyImport(props: AgencyImportProps) {
  const [agencyId, setAgencyId] = useState('');
  const [agencyFilter, setAgencyFilter] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  const [failure, setFailure] = useState<{ vi: string; en: string } | null>(null);
  const [reading, setReading] = useState(false);
  const [filter, setFilter] = useState<Filter>('problems');
  const [sending, setSending] = useState<{ done: number; total: number; result?: ImportSendResult; donorIds: string[] } | null>(null);
  const [rows, setRows] = useState<unknown[][] | null>(null);

  const agency = props.agencies.find((a) => a.id === agencyId) ?? null;
  const agencyOptions = useMemo(() => {
    const q = foldForSearch(agencyFilter);
    return [...props.agencies].sort((a, b) => a.name.localeCompare(b.name, 'vi')).filter((a) => !q || foldForSearch(`${a.name} ${a.id}`).includes(q));
  }, [props.agencies, agencyFilter]);

  const replan = (cells: unknown[][] | null, forAgency: ImportAgency | null) => {
    setPlan(null);
    setFailure(null);
    setSending(null);
    if (!cells || !forAgency) return;
    const result = planImport(cells as never, { agencyId: forAgency.id, agencyName: forAgency.name, today: props.today, findExisting: props.findExisting });
    if (!result.ok) setFailure({ vi: result.vi, en: result.en });
    else {
      setPlan(result.plan);
      setFilter(result.plan.counts.error + result.plan.counts.warning + result.plan.counts.exists > 0 ? 'problems' : 'all');
    }
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setFileName(file.name);
    setReading(true);
    setRows(null);
    try {
      const cells = await readSpreadsheet(file);
      setRows(cells);
      replan(cells, agency);
    } catch (error) {
      setPlan(null);
      setFailure(error instanceof SpreadsheetError ? { vi: error.vi, en: error.en } : { vi: 'Không đọc được tệp này.', en: String(error) });
    } finally {
      setReading(false);
    }
  };

  const sendable = plan ? plan.rows.filter((r) => (r.status === 'ok' || r.status === 'warning') && r.donor) : [];
  const visible = plan
    ? plan.rows.filter((r) => (filter === 'all' ? true : filter === 'problems' ? r.status !== 'ok' : r.status === 'ok' || r.status === 'warning'))
    : [];
  const arrived = sending && props.countArrived ? props.countArrived(sending.donorIds) : null;

  const send = async () => {
    if (!plan || sendable.length === 0) return;
    const donorIds = sendable.map((r) => r.donor!.donorId);
    setSending({ done: 0, total: sendable.length, donorIds });
    const result = await props.send(sendable, (done) => setSending((s) => (s ? { ...s, done } : s)));
    setSending((s) => (s ? { ...s, done: s.total, result } : s));
  };

  return (
    <section className="import" data-testid="import-panel">
      <header className="import__head">
        <h2 className="section-title">
          Nhập danh sách đăng ký của đơn vị <span className="en">Import an agency's list</span>
        </h2>
        <button type="button" className="btn btn--quiet btn--small" onClick={props.onClose}>
          Đóng <span className="en">Close</span>
        </button>
      </header>

      <ol className="import__steps">
        <li>
          <span className="import__step">1. Đơn vị</span> <span className="en">Agency</span>
          <div className="import__agency">
            <input className="input" placeholder="Lọc đơn vị…" value={agencyFilter} onChange={(e) => setAgencyFilter(e.target.value)} aria-label="Lọc đơn vị · Filter agencies" />
            <select
              className="input"
              data-testid="import-agency"
              value={agencyId}
              onChange={(e) => {
                setAgencyId(e.target.value);
                replan(rows, props.agencies.find((a) => a.id === e.target.value) ?? null);
              }}
            >
              <option value="">— Chọn đơn vị · Choose —</option>
              {agencyOptions.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
        </li>
        <li>
          <span className="import__step">2. Tệp CSV hoặc Excel (.xlsx)</span> <span className="en">File</span>
          <div>
            <input
              type="file"
              data-testid="import-file"
              accept=".csv,.xlsx,.xlsm,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => void onFile(e.target.files?.[0])}
            />
            <p className="import__help">
              Cột nhận biết: Họ và tên, Năm sinh (hoặc Ngày sinh), Giới tính, Số điện thoại, CCCD, Nhóm máu, Đơn vị, Cân nặng. Dòng tiêu đề có thể nằm dưới vài dòng tiêu đề chung.{' '}
              <span className="en">Recognised columns, whatever the accents and case.</span>
            </p>
          </div>
        </li>
      </ol>

      {reading ? <p className="import__status">Đang đọc {fileName}… · Reading…</p> : null}
      {failure ? (
        <p className="import__failure" role="alert" data-testid="import-failure">
          {failure.vi} <span className="en">{failure.en}</span>
        </p>
      ) : null}
      {rows && !agency && !failure ? <p className="import__status">Chọn đơn vị để kiểm tra danh sách. · Choose the agency.</p> : null}

      {plan ? (
        <>
          <div className="import__columns" data-testid="import-columns">
            <strong>Cột đã nhận:</strong>{' '}
            {(Object.keys(plan.header.columns) as ImportField[])
              .filter((f) => f !== 'index')
              .map((f) => IMPORT_FIELDS[f].vi)
              .join(' · ')}
            {plan.header.ignored.length ? <span className="import__ignored"> · bỏ qua: {plan.header.ignored.join(', ')}</span> : null}
            <span className="en"> (dòng tiêu đề {plan.header.rowNumber})</span>
          </div>
          <div className="import__summary" data-testid="import-summary">
            {(['ok', 'warning', 'error', 'exists'] as const).map((status) => (
              <span key={status} className={`count count--${status}`} data-testid={`import-count-${status}`} data-count={plan.counts[status]}>
                {STATUS_TEXT[status].vi}: <strong>{formatNumber(plan.counts[status])}</strong>
              </span>
            ))}
          </div>
          <div className="import__filters" role="tablist">
            {(
              [
                ['problems', 'Dòng có vấn đề', 'With problems'],
                ['valid', 'Sẽ nhập', 'To import'],
                ['all', 'Tất cả', 'All'],
              ] as const
            ).map(([key, vi, en]) => (
              <button key={key} type="button" role="tab" aria-selected={filter === key} className={`chip ${filter === key ? 'is-on' : ''}`} onClick={() => setFilter(key)}>
                {vi} <span className="en">{en}</span>
              </button>
            ))}
          </div>
          <div className="import__table-wrap">
            <table className="table import__table">
              <thead>
                <tr>
                  <th>Dòng</th>
                  <th>Tình trạng</th>
                  {PREVIEW_COLUMNS.filter((f) => plan.header.columns[f] !== undefined).map((f) => (
                    <th key={f}>{IMPORT_FIELDS[f].vi}</th>
                  ))}
                  <th>Vấn đề · Problems</th>
                </tr>
              </thead>
              <tbody>
                {visible.slice(0, PAGE).map((row) => (
                  <tr key={row.rowNumber} className={`import__row import__row--${row.status}`} data-testid="import-row" data-status={row.status} data-row={row.rowNumber}>
                    <td className="num">{row.rowNumber}</td>
                    <td>
                      <span className={`count count--${row.status}`}>{STATUS_TEXT[row.status].vi}</span>
                    </td>
                    {PREVIEW_COLUMNS.filter((f) => plan.header.columns[f] !== undefined).map((f) => (
                      <td key={f}>{cellOf(row, f)}</td>
                    ))}
                    <td>
                      {row.problems.map((p, i) => (
                        <div key={i} className={`problem problem--${p.level}`}>
                          {p.vi} <span className="en">{p.en}</span>
                        </div>
                      ))}
                      {row.status === 'exists' ? <div className="problem">Đã đăng ký (mã {row.existingDonorId})</div> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {visible.length > PAGE ? (
              <p className="import__more">
                … và {formatNumber(visible.length - PAGE)} dòng nữa · and more rows
              </p>
            ) : null}
            {visible.length === 0 ? <p className="empty">Không có dòng nào ở mục này. · Nothing here.</p> : null}
          </div>
          <div className="import__foot">
            {sending ? (
              <p className="import__status" data-testid="import-progress" data-done={sending.result ? 'true' : 'false'}>
                {sending.result
                  ? `Đã đưa ${formatNumber(sending.result.sent)} người vào hàng gửi${sending.result.failed ? `, ${formatNumber(sending.result.failed)} không lưu được` : ''}.`
                  : `Đang đưa vào hàng gửi ${formatNumber(sending.done)} / ${formatNumber(sending.total)}…`}
                {arrived !== null ? ` Máy chủ đã ghi ${formatNumber(arrived)} / ${formatNumber(sending.total)}.` : ''}
              </p>
            ) : null}
            <button type="button" className="btn btn--primary btn--big" data-testid="import-send" disabled={sendable.length === 0 || (sending !== null && !sending.result)} onClick={() => void send()}>
              Nhập {formatNumber(sendable.length)} người <span className="en">Import {sendable.length}</span>
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
