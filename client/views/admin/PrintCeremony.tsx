/**
 * `/admin?print=ceremony`: the ceremony's after-report, print-friendly (A4 landscape), in the
 * form of the agency report (PrintReport.tsx): who received which award — in person, through a
 * representative (named), or absent — by batch and order, with the decision that granted it;
 * the totals; the signatures. From the live data, like every screen.
 */
import { ceremonyReport, HONOUREE_KIND_NAMES, RECEPTION_NAMES, receptionCounts } from '../../../shared/ceremony.ts';
import { useFormat, useLang, useT } from '../../i18n/index.ts';
import { PrintHead, PrintSigns, PrintToolbar, usePrintPage } from './PrintParts.tsx';
import { useProjection } from './live.ts';

export function PrintCeremony() {
  const t = useT();
  const fmt = useFormat();
  const lang = useLang();
  const { projection } = useProjection();
  usePrintPage(t('admin.ceremony.print.title'));
  if (!projection) return <p className="adm-empty">{t('common.waiting')}</p>;
  const rows = ceremonyReport(projection);
  const counts = receptionCounts(rows);
  const event = projection.event;
  return (
    <div className="adm-print" data-testid="print-ceremony">
      <PrintToolbar back="/admin#ceremony" />
      <section className="adm-print__section">
        <PrintHead now={Date.now()} />
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
                  {RECEPTION_NAMES[row.reception][lang]}
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
        <PrintSigns />
      </section>
    </div>
  );
}
