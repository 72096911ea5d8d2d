/**
 * The selected donor: who they are, where they are today, the eligibility hints (Thông tư
 * 26/2013/TT-BYT; the physician decides), and the next step: check in, then donated (250 /
 * 350 / 450 ml) or deferred with a reason (a code, and a note if need be); correct the
 * details; record whether they agree to have their name announced on stage; undo this desk's
 * last event.
 *
 * A deferral's reason is health data: the server gives it only to the desk that recorded it
 * (and admin), so a deferral by another desk shows as "Tạm hoãn" alone. A person whose
 * personal data was erased shows as such, with nothing to act on or correct: the desk writes
 * no personal data for them again.
 */
import { useState } from 'react';
import { eligibilityHints, maxVolumeMl } from '../../../shared/eligibility.ts';
import type { Donor } from '../../../shared/projection.ts';
import { useNow } from '../../lib/useNow.ts';
import { checkIn, recordDeferral, recordDonation, setAnnounceName, updateDonor } from './actions.ts';
import { deskActions, useDeskStore } from './deskStore.ts';
import { ageThisYear, agencyName, DEFERRAL_CODES, deferralReasonText, formatPhone, maskNationalId, type DeferralCode } from './deskText.ts';
import { donatedDays, effectiveDonor, findDonor, isPendingRegistration, todayStatus, type TodayStatus } from './overlay.ts';
import { canUndo, fateOf, UndoControl } from './RecentPanel.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { BiPair } from '../../i18n/bilingual.tsx';
import { bothOf, msg } from './i18n.ts';
import { Bi, Named, useDeskText, withKeys } from './Text.tsx';
import { useDesk } from './useDeskData.ts';

const VOLUMES = [250, 350, 450] as const;

/**
 * A person on two agencies' lists (donor.listed): which lists, which agency is credited and why,
 * and the choice of another (a donor.updated of the agency, which moves every count).
 */
function AlsoListed({ donor }: { donor: Donor }) {
  const { t, lang } = useDeskText();
  const { projection } = useDesk();
  const others = donor.alsoListed ?? [];
  const nameOf = (id: string) => {
    const name = agencyName(projection?.agencies, id);
    return lang === 'en' && name.en ? name.en : name.vi;
  };
  return (
    <div className="hint hint--info also-listed" data-testid="also-listed">
      <p className="also-listed__text">
        {t('desk.panel.alsoListed', { list: others.map(nameOf).join(', '), how: t(donor.creditChosen ? 'desk.panel.alsoListedChosen' : 'desk.panel.alsoListedDefault') })}
      </p>
      <div className="also-listed__actions">
        {others.map((agencyId) => (
          <button key={agencyId} type="button" className="btn btn--small" data-testid={`credit-${agencyId}`} onClick={() => void updateDonor(donor, { agencyId })}>
            {t('desk.panel.creditTo', { agency: nameOf(agencyId) })}
          </button>
        ))}
      </div>
    </div>
  );
}

function Hints({ donor, today, days, volume }: { donor: Donor; today: string; days: string[]; volume: number | null }) {
  const hints = eligibilityHints({
    today,
    birthYear: donor.birthYear ?? null,
    gender: donor.gender ?? null,
    weightKg: donor.weightKg ?? null,
    lastDonationDate: donor.lastDonationDate ?? null,
    donatedDays: days,
    volumeMl: volume,
  });
  const { t } = useDeskText();
  const missing: string[] = [];
  if (donor.birthYear === undefined) missing.push(t('desk.hints.missing_birthYear'));
  if (donor.weightKg === undefined) missing.push(t('desk.hints.missing_weight'));
  if (donor.gender === undefined) missing.push(t('desk.hints.missing_gender'));
  if (hints.length === 0 && missing.length === 0) {
    return (
      <p className="hints hints--ok" data-testid="hints">
        <Bi k="desk.hints.none" />
      </p>
    );
  }
  return (
    <ul className="hints" data-testid="hints" aria-label={t('desk.hints.label')}>
      {hints.map((hint) => (
        <li key={hint.code} className={`hint hint--${hint.level}`} data-code={hint.code}>
          {hint.level === 'warning' ? '⚠ ' : 'ℹ '}
          <BiPair pair={hint} />
        </li>
      ))}
      {missing.length ? <li className="hint hint--info">ℹ {t('desk.hints.missing', { list: missing.join(', ') })}</li> : null}
      <li className="hints__note">{t('desk.hints.note')}</li>
    </ul>
  );
}

