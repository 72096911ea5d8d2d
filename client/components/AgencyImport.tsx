/**
 * Import an agency's pre-registration list (CSV or XLSX): choose the agency and the file, see
 * which columns were recognised, a row-by-row report (what is wrong and why), a preview, then
 * send the list's source (`list.imported`: agency, file, number of people) and the valid rows
 * as `donor.registered` events naming it. Ids are random (./importPlan.ts): nothing in them
 * comes from the person. People already registered are shown as such and not sent, so
 * importing the same file again registers nobody twice; those only the server recognises
 * (`duplicate_donor`) are shown the same way once it has answered.
 *
 * The preview never shows a full CCCD: the column, and a problem that quotes one, show the
 * last 4 digits.
 *
 * Page-agnostic: the page gives the agencies, how to find an existing donor, and how to send
 * (the desk sends through its device outbox). Loaded lazily with its spreadsheet reader; its
 * strings (client/i18n/agencyImport/) come with it, in the page's chosen language, the
 * English line small beside the Vietnamese as on the desk.
 */
import { useMemo, useState } from 'react';
import { foldForSearch, formatNumber } from '../../shared/format.ts';
import { IMPORT_FIELDS, planImport, type ImportedDonor, type ImportField, type ImportPlan, type ImportRow } from '../../shared/donorImport.ts';
import { RANDOM_IDS, maskLongDigits, peopleIn, randomImportId, sendableRows, type FindExisting } from './importPlan.ts';
import { readSpreadsheet, SpreadsheetError } from '../lib/readSpreadsheet.ts';
import { BiPair } from '../i18n/bilingual.tsx';
import { addCatalogs, i18n, useFormat, useLang, useT, type Lang } from '../i18n/index.ts';
import { enAgencyImport } from '../i18n/agencyImport/en.ts';
import { viAgencyImport } from '../i18n/agencyImport/vi.ts';
import './agencyImport.css';

addCatalogs({ vi: viAgencyImport, en: enAgencyImport });

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

/** The source of a list, recorded once before its rows (`list.imported`). */
export interface ImportedList {
  importId: string;
  agencyId: string;
  fileName: string;
  /** People in the file (every row read, valid or not). */
  rows: number;
}

export interface AgencyImportProps {
  agencies: readonly ImportAgency[];
  today: string;
  /** The donor already registered as this person, or null. */
  findExisting: FindExisting;
  /** The same person registered with another agency (an overlap: recorded as also on this list), or null. */
  findListedElsewhere?: (person: ImportedDonor) => { donorId: string; agencyId: string } | null;
  /** Sends the list's source, then the rows (each `donor.registered` naming `list.importId`). */
  send: (list: ImportedList, rows: ImportRow[], onProgress: (done: number) => void) => Promise<ImportSendResult>;
  /** How many of these donor ids the live data already holds (to show them arriving). */
  countArrived?: (donorIds: readonly string[]) => number;
  /** The existing donor, for a row the server answered was already registered (by its event id). */
  existingAfterSend?: (eventId: string) => string | undefined;
  onClose: () => void;
}

type Filter = 'all' | 'problems' | 'valid';

const PREVIEW_COLUMNS: ImportField[] = ['fullName', 'birthYear', 'gender', 'phone', 'nationalId', 'workplace', 'bloodType'];
const PAGE = 200;

function shown(field: ImportField, raw: string | undefined): string {
  if (!raw) return '';
  // The CCCD is never shown in full after entry.
  if (field === 'nationalId') return raw.length > 4 ? `•••• ${raw.replace(/\D/g, '').slice(-4)}` : raw;
  return raw;
}

/** A row's status once the server has answered: a row it found already registered is one. */
function statusOf(row: ImportRow, existingAfterSend: AgencyImportProps['existingAfterSend']): { status: ImportRow['status']; existingDonorId?: string } {
  const existing = row.status === 'exists' ? row.existingDonorId : existingAfterSend?.(row.eventId);
  return existing ? { status: 'exists', existingDonorId: existing } : { status: row.status };
}

/** A preview cell: the value as it will be sent when it was read, else what the file holds. */
function cellOf(row: ImportRow, field: ImportField, t: (key: string) => string): string {
  const donor = row.donor as Record<string, unknown> | null;
  if (field === 'gender' && donor?.gender) return t(donor.gender === 'female' ? 'agencyImport.female' : 'agencyImport.male');
  const value = donor?.[field];
  if (value !== undefined && value !== null && field !== 'nationalId') return String(value);
  return shown(field, row.raw[field]);
}

/** Words given in both languages (a row's problem, a file's failure): the chosen one, the English small beside the Vietnamese. */
/** A short label in the chosen language, the English small beside it in Vietnamese (numbers formatted per language). */
function Label({ k, n }: { k: string; n?: number }) {
  const say = (language: Lang) => i18n.getFixedT(language)(k, n === undefined ? {} : { n: formatNumber(n, language) }) as string;
  return <BiPair pair={{ vi: say('vi'), en: say('en') }} />;
}

