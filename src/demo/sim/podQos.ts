/**
 * A pod's QoS class, as ComputePodQOS decides it (pkg/apis/core/helper/qos/qos.go, Kubernetes v1.32): only CPU and
 * memory count, and only amounts above zero; requests and limits are summed over app and init containers;
 * Guaranteed needs every container to limit both and the sums of requests to equal the sums of limits (by value,
 * so "1" equals "1000m"); BestEffort has neither; anything else is Burstable.
 */
import type { Pod } from '../../domain/wire.js';
import { parseQuantity } from './quantity.js';

const QOS_RESOURCES = ['cpu', 'memory'];

function positive(list: Record<string, string> | undefined): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const [name, text] of Object.entries(list ?? {})) {
    const q = parseQuantity(text);
    if (QOS_RESOURCES.includes(name) && q && q.nanos > 0n) out.set(name, q.nanos);
  }
  return out;
}

export function qosClass(pod: Pod): string {
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let guaranteed = true;
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    for (const [name, v] of positive(c.resources?.requests))
      requests.set(name, (requests.get(name) ?? 0n) + v);
    const own = positive(c.resources?.limits);
    for (const [name, v] of own) limits.set(name, (limits.get(name) ?? 0n) + v);
    if (!QOS_RESOURCES.every((r) => own.has(r))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  const equal = [...requests].every(([name, v]) => limits.get(name) === v);
  if (guaranteed && equal && requests.size === limits.size) return 'Guaranteed';
  return 'Burstable';
}
