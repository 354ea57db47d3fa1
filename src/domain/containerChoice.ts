/**
 * Which container of a pod an action acts on, by kubectl's rule (`podcmd.FindOrDefaultContainerByName`,
 * k8s.io/kubectl/pkg/cmd/util/podcmd): the container named, else the one the
 * `kubectl.kubernetes.io/default-container` annotation names when the pod has it, else the first (or only)
 * container. The containers view opens on that container; logs, shell and port-forward take the one selected, else
 * the annotated or only candidate, else let the user pick; a shell also refuses a pod or container that is not
 * running, before any connection is made. One module, so the views and the actions cannot disagree.
 */
import { podStatusReason } from './podStatus.js';
import type { ContainerStatus, Pod } from './wire.js';

/** The annotation that names a pod's default container (KEP-2227), read by kubectl and not by the API server. */
export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

/** Every container name of the pod in kubectl's search order: containers, init containers, ephemeral ones. */
export function containerNames(pod: Pod): string[] {
  const spec = pod.spec;
  return [
    ...(spec?.containers ?? []).map((c) => c.name),
    ...(spec?.initContainers ?? []).map((c) => c.name),
    ...(spec?.ephemeralContainers ?? []).map((c) => c.name),
  ];
}

/** The status of a container of any kind (app, init or ephemeral), if the kubelet has reported one. */
export function containerStatus(pod: Pod, container: string): ContainerStatus | undefined {
  const s = pod.status;
  for (const list of [s?.containerStatuses, s?.initContainerStatuses, s?.ephemeralContainerStatuses]) {
    const found = list?.find((c) => c.name === container);
    if (found) return found;
  }
  return undefined;
}

/** The container the default-container annotation names, when it is one of `among`. */
function annotatedDefault(pod: Pod, among: readonly string[]): string | undefined {
  const annotated = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  return annotated && among.includes(annotated) ? annotated : undefined;
}

/**
 * The container kubectl acts on when none is named: the annotated one when it names any container of the pod
 * (app, init or ephemeral), else the first app container; undefined for a pod without containers.
 */
export function defaultContainer(pod: Pod): string | undefined {
  return annotatedDefault(pod, containerNames(pod)) ?? pod.spec?.containers?.[0]?.name;
}

/** The app containers (and sidecars, which run alongside them), in spec order: what an action may pick from. */
export function runningCandidates(pod: Pod): string[] {
  const sidecars = (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  return [...(pod.spec?.containers ?? []), ...sidecars].map((c) => c.name);
}

/** An action's container: decided, or a list for the user to pick from (empty when the pod has none). */
export type ContainerChoice = { kind: 'chosen'; container: string } | { kind: 'pick'; items: string[] };

/**
 * The container logs or a port-forward act on: the selected one, else the annotated default when it is a
 * candidate, else the only candidate, else the user picks among the candidates.
 * @param selected the container the user has selected (in the pod's containers view), if any
 */
export function chooseContainer(pod: Pod, selected: string | undefined): ContainerChoice {
  if (selected) return { kind: 'chosen', container: selected };
  const items = runningCandidates(pod);
  const annotated = annotatedDefault(pod, items);
  if (annotated) return { kind: 'chosen', container: annotated };
  if (items.length === 1) return { kind: 'chosen', container: items[0]! };
  return { kind: 'pick', items };
}

/** A shell's container: one to open, a list to pick from, or why not. */
export type ShellContainerChoice =
  | { kind: 'container'; name: string }
  | { kind: 'picker'; names: string[] }
  | { kind: 'refuse'; reason: string };

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
 * The container a shell opens in, by chooseContainer's rule; a pod that is terminating or not running, a
 * container it does not have, or one that is not running is refused with the reason. Works on the list's slim
 * pods as on full ones.
 * @param selected the container the user has selected (in the pod's containers view), if any
 */
export function chooseShellContainer(pod: Pod, selected?: string): ShellContainerChoice {
  const podName = pod.metadata?.name ?? '';
  if (pod.metadata?.deletionTimestamp) return { kind: 'refuse', reason: `pod ${podName} is terminating` };
  if (pod.status?.phase !== 'Running') {
    return { kind: 'refuse', reason: `pod ${podName} is not running (${podStatusReason(pod)})` };
  }
  // An ephemeral container counts when the spec or the status names it.
  const known = [
    ...containerNames(pod),
    ...(pod.status?.ephemeralContainerStatuses ?? []).map((c) => c.name),
  ];
  if (selected && !known.includes(selected)) {
    return { kind: 'refuse', reason: `pod ${podName} has no container ${selected}` };
  }
  const choice = chooseContainer(pod, selected);
  if (choice.kind === 'pick') {
    if (choice.items.length === 0) return { kind: 'refuse', reason: `pod ${podName} has no containers` };
    return { kind: 'picker', names: choice.items };
  }
  const name = choice.container;
  const why = notRunning(containerStatus(pod, name));
  if (why) return { kind: 'refuse', reason: `container ${name} of pod ${podName} is not running (${why})` };
  return { kind: 'container', name };
}
