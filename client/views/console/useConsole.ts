/**
 * The console's view of the live store: the state body's tasks, incidents and run-of-show with
 * this device's own events folded in (the device's optimistic view, marked pending where they
 * change a row), and the agencies by id.
 */
import { useMemo } from 'react';
import type { ProjectionState, TaskChange } from '../../../shared/projection.ts';
import { toStateBody, type StateBody } from '../../../shared/view.ts';
import { DEFAULT_TIMEZONE } from '../../../shared/time.ts';
import { useLang } from '../../i18n/index.ts';
import { useLiveProjection, useStateBody } from '../../stores/liveStore.ts';
import { useOptimisticView } from '../../device/optimistic.ts';
import { consoleDataOf, markPending, type ConsoleData } from './model.ts';
import { useOfflineCopy } from '../../device/offline.ts';

// ---- the data ------------------------------------------------------------------------------

export interface ConsoleModel extends ConsoleData {
  body: StateBody | null;
  /** When the data shown is the copy kept on the phone (no live data yet): when it was saved. */
  copySavedAt: number | null;
  /** A task's status changes, oldest first (live, or from the copy). */
  changesOf: (taskId: string) => TaskChange[];
  timeZone: string;
  festivalDays: string[];
  agencyName: (id: string) => string;
  agencies: { id: string; name: string }[];
  /** The projection shown (this device's own events folded in): the parade reads its route from it. */
  projection: ProjectionState | null;
  /** This device's own events not yet in the live data. */
  unconfirmed: ReadonlySet<string>;
}

export function useConsoleModel(): ConsoleModel {
  const liveBody = useStateBody();
  const copy = useOfflineCopy((s) => s.copy);
  // The live data, or the copy kept on the phone before it arrives, with this device's own
  // waiting events folded in.
  const view = useOptimisticView(copy?.projection ?? null);
  // A new object on every change of the live data (the projection changes in place).
  const live = useLiveProjection();
  const lang = useLang();

  const baseBody = useMemo(() => (view.base ? (view.base === live.projection ? liveBody : toStateBody(view.base)) : null), [view.base, live, liveBody]);
  const body = useMemo(() => (view.projection && view.projection !== view.base ? toStateBody(view.projection) : baseBody), [view.projection, view.base, baseBody]);

  const data = useMemo<ConsoleData>(() => {
    const shown = consoleDataOf(body);
    return body === baseBody ? shown : markPending(shown, consoleDataOf(baseBody));
  }, [body, baseBody]);

  // Names in the chosen language (the English one when the agency has one).
  const agencies = useMemo(
    () => (body?.agencies ?? []).map((a) => ({ id: a.id, name: lang === 'en' && a.nameEn ? a.nameEn : a.name })).sort((a, b) => a.name.localeCompare(b.name, lang)),
    [body, lang],
  );
  const names = useMemo(() => new Map(agencies.map((a) => [a.id, a.name])), [agencies]);

  return {
    ...data,
    body,
    timeZone: body?.event?.timezone ?? DEFAULT_TIMEZONE,
    festivalDays: body?.event?.days ?? [],
    agencyName: (id: string) => names.get(id) ?? id,
    agencies,
    copySavedAt: liveBody ? null : (copy?.savedAt ?? null),
    changesOf: (taskId: string) => view.projection?.tasks.get(taskId)?.changes ?? [],
    projection: view.projection,
    unconfirmed: view.unconfirmed,
  };
}
