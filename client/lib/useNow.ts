/**
 * A shared ticking clock: every component asking for the time at the same period shares one
 * timer, aligned to the period's boundary (a wall clock ticks on the second).
 */
import { useSyncExternalStore } from 'react';

interface Clock {
  now: number;
  listeners: Set<() => void>;
  timer: ReturnType<typeof setTimeout> | null;
}

const clocks = new Map<number, Clock>();

function clockFor(periodMs: number): Clock {
  let clock = clocks.get(periodMs);
  if (!clock) {
    clock = { now: Date.now(), listeners: new Set(), timer: null };
    clocks.set(periodMs, clock);
  }
  return clock;
}

function tick(periodMs: number, clock: Clock): void {
  const now = Date.now();
  // Next boundary, plus a few ms so the tick lands after it.
  clock.timer = setTimeout(() => {
    clock.now = Date.now();
    for (const listener of clock.listeners) listener();
    tick(periodMs, clock);
  }, periodMs - (now % periodMs) + 5);
}

function subscribe(periodMs: number, listener: () => void): () => void {
  const clock = clockFor(periodMs);
  clock.listeners.add(listener);
  if (!clock.timer) {
    clock.now = Date.now();
    tick(periodMs, clock);
  }
  return () => {
    clock.listeners.delete(listener);
    if (clock.listeners.size === 0 && clock.timer) {
      clearTimeout(clock.timer);
      clock.timer = null;
    }
  };
}

/** The current time in epoch ms, re-rendering every `periodMs`. */
export function useNow(periodMs = 1000): number {
  return useSyncExternalStore(
    (listener) => subscribe(periodMs, listener),
    () => clockFor(periodMs).now,
    () => clockFor(periodMs).now,
  );
}
