/**
 * A pod's CPU and memory use, and the CPU/MEM texts `kubectl top pod` prints for it. The numbers come from the
 * metrics store (kube/metricsStore sums a PodMetrics' containers); the field names match what it publishes, so its
 * map passes straight to `podRows`.
 */

/** What a pod is using right now, summed over its containers. */
export interface PodUsage {
  /** Thousandths of a core, rounded up as `kubectl top` does. */
  readonly cpuMilli: number;
  /** Bytes. */
  readonly memBytes: number;
}

const MEBIBYTE = 2 ** 20;

/**
 * CPU as `kubectl top` prints it: whole millicores with an `m`, e.g. `124m`.
 * @param millicores the usage in thousandths of a core
 */
export function formatCpu(millicores: number): string {
  return `${Math.ceil(millicores)}m`;
}

/**
 * Memory as `kubectl top` prints it: whole mebibytes, rounded down, e.g. `45Mi`.
 * @param bytes the usage in bytes
 */
export function formatMemory(bytes: number): string {
  return `${Math.floor(bytes / MEBIBYTE)}Mi`;
}
