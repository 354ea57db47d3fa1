/**
 * The pod network as seen from inside the demo cluster: which pod owns an IP, which app listens on a port of a pod
 * (containers of a pod share its network namespace, so any container's listener counts), and on which addresses —
 * so a socket bound to 127.0.0.1 is reached from inside the pod and through port-forward, never through the pod IP.
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
  /** The local addresses bound: `0.0.0.0`, `::` (any address), `127.0.0.1`, `::1` (the pod's loopback). */
  addresses: readonly string[];
}

/** How a connection comes in: to the pod's loopback (from inside it, or port-forward), or to the pod IP. */
export type Via = 'loopback' | 'podIP';

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
      out.push({ port: l.port, app: l.app, container: c.name, addresses: l.addresses ?? ['::'] });
  }
  return out;
}

function isLoopbackAddress(address: string): boolean {
  return address === '::1' || address.startsWith('127.');
}

/**
 * Whether a socket bound to `address` accepts a connection coming `via`: a wildcard takes both; a loopback address
 * only connections to the loopback (the kernel matches the destination address: a connection to the pod IP finds
 * no socket and is refused). The demo binds no socket to the pod IP itself.
 */
function accepts(address: string, via: Via): boolean {
  if (address === '0.0.0.0' || address === '::') return true;
  return via === 'loopback' && isLoopbackAddress(address);
}

/** The listener a connection to `port` coming `via` reaches, if any (none: Connection refused). */
export function listenerFor(pod: Pod, port: number, via: Via): Listener | undefined {
  return podListeners(pod).find((l) => l.port === port && l.addresses.some((a) => accepts(a, via)));
}

/** How a connection to `host` from inside a pod comes in: `localhost`, 127.0.0.0/8 and ::1 are the loopback. */
export function viaOf(host: string): Via {
  return host === 'localhost' || host === '::1' || host.startsWith('127.') ? 'loopback' : 'podIP';
}

/** The pod with this IP, if any. */
export function podByIP(store: ObjectStore, ip: string): Pod | undefined {
  for (const p of store.list(PODS)) {
    if ((p as Pod).status?.podIP === ip) return p as Pod;
  }
  return undefined;
}
