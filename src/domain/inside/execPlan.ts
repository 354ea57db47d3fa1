/**
 * Which containers the inside view may read files through (exec `cat`), in order: the container the user
 * selected, then kubectl's default container, then the other running app containers and sidecars. Only running
 * ones: exec into anything else fails. All containers of a pod share its network namespace and its kubelet-written
 * /etc/hosts and /etc/resolv.conf, so any one of them shows the pod's.
 */
import { containerStatus, defaultContainer, runningCandidates } from '../containerChoice.js';
import type { Pod } from '../wire.js';

/**
 * The containers to try, first choice first.
 * @param selected the container selected in the containers view, if any
 */
export function execCandidates(pod: Pod, selected: string | undefined): string[] {
  const order = [selected, defaultContainer(pod), ...runningCandidates(pod)].filter(
    (c): c is string => c !== undefined,
  );
  return [...new Set(order)].filter((c) => containerStatus(pod, c)?.state?.running !== undefined);
}
