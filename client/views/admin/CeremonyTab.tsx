/**
 * Lễ tôn vinh / Honouring ceremony (issue 17), the standing office's tab:
 *
 * - the honourees' list imported from XLSX or CSV: checked here with the server's own planner
 *   (shared/ceremonyImport.ts), each row's problem shown, imported all or nothing, and the same
 *   file again changes nothing;
 * - the batches going up on stage (title, order, presenting leader) and the awards;
 * - the honourees and their dossiers (HonoureesPanel.tsx);
 * - the after-report: who received which award, in person, through a representative, or
 *   absent — XLSX and a print view (`/admin?print=ceremony`).
 */
import { useState } from 'react';
import { batchesInOrder, ceremonyReport, RECEPTION_NAMES, receptionCounts } from '../../../shared/ceremony.ts';
import { HONOUREE_FIELD_NAMES, planHonoureeImport, type HonoureeImportPlan } from '../../../shared/ceremonyImport.ts';
import type { Cell } from '../../../shared/donorImport.ts';
import type { CeremonyBatch, ProjectionState } from '../../../shared/projectionState.ts';
import { useFormat, useLang, useT } from '../../i18n/index.ts';
import { readSpreadsheet, SpreadsheetError } from '../../lib/readSpreadsheet.ts';
import { ApiError, sendJson } from './api.ts';
import { Empty, Field, Panel } from './forms.tsx';
import { HonoureesPanel } from './HonoureesPanel.tsx';
import { uniqueId } from './ids.ts';
import { useProjection } from './live.ts';
import { notify } from './notices.ts';
import { downloadWithNotice } from './download.ts';
import { errorText, writeEvent } from './write.ts';

export function CeremonyTab() {
  const t = useT();
  const { projection } = useProjection();
  if (!projection) return <Empty>{t('common.waiting')}</Empty>;
  return (
    <>
      <ImportPanel projection={projection} />
      <ResultPanel projection={projection} />
      <HonoureesPanel projection={projection} />
      <BatchesPanel projection={projection} />
    </>
  );
}

/** A sheet's cells as the server takes them: text, numbers, booleans and empties (a date as YYYY-MM-DD). */
function toWire(rows: Cell[][]): (string | number | boolean | null)[][] {
  return rows.map((row) => row.map((cell) => (cell instanceof Date ? cell.toISOString().slice(0, 10) : cell === undefined ? null : cell)));
}

