/**
 * Milestones: the announcement text of each kind (milestone.template_set; the default text of
 * shared/milestones.ts is shown until the organisers change it) with a preview filled in, and
 * the organisers' own milestones (milestone.rule_defined): a threshold on a total, overall or
 * for one agency.
 */
import { useState } from 'react';
import { WALK_IN_AGENCY_ID } from '../../../shared/constants.ts';
import { DEFAULT_TEMPLATES, renderTemplate, type MilestoneKind, type MilestoneRule } from '../../../shared/milestones.ts';
import { useFormat, useLang, useT, type Formatter } from '../../i18n/index.ts';
import { AddButton, EditForm, Empty, Field, Panel, useEditing } from './forms.tsx';
import { uniqueId } from './ids.ts';
import { nameIn, useProjection } from './live.ts';
import { useWriter, writeEvent } from './write.ts';

const KINDS = Object.keys(DEFAULT_TEMPLATES) as MilestoneKind[];
const PLACEHOLDERS = ['n', 'target', 'remaining', 'agency', 'quota', 'count', 'day', 'time', 'label', 'agencyPart'];

function sampleVars(fmt: Formatter, sampleAgency: string): Record<string, string> {
  // Always Vietnamese numbers: the announcement is read out in Vietnamese.
  const vi = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
  return {
    n: vi(500),
    count: vi(30),
    target: vi(2000),
    remaining: vi(1500),
    agency: sampleAgency,
    agencyPart: ` (${sampleAgency})`,
    quota: vi(60),
    day: '19/7/2024',
    time: fmt.time(Date.UTC(2024, 6, 19, 2, 40)),
    label: 'Mốc riêng',
  };
}

function TemplateEditor(props: { kind: MilestoneKind; current: string | undefined; sampleAgency: string }) {
  const t = useT();
  const fmt = useFormat();
  const saved = props.current ?? DEFAULT_TEMPLATES[props.kind];
  const [text, setText] = useState(saved);
  const [base, setBase] = useState(saved);
  const [busy, setBusy] = useState(false);
  if (base !== saved && text === base) {
    // Changed elsewhere while untouched here: follow it.
    setBase(saved);
    setText(saved);
  }
  const isDefault = props.current === undefined || props.current === DEFAULT_TEMPLATES[props.kind];
  const save = async (value: string) => {
    setBusy(true);
    if (await writeEvent('milestone.template_set', { kind: props.kind, text: value.trim() }, t('admin.milestones.templateSaved'))) {
      setBase(value.trim());
      setText(value.trim());
    }
    setBusy(false);
  };
  return (
    <div className="adm-template" data-testid={`template-${props.kind}`}>
      <div className="adm-template__head">
        <h3 className="adm-template__title">{t(`milestoneKinds.${props.kind}`)}</h3>
        <span className={`adm-badge ${isDefault ? '' : 'adm-badge--accent'}`}>{isDefault ? t('admin.milestones.default') : t('admin.milestones.custom')}</span>
      </div>
      <textarea rows={3} value={text} maxLength={1000} lang="vi" aria-label={t(`milestoneKinds.${props.kind}`)} onChange={(e) => setText(e.target.value)} />
      <p className="adm-template__preview">
        <span className="adm-sub">{t('admin.milestones.preview')}: </span>
        {renderTemplate(text, sampleVars(fmt, props.sampleAgency))}
      </p>
      <div className="adm-savebar adm-savebar--tight">
        {!isDefault ? (
          <button type="button" className="adm-btn adm-btn--ghost" disabled={busy} onClick={() => void save(DEFAULT_TEMPLATES[props.kind])}>
            {t('admin.milestones.restore')}
          </button>
        ) : null}
        <button type="button" className="adm-btn adm-btn--ghost" disabled={busy || text === saved} onClick={() => setText(saved)}>
          {t('common.cancel')}
        </button>
        <button type="button" className="adm-btn adm-btn--primary" disabled={busy || text.trim() === '' || text.trim() === saved} onClick={() => void save(text)}>
          {t('common.save')}
        </button>
      </div>
    </div>
  );
}

interface RuleDraft {
  label: string;
  metric: MilestoneRule['metric'];
  agencyId: string;
  threshold: string;
  script: string;
}