function TodayLine({ status }: { status: TodayStatus }) {
  const { t, fmt } = useDeskText();
  const outcome = status.outcome;
  let text: string;
  if (outcome?.kind === 'donated') {
    const values = { n: fmt.number(outcome.volumeMl ?? 0), time: fmt.time(outcome.at), by: outcome.by ?? '' };
    text = t(outcome.by ? 'desk.today.donatedBy' : 'desk.today.donated', values);
  } else if (outcome?.kind === 'deferred') {
    const values = { time: fmt.time(outcome.at), by: outcome.by ?? '' };
    const reason = deferralReasonText(outcome, t);
    text = `${t(outcome.by ? 'desk.today.deferredBy' : 'desk.today.deferred', values)}${reason ? ` ${t('desk.today.reason', { reason })}` : ''}`;
  } else if (status.state === 'checkedIn' && status.checkedInAt) {
    text = t('desk.today.checkedIn', { time: fmt.time(status.checkedInAt) });
  } else text = t('desk.today.none');
  return (
    <p className="today-line" data-testid="today-line">
      {text}
    </p>
  );
}

/** The donor agrees (or no longer agrees) to have their name announced on stage (a milestone's MC script). */
function AnnounceName({ donor }: { donor: Donor }) {
  const { t } = useDeskText();
  const agreed = donor.consent?.announceName === true;
  return (
    <div className="announce">
      <label className="check">
        <input type="checkbox" data-testid="donor-announce-name" checked={agreed} onChange={(e) => void setAnnounceName(donor, e.target.checked)} />{' '}
        <span>
          <Bi k="desk.panel.announceName" />
        </span>
      </label>
      <span className="announce__state">{t(agreed ? 'desk.panel.announceYes' : 'desk.panel.announceNo')}</span>
    </div>
  );
}

/** A person whose personal data was erased: the counts stay, nothing else is shown or written. */
function ErasedDonor({ donor, status }: { donor: Donor; status: TodayStatus }) {
  const { projection } = useDesk();
  const { t } = useDeskText();
  return (
    <section className="card donor donor--erased" data-testid="donor-panel" data-donor-id={donor.id} data-state={status.state} data-erased="true">
      <header className="donor__head">
        <div>
          <h2 className="donor__name" data-testid="donor-name">
            <Bi k="desk.panel.erased" />
          </h2>
          <div className="donor__agency">
            <Named text={agencyName(projection?.agencies, donor.agencyId)} />
          </div>
        </div>
        <StatusBadge status={status} />
      </header>
      {donor.alsoListed?.length ? <AlsoListed donor={donor} /> : null}

      <TodayLine status={status} />
      <p className="erased-note" data-testid="erased-note">
        {t('desk.panel.erasedNote')}
      </p>
      <dl className="details">
        <div>
          <dt>{t('desk.panel.id')}</dt>
          <dd className="num donor__id">{donor.id}</dd>
        </div>
      </dl>
    </section>
  );
}

