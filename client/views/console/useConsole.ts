/**
 * The console's view of the live store: the state body's tasks, incidents and run-of-show with
 * this device's waiting events laid over them, the agencies by id, and who this device is.
 */
import { useEffect, useMemo } from 'react';
import { create } from 'zustand';
import type { ProjectionState, TaskChange } from '../../../shared/projection.ts';
import type { StateBody } from '../../../shared/view.ts';
import { DEFAULT_TIMEZONE } from '../../../shared/time.ts';
import { getToken } from '../../auth/token.ts';
import { useLang, useT } from '../../i18n/index.ts';
import { useLiveStore, useStateBody } from '../../stores/liveStore.ts';
import { overlayPending, type ConsoleData } from './model.ts';
import { useOfflineCopy } from './offlineCopy.ts';
import { forgetApplied, isApplied, startPendingSync, usePendingStore } from './pending.ts';

// ---- who this device is ------------------------------------------------------------------

interface MeState {
  label: string | null;
  role: string | null;
}

const useMeStore = create<MeState>()(() => ({ label: null, role: null }));
let meRequested = false;

async function loadMe(): Promise<void> {
  const token = getToken('console');
  if (!token) return;
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const response = await fetch('/api/me', { headers: { authorization: `Bearer ${token}` } });
      if (response.ok) {
        const me = (await response.json()) as { label?: string; role?: string };
        useMeStore.setState({ label: me.label || me.role || null, role: me.role ?? null });
        return;
      }
      if (response.status === 401 || response.status === 403) return;
    } catch {
      // offline: try again later
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 2000 * (attempt + 1))));
  }
}

/** This device's token label ("Điều phối 1"), as the server writes it in `updatedBy`. */
export function useMe(): string {
  const t = useT();
  useEffect(() => {
    if (meRequested) return;
    meRequested = true;
    void loadMe();
  }, []);
  return useMeStore((s) => s.label) ?? t('console.thisDevice');
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
