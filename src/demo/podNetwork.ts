/**
 * The pod network as seen from inside the demo cluster: which pod owns an IP, and which app listens on a port
 * of a pod (containers of a pod share its network namespace, so any container's listener counts).
 */
import type { Pod } from '../domain/wire.js';
import type { AppKind } from './images.js';
import { imageProfile } from './images.js';
import type { ObjectStore } from './store/objectStore.js';
import { PODS } from './store/resourceTypes.js';

export interface Listener {
  port: number;
  app: AppKind;
  container: string;
}

/** What listens in a running pod: the running containers' processes. */
export function podListeners(pod: Pod): Listener[] {
  const running = new Set(
    [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])]
      .filter((s) => s.state?.running)
      .map((s) => s.name),
  );
  const out: Listener[] = [];
  for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    if (!running.has(c.name)) continue;
    for (const l of imageProfile(c.image ?? '').listens)
      out.push({ port: l.port, app: l.app, container: c.name });
  }
  return out;
}

/** The pod with this IP, if any. */
export function podByIP(store: ObjectStore, ip: string): Pod | undefined {
  for (const p of store.list(PODS)) {
    if ((p as Pod).status?.podIP === ip) return p as Pod;
  }
  return undefined;
}
