/**
 * A number that grows each time the page's web fonts finish loading (styles/fonts.css): what
 * measures text depends on it, so it measures again once the real font replaces the fallback.
 * A face loads only when first drawn (a new weight, the first Vietnamese letter at that weight),
 * so this can happen more than once, long after the page started: one `document.fonts.ready`
 * at mount is not enough.
 */
import { useSyncExternalStore } from 'react';

let loads = 0;
const listeners = new Set<() => void>();
let watching = false;

function loaded(): void {
  loads += 1;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const fonts = typeof document === 'undefined' ? undefined : document.fonts;
  if (fonts && !watching) {
    watching = true;
    fonts.addEventListener('loadingdone', loaded);
    // What finished before anyone listened: `ready` settles once nothing is loading.
    void fonts.ready.then(loaded);
  }
  return () => {
    listeners.delete(listener);
  };
}

const snapshot = (): number => loads;

export function useFontsLoaded(): number {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
