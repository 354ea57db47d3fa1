/**
 * One pod's usage per container, from metrics.k8s.io (what `kubectl top pod --containers` shows), for the
 * containers view. No metrics API, or no sample yet, is `undefined`: the view then shows requests and limits only.
 */
import type { PodUsage } from '../domain/usage.js';
import type { KubeConfigLike } from './plainKubeConfig.js';
import { cpuMillis, memoryBytes } from '../domain/quantity.js';
import { getJson } from './request.js';

interface PodMetrics {
  containers?: { name?: unknown; usage?: { cpu?: unknown; memory?: unknown } }[];
}

/** Usage by container name; undefined when the cluster serves no metrics for the pod. */
export async function containerUsage(
  kc: KubeConfigLike,
  namespace: string,
  pod: string,
  signal?: AbortSignal,
): Promise<Map<string, PodUsage> | undefined> {
  const path = `/apis/metrics.k8s.io/v1beta1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}`;
  let body: PodMetrics;
  try {
    body = (await getJson(kc, path, signal ? { signal } : {})) as PodMetrics;
  } catch {
    return undefined;
  }
  const out = new Map<string, PodUsage>();
  for (const c of body.containers ?? []) {
    if (typeof c.name !== 'string') continue;
    const cpu = c.usage?.cpu;
    const mem = c.usage?.memory;
    out.set(c.name, {
      cpuMilli: (typeof cpu === 'string' ? cpuMillis(cpu) : undefined) ?? 0,
      memBytes: (typeof mem === 'string' ? memoryBytes(mem) : undefined) ?? 0,
    });
  }
  return out;
}
