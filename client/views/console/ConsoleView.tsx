/**
 * `/console`: the logistics coordinators' phone screen. Live totals on top, what needs
 * attention (overdue, blocked, open incidents), the run-of-show's now / next, then one of
 * five tabs — tasks, incidents, programme, parade, ceremony — chosen from a bar at the bottom, within reach of
 * the thumb. Every write goes through the device outbox (works offline, "N đang chờ gửi").
 * In Vietnamese with a smaller English line, or in English: the switch is in the header, the
 * strings in client/i18n/console/ (and the shared ones in client/i18n/vi.ts, en.ts).
 */
import { useCallback, useEffect, useState } from 'react';
import { Bi, Second, useBi } from '../../i18n/bilingual.tsx';
import type { Lang } from '../../i18n/index.ts';
import { useClock } from './useClock.ts';
import { useIsLive } from '../../stores/liveStore.ts';
import { ConsoleHeader, ConsoleOutbox, ConsoleTotals } from './ConsoleTop.tsx';
import { IncidentsPanel } from './IncidentsPanel.tsx';
import { countTasks, formatWhen, openIncidents, type TaskFilter } from './model.ts';
import { NowNextStrip, RunOfShowPanel } from './RunOfShowPanel.tsx';
import { ParadePanel } from './ParadePanel.tsx';
import { CeremonyPanel } from './CeremonyPanel.tsx';
import { TaskBoard } from './TaskBoard.tsx';
import { useConsoleModel } from './useConsole.ts';
import './console.css';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';

type Tab = 'tasks' | 'incidents' | 'schedule' | 'parade' | 'ceremony';
const TABS: Tab[] = ['tasks', 'incidents', 'schedule', 'parade', 'ceremony'];

function tabFromHash(): Tab {
  const hash = typeof location === 'undefined' ? '' : location.hash.replace('#', '');
  return (TABS as string[]).includes(hash) ? (hash as Tab) : 'tasks';
}

