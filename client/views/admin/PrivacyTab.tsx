/**
 * Dữ liệu cá nhân / Personal data (Nghị định 13/2023/NĐ-CP): what is kept of the donors, where,
 * for how long, and that erasing it keeps every count; how many people's data is held and
 * erased; where the lists came from; erasing one person on request (./EraseDonorPanel.tsx)
 * and everyone at once (./EraseAllPanel.tsx).
 */
import { useFormat, useLang, useT } from '../../i18n/index.ts';
import { useNow } from '../../lib/useNow.ts';
import type { PrivacyInfo } from './api.ts';
import { EraseAllPanel } from './EraseAllPanel.tsx';
import { EraseDonorPanel } from './EraseDonorPanel.tsx';
import { Empty, Panel } from './forms.tsx';
import { useAgencyName, useImports, usePeopleFigures, usePrivacyInfo } from './privacy.ts';

const VIETNAM_ZONE = 'Asia/Ho_Chi_Minh';

/** How long the data is kept, and when it goes, from the server's policy. */
function Retention({ info }: { info: PrivacyInfo | null }) {
  const t = useT();
  const fmt = useFormat();
  const now = useNow(60_000);
  if (!info) return <>{t('common.loading')}</>;
  if (info.personalDataDays === null) return <>{t('admin.privacy.keptNever')}</>;
  const days = fmt.number(info.personalDataDays);
  if (!info.expiresAt) return <>{t('admin.privacy.keptNoDays', { days })}</>;
  const zone = fmt.timeZone === VIETNAM_ZONE ? t('admin.privacy.vietnamTime') : fmt.timeZone;
  const values = { days, date: fmt.date(info.expiresAt), time: fmt.time(info.expiresAt), zone };
  return (
    <span data-testid="privacy-expires" data-at={info.expiresAt}>
      {Date.parse(info.expiresAt) > now ? t('admin.privacy.keptUntil', values) : t('admin.privacy.keptPast', values)}
    </span>
  );
}

function Policy({ info }: { info: PrivacyInfo | null }) {
  const t = useT();
  const items = [
    { key: 'what', body: t('admin.privacy.what') },
    { key: 'where', body: t('admin.privacy.where') },
    { key: 'howLong', body: <Retention info={info} /> },
    { key: 'erasure', body: t('admin.privacy.erasure') },
  ];
  return (
    <dl className="adm-policy" data-testid="privacy-policy">
      {items.map((item) => (
        <div key={item.key} className="adm-policy__item">
          <dt>{t(`admin.privacy.${item.key}Label`)}</dt>
          <dd>{item.body}</dd>
        </div>
      ))}
    </dl>
  );
}

function Figures() {
  const t = useT();
  const fmt = useFormat();
  const figures = usePeopleFigures();
  if (!figures) return null;
  const items = [
    { key: 'held', label: t('admin.privacy.held'), value: figures.held },
    { key: 'erased', label: t('admin.privacy.erased'), value: figures.erased },
  ];
  return (
    <dl className="adm-figures">
      {items.map((item) => (
        <div key={item.key} className={`adm-figures__item adm-figures__item--${item.key}`}>
          <dt>{item.label}</dt>
          <dd className="num" data-testid={`privacy-${item.key}`} data-count={item.value}>
            {fmt.number(item.value)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Imports() {
  const t = useT();
  const fmt = useFormat();
  const lang = useLang();
  const agencyName = useAgencyName();
  const imports = useImports();
  return (
    <Panel title={t('admin.privacy.importsTitle')} intro={t('admin.privacy.importsIntro')} testId="privacy-imports">
      {!imports ? (
        <Empty>{t('common.waiting')}</Empty>
      ) : imports.length === 0 ? (
        <Empty>{t('admin.privacy.importsNone')}</Empty>
      ) : (
        <div className="adm-table-wrap">
          <table className="adm-table">
            <thead>
              <tr>
                <th>{t('admin.privacy.colAgency')}</th>
                <th>{t('admin.privacy.colFile')}</th>
                <th className="num">{t('admin.privacy.colRows')}</th>
                <th className="num">{t('admin.privacy.colRegistered')}</th>
                <th>{t('admin.privacy.colBy')}</th>
                <th>{t('admin.privacy.colAt')}</th>
              </tr>
            </thead>
            <tbody>
              {imports.map((list) => (
                <tr key={list.id} data-testid={`privacy-import-${list.id}`}>
                  <td className="adm-strong">{agencyName(list.agencyId, lang)}</td>
                  <td className="adm-break">{list.fileName}</td>
                  <td className="num">{fmt.number(list.rows)}</td>
                  <td className="num">{fmt.number(list.registered)}</td>
                  <td>{list.by ?? '—'}</td>
                  <td className="adm-nowrap">{fmt.dateTime(list.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

export function PrivacyTab() {
  const t = useT();
  const { info, error, refresh } = usePrivacyInfo();
  return (
    <div className="adm-stack" data-testid="privacy-tab">
      <Panel title={t('admin.privacy.title')} intro={t('admin.privacy.intro')} testId="privacy-panel">
        {error ? <p className="adm-warn">{error}</p> : null}
        <div className="adm-privacy-head">
          <Policy info={info} />
          <Figures />
        </div>
      </Panel>
      <Imports />
      <EraseDonorPanel />
      <EraseAllPanel onExpired={refresh} />
    </div>
  );
}
