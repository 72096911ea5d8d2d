/**
 * `/desk`: the registration desk. Find a donor in seconds (type-ahead, or a scanner that types
 * a code and Enter), check them in, record donated or deferred, register a walk-in, correct a
 * donor, undo the desk's own recent events, import an agency's list; all of it keeps working
 * while the server is unreachable (the outbox sends it later, the screen shows it as waiting).
 *
 * Keyboard: the search box has the focus; ↑/↓ choose, Enter checks in (or opens a donor who is
 * already in), Esc clears; F2 returns to the search, F4 opens the walk-in form.
 *
 * Languages: Vietnamese first (with small English beside headings, labels and buttons), or
 * English from the switch in the header (client/i18n; the desk's strings in
 * client/i18n/desk/, added by ./i18n.ts; the helpers in ./Text.tsx).
 */
import { useDeviceIdentity } from '../../device/identity.ts';
import { useEffect, useRef } from 'react';
import { Heart } from '../../components/Heart.tsx';
import { LanguageSwitch, useT } from '../../i18n/index.ts';
import { setDeskTimeZone } from './actions.ts';
import { DeskFigures } from './DeskFigures.tsx';
import { deskActions, useDeskStore } from './deskStore.ts';
import { DonorForm } from './DonorForm.tsx';
import { DonorPanel } from './DonorPanel.tsx';
import { Banner } from './Banner.tsx';
import { ConnectionStatus } from '../../components/ConnectionStatus.tsx';
import { ImportSlot } from './ImportSlot.tsx';
import { OutboxIndicator, RejectedList } from './OutboxPanel.tsx';
import { SearchPanel } from './SearchPanel.tsx';
import { Bi, useDeskFormat } from './Text.tsx';
import { DeskDataContext, useDesk, useDeskDataSource } from './useDeskData.ts';
import './desk.css';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';

export function DeskView() {
  const data = useDeskDataSource();
  return (
    <DeskDataContext.Provider value={data}>
      <DeskPage />
    </DeskDataContext.Provider>
  );
}

function DeskPage() {
  const data = useDesk();
  const t = useT();
  const fmt = useDeskFormat();
  const me = useDeviceIdentity((s) => s.me);
  const mode = useDeskStore((s) => s.mode);
  const searching = useDeskStore((s) => s.query.trim() !== '');
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => setDeskTimeZone(data.timeZone), [data.timeZone]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'F2') {
        event.preventDefault();
        deskActions.closeForm();
        searchRef.current?.focus();
      } else if (event.key === 'F4') {
        event.preventDefault();
        deskActions.openWalkIn({});
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useDocumentTitle(`${t('pages.desk.name')} · ${t('common.appName')}`);

  const eventName = data.projection?.event?.name ?? t('common.eventFallback');

  return (
    <div className="desk">
      <header className="desk__header">
        <Heart className="desk__heart" />
        <div className="desk__titles">
          <h1 className="desk__title" data-testid="desk-title">
            <Bi k="pages.desk.name" />
            {me?.label ? (
              <span className="desk__label" data-testid="desk-label">
                {me.label}
              </span>
            ) : null}
          </h1>
          <p className="desk__event">{eventName}</p>
        </div>
        <OutboxIndicator />
        <ConnectionStatus />
        <LanguageSwitch />
      </header>
      {data.offlineCopyAt ? (
        <p className="desk__offline-copy" data-testid="offline-copy">
          {t('desk.offlineCopy', { time: fmt.time(data.offlineCopyAt) })}
        </p>
      ) : null}
      <DeskFigures />
      <div className={`desk__body ${searching ? 'desk__body--searching' : ''}`}>
        <section className="desk__left" aria-label={t('desk.findDonor')}>
          <SearchPanel inputRef={searchRef} />
        </section>
        <section className="desk__right" aria-label={t('desk.donor')}>
          <RejectedList />
          <Banner />
          {mode.kind === 'walkIn' ? (
            <DonorForm key={`walkin-${JSON.stringify(mode.prefill)}`} mode="create" prefill={mode.prefill} onDone={() => searchRef.current?.focus()} />
          ) : mode.kind === 'edit' ? (
            <DonorForm key={`edit-${mode.donorId}`} mode="edit" donorId={mode.donorId} onDone={() => searchRef.current?.focus()} />
          ) : mode.kind === 'import' ? (
            <ImportSlot />
          ) : (
            <DonorPanel onDone={() => searchRef.current?.focus()} />
          )}
        </section>
      </div>
    </div>
  );
}
