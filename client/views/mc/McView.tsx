/**
 * `/mc`: the MC's tablet on stage. Tablet-first (1024×768 landscape, 768×1024 portrait), dark,
 * very large type and ≥ 7:1 contrast so it reads under stage lights; Vietnamese first, English
 * second and smaller — or English alone, with the switch at the right of the top bar (strings in
 * client/i18n/mc/ and the shared catalogs; the milestones' scripts stay as the organisers wrote
 * them).
 *
 * - the milestones reached and not yet announced or skipped, newest first, each with its
 *   script in large type and two big buttons, "Đã công bố" and "Bỏ qua" (events in the log,
 *   through the device outbox), and an undo bar after each tap (event.voided of that tap);
 * - (issue 17) the honouring ceremony: its batches beside the run of show, and the script of the
 *   batch on stage in large type, read and marked "Đã đọc" (CeremonyScript.tsx);
 * - live totals at a glance; the run-of-show now/next with a countdown; the next milestones
 *   coming ("còn 12 đơn vị nữa đạt 1.000"); a message to the wall; what was already said.
 */
import { useDeviceIdentity } from '../../device/identity.ts';
import { useOptimisticView } from '../../device/optimistic.ts';
import { useDeviceOutbox } from '../../device/store.ts';
import { useMemo, useState } from 'react';
import { formatTime } from '../../../shared/format.ts';
import { upcomingMilestones } from '../../../shared/milestones.ts';
import { ConnectionStatus } from '../../components/ConnectionStatus.tsx';
import { RefusedEvents } from '../../components/RefusedEvents.tsx';
import { TabularDigits } from '../../components/TabularDigits.tsx';
import { Heart } from '../../components/Heart.tsx';
import { Bi, useBi } from '../../i18n/bilingual.tsx';
import { LanguageSwitch } from '../../i18n/index.ts';
import { percentOf } from '../../lib/labels.ts';
import { useNow } from '../../lib/useNow.ts';
import { useWakeLock } from '../../lib/wakeLock.ts';
import { useIsLive, useStateBody } from '../../stores/liveStore.ts';
import { describeUpcoming, mcLists, type UpcomingContext } from './mcModel.ts';
import { MilestoneQueue, NoticeBar, RecentList, UndoBar } from './MilestoneQueue.tsx';
import { RunOfShowPanel, UpcomingPanel, WallMessagePanel } from './SidePanels.tsx';
import { CeremonyBatches, CeremonyScript, shownBatch } from './CeremonyScript.tsx';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';

export function McView() {
  const body = useStateBody();
  // The live data with this tablet's own taps and undos folded in (they show at once).
  const view = useOptimisticView();
  const projection = view.projection;
  const live = useIsLive();
  const me = useDeviceIdentity((s) => s.me);
  const bi = useBi();
  // The tablet on stage must not go to sleep between two milestones.
  useWakeLock();
  const timeZone = body?.event?.timezone;

  // `view` is a new object on every change (its projection may be the live one, mutated in place).
  const lists = useMemo(() => (view.projection ? mcLists(view.projection.milestones.values(), view) : { queue: [], recent: [] }), [view]);

  const upcoming = useMemo(() => {
    const { projection } = view;
    if (!projection) return [];
    const ctx: UpcomingContext = {
      agencyName: (id) => projection.agencies.get(id)?.name ?? null,
      agencyNameEn: (id) => projection.agencies.get(id)?.nameEn ?? null,
      ruleMetric: (id) => projection.milestoneRules.get(id)?.metric ?? null,
      agencyMetric: projection.event?.countOn ?? 'donated',
    };
    return upcomingMilestones(projection, 5).map((up) => describeUpcoming(up, ctx));
  }, [view]);

  useDocumentTitle(`${bi.t('pages.mc.name')} · ${bi.t('common.appName')}`);

  // The ceremony's script: the batch the MC opened to prepare, else the one on stage.
  const [openedBatch, setOpenedBatch] = useState<string | null>(null);
  const script = shownBatch(projection, openedBatch);

  /** This device's own taps (the server lets it void only those; admin any). */
  const canUndo = (eventId: string): boolean => {
    if (view.unconfirmed.has(eventId)) return true;
    if (!me || me.role === 'admin') return true;
    const applied = projection?.applied.get(eventId);
    return !applied || applied.actorTokenId === undefined || applied.actorTokenId === me.id;
  };

  return (
    <div className="mc">
      <McHeader timeZone={timeZone} />
      <McTotals />
      <div className={`mc-grid ${live ? '' : 'is-not-live'}`}>
        <section className="mc-col mc-col--queue" aria-label={bi.inline('mc.queue.title')}>
          <NoticeBar />
          <RefusedEvents timeZone={timeZone} />
          {projection && script ? (
            <CeremonyScript key={script.batch.id} projection={projection} summary={script} timeZone={timeZone} canUndo={canUndo} onClose={openedBatch ? () => setOpenedBatch(null) : null} />
          ) : null}
          <MilestoneQueue queue={lists.queue} timeZone={timeZone} hasData={projection !== null} nearest={upcoming[0] ?? null} />
          <RecentList recent={lists.recent} timeZone={timeZone} canUndo={canUndo} />
        </section>
        <aside className="mc-col mc-col--side">
          <RunOfShowPanel schedule={body?.schedule ?? []} timeZone={timeZone} />
          <CeremonyBatches projection={projection} timeZone={timeZone} opened={openedBatch} onOpen={setOpenedBatch} />
          <UpcomingPanel lines={upcoming} hasData={projection !== null} />
          <WallMessagePanel message={body?.wallMessage ?? null} timeZone={timeZone} />
        </aside>
      </div>
      <UndoBar />
    </div>
  );
}

