/**
 * Rehearsal or live (event.mode_set): the admin starts a rehearsal for the volunteers to train
 * on the real devices, and goes live before the opening. Going live returns every screen to the
 * live figures; the rehearsal's events stay in the log and are shown apart in the audit.
 */
import { useState } from 'react';
import { useFormat, useT } from '../../i18n/index.ts';
import { Panel } from './forms.tsx';
import { useProjection } from './live.ts';
import { writeEvent } from './write.ts';

export function ModePanel() {
  const t = useT();
  const fmt = useFormat();
  const { projection } = useProjection();
  const [busy, setBusy] = useState(false);
  const rehearsal = projection?.rehearsal ?? null;
  const next = rehearsal ? 'live' : 'rehearsal';

  const switchMode = async () => {
    if (!window.confirm(t(rehearsal ? 'admin.mode.confirmLive' : 'admin.mode.confirmRehearsal'))) return;
    setBusy(true);
    await writeEvent('event.mode_set', { mode: next }, t(rehearsal ? 'admin.mode.switchedLive' : 'admin.mode.switchedRehearsal'));
    setBusy(false);
  };

  return (
    <Panel title={t('admin.mode.title')} intro={t('admin.mode.intro')} testId="mode-panel" danger={rehearsal !== null}>
      <p className={rehearsal ? 'adm-warn' : 'adm-ok'} data-testid="mode-state" data-mode={rehearsal ? 'rehearsal' : 'live'}>
        {rehearsal ? t('admin.mode.rehearsal', { since: fmt.dateTime(rehearsal.since) }) : t('admin.mode.live')}
      </p>
      <button type="button" className={`adm-btn ${rehearsal ? 'adm-btn--primary' : ''}`} disabled={busy || !projection} onClick={() => void switchMode()} data-testid="mode-switch">
        {t(rehearsal ? 'admin.mode.toLive' : 'admin.mode.toRehearsal')}
      </button>
    </Panel>
  );
}
