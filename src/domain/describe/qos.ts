/**
 * The pod's QoS class as kubectl's `qos.GetPodQOS` gives it: `status.qosClass` when the server set it, otherwise
 * computed from the containers' CPU and memory requests and limits (Guaranteed: every container limits both and
 * requests equal limits; BestEffort: nothing requested or limited; Burstable: anything else).
 */
import { parseQuantity } from '../quantity.js';
import type { Container, Pod } from '../wire.js';

const SUPPORTED = ['cpu', 'memory'];

function add(into: Map<string, number>, list: Record<string, string> | undefined, found?: Set<string>): void {
  for (const [name, q] of Object.entries(list ?? {})) {
    if (!SUPPORTED.includes(name)) continue;
    const v = parseQuantity(String(q)) ?? 0;
    if (v === 0) continue;
    found?.add(name);
    into.set(name, (into.get(name) ?? 0) + v);
  }
}

/**
 * The QoS class: `Guaranteed`, `Burstable` or `BestEffort`.
 * @param pod the pod as it came off the wire
 */
export function podQos(pod: Pod): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const requests = new Map<string, number>();
  const limits = new Map<string, number>();
  let guaranteed = true;
  const containers: Container[] = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  for (const c of containers) {
    add(requests, c.resources?.requests as Record<string, string> | undefined);
    const found = new Set<string>();
    add(limits, c.resources?.limits as Record<string, string> | undefined, found);
    if (!SUPPORTED.every((n) => found.has(n))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, v] of requests) if (limits.get(name) !== v) guaranteed = false;
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
