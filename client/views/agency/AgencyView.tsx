/**
 * `/agency`: an agency's liaison on their phone (360 px first), for that one agency (its token
 * is bound to it, issue 18):
 *
 * - its progress against its quota — the festival's counting figure (FIGURES, one name on every
 *   page), per festival day and in total, and when it would reach the quota at today's pace (the
 *   wall's projection, client/lib/pace.ts);
 * - its headcount, when its quota is a share of it (HeadcountForm);
 * - its people, each with what came of them, filterable and searchable (accents optional), with
 *   a "Gọi" link for those not checked in yet (PeopleList);
 * - the lists it sent, with the standing office's answer, a new list to send, and its results
 *   to download (ListsPanel).
 *
 * The figures come from the live stream, counted like the wall's; the people from its own
 * agency's endpoint (agencyApi.ts), refreshed as the figures move. Offline, both stay on screen
 * greyed with their age (ConnectionStatus), and come back by themselves.
 */
import { useMemo } from 'react';
import { FIGURES } from '../../../shared/figures.ts';
import type { ProjectionState } from '../../../shared/projection.ts';
import { toStateBody, type AgencyRow, type StateBody } from '../../../shared/view.ts';
import { useOfflineCopy } from '../../device/offline.ts';
import { ConnectionStatus } from '../../components/ConnectionStatus.tsx';
import { Heart } from '../../components/Heart.tsx';
import { RefusedEvents } from '../../components/RefusedEvents.tsx';
import { useDeviceIdentity } from '../../device/identity.ts';
import { Bi, BiPair, useBi } from '../../i18n/bilingual.tsx';
import { LanguageSwitch } from '../../i18n/index.ts';
import { shortDayLabel } from '../../lib/festivalDay.ts';
import { percentOf } from '../../lib/labels.ts';
import { projectQuotaTime, zonedTime } from '../../lib/pace.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useNow } from '../../lib/useNow.ts';
import { firstCountedByAgency } from '../../lib/wallData.ts';
import { useConnection, useIsLive, useLiveProjection, useStateBody } from '../../stores/liveStore.ts';
import { dayOf } from '../../../shared/time.ts';
import { usePeople } from './agencyApi.ts';
import { HeadcountForm } from './HeadcountForm.tsx';
import { ListsPanel } from './ListsPanel.tsx';
import { PeopleList } from './PeopleList.tsx';

/** The live figures, or the copy kept on the phone until they arrive (and since when). */
function useFigures(): { body: StateBody | null; projection: ProjectionState | null; copySavedAt: number | null } {
  const liveBody = useStateBody();
  const live = useLiveProjection();
  const copy = useOfflineCopy((s) => s.copy);
  const copyBody = useMemo(() => (copy && !live.projection ? toStateBody(copy.projection) : null), [copy, live.projection]);
  if (liveBody || !copy) return { body: liveBody, projection: live.projection, copySavedAt: null };
  return { body: copyBody, projection: copy.projection, copySavedAt: copy.savedAt };
}

export function AgencyView() {
  const bi = useBi();
  const figures = useFigures();
  const { body } = figures;
  const live = useIsLive();
  const { connection } = useConnection();
  const me = useDeviceIdentity((s) => s.me);
  const agencyId = me?.agencyId ?? null;
  const row = body?.agencies.find((a) => a.id === agencyId) ?? null;
  const name = row ? bi.pick({ vi: row.name, en: row.nameEn }).main : '';
  useDocumentTitle(name ? `${name} · ${bi.t('agency.title')}` : bi.t('agency.title'));
  // The people follow the agency's figures (and come back with the connection).
  const trigger = row ? `${row.registered}/${row.checkedIn}/${row.donated}/${row.deferred}/${connection === 'live'}` : connection;
  const people = usePeople(agencyId, trigger);

  return (
    <div className={`agency${live ? '' : ' agency--stale'}`} data-testid="agency-page">
      <header className="agency__top">
        <Heart className="agency__heart" />
        <div className="agency__titles">
          <h1 className="agency__name" data-testid="agency-name">
            {name || <Bi k="agency.title" />}
          </h1>
        </div>
        <ConnectionStatus className="agency__conn" />
        <LanguageSwitch className="agency__lang" />
      </header>
      {me && !agencyId ? (
        <p className="agency__notice" role="alert">
          <Bi k="agency.noAgency" />
        </p>
      ) : !body || !row ? (
        <p className="agency__notice">
          <Bi k="agency.loading" />
        </p>
      ) : (
        <main className="agency__main">
          {figures.copySavedAt !== null ? (
            <p className="agency__warn" role="status" data-testid="offline-copy">
              <Bi k="agency.copy" v={(fmt) => ({ time: `${fmt.time(figures.copySavedAt!)} ${fmt.date(figures.copySavedAt!)}` })} />
            </p>
          ) : null}
          <RefusedEvents timeZone={body.event?.timezone} />
          <Progress row={row} body={body} projection={figures.projection} />
          {row.quotaRule?.kind === 'percent_of_headcount' ? <HeadcountForm agencyId={row.id} rule={row.quotaRule} /> : null}
          <PeopleList people={people} />
          <ListsPanel agencyId={row.id} agencyName={row.name} agencyNameEn={row.nameEn} people={people} />
        </main>
      )}
    </div>
  );
}

