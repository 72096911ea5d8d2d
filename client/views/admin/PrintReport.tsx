/**
 * `/admin?print=report`: the official report, print-friendly (A4 landscape, black on white):
 * the festival table first, then one per festival day, each on its own page, with the time the
 * figures are as of and space for signatures. "In / Print" opens the browser's print dialog.
 */
import { useEffect } from 'react';
import { LanguageSwitch, useFormat, useLang, useT } from '../../i18n/index.ts';
import { useIsLive } from '../../stores/liveStore.ts';
import { ReportTable, sectionLabel } from './ReportTable.tsx';
import { useReport } from './useReport.ts';

export function PrintReport() {
  const t = useT();
  const fmt = useFormat();
  const lang = useLang();
  const live = useIsLive();
  const report = useReport();
  useEffect(() => {
    document.title = t('print.documentTitle');
    document.documentElement.classList.add('adm-print-page');
    return () => document.documentElement.classList.remove('adm-print-page');
  }, [t]);

  if (!report) return <p className="adm-empty">{t('common.waiting')}</p>;
  const event = report.event;
  const eventName = event ? (lang === 'en' && event.nameEn ? event.nameEn : event.name) : t('common.eventFallback');
  const now = Date.now();
  const sections = [report.festival, ...report.days];

  return (
    <div className="adm-print" data-testid="print-report">
      <div className="adm-print__toolbar">
        <button type="button" className="adm-btn adm-btn--primary" onClick={() => window.print()} data-testid="print-button">
          {t('print.print')}
        </button>
        <a className="adm-btn" href="/admin#reports">
          {t('print.back')}
        </a>
        <span className={live ? 'adm-sub' : 'adm-warn'}>{live ? t('print.live') : t('print.notLive')}</span>
        <LanguageSwitch />
      </div>
      {sections.map((section, i) => (
        <section key={i} className="adm-print__section">
          <header className="adm-print__head">
            <div className="adm-print__org">
              <div>{t('print.organiser')}</div>
              <div className="adm-print__rule" />
            </div>
            <div className="adm-print__nation">
              <div className="adm-strong">{t('print.nation')}</div>
              <div>{t('print.motto')}</div>
              <div className="adm-print__rule" />
            </div>
          </header>
          <h1 className="adm-print__title">{t('print.title')}</h1>
          <p className="adm-print__event">{eventName}</p>
          <p className="adm-print__meta">
            {sectionLabel(section, t, fmt)}
            {section.kind === 'festival' && event ? ` (${event.days.map((d) => fmt.date(d)).join(' – ')})` : ''}
            {event?.venue ? ` · ${event.venue}` : ''}
          </p>
          <ReportTable report={report} section={section} testId={`print-table-${section.kind === 'day' ? section.date : section.kind}`} />
          <p className="adm-print__asof">
            {t('print.asOf', { time: fmt.dateTime(now), seq: fmt.number(report.seq) })} {t(report.countOn === 'checkedIn' ? 'admin.reports.noteCheckedIn' : 'admin.reports.noteDonated')}
          </p>
          {i === 0 ? (
            <div className="adm-print__signs">
              <div>
                <div className="adm-strong">{t('print.preparedBy')}</div>
                <div className="adm-sub">{t('print.signHint')}</div>
              </div>
              <div>
                <div className="adm-sub">{t('print.placeDate', { date: fmt.date(now) })}</div>
                <div className="adm-strong">{t('print.approvedBy')}</div>
                <div className="adm-sub">{t('print.signHint')}</div>
              </div>
            </div>
          ) : null}
        </section>
      ))}
    </div>
  );
}
