/**
 * Results back to each agency (issue 18): pick an agency, download its workbook — its figures,
 * then its people and what came of each (donated with the bag, deferred without a reason, not
 * come) — to send to its liaison. The same file the server makes for GET
 * /api/reports/agencies/:id/results.xlsx.
 */
import { useState } from 'react';
import { useLang, useT } from '../../i18n/index.ts';
import { Field, Panel } from './forms.tsx';
import { nameIn, useProjection } from './live.ts';
import { downloadWithNotice } from './download.ts';
export function AgencyResultsPanel() {
  const t = useT();
  const lang = useLang();
  const { projection } = useProjection();
  const agencies = projection ? [...projection.agencies.values()].filter((a) => a.quotaRule !== null) : [];
  const [chosen, setChosen] = useState('');
  const [busy, setBusy] = useState(false);
  const agencyId = chosen || agencies[0]?.id || '';
  if (agencies.length === 0) return null;
  const download = async () => {
    setBusy(true);
    await downloadWithNotice(`/api/reports/agencies/${encodeURIComponent(agencyId)}/results.xlsx`, `ket-qua-${agencyId}.xlsx`);
    setBusy(false);
  };
  return (
    <Panel title={t('admin.results.title')} intro={t('admin.results.intro')} testId="agency-results-panel">
      <div className="adm-inline-form">
        <Field label={t('admin.results.agency')}>
          {(id) => (
            <select id={id} value={agencyId} onChange={(e) => setChosen(e.target.value)} data-testid="agency-results-agency">
              {agencies.map((agency) => (
                <option key={agency.id} value={agency.id}>
                  {nameIn(lang, agency)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="button" className="adm-btn adm-btn--primary" disabled={busy} onClick={() => void download()} data-testid="agency-results-xlsx">
          {t('admin.results.download')}
        </button>
      </div>
    </Panel>
  );
}
