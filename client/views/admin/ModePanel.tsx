/**
 * Rehearsal or live (event.mode_set): the admin starts a rehearsal for the volunteers to train
 * on the real devices, and goes live before the opening. Going live returns every screen to the
 * live figures; the rehearsal's events stay in the log and are shown apart in the audit.
 */
import { useFormat, useT } from '../../i18n/index.ts';
import { Panel } from './forms.tsx';
import { useProjection } from './live.ts';
import { useWriter } from './write.ts';

export function ModePanel() {
  const t = useT();
  const fmt = useFormat();
  const { projection } = useProjection();
  const { busy, write } = useWriter(() => undefined);
  const rehearsal = projection?.rehearsal ?? null;
  // What the button does from here: the other mode, its question and its answer.
  const to = rehearsal
    ? { mode: 'live' as const, confirm: 'admin.mode.confirmLive', done: 'admin.mode.switchedLive', label: 'admin.mode.toLive' }
    : { mode: 'rehearsal' as const, confirm: 'admin.mode.confirmRehearsal', done: 'admin.mode.switchedRehearsal', label: 'admin.mode.toRehearsal' };

  const switchMode = async () => {
    if (window.confirm(t(to.confirm))) await write('event.mode_set', { mode: to.mode }, t(to.done));
  };

  return (
    <Panel title={t('admin.mode.title')} intro={t('admin.mode.intro')} testId="mode-panel" danger={rehearsal !== null}>
      <p className={rehearsal ? 'adm-warn' : 'adm-ok'} data-testid="mode-state" data-mode={rehearsal ? 'rehearsal' : 'live'}>
        {rehearsal ? t('admin.mode.rehearsal', { since: fmt.dateTime(rehearsal.since) }) : t('admin.mode.live')}
      </p>
      <button type="button" className={`adm-btn ${rehearsal ? 'adm-btn--primary' : ''}`} disabled={busy} onClick={() => void switchMode()} data-testid="mode-switch">
        {t(to.label)}
      </button>
    </Panel>
  );
}
