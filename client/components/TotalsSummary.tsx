/** The headline totals as small cards (greyed, never blanked, while the data is not live). */
import { formatNumber } from '../../shared/format.ts';
import { formatLitres } from '../lib/labels.ts';
import { useIsLive, useStateBody } from '../stores/liveStore.ts';
import './page.css';

export function TotalsSummary({ showVolume = true }: { showVolume?: boolean }) {
  const body = useStateBody();
  const live = useIsLive();
  const totals = body?.totals;
  const cards: { key: string; vi: string; en: string; value: string }[] = [
    {
      key: 'donated',
      vi: 'Đã hiến máu',
      en: 'Donated',
      value: totals ? `${formatNumber(totals.donated)} / ${formatNumber(body.target)}` : '—',
    },
    { key: 'checked-in', vi: 'Đã đến', en: 'Checked in', value: totals ? formatNumber(totals.checkedIn) : '—' },
    { key: 'registered', vi: 'Đã đăng ký', en: 'Registered', value: totals ? formatNumber(totals.registered) : '—' },
  ];
  if (showVolume) cards.push({ key: 'volume', vi: 'Lượng máu (lít)', en: 'Volume (litres)', value: totals ? formatLitres(totals.volumeMl) : '—' });
  return (
    <section className={`totals ${live ? '' : 'is-not-live'}`} aria-label="Tổng số · Totals">
      {cards.map((card) => (
        <div className="totals__card" key={card.key} data-testid={`summary-${card.key}`}>
          <div className="totals__value">{card.value}</div>
          <div className="totals__label">
            {card.vi} <span className="en">{card.en}</span>
          </div>
        </div>
      ))}
      {body ? null : <p className="totals__waiting">Đang chờ dữ liệu… · Waiting for data…</p>}
    </section>
  );
}