function DeferForm({ donor, onDone }: { donor: Donor; onDone: () => void }) {
  const { t } = useDeskText();
  const [code, setCode] = useState<DeferralCode | ''>('');
  const [note, setNote] = useState('');
  /** A catalog key. */
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    if (!code) return setError('desk.defer.chooseReason');
    if (code === 'other' && !note.trim()) return setError('desk.defer.writeReason');
    setError(null);
    void recordDeferral(donor, code, note);
    onDone();
  };
  return (
    <div className="defer" data-testid="defer-form">
      <fieldset className="defer__reasons">
        <legend>
          <Bi k="desk.defer.legend" />
        </legend>
        {DEFERRAL_CODES.map((reason) => (
          <label key={reason} className={`chip ${code === reason ? 'is-on' : ''}`}>
            <input type="radio" name="defer-reason" value={reason} checked={code === reason} onChange={() => setCode(reason)} />
            <Bi k={`desk.deferral.${reason}`} />
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span className="field__label">
          {t('desk.defer.note')} {t(code === 'other' ? 'desk.defer.required' : 'desk.defer.optional')}
        </span>
        <input className="input" data-testid="defer-note" value={note} maxLength={400} onChange={(e) => setNote(e.target.value)} />
        <span className="field__hint">{t('desk.defer.privacy')}</span>
      </label>
      {error ? <p className="field__error">{t(error)}</p> : null}
      <div className="row">
        <button type="button" className="btn btn--warn" data-testid="defer-submit" onClick={submit}>
          <Bi k="desk.defer.submit" />
        </button>
        <button type="button" className="btn btn--quiet" onClick={onDone}>
          <Bi k="desk.cancel" />
        </button>
      </div>
    </div>
  );
}

function WeightQuick({ donor }: { donor: Donor }) {
  const { t } = useDeskText();
  const [value, setValue] = useState('');
  const weight = Number(value.replace(',', '.'));
  const valid = /^\d+([.,]\d)?$/.test(value.trim()) && weight >= 20 && weight <= 250;
  return (
    <form
      className="weight-quick"
      onSubmit={(event) => {
        event.preventDefault();
        if (valid) void updateDonor(donor, { weightKg: Math.round(weight * 10) / 10 });
        setValue('');
      }}
    >
      <input
        className="input input--short"
        inputMode="decimal"
        placeholder="kg"
        aria-label={t('desk.form.weight')}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        data-testid="weight-quick"
      />
      <button type="submit" className="btn btn--small" disabled={!valid}>
        {t('desk.panel.recordWeight')}
      </button>
    </form>
  );
}

export function DonorPanel({ onDone }: { onDone: () => void }) {
  const selectedId = useDeskStore((s) => s.selectedId);
  const { projection, overlay, today, own: ownEvents } = useDesk();
  const { t, fmt } = useDeskText();
  const now = useNow(15_000);
  const [deferring, setDeferring] = useState<string | null>(null);
  const [chosenVolume, setChosenVolume] = useState<number | null>(null);

  const base = selectedId ? findDonor(projection, overlay, selectedId) : null;
  if (!base) {
    return (
      <section className="card donor donor--empty" data-testid="donor-panel-empty">
        <h2 className="section-title">
          <Bi k="desk.panel.emptyTitle" />
        </h2>
        <ul className="tips">
          <li>{withKeys(t('desk.panel.tipSearch'))}</li>
          <li>{withKeys(t('desk.panel.tipScanner'))}</li>
          <li>{withKeys(t('desk.panel.tipKeys'))}</li>
        </ul>
        {selectedId ? <p className="empty">{t('desk.panel.gone')}</p> : null}
      </section>
    );
  }
  const donor = effectiveDonor(base, overlay);
  const status = todayStatus(donor, today, overlay);
  const days = donatedDays(donor, overlay, today).filter((d) => d < today);
  const agency = agencyName(projection?.agencies, donor.agencyId);
  const age = ageThisYear(donor.birthYear, today);
  const maxVolume = maxVolumeMl(donor.weightKg);
  const last4 = donor.nationalIdLast4;
  const newDonor = isPendingRegistration(overlay, donor.id);
  const own = ownEvents
    .filter((entry) => entry.donorId === donor.id && entry.type !== 'event.voided')
    .map((entry) => ({ entry, fate: fateOf(entry, projection, overlay) }))
    .filter(({ entry, fate }) => canUndo(entry, fate, now));
  const lastOwn = own[own.length - 1];
  const history = [...donor.days.entries()].filter(([day]) => day !== today).sort(([a], [b]) => (a < b ? 1 : -1));
  if (donor.erased) return <ErasedDonor donor={donor} status={status} />;

  return (
    <section className="card donor" data-testid="donor-panel" data-donor-id={donor.id} data-state={status.state}>
      <header className="donor__head">
        <div>
          <h2 className="donor__name" data-testid="donor-name">
            {donor.fullName}
          </h2>
          <div className="donor__agency">
            <Named text={agency} />
          </div>
        </div>
        <StatusBadge status={status} newDonor={newDonor && overlay.pendingIds.has(donor.registeredEventId)} />
      </header>

      {donor.alsoListed?.length ? <AlsoListed donor={donor} /> : null}

      <TodayLine status={status} />

      <div className="donor__actions">
        {status.state === 'registered' ? (
          <button
            type="button"
            className="btn btn--primary btn--big"
            data-testid="check-in"
            onClick={() => {
              void checkIn(donor);
              onDone();
            }}
          >
            <Bi k="desk.action.checkIn" />
          </button>
        ) : null}
        {status.state === 'checkedIn' && deferring !== donor.id ? (
          <>
            {days.length > 0 ? (
              // One donation per person per festival: the server would refuse a second (already_donated).
              <p className="hint hint--stop" data-testid="already-donated">
                ⛔ <BiPair pair={bothOf(msg('desk.refusal.already_donated', { day: fmt.date(days[days.length - 1]!), when: '', where: '' }))} />
              </p>
            ) : (
              <div className="volumes" role="group" aria-label={t('desk.action.donated')}>
                <span className="volumes__label">
                  <Bi k="desk.action.donated" />
                </span>
                {VOLUMES.map((volume) => {
                  const over = maxVolume !== null && volume > maxVolume;
                  return (
                    <button
                      key={volume}
                      type="button"
                      className={`btn btn--big btn--volume ${over ? 'is-over' : ''}`}
                      data-testid={`donate-${volume}`}
                      title={over ? t('desk.action.overVolume', { n: fmt.number(maxVolume) }) : undefined}
                      onMouseEnter={() => setChosenVolume(volume)}
                      onMouseLeave={() => setChosenVolume(null)}
                      onFocus={() => setChosenVolume(volume)}
                      onBlur={() => setChosenVolume(null)}
                      onClick={() => {
                        void recordDonation(donor, volume);
                        onDone();
                      }}
                    >
                      {t('desk.ml', { n: fmt.number(volume) })}
                      {over ? ' ⚠' : ''}
                    </button>
                  );
                })}
              </div>
            )}
            <button type="button" className="btn btn--warn" data-testid="defer" onClick={() => setDeferring(donor.id)}>
              <Bi k="desk.action.defer" />
            </button>
          </>
        ) : null}
        {status.state === 'checkedIn' && deferring === donor.id ? (
          <DeferForm
            donor={donor}
            onDone={() => {
              setDeferring(null);
              onDone();
            }}
          />
        ) : null}
      </div>

      <Hints donor={donor} today={today} days={days} volume={chosenVolume} />

      <dl className="details">
        <div>
          <dt>{t('desk.panel.birthYear')}</dt>
          <dd>{donor.birthYear ? t('desk.panel.birthYearAge', { year: String(donor.birthYear), age: String(age) }) : '—'}</dd>
        </div>
        <div>
          <dt>{t('desk.panel.gender')}</dt>
          <dd>{donor.gender === 'female' || donor.gender === 'male' ? t(`desk.gender.${donor.gender}`) : (donor.gender ?? '—')}</dd>
        </div>
        <div>
          <dt>{t('desk.panel.phone')}</dt>
          <dd className="num">{formatPhone(donor.phone) || '—'}</dd>
        </div>
        <div>
          <dt>{t('desk.panel.cccd')}</dt>
          <dd className="num">{maskNationalId(undefined, last4) || '—'}</dd>
        </div>
        <div>
          <dt>{t('desk.panel.bloodType')}</dt>
          <dd>{donor.bloodType ?? (donor.bloodGroup ? t('desk.panel.bloodGroupOnly', { group: donor.bloodGroup }) : '—')}</dd>
        </div>
        {donor.workplace ? (
          <div>
            <dt>{t('desk.panel.workplace')}</dt>
            <dd>{donor.workplace}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('desk.panel.weight')}</dt>
          <dd>{donor.weightKg !== undefined ? t('desk.kg', { n: fmt.number(donor.weightKg) }) : <WeightQuick donor={donor} />}</dd>
        </div>
        <div>
          <dt>{t('desk.panel.lastDonation')}</dt>
          <dd>{donor.lastDonationDate ? fmt.date(donor.lastDonationDate) : days.length ? fmt.date(days[days.length - 1]!) : '—'}</dd>
        </div>
        <div>
          <dt>{t('desk.panel.id')}</dt>
          <dd className="num donor__id">{donor.id}</dd>
        </div>
      </dl>

      <AnnounceName donor={donor} />

      {history.length ? (
        <ul className="history" aria-label={t('desk.panel.otherDays')}>
          {history.map(([day, record]) => {
            const values = { date: fmt.date(day), time: fmt.time(record.checkedInAt) };
            return (
              <li key={day}>
                {record.outcome?.kind === 'donated'
                  ? t('desk.panel.historyDonated', { ...values, n: fmt.number(record.outcome.volumeMl ?? 0) })
                  : record.outcome?.kind === 'deferred'
                    ? t('desk.panel.historyDeferred', values)
                    : t('desk.panel.historyArrived', values)}
              </li>
            );
          })}
        </ul>
      ) : null}

      <footer className="donor__foot">
        <button type="button" className="btn" data-testid="edit-donor" onClick={() => deskActions.openEdit(donor.id)}>
          <Bi k="desk.action.edit" />
        </button>
        {lastOwn ? (
          <div className="donor__undo">
            <span className="donor__undo-what">{t('desk.action.lastOwn', { what: t(`desk.what.${lastOwn.entry.type.replace('.', '_')}`), time: fmt.time(lastOwn.entry.createdAt) })}</span>
            <UndoControl entry={lastOwn.entry} />
          </div>
        ) : null}
      </footer>
    </section>
  );
}