export function AgencyImport(props: AgencyImportProps) {
  const t = useT();
  const lang = useLang();
  const fmt = useFormat();
  // An agency liaison's page gives its one agency: chosen already, no picker.
  const sole = props.agencies.length === 1 ? props.agencies[0]! : null;
  const [agencyId, setAgencyId] = useState(sole?.id ?? '');
  const [agencyFilter, setAgencyFilter] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  const [failure, setFailure] = useState<{ vi: string; en: string } | null>(null);
  const [reading, setReading] = useState(false);
  const [filter, setFilter] = useState<Filter>('problems');
  const [sending, setSending] = useState<{ done: number; total: number; result?: ImportSendResult; donorIds: string[]; eventIds: string[] } | null>(null);
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
    // Random ids; people recognised with the page's look-up (name, agency, year of birth or phone, CCCD).
    const result = planImport(cells as never, {
      agencyId: forAgency.id,
      agencyName: forAgency.name,
      today: props.today,
      ...RANDOM_IDS,
      findExisting: props.findExisting,
      ...(props.findListedElsewhere ? { findListedElsewhere: props.findListedElsewhere } : {}),
    });
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
      setFailure(
        error instanceof SpreadsheetError
          ? { vi: error.vi, en: error.en }
          : { vi: i18n.getFixedT('vi')('agencyImport.unreadable'), en: `${i18n.getFixedT('en')('agencyImport.unreadable')} (${String(error)})` },
      );
    } finally {
      setReading(false);
    }
  };

  const sent = sending !== null;
  const sendable = plan && !sent ? sendableRows(plan) : [];
  // Once sent, a row the server found already registered shows as such (and counts so).
  const shownRows = plan ? plan.rows.map((row) => ({ row, ...statusOf(row, sent ? props.existingAfterSend : undefined) })) : [];
  const counts = { ok: 0, warning: 0, error: 0, exists: 0, listed: 0 };
  for (const { status } of shownRows) counts[status] += 1;
  const visible = shownRows.filter(({ status }) => (filter === 'all' ? true : filter === 'problems' ? status !== 'ok' : status === 'ok' || status === 'warning'));
  const foundBefore = sending ? sending.eventIds.filter((id) => props.existingAfterSend?.(id)).length : 0;
  const arrived = sending && props.countArrived ? props.countArrived(sending.donorIds) : null;

  const send = async () => {
    if (!plan || !agency || sendable.length === 0) return;
    // A person also on this list is the donor already registered: that is the one who arrives.
    const donorIds = sendable.map((r) => (r.status === 'listed' ? r.existingDonorId! : r.donor!.donorId));
    setSending({ done: 0, total: sendable.length, donorIds, eventIds: sendable.map((r) => r.eventId) });
    const list: ImportedList = { importId: randomImportId(), agencyId: agency.id, fileName: (fileName ?? 'list').slice(0, 200), rows: peopleIn(plan) };
    const result = await props.send(list, sendable, (done) => setSending((s) => (s ? { ...s, done } : s)));
    setSending((s) => (s ? { ...s, done: s.total, result } : s));
  };

  return (
    <section className="card import" data-testid="import-panel">
      <header className="import__head">
        <h2 className="section-title">
          <Label k="agencyImport.title" />
        </h2>
        <button type="button" className="btn btn--quiet btn--small" onClick={props.onClose}>
          <Label k="common.close" />
        </button>
      </header>

      <ol className="import__steps">
        <li>
          <span className="import__step">{t('agencyImport.stepAgency')}</span>
          {sole ? (
            <strong className="import__sole" data-testid="import-agency-name">
              {lang === 'en' && sole.nameEn ? sole.nameEn : sole.name}
            </strong>
          ) : (
            <div className="import__agency">
              <input
                className="input"
                placeholder={t('agencyImport.filterAgencies')}
                value={agencyFilter}
                onChange={(e) => setAgencyFilter(e.target.value)}
                aria-label={t('agencyImport.filterLabel')}
              />
              <select
                className="input"
                data-testid="import-agency"
                value={agencyId}
                onChange={(e) => {
                  setAgencyId(e.target.value);
                  replan(rows, props.agencies.find((a) => a.id === e.target.value) ?? null);
                }}
              >
                <option value="">{t('agencyImport.chooseAgency')}</option>
                {agencyOptions.map((a) => (
                  <option key={a.id} value={a.id}>
                    {lang === 'en' && a.nameEn ? a.nameEn : a.name}
                  </option>
                ))}
              </select>
            </div>
          )}
        </li>
        <li>
          <span className="import__step">{t('agencyImport.stepFile')}</span>
          <div>
            <input
              type="file"
              data-testid="import-file"
              accept=".csv,.xlsx,.xlsm,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => void onFile(e.target.files?.[0])}
            />
            <p className="import__help">{t('agencyImport.help')}</p>
            <p className="import__help" data-testid="import-privacy">
              {t('agencyImport.privacy')}
            </p>
          </div>
        </li>
      </ol>

      {reading ? <p className="import__status">{t('agencyImport.reading', { file: fileName ?? '' })}</p> : null}
      {failure ? (
        <p className="import__failure" role="alert" data-testid="import-failure">
          <BiPair pair={failure} />
        </p>
      ) : null}
      {rows && !agency && !failure ? <p className="import__status">{t('agencyImport.agencyFirst')}</p> : null}

      {plan ? (
        <>
          <div className="import__columns" data-testid="import-columns">
            <strong>{t('agencyImport.columns')}</strong>{' '}
            {(Object.keys(plan.header.columns) as ImportField[])
              .filter((f) => f !== 'index')
              .map((f) => IMPORT_FIELDS[f][lang])
              .join(' · ')}
            {plan.header.ignored.length ? <span className="import__ignored"> · {t('agencyImport.ignored', { list: plan.header.ignored.join(', ') })}</span> : null}
            <span className="en"> {t('agencyImport.headerRow', { n: fmt.number(plan.header.rowNumber) })}</span>
          </div>
          <div className="import__summary" data-testid="import-summary">
            {(['ok', 'warning', 'error', 'exists', 'listed'] as const).map((status) => (
              <span key={status} className={`count count--${status}`} data-testid={`import-count-${status}`} data-count={counts[status]}>
                {t(`agencyImport.status.${status}`)}: <strong>{fmt.number(counts[status])}</strong>
              </span>
            ))}
          </div>
          <div className="import__filters" role="tablist">
            {(
              [
                ['problems', 'agencyImport.filterProblems'],
                ['valid', 'agencyImport.filterValid'],
                ['all', 'agencyImport.filterAll'],
              ] as const
            ).map(([key, label]) => (
              <button key={key} type="button" role="tab" aria-selected={filter === key} className={`chip ${filter === key ? 'is-on' : ''}`} onClick={() => setFilter(key)}>
                <Label k={label} />
              </button>
            ))}
          </div>
          <div className="import__table-wrap">
            <table className="table import__table">
              <thead>
                <tr>
                  <th>{t('agencyImport.row')}</th>
                  <th>{t('agencyImport.rowStatus')}</th>
                  {PREVIEW_COLUMNS.filter((f) => plan.header.columns[f] !== undefined).map((f) => (
                    <th key={f}>{IMPORT_FIELDS[f][lang]}</th>
                  ))}
                  <th>{t('agencyImport.problems')}</th>
                </tr>
              </thead>
              <tbody>
                {visible.slice(0, PAGE).map(({ row, status, existingDonorId }) => (
                  <tr key={row.rowNumber} className={`import__row import__row--${status}`} data-testid="import-row" data-status={status} data-row={row.rowNumber}>
                    <td className="num">{row.rowNumber}</td>
                    <td>
                      <span className={`count count--${status}`}>{t(`agencyImport.status.${status}`)}</span>
                    </td>
                    {PREVIEW_COLUMNS.filter((f) => plan.header.columns[f] !== undefined).map((f) => (
                      <td key={f}>{cellOf(row, f, t)}</td>
                    ))}
                    <td>
                      {row.problems.map((p, i) => (
                        <div key={i} className={`problem problem--${p.level}`}>
                          {/* A problem with the CCCD column quotes the cell: its last 4 digits only. */}
                          <BiPair pair={p.field === 'nationalId' ? { vi: maskLongDigits(p.vi), en: maskLongDigits(p.en) } : p} />
                        </div>
                      ))}
                      {status === 'exists' ? <div className="problem">{t('agencyImport.exists', { id: existingDonorId ?? '' })}</div> : null}
                      {status === 'listed' ? (
                        <div className="problem" data-testid="import-listed">
                          {t('agencyImport.listed', { agency: props.agencies.find((a) => a.id === row.listedWith)?.name ?? row.listedWith ?? '' })}
                        </div>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {visible.length > PAGE ? <p className="import__more">{t('agencyImport.more', { n: fmt.number(visible.length - PAGE) })}</p> : null}
            {visible.length === 0 ? <p className="empty">{t('agencyImport.nothing')}</p> : null}
          </div>
          <div className="import__foot">
            {sending ? (
              <p className="import__status" data-testid="import-progress" data-done={sending.result ? 'true' : 'false'}>
                {sending.result
                  ? t(sending.result.failed ? 'agencyImport.sentFailed' : 'agencyImport.sent', { sent: fmt.number(sending.result.sent), failed: fmt.number(sending.result.failed) })
                  : t('agencyImport.sending', { done: fmt.number(sending.done), total: fmt.number(sending.total) })}
                {arrived !== null ? ` ${t('agencyImport.arrived', { arrived: fmt.number(arrived), total: fmt.number(sending.total - foundBefore) })}` : ''}
                {foundBefore ? (
                  <span data-testid="import-found-before" data-count={foundBefore}>
                    {' '}
                    {t('agencyImport.foundBefore', { n: fmt.number(foundBefore) })}
                  </span>
                ) : null}
              </p>
            ) : null}
            <button type="button" className="btn btn--primary btn--big" data-testid="import-send" disabled={sendable.length === 0} onClick={() => void send()}>
              <Label k="agencyImport.send" n={sendable.length} />
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
