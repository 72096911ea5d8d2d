/**
 * The desk's own recent events (ownEvents.ts), newest first, with their fate (waiting, recorded,
 * refused, undone) and "Hoàn tác" for the last 15 minutes: an `event.voided` with a reason;
 * the log keeps both.
 */
import { useState } from 'react';
import type { ProjectionState } from '../../../shared/projection.ts';
import { useNow } from '../../lib/useNow.ts';
import { undoEvent } from './actions.ts';
import { deskActions } from './deskStore.ts';
import { deferralReasonText, recordedText, typeKey, VOID_REASON_KEYS } from './deskText.ts';
import type { DeskOverlay } from './overlay.ts';
import type { OwnEntry } from './ownEvents.ts';
import { Bi, useDeskText, type DeskText } from './Text.tsx';
import { useDesk } from './useDeskData.ts';

export const UNDO_WINDOW_MS = 15 * 60_000;
const UNDOABLE = new Set(['donor.registered', 'donor.checked_in', 'donor.donated', 'donor.deferred']);

export type EntryFate = 'waiting' | 'sent' | 'recorded' | 'refused' | 'undone';

export function fateOf(entry: OwnEntry, projection: ProjectionState | null, overlay: DeskOverlay): EntryFate {
  if (entry.rejected) return 'refused';
  if (overlay.voided.has(entry.id) || projection?.applied.get(entry.id)?.voidedBy) return 'undone';
  if (overlay.pendingIds.has(entry.id)) return 'waiting';
  if (projection?.applied.has(entry.id)) return 'recorded';
  return 'sent';
}

/** Can this entry still be undone from this desk? */
export function canUndo(entry: OwnEntry, fate: EntryFate, now: number): boolean {
  return UNDOABLE.has(entry.type) && !entry.erased && (fate === 'waiting' || fate === 'sent' || fate === 'recorded') && now - entry.createdAt <= UNDO_WINDOW_MS;
}

export function UndoControl({ entry, compact = false }: { entry: OwnEntry; compact?: boolean }) {
  const { t } = useDeskText();
  const [open, setOpen] = useState(false);
  const [other, setOther] = useState('');
  if (!open) {
    return (
      <button type="button" className={`btn btn--small ${compact ? 'btn--quiet' : ''}`} data-testid="undo" onClick={() => setOpen(true)}>
        <Bi k="desk.undo.button" />
      </button>
    );
  }
  const undo = (reason: string) => {
    setOpen(false);
    void undoEvent(entry, reason);
  };
  return (
    <div className="undo" role="group" aria-label={t('desk.undo.label')}>
      <span className="undo__label">{t('desk.undo.why', { what: t(`desk.what.${entry.type.replace('.', '_')}`, { defaultValue: entry.type }) })}</span>
      {VOID_REASON_KEYS.map((reason) => (
        // The reason is recorded in Vietnamese whatever the screen shows (./deskText.ts).
        <button key={reason} type="button" className="btn btn--small" data-testid="undo-reason" onClick={() => undo(recordedText(`desk.voidReasons.${reason}`))}>
          {t(`desk.voidReasons.${reason}`)}
        </button>
      ))}
      <input className="undo__other" placeholder={t('desk.undo.other')} value={other} maxLength={500} onChange={(e) => setOther(e.target.value)} />
      <button type="button" className="btn btn--small btn--danger" disabled={!other.trim()} onClick={() => undo(other)}>
        {t('desk.undo.button')}
      </button>
      <button type="button" className="btn btn--small btn--quiet" onClick={() => setOpen(false)}>
        <Bi k="desk.cancel" />
      </button>
    </div>
  );
}

function detailOf(entry: OwnEntry, { t, fmt }: DeskText): string {
  if (entry.type === 'donor.donated') return entry.payload.volumeMl ? t('desk.ml', { n: fmt.number(Number(entry.payload.volumeMl)) }) : '';
  if (entry.type === 'donor.deferred') {
    const { reasonCode, reason } = entry.payload;
    return deferralReasonText({ ...(typeof reasonCode === 'string' ? { reasonCode } : {}), ...(typeof reason === 'string' ? { reason } : {}) }, t);
  }
  if (entry.type === 'event.voided') return String(entry.payload.reason ?? '');
  return '';
}

export function RecentPanel() {
  const { projection, overlay, own } = useDesk();
  const text = useDeskText();
  const { t, fmt } = text;
  const now = useNow(15_000);
  const recent = own.filter((entry) => now - entry.createdAt <= UNDO_WINDOW_MS).reverse();
  return (
    <section className="recent" data-testid="recent" aria-label={t('desk.recent.label')}>
      <h2 className="section-title">
        <Bi k="desk.recent.title" />
      </h2>
      {recent.length === 0 ? (
        <div className="empty">{t('desk.recent.empty')}</div>
      ) : (
        <ul className="recent__list">
          {recent.map((entry) => {
            const fate = fateOf(entry, projection, overlay);
            const detail = detailOf(entry, text);
            return (
              <li key={entry.id} className={`recent__item recent__item--${fate}`} data-testid="recent-item" data-type={entry.type} data-fate={fate}>
                <time className="recent__time num">{fmt.time(entry.createdAt)}</time>
                <div className="recent__what">
                  <strong>{t(typeKey(entry.type), { defaultValue: entry.type })}</strong>{' '}
                  <button type="button" className="linklike" onClick={() => deskActions.select(entry.donorId)}>
                    {entry.erased ? t('desk.panel.erased') : entry.donorName}
                  </button>
                  {detail ? <span className="recent__detail"> · {detail}</span> : null}
                </div>
                <span className={`fate fate--${fate}`}>{t(`desk.fate.${fate}`)}</span>
                {canUndo(entry, fate, now) ? <UndoControl entry={entry} compact /> : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
