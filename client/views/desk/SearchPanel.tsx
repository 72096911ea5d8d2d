/**
 * Find a donor: type-ahead by name (diacritics and case ignored), phone, last digits of the
 * CCCD or donor id; a barcode/QR scanner is a keyboard that types a code and Enter. Enter acts
 * on a donor id, on the one person a CCCD card's QR code names, else on the highlighted result:
 * checks in a registered donor, opens one already checked in. A typed CCCD lists the people
 * with the same last 4 digits to choose from (the desk holds no more of it). A card or CCCD
 * nobody registered opens the walk-in form filled from it. (What Enter does: ./scan.ts.)
 */
import { useDeferredValue, useEffect, useMemo, useState, type KeyboardEvent, type RefObject } from 'react';
import type { Donor } from '../../../shared/projection.ts';
import { checkIn } from './actions.ts';
import { deskActions, useDeskStore } from './deskStore.ts';
import { agencyName, formatPhone, maskNationalId, namesIn } from './deskText.ts';
import { msg } from './i18n.ts';
import { isPendingRegistration, todayStatus } from './overlay.ts';
import { RecentPanel } from './RecentPanel.tsx';
import { decideEnter, prefillOf, searchBox, typedCccd } from './scan.ts';
import { StatusBadge } from './StatusBadge.tsx';
import { Bi, useDeskText } from './Text.tsx';
import { useDesk } from './useDeskData.ts';

const LIMIT = 30;

export function SearchPanel({ inputRef }: { inputRef: RefObject<HTMLInputElement | null> }) {
  const { index, projection, overlay, today } = useDesk();
  const { lang, t, fmt } = useDeskText();
  const query = useDeskStore((s) => s.query);
  const deferred = useDeferredValue(query);
  const [highlight, setHighlight] = useState(0);
  /** The person moved the highlight (↑/↓): Enter may act on a CCCD's candidate they chose. */
  const [chosen, setChosen] = useState(false);

  // The index is a new one on every change of the data.
  const answer = useMemo(() => searchBox(index, deferred, LIMIT), [index, deferred]);
  useEffect(() => {
    setHighlight(0);
    setChosen(false);
  }, [deferred]);
  const cccdQuery = typedCccd(deferred) !== null;

  const act = (donor: Donor) => {
    const status = todayStatus(donor, today, overlay);
    deskActions.select(donor.id);
    deskActions.setQuery('');
    if (status.state === 'registered') {
      void checkIn(donor);
    } else {
      deskActions.banner({ kind: 'info', text: msg(`desk.banner.today_${status.state}`, { name: donor.fullName }), donorId: donor.id });
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setHighlight((h) => Math.min(h + 1, Math.max(0, answer.results.length - 1)));
      setChosen(true);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setHighlight((h) => Math.max(h - 1, 0));
      setChosen(true);
    } else if (event.key === 'Escape') {
      deskActions.setQuery('');
    } else if (event.key === 'Enter') {
      event.preventDefault();
      // The box may hold more than the results show yet (a scanner types fast): read it now.
      const typed = event.currentTarget.value;
      const current = typed === deferred;
      const decision = decideEnter({
        index,
        typed,
        results: current ? answer.results : searchBox(index, typed, LIMIT).results,
        highlight: current ? highlight : 0,
        chosen: current && chosen,
      });
      if (decision.kind === 'act') return act(decision.donor);
      if (decision.kind === 'choose') {
        // Shown, not acted on: the list below holds the candidates.
        if (!current) deskActions.setQuery(typed);
        deskActions.banner({ kind: 'info', text: msg(decision.why === 'card' ? 'desk.banner.cardSeveral' : 'desk.banner.cccdCandidates', { n: decision.count }) });
      } else if (decision.kind === 'walkIn') {
        deskActions.setQuery('');
        deskActions.banner({ kind: 'info', text: msg(decision.why === 'card' ? 'desk.banner.cardUnknown' : 'desk.banner.cccdUnknown') });
        deskActions.openWalkIn(decision.prefill);
      }
    }
  };

  return (
    <div className="search">
      <div className="search__bar">
        <input
          ref={inputRef}
          className="search__input"
          data-testid="desk-search"
          type="search"
          role="combobox"
          aria-expanded={answer.results.length > 0}
          aria-controls="desk-results"
          aria-activedescendant={answer.results[highlight] ? `result-${highlight}` : undefined}
          aria-label={t('desk.search.label')}
          placeholder={t('desk.search.placeholder')}
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          autoFocus
          value={query}
          onChange={(event) => deskActions.setQuery(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="button" className="btn btn--primary" data-testid="open-walk-in" onClick={() => deskActions.openWalkIn(prefillOf(query))}>
          + <Bi k="desk.search.walkIn" /> <span className="en">(F4)</span>
        </button>
        <button type="button" className="btn" data-testid="open-import" onClick={() => deskActions.openImport()}>
          <Bi k="desk.search.import" />
        </button>
      </div>
      {!projection && !deferred ? <p className="search__hint">{t('desk.search.loading')}</p> : null}
      {deferred.trim() ? (
        <>
          {cccdQuery && answer.total > 0 ? (
            <p className="search__hint search__hint--cccd" data-testid="cccd-candidates">
              {t('desk.search.cccdCandidates')}
            </p>
          ) : null}
          <ul className="results" id="desk-results" role="listbox" aria-label={t('desk.search.results')}>
            {answer.results.map((result, i) => {
              const donor = result.donor;
              const status = todayStatus(donor, today, overlay);
              const agency = agencyName(projection?.agencies, donor.agencyId);
              const isNew = isPendingRegistration(overlay, donor.id);
              return (
                <li
                  key={donor.id}
                  id={`result-${i}`}
                  role="option"
                  aria-selected={i === highlight}
                  className={`result ${i === highlight ? 'is-highlighted' : ''}`}
                  data-testid="result"
                  data-donor-id={donor.id}
                  onMouseEnter={() => setHighlight(i)}
                  onClick={() => deskActions.select(donor.id)}
                >
                  <div className="result__main">
                    <div className="result__name">{donor.fullName}</div>
                    <div className="result__agency">{namesIn(agency, lang).main}</div>
                    <div className="result__meta">
                      {donor.birthYear ? <span>{donor.birthYear}</span> : null}
                      {donor.phone ? <span className="num">{formatPhone(donor.phone)}</span> : null}
                      {donor.nationalIdLast4 ? <span className="num">{t('desk.cccdMasked', { masked: maskNationalId(undefined, donor.nationalIdLast4) })}</span> : null}
                    </div>
                  </div>
                  <div className="result__side">
                    <StatusBadge status={status} newDonor={isNew && overlay.pendingIds.has(donor.registeredEventId)} />
                    {status.state === 'registered' ? (
                      <button
                        type="button"
                        className="btn btn--small btn--primary"
                        data-testid="result-check-in"
                        onClick={(event) => {
                          event.stopPropagation();
                          act(donor);
                        }}
                      >
                        <Bi k="desk.action.checkIn" />
                      </button>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ul>
          {answer.total === 0 ? (
            <div className="results__empty" data-testid="no-results">
              <p>{t('desk.search.noResults', { q: deferred.trim() })}</p>
              <button type="button" className="btn" onClick={() => deskActions.openWalkIn(prefillOf(deferred))}>
                <Bi k="desk.form.titleCreate" />
              </button>
            </div>
          ) : answer.total > answer.results.length ? (
            <p className="results__more">{t('desk.search.more', { shown: fmt.number(answer.results.length), total: fmt.number(answer.total) })}</p>
          ) : null}
        </>
      ) : (
        <RecentPanel />
      )}
    </div>
  );
}
