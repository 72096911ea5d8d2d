/** Small pieces the console's panels share: labelled fields, badges, the "chờ gửi" mark, inline errors, data titles, form footers. */
import type { ReactNode } from 'react';
import { Bi, BiPair, Second, useBi } from '../../i18n/bilingual.tsx';
import type { SubmitOutcome } from '../../device/send.ts';
import { useDeviceIdentity } from '../../device/identity.ts';
import { refusalText, severityLabel, statusLabel, type Severity } from './model.ts';
import type { ConsoleModel } from './useConsole.ts';

/**
 * Whether this device may undo an event (a wrong tap): its own, confirmed or still waiting to be
 * sent, or any for admin — the server lets a coordinator void only its own events.
 */
export function useMayUndo(model: Pick<ConsoleModel, 'unconfirmed' | 'projection'>): (eventId: string | undefined) => boolean {
  const me = useDeviceIdentity((s) => s.me);
  return (eventId) => {
    if (!eventId) return false;
    if (model.unconfirmed.has(eventId)) return true;
    return me !== null && (model.projection?.applied.get(eventId)?.actorTokenId === me.id || me.role === 'admin');
  };
}

/** A form field: its bilingual label (catalog key `k`) above the control. */
export function ConsoleField({ k, children }: { k: string; children: ReactNode }) {
  return (
    <label className="con-field">
      <span className="con-field__label">
        <Bi k={k} />
      </span>
      {children}
    </label>
  );
}

export function StatusPill({ status }: { status: string }) {
  const bi = useBi();
  return (
    <span className={`con-pill con-pill--${status}`} data-status={status}>
      {bi.pick(statusLabel(status)).main}
    </span>
  );
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span className={`con-sev con-sev--${severity}`} data-severity={severity}>
      <BiPair pair={severityLabel(severity)} />
    </span>
  );
}

export function PendingMark() {
  const bi = useBi();
  return (
    <span className="con-pending-mark" data-testid="pending-mark" title={bi.inline('console.pending.title')}>
      <Bi k="console.pending.mark" />
    </span>
  );
}

/**
 * A title from the data (a task, a run-of-show item) with its English one: Vietnamese first and
 * the English smaller; with English chosen, the English first and the Vietnamese smaller, as
 * the crew around still say it in Vietnamese.
 */
export function DataTitle({ title, titleEn, className, as: Tag = 'span' }: { title: string; titleEn?: string | null; className?: string; as?: 'span' | 'div' | 'strong' }) {
  const bi = useBi();
  const english = bi.lang === 'en' && titleEn;
  return (
    <>
      <Tag className={className}>{english ? titleEn : title}</Tag>
      {english ? <Second text={title} lang="vi" block /> : titleEn ? <Second text={titleEn} block /> : null}
    </>
  );
}

/** What became of a form's event, in words (null: nothing to say). */
export function outcomeMessage(outcome: SubmitOutcome | null): { tone: 'ok' | 'warn' | 'error'; text: ReactNode } | null {
  if (!outcome) return null;
  if (outcome.status === 'recorded') return null;
  if (outcome.status === 'queued') return { tone: 'warn', text: <Bi k="console.outcome.queued" block /> };
  const why = refusalText(outcome.code, outcome.message);
  return { tone: 'error', text: <Bi k="console.outcome.failed" v={(fmt) => ({ why: why[fmt.lang] })} block /> };
}

export function OutcomeNote({ outcome }: { outcome: SubmitOutcome | null }) {
  const message = outcomeMessage(outcome);
  if (!message) return null;
  return (
    <p className={`con-outcome con-outcome--${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'}>
      {message.text}
    </p>
  );
}

/** A form's own problem (a catalog key), in the chosen language. */
export function ProblemNote({ problem }: { problem: string | null }) {
  if (!problem) return null;
  return (
    <p className="con-outcome con-outcome--error" role="alert">
      <Bi k={problem} block />
    </p>
  );
}

/** The end of a console form: what went wrong (its own problem, the server's refusal), then send and cancel. */
export function FormFooter(props: { problem?: string | null; outcome: SubmitOutcome | null; submit: string; danger?: boolean; disabled: boolean; testId: string; onCancel: () => void }) {
  return (
    <>
      <ProblemNote problem={props.problem ?? null} />
      <OutcomeNote outcome={props.outcome} />
      <div className="con-actions">
        <button type="submit" className={`con-btn ${props.danger ? 'con-btn--danger' : 'con-btn--primary'}`} disabled={props.disabled} data-testid={props.testId}>
          <Bi k={props.submit} />
        </button>
        <button type="button" className="con-btn" onClick={props.onCancel}>
          <Bi k="common.cancel" />
        </button>
      </div>
    </>
  );
}
