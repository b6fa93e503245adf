import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/** The open tab lives in the address (`?tab=services`), so a link or a reload opens the same tab. */
export function useTabParam<T extends string>(tabs: readonly T[], fallback: T): [T, (next: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const current = params.get('tab');
  const tab = tabs.includes(current as T) ? (current as T) : fallback;
  const setTab = useCallback(
    (next: string | null) => {
      setParams(
        (prev) => {
          const out = new URLSearchParams(prev);
          if (!next || next === fallback) out.delete('tab');
          else out.set('tab', next);
          return out;
        },
        { replace: true },
      );
    },
    [setParams, fallback],
  );
  return [tab, setTab];
}
