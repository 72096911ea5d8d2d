/**
 * The agencies' lists at the standing office (issue 18): per agency with a quota, whether its
 * list arrived, when and from whom, how many rows and how many people it registered against the
 * quota; the office accepts a list or returns it with a note saying what to fix
 * (`list.reviewed`). Agencies still without a list come first: they are the ones to chase.
 */
import { useState } from 'react';
import { agencyLists, type AgencyListStatus, type ListLine } from '../../../shared/agencyLists.ts';
import { useFormat, useT } from '../../i18n/index.ts';
import { Panel } from './forms.tsx';
import { useProjection } from './live.ts';
import { writeEvent } from './write.ts';

const STATUS_ORDER: Record<AgencyListStatus['status'], number> = { none: 0, returned: 1, waiting: 2, accepted: 3 };

export function AgencyListsPanel() {
  const t = useT();
  const fmt = useFormat();
  const { projection } = useProjection();
  if (!projection) return null;
  const rows = agencyLists(projection).sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.name.localeCompare(b.name, 'vi'));
  const missing = rows.filter((row) => row.status === 'none').length;
  return (
    <Panel title={t('admin.lists.title')} intro={t('admin.lists.intro', { missing: fmt.number(missing), total: fmt.number(rows.length) })} testId="agency-lists-panel">
      <div className="adm-table-wrap">
        <table className="adm-table" data-testid="agency-lists">
          <thead>
            <tr>
              <th>{t('admin.lists.agency')}</th>
              <th>{t('admin.lists.status')}</th>
              <th>{t('admin.lists.list')}</th>
              <th className="num">{t('admin.lists.againstQuota')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.agencyId} data-testid={`agency-list-${row.agencyId}`} data-status={row.status}>
                <td className="adm-strong">{row.name}</td>
                <td>{t(`admin.lists.statuses.${row.status}`)}</td>
                <td>
                  {row.lists.length === 0 ? '—' : null}
                  {row.lists.map((list) => (
                    <ListCell key={list.id} list={list} />
                  ))}
                </td>
                <td className="num">{row.quota === null ? fmt.number(row.listed) : t('admin.lists.ofQuota', { listed: fmt.number(row.listed), quota: fmt.number(row.quota) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}

function ListCell({ list }: { list: ListLine }) {
  const t = useT();
  const fmt = useFormat();
  const [returning, setReturning] = useState(false);
  const [note, setNote] = useState('');
  const review = (decision: 'accepted' | 'returned') =>
    void writeEvent('list.reviewed', { importId: list.id, decision, ...(decision === 'returned' && note.trim() ? { note: note.trim() } : {}) }).then((ok) => {
      if (ok) setReturning(false);
    });
  return (
    <div className="adm-list-cell" data-testid={`list-${list.id}`} data-review={list.review?.decision ?? 'waiting'}>
      <div>
        <span className="adm-strong">{list.fileName}</span> · {t('admin.lists.rows', { rows: fmt.number(list.rows), registered: fmt.number(list.registered) })}
      </div>
      <div className="adm-sub">{t('admin.lists.received', { when: fmt.dateTime(list.at), by: list.by ?? '—' })}</div>
      {list.review ? (
        <div className={list.review.decision === 'returned' ? 'adm-warn' : 'adm-sub'}>
          {t(`admin.lists.reviewed.${list.review.decision}`, { when: fmt.dateTime(list.review.at) })}
          {list.review.note ? ` — ${list.review.note}` : ''}
        </div>
      ) : null}
      {returning ? (
        <div className="adm-inline-form">
          <input
            className="adm-input"
            value={note}
            maxLength={500}
            placeholder={t('admin.lists.notePlaceholder')}
            aria-label={t('admin.lists.note')}
            onChange={(e) => setNote(e.target.value)}
            data-testid={`list-note-${list.id}`}
          />
          <button type="button" className="adm-btn adm-btn--danger" disabled={!note.trim()} onClick={() => review('returned')} data-testid={`list-return-confirm-${list.id}`}>
            {t('admin.lists.return')}
          </button>
          <button type="button" className="adm-btn" onClick={() => setReturning(false)}>
            {t('common.cancel')}
          </button>
        </div>
      ) : (
        <div className="adm-actions">
          <button type="button" className="adm-btn adm-btn--small" disabled={list.review?.decision === 'accepted'} onClick={() => review('accepted')} data-testid={`list-accept-${list.id}`}>
            {t('admin.lists.accept')}
          </button>
          <button type="button" className="adm-btn adm-btn--small" onClick={() => setReturning(true)} data-testid={`list-return-${list.id}`}>
            {t('admin.lists.return')}
          </button>
        </div>
      )}
    </div>
  );
}
