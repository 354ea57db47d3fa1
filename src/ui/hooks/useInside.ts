/**
 * The inside view's reading of a pod (node runtime, files through exec), made when the pod is first known and
 * again when `r` bumps `reads`, when another container is asked for, or when the pod's running containers change
 * (the first choice may have started). Not on every status change: an exec per watch event would be a flood.
 */
import { execCandidates } from '../../domain/inside/execPlan.js';
import type { Pod } from '../../domain/wire.js';
import { InsideStore, type InsideSnapshot } from '../../kube/inside/insideStore.js';
import type { Session } from '../session.js';
import { useExternalStore, type ExternalStore } from './useExternalStore.js';

const WAITING: InsideSnapshot = { node: { kind: 'loading' }, reads: { kind: 'reading' } };

const idle: ExternalStore<InsideSnapshot> = {
  start: () => undefined,
  stop: () => undefined,
  subscribe: () => () => undefined,
  getSnapshot: () => WAITING,
};

/**
 * @param pod the pod as the detail store has it (undefined until it arrives)
 * @param selected the container to read from first
 * @param reads how many times `r` was pressed
 */
export function useInside(
  session: Session,
  pod: Pod | undefined,
  selected: string | undefined,
  reads: number,
): InsideSnapshot {
  const running = pod ? execCandidates(pod, selected).join(',') : undefined;
  return useExternalStore<InsideSnapshot>(
    () =>
      pod
        ? new InsideStore({
            kc: session.kc,
            clientKubeConfig: () => session.clientKubeConfig(),
            pod,
            selected,
          })
        : idle,
    [session, pod?.metadata?.uid, pod?.spec?.nodeName, running, selected, reads],
  );
}
