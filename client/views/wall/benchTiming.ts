/**
 * `/wall?bench`: per-event repaint timing for bench/wall-repaint.ts. Off unless asked for, so a
 * wall running for two days keeps nothing.
 *
 * For each pushed event: t0 when it arrives (before it is applied), tApplied after the
 * projection is updated, then a requestAnimationFrame callback registered at arrival (so it runs
 * in the same frame as the store's own flush, after React has committed) posts a setTimeout(0),
 * whose task runs only once that frame's style, layout and paint are done: tPainted.
 *
 * - `total` = tPainted − t0: arrival to painted, including the wait for the next vsync;
 * - `busy` = (tApplied − t0) + (tPainted − frame start): the main-thread work the event costs
 *   (apply + render + style/layout/paint of its frame), without the idle wait for vsync.
 */
import { setEventTimer } from '../../stores/liveStore.ts';

export interface RepaintSample {
  /** performance.now() when the event arrived, after it was applied, when its frame began and was painted. */
  arrived: number;
  applied: number;
  frameStart: number;
  painted: number;
  total: number;
  busy: number;
}

declare global {
  interface Window {
    __wallBench?: { samples: RepaintSample[]; reset(): void };
  }
}

export function installBenchTiming(): void {
  const samples: RepaintSample[] = [];
  window.__wallBench = {
    samples,
    reset() {
      samples.length = 0;
    },
  };
  let t0 = 0;
  setEventTimer({
    arrived() {
      const arrivedAt = performance.now();
      t0 = arrivedAt;
      requestAnimationFrame((frameStart) => {
        setTimeout(() => {
          const painted = performance.now();
          const applied = appliedAt.get(arrivedAt) ?? arrivedAt;
          appliedAt.delete(arrivedAt);
          samples.push({
            arrived: arrivedAt,
            applied,
            frameStart,
            painted,
            total: painted - arrivedAt,
            busy: applied - arrivedAt + (painted - Math.max(frameStart, applied)),
          });
        }, 0);
      });
    },
    applied() {
      appliedAt.set(t0, performance.now());
    },
  });
}

const appliedAt = new Map<number, number>();
