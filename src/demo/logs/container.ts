/**
 * Which container a log request is for, as the API server decides before it asks the kubelet
 * (pkg/registry/core/pod/strategy.go `validateContainer`). The API server does not read the
 * `kubectl.kubernetes.io/default-container` annotation: kubectl applies it client-side and always sends a name.
 */
import type { Pod } from '../../domain/wire.js';
import { badRequest, type LogFailure } from './failure.js';

/** Every container name of the pod in the API server's visiting order: init containers, containers, ephemeral. */
export function podContainerNames(pod: Pod): string[] {
  const spec = pod.spec;
  return [
    ...(spec?.initContainers ?? []).map((c) => c.name),
    ...(spec?.containers ?? []).map((c) => c.name),
    ...(spec?.ephemeralContainers ?? []).map((c) => c.name),
  ];
}

/** The container named by the request, or the pod's only container when none is named. */
export function chooseContainer(pod: Pod, requested: string): { name: string } | LogFailure {
  const podName = pod.metadata?.name ?? '';
  if (requested === '') {
    const containers = pod.spec?.containers ?? [];
    if (containers.length === 1) return { name: containers[0]!.name };
    if (containers.length === 0) return badRequest(`a container name must be specified for pod ${podName}`);
    // Go prints the []string with %s: "[a b c]".
    const names = podContainerNames(pod).join(' ');
    return badRequest(`a container name must be specified for pod ${podName}, choose one of: [${names}]`);
  }
  if (!podContainerNames(pod).includes(requested)) {
    return badRequest(`container ${requested} is not valid for pod ${podName}`);
  }
  return { name: requested };
}
