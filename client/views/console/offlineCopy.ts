/**
 * The console's copy of the live data on the phone (client/device/offline.ts), so a console
 * reloaded while the server cannot be reached — a phone that dropped the tab, the hall's wifi
 * down — still shows the tasks, incidents and programme as last seen, and taps go on into the
 * outbox and show at once. Kept in localStorage (it is small): the coordinator's projection (no
 * donor's record), each task's last changes, without the list of applied events (a copy is
 * only ever the base of the events still waiting, which it cannot hold).
 */
import type { ProjectionState } from '../../../shared/projection.ts';
import { registerPageWorker, startOfflineCopy } from '../../device/offline.ts';

/** The short history kept per task. */
const CHANGES_KEPT = 12;

/** What the copy keeps of the projection: all but the applied events, and each task's last changes. */
export function consoleCopyOf(projection: ProjectionState): ProjectionState {
  const tasks = new Map([...projection.tasks].map(([id, task]) => [id, { ...task, changes: task.changes.slice(-CHANGES_KEPT) }]));
  return { ...projection, tasks, applied: new Map() };
}

export function startConsoleOffline(): void {
  startOfflineCopy({ page: 'console', keep: consoleCopyOf, storage: 'localStorage', firstSaveMs: 500, saveEveryMs: 5000 });
  registerPageWorker('console');
}
