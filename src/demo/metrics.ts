/**
 * `metrics.k8s.io/v1beta1`: CPU and memory per container of running pods, as metrics-server reports them.
 * Values are a deterministic function of the pod and the time, wobbling a little from scrape to scrape.
 */
import type { KubeObject, Pod } from '../domain/wire.js';
import { fnv1a } from './fnv.js';
import { rfc3339 } from './store/objectStore.js';

/** Usage of one container: `12m` cores and `34Mi`-ish bytes (metrics-server reports Ki). */
function usage(podUid: string, container: string, now: number): { cpu: string; memory: string } {
  const h = fnv1a(podUid + '/' + container);
  const scrape = Math.floor(now / 15_000);
  const wobble = (fnv1a(`${h}:${scrape}`) % 21) - 10; // ±10 %
  const cpuBase = 1 + (h % 250);
  const memBaseKi = 8_192 + (h % 250_000);
  const cpuNano = Math.max(1, Math.round(cpuBase * (1 + wobble / 100))) * 1_000_000 + (h % 997) * 1000;
  const memKi = Math.round(memBaseKi * (1 + wobble / 200));
  return { cpu: `${cpuNano}n`, memory: `${memKi}Ki` };
}

/** PodMetrics for a pod, or undefined when it isn't running (metrics-server skips those). */
export function podMetrics(pod: Pod, now: number): KubeObject | undefined {
  if (pod.status?.phase !== 'Running') return undefined;
  const running = (pod.status.containerStatuses ?? []).filter((c) => c.state?.running);
  if (running.length === 0) return undefined;
  const uid = pod.metadata?.uid ?? '';
  return {
    kind: 'PodMetrics',
    apiVersion: 'metrics.k8s.io/v1beta1',
    metadata: {
      name: pod.metadata?.name,
      namespace: pod.metadata?.namespace,
      creationTimestamp: rfc3339(now),
      labels: pod.metadata?.labels,
    },
    timestamp: rfc3339(Math.floor(now / 15_000) * 15_000),
    window: '15.023s',
    containers: running.map((c) => ({ name: c.name, usage: usage(uid, c.name, now) })),
  };
}

/** NodeMetrics for a node, summing nothing in particular: a plausible, steady load. */
export function nodeMetrics(name: string, now: number): KubeObject {
  const h = fnv1a(name);
  return {
    kind: 'NodeMetrics',
    apiVersion: 'metrics.k8s.io/v1beta1',
    metadata: { name, creationTimestamp: rfc3339(now) },
    timestamp: rfc3339(Math.floor(now / 15_000) * 15_000),
    window: '20.045s',
    usage: { cpu: `${200_000_000 + (h % 900_000_000)}n`, memory: `${2_000_000 + (h % 3_000_000)}Ki` },
  };
}
