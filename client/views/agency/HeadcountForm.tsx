/**
 * For an agency whose quota is a share of its headcount ("ít nhất 50 % quân số"): the liaison
 * enters the headcount, sees the quota it gives (rounded up, quota.ts), and saves it
 * (`agency.headcount_set`, through the device outbox: in the audit log with who and when).
 */
import { useEffect, useState } from 'react';
import type { QuotaRuleValue } from '../../../shared/quota.ts';
import { quotaOf } from '../../../shared/quota.ts';
import { randomEventId } from '../../components/importPlan.ts';
import { send } from '../../device/send.ts';
import { Bi, useBi } from '../../i18n/bilingual.tsx';
import { errorText } from '../../i18n/errors.ts';

type Rule = Extract<QuotaRuleValue, { kind: 'percent_of_headcount' }>;

export function HeadcountForm({ agencyId, rule }: { agencyId: string; rule: Rule }) {
  const bi = useBi();
  const saved = rule.headcount === null ? '' : String(rule.headcount);
  const [text, setText] = useState(saved);
  const [editing, setEditing] = useState(false);
  const [saying, setSaying] = useState<{ ok: boolean; text: string } | null>(null);
  // The office may change it too: the box follows unless the liaison is typing.
  useEffect(() => {
    if (!editing) setText(saved);
  }, [saved, editing]);
  const headcount = /^\d{1,8}$/.test(text.trim()) ? Number(text.trim()) : null;
  const quota = headcount === null ? null : quotaOf({ ...rule, headcount });

  const save = async () => {
    if (headcount === null) return;
    setSaying(null);
    const outcome = await send('agency.headcount_set', { agencyId, headcount }, { id: randomEventId('hc'), waitMs: 5000 });
    if (outcome.status === 'rejected') {
      setSaying({ ok: false, text: bi.t('agency.headcount.failed', { why: errorText(outcome.code, outcome.message) }) });
    } else setSaying({ ok: true, text: bi.t(outcome.status === 'queued' ? 'agency.headcount.queued' : 'agency.headcount.saved') });
    setEditing(false);
  };

  return (
    <section className="card agency__headcount" data-testid="agency-headcount">
      <h2 className="agency__section">
        <Bi k="agency.headcount.title" />
      </h2>
      <p className="agency__muted">
        <Bi k="agency.headcount.rule" v={(fmt) => ({ percent: fmt.number(rule.percent) })} />
      </p>
      <label className="agency__field">
        <span>{bi.t('agency.headcount.label')}</span>
        <input
          className="input"
          inputMode="numeric"
          value={text}
          onChange={(e) => {
            setEditing(true);
            setText(e.target.value);
          }}
          data-testid="agency-headcount-input"
        />
      </label>
      {quota !== null ? (
        <p className="agency__line">
          <Bi k="agency.headcount.gives" v={(fmt) => ({ quota: fmt.number(quota) })} />
        </p>
      ) : null}
      <button type="button" className="btn btn--primary" disabled={headcount === null || headcount === rule.headcount} onClick={() => void save()} data-testid="agency-headcount-save">
        {bi.t('agency.headcount.save')}
      </button>
      {saying ? (
        <p className={saying.ok ? 'agency__ok' : 'agency__warn'} role="status">
          {saying.text}
        </p>
      ) : null}
    </section>
  );
}