export function ConsoleView() {
  const model = useConsoleModel();
  const bi = useBi(model.timeZone);
  const live = useIsLive();
  const now = useClock(15_000);
  const [tab, setTabState] = useState<Tab>(tabFromHash);
  const [filter, setFilter] = useState<TaskFilter>({ owner: null, status: null });
  const [reporting, setReporting] = useState<{ open: boolean; taskId: string | null; checkpointId: string | null }>({ open: false, taskId: null, checkpointId: null });

  const setTab = useCallback((next: Tab) => {
    setTabState(next);
    if (location.hash !== `#${next}`) history.replaceState(history.state, '', `#${next}`);
    window.scrollTo({ top: 0 });
  }, []);

  useEffect(() => {
    const onHash = () => setTabState(tabFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useDocumentTitle(`${bi.t('pages.console.name')} · ${bi.t('common.appName')}`);

  const counts = countTasks(model.tasks, now);
  const openCount = openIncidents(model.incidents).length;
  const critical = model.incidents.filter((i) => i.status !== 'resolved' && (i.severity === 'critical' || i.severity === 'high')).length;

  const reportIncident = (taskId: string | null = null, checkpointId: string | null = null): void => {
    setReporting({ open: true, taskId, checkpointId });
    setTab('incidents');
  };

  return (
    <div className="console" data-testid="console">
      <ConsoleHeader />
      <div className="con-top">
        {model.copySavedAt !== null ? <OfflineCopyNote savedAt={model.copySavedAt} timeZone={model.timeZone} /> : null}
        <ConsoleTotals body={model.body} />
        <ConsoleOutbox timeZone={model.timeZone} />
        {model.body ? (
          <div className="con-alerts" role="group" aria-label={bi.inline('console.alerts.label')}>
            <button
              type="button"
              className={`con-alert ${counts.overdue > 0 ? 'is-hot' : ''}`}
              data-testid="count-overdue"
              data-count={counts.overdue}
              onClick={() => {
                setFilter({ owner: null, status: 'overdue' });
                setTab('tasks');
              }}
            >
              <span className="con-alert__n">{bi.fmt.number(counts.overdue)}</span>
              <span className="con-alert__label">
                <Bi k="console.alerts.overdue" />
              </span>
            </button>
            <button
              type="button"
              className={`con-alert ${counts.blocked > 0 ? 'is-hot' : ''}`}
              data-testid="count-blocked"
              data-count={counts.blocked}
              onClick={() => {
                setFilter({ owner: null, status: 'blocked' });
                setTab('tasks');
              }}
            >
              <span className="con-alert__n">{bi.fmt.number(counts.blocked)}</span>
              <span className="con-alert__label">
                <Bi k="console.alerts.blocked" />
              </span>
            </button>
            <button
              type="button"
              className={`con-alert ${openCount > 0 ? 'is-hot' : ''} ${critical > 0 ? 'is-critical' : ''}`}
              data-testid="count-incidents"
              data-count={openCount}
              onClick={() => setTab('incidents')}
            >
              <span className="con-alert__n">{bi.fmt.number(openCount)}</span>
              <span className="con-alert__label">
                <Bi k="console.alerts.incidents" />
              </span>
            </button>
          </div>
        ) : null}
        {tab === 'schedule' ? null : <NowNextStrip model={model} onOpen={() => setTab('schedule')} />}
      </div>

      <main className={`con-main ${live ? '' : 'is-stale'}`}>
        {tab === 'tasks' ? <TaskBoard model={model} filter={filter} onFilter={setFilter} onReportIncident={reportIncident} /> : null}
        {tab === 'incidents' ? (
          <IncidentsPanel
            model={model}
            reporting={reporting.open}
            linkedTask={reporting.taskId}
            linkedCheckpoint={reporting.checkpointId}
            onReporting={(open, taskId = null) => setReporting({ open, taskId, checkpointId: null })}
          />
        ) : null}
        {tab === 'schedule' ? <RunOfShowPanel model={model} /> : null}
        {tab === 'parade' ? <ParadePanel model={model} onReportIncident={(checkpointId) => reportIncident(null, checkpointId)} /> : null}
        {tab === 'ceremony' ? <CeremonyPanel model={model} /> : null}
      </main>

      <nav className="con-tabs" aria-label={bi.inline('console.tabs.label')}>
        <TabButton tab="tasks" current={tab} onSelect={setTab} badge={counts.attention} />
        <TabButton tab="incidents" current={tab} onSelect={setTab} badge={openCount} hot={critical > 0} />
        <TabButton tab="schedule" current={tab} onSelect={setTab} badge={0} />
        <TabButton tab="parade" current={tab} onSelect={setTab} badge={0} />
        <TabButton tab="ceremony" current={tab} onSelect={setTab} badge={0} />
      </nav>
    </div>
  );
}

function TabButton(props: { tab: Tab; current: Tab; onSelect: (tab: Tab) => void; badge: number; hot?: boolean }) {
  const bi = useBi();
  const on = props.tab === props.current;
  const label = bi.pair(`console.tabs.${props.tab}`);
  // A phone's five tabs leave no room for the long names: the short one shows there (CSS).
  const short = props.tab === 'parade' ? bi.pair('console.tabs.short.parade') : null;
  return (
    <button type="button" className={`con-tab ${on ? 'is-on' : ''}`} aria-current={on ? 'page' : undefined} data-testid={`tab-${props.tab}`} onClick={() => props.onSelect(props.tab)}>
      <span className="con-tab__vi">
        <span className={short ? 'con-tab__long' : undefined}>{label.main}</span>
        {short ? <span className="con-tab__short">{short.main}</span> : null}
        {props.badge > 0 ? <span className={`con-tab__badge ${props.hot ? 'is-hot' : ''}`}>{bi.fmt.number(props.badge)}</span> : null}
      </span>
      {label.second ? (
        <span className="con-tab__en" lang="en">
          <span className={short ? 'con-tab__long' : undefined}>{label.second}</span>
          {short?.second ? <span className="con-tab__short">{short.second}</span> : null}
        </span>
      ) : null}
    </button>
  );
}

/** The copy kept on the phone is on screen (no live data yet): since when, and that taps wait. */
function OfflineCopyNote({ savedAt, timeZone }: { savedAt: number; timeZone: string }) {
  const bi = useBi(timeZone);
  const when = (lang: Lang) => formatWhen(savedAt, timeZone, lang);
  const title = bi.pair('console.copy.title', (fmt) => ({ when: when(fmt.lang) }));
  const text = bi.pair('console.copy.text');
  const second = title.second ? `${title.second} ${text.second ?? ''}`.trim() : null;
  return (
    <p className="con-copy" data-testid="offline-copy" role="status">
      <strong>{title.main}</strong> {text.main} <Second text={second} block />
    </p>
  );
}