function RuleForm(props: { rule: MilestoneRule | null; onDone: () => void }) {
  const t = useT();
  const lang = useLang();
  const { projection } = useProjection();
  const editing = props.rule !== null;
  const [draft, setDraft] = useState<RuleDraft>(() => ({
    label: props.rule?.label ?? '',
    metric: props.rule?.metric ?? 'donated',
    agencyId: props.rule?.agencyId ?? '',
    threshold: props.rule ? String(props.rule.threshold) : '',
    script: props.rule?.script ?? '',
  }));
  const { busy, write } = useWriter(props.onDone);
  const patch = (p: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...p }));
  const agencies = [...(projection?.agencies.values() ?? [])].filter((a) => a.id !== WALK_IN_AGENCY_ID);
  const threshold = Number(draft.threshold);
  const problem = !draft.label.trim() ? t('admin.milestones.needLabel') : !/^\d{1,8}$/.test(draft.threshold) || threshold < 1 ? t('admin.milestones.badThreshold') : null;

  const save = async () => {
    if (problem || !projection) return;
    const ruleId = props.rule?.id ?? uniqueId(draft.label, (id) => projection.milestoneRules.has(id), 'moc');
    await write(
      'milestone.rule_defined',
      {
        ruleId,
        label: draft.label.trim(),
        metric: draft.metric,
        ...(draft.agencyId ? { agencyId: draft.agencyId } : {}),
        threshold,
        ...(draft.script.trim() ? { script: draft.script.trim() } : {}),
      },
      t('admin.milestones.ruleSaved'),
    );
  };

  return (
    <EditForm
      testId="rule-form"
      title={editing ? t('admin.milestones.editRule') : t('admin.milestones.addRule')}
      editing={editing}
      addLabel={t('admin.milestones.addRuleButton')}
      problem={problem}
      showProblem={Boolean(draft.label)}
      busy={busy}
      onSave={() => void save()}
      onCancel={props.onDone}
    >
      <Field label={t('admin.milestones.label')} wide>
        {(id) => <input id={id} value={draft.label} maxLength={200} autoFocus placeholder={t('admin.milestones.labelPlaceholder')} onChange={(e) => patch({ label: e.target.value })} />}
      </Field>
      <Field label={t('admin.milestones.metric')}>
        {(id) => (
          <select id={id} value={draft.metric} onChange={(e) => patch({ metric: e.target.value as RuleDraft['metric'] })}>
            {(['donated', 'checkedIn', 'registered'] as const).map((m) => (
              <option key={m} value={m}>
                {t(`report.${m}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('admin.milestones.scope')}>
        {(id) => (
          <select id={id} value={draft.agencyId} onChange={(e) => patch({ agencyId: e.target.value })}>
            <option value="">{t('admin.milestones.wholeFestival')}</option>
            {agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {nameIn(lang, a)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('admin.milestones.threshold')}>
        {(id) => <input id={id} inputMode="numeric" value={draft.threshold} onChange={(e) => patch({ threshold: e.target.value })} className="adm-input--short" />}
      </Field>
      <Field label={t('admin.milestones.script')} hint={t('admin.milestones.scriptHint')} wide>
        {(id) => <textarea id={id} rows={2} value={draft.script} maxLength={1000} lang="vi" onChange={(e) => patch({ script: e.target.value })} />}
      </Field>
    </EditForm>
  );
}

export function MilestonesPanel() {
  const t = useT();
  const fmt = useFormat();
  const lang = useLang();
  const { projection } = useProjection();
  const { editing, edited, edit, done } = useEditing(projection?.milestoneRules);
  if (!projection) return null;
  const rules = [...projection.milestoneRules.values()];
  const sampleAgency = [...projection.agencies.values()].find((a) => a.id !== WALK_IN_AGENCY_ID)?.name ?? 'Sở Y tế';

  return (
    <div className="adm-stack">
      <Panel title={t('admin.milestones.templatesTitle')} intro={t('admin.milestones.templatesIntro')} testId="templates-panel">
        <p className="adm-placeholders">
          {t('admin.milestones.placeholders')}:{' '}
          {PLACEHOLDERS.map((p) => (
            <code key={p} title={t(`admin.milestones.ph_${p}`)}>
              {`{${p}}`}
            </code>
          ))}
        </p>
        <div className="adm-templates">
          {KINDS.map((kind) => (
            <TemplateEditor key={kind} kind={kind} current={projection.milestoneTemplates.get(kind)} sampleAgency={sampleAgency} />
          ))}
        </div>
      </Panel>
      <Panel
        title={t('admin.milestones.rulesTitle')}
        intro={t('admin.milestones.rulesIntro')}
        actions={<AddButton label={t('admin.milestones.addRule')} editing={editing} onAdd={() => edit('new')} />}
        testId="rules-panel"
      >
        {editing !== null ? <RuleForm key={editing} rule={edited} onDone={done} /> : null}
        {rules.length === 0 ? (
          <Empty>{t('admin.milestones.noRules')}</Empty>
        ) : (
          <table className="adm-table">
            <thead>
              <tr>
                <th>{t('admin.milestones.label')}</th>
                <th>{t('admin.milestones.scope')}</th>
                <th className="num">{t('admin.milestones.threshold')}</th>
                <th>{t('admin.milestones.state')}</th>
                <th>
                  <span className="sr-only">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rules.map((rule) => {
                const agency = rule.agencyId ? projection.agencies.get(rule.agencyId) : undefined;
                const reached = projection.milestones.get(`custom-${rule.id}`);
                return (
                  <tr key={rule.id}>
                    <td>
                      <div className="adm-strong">{rule.label}</div>
                      {rule.script ? <div className="adm-sub">{rule.script}</div> : null}
                    </td>
                    <td>
                      {agency ? nameIn(lang, agency) : t('admin.milestones.wholeFestival')}
                      <div className="adm-sub">{t(`report.${rule.metric}`)}</div>
                    </td>
                    <td className="num">{fmt.number(rule.threshold)}</td>
                    <td>{reached ? t('admin.milestones.reachedAt', { time: fmt.dateTime(reached.reachedAt) }) : t('admin.milestones.notYet')}</td>
                    <td className="adm-actions">
                      <button type="button" className="adm-btn adm-btn--small" onClick={() => edit(rule.id)}>
                        {t('common.edit')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Panel>
    </div>
  );
}
