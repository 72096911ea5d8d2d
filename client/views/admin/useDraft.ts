/**
 * A form's draft of live data: starts from the data, follows it while the form is untouched,
 * and, once edited, keeps the edits and says when the data changed underneath (another device
 * saved meanwhile) so the person can reload it.
 */
import { useState } from 'react';

export interface Draft<D> {
  draft: D;
  set(next: D | ((d: D) => D)): void;
  dirty: boolean;
  /** The live data changed since the draft was taken and the draft holds edits. */
  stale: boolean;
  reset(): void;
}

export function useDraft<S, D>(source: S, toDraft: (source: S) => D): Draft<D> {
  const sourceKey = JSON.stringify(source);
  const [state, setState] = useState(() => ({ key: sourceKey, draft: toDraft(source), dirty: false }));
  let current = state;
  if (state.key !== sourceKey && !state.dirty) {
    current = { key: sourceKey, draft: toDraft(source), dirty: false };
    setState(current);
  }
  return {
    draft: current.draft,
    set: (next) => setState((s) => ({ ...s, draft: typeof next === 'function' ? (next as (d: D) => D)(s.draft) : next, dirty: true })),
    dirty: current.dirty,
    stale: current.dirty && current.key !== sourceKey,
    reset: () => setState({ key: sourceKey, draft: toDraft(source), dirty: false }),
  };
}
