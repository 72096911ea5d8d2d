/** Small pieces the console's panels share: bilingual text, badges, the "chờ gửi" mark, inline errors. */
import type { ReactNode } from 'react';
import type { SubmitOutcome } from '../../outbox/outbox.ts';
import { refusalText, SEVERITY_LABELS, statusLabel, type Bilingual, type Severity } from './model.ts';

/** Vietnamese first, English second and smaller. */
export function Bi({ vi, en, block = false }: Bilingual & { block?: boolean }) {
  if (!en) return <>{vi}</>;
  return (
    <>
      {vi} <span className={block ? 'en con-en-block' : 'en'}>{en}</span>
    </>
  );
}

export function StatusPill({ status }: { status: string }) {
  const label = statusLabel(status);
  return (
    <span className={`con-pill con-pill--${status}`} data-status={status}>
      {label.vi}
    </span>
  );
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  const label = SEVERITY_LABELS[severity];
  return (
    <span className={`con-sev con-sev--${severity}`} data-severity={severity}>
      {label.vi} <span className="en">{label.en}</span>
    </span>
  );
}

export function PendingMark() {
  return (
    <span className="con-pending-mark" data-testid="pending-mark" title="Đang chờ gửi lên máy chủ · waiting to be sent">
      chờ gửi <span className="en">pending</span>
    </span>
  );
}

/** What became of a form's event, in words (null: nothing to say). */
export function outcomeMessage(outcome: SubmitOutcome | null): { tone: 'ok' | 'warn' | 'error'; text: ReactNode } | null {
  if (!outcome) return null;
  if (outcome.status === 'recorded') return null;
  if (outcome.status === 'queued')
    return {
      tone: 'warn',
      text: <Bi vi="Đã lưu trên máy, sẽ gửi khi có mạng." en="Saved on this phone; it will be sent when the link is back." block />,
    };
  const why = refusalText(outcome.code, outcome.message);
  return { tone: 'error', text: <Bi vi={`Không thực hiện được: ${why.vi}.`} en={why.en} block /> };
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
