/**
 * Agencies and their quotas (agency.upserted): the list with live progress, and a form to add
 * one ("other departments" one by one, with their headcount: quota = 50 % of it, rounded up,
 * as the plan says) or to edit one. The quota is either a fixed number, a percentage of the
 * headcount, or none.
 */
import { useState } from 'react';
import { WALK_IN_AGENCY_ID } from '../../../shared/constants.ts';
import type { AgencyInfo } from '../../../shared/projection.ts';
import { quotaOf, type QuotaRuleValue } from '../../../shared/quota.ts';
import { percentOfQuota } from '../../../shared/report.ts';
import { useFormat, useLang, useT, type Formatter, type TFunction } from '../../i18n/index.ts';
import { AddButton, EditForm, Empty, Field, Panel, useEditing } from './forms.tsx';
import { uniqueId } from './ids.ts';
import { nameIn, useProjection } from './live.ts';
import { useWriter } from './write.ts';

type QuotaKind = 'none' | 'count' | 'percent';

interface AgencyDraft {
  agencyId: string;
  idTouched: boolean;
  name: string;
  nameEn: string;
  kind: QuotaKind;
  count: string;
  percent: string;
  headcount: string;
}

const DEFAULT_PERCENT = '50';

function draftOf(agency: AgencyInfo | null): AgencyDraft {
  const rule = agency?.quotaRule ?? null;
  return {
    agencyId: agency?.id ?? '',
    idTouched: agency !== null,
    name: agency?.name ?? '',
    nameEn: agency?.nameEn ?? '',
    kind: rule === null ? (agency ? 'none' : 'percent') : rule.kind === 'count' ? 'count' : 'percent',
    count: rule?.kind === 'count' ? String(rule.count) : '',
    percent: rule?.kind === 'percent_of_headcount' ? String(rule.percent) : DEFAULT_PERCENT,
    headcount: rule?.kind === 'percent_of_headcount' && rule.headcount !== null ? String(rule.headcount) : '',
  };
}

const isWhole = (s: string) => /^\d{1,7}$/.test(s.trim());

/** The quota rule of a draft, or an error message. */
function ruleOf(draft: AgencyDraft, t: TFunction): { rule: QuotaRuleValue | null } | { error: string } {
  if (draft.kind === 'none') return { rule: null };
  if (draft.kind === 'count') {
    if (!isWhole(draft.count)) return { error: t('admin.agencies.needCount') };
    return { rule: { kind: 'count', count: Number(draft.count) } };
  }
  const percent = Number(draft.percent.replace(',', '.'));
  if (!(percent > 0 && percent <= 100)) return { error: t('admin.agencies.badPercent') };
  if (draft.headcount.trim() !== '' && !isWhole(draft.headcount)) return { error: t('admin.agencies.badHeadcount') };
  return { rule: { kind: 'percent_of_headcount', percent, headcount: draft.headcount.trim() === '' ? null : Number(draft.headcount) } };
}

/** "50% of 120 people, rounded up", "fixed", "no quota". */
export function describeRule(rule: QuotaRuleValue | null, t: TFunction, fmt: Formatter): string {
  if (!rule) return t('admin.agencies.ruleNone');
  if (rule.kind === 'count') return t('admin.agencies.ruleCount');
  if (rule.headcount === null) return t('admin.agencies.rulePercentUnknown', { percent: fmt.number(rule.percent) });
  return t('admin.agencies.rulePercent', { percent: fmt.number(rule.percent), headcount: fmt.number(rule.headcount) });
}

