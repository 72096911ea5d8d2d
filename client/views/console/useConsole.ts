/**
 * The console's view of the live store: the state body's tasks, incidents and run-of-show with
 * this device's waiting events laid over them, the agencies by id, and who this device is.
 */
import { useEffect, useMemo } from 'react';
import { create } from 'zustand';
import type { ProjectionState, TaskChange } from '../../../shared/projection.ts';
import type { StateBody } from '../../../shared/view.ts';
import { DEFAULT_TIMEZONE } from '../../../shared/time.ts';
import { useDeviceIdentity } from '../../device/identity.ts';
import { useLang, useT } from '../../i18n/index.ts';
import { useLiveStore, useStateBody } from '../../stores/liveStore.ts';
import { overlayPending, type ConsoleData } from './model.ts';
import { useOfflineCopy } from './offlineCopy.ts';
import { forgetApplied, isApplied, startPendingSync, usePendingStore } from './pending.ts';

// ---- who this device is ------------------------------------------------------------------

/** This device's token label ("Điều phối 1"), as the server writes it in `updatedBy`. */
export function useMe(): string {
  const t = useT();
  const me = useDeviceIdentity((s) => s.me);
  return (me?.label || me?.role) ?? t('console.thisDevice');
}

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
}

const EMPTY: ConsoleData = { tasks: [], incidents: [], schedule: [] };

export function useProjection(): { projection: ProjectionState | null; version: number } {
  const projection = useLiveStore((s) => s.projection);
  const version = useLiveStore((s) => s.version);
  return { projection, version };
}

export function useConsoleModel(): ConsoleModel {
  const liveBody = useStateBody();
  const copy = useOfflineCopy((s) => s.copy);
  const body = liveBody ?? copy?.body ?? null;
  const { projection, version } = useProjection();
  const entries = usePendingStore((s) => s.entries);
  const me = useMe();
  const lang = useLang();

  useEffect(() => startPendingSync(), []);
  useEffect(() => {
    if (projection) forgetApplied(projection);
  }, [projection, version]);

  const data = useMemo<ConsoleData>(() => {
    if (!body) return EMPTY;
    const live: ConsoleData = { tasks: body.tasks, incidents: body.incidents.items ?? [], schedule: body.schedule };
    if (entries.length === 0) return live;
    const applied = new Set(projection ? entries.filter((e) => isApplied(projection, e)).map((e) => e.id) : []);
    return overlayPending(live, entries, me, (id) => applied.has(id));
    // `version`: the projection changes in place.
  }, [body, entries, me, projection, version]);

  // Names in the chosen language (the English one when the agency has one).
  const agencies = useMemo(
    () =>
      (body?.agencies ?? [])
        .map((a) => ({ id: a.id, name: lang === 'en' && a.nameEn ? a.nameEn : a.name }))
        .sort((a, b) => a.name.localeCompare(b.name, lang)),
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
    changesOf: (taskId: string) => projection?.tasks.get(taskId)?.changes ?? (liveBody ? undefined : copy?.changes[taskId]) ?? [],
  };
}
