/**
 * Reports: the agency report live (per festival day and for the festival; walk-ins on their
 * own line; totals; units by bag size), the same figures as /api/state, what each column
 * counts, with the official files — XLSX (formatted, one sheet per day plus "Tổng") and CSV —
 * and the print view.
 */
import { useState } from 'react';
import { useFormat, useT } from '../../i18n/index.ts';
import { useIsLive } from '../../stores/liveStore.ts';
import { Empty, Panel } from './forms.tsx';
import { useProjection } from './live.ts';
import { OverlapsPanel } from './OverlapsPanel.tsx';
import { AgencyResultsPanel } from './AgencyResultsPanel.tsx';
import { SecondDonationPanel } from './SecondDonationPanel.tsx';
import { downloadWithNotice } from './download.ts';
import { ReportLegend, ReportTable, sectionLabel } from './ReportTable.tsx';
import { useReport } from './useReport.ts';
export function ReportsTab() {
  const t = useT();
  const fmt = useFormat();
  const live = useIsLive();
  const report = useReport();
  const { projection } = useProjection();
  const [selected, setSelected] = useState<string>('festival');
  const [busy, setBusy] = useState<string | null>(null);

  const download = async (kind: 'xlsx' | 'csv') => {
    setBusy(kind);
    await downloadWithNotice(`/api/reports/agencies.${kind}`, `bao-cao-don-vi.${kind}`);
    setBusy(null);
  };

  if (!report) return <Empty>{t('common.waiting')}</Empty>;
  // During a rehearsal the screens show the rehearsal's figures; the report stays on the live ones.
  const rehearsal = projection?.rehearsal != null;
  const sections = [report.festival, ...report.days];
  const keyOf = (i: number) => (i === 0 ? 'festival' : (report.days[i - 1]!.date ?? 'other'));
  const index = Math.max(
    0,
    sections.findIndex((_, i) => keyOf(i) === selected),
  );
  const section = sections[index]!;

  return (
    <>
      <Panel
        title={t('admin.reports.title')}
        intro={t(rehearsal ? 'admin.reports.introRehearsal' : 'admin.reports.intro', { seq: fmt.number(report.seq) })}
        actions={
          <>
            <button type="button" className="adm-btn adm-btn--primary" disabled={busy !== null} onClick={() => void download('xlsx')} data-testid="report-xlsx">
              {t('admin.reports.xlsx')}
            </button>
            <button type="button" className="adm-btn" disabled={busy !== null} onClick={() => void download('csv')} data-testid="report-csv">
              {t('admin.reports.csv')}
            </button>
            <a className="adm-btn" href="/admin?print=report" target="_blank" rel="noopener" data-testid="report-print">
              {t('admin.reports.print')}
            </a>
          </>
        }
        testId="reports-panel"
      >
        <div className="adm-pills" role="tablist" aria-label={t('admin.reports.sections')}>
          {sections.map((s, i) => (
            <button key={keyOf(i)} type="button" role="tab" aria-selected={i === index} className="adm-pill" onClick={() => setSelected(keyOf(i))} data-testid={`report-section-${keyOf(i)}`}>
              {sectionLabel(s, t, fmt)}
            </button>
          ))}
        </div>
        <div className={`adm-table-wrap ${live ? '' : 'is-not-live'}`}>
          <ReportTable section={section} testId="report-table" />
        </div>
        <p className="adm-sub adm-note">{t(report.countOn === 'checkedIn' ? 'admin.reports.noteCheckedIn' : 'admin.reports.noteDonated')}</p>
        <details className="adm-sub adm-note">
          <summary>{t('admin.reports.legend')}</summary>
          <ReportLegend report={report} testId="report-legend" />
        </details>
      </Panel>
      <AgencyResultsPanel />
      <OverlapsPanel />
      <SecondDonationPanel />
    </>
  );
}
