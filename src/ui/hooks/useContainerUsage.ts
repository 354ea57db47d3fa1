/** The containers view's per-container usage, polled every 15 s (metrics-server's resolution), every 2 s until a first sample. */
import { useEffect, useState } from 'react';
import type { PodUsage } from '../../domain/usage.js';
import { containerUsage } from '../../kube/containerMetrics.js';
import type { PodRef } from '../../state/views.js';
import type { Session } from '../session.js';

export function useContainerUsage(
  session: Session,
  pod: PodRef,
  intervalMs = 15_000,
): ReadonlyMap<string, PodUsage> | undefined {
  const [usage, setUsage] = useState<ReadonlyMap<string, PodUsage> | undefined>(undefined);
  useEffect(() => {
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    // Until a first sample comes (a pod that just started has none), ask again soon.
    const poll = (): void => {
      void containerUsage(session.kc, pod.namespace, pod.name, abort.signal).then((u) => {
        if (abort.signal.aborted) return;
        setUsage(u);
        timer = setTimeout(poll, u && u.size > 0 ? intervalMs : Math.min(intervalMs, 2_000));
      });
    };
    poll();
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [session.kc, pod.namespace, pod.name, intervalMs]);
  return usage;
}
