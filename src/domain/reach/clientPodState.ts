/**
 * Where a starting client pod stands, in the words `kubectl get pods` prints (STATUS: Pending, ContainerCreating,
 * Running, ErrImagePull…), and whether waiting longer can help: an image that cannot be pulled, a container that
 * cannot be created, a pod the scheduler cannot place (with its message) or a pod that already ended will not run,
 * so the probe reports it and deletes the pod instead of waiting out its deadline.
 */
import { podStatusReason } from '../podStatus.js';
import type { Pod } from '../wire.js';

/** What stops a client pod from starting: its waiting reasons that will not go away by waiting. */
const HOPELESS_WAITING = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'ErrImageNeverPull',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
]);

/**
 * The pod's state in kubectl's STATUS words, and why it will not run if that is known.
 * @param pod the client pod as the API server sent it
 */
export function clientPodState(pod: Pod): { words: string; hopeless: string | undefined } {
  const words = podStatusReason(pod);
  const unschedulable = pod.status?.conditions?.find(
    (c) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable',
  );
  if (unschedulable) return { words, hopeless: `Unschedulable: ${unschedulable.message ?? 'no node fits'}` };
  const waiting = pod.status?.containerStatuses?.find((s) => s.state?.waiting)?.state?.waiting;
  if (waiting?.reason && HOPELESS_WAITING.has(waiting.reason))
    return { words, hopeless: `${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}` };
  const phase = pod.status?.phase;
  if (phase === 'Failed' || phase === 'Succeeded')
    return { words, hopeless: `${words}${pod.status?.message ? `: ${pod.status.message}` : ''}` };
  return { words, hopeless: undefined };
}