function AgencyForm(props: { agency: AgencyInfo | null; taken: (id: string) => boolean; onDone: () => void }) {
  const t = useT();
  const fmt = useFormat();
  const editing = props.agency !== null;
  const [draft, setDraft] = useState(() => draftOf(props.agency));
  const { busy, write } = useWriter(props.onDone);
  const patch = (p: Partial<AgencyDraft>) =>
    setDraft((d) => {
      const next = { ...d, ...p };
      if (!editing && !next.idTouched) next.agencyId = uniqueId(next.name, props.taken, 'don-vi');
      return next;
    });
  const result = ruleOf(draft, t);
  const quota = 'rule' in result ? quotaOf(result.rule) : null;
  const idProblem = editing
    ? null
    : !/^[a-z0-9][a-z0-9-]{0,63}$/.test(draft.agencyId)
      ? t('admin.agencies.badId')
      : props.taken(draft.agencyId)
        ? t('admin.agencies.idTaken')
        : draft.agencyId === WALK_IN_AGENCY_ID
          ? t('admin.agencies.idReserved')
          : null;
  const problem = !draft.name.trim() ? t('admin.agencies.needName') : (idProblem ?? ('error' in result ? result.error : null));

  const save = async () => {
    if (problem || !('rule' in result)) return;
    await write(
      'agency.upserted',
      { agencyId: draft.agencyId, name: draft.name.trim(), ...(draft.nameEn.trim() ? { nameEn: draft.nameEn.trim() } : {}), quota: result.rule },
      t(editing ? 'admin.agencies.saved' : 'admin.agencies.added', { name: draft.name.trim() }),
    );
  };

  return (
    <EditForm
      testId="agency-form"
      title={editing ? t('admin.agencies.editTitle', { name: props.agency!.name }) : t('admin.agencies.addTitle')}
      editing={editing}
      addLabel={t('admin.agencies.addButton')}
      problem={problem}
      showProblem={Boolean(draft.name || draft.count || draft.headcount)}
      busy={busy}
      onSave={() => void save()}
      onCancel={props.onDone}
      saveTestId="agency-save"
    >
      <Field label={t('admin.agencies.name')} wide>
        {(id) => (
          <input id={id} value={draft.name} maxLength={200} autoFocus placeholder={t('admin.agencies.namePlaceholder')} onChange={(e) => patch({ name: e.target.value })} data-testid="agency-name" />
        )}
      </Field>
      <Field label={t('admin.agencies.nameEn')}>
        {(id) => <input id={id} value={draft.nameEn} maxLength={200} lang="en" onChange={(e) => patch({ nameEn: e.target.value })} data-testid="agency-name-en" />}
      </Field>
      <Field label={t('admin.agencies.id')} hint={editing ? t('admin.agencies.idFixed') : t('admin.agencies.idHint')}>
        {(id) => (
          <input
            id={id}
            value={draft.agencyId}
            maxLength={64}
            disabled={editing}
            onChange={(e) => patch({ agencyId: e.target.value.trim(), idTouched: true })}
            data-testid="agency-id"
            className="adm-mono"
          />
        )}
      </Field>
      <fieldset className="adm-fieldset adm-field--wide">
        <legend className="adm-field__label">{t('admin.agencies.quotaKind')}</legend>
        <div className="adm-choices">
          {(['percent', 'count', 'none'] as const).map((kind) => (
            <label key={kind} className="adm-choice">
              <input type="radio" name="quota-kind" checked={draft.kind === kind} onChange={() => patch({ kind })} data-testid={`quota-kind-${kind}`} />
              {t(`admin.agencies.kind_${kind}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {draft.kind === 'percent' ? (
        <>
          <Field label={t('admin.agencies.headcount')} hint={t('admin.agencies.headcountHint')}>
            {(id) => <input id={id} inputMode="numeric" value={draft.headcount} onChange={(e) => patch({ headcount: e.target.value })} data-testid="agency-headcount" className="adm-input--short" />}
          </Field>
          <Field label={t('admin.agencies.percent')}>
            {(id) => <input id={id} inputMode="decimal" value={draft.percent} onChange={(e) => patch({ percent: e.target.value })} data-testid="agency-percent" className="adm-input--short" />}
          </Field>
        </>
      ) : null}
      {draft.kind === 'count' ? (
        <Field label={t('admin.agencies.count')}>
          {(id) => <input id={id} inputMode="numeric" value={draft.count} onChange={(e) => patch({ count: e.target.value })} data-testid="agency-count" className="adm-input--short" />}
        </Field>
      ) : null}
      <div className="adm-quota-preview" data-testid="agency-quota-preview" aria-live="polite">
        {t('admin.agencies.quotaPreview')}: <strong className="num">{quota === null ? '—' : fmt.number(quota)}</strong>
        {draft.kind === 'percent' && quota !== null ? <span className="adm-field__hint"> {t('admin.agencies.roundedUp')}</span> : null}
      </div>
    </EditForm>
  );
}

export function AgenciesPanel() {
  const t = useT();
  const fmt = useFormat();
  const lang = useLang();
  const { projection } = useProjection();
  const { editing, edited, edit, done } = useEditing(projection?.agencies);
  if (!projection) return null;
  const agencies = [...projection.agencies.values()].filter((a) => a.id !== WALK_IN_AGENCY_ID);
  const countOn = projection.event?.countOn ?? 'donated';
  const target = agencies.reduce((n, a) => n + (quotaOf(a.quotaRule) ?? 0), 0);
  const taken = (id: string) => projection.agencies.has(id) || id === WALK_IN_AGENCY_ID;

  return (
    <Panel
      title={t('admin.agencies.title')}
      intro={t('admin.agencies.intro', { n: fmt.number(agencies.length), target: fmt.number(target) })}
      actions={<AddButton label={t('admin.agencies.add')} editing={editing} onAdd={() => edit('new')} testId="agency-add" />}
      testId="agencies-panel"
    >
      {editing !== null ? <AgencyForm key={editing} agency={edited} taken={taken} onDone={done} /> : null}
      {agencies.length === 0 ? (
        <Empty>{t('admin.agencies.none')}</Empty>
      ) : (
        <div className="adm-table-wrap">
          <table className="adm-table" data-testid="agencies-table">
            <thead>
              <tr>
                <th>{t('admin.agencies.name')}</th>
                <th>{t('admin.agencies.rule')}</th>
                <th className="num">{t('report.quota')}</th>
                <th className="num">{t('report.registered')}</th>
                <th className="num">{t(`report.${countOn}`)}</th>
                <th className="num">{t('report.percent')}</th>
                <th>
                  <span className="sr-only">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {agencies.map((agency) => {
                const quota = quotaOf(agency.quotaRule);
                const counts = projection.byAgency.get(agency.id);
                const counted = counts?.[countOn] ?? 0;
                const pct = percentOfQuota(counted, quota);
                return (
                  <tr key={agency.id} data-testid={`admin-agency-${agency.id}`} className={editing === agency.id ? 'is-editing' : ''}>
                    <td>
                      <div className="adm-strong">{nameIn(lang, agency)}</div>
                      <div className="adm-sub">
                        <code>{agency.id}</code>
                        {lang === 'vi' && agency.nameEn ? <span lang="en"> · {agency.nameEn}</span> : null}
                        {lang === 'en' && agency.nameEn ? <span lang="vi"> · {agency.name}</span> : null}
                      </div>
                    </td>
                    <td className="adm-sub">{describeRule(agency.quotaRule, t, fmt)}</td>
                    <td className="num adm-strong" data-testid="agency-quota">
                      {quota === null ? '—' : fmt.number(quota)}
                    </td>
                    <td className="num">{fmt.number(counts?.registered ?? 0)}</td>
                    <td className="num">{fmt.number(counted)}</td>
                    <td className="num">
                      {pct === null ? (
                        '—'
                      ) : (
                        <span className="adm-pct">
                          <span className="adm-pct__text">{fmt.percent(pct)}</span>
                          <span className="adm-pct__track" aria-hidden="true">
                            <span className="adm-pct__bar" style={{ width: `${Math.min(100, pct)}%` }} />
                          </span>
                        </span>
                      )}
                    </td>
                    <td className="adm-actions">
                      <button type="button" className="adm-btn adm-btn--small" onClick={() => edit(agency.id)} data-testid={`agency-edit-${agency.id}`}>
                        {t('common.edit')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
