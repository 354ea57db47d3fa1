/**
 * Which run of a container a log request reads, as the kubelet decides it from the pod's container status
 * (pkg/kubelet/kubelet_pods.go `validateContainerLogStatus`), with the kubelet's refusals word for word. The
 * kubelet answers them with HTTP 400 and the API server passes the text on as a BadRequest Status.
 */
import type { ContainerStatus, Pod } from '../../domain/wire.js';
import type { ContainerRun } from '../runtime.js';
import { badRequest, type LogFailure } from './failure.js';

/** Which of the container's states the kubelet took the container ID from. */
type Source = 'current' | 'lastTerminated';

function findStatus(pod: Pod, container: string): ContainerStatus | undefined {
  const status = pod.status;
  for (const list of [
    status?.containerStatuses,
    status?.initContainerStatuses,
    status?.ephemeralContainerStatuses,
  ]) {
    const found = list?.find((s) => s.name === container);
    if (found) return found;
  }
  return undefined;
}

/** The kubelet's choice: the container ID to read and where it came from, or its refusal. */
function kubeletChoice(
  status: ContainerStatus,
  container: string,
  podName: string,
  previous: boolean,
): { id: string; source: Source } | LogFailure {
  const q = (s: string) => JSON.stringify(s);
  const lastTerminated = status.lastState?.terminated;
  const { waiting, running, terminated } = status.state ?? {};
  if (previous) {
    if (!lastTerminated?.containerID) {
      return badRequest(`previous terminated container ${q(container)} in pod ${q(podName)} not found`);
    }
    return { id: lastTerminated.containerID, source: 'lastTerminated' };
  }
  if (running) return { id: status.containerID ?? '', source: 'current' };
  if (terminated) {
    // A terminated state without an ID means the next container did not start: read the last terminated one.
    if (terminated.containerID) return { id: terminated.containerID, source: 'current' };
    if (lastTerminated?.containerID) return { id: lastTerminated.containerID, source: 'lastTerminated' };
    return badRequest(`container ${q(container)} in pod ${q(podName)} is terminated`);
  }
  if (lastTerminated) {
    if (!lastTerminated.containerID)
      return badRequest(`container ${q(container)} in pod ${q(podName)} is terminated`);
    return { id: lastTerminated.containerID, source: 'lastTerminated' };
  }
  if (waiting) {
    const reason = waiting.reason ?? '';
    const why =
      reason === 'ErrImagePull'
        ? "image can't be pulled"
        : reason === 'ImagePullBackOff'
          ? 'trying and failing to pull image'
          : reason;
    return badRequest(`container ${q(container)} in pod ${q(podName)} is waiting to start: ${why}`);
  }
  return badRequest(`container ${q(container)} in pod ${q(podName)} is waiting to start - no logs yet`);
}

/**
 * The run a log request reads: the one whose ID the pod status names. `runs` are the runtime's runs of the
 * container, oldest first.
 *
 * Two leniencies keep the demo usable if the pod status and the runtime disagree for a moment (they are written
 * by the same simulated kubelet, but not atomically): an ID the runtime doesn't know falls back to the run in the
 * same position (current = last run; last terminated = the run before the current one, or the last run when the
 * container is waiting to restart), and a container with runs but no status entry yet reads its runs directly.
 */
export function logTarget(
  pod: Pod,
  container: string,
  previous: boolean,
  runs: readonly ContainerRun[] | undefined,
): { run: ContainerRun } | LogFailure {
  const podName = pod.metadata?.name ?? '';
  const all = runs ?? [];
  const notAvailable = () =>
    badRequest(`container ${JSON.stringify(container)} in pod ${JSON.stringify(podName)} is not available`);
  const status = findStatus(pod, container);
  if (!status) {
    if (all.length === 0) return notAvailable();
    if (!previous) return { run: all[all.length - 1]! };
    const before = all[all.length - 2];
    return before
      ? { run: before }
      : badRequest(
          `previous terminated container ${JSON.stringify(container)} in pod ${JSON.stringify(podName)} not found`,
        );
  }
  const choice = kubeletChoice(status, container, podName, previous);
  if ('failure' in choice) return choice;
  const byId = all.find((r) => r.id === choice.id);
  if (byId) return { run: byId };
  const restarting = !status.state?.running && !status.state?.terminated;
  const positional = choice.source === 'current' || restarting ? all[all.length - 1] : all[all.length - 2];
  return positional ? { run: positional } : notAvailable();
}
