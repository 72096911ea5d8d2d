/**
 * A shared ticking clock: every component asking for the time at the same period shares one
 * timer, aligned to the period's boundary (a wall clock ticks on the second).
 *
 * The subscribe function is stable per period and subscribing never moves the time: otherwise
 * a render of every subscriber of a period at once unsubscribes them all, the next
 * subscription resets `now`, React sees a new snapshot and renders again — a loop
 * ("Maximum update depth exceeded") on a busy page.
 */
import { useSyncExternalStore } from 'react';

interface Clock {
  now: number;
  listeners: Set<() => void>;
  timer: ReturnType<typeof setTimeout> | null;
  subscribe: (listener: () => void) => () => void;
  snapshot: () => number;
}

const clocks = new Map<number, Clock>();

function clockFor(periodMs: number): Clock {
  const existing = clocks.get(periodMs);
  if (existing) return existing;
  const clock: Clock = {
    now: Date.now(),
    listeners: new Set(),
    timer: null,
    subscribe(listener) {
      clock.listeners.add(listener);
      if (!clock.timer) {
        // Idle until now: catch up once (subscribe is stable, so this runs on mount only).
        clock.now = Date.now();
        schedule();
      }
      return () => {
        clock.listeners.delete(listener);
        if (clock.listeners.size === 0 && clock.timer) {
          clearTimeout(clock.timer);
          clock.timer = null;
        }
      };
    },
    snapshot: () => clock.now,
  };
  const schedule = (): void => {
    const now = Date.now();
    clock.timer = setTimeout(
      () => {
        clock.now = Date.now();
        for (const listener of clock.listeners) listener();
        schedule();
      },
      periodMs - (now % periodMs) + 5,
    );
  };
  clocks.set(periodMs, clock);
  return clock;
}

/** The current time in epoch ms, re-rendering every `periodMs` (and not more often). */
export function useNow(periodMs = 1000): number {
  const clock = clockFor(periodMs);
  return useSyncExternalStore(clock.subscribe, clock.snapshot, clock.snapshot);
}
