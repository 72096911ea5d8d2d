/**
 * The audit log: every event of the log, newest first, filtered by what (type or family), who
 * (a device, a role, or the start-up loader) and when (venue time), paged; voided events are
 * struck through with who voided them, when and why; a registration whose person's data was
 * erased says so (the server sends it without a name). The first page follows the live log;
 * "CSV" downloads every event that matches the filters.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { EVENT_TYPES } from '../../../shared/constants.ts';
import { zonedIso } from '../../../shared/time.ts';
import { useFormat, useT } from '../../i18n/index.ts';
import { ApiError, getJson, type AuditEntry, type AuditPage } from './api.ts';
import { describeEvent } from './describe.ts';
import { Empty, Field, Panel } from './forms.tsx';
import { useProjection } from './live.ts';
import { downloadWithNotice } from './download.ts';
import { errorText } from './write.ts';

const PAGE_SIZE = 50;
/** The time of action is shown beside the receive time when they differ by more than this. */
const SHOW_OCCURRED_AFTER_MS = 60_000;
const FAMILIES = [...new Set(EVENT_TYPES.map((type) => type.split('.')[0]!))];
const ROLE_FILTERS = ['admin', 'desk', 'coordinator', 'mc'];

interface Filters {
  type: string;
  actor: string;
  fromDate: string;
  fromTime: string;
  toDate: string;
  toTime: string;
}

const NO_FILTERS: Filters = { type: '', actor: '', fromDate: '', fromTime: '', toDate: '', toTime: '' };

/** The query string of the filters: a date alone is the whole day (server side, venue time). */
function queryOf(filters: Filters, timeZone: string): URLSearchParams {
  const q = new URLSearchParams();
  if (filters.type) q.set('type', filters.type);
  if (filters.actor) q.set('actor', filters.actor);
  const edge = (date: string, time: string, end: boolean) => {
    if (!date) return null;
    if (!time) return date;
    return zonedIso(date, end ? `${time}:59` : time, timeZone);
  };
  const from = edge(filters.fromDate, filters.fromTime, false);
  const to = edge(filters.toDate, filters.toTime, true);
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  return q;
}

const typeKey = (type: string) => `eventTypes.${type.replace('.', '_')}`;

function useTokens(): { id: string; label: string; role: string }[] {
  const [tokens, setTokens] = useState<{ id: string; label: string; role: string }[]>([]);
  useEffect(() => {
    getJson<{ tokens: { id: string; label: string; role: string }[] }>('/api/tokens').then(
      (a) => setTokens(a.tokens),
      () => setTokens([]),
    );
  }, []);
  return tokens;
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const t = useT();
  const fmt = useFormat();
  const { projection } = useProjection();
  const voided = entry.voided;
  const erased = entry.payload.erased === true;
  return (
    <tr
      className={`${voided ? 'is-voided' : ''} ${entry.rehearsal ? 'is-rehearsal' : ''}`}
      data-testid={`audit-${entry.seq}`}
      data-type={entry.type}
      data-voided={voided ? 'true' : 'false'}
      data-erased={erased ? 'true' : undefined}
      data-rehearsal={entry.rehearsal ? 'true' : undefined}
    >
      <td className="num adm-sub">{entry.seq}</td>
      <td className="adm-nowrap" title={entry.at}>
        {fmt.time(entry.at, true)}
        <div className="adm-sub">{fmt.date(entry.at)}</div>
        <OccurredAt entry={entry} />
      </td>
      <td>
        {entry.actor ? (entry.actor.tokenId === 'system' ? t('admin.audit.system') : entry.actor.label) : '—'}
        {entry.actor ? <div className="adm-sub">{t(`roles.${entry.actor.role}`, { defaultValue: entry.actor.role })}</div> : null}
      </td>
      <td>
        <span className="adm-strong">{t(typeKey(entry.type), { defaultValue: entry.type })}</span>
        <div className="adm-sub adm-mono">{entry.type}</div>
      </td>
      <td className="adm-col-wide">
        <span className="adm-audit__what">{describeEvent(entry, projection, t, fmt)}</span>
        {erased ? <span className="adm-badge adm-badge--muted">{t('admin.audit.erasedBadge')}</span> : null}
        {entry.rehearsal ? (
          <span className="adm-badge adm-badge--rehearsal" data-testid="audit-rehearsal" title={t('admin.audit.rehearsalHint')}>
            {t('admin.audit.rehearsal')}
          </span>
        ) : null}
        {voided ? (
          <div className="adm-voided" data-testid="voided-note">
            <span className="adm-badge adm-badge--danger">{t('admin.audit.voided')}</span>{' '}
            {t('admin.audit.voidedBy', { who: voided.actor?.label ?? '—', time: fmt.dateTime(voided.at), reason: voided.reason || t('admin.audit.reasonErased'), seq: voided.seq })}
          </div>
        ) : null}
      </td>
    </tr>
  );
}

