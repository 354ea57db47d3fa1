/**
 * The owner actions' data for the views: the rollouts under way (the header's line) and a pod's owner chain (the
 * containers view's owner line), from the session's Workloads (ui/workloadsFor.ts).
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { controllerRef } from '../../domain/workload/controllerRef.js';
import type { Pod } from '../../domain/wire.js';
import { chainText } from '../../kube/workload/ownerChain.js';
import type { Session } from '../session.js';
import { workloadsFor } from '../workloadsFor.js';

/** `⟳ web-app: 2/3 updated, 1 old` for each rollout podscope follows, joined; undefined when none. */
export function useRolloutLine(session: Session): string | undefined {
  const tracker = workloadsFor(session).rollouts;
  const lines = useSyncExternalStore(tracker.subscribe, tracker.getSnapshot);
  // A session that goes (a context switch, the exit) stops following its rollouts.
  useEffect(() => () => workloadsFor(session).stop(), [session]);
  return lines.length ? `⟳ ${lines.map((l) => l.text).join('   ')}` : undefined;
}

/** The pod's owner chain as one line (`ReplicaSet/web-app-7d9f → Deployment/web-app`); undefined while read or when none. */
export function useOwnerChain(session: Session, pod: Pod | undefined, namespace: string): string | undefined {
  const ref = controllerRef(pod);
  const key = ref ? `${ref.apiVersion}/${ref.kind}/${ref.name}` : '';
  const [text, setText] = useState<{ key: string; text: string } | undefined>(undefined);
  useEffect(() => {
    if (!ref) return;
    let live = true;
    void workloadsFor(session)
      .chain(namespace, ref)
      .then(
        (chain) => live && setText({ key, text: chainText(chain) }),
        (e: unknown) => live && setText({ key, text: e instanceof Error ? e.message : String(e) }),
      );
    return () => {
      live = false;
    };
    // ref is derived from key
  }, [session, namespace, key]);
  if (!ref) return pod ? 'none (a bare pod)' : undefined;
  return text?.key === key ? text.text : undefined;
}
