/**
 * `/console`: the logistics coordinators' phone screen. Live totals on top, what needs
 * attention (overdue, blocked, open incidents), the run-of-show's now / next, then one of
 * three tabs — tasks, incidents, programme — chosen from a bar at the bottom, within reach of
 * the thumb. Every write goes through the device outbox (works offline, "N đang chờ gửi").
 */
import { useCallback, useEffect, useState } from 'react';
import { useClock } from './useClock.ts';
import { useIsLive } from '../../stores/liveStore.ts';
import { ConsoleHeader, ConsoleOutbox, ConsoleTotals } from './ConsoleTop.tsx';
import { IncidentsPanel } from './IncidentsPanel.tsx';
import { countTasks, formatWhen, openIncidents, type TaskFilter } from './model.ts';
import { NowNextStrip, RunOfShowPanel } from './RunOfShowPanel.tsx';
import { TaskBoard } from './TaskBoard.tsx';
import { useConsoleModel } from './useConsole.ts';
import './console.css';

type Tab = 'tasks' | 'incidents' | 'schedule';
const TABS: Tab[] = ['tasks', 'incidents', 'schedule'];

function tabFromHash(): Tab {
  const hash = typeof location === 'undefined' ? '' : location.hash.replace('#', '');
  return (TABS as string[]).includes(hash) ? (hash as Tab) : 'tasks';
}

export function ConsoleView() {
  const model = useConsoleModel();
  const live = useIsLive();
  const now = useClock(15_000);
  const [tab, setTabState] = useState<Tab>(tabFromHash);
  const [filter, setFilter] = useState<TaskFilter>({ owner: null, status: null });
  const [reporting, setReporting] = useState<{ open: boolean; taskId: string | null }>({ open: false, taskId: null });

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

  const counts = countTasks(model.tasks, now);
  const openCount = openIncidents(model.incidents).length;
  const critical = model.incidents.filter((i) => i.status !== 'resolved' && (i.severity === 'critical' || i.severity === 'high')).length;

  const reportIncident = (taskId: string | null = null): void => {
    setReporting({ open: true, taskId });
    setTab('incidents');
  };

  return (
    <div className="console" data-testid="console">
      <ConsoleHeader />
      <div className="con-top">
        {model.copySavedAt !== null ? (
          <p className="con-copy" data-testid="offline-copy" role="status">
            <strong>Đang xem bản lưu trên máy lúc {formatWhen(model.copySavedAt, model.timeZone)}.</strong> Chưa kết nối được máy chủ; các thao tác được giữ lại và tự
            gửi khi có mạng.{' '}
            <span className="en con-en-block">Showing the copy saved on this phone: the server is not reachable yet; what you do is kept and sent later.</span>
          </p>
        ) : null}
        <ConsoleTotals body={model.body} />
        <ConsoleOutbox timeZone={model.timeZone} />
        {model.body ? (
          <div className="con-alerts" role="group" aria-label="Cần chú ý · Needs attention">
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
              <span className="con-alert__n">{counts.overdue}</span>
              <span className="con-alert__label">
                quá hạn <span className="en">overdue</span>
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
              <span className="con-alert__n">{counts.blocked}</span>
              <span className="con-alert__label">
                vướng mắc <span className="en">blocked</span>
              </span>
            </button>
            <button
              type="button"
              className={`con-alert ${openCount > 0 ? 'is-hot' : ''} ${critical > 0 ? 'is-critical' : ''}`}
              data-testid="count-incidents"
              data-count={openCount}
              onClick={() => setTab('incidents')}
            >
              <span className="con-alert__n">{openCount}</span>
              <span className="con-alert__label">
                sự cố <span className="en">incidents</span>
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
            onReporting={(open, taskId = null) => setReporting({ open, taskId })}
          />
        ) : null}
        {tab === 'schedule' ? <RunOfShowPanel model={model} /> : null}
      </main>

      <nav className="con-tabs" aria-label="Mục · Sections">
        <TabButton tab="tasks" current={tab} onSelect={setTab} vi="Công việc" en="Tasks" badge={counts.attention} />
        <TabButton tab="incidents" current={tab} onSelect={setTab} vi="Sự cố" en="Incidents" badge={openCount} hot={critical > 0} />
        <TabButton tab="schedule" current={tab} onSelect={setTab} vi="Chương trình" en="Programme" badge={0} />
      </nav>
    </div>
  );
}

function TabButton(props: { tab: Tab; current: Tab; onSelect: (tab: Tab) => void; vi: string; en: string; badge: number; hot?: boolean }) {
  const on = props.tab === props.current;
  return (
    <button
      type="button"
      className={`con-tab ${on ? 'is-on' : ''}`}
      aria-current={on ? 'page' : undefined}
      data-testid={`tab-${props.tab}`}
      onClick={() => props.onSelect(props.tab)}
    >
      <span className="con-tab__vi">
        {props.vi}
        {props.badge > 0 ? <span className={`con-tab__badge ${props.hot ? 'is-hot' : ''}`}>{props.badge}</span> : null}
      </span>
      <span className="con-tab__en">{props.en}</span>
    </button>
  );
}
