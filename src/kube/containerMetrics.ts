/**
 * One pod's usage per container, from metrics.k8s.io (what `kubectl top pod --containers` shows), for the
 * containers view. No metrics API, or no sample yet, is `undefined`: the view then shows requests and limits only.
 */
import type { PodUsage } from '../domain/usage.js';
import { readPodMetrics, type PodMetrics } from './decode/metrics.js';
import type { KubeConfigLike } from './plainKubeConfig.js';
import { cpuMillis, memoryBytes } from '../domain/quantity.js';
import { getJson } from './request.js';

/** Usage by container name; undefined when the cluster serves no metrics for the pod. */
export async function containerUsage(
  kc: KubeConfigLike,
  namespace: string,
  pod: string,
  signal?: AbortSignal,
): Promise<Map<string, PodUsage> | undefined> {
  const path = `/apis/metrics.k8s.io/v1beta1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}`;
  let body: PodMetrics | undefined;
  try {
    body = readPodMetrics(await getJson(kc, path, signal ? { signal } : {}));
  } catch {
    return undefined;
  }
  const out = new Map<string, PodUsage>();
  for (const c of body?.containers ?? []) {
    if (c.name === undefined) continue;
    out.set(c.name, {
      cpuMilli: (c.cpu === undefined ? undefined : cpuMillis(c.cpu)) ?? 0,
      memBytes: (c.memory === undefined ? undefined : memoryBytes(c.memory)) ?? 0,
    });
  }
  return out;
}
