/**
 * Against burn-in on plasma, OLED and LED walls: the static parts of a signage page move by a
 * few px every few minutes, in one step (a slow glide would re-render every frame for nothing
 * and blur text while it moves; a 3 px step is invisible from the hall).
 */
import { useEffect, useState } from 'react';

/** A small loop around the origin, never more than 3 px away. */
export const BURN_IN_OFFSETS: readonly (readonly [number, number])[] = [
  [0, 0],
  [3, 2],
  [-2, 3],
  [-3, -2],
  [2, -3],
  [3, -1],
  [-1, -3],
  [-3, 1],
];

export const BURN_IN_PERIOD_MS = 4 * 60_000;

export function useBurnInShift(periodMs = BURN_IN_PERIOD_MS): readonly [number, number] {
  const [step, setStep] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setStep((s) => (s + 1) % BURN_IN_OFFSETS.length), periodMs);
    return () => clearInterval(timer);
  }, [periodMs]);
  return BURN_IN_OFFSETS[step]!;
}
