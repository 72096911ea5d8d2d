/** The setup tab: a side list of sections (event, agencies, tasks, run-of-show, milestones, parade and security) and the open one. */
import { useT } from '../../i18n/index.ts';
import { AgenciesPanel } from './AgenciesPanel.tsx';
import { AgencyListsPanel } from './AgencyListsPanel.tsx';
import { EventPanel } from './EventPanel.tsx';
import { ModePanel } from './ModePanel.tsx';
import { useProjection } from './live.ts';
import { MilestonesPanel } from './MilestonesPanel.tsx';
import { hrefOf, SETUP_SECTIONS, type SetupSection } from './route.ts';
import { SchedulePanel } from './SchedulePanel.tsx';
import { ParadeSetupPanel } from './ParadeSetupPanel.tsx';
import { TasksPanel } from './TasksPanel.tsx';

export function SetupTab({ section }: { section: SetupSection }) {
  const t = useT();
  const { projection } = useProjection();
  return (
    <div className="adm-setup">
      <nav className="adm-setup__nav" aria-label={t('admin.tabs.setup')}>
        {SETUP_SECTIONS.map((s) => (
          <a key={s} href={hrefOf('setup', s)} className="adm-setup__link" aria-current={s === section ? 'page' : undefined} data-testid={`setup-${s}`}>
            {t(`admin.setup.${s}`)}
          </a>
        ))}
        <p className="adm-setup__note">{t('admin.setup.note')}</p>
      </nav>
      <div className="adm-setup__body">
        {!projection ? (
          <p className="adm-empty">{t('common.waiting')}</p>
        ) : section === 'event' ? (
          <>
            <ModePanel />
            <EventPanel />
          </>
        ) : section === 'agencies' ? (
          <>
            <AgenciesPanel />
            <AgencyListsPanel />
          </>
        ) : section === 'tasks' ? (
          <TasksPanel />
        ) : section === 'schedule' ? (
          <SchedulePanel />
        ) : section === 'parade' ? (
          <ParadeSetupPanel />
        ) : (
          <MilestonesPanel />
        )}
      </div>
    </div>
  );
}
