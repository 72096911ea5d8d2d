/**
 * One section of the agency report as a table (the reports tab and the print view), with the
 * units by bag size beside the volume, and the report's legend: what each column counts, one
 * line each (the XLSX has the same lines, shared/figures.ts).
 */
import { reportLegend } from '../../../shared/figures.ts';
import { BAG_SIZES_ML, type AgencyReport, type ReportRow, type ReportSection } from '../../../shared/report.ts';
import { useFormat, useLang, useT, type Formatter, type TFunction } from '../../i18n/index.ts';

export function sectionLabel(section: ReportSection, t: TFunction, fmt: Formatter): string {
  if (section.kind === 'day') return t('report.day', { date: fmt.date(section.date!) });
  return section.kind === 'other_days' ? t('report.otherDays') : t('report.festival');
}

function rowName(row: ReportRow, lang: 'vi' | 'en', t: TFunction): string {
  if (row.kind === 'walk_in') return t('report.walkIns');
  if (row.kind === 'total') return t('report.total');
  return lang === 'en' && row.nameEn ? row.nameEn : row.name;
}

/** The legend under the table: "Đã hiến máu: số người hiến máu thành công = …". */
export function ReportLegend({ report, testId }: { report: AgencyReport; testId?: string }) {
  const lang = useLang();
  return (
    <ul className="adm-report-legend" data-testid={testId}>
      {reportLegend(report.countOn, lang).map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

export function ReportTable({ section, testId }: { section: ReportSection; testId?: string }) {
  const t = useT();
  const fmt = useFormat();
  const lang = useLang();
  const rows: { row: ReportRow; index: number | null }[] = [...section.agencies.map((row, i) => ({ row, index: i + 1 })), { row: section.walkIns, index: null }, { row: section.totals, index: null }];
  return (
    <table className="adm-table adm-report" data-testid={testId}>
      <thead>
        <tr>
          <th className="num adm-report__idx">{t('report.index')}</th>
          <th>{t('report.agency')}</th>
          <th className="num">{t('report.quota')}</th>
          <th className="num">{t('report.registered')}</th>
          <th className="num">{t('report.checkedIn')}</th>
          <th className="num">{t('report.donated')}</th>
          <th className="num">{t('report.deferred')}</th>
          <th className="num">{t('report.percent')}</th>
          <th className="num">{t('report.volumeMl')}</th>
          {BAG_SIZES_ML.map((size) => (
            <th key={size} className="num">
              {t('report.bag', { size })}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(({ row, index }) => (
          <tr key={`${row.kind}-${row.agencyId}`} className={`adm-report__${row.kind}`} data-testid={`report-row-${row.kind === 'total' ? 'total' : row.agencyId}`}>
            <td className="num adm-report__idx">{index ?? ''}</td>
            <td>{rowName(row, lang, t)}</td>
            <td className="num">{row.quota === null ? '—' : fmt.number(row.quota)}</td>
            <td className="num">{fmt.number(row.registered)}</td>
            <td className="num">{fmt.number(row.checkedIn)}</td>
            <td className="num adm-strong">{fmt.number(row.donated)}</td>
            <td className="num">{fmt.number(row.deferred)}</td>
            <td className="num">{row.percentOfQuota === null ? '—' : fmt.percent(row.percentOfQuota)}</td>
            <td className="num">{fmt.number(row.volumeMl)}</td>
            {BAG_SIZES_ML.map((size) => (
              <td key={size} className="num" data-testid={`bag-${size}`}>
                {row.bags === null ? '—' : fmt.number(row.bags[size])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
