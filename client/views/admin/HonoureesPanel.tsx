/**
 * The honourees and their dossiers before the day (issue 17): filtered by the dossier's status
 * (none yet, received, checked, sent to Sở Nội vụ, decided) and by batch, searched by name
 * (diacritics ignored); each row's dossier edited in place (status, decision number and date),
 * and an honouree removed with their data (an erasure, with the request's reference).
 */
import { useState } from 'react';
import { DOSSIER_STATUSES, type DossierStatus } from '../../../shared/constants.ts';
import { batchesInOrder, HONOUREE_KIND_NAMES, RECEPTION_NAMES, receptionOf } from '../../../shared/ceremony.ts';
import { foldForSearch } from '../../../shared/format.ts';
import type { Honouree, ProjectionState } from '../../../shared/projectionState.ts';
import { useFormat, useLang, useT } from '../../i18n/index.ts';
import { Empty, Panel } from './forms.tsx';
import { writeEvent } from './write.ts';

type DossierFilter = 'all' | 'none' | DossierStatus;

function inDossierFilter(honouree: Honouree, filter: DossierFilter): boolean {
  return filter === 'all' || (filter === 'none' ? !honouree.dossier : honouree.dossier?.status === filter);
}

export function HonoureesPanel({ projection }: { projection: ProjectionState }) {
  const t = useT();
  const lang = useLang();
  const fmt = useFormat();
  const [dossier, setDossier] = useState<DossierFilter>('all');
  const [batch, setBatch] = useState('all');
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const batches = batchesInOrder(projection);
  const batchOrder = new Map(batches.map((b, i) => [b.id, i]));
  const everyone = [...projection.honourees.values()].filter((h) => !h.erased);
  const folded = foldForSearch(query);
  const shown = everyone
    .filter((h) => inDossierFilter(h, dossier))
    .filter((h) => batch === 'all' || h.batchId === batch)
    .filter((h) => !folded || foldForSearch(`${h.name} ${h.unit ?? ''}`).includes(folded))
    .sort((a, b) => (batchOrder.get(a.batchId) ?? 0) - (batchOrder.get(b.batchId) ?? 0) || a.order - b.order);
  const countOf = (status: DossierFilter) => everyone.filter((h) => inDossierFilter(h, status)).length;

  return (
    <Panel title={t('admin.ceremony.list.title')} intro={t('admin.ceremony.list.intro')} testId="ceremony-honourees">
      {everyone.length === 0 ? (
        <Empty>{t('admin.ceremony.list.empty')}</Empty>
      ) : (
        <>
          <div className="adm-pills" role="group" aria-label={t('admin.ceremony.list.byDossier')}>
            {(['all', 'none', ...DOSSIER_STATUSES] as const).map((status) => (
              <button key={status} type="button" className="adm-pill" aria-pressed={dossier === status} onClick={() => setDossier(status)} data-testid={`dossier-filter-${status}`}>
                {t(`admin.ceremony.dossier.${status}`)} ({fmt.number(countOf(status))})
              </button>
            ))}
          </div>
          <div className="adm-actions">
            <select value={batch} onChange={(e) => setBatch(e.target.value)} aria-label={t('admin.ceremony.list.byBatch')}>
              <option value="all">{t('admin.ceremony.list.allBatches')}</option>
              {batches.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.title}
                </option>
              ))}
            </select>
            <input
              className="adm-input"
              type="search"
              value={query}
              placeholder={t('admin.ceremony.list.search')}
              aria-label={t('admin.ceremony.list.search')}
              onChange={(e) => setQuery(e.target.value)}
            />
          </div>
          <div className="adm-table-wrap">
            <table className="adm-table" data-testid="honourees-table">
              <thead>
                <tr>
                  <th>{t('admin.ceremony.list.batch')}</th>
                  <th>{t('admin.ceremony.list.name')}</th>
                  <th>{t('admin.ceremony.list.award')}</th>
                  <th>{t('admin.ceremony.list.seat')}</th>
                  <th>{t('admin.ceremony.list.dossier')}</th>
                  <th>{t('admin.ceremony.list.day')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {shown.map((h) =>
                  editing === h.id ? (
                    <DossierRow key={h.id} honouree={h} onDone={() => setEditing(null)} />
                  ) : (
                    <tr key={h.id} data-testid={`honouree-row-${h.id}`} data-dossier={h.dossier?.status ?? 'none'}>
                      <td>
                        {projection.ceremonyBatches.get(h.batchId)?.title ?? h.batchId} · <span className="num">{h.order}</span>
                      </td>
                      <td>
                        <span className="adm-strong">{h.name}</span>
                        {h.hidden ? <span className="adm-sub"> · {t('admin.ceremony.list.hidden')}</span> : null}
                        <div className="adm-sub">
                          {HONOUREE_KIND_NAMES[h.kind][lang]}
                          {h.unit ? ` · ${h.unit}` : ''}
                          {h.donations !== undefined ? ` · ${t('admin.ceremony.list.donations', { n: fmt.number(h.donations) })}` : ''}
                        </div>
                      </td>
                      <td>{projection.ceremonyAwards.find((a) => a.id === h.awardId)?.name ?? h.awardId}</td>
                      <td>{h.seat ?? ''}</td>
                      <td>
                        {t(`admin.ceremony.dossier.${h.dossier?.status ?? 'none'}`)}
                        {h.dossier?.decisionNo ? (
                          <div className="adm-sub">
                            {h.dossier.decisionNo}
                            {h.dossier.decisionDate ? ` · ${fmt.date(h.dossier.decisionDate)}` : ''}
                          </div>
                        ) : null}
                      </td>
                      <td>
                        {receptionOf(h) === 'absent' ? t('admin.ceremony.list.notYet') : RECEPTION_NAMES[receptionOf(h)][lang]}
                        {h.representative ? <div className="adm-sub">{h.representative}</div> : null}
                      </td>
                      <td>
                        <button type="button" className="adm-btn adm-btn--small" onClick={() => setEditing(h.id)} data-testid={`dossier-edit-${h.id}`}>
                          {t('admin.ceremony.list.editDossier')}
                        </button>
                      </td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Panel>
  );
}

function DossierRow({ honouree, onDone }: { honouree: Honouree; onDone: () => void }) {
  const t = useT();
  const [status, setStatus] = useState<DossierStatus>(honouree.dossier?.status ?? 'received');
  const [decisionNo, setDecisionNo] = useState(honouree.dossier?.decisionNo ?? '');
  const [decisionDate, setDecisionDate] = useState(honouree.dossier?.decisionDate ?? '');
  const [erasing, setErasing] = useState(false);
  const [reason, setReason] = useState('');
  const save = async () => {
    const ok = await writeEvent('ceremony.dossier_set', {
      honoureeId: honouree.id,
      status,
      ...(decisionNo.trim() ? { decisionNo: decisionNo.trim() } : {}),
      ...(decisionDate ? { decisionDate } : {}),
      // The note written before stays (this form does not edit it).
      ...(honouree.dossier?.note ? { note: honouree.dossier.note } : {}),
    });
    if (ok) onDone();
  };
  const erase = async () => {
    if (await writeEvent('ceremony.honouree_erased', { honoureeId: honouree.id, reason: reason.trim() })) onDone();
  };
  return (
    <tr className="is-editing" data-testid={`dossier-form-${honouree.id}`}>
      <td colSpan={7}>
        <div className="adm-inline-form">
          <strong>{honouree.name}</strong>
          <select value={status} onChange={(e) => setStatus(e.target.value as DossierStatus)} aria-label={t('admin.ceremony.list.dossier')} data-testid="dossier-status">
            {DOSSIER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`admin.ceremony.dossier.${s}`)}
              </option>
            ))}
          </select>
          <input
            className="adm-input"
            value={decisionNo}
            maxLength={60}
            placeholder={t('admin.ceremony.list.decisionNo')}
            aria-label={t('admin.ceremony.list.decisionNo')}
            onChange={(e) => setDecisionNo(e.target.value)}
            data-testid="dossier-decision-no"
          />
          <input type="date" value={decisionDate} aria-label={t('admin.ceremony.list.decisionDate')} onChange={(e) => setDecisionDate(e.target.value)} />
          <button type="button" className="adm-btn adm-btn--primary" onClick={() => void save()} data-testid="dossier-save">
            {t('admin.ceremony.batches.save')}
          </button>
          <button type="button" className="adm-btn" onClick={onDone}>
            {t('admin.ceremony.import.cancel')}
          </button>
          <button type="button" className="adm-btn adm-btn--danger" onClick={() => setErasing(!erasing)}>
            {t('admin.ceremony.list.erase')}
          </button>
        </div>
        {erasing ? (
          <div className="adm-inline-form">
            <input
              className="adm-input"
              value={reason}
              maxLength={500}
              placeholder={t('admin.ceremony.list.eraseReason')}
              aria-label={t('admin.ceremony.list.eraseReason')}
              onChange={(e) => setReason(e.target.value)}
            />
            <button type="button" className="adm-btn adm-btn--danger" disabled={!reason.trim()} onClick={() => void erase()}>
              {t('admin.ceremony.list.eraseConfirm')}
            </button>
          </div>
        ) : null}
      </td>
    </tr>
  );
}
