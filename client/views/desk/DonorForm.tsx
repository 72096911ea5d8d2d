/**
 * Register a walk-in, or correct a donor's details (`donor.updated`). Checks mirror the schema
 * (messages in the chosen language); the same person already registered (same name and agency
 * with the same year of birth or phone, or same name and last 4 digits of the CCCD) is shown
 * instead of creating a second record, here before sending and again if the server answers
 * `duplicate_donor` (it recognises the CCCD itself); "this is someone else" sends
 * `allowDuplicateName: true` (a CCCD cannot be shared: the server still refuses the same card).
 *
 * A walk-in is registered only once the donor has heard the privacy notice (Nghị định
 * 13/2023/NĐ-CP: what is kept, why, for how long, whom to ask) and agreed: the tick is
 * required and sent as `consent.dataProcessing`; having the name announced on stage is asked
 * apart (`consent.announceName`). The CCCD typed here is sent once; the server keeps its last
 * 4 digits and a keyed hash, never the number.
 */
import { useDeviceIdentity } from '../../device/identity.ts';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { eligibilityHints } from '../../../shared/eligibility.ts';
import type { Donor } from '../../../shared/projection.ts';
import { DAY_MS, personalDataExpiresAt } from '../../../shared/retention.ts';
import { newDonorId, registerDonor, updateDonor } from './actions.ts';
import { AgencyPicker } from './AgencyPicker.tsx';
import { deskActions, type WalkInPrefill } from './deskStore.ts';
import { agencyName, BLOOD_TYPE_LIST, formatPhone, maskNationalId } from './deskText.ts';
import { changesOf, EMPTY_FORM, formValuesOf, validateDonorForm, type DonorFormValues, type FormField, type FormProblems } from './donorForm.ts';
import { tIn } from './i18n.ts';
import { findDonor, findSamePerson, type SamePersonMatch } from './overlay.ts';
import { BiPair } from '../../i18n/bilingual.tsx';
import { formatDate } from '../../../shared/format.ts';
import { Bi, En, Named, useDeskText } from './Text.tsx';
import { useDesk } from './useDeskData.ts';

interface Duplicate {
  donorId: string;
  match: SamePersonMatch;
}

const DUPLICATE_TITLE: Record<SamePersonMatch, string> = {
  nationalId: 'desk.form.duplicateNationalId',
  cccdLast4: 'desk.form.duplicateLast4',
  identity: 'desk.form.duplicateIdentity',
};

/**
 * The privacy notice read to a walk-in donor before they are registered: Vietnamese first,
 * English below, whatever the screen's language (it is said to the donor, not the volunteer).
 */
