/**
 * Register a walk-in, or correct a donor's details (`donor.updated`). Checks mirror the schema
 * (messages in the chosen language); the same person already registered (same CCCD, or same
 * name, year of birth and agency) is shown instead of creating a second record, here before
 * sending and again if the server answers `duplicate_donor`; "this is someone else" sends
 * `allowDuplicateName: true` (a CCCD cannot be shared).
 */
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { eligibilityHints } from '../../../shared/eligibility.ts';
import type { Donor } from '../../../shared/projection.ts';
import { newDonorId, registerDonor, updateDonor } from './actions.ts';
import { AgencyPicker } from './AgencyPicker.tsx';
import { deskActions, type WalkInPrefill } from './deskStore.ts';
import { agencyName, BLOOD_TYPE_LIST, formatPhone, maskNationalId } from './deskText.ts';
import { changesOf, EMPTY_FORM, formValuesOf, validateDonorForm, type DonorFormValues, type FormField, type FormProblems } from './donorForm.ts';
import { findDonor, findSamePerson } from './overlay.ts';
import { BiPair } from '../../i18n/bilingual.tsx';
import { Bi, En, Named, useDeskText } from './Text.tsx';
import { useDesk } from './useDeskData.ts';

interface Duplicate {
  donorId: string;
  match: 'nationalId' | 'identity';
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
  const [busy, setBusy] = useState(false);
  /** A catalog key. */
  const [notice, setNotice] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const agencies = useMemo(
    () => [...(projection?.agencies.values() ?? [])].map((a) => ({ id: a.id, name: a.name, ...(a.nameEn ? { nameEn: a.nameEn } : {}) })),
    [projection],
  );

  if (props.mode === 'edit' && !editing) {
    return (
      <section className="card form-card">
        <p className="empty">{t('desk.form.notFound')}</p>
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
  const hints = eligibilityHints({ today, birthYear: lenient.birthYear ?? null, gender: lenient.gender ?? null, weightKg: lenient.weightKg ?? null, lastDonationDate: preview.details?.lastDonationDate ?? null });

  const focusFirstError = (found: FormProblems) => {
    const first = FIELD_ORDER.find((f) => found[f]);
    if (first) formRef.current?.querySelector<HTMLElement>(`#donor-${first}, [data-field="${first}"] input`)?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    const { problems: found, details } = validateDonorForm(values, { required: props.mode === 'create', today });
    setProblems(found);
    if (!details) return focusFirstError(found);

    if (props.mode === 'edit' && editing) {
      const changes = changesOf(editing, details);
      if (Object.keys(changes).length === 0) return setNotice('desk.form.nothingChanged');
      if (typeof changes.nationalId === 'string') {
        const same = findSamePerson(projection, overlay, { fullName: details.fullName, agencyId: details.agencyId, nationalId: changes.nationalId }, editing.id);
        if (same?.match === 'nationalId') return setDuplicate(same);
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
    if (same && !(same.match === 'identity' && allowDuplicateName)) return setDuplicate(same);
    setBusy(true);
    const payload = { donorId: newDonorId(), ...details, ...(allowDuplicateName ? { allowDuplicateName: true } : {}) };
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
        <h2 className="section-title">
          {props.mode === 'create' ? <Bi k="desk.form.titleCreate" /> : <Bi k="desk.form.titleEdit" v={{ name: editing?.fullName ?? '' }} />}
        </h2>
        <button type="button" className="btn btn--quiet btn--small" onClick={() => deskActions.closeForm()}>
          <Bi k="common.close" /> <span className="en">(F2)</span>
        </button>
      </header>
      <form ref={formRef} className="form" onSubmit={(e) => void submit(e)} noValidate>
        <Field id="donor-fullName" k="fullName" error={errors.fullName} required>
          <input id="donor-fullName" className="input" data-testid="field-fullName" autoFocus autoComplete="off" value={values.fullName} maxLength={140} onChange={(e) => set('fullName', e.target.value)} />
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
            <input id="donor-birthYear" className="input" data-testid="field-birthYear" inputMode="numeric" maxLength={4} placeholder="1990" value={values.birthYear} onChange={(e) => set('birthYear', e.target.value.replace(/\D/g, ''))} />
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
            <input id="donor-phone" className="input" data-testid="field-phone" inputMode="tel" autoComplete="off" placeholder="0912 345 678" value={values.phone} onChange={(e) => set('phone', e.target.value)} />
          </Field>
          <Field id="donor-weightKg" k="weight" error={errors.weightKg} required={props.mode === 'create'}>
            <input id="donor-weightKg" className="input" data-testid="field-weightKg" inputMode="decimal" placeholder={t('desk.form.weightPlaceholder')} value={values.weightKg} onChange={(e) => set('weightKg', e.target.value)} />
          </Field>
        </div>
        <div className="form__row">
          <Field
            id="donor-nationalId"
            k="nationalId"
            error={errors.nationalId}
            {...(editing?.nationalId ? { hint: t('desk.form.nationalIdKept', { masked: maskNationalId(editing.nationalId) }) } : {})}
          >
            <input id="donor-nationalId" className="input" data-testid="field-nationalId" inputMode="numeric" autoComplete="off" maxLength={14} placeholder={t('desk.form.nationalIdPlaceholder')} value={values.nationalId} onChange={(e) => set('nationalId', e.target.value)} />
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
          <input id="donor-lastDonationDate" className="input" data-testid="field-lastDonationDate" placeholder="15/3/2024" value={values.lastDonationDate} onChange={(e) => set('lastDonationDate', e.target.value)} />
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
              <Bi k={duplicate.match === 'nationalId' ? 'desk.form.duplicateNationalId' : 'desk.form.duplicateIdentity'} />
            </p>
            {existing ? <DuplicateCard donor={existing} /> : <p>{t('desk.form.duplicateId', { id: duplicate.donorId })}</p>}
            <div className="row">
              <button type="button" className="btn btn--primary" data-testid="open-existing" onClick={() => deskActions.select(duplicate.donorId)}>
                <Bi k="desk.form.useExisting" />
              </button>
              {duplicate.match === 'identity' && props.mode === 'create' ? (
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
      {donor.nationalId ? ` · ${t('desk.cccdMasked', { masked: maskNationalId(donor.nationalId) })}` : ''}
    </div>
  );
}
