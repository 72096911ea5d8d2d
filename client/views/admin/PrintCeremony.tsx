/**
 * `/admin?print=ceremony`: the ceremony's after-report, print-friendly (A4 landscape), in the
 * form of the agency report (PrintReport.tsx): who received which award — in person, through a
 * representative (named), or absent — by batch and order, with the decision that granted it;
 * the totals; the signatures. From the live data, like every screen.
 */
import { useEffect } from 'react';
import { ceremonyReport, HONOUREE_KIND_NAMES, receptionCounts } from '../../../shared/ceremony.ts';
import { REPORT_FORM, reportDateLine } from '../../../shared/report.ts';
import { LanguageSwitch, useFormat, useLang, useT } from '../../i18n/index.ts';
import { useIsLive } from '../../stores/liveStore.ts';
import { useProjection } from './live.ts';

export function PrintCeremony() {
  const t = useT();
  const fmt = useFormat();
  const lang = useLang();
  const live = useIsLive();
  const { projection } = useProjection();
  useEffect(() => {
    document.title = t('admin.ceremony.print.title');
    document.documentElement.classList.add('adm-print-page');
    return () => document.documentElement.classList.remove('adm-print-page');
  }, [t]);
  if (!projection) return <p className="adm-empty">{t('common.waiting')}</p>;
  const rows = ceremonyReport(projection);
  const counts = receptionCounts(rows);
  const event = projection.event;
  return (
    <div className="adm-print" data-testid="print-ceremony">
      <div className="adm-print__toolbar">
        <button type="button" className="adm-btn adm-btn--primary" onClick={() => window.print()}>
          {t('print.print')}
        </button>
        <a className="adm-btn" href="/admin#ceremony">
          {t('print.back')}
        </a>
        <span className={live ? 'adm-sub' : 'adm-warn'}>{live ? t('print.live') : t('print.notLive')}</span>
        <LanguageSwitch />
      </div>
      <section className="adm-print__section">
        <header className="adm-print__head">
          <div className="adm-print__org">
            <div>{REPORT_FORM.authority[lang]}</div>
            <div className="adm-print__rule" />
          </div>
          <div className="adm-print__nation">
            <div className="adm-strong">{REPORT_FORM.nation[lang]}</div>
            <div className="adm-strong">{REPORT_FORM.motto[lang]}</div>
            <div className="adm-print__rule" />
            <div className="adm-print__date">{reportDateLine(Date.now(), fmt.timeZone, lang)}</div>
          </div>
        </header>
        <h1 className="adm-print__title">{t('admin.ceremony.print.heading')}</h1>
        <p className="adm-print__event">{event ? (lang === 'en' && event.nameEn ? event.nameEn : event.name) : ''}</p>
        <table className="adm-table adm-print__table" data-testid="print-ceremony-table">
          <thead>
            <tr>
              <th>{t('admin.ceremony.print.batch')}</th>
              <th>{t('admin.ceremony.print.order')}</th>
              <th>{t('admin.ceremony.list.name')}</th>
              <th>{t('admin.ceremony.print.unit')}</th>
              <th>{t('admin.ceremony.list.award')}</th>
              <th>{t('admin.ceremony.print.decision')}</th>
              <th>{t('admin.ceremony.print.received')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i} data-reception={row.reception}>
                <td>{row.batch}</td>
                <td className="num">{row.order}</td>
                <td>
                  {row.erased ? t('admin.ceremony.print.erased') : row.name}
                  <div className="adm-sub">{HONOUREE_KIND_NAMES[row.kind][lang]}</div>
                </td>
                <td>
                  {row.unit}
                  {row.donations !== null ? <div className="adm-sub">{t('admin.ceremony.list.donations', { n: fmt.number(row.donations) })}</div> : null}
                </td>
                <td>{row.award}</td>
                <td>
                  {row.decisionNo}
                  {row.decisionDate ? <div className="adm-sub">{fmt.date(row.decisionDate)}</div> : null}
                </td>
                <td>
                  {t(`admin.ceremony.reception.${row.reception}`)}
                  {row.representative ? <div>{row.representative}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="adm-print__asof" data-testid="print-ceremony-counts">
          {t('admin.ceremony.print.totals', {
            total: fmt.number(rows.length),
            inPerson: fmt.number(counts.in_person),
            representative: fmt.number(counts.representative),
            absent: fmt.number(counts.absent),
          })}
        </p>
        <div className="adm-print__signs">
          <div>
            <div className="adm-strong">{REPORT_FORM.preparedBy[lang]}</div>
            <div className="adm-sub">{REPORT_FORM.signHint[lang]}</div>
          </div>
          <div>
            <div className="adm-strong">{REPORT_FORM.approvedBy[lang]}</div>
            <div className="adm-sub">{REPORT_FORM.signHint[lang]}</div>
          </div>
        </div>
      </section>
    </div>
  );
}