export function PrivacyNotice() {
  const { projection, timeZone } = useDesk();
  const days = useDeviceIdentity((s) => s.me?.personalDataDays);
  // Someone registered after the festival's last day is kept `days` after their registration
  // (shared/retention.ts): the later of the two.
  const festivalExpiry = projection && typeof days === 'number' ? personalDataExpiresAt(projection, days) : null;
  const expiresAt = festivalExpiry === null || typeof days !== 'number' ? null : Math.max(festivalExpiry, Date.now() + days * DAY_MS);
  const howLong: { key: string; values?: Record<string, string> } =
    days === null
      ? { key: 'desk.privacy.howLongNever' }
      : days === undefined
        ? { key: 'desk.privacy.howLongUnknown' }
        : expiresAt !== null
          ? { key: 'desk.privacy.howLongUntil', values: { days: String(days), date: formatDate(expiresAt, timeZone) } }
          : { key: 'desk.privacy.howLongDays', values: { days: String(days) } };
  const rows: { label: string; text: { key: string; values?: Record<string, string> } }[] = [
    { label: 'desk.privacy.whatLabel', text: { key: 'desk.privacy.what' } },
    { label: 'desk.privacy.whyLabel', text: { key: 'desk.privacy.why' } },
    { label: 'desk.privacy.howLongLabel', text: howLong },
    { label: 'desk.privacy.askLabel', text: { key: 'desk.privacy.ask' } },
  ];
  const say = (lang: 'vi' | 'en', key: string, values?: Record<string, string>) => tIn(lang)(key, values);
  return (
    <section className="privacy" data-testid="privacy-notice" aria-label={say('vi', 'desk.privacy.title')}>
      <h3 className="privacy__title">
        {say('vi', 'desk.privacy.title')}{' '}
        <span className="en" lang="en">
          {say('en', 'desk.privacy.title')}
        </span>
      </h3>
      <dl className="privacy__list">
        {rows.map((row) => (
          <div key={row.label} className="privacy__row">
            <dt>
              {say('vi', row.label)}
              <span className="en" lang="en">
                {say('en', row.label)}
              </span>
            </dt>
            <dd>
              <span lang="vi">{say('vi', row.text.key, row.text.values)}</span>
              <span className="en" lang="en">
                {say('en', row.text.key, row.text.values)}
              </span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

const FIELD_ORDER: FormField[] = ['fullName', 'agencyId', 'birthYear', 'gender', 'phone', 'weightKg', 'nationalId', 'bloodType', 'lastDonationDate'];

function Field(props: { id: string; k: string; error?: string | undefined; required?: boolean; hint?: string; children: React.ReactNode }) {
  const { t } = useDeskText();
  return (
    <div className={`field ${props.error ? 'has-error' : ''}`}>
      <label className="field__label" htmlFor={props.id}>
        {t(`desk.form.${props.k}`)}
        {props.required ? <span className="field__req"> *</span> : null}
        <En k={`desk.form.${props.k}`} />
      </label>
      {props.children}
      {props.hint && !props.error ? <span className="field__hint">{props.hint}</span> : null}
      {props.error ? (
        <span className="field__error" data-testid={`error-${props.id}`}>
          {props.error}
        </span>
      ) : null}
    </div>
  );
}

export function DonorForm(props: { mode: 'create' | 'edit'; prefill?: WalkInPrefill; donorId?: string; onDone: () => void }) {
  const { projection, overlay, today } = useDesk();
  const { t, say } = useDeskText();
  const editing = props.mode === 'edit' && props.donorId ? findDonor(projection, overlay, props.donorId) : null;
  const [values, setValues] = useState<DonorFormValues>(() => {
    if (editing) return formValuesOf(editing);
    const p = props.prefill ?? {};
    return {
      ...EMPTY_FORM,
      ...(p.fullName ? { fullName: p.fullName } : {}),
      ...(p.birthYear ? { birthYear: String(p.birthYear) } : {}),
      ...(p.gender ? { gender: p.gender } : {}),
      ...(p.nationalId ? { nationalId: p.nationalId } : {}),
      ...(p.phone ? { phone: p.phone } : {}),
    };
  });
  const [problems, setProblems] = useState<FormProblems>({});
  const [duplicate, setDuplicate] = useState<Duplicate | null>(null);
  const [allowDuplicateName, setAllowDuplicateName] = useState(false);
  const [checkInNow, setCheckInNow] = useState(true);
  /** The donor heard the notice and agreed (required), and agreed to have the name announced (optional). */
  const [consent, setConsent] = useState(false);
  const [consentMissing, setConsentMissing] = useState(false);
  const [announceName, setAnnounceName] = useState(false);
  const [busy, setBusy] = useState(false);
  /** A catalog key. */
  const [notice, setNotice] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const agencies = useMemo(() => [...(projection?.agencies.values() ?? [])].map((a) => ({ id: a.id, name: a.name, ...(a.nameEn ? { nameEn: a.nameEn } : {}) })), [projection]);

  if (props.mode === 'edit' && (!editing || editing.erased)) {
    return (
      <section className="card form-card">
        <p className="empty">{t(editing?.erased ? 'desk.form.erased' : 'desk.form.notFound')}</p>
        <button type="button" className="btn" onClick={() => deskActions.closeForm()}>
          {t('common.close')}
        </button>
      </section>
    );
  }

  const set = <K extends FormField>(field: K, value: DonorFormValues[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (problems[field]) setProblems((e) => ({ ...e, [field]: undefined }));
    if (duplicate && ['fullName', 'birthYear', 'agencyId', 'nationalId'].includes(field)) {
      setDuplicate(null);
      setAllowDuplicateName(false);
    }
  };

  const errors: Partial<Record<FormField, string>> = {};
  for (const field of FIELD_ORDER) {
    const problem = problems[field];
    if (problem) errors[field] = say(problem);
  }

  const preview = validateDonorForm(values, { required: false, today });
  const lenient = preview.details ?? {
    birthYear: /^\d{4}$/.test(values.birthYear) ? Number(values.birthYear) : undefined,
    gender: values.gender || undefined,
    weightKg: Number(values.weightKg.replace(',', '.')) || undefined,
  };
  const hints = eligibilityHints({
    today,
    birthYear: lenient.birthYear ?? null,
    gender: lenient.gender ?? null,
    weightKg: lenient.weightKg ?? null,
    lastDonationDate: preview.details?.lastDonationDate ?? null,
  });

  const focusFirstError = (found: FormProblems) => {
    const first = FIELD_ORDER.find((f) => found[f]);
    if (first) formRef.current?.querySelector<HTMLElement>(`#donor-${first}, [data-field="${first}"] input`)?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    const { problems: found, details } = validateDonorForm(values, { required: props.mode === 'create', today });
    setProblems(found);
    const noConsent = props.mode === 'create' && !consent;
    setConsentMissing(noConsent);
    if (!details) return focusFirstError(found);
    if (noConsent) return formRef.current?.querySelector<HTMLElement>('[data-testid="walkin-consent"]')?.focus();

    if (props.mode === 'edit' && editing) {
      const changes = changesOf(editing, details);
      if (Object.keys(changes).length === 0) return setNotice('desk.form.nothingChanged');
      if (typeof changes.nationalId === 'string') {
        const same = findSamePerson(projection, overlay, { fullName: details.fullName, agencyId: details.agencyId, nationalId: changes.nationalId }, editing.id);
        if (same?.match === 'cccdLast4') return setDuplicate(same);
      }
      setBusy(true);
      const outcome = await updateDonor(editing, changes);
      setBusy(false);
      if (outcome.status === 'rejected') {
        if (outcome.code === 'duplicate_donor' && typeof outcome.details?.donorId === 'string') setDuplicate({ donorId: outcome.details.donorId, match: 'nationalId' });
        return;
      }
      deskActions.select(editing.id);
      props.onDone();
      return;
    }

    const same = findSamePerson(projection, overlay, details);
    if (same && !allowDuplicateName) return setDuplicate(same);
    setBusy(true);
    const payload = {
      donorId: newDonorId(),
      ...details,
      consent: { dataProcessing: true, announceName },
      ...(allowDuplicateName ? { allowDuplicateName: true } : {}),
    };
    const outcome = await registerDonor(payload, { checkIn: checkInNow });
    setBusy(false);
    if (outcome.status === 'rejected') {
      if (outcome.code === 'duplicate_donor' && typeof outcome.details?.donorId === 'string') {
        setDuplicate({ donorId: outcome.details.donorId, match: outcome.details.match === 'identity' ? 'identity' : 'nationalId' });
      }
      return;
    }
    deskActions.setQuery('');
    deskActions.select(payload.donorId);
    props.onDone();
  };

  const existing = duplicate ? findDonor(projection, overlay, duplicate.donorId) : null;

  return (
    <section
      className="card form-card"
      data-testid={props.mode === 'create' ? 'walk-in-form' : 'edit-form'}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !event.defaultPrevented) {
          deskActions.closeForm();
          props.onDone();
        }
      }}
    >
      <header className="form-card__head">
        <h2 className="section-title">{props.mode === 'create' ? <Bi k="desk.form.titleCreate" /> : <Bi k="desk.form.titleEdit" v={{ name: editing?.fullName ?? '' }} />}</h2>
        <button type="button" className="btn btn--quiet btn--small" onClick={() => deskActions.closeForm()}>
          <Bi k="common.close" /> <span className="en">(F2)</span>
        </button>
      </header>
      <form ref={formRef} className="form" onSubmit={(e) => void submit(e)} noValidate>
        <Field id="donor-fullName" k="fullName" error={errors.fullName} required>
          <input
            id="donor-fullName"
            className="input"
            data-testid="field-fullName"
            autoFocus
            autoComplete="off"
            value={values.fullName}
            maxLength={140}
            onChange={(e) => set('fullName', e.target.value)}
          />
        </Field>
        <div className="field" data-field="agencyId">
          <label className="field__label" htmlFor="donor-agencyId">
            {t('desk.form.agency')}
            <span className="field__req"> *</span>
            <En k="desk.form.agency" />
          </label>
          <AgencyPicker inputId="donor-agencyId" agencies={agencies} value={values.agencyId} onChange={(id) => set('agencyId', id)} error={errors.agencyId} />
          {errors.agencyId ? (
            <span className="field__error" data-testid="error-donor-agencyId">
              {errors.agencyId}
            </span>
          ) : null}
        </div>
        <div className="form__row">
          <Field id="donor-birthYear" k="birthYear" error={errors.birthYear} required={props.mode === 'create'}>
            <input
              id="donor-birthYear"
              className="input"
              data-testid="field-birthYear"
              inputMode="numeric"
              maxLength={4}
              placeholder="1990"
              value={values.birthYear}
              onChange={(e) => set('birthYear', e.target.value.replace(/\D/g, ''))}
            />
          </Field>
          <div className={`field ${errors.gender ? 'has-error' : ''}`} data-field="gender">
            <span className="field__label">
              {t('desk.form.gender')}
              {props.mode === 'create' ? <span className="field__req"> *</span> : null}
              <En k="desk.form.gender" />
            </span>
            <div className="toggle" role="radiogroup" aria-label={t('desk.form.gender')}>
              {(['female', 'male'] as const).map((g) => (
                <label key={g} className={`chip ${values.gender === g ? 'is-on' : ''}`}>
                  <input type="radio" id={g === 'female' ? 'donor-gender' : undefined} name="gender" data-testid={`gender-${g}`} checked={values.gender === g} onChange={() => set('gender', g)} />
                  {t(`desk.gender.${g}`)}
                </label>
              ))}
            </div>
            {errors.gender ? (
              <span className="field__error" data-testid="error-donor-gender">
                {errors.gender}
              </span>
            ) : null}
          </div>
        </div>
        <div className="form__row">
          <Field id="donor-phone" k="phone" error={errors.phone} required={props.mode === 'create'}>
            <input
              id="donor-phone"
              className="input"
              data-testid="field-phone"
              inputMode="tel"
              autoComplete="off"
              placeholder="0912 345 678"
              value={values.phone}
              onChange={(e) => set('phone', e.target.value)}
            />
          </Field>
          <Field id="donor-weightKg" k="weight" error={errors.weightKg} required={props.mode === 'create'}>
            <input
              id="donor-weightKg"
              className="input"
              data-testid="field-weightKg"
              inputMode="decimal"
              placeholder={t('desk.form.weightPlaceholder')}
              value={values.weightKg}
              onChange={(e) => set('weightKg', e.target.value)}
            />
          </Field>
        </div>
        <div className="form__row">
          <Field
            id="donor-nationalId"
            k="nationalId"
            error={errors.nationalId}
            {...(editing?.nationalIdLast4 ? { hint: t('desk.form.nationalIdKept', { masked: maskNationalId(undefined, editing.nationalIdLast4) }) } : {})}
          >
            <input
              id="donor-nationalId"
              className="input"
              data-testid="field-nationalId"
              inputMode="numeric"
              autoComplete="off"
              maxLength={14}
              placeholder={t('desk.form.nationalIdPlaceholder')}
              value={values.nationalId}
              onChange={(e) => set('nationalId', e.target.value)}
            />
          </Field>
          <Field id="donor-bloodType" k="bloodType" error={errors.bloodType}>
            <select id="donor-bloodType" className="input" data-testid="field-bloodType" value={values.bloodType} onChange={(e) => set('bloodType', e.target.value)}>
              <option value="">{t('desk.form.bloodTypeUnknown')}</option>
              {BLOOD_TYPE_LIST.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Field id="donor-lastDonationDate" k="lastDonation" error={errors.lastDonationDate} hint={t('desk.form.dateHint')}>
          <input
            id="donor-lastDonationDate"
            className="input"
            data-testid="field-lastDonationDate"
            placeholder="15/3/2024"
            value={values.lastDonationDate}
            onChange={(e) => set('lastDonationDate', e.target.value)}
          />
        </Field>

        {hints.length ? (
          <ul className="hints" aria-label={t('desk.hints.label')}>
            {hints.map((hint) => (
              <li key={hint.code} className={`hint hint--${hint.level}`}>
                {hint.level === 'warning' ? '⚠ ' : 'ℹ '}
                <BiPair pair={hint} />
              </li>
            ))}
          </ul>
        ) : null}

        {duplicate ? (
          <div className="duplicate" data-testid="duplicate" data-match={duplicate.match} role="alert">
            <p className="duplicate__title">
              <Bi k={DUPLICATE_TITLE[duplicate.match]} />
            </p>
            {existing ? <DuplicateCard donor={existing} /> : <p>{t('desk.form.duplicateId', { id: duplicate.donorId })}</p>}
            <div className="row">
              <button type="button" className="btn btn--primary" data-testid="open-existing" onClick={() => deskActions.select(duplicate.donorId)}>
                <Bi k="desk.form.useExisting" />
              </button>
              {duplicate.match !== 'nationalId' && props.mode === 'create' ? (
                <button
                  type="button"
                  className="btn"
                  data-testid="different-person"
                  onClick={() => {
                    setAllowDuplicateName(true);
                    setDuplicate(null);
                    setNotice('desk.form.confirmedDifferent');
                  }}
                >
                  <Bi k="desk.form.differentPerson" />
                </button>
              ) : null}
            </div>
          </div>
        ) : null}
        {notice ? <p className="form__notice">{t(notice)}</p> : null}

        {props.mode === 'create' ? (
          <div className={`consent ${consentMissing ? 'has-error' : ''}`}>
            <PrivacyNotice />
            <label className="check check--consent">
              <input
                type="checkbox"
                data-testid="walkin-consent"
                checked={consent}
                aria-invalid={consentMissing}
                aria-describedby={consentMissing ? 'walkin-consent-error' : undefined}
                onChange={(e) => {
                  setConsent(e.target.checked);
                  if (e.target.checked) setConsentMissing(false);
                }}
              />{' '}
              <span>
                {t('desk.privacy.consent')}
                <span className="field__req"> *</span>
                <En k="desk.privacy.consent" />
              </span>
            </label>
            <label className="check">
              <input type="checkbox" data-testid="walkin-announce-name" checked={announceName} onChange={(e) => setAnnounceName(e.target.checked)} />{' '}
              <span>
                {t('desk.privacy.announceName')}
                <En k="desk.privacy.announceName" />
              </span>
            </label>
            {consentMissing ? (
              <p className="field__error" id="walkin-consent-error" data-testid="error-walkin-consent" role="alert">
                {t('desk.privacy.consentMissing')}
              </p>
            ) : null}
          </div>
        ) : null}

        <div className="form__foot">
          {props.mode === 'create' ? (
            <label className="check">
              <input type="checkbox" data-testid="check-in-now" checked={checkInNow} onChange={(e) => setCheckInNow(e.target.checked)} /> <Bi k="desk.form.checkInNow" />
            </label>
          ) : null}
          <button type="submit" className="btn btn--primary btn--big" data-testid="submit-donor" disabled={busy}>
            <Bi k={props.mode === 'create' ? (allowDuplicateName ? 'desk.form.registerOther' : 'desk.form.register') : 'common.saveChanges'} />
          </button>
        </div>
      </form>
    </section>
  );
}

function DuplicateCard({ donor }: { donor: Donor }) {
  const { projection } = useDesk();
  const { t } = useDeskText();
  return (
    <div className="duplicate__card" data-testid="duplicate-card">
      <strong>{donor.fullName}</strong> · <Named text={agencyName(projection?.agencies, donor.agencyId)} />
      {donor.birthYear ? ` · ${donor.birthYear}` : ''}
      {donor.phone ? ` · ${formatPhone(donor.phone)}` : ''}
      {donor.nationalIdLast4 ? ` · ${t('desk.cccdMasked', { masked: maskNationalId(undefined, donor.nationalIdLast4) })}` : ''}
    </div>
  );
}