/**
 * The time of action on the device (v1.1 `occurredAt`) under the receive time, when the two
 * differ by more than a minute (an outbox flushed late, a clock off) or the server clamped it.
 */
function OccurredAt({ entry }: { entry: AuditEntry }) {
  const t = useT();
  const fmt = useFormat();
  const { occurredAt, occurredAtFlag: flag } = entry;
  if (occurredAt === undefined) return null;
  if (!flag && Math.abs(Date.parse(occurredAt) - Date.parse(entry.at)) <= SHOW_OCCURRED_AFTER_MS) return null;
  const sameDay = fmt.date(occurredAt) === fmt.date(entry.at);
  return (
    <div className="adm-sub" data-testid="audit-occurred" data-flag={flag} title={occurredAt}>
      {t('admin.audit.occurredAt', { time: sameDay ? fmt.time(occurredAt, true) : fmt.dateTime(occurredAt, true) })}
      {flag ? (
        <div>
          <span className="adm-badge adm-badge--muted" title={t(`admin.audit.occurredFlagHints.${flag}`)}>
            {t(`admin.audit.occurredFlags.${flag}`)}
          </span>
        </div>
      ) : null}
    </div>
  );
}

export function AuditTab() {
  const t = useT();
  const fmt = useFormat();
  const { version } = useProjection();
  const tokens = useTokens();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  /** Cursors of the pages before the current one (the current page's `before` is the last). */
  const [cursors, setCursors] = useState<number[]>([]);
  const [page, setPage] = useState<AuditPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const query = useMemo(() => queryOf(filters, fmt.timeZone), [filters, fmt.timeZone]);
  const before = cursors[cursors.length - 1];

  const load = useCallback(() => {
    const q = new URLSearchParams(query);
    q.set('order', 'desc');
    q.set('limit', String(PAGE_SIZE));
    if (before !== undefined) q.set('before', String(before));
    getJson<AuditPage>(`/api/audit?${q}`)
      .then((answer) => {
        setPage(answer);
        setError(null);
      })
      .catch((err: ApiError) => setError(errorText(err.code, err.message)));
  }, [query, before]);

  useEffect(() => load(), [load]);
  // The first page follows the live log, at most once a second however busy the log is.
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latestLoad = useRef(load);
  latestLoad.current = load;
  useEffect(() => {
    if (before !== undefined || pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      latestLoad.current();
    }, 1000);
  }, [version, before]);
  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current);
    },
    [],
  );

  const apply = (next: Filters) => {
    setFilters(next);
    setCursors([]);
  };
  const patch = (p: Partial<Filters>) => setDraft((d) => ({ ...d, ...p }));
  const exportCsv = () => downloadWithNotice(`/api/audit.csv?${query}`, 'nhat-ky.csv');
  const pageNumber = cursors.length + 1;
  const first = (pageNumber - 1) * PAGE_SIZE + 1;

  return (
    <Panel
      title={t('admin.audit.title')}
      intro={t('admin.audit.intro')}
      actions={
        <button type="button" className="adm-btn" onClick={() => void exportCsv()} data-testid="audit-csv">
          {t('admin.audit.csv')}
        </button>
      }
      testId="audit-panel"
    >
      <form
        className="adm-filters"
        onSubmit={(e) => {
          e.preventDefault();
          apply(draft);
        }}
      >
        <Field label={t('admin.audit.what')}>
          {(id) => (
            <select id={id} value={draft.type} onChange={(e) => patch({ type: e.target.value })} data-testid="audit-type">
              <option value="">{t('admin.audit.allTypes')}</option>
              <optgroup label={t('admin.audit.families')}>
                {FAMILIES.map((f) => (
                  <option key={f} value={`${f}.*`}>
                    {t(`eventFamilies.${f}`, { defaultValue: f })}
                  </option>
                ))}
              </optgroup>
              <optgroup label={t('admin.audit.types')}>
                {EVENT_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(typeKey(type))}
                  </option>
                ))}
              </optgroup>
            </select>
          )}
        </Field>
        <Field label={t('admin.audit.who')}>
          {(id) => (
            <select id={id} value={draft.actor} onChange={(e) => patch({ actor: e.target.value })} data-testid="audit-actor">
              <option value="">{t('admin.audit.everyone')}</option>
              <option value="system">{t('admin.audit.system')}</option>
              <optgroup label={t('admin.audit.roles')}>
                {ROLE_FILTERS.map((r) => (
                  <option key={r} value={r}>
                    {t(`roles.${r}`)}
                  </option>
                ))}
              </optgroup>
              <optgroup label={t('admin.audit.devices')}>
                {tokens.map((token) => (
                  <option key={token.id} value={token.id}>
                    {token.label} ({t(`roles.${token.role}`, { defaultValue: token.role })})
                  </option>
                ))}
              </optgroup>
            </select>
          )}
        </Field>
        <Field label={t('admin.audit.from')}>
          {(id) => (
            <div className="adm-inline adm-inline--tight">
              <input id={id} type="date" value={draft.fromDate} onChange={(e) => patch({ fromDate: e.target.value })} data-testid="audit-from-date" />
              <input type="time" value={draft.fromTime} aria-label={t('admin.audit.fromTime')} onChange={(e) => patch({ fromTime: e.target.value })} data-testid="audit-from-time" />
            </div>
          )}
        </Field>
        <Field label={t('admin.audit.to')}>
          {(id) => (
            <div className="adm-inline adm-inline--tight">
              <input id={id} type="date" value={draft.toDate} onChange={(e) => patch({ toDate: e.target.value })} data-testid="audit-to-date" />
              <input type="time" value={draft.toTime} aria-label={t('admin.audit.toTime')} onChange={(e) => patch({ toTime: e.target.value })} />
            </div>
          )}
        </Field>
        <div className="adm-filters__buttons">
          <button type="submit" className="adm-btn adm-btn--primary" data-testid="audit-apply">
            {t('admin.audit.apply')}
          </button>
          <button
            type="button"
            className="adm-btn adm-btn--ghost"
            onClick={() => {
              setDraft(NO_FILTERS);
              apply(NO_FILTERS);
            }}
          >
            {t('admin.audit.clear')}
          </button>
        </div>
      </form>
      {error ? <p className="adm-warn">{error}</p> : null}
      {page ? (
        <>
          <div className="adm-pager">
            <span data-testid="audit-total">
              {page.total === 0 ? t('admin.audit.noMatch') : t('admin.audit.showing', { from: fmt.number(first), to: fmt.number(first + page.events.length - 1), total: fmt.number(page.total) })}
            </span>
            <span className="adm-inline">
              <button type="button" className="adm-btn adm-btn--small" disabled={cursors.length === 0} onClick={() => setCursors([])}>
                {t('admin.audit.newest')}
              </button>
              <button type="button" className="adm-btn adm-btn--small" disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))} data-testid="audit-prev">
                ← {t('admin.audit.newer')}
              </button>
              <button
                type="button"
                className="adm-btn adm-btn--small"
                disabled={page.next === null}
                onClick={() => page.next !== null && setCursors((c) => [...c, page.next!])}
                data-testid="audit-next"
              >
                {t('admin.audit.older')} →
              </button>
            </span>
          </div>
          {page.events.length === 0 ? (
            <Empty>{t('admin.audit.noMatch')}</Empty>
          ) : (
            <div className="adm-table-wrap">
              <table className="adm-table adm-audit" data-testid="audit-table">
                <thead>
                  <tr>
                    <th className="num">#</th>
                    <th>{t('admin.audit.when')}</th>
                    <th>{t('admin.audit.who')}</th>
                    <th>{t('admin.audit.what')}</th>
                    <th>{t('admin.audit.details')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.events.map((entry) => (
                    <AuditRow key={entry.seq} entry={entry} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : (
        <Empty>{t('common.loading')}</Empty>
      )}
    </Panel>
  );
}
