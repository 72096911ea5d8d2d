/**
 * Xoá dữ liệu một người / Erase one person (a donor's request): find them (name without
 * diacritics, phone, the last 4 digits of the CCCD), choose them, give the request's reference
 * as the reason, confirm. The server deletes their key; the row then stays in the list, greyed,
 * as "đã xoá" — the person can no longer be found by name, so without it the admin would not
 * see what became of the one they just erased.
 */
import { useDeferredValue, useMemo, useRef, useState } from 'react';
import type { Donor } from '../../../shared/projection.ts';
import { searchDonors } from '../../../shared/donorSearch.ts';
import { useFormat, useLang, useT } from '../../i18n/index.ts';
import { Empty, Field, OutcomeLine, Panel, type Outcome } from './forms.tsx';
import { useProjection } from './live.ts';
import { eraseDonor, maskedNationalId, privacyErrorText, reasonProblem, useAgencyName, useDonorIndex } from './privacy.ts';

const LIMIT = 20;

function DonorName({ donor }: { donor: Donor }) {
  const t = useT();
  return (
    <>
      {donor.erased ? <span className="adm-erased-name">{t('admin.privacy.erasedName')}</span> : <span className="adm-strong">{donor.fullName}</span>}
      <div className="adm-sub adm-mono">{donor.id}</div>
    </>
  );
}

function ResultRow({ donor, onChoose }: { donor: Donor; onChoose: () => void }) {
  const t = useT();
  const fmt = useFormat();
  const lang = useLang();
  const agencyName = useAgencyName();
  return (
    <tr className={donor.erased ? 'is-erased' : ''} data-testid={`privacy-result-${donor.id}`} data-erased={donor.erased ? 'true' : 'false'}>
      <td>
        <DonorName donor={donor} />
      </td>
      <td>{agencyName(donor.agencyId, lang)}</td>
      <td className="num adm-nowrap">{maskedNationalId(donor.nationalIdLast4)}</td>
      <td className="adm-nowrap">{fmt.dateTime(donor.registeredAt)}</td>
      <td className="adm-actions">
        {donor.erased ? (
          <span className="adm-badge adm-badge--muted">{t('admin.privacy.erasedBadge')}</span>
        ) : (
          <button type="button" className="adm-btn adm-btn--small adm-btn--danger" onClick={onChoose} data-testid={`privacy-choose-${donor.id}`}>
            {t('admin.privacy.choose')}
          </button>
        )}
      </td>
    </tr>
  );
}

/** The chosen person, what erasing them does, the reason, and the confirmation. */
function EraseForm(props: { donor: Donor; onSending: () => void; onDone: (outcome: Outcome) => void; onCancel: () => void }) {
  const { donor, onDone, onCancel } = props;
  const t = useT();
  const fmt = useFormat();
  const lang = useLang();
  const agencyName = useAgencyName();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const problem = reasonProblem(reason, donor);
  const confirm = async () => {
    if (problem || busy) return;
    setBusy(true);
    props.onSending();
    try {
      const answer = await eraseDonor(donor.id, reason);
      onDone({ kind: 'ok', text: t('admin.privacy.done', { id: donor.id, seq: fmt.number(answer.seq) }) });
    } catch (err) {
      setBusy(false);
      onDone({ kind: 'error', text: t('admin.privacy.failed', { reason: privacyErrorText(err) }) });
    }
  };
  return (
    <form
      className="adm-card adm-card--danger"
      data-testid="privacy-erase-form"
      onSubmit={(e) => {
        e.preventDefault();
        void confirm();
      }}
    >
      <h3 className="adm-card__title">{t('admin.privacy.formTitle')}</h3>
      <dl className="adm-person">
        <div>
          <dt>{t('admin.privacy.colName')}</dt>
          <dd className="adm-strong">{donor.fullName}</dd>
        </div>
        <div>
          <dt>{t('admin.privacy.colAgency')}</dt>
          <dd>{agencyName(donor.agencyId, lang)}</dd>
        </div>
        <div>
          <dt>{t('admin.privacy.colCccd')}</dt>
          <dd className="num">{maskedNationalId(donor.nationalIdLast4)}</dd>
        </div>
        <div>
          <dt>{t('admin.privacy.colRegisteredAt')}</dt>
          <dd>{fmt.dateTime(donor.registeredAt)}</dd>
        </div>
      </dl>
      <p className="adm-caution">{t('admin.privacy.formWhat')}</p>
      <Field label={t('admin.privacy.reason')} hint={t('admin.privacy.reasonHint')} wide>
        {(id) => <textarea id={id} rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus data-testid="privacy-erase-reason" />}
      </Field>
      <div className="adm-savebar">
        {problem && reason.trim() ? <span className="adm-warn">{t(problem)}</span> : null}
        <button type="button" className="adm-btn adm-btn--ghost" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="adm-btn adm-btn--destroy" disabled={busy || problem !== null} data-testid="privacy-erase-confirm">
          {busy ? t('admin.privacy.erasing') : t('admin.privacy.confirm')}
        </button>
      </div>
    </form>
  );
}

