/**
 * The desk's own recent events (journal), newest first, with their fate (waiting, recorded,
 * refused, undone) and "Hoàn tác" for the last 15 minutes: an `event.voided` with a reason;
 * the log keeps both.
 */
import { useState } from 'react';
import { formatTime } from '../../../shared/format.ts';
import type { ProjectionState } from '../../../shared/projection.ts';
import { useNow } from '../../lib/useNow.ts';
import { undoEvent } from './actions.ts';
import { deskActions, useDeskStore, type JournalEntry } from './deskStore.ts';
import { formatVolume, TYPE_TEXT, VOID_REASONS } from './deskText.ts';
import type { DeskOverlay } from './overlay.ts';
import { useDesk } from './useDeskData.ts';

export const UNDO_WINDOW_MS = 15 * 60_000;
const UNDOABLE = new Set(['donor.registered', 'donor.checked_in', 'donor.donated', 'donor.deferred']);

export type EntryFate = 'waiting' | 'sent' | 'recorded' | 'refused' | 'undone';

export function fateOf(entry: JournalEntry, projection: ProjectionState | null, overlay: DeskOverlay): EntryFate {
  if (entry.rejected) return 'refused';
  if (overlay.voided.has(entry.id) || projection?.applied.get(entry.id)?.voidedBy) return 'undone';
  if (overlay.pendingIds.has(entry.id)) return 'waiting';
  if (projection?.applied.has(entry.id)) return 'recorded';
  return 'sent';
}

const FATE_TEXT: Record<EntryFate, { vi: string; en: string }> = {
  waiting: { vi: 'chờ gửi', en: 'waiting' },
  sent: { vi: 'đã gửi', en: 'sent' },
  recorded: { vi: 'đã ghi', en: 'recorded' },
  refused: { vi: 'bị từ chối', en: 'refused' },
  undone: { vi: 'đã hoàn tác', en: 'undone' },
};

/** Can this entry still be undone from this desk? */
export function canUndo(entry: JournalEntry, fate: EntryFate, now: number): boolean {
  return UNDOABLE.has(entry.type) && (fate === 'waiting' || fate === 'sent' || fate === 'recorded') && now - entry.createdAt <= UNDO_WINDOW_MS;
}

export function UndoControl({ entry, compact = false }: { entry: JournalEntry; compact?: boolean }) {
  const [open, setOpen] = useState(false);
  const [other, setOther] = useState('');
  if (!open) {
    return (
      <button type="button" className={`btn btn--small ${compact ? 'btn--quiet' : ''}`} data-testid="undo" onClick={() => setOpen(true)}>
        Hoàn tác <span className="en">Undo</span>
      </button>
    );
  }
  const undo = (reason: string) => {
    setOpen(false);
    void undoEvent(entry, reason);
  };
  return (
    <div className="undo" role="group" aria-label="Lý do hoàn tác · Why undo">
      <span className="undo__label">
        Lý do hoàn tác {TYPE_TEXT[entry.type]?.vi.toLowerCase()}: <span className="en">Why?</span>
      </span>
      {VOID_REASONS.map((reason) => (
        <button key={reason.vi} type="button" className="btn btn--small" data-testid="undo-reason" onClick={() => undo(reason.vi)}>
          {reason.vi}
        </button>
      ))}
      <input className="undo__other" placeholder="Lý do khác…" value={other} maxLength={500} onChange={(e) => setOther(e.target.value)} />
      <button type="button" className="btn btn--small btn--danger" disabled={!other.trim()} onClick={() => undo(other)}>
        Hoàn tác
      </button>
      <button type="button" className="btn btn--small btn--quiet" onClick={() => setOpen(false)}>
        Thôi <span className="en">Cancel</span>
      </button>
    </div>
  );
}

function detailOf(entry: JournalEntry): string {
  if (entry.type === 'donor.donated') return formatVolume(Number(entry.payload.volumeMl));
  if (entry.type === 'donor.deferred') return String(entry.payload.reason ?? '');
  if (entry.type === 'event.voided') return String(entry.payload.reason ?? '');
  return '';
}

export function RecentPanel() {
  const journal = useDeskStore((s) => s.journal);
  const { projection, overlay, timeZone } = useDesk();
  const now = useNow(15_000);
  const recent = journal.filter((entry) => now - entry.createdAt <= UNDO_WINDOW_MS).reverse();
  return (
    <section className="recent" data-testid="recent" aria-label="Gần đây · Recent">
      <h2 className="section-title">
        Gần đây tại bàn này <span className="en">Recent at this desk · 15 min</span>
      </h2>
      {recent.length === 0 ? (
        <div className="empty">
          Gõ tên, số điện thoại hoặc 4 số cuối CCCD, rồi Enter để xác nhận đến. Máy quét mã cũng gõ vào ô tìm kiếm.
          <span className="en"> Type a name, phone or the last 4 CCCD digits, then Enter to check in. A scanner types into the search box too.</span>
        </div>
      ) : (
        <ul className="recent__list">
          {recent.map((entry) => {
            const fate = fateOf(entry, projection, overlay);
            return (
              <li key={entry.id} className={`recent__item recent__item--${fate}`} data-testid="recent-item" data-type={entry.type} data-fate={fate}>
                <time className="recent__time num">{formatTime(entry.createdAt, timeZone)}</time>
                <div className="recent__what">
                  <strong>{TYPE_TEXT[entry.type]?.vi ?? entry.type}</strong>{' '}
                  <button type="button" className="linklike" onClick={() => deskActions.select(entry.donorId)}>
                    {entry.donorName}
                  </button>
                  {detailOf(entry) ? <span className="recent__detail"> · {detailOf(entry)}</span> : null}
                </div>
                <span className={`fate fate--${fate}`}>{FATE_TEXT[fate].vi}</span>
                {canUndo(entry, fate, now) ? <UndoControl entry={entry} compact /> : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
