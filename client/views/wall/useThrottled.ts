/**
 * A value that follows `value` at most once per `ms` (the first value and the last change are
 * never lost). With `key`, a new value that has the same key as the shown one is not a change.
 */
import { useEffect, useRef, useState } from 'react';

export function useThrottled<T>(value: T, ms: number, key?: string): T {
  const [shown, setShown] = useState(value);
  const shownKey = useRef<string | undefined>(key);
  const lastAt = useRef(0);
  const latest = useRef({ value, key });
  latest.current = { value, key };
  const changed = key === undefined ? !Object.is(value, shown) : key !== shownKey.current;

  useEffect(() => {
    if (!changed) return;
    const apply = (): void => {
      lastAt.current = Date.now();
      shownKey.current = latest.current.key;
      setShown(() => latest.current.value);
    };
    const wait = lastAt.current + ms - Date.now();
    if (wait <= 0) {
      apply();
      return;
    }
    const timer = setTimeout(apply, wait);
    return () => clearTimeout(timer);
  });
  return shown;
}
