/**
 * Lần hiến thứ hai (ngoại lệ) / A second donation (exception): each person donates once in the
 * festival, and the desks are refused a second (`already_donated`). When the physician decides
 * otherwise, the admin records it here with the reason, which stays in the log; the person is
 * checked in first when they are not yet today. It counts as one more unit.
 */
import { useDeferredValue, useMemo, useState } from 'react';
import { searchDonors } from '../../../shared/donorSearch.ts';
import type { Donor } from '../../../shared/projection.ts';
import { DEFAULT_TIMEZONE, dayOf } from '../../../shared/time.ts';
import { serverNow } from '../../device/clock.ts';
import { useFormat, useLang, useT } from '../../i18n/index.ts';
import { Field, OutcomeLine, Panel, type Outcome } from './forms.tsx';
import { useProjection } from './live.ts';
import { useAgencyName, useDonorIndex } from './privacy.ts';
import { writeEvent } from './write.ts';

/** The days a person donated on, in order. */
function donatedDays(donor: Donor): string[] {
  return [...donor.days]
    .filter(([, record]) => record.outcome?.kind === 'donated')
    .map(([day]) => day)
    .sort();
}

export function SecondDonationPanel() {
  const t = useT();
  const fmt = useFormat();
  const lang = useLang();
  const agencyName = useAgencyName();
  const { projection } = useProjection();
  const index = useDonorIndex();
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [volume, setVolume] = useState<250 | 350 | 450>(350);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // Only people who already donated in the festival, filtered before the ten shown (none cut off); the others go through a desk.
  const found = useMemo(
    () =>
      index && deferred.trim()
        ? searchDonors(index, deferred, { limit: 200 })
            .results.map((r) => r.donor)
            .filter((d) => !d.erased && donatedDays(d).length > 0)
            .slice(0, 10)
        : [],
    [index, deferred],
  );
  const chosen = chosenId ? projection?.donors.get(chosenId) : undefined;

  const record = async (donor: Donor) => {
    if (busy || reason.trim().length === 0) return;
    setBusy(true);
    const today = dayOf(serverNow(), projection?.event?.timezone ?? DEFAULT_TIMEZONE);
    const checkedIn = donor.days.get(today) ? true : await writeEvent('donor.checked_in', { donorId: donor.id });
    const ok = checkedIn && (await writeEvent('donor.donated', { donorId: donor.id, volumeMl: volume, secondDonationReason: reason.trim() }, t('admin.second.done', { name: donor.fullName })));
    setOutcome(ok ? { kind: 'ok', text: t('admin.second.done', { name: donor.fullName }) } : null);
    if (ok) {
      setChosenId(null);
      setReason('');
    }
    setBusy(false);
  };

  return (
    <Panel title={t('admin.second.title')} intro={t('admin.second.intro')} testId="second-donation-panel">
      <OutcomeLine outcome={outcome} testId="second-donation-result" />
      <Field label={t('admin.privacy.search')} hint={t('admin.second.searchHint')}>
        {(id) => (
          <input
            id={id}
            type="search"
            className="adm-search"
            value={query}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => {
              setQuery(e.target.value);
              setChosenId(null);
            }}
            data-testid="second-search"
          />
        )}
      </Field>
      {chosen ? (
        <form
          className="adm-card"
          data-testid="second-form"
          onSubmit={(e) => {
            e.preventDefault();
            void record(chosen);
          }}
        >
          <p className="adm-strong">
            {chosen.fullName} · {agencyName(chosen.agencyId, lang)}
          </p>
          <p className="adm-caution">
            {t('admin.second.already', {
              days: donatedDays(chosen)
                .map((d) => fmt.date(d))
                .join(', '),
            })}
          </p>
          <div className="adm-grid">
            <Field label={t('admin.second.volume')}>
              {(id) => (
                <select id={id} value={volume} onChange={(e) => setVolume(Number(e.target.value) as 250 | 350 | 450)} data-testid="second-volume">
                  {[250, 350, 450].map((v) => (
                    <option key={v} value={v}>
                      {fmt.number(v)} ml
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('admin.second.reason')} hint={t('admin.second.reasonHint')} wide>
              {(id) => <textarea id={id} rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="second-reason" />}
            </Field>
          </div>
          <div className="adm-savebar">
            <button type="button" className="adm-btn adm-btn--ghost" onClick={() => setChosenId(null)} disabled={busy}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="adm-btn adm-btn--primary" disabled={busy || reason.trim().length === 0} data-testid="second-confirm">
              {t('admin.second.confirm')}
            </button>
          </div>
        </form>
      ) : found.length > 0 ? (
        <ul className="adm-list" data-testid="second-results">
          {found.map((donor) => (
            <li key={donor.id}>
              <button type="button" className="adm-btn adm-btn--small" onClick={() => setChosenId(donor.id)} data-testid={`second-choose-${donor.id}`}>
                {donor.fullName} · {agencyName(donor.agencyId, lang)} ·{' '}
                {donatedDays(donor)
                  .map((d) => fmt.date(d))
                  .join(', ')}
              </button>
            </li>
          ))}
        </ul>
      ) : deferred.trim() ? (
        <p className="adm-sub">{t('admin.second.none')}</p>
      ) : null}
    </Panel>
  );
}
