/** The strip of figures: this desk today, and the festival (today and in all). */
import { useDeviceIdentity } from '../../device/identity.ts';
import { useMemo } from 'react';
import { useIsLive } from '../../stores/liveStore.ts';
import { deskFigures } from './figures.ts';
import { Bi, useDeskText } from './Text.tsx';
import { useDesk } from './useDeskData.ts';

function Figure(props: { k: string; value: string; testId: string; strong?: boolean }) {
  return (
    <div className={`fig ${props.strong ? 'fig--strong' : ''}`} data-testid={props.testId}>
      <div className="fig__value num">{props.value}</div>
      <div className="fig__label">
        <Bi k={`desk.figures.${props.k}`} />
      </div>
    </div>
  );
}

export function DeskFigures() {
  const desk = useDesk();
  const { today } = desk;
  const { t, fmt } = useDeskText();
  const me = useDeviceIdentity((s) => s.me);
  const live = useIsLive();
  // `desk` is a new object on every change (its projection is mutated in place).
  const figures = useMemo(() => deskFigures({ projection: desk.projection, overlay: desk.overlay, tokenId: me?.id ?? null, today: desk.today, dayOf: desk.dayOf }), [desk, me]);
  const { mine } = figures;
  const waitingNote = mine.unconfirmed > 0 ? t('desk.figures.waitingNote', { n: fmt.number(mine.unconfirmed) }) : null;
  return (
    <section className={`desk__figures ${live ? '' : 'is-not-live'}`} aria-label={t('desk.figures.label')}>
      <div className="figs figs--mine">
        <h2 className="figs__title">
          <Bi k="desk.figures.mine" /> <span className="en">· {fmt.date(today)}</span>
        </h2>
        <div className="figs__row">
          <Figure k="checkedIn" value={fmt.number(mine.checkedIn)} testId="mine-checked-in" strong />
          <Figure k="donated" value={fmt.number(mine.donated)} testId="mine-donated" strong />
          <Figure k="deferred" value={fmt.number(mine.deferred)} testId="mine-deferred" />
        </div>
        {waitingNote ? <div className="figs__note">{waitingNote}</div> : null}
      </div>
      <div className="figs figs--all">
        <h2 className="figs__title">
          <Bi k="desk.figures.festival" />
        </h2>
        <div className="figs__row">
          <Figure k="festivalDonated" value={`${fmt.number(figures.totals.donated)}${figures.target ? ` / ${fmt.number(figures.target)}` : ''}`} testId="festival-donated" strong />
          <Figure k="todayDonated" value={fmt.number(figures.today.donated)} testId="today-donated" />
          <Figure k="todayCheckedIn" value={fmt.number(figures.today.checkedIn)} testId="today-checked-in" />
          <Figure k="waiting" value={fmt.number(figures.waiting)} testId="today-waiting" />
        </div>
      </div>
    </section>
  );
}
