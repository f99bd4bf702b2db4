import { useCallback, useEffect, useState } from 'react';
import { estimateHeadroom, headroomOf, type Headroom } from './storage.js';

/** The storage headroom, refreshed every minute and on demand. */
export function useHeadroom(): { headroom: Headroom; refresh: () => void } {
  const [headroom, setHeadroom] = useState<Headroom>(() => headroomOf(undefined, undefined));
  const refresh = useCallback(() => {
    void estimateHeadroom().then(setHeadroom);
  }, []);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, 60_000);
    return () => clearInterval(timer);
  }, [refresh]);
  return { headroom, refresh };
}
