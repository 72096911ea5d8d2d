/**
 * Xoá toàn bộ dữ liệu cá nhân ngay / Erase everyone's personal data now: for when the festival
 * is over and the organisers do not want to wait for the retention period. Irreversible, so it
 * asks for a reason and for the word XOÁ typed out (a click alone is too easy to make).
 */
import { useState } from 'react';
import { foldForSearch } from '../../../shared/format.ts';
import { useFormat, useT } from '../../i18n/index.ts';
import { Field, OutcomeLine, Panel, type Outcome } from './forms.tsx';
import { expireAll, privacyErrorText, reasonProblem, usePeopleFigures } from './privacy.ts';

/**
 * The typed word matches without minding case or accents: XOÁ, XÓA, xoa (a laptop without a
 * Vietnamese keyboard) — and the English word, whichever language the page is in.
 */
const WORDS = ['xoa', 'erase'];

export function EraseAllPanel({ onExpired }: { onExpired: () => void }) {
  const t = useT();
  const fmt = useFormat();
  const figures = usePeopleFigures();
  const [reason, setReason] = useState('');
  const [word, setWord] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const held = figures?.held ?? 0;
  const confirmed = WORDS.includes(foldForSearch(word));
  const problem = reasonProblem(reason);

  const run = async () => {
    if (busy || !confirmed || problem || held === 0) return;
    setBusy(true);
    try {
      await expireAll(reason);
      setOutcome({ kind: 'ok', text: t('admin.privacy.allDone', { n: fmt.number(held) }) });
      setReason('');
      setWord('');
      onExpired();
    } catch (err) {
      setOutcome({ kind: 'error', text: t('admin.privacy.failed', { reason: privacyErrorText(err) }) });
    }
    setBusy(false);
  };

  return (
    <Panel title={t('admin.privacy.allTitle')} intro={held > 0 ? t('admin.privacy.allIntro', { n: fmt.number(held) }) : t('admin.privacy.allNone')} testId="privacy-expire-panel" danger>
      <OutcomeLine outcome={outcome} testId="privacy-expire-result" />
      <form
        className="adm-expire"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <Field label={t('admin.privacy.reason')} hint={t('admin.privacy.allReasonHint')}>
          {(id) => <input id={id} value={reason} maxLength={500} disabled={held === 0} onChange={(e) => setReason(e.target.value)} data-testid="privacy-expire-reason" />}
        </Field>
        <Field label={t('admin.privacy.allWord', { word: t('admin.privacy.word') })}>
          {(id) => (
            <input
              id={id}
              className="adm-input--short"
              value={word}
              autoComplete="off"
              spellCheck={false}
              disabled={held === 0}
              onChange={(e) => setWord(e.target.value)}
              data-testid="privacy-expire-word"
            />
          )}
        </Field>
        <button type="submit" className="adm-btn adm-btn--destroy adm-expire__btn" disabled={busy || !confirmed || problem !== null || held === 0} data-testid="privacy-expire">
          {busy ? t('admin.privacy.erasing') : t('admin.privacy.allButton')}
        </button>
      </form>
    </Panel>
  );
}
