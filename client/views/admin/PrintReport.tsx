/**
 * `/admin?print=report`: the official report, print-friendly (A4 landscape, black on white), in
 * the form the committee signs (shared/report.ts, REPORT_FORM, the XLSX's too): the issuing body
 * top left; the national name and motto top right, with the place and date line under them
 * ("Hải Dương, ngày 20 tháng 7 năm 2024", the day at the venue); the title; the festival table
 * first, then one per festival day, each on its own page, with units by bag size, the legend
 * (what each column counts) and the time the figures are as of; the signatures after the
 * festival's table. "In / Print" opens the browser's print dialog.
 */
import { REPORT_FORM } from '../../../shared/report.ts';
import { PrintHead, PrintSigns, PrintToolbar, usePrintPage } from './PrintParts.tsx';
import { useFormat, useLang, useT } from '../../i18n/index.ts';
import { ReportLegend, ReportTable, sectionLabel } from './ReportTable.tsx';
import { useReport } from './useReport.ts';

export function PrintReport() {
  const t = useT();
  const fmt = useFormat();
  const lang = useLang();
  const report = useReport();
  usePrintPage(t('print.documentTitle'));

  if (!report) return <p className="adm-empty">{t('common.waiting')}</p>;
  const event = report.event;
  const eventName = event ? (lang === 'en' && event.nameEn ? event.nameEn : event.name) : t('common.eventFallback');
  const now = Date.now();
  const sections = [report.festival, ...report.days];

  return (
    <div className="adm-print" data-testid="print-report">
      <PrintToolbar back="/admin#reports" />
      {sections.map((section, i) => (
        <section key={i} className="adm-print__section">
          <PrintHead now={now} />
          <h1 className="adm-print__title">{REPORT_FORM.title[lang]}</h1>
          <p className="adm-print__event">{eventName}</p>
          <p className="adm-print__meta">
            {sectionLabel(section, t, fmt)}
            {section.kind === 'festival' && event ? ` (${event.days.map((d) => fmt.date(d)).join(' – ')})` : ''}
            {event?.venue ? ` · ${event.venue}` : ''}
          </p>
          <ReportTable section={section} testId={`print-table-${section.kind === 'day' ? section.date : section.kind}`} />
          <p className="adm-print__asof">{t('print.asOf', { time: fmt.dateTime(now), seq: fmt.number(report.seq) })}</p>
          <div className="adm-print__legend">
            <div className="adm-strong">{REPORT_FORM.legend[lang]}:</div>
            <ReportLegend report={report} testId={`print-legend-${section.kind === 'day' ? section.date : section.kind}`} />
          </div>
          {i === 0 ? <PrintSigns /> : null}
        </section>
      ))}
    </div>
  );
}
