/**
 * Who owns a pod, for "show its siblings" (the `-o` filter): the controller owner reference, and the workload a person thinks of
 * — for a ReplicaSet made by a Deployment, the Deployment, found by the pod-template-hash convention (the
 * ReplicaSet is named `<deployment>-<hash>` and its pods carry `pod-template-hash: <hash>`).
 */
import type { Pod } from './wire.js';

export interface Owner {
  kind: string;
  name: string;
}

/**
 * The pod's controller (the owner reference with `controller: true`), as `kubectl describe` shows it in
 * "Controlled By".
 * @param pod the pod (a slim list pod will do: owner references and labels are kept)
 */
export function controllerOf(pod: Pod): Owner | undefined {
  const ref = (pod.metadata?.ownerReferences ?? []).find((o) => o.controller === true);
  return ref ? { kind: ref.kind, name: ref.name } : undefined;
}

/**
 * The workload behind the pod: the Deployment for a ReplicaSet named `<deployment>-<pod-template-hash>`,
 * otherwise the controller itself (StatefulSet, DaemonSet, Job, a bare ReplicaSet…); undefined for a bare pod.
 * @param pod the pod
 */
export function workloadOf(pod: Pod): Owner | undefined {
  const controller = controllerOf(pod);
  if (controller?.kind !== 'ReplicaSet') return controller;
  const hash = pod.metadata?.labels?.['pod-template-hash'];
  if (hash && controller.name.endsWith(`-${hash}`) && controller.name.length > hash.length + 1) {
    return { kind: 'Deployment', name: controller.name.slice(0, -(hash.length + 1)) };
  }
  return controller;
}
