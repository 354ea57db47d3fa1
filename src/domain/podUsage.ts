/**
 * A pod's CPU and memory from its `metrics.k8s.io/v1beta1` PodMetrics: the sum over its containers, as
 * `kubectl top pod` shows it. Cached per metrics object, because a metrics refresh replaces only the objects that
 * changed and the rows ask again for every pod on each flush.
 */
import { scaleQuantity } from './quantity.js';

/** The parts of a PodMetrics object that usage is computed from (the API sends more). */
export interface PodMetrics {
  metadata?: { name?: string; namespace?: string };
  containers?: readonly { name?: string; usage?: { cpu?: string; memory?: string } }[];
}

/** What a pod is using right now. */
export interface PodUsage {
  /** Thousandths of a core, rounded up as kubectl does. */
  readonly cpuMillis: number;
  /** Bytes. */
  readonly memoryBytes: number;
}

const cache = new WeakMap<PodMetrics, PodUsage>();

/**
 * Total CPU and memory of a pod's containers; an unparseable quantity counts as zero rather than hiding the pod.
 * @param metrics the PodMetrics object as it came off the wire
 */
export function podUsage(metrics: PodMetrics): PodUsage {
  const cached = cache.get(metrics);
  if (cached) return cached;
  let cpuNanos = 0;
  let memoryBytes = 0;
  for (const container of metrics.containers ?? []) {
    cpuNanos += scaleQuantity(container.usage?.cpu ?? '0', 9, Math.ceil) ?? 0;
    memoryBytes += scaleQuantity(container.usage?.memory ?? '0', 0, Math.ceil) ?? 0;
  }
  // Summed in nanocores first so three containers at 0.4m each read 2m, as kubectl's exact sum would.
  const usage = { cpuMillis: Math.ceil(cpuNanos / 1_000_000), memoryBytes };
  cache.set(metrics, usage);
  return usage;
}
