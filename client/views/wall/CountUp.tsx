/**
 * A number that counts up (or down) smoothly to its new value. The digits are written straight
 * into the text node on each animation frame, so an animation never re-renders React.
 */
import { useLayoutEffect, useRef } from 'react';
import { formatNumber } from '../../../shared/format.ts';

let motionQuery: MediaQueryList | null = null;
function reducedMotion(): boolean {
  if (typeof matchMedia !== 'function') return false;
  motionQuery ??= matchMedia('(prefers-reduced-motion: reduce)');
  return motionQuery.matches;
}

export function CountUp({ value, className, testid, format = formatNumber }: { value: number; className?: string; testid?: string; format?: (n: number) => string }) {
  const ref = useRef<HTMLSpanElement>(null);
  /** The value on screen (mid-animation: the intermediate one). */
  const shown = useRef<number | null>(null);
  const frame = useRef(0);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const from = shown.current;
    if (from === null || from === value || reducedMotion() || document.visibilityState !== 'visible') {
      shown.current = value;
      element.textContent = format(value);
      return;
    }
    const started = performance.now();
    // Longer for bigger jumps, never so long that it lags behind the next donation.
    const duration = Math.min(1600, 500 + 60 * Math.abs(value - from));
    const step = (now: number): void => {
      const t = Math.min(1, (now - started) / duration);
      const eased = 1 - (1 - t) ** 3;
      const current = Math.round(from + (value - from) * eased);
      if (current !== shown.current) {
        shown.current = current;
        element.textContent = format(current);
      }
      // Done once the number shows its value: the rest of the easing would only ask for frames
      // that change nothing (a whole lifecycle each on a weak wall: +1 reaches it in a fifth of the time).
      if (t < 1 && current !== value) frame.current = requestAnimationFrame(step);
    };
    frame.current = requestAnimationFrame(step);
    return () => {
      cancelAnimationFrame(frame.current);
      // Interrupted (new value, unmount): the next run starts from what is on screen.
    };
  }, [value, format]);

  return <span ref={ref} className={className} data-testid={testid} data-value={value} />;
}
