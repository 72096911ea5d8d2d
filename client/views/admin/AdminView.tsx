/**
 * `/admin`: the organisers' page (Red Cross standing office), laptop-first (1366×768), in
 * Vietnamese or English (i18n catalogs, switch in the header):
 *
 * - Thiết lập / Setup: the event, agencies and quotas, logistics tasks, run-of-show, milestone
 *   texts and the organisers' own milestones — each change an event in the log, so the wall
 *   and the consoles follow live;
 * - Thiết bị / Devices: tokens per role with their enrollment link and QR code, who is
 *   connected, outbox sizes, revoke, reload or redirect a screen;
 * - Báo cáo / Reports: the agency report live, XLSX and CSV downloads, the print view
 *   (`/admin?print=report`);
 * - Lễ tôn vinh / Honouring ceremony: the honourees' list imported, their dossiers, the
 *   batches and awards, the after-report (XLSX, `/admin?print=ceremony`);
 * - Nhật ký / Audit log: the event log filtered and paged, voided events marked, CSV export;
 * - Dữ liệu cá nhân / Personal data: the retention policy, the lists' sources, erasing one
 *   person's data on request or everyone's now (Nghị định 13/2023).
 */
import { RefusedEvents } from '../../components/RefusedEvents.tsx';
import { Heart } from '../../components/Heart.tsx';
import { LanguageSwitch, useFormat, useLang, useT } from '../../i18n/index.ts';
import { useDeviceOutbox } from '../../device/store.ts';
import { useIsLive, useStateBody } from '../../stores/liveStore.ts';
import { ConnectionStatus } from '../../components/ConnectionStatus.tsx';
import { AuditTab } from './AuditTab.tsx';
import { CeremonyTab } from './CeremonyTab.tsx';
import { DevicesTab } from './DevicesTab.tsx';
import { nameIn } from './live.ts';
import { Notices } from './Notices.tsx';
import { PrintReport } from './PrintReport.tsx';
import { PrintCeremony } from './PrintCeremony.tsx';
import { PrivacyTab } from './PrivacyTab.tsx';
import { ReportsTab } from './ReportsTab.tsx';
import { hrefOf, TABS, useRoute } from './route.ts';
import { SetupTab } from './SetupTab.tsx';
import './admin.css';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';

export function AdminView() {
  const print = new URLSearchParams(window.location.search).get('print');
  if (print === 'report') return <PrintReport />;
  return print === 'ceremony' ? <PrintCeremony /> : <AdminApp />;
}

function Kpis() {
  const t = useT();
  const fmt = useFormat();
  const body = useStateBody();
  const live = useIsLive();
  if (!body) return null;
  const items = [
    { key: 'donated', label: t('kpi.donated'), value: `${fmt.number(body.totals.donated)} / ${fmt.number(body.target)}` },
    { key: 'checked-in', label: t('kpi.checkedIn'), value: fmt.number(body.totals.checkedIn) },
    { key: 'registered', label: t('kpi.registered'), value: fmt.number(body.totals.registered) },
    { key: 'volume', label: t('kpi.volumeLitres'), value: fmt.litres(body.totals.volumeMl) },
  ];
  return (
    <dl className={`adm-kpis ${live ? '' : 'is-not-live'}`} data-testid="admin-kpis">
      {items.map((item) => (
        <div key={item.key} className="adm-kpis__item" data-testid={`kpi-${item.key}`}>
          <dt>{item.label}</dt>
          <dd className="num data-cell">{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function AdminApp() {
  const t = useT();
  const lang = useLang();
  const fmt = useFormat();
  const route = useRoute();
  const body = useStateBody();
  const pending = useDeviceOutbox((s) => s.pending.length);
  useDocumentTitle(`${t('admin.title')} · ${t('common.appName')}`);
  const eventName = body?.event ? nameIn(lang, body.event) : t('common.eventFallback');

  return (
    <div className="adm">
      <header className="adm-header">
        <Heart className="adm-header__heart" />
        <div className="adm-header__titles">
          <h1 className="adm-header__title">{t('admin.title')}</h1>
          <p className="adm-header__event" title={eventName}>
            {eventName}
          </p>
        </div>
        <Kpis />
        <div className="adm-header__right">
          {pending > 0 ? (
            <span className="adm-pending" data-testid="admin-pending">
              {t('admin.pending', { n: fmt.number(pending) })}
            </span>
          ) : null}
          <ConnectionStatus />
          <LanguageSwitch />
        </div>
      </header>
      <nav className="adm-tabs" aria-label={t('admin.tabs.label')}>
        {TABS.map((tab) => (
          <a key={tab} href={hrefOf(tab, tab === 'setup' ? route.section : undefined)} className="adm-tabs__tab" aria-current={route.tab === tab ? 'page' : undefined} data-testid={`tab-${tab}`}>
            {t(`admin.tabs.${tab}`)}
          </a>
        ))}
      </nav>
      <main className="adm-main">
        <RefusedEvents timeZone={body?.event?.timezone} />
        {route.tab === 'setup' ? <SetupTab section={route.section} /> : null}
        {route.tab === 'devices' ? <DevicesTab /> : null}
        {route.tab === 'reports' ? <ReportsTab /> : null}
        {route.tab === 'ceremony' ? <CeremonyTab /> : null}
        {route.tab === 'audit' ? <AuditTab /> : null}
        {route.tab === 'privacy' ? <PrivacyTab /> : null}
      </main>
      <Notices />
    </div>
  );
}