function Progress({ row, body, projection }: { row: AgencyRow; body: StateBody; projection: ProjectionState | null }) {
  const bi = useBi();
  const now = useNow(60_000);
  const countOn = body.event?.countOn ?? 'donated';
  const timeZone = body.event?.timezone ?? bi.fmt.timeZone;
  const festivalDays = body.event?.days ?? [];
  const today = dayOf(now, timeZone);
  const done = row[countOn];
  const percent = percentOf(done, row.quota);
  const eta = useMemo(() => {
    const first = firstCountedByAgency(projection, today, countOn).get(row.id) ?? null;
    const closes = body.event?.hours?.closes ?? '24:00';
    return projectQuotaTime({ quota: row.quota, doneTotal: done, doneToday: row.days[today]?.[countOn] ?? 0, firstTodayAt: first, now, dayEndsAt: zonedTime(today, closes, timeZone) });
  }, [projection, today, countOn, row, done, now, timeZone, body.event?.hours?.closes]);
  const figure = FIGURES[countOn];
  const days = festivalDays.length > 0 ? festivalDays : Object.keys(row.days).sort();

  return (
    <section className="card agency__progress" data-testid="agency-progress" data-done={done} data-quota={row.quota ?? ''}>
      <h2 className="agency__figure">
        <BiPair pair={figure} />
      </h2>
      {row.quota !== null && row.quota > 0 ? (
        <>
          <p className="agency__big">
            <strong data-testid="agency-done">{bi.fmt.number(done)}</strong>
            <span className="agency__of"> / {bi.fmt.number(row.quota)}</span>
          </p>
          <div className="agency__bar" role="progressbar" aria-valuemin={0} aria-valuemax={row.quota} aria-valuenow={done}>
            <span style={{ width: `${Math.min(100, percent ?? 0)}%` }} />
          </div>
          <p className="agency__line">
            <BiPair pair={FIGURES.quota} />: {bi.fmt.number(row.quota)} · {bi.t('agency.percent', { p: bi.fmt.number(percent ?? 0) })}
          </p>
          <p className="agency__line" data-testid="agency-eta">
            {done >= row.quota ? (
              <Bi k="agency.reached" />
            ) : eta !== null ? (
              <Bi k="agency.eta" v={(fmt) => ({ time: fmt.time(eta) })} />
            ) : (
              <Bi k="agency.remaining" v={(fmt) => ({ n: fmt.number(row.quota! - done) })} />
            )}
          </p>
        </>
      ) : (
        <p className="agency__big">
          <strong data-testid="agency-done">{bi.fmt.number(done)}</strong> <span className="agency__of">· {bi.t('agency.noQuota')}</span>
        </p>
      )}
      <table className="agency__days" data-testid="agency-days">
        <thead>
          <tr>
            <th scope="col">
              <Bi k="agency.days" />
            </th>
            <th scope="col">{bi.pick(FIGURES.checkedIn).main}</th>
            <th scope="col">{bi.pick(FIGURES.donated).main}</th>
            <th scope="col">{bi.pick(FIGURES.deferred).main}</th>
          </tr>
        </thead>
        <tbody>
          {days.map((day) => {
            const counts = row.days[day];
            return (
              <tr key={day} className={day === today ? 'agency__today' : undefined}>
                <th scope="row">{shortDayLabel(day, festivalDays)}</th>
                <td>{bi.fmt.number(counts?.checkedIn ?? 0)}</td>
                <td>{bi.fmt.number(counts?.donated ?? 0)}</td>
                <td>{bi.fmt.number(counts?.deferred ?? 0)}</td>
              </tr>
            );
          })}
          <tr className="agency__total">
            <th scope="row">
              <Bi k="agency.total" />
            </th>
            <td>{bi.fmt.number(row.checkedIn)}</td>
            <td>{bi.fmt.number(row.donated)}</td>
            <td>{bi.fmt.number(row.deferred)}</td>
          </tr>
        </tbody>
      </table>
      <p className="agency__line">
        <BiPair pair={FIGURES.registered} />: <strong data-testid="agency-registered">{bi.fmt.number(row.registered)}</strong>
      </p>
    </section>
  );
}