function ImportPanel({ projection }: { projection: ProjectionState }) {
  const t = useT();
  const fmt = useFormat();
  const lang = useLang();
  const [file, setFile] = useState<{ name: string; rows: Cell[][] } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const planned = file ? planHonoureeImport(file.rows, projection) : null;
  const plan: HonoureeImportPlan | null = planned?.ok ? planned.plan : null;
  const failure = planned && !planned.ok ? planned[lang] : null;

  const open = async (chosen: File | undefined) => {
    setProblem(null);
    setFile(null);
    if (!chosen) return;
    try {
      setFile({ name: chosen.name, rows: await readSpreadsheet(chosen) });
    } catch (err) {
      setProblem(err instanceof SpreadsheetError ? err[lang] : String(err));
    }
  };
  const doImport = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const answer = await sendJson<{ added: number; changed: number; unchanged: number }>('POST', '/api/ceremony/import', { rows: toWire(file.rows), fileName: file.name });
      notify('ok', t('admin.ceremony.import.done', { added: fmt.number(answer.added), changed: fmt.number(answer.changed), unchanged: fmt.number(answer.unchanged) }));
      setFile(null);
    } catch (err) {
      const e = err as ApiError;
      notify('error', errorText(e.code, e.message));
    }
    setBusy(false);
  };
  const batchTitle = (id: string) => projection.ceremonyBatches.get(id)?.title ?? id;
  const awardName = (id: string) => projection.ceremonyAwards.find((a) => a.id === id)?.name ?? id;
  const changes = plan ? plan.counts.new + plan.counts.changed + plan.leaders.length : 0;

  return (
    <Panel
      title={t('admin.ceremony.import.title')}
      intro={t('admin.ceremony.import.intro', {
        columns: Object.values(HONOUREE_FIELD_NAMES)
          .map((f) => f[lang])
          .join(', '),
      })}
      testId="ceremony-import"
    >
      <Field label={t('admin.ceremony.import.file')}>
        {(id) => <input id={id} type="file" accept=".xlsx,.csv,text/csv" onChange={(e) => void open(e.target.files?.[0])} data-testid="ceremony-file" />}
      </Field>
      {problem || failure ? (
        <p className="adm-outcome adm-outcome--error" role="alert" data-testid="ceremony-import-failure">
          {problem ?? failure}
        </p>
      ) : null}
      {plan ? (
        <>
          <p className={plan.counts.error > 0 ? 'adm-warn' : 'adm-sub'} data-testid="ceremony-import-summary" data-errors={plan.counts.error}>
            {t(plan.counts.error > 0 ? 'admin.ceremony.import.hasErrors' : 'admin.ceremony.import.summary', {
              new: fmt.number(plan.counts.new),
              changed: fmt.number(plan.counts.changed),
              same: fmt.number(plan.counts.same),
              errors: fmt.number(plan.counts.error),
            })}
          </p>
          <div className="adm-table-wrap">
            <table className="adm-table" data-testid="ceremony-preview">
              <thead>
                <tr>
                  <th>{t('admin.ceremony.import.row')}</th>
                  <th>{t('admin.ceremony.import.status')}</th>
                  <th>{HONOUREE_FIELD_NAMES.name[lang]}</th>
                  <th>{HONOUREE_FIELD_NAMES.award[lang]}</th>
                  <th>{HONOUREE_FIELD_NAMES.batch[lang]}</th>
                  <th>{HONOUREE_FIELD_NAMES.seat[lang]}</th>
                  <th>{t('admin.ceremony.import.problems')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.rows.map((row) => (
                  <tr key={row.rowNumber} className={row.status === 'error' ? 'is-error' : ''} data-testid={`ceremony-row-${row.rowNumber}`} data-status={row.status}>
                    <td className="num">{row.rowNumber}</td>
                    <td>{t(`admin.ceremony.import.statuses.${row.status}`)}</td>
                    <td>{row.honouree?.name ?? ''}</td>
                    <td>{row.honouree ? awardName(row.honouree.awardId) : ''}</td>
                    <td>{row.honouree ? `${batchTitle(row.honouree.batchId)} · ${row.honouree.order}` : ''}</td>
                    <td>{row.honouree?.seat ?? ''}</td>
                    <td>{row.problems.map((p) => p[lang]).join('; ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="adm-actions">
            <button type="button" className="adm-btn adm-btn--primary" disabled={busy || plan.counts.error > 0 || changes === 0} onClick={() => void doImport()} data-testid="ceremony-import-go">
              {t('admin.ceremony.import.go', { n: fmt.number(plan.counts.new + plan.counts.changed) })}
            </button>
            <button type="button" className="adm-btn" onClick={() => setFile(null)}>
              {t('admin.ceremony.import.cancel')}
            </button>
          </div>
        </>
      ) : null}
    </Panel>
  );
}

function ResultPanel({ projection }: { projection: ProjectionState }) {
  const t = useT();
  const fmt = useFormat();
  const lang = useLang();
  const rows = ceremonyReport(projection);
  const counts = receptionCounts(rows);
  const download = () => downloadWithNotice('/api/ceremony/report.xlsx', 'le-ton-vinh.xlsx');
  return (
    <Panel
      title={t('admin.ceremony.result.title')}
      intro={t('admin.ceremony.result.intro')}
      actions={
        <>
          <button type="button" className="adm-btn adm-btn--primary" onClick={() => void download()} data-testid="ceremony-xlsx">
            {t('admin.reports.xlsx')}
          </button>
          <a className="adm-btn" href="/admin?print=ceremony" target="_blank" rel="noopener" data-testid="ceremony-print">
            {t('admin.reports.print')}
          </a>
        </>
      }
      testId="ceremony-result"
    >
      <dl className="adm-kpis adm-kpis--inline" data-testid="ceremony-counts" data-in-person={counts.in_person} data-representative={counts.representative} data-absent={counts.absent}>
        <div className="adm-kpis__item">
          <dt>{t('admin.ceremony.result.total')}</dt>
          <dd className="num">{fmt.number(rows.length)}</dd>
        </div>
        {(['in_person', 'representative', 'absent'] as const).map((reception) => (
          <div key={reception} className="adm-kpis__item">
            <dt>{RECEPTION_NAMES[reception][lang]}</dt>
            <dd className="num">{fmt.number(counts[reception])}</dd>
          </div>
        ))}
      </dl>
    </Panel>
  );
}

function BatchesPanel({ projection }: { projection: ProjectionState }) {
  const t = useT();
  const batches = batchesInOrder(projection);
  const [editing, setEditing] = useState<string | null>(null);
  const [award, setAward] = useState('');
  const awards = projection.ceremonyAwards;
  const saveAwards = (next: { id: string; name: string }[]) => void writeEvent('ceremony.awards_set', { awards: next.map((a) => ({ awardId: a.id, name: a.name })) });
  return (
    <Panel title={t('admin.ceremony.batches.title')} intro={t('admin.ceremony.batches.intro')} testId="ceremony-batches">
      <ol className="adm-list">
        {batches.map((batch) =>
          editing === batch.id ? (
            <li key={batch.id}>
              <BatchForm batch={batch} nextOrder={batch.order} taken={(id) => projection.ceremonyBatches.has(id)} onDone={() => setEditing(null)} />
            </li>
          ) : (
            <li key={batch.id} className="adm-list__item" data-testid={`ceremony-batch-${batch.id}`}>
              <span>
                <strong>{batch.title}</strong>
                {batch.leader ? <span className="adm-sub"> — {t('admin.ceremony.batches.leaderIs', { name: batch.leader })}</span> : null}
              </span>
              <span className="adm-actions">
                <button type="button" className="adm-btn adm-btn--small" onClick={() => setEditing(batch.id)}>
                  {t('admin.ceremony.batches.edit')}
                </button>
                <button type="button" className="adm-btn adm-btn--small" onClick={() => void writeEvent('ceremony.batch_removed', { batchId: batch.id })}>
                  {t('admin.ceremony.batches.remove')}
                </button>
              </span>
            </li>
          ),
        )}
      </ol>
      {editing === 'new' ? (
        <BatchForm batch={null} nextOrder={(batches.at(-1)?.order ?? 0) + 1} taken={(id) => projection.ceremonyBatches.has(id)} onDone={() => setEditing(null)} />
      ) : (
        <button type="button" className="adm-btn" onClick={() => setEditing('new')} data-testid="ceremony-batch-add">
          {t('admin.ceremony.batches.add')}
        </button>
      )}
      <h3 className="adm-h3">{t('admin.ceremony.awards.title')}</h3>
      <ul className="adm-list">
        {awards.map((a) => (
          <li key={a.id} className="adm-list__item">
            <span>{a.name}</span>
            <button type="button" className="adm-btn adm-btn--small" onClick={() => saveAwards(awards.filter((x) => x.id !== a.id))}>
              {t('admin.ceremony.batches.remove')}
            </button>
          </li>
        ))}
      </ul>
      <form
        className="adm-inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!award.trim()) return;
          saveAwards([...awards, { id: uniqueId(award, (id) => awards.some((a) => a.id === id), 'khen-thuong'), name: award.trim() }]);
          setAward('');
        }}
      >
        <Field label={t('admin.ceremony.awards.add')}>{(id) => <input id={id} className="adm-input" value={award} maxLength={200} onChange={(e) => setAward(e.target.value)} />}</Field>
        <button type="submit" className="adm-btn" disabled={!award.trim()}>
          {t('admin.ceremony.awards.addButton')}
        </button>
      </form>
    </Panel>
  );
}

function BatchForm({ batch, nextOrder, taken, onDone }: { batch: CeremonyBatch | null; nextOrder: number; taken: (id: string) => boolean; onDone: () => void }) {
  const t = useT();
  const [title, setTitle] = useState(batch?.title ?? '');
  const [leader, setLeader] = useState(batch?.leader ?? '');
  const [order, setOrder] = useState(String(batch?.order ?? nextOrder));
  const save = async () => {
    const batchId = batch?.id ?? uniqueId(title, taken, 'dot');
    const ok = await writeEvent('ceremony.batch_set', { batchId, order: Number(order) || 0, title: title.trim(), ...(leader.trim() ? { leader: leader.trim() } : {}) });
    if (ok) onDone();
  };
  return (
    <form
      className="adm-inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (title.trim()) void save();
      }}
      data-testid="ceremony-batch-form"
    >
      <Field label={t('admin.ceremony.batches.order')}>
        {(id) => <input id={id} className="adm-input adm-input--narrow" type="number" min={0} value={order} onChange={(e) => setOrder(e.target.value)} />}
      </Field>
      <Field label={t('admin.ceremony.batches.name')} wide>
        {(id) => <input id={id} className="adm-input" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field label={t('admin.ceremony.batches.leader')} wide>
        {(id) => <input id={id} className="adm-input" value={leader} maxLength={200} onChange={(e) => setLeader(e.target.value)} />}
      </Field>
      <button type="submit" className="adm-btn adm-btn--primary" disabled={!title.trim()}>
        {t('admin.ceremony.batches.save')}
      </button>
      <button type="button" className="adm-btn" onClick={onDone}>
        {t('admin.ceremony.import.cancel')}
      </button>
    </form>
  );
}
