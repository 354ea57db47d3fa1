/**
 * Which container a shell opens in: the one the user selected, else the pod's
 * `kubectl.kubernetes.io/default-container`, else its only container, else the user picks. A pod that is not
 * running, or a container that is not, is refused with the reason, before any connection is made. Pure (no
 * client-node), so a view can import it directly; it works on the list's slim pods as on full ones.
 */
import { podStatusReason } from '../../domain/podStatus.js';
import type { ContainerStatus, Pod } from '../../domain/wire.js';
import { chooseContainer as pickContainer } from '../../domain/containerChoice.js';

/** The outcome: a container to open, a list to pick from, or why not. */
export type ContainerChoice =
  | { kind: 'container'; name: string }
  | { kind: 'picker'; names: string[] }
  | { kind: 'refuse'; reason: string };

function statusOf(pod: Pod, name: string): ContainerStatus | undefined {
  const s = pod.status;
  return [
    ...(s?.containerStatuses ?? []),
    ...(s?.initContainerStatuses ?? []),
    ...(s?.ephemeralContainerStatuses ?? []),
  ].find((c) => c.name === name);
}

/** Why a container is not running, in kubectl's words (`waiting: CrashLoopBackOff`), or undefined if it is. */
function notRunning(status: ContainerStatus | undefined): string | undefined {
  const state = status?.state;
  if (state?.running) return undefined;
  if (state?.waiting) return `waiting: ${state.waiting.reason ?? 'unknown reason'}`;
  if (state?.terminated) {
    const t = state.terminated;
    return `terminated: ${t.reason ?? 'exit'} (exit code ${t.exitCode})`;
  }
  return 'no status yet';
}

/**
 * Chooses the container for a shell in `pod`.
 * @param selected the container the user has selected (in the pod's containers view), if any
 */
export function chooseContainer(pod: Pod, selected?: string): ContainerChoice {
  const podName = pod.metadata?.name ?? '';
  if (pod.metadata?.deletionTimestamp) return { kind: 'refuse', reason: `pod ${podName} is terminating` };
  if (pod.status?.phase !== 'Running') {
    return { kind: 'refuse', reason: `pod ${podName} is not running (${podStatusReason(pod)})` };
  }
  const known = new Set([
    ...(pod.spec?.containers ?? []).map((c) => c.name),
    ...(pod.spec?.initContainers ?? []).map((c) => c.name),
    ...(pod.spec?.ephemeralContainers ?? []).map((c) => c.name),
    ...(pod.status?.ephemeralContainerStatuses ?? []).map((c) => c.name),
  ]);
  if (selected && !known.has(selected))
    return { kind: 'refuse', reason: `pod ${podName} has no container ${selected}` };
  const choice = pickContainer(pod, selected);
  if (choice.kind === 'pick') {
    if (choice.items.length === 0) return { kind: 'refuse', reason: `pod ${podName} has no containers` };
    return { kind: 'picker', names: choice.items };
  }
  const name = choice.container;
  const why = notRunning(statusOf(pod, name));
  if (why) return { kind: 'refuse', reason: `container ${name} of pod ${podName} is not running (${why})` };
  return { kind: 'container', name };
}
