/** The strip of figures: this desk today, and the festival (today and in all). */
import { useMemo } from 'react';
import { formatDate, formatNumber } from '../../../shared/format.ts';
import { useIsLive } from '../../stores/liveStore.ts';
import { useDeskStore } from './deskStore.ts';
import { deskFigures } from './figures.ts';
import { useDesk } from './useDeskData.ts';

function Figure(props: { vi: string; en: string; value: string; testId: string; note?: string | null; strong?: boolean }) {
  return (
    <div className={`fig ${props.strong ? 'fig--strong' : ''}`} data-testid={props.testId}>
      <div className="fig__value num">{props.value}</div>
      <div className="fig__label">
        {props.vi} <span className="en">{props.en}</span>
      </div>
      {props.note ? <div className="fig__note">{props.note}</div> : null}
    </div>
  );
}

export function DeskFigures() {
  const { projection, version, overlay, today, dayOf } = useDesk();
  const me = useDeskStore((s) => s.me);
  const journal = useDeskStore((s) => s.journal);
  const live = useIsLive();
  const figures = useMemo(
    () => deskFigures({ projection, overlay, tokenId: me?.id ?? null, journal, today, dayOf }),
    [projection, version, overlay, me, journal, today],
  );
  const { mine } = figures;
  const waitingNote = mine.unconfirmed > 0 ? `gồm ${formatNumber(mine.unconfirmed)} chờ gửi` : null;
  return (
    <section className={`desk__figures ${live ? '' : 'is-not-live'}`} aria-label="Số liệu · Figures">
      <div className="figs figs--mine">
        <h2 className="figs__title">
          Bàn này hôm nay <span className="en">This desk today · {formatDate(today)}</span>
        </h2>
        <div className="figs__row">
          <Figure vi="Xác nhận đến" en="Checked in" value={formatNumber(mine.checkedIn)} testId="mine-checked-in" strong />
          <Figure vi="Đã hiến" en="Donated" value={formatNumber(mine.donated)} testId="mine-donated" strong />
          <Figure vi="Tạm hoãn" en="Deferred" value={formatNumber(mine.deferred)} testId="mine-deferred" />
        </div>
        {waitingNote ? <div className="figs__note">{waitingNote}</div> : null}
      </div>
      <div className="figs figs--all">
        <h2 className="figs__title">
          Toàn ngày hội <span className="en">Festival</span>
        </h2>
        <div className="figs__row">
          <Figure
            vi="Đã hiến"
            en="Donated"
            value={`${formatNumber(figures.totals.donated)}${figures.target ? ` / ${formatNumber(figures.target)}` : ''}`}
            testId="festival-donated"
            strong
          />
          <Figure vi="Hôm nay đã hiến" en="Today" value={formatNumber(figures.today.donated)} testId="today-donated" />
          <Figure vi="Hôm nay đã đến" en="Checked in today" value={formatNumber(figures.today.checkedIn)} testId="today-checked-in" />
          <Figure vi="Đang chờ hiến" en="Waiting" value={formatNumber(figures.waiting)} testId="today-waiting" />
        </div>
      </div>
    </section>
  );
}
