/** One clock for the whole screen: every AGE and "(3m ago)" ages together, once a second. */
import { useEffect, useState } from 'react';

export function useNow(periodMs = 1000, clock: () => number = Date.now): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    const t = setInterval(() => setNow(clock()), periodMs);
    return () => clearInterval(t);
  }, [periodMs, clock]);
  return now;
}