function McHeader({ timeZone }: { timeZone: string | undefined }) {
  const bi = useBi(timeZone);
  const now = useNow(1000);
  const pending = useDeviceOutbox((s) => s.pending.length);
  const lastError = useDeviceOutbox((s) => s.lastError);
  return (
    <header className="mc-top">
      <Heart className="mc-top__heart" />
      <h1 className="mc-top__title" data-testid="mc-title">
        <Bi k="pages.mc.name" />
      </h1>
      <div className="mc-top__clock num" data-testid="mc-clock" aria-label={bi.inline('mc.clock')}>
        {/* Each digit in its own box: the clock does not shift every second (the font has no tabular figures). */}
        <TabularDigits text={formatTime(now, timeZone, true)} />
      </div>
      {pending > 0 ? (
        <div className="mc-top__outbox" data-testid="mc-outbox" title={lastError ?? undefined}>
          <Bi k="mc.outbox" v={(fmt) => ({ n: fmt.number(pending) })} />
        </div>
      ) : null}
      <ConnectionStatus className="mc-top__conn" />
      <LanguageSwitch className="mc-top__lang" />
    </header>
  );
}

function McTotals() {
  const bi = useBi();
  const body = useStateBody();
  const totals = body?.totals;
  const target = body?.target ?? 0;
  const percent = totals ? percentOf(totals.donated, target) : null;
  return (
    <section className="mc-totals" aria-label={bi.inline('mc.totals.label')}>
      <div className="mc-totals__main" data-testid="mc-total-donated">
        <div className="mc-totals__label">
          <Bi k="kpi.donated" />
        </div>
        <div className="mc-totals__big num">
          {totals ? bi.fmt.number(totals.donated) : '—'}
          {target > 0 ? <span className="mc-totals__of"> / {bi.fmt.number(target)}</span> : null}
        </div>
        {percent !== null ? (
          <div className="mc-totals__bar" aria-hidden="true">
            <div className="mc-totals__fill" style={{ width: `${Math.min(100, percent)}%` }} />
          </div>
        ) : null}
      </div>
      <TotalItem k="kpi.checkedIn" value={totals ? bi.fmt.number(totals.checkedIn) : '—'} testId="mc-total-checked-in" />
      <TotalItem k="kpi.registered" value={totals ? bi.fmt.number(totals.registered) : '—'} testId="mc-total-registered" />
      {percent !== null ? <TotalItem k="mc.totals.ofTarget" value={bi.fmt.percent(percent)} testId="mc-total-percent" /> : null}
    </section>
  );
}

/** One of the smaller figures beside the donations. */
function TotalItem({ k, value, testId }: { k: string; value: string; testId: string }) {
  return (
    <div className="mc-totals__item" data-testid={testId}>
      <div className="mc-totals__label">
        <Bi k={k} />
      </div>
      <div className="mc-totals__value num">{value}</div>
    </div>
  );
}
