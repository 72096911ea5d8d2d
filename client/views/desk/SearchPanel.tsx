/**
 * Find a donor: type-ahead by name (diacritics and case ignored), phone, last digits of the
 * CCCD or donor id; a barcode/QR scanner is a keyboard that types a code and Enter. Enter acts
 * on an exact code first (donor id, CCCD, CCCD card QR), else on the highlighted result:
 * checks in a registered donor, opens one already checked in. A CCCD card nobody registered
 * opens the walk-in form filled from the card.
 */
import { useDeferredValue, useEffect, useMemo, useState, type KeyboardEvent, type RefObject } from 'react';
import { findExact, parseCccdQr, searchDonors } from '../../../shared/donorSearch.ts';
import type { Donor } from '../../../shared/projection.ts';
import { checkIn } from './actions.ts';
import { deskActions, useDeskStore, type WalkInPrefill } from './deskStore.ts';
import { agencyName, formatPhone, maskNationalId, namesIn } from './deskText.ts';
import { msg } from './i18n.ts';
import { isPendingRegistration, todayStatus } from './overlay.ts';
import { RecentPanel } from './RecentPanel.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { Bi, useDeskText } from './Text.tsx';
import { useDesk } from './useDeskData.ts';

const LIMIT = 30;

/** What the walk-in form can take from an unmatched search. */
function prefillOf(query: string): WalkInPrefill {
  const trimmed = query.trim();
  const qr = parseCccdQr(trimmed);
  if (qr) {
    return {
      nationalId: qr.nationalId,
      ...(qr.fullName ? { fullName: qr.fullName } : {}),
      ...(qr.birthYear ? { birthYear: qr.birthYear } : {}),
      ...(qr.gender ? { gender: qr.gender } : {}),
    };
  }
  const digits = trimmed.replace(/[\s.\-]/g, '');
  if (/^\d{12}$/.test(digits)) return { nationalId: digits };
  if (/^(0|\+84)\d{9}$/.test(digits)) return { phone: digits };
  if (/\d/.test(trimmed)) return {};
  return trimmed ? { fullName: trimmed } : {};
}

export function SearchPanel({ inputRef }: { inputRef: RefObject<HTMLInputElement | null> }) {
  const { index, projection, overlay, today, version } = useDesk();
  const { lang, t, fmt } = useDeskText();
  const query = useDeskStore((s) => s.query);
  const deferred = useDeferredValue(query);
  const [highlight, setHighlight] = useState(0);

  const answer = useMemo(
    () => searchDonors(index, deferred, { limit: LIMIT }),
    [index, deferred, version],
  );
  useEffect(() => setHighlight(0), [deferred]);

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
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setHighlight((h) => Math.max(h - 1, 0));
    } else if (event.key === 'Escape') {
      deskActions.setQuery('');
    } else if (event.key === 'Enter') {
      event.preventDefault();
      // The box may hold more than the results show yet (a scanner types fast): read it now.
      const typed = event.currentTarget.value;
      const exact = findExact(index, typed);
      if (exact) return act(exact);
      const results = typed === deferred ? answer.results : searchDonors(index, typed, { limit: LIMIT }).results;
      const chosen = results[typed === deferred ? highlight : 0];
      if (chosen) return act(chosen.donor);
      if (parseCccdQr(typed) || /^\d{12}$/.test(typed.replace(/[\s.\-]/g, ''))) {
        deskActions.setQuery('');
        deskActions.banner({ kind: 'info', text: msg('desk.banner.cccdUnknown') });
        deskActions.openWalkIn(prefillOf(typed));
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
      {!projection && !deferred ? (
        <p className="search__hint">{t('desk.search.loading')}</p>
      ) : null}
      {deferred.trim() ? (
        <>
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
                      {donor.nationalId || (donor as Donor & { nationalIdLast4?: string }).nationalIdLast4 ? (
                        <span className="num">{t('desk.cccdMasked', { masked: maskNationalId(donor.nationalId, (donor as Donor & { nationalIdLast4?: string }).nationalIdLast4) })}</span>
                      ) : null}
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