export function EraseDonorPanel() {
  const t = useT();
  const fmt = useFormat();
  const { projection } = useProjection();
  const index = useDonorIndex();
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const [chosenId, setChosenId] = useState<string | null>(null);
  /** Erased from here since the last search: kept in the list (greyed), as they can no longer be found by name. */
  const [erasedHere, setErasedHere] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const answer = useMemo(() => (index ? searchDonors(index, deferred, { limit: LIMIT }) : { results: [], total: 0 }), [index, deferred]);
  /**
   * Every row shown for the current search, in order of first appearance: an erased row
   * (gone from the search's own results, back through `erasedHere`) keeps its place.
   */
  const shownOrder = useRef<{ query: string; ids: string[] }>({ query: '', ids: [] });
  const rows = useMemo(() => {
    const found = answer.results.map((r) => r.donor);
    const shown = new Set(found.map((d) => d.id));
    for (const id of erasedHere) {
      const donor = projection?.donors.get(id);
      if (donor && !shown.has(id)) found.push(donor);
    }
    const before = shownOrder.current.query === deferred ? shownOrder.current.ids : [];
    const order = [...before, ...found.map((d) => d.id).filter((id) => !before.includes(id))];
    shownOrder.current = { query: deferred, ids: order };
    return found.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  }, [answer, erasedHere, projection, deferred]);
  const chosen = chosenId ? projection?.donors.get(chosenId) : undefined;
  // Erased meanwhile (another admin, retention): nothing left to erase.
  const open = chosen && !chosen.erased ? chosen : null;

  const search = (text: string) => {
    setQuery(text);
    setChosenId(null);
    setErasedHere([]);
  };

  return (
    <Panel title={t('admin.privacy.eraseTitle')} intro={t('admin.privacy.eraseIntro')} testId="privacy-erase-panel">
      <OutcomeLine outcome={outcome} testId="privacy-erase-result" />
      {open ? (
        <EraseForm
          key={open.id}
          donor={open}
          onCancel={() => setChosenId(null)}
          // Kept in the list from now: the erasure may reach the projection (and take the name
          // out of the search) before its answer does. A refusal leaves them found as before.
          onSending={() => setErasedHere((ids) => [...ids, open.id])}
          onDone={(result) => {
            setOutcome(result);
            if (result.kind === 'ok') setChosenId(null);
          }}
        />
      ) : (
        <>
          <Field label={t('admin.privacy.search')} hint={t('admin.privacy.searchHint')}>
            {(id) => (
              <input
                id={id}
                type="search"
                className="adm-search"
                value={query}
                placeholder={t('admin.privacy.searchPlaceholder')}
                autoComplete="off"
                spellCheck={false}
                onChange={(e) => search(e.target.value)}
                data-testid="privacy-search"
              />
            )}
          </Field>
          {!query.trim() ? null : rows.length === 0 ? (
            <Empty>{t('admin.privacy.noMatch')}</Empty>
          ) : (
            <>
              <div className="adm-table-wrap adm-results">
                <table className="adm-table" data-testid="privacy-results">
                  <thead>
                    <tr>
                      <th>{t('admin.privacy.colName')}</th>
                      <th>{t('admin.privacy.colAgency')}</th>
                      <th className="num">{t('admin.privacy.colCccd')}</th>
                      <th>{t('admin.privacy.colRegisteredAt')}</th>
                      <th>
                        <span className="sr-only">{t('common.actions')}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((donor) => (
                      <ResultRow
                        key={donor.id}
                        donor={donor}
                        onChoose={() => {
                          setOutcome(null);
                          setChosenId(donor.id);
                        }}
                      />
                    ))}
                  </tbody>
                </table>
              </div>
              {answer.total > answer.results.length ? (
                <p className="adm-sub adm-note">{t('admin.privacy.moreMatches', { shown: fmt.number(answer.results.length), total: fmt.number(answer.total) })}</p>
              ) : null}
            </>
          )}
        </>
      )}
    </Panel>
  );
}
