/**
 * Which container an action (logs, shell, port-forward) acts on, as kubectl decides it: the one the user selected,
 * else the `kubectl.kubernetes.io/default-container` annotation, else the only container, else the user picks.
 */
import type { Pod } from './wire.js';

export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

export type ContainerChoice = { kind: 'chosen'; container: string } | { kind: 'pick'; items: string[] };

/** The app containers (and sidecars, which run alongside them), in spec order. */
export function runningCandidates(pod: Pod): string[] {
  const sidecars = (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  return [...(pod.spec?.containers ?? []), ...sidecars].map((c) => c.name);
}

export function chooseContainer(pod: Pod, selected: string | undefined): ContainerChoice {
  if (selected) return { kind: 'chosen', container: selected };
  const items = runningCandidates(pod);
  const annotated = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (annotated && items.includes(annotated)) return { kind: 'chosen', container: annotated };
  if (items.length === 1) return { kind: 'chosen', container: items[0]! };
  return { kind: 'pick', items };
}
