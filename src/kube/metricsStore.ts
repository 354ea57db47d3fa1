/**
 * CPU and memory per pod from `metrics.k8s.io/v1beta1` (metrics-server), polled every 15 s — metrics-server's own
 * resolution, so polling faster shows nothing new. Many clusters don't serve the group: discovery is asked once,
 * and if the group is absent the store says so and never polls.
 */
import { decodeApiGroupVersions } from './decode/discovery.js';
import { readPodMetricsList } from './decode/metrics.js';
import type { KubeConfigLike } from './plainKubeConfig.js';
import { describeFailure, KubeHttpError } from './errors.js';
import { cpuMillis, memoryBytes } from '../domain/quantity.js';
import { getJson, serverUrl } from './request.js';
import { retryPlan, throttledMessage } from './retryPolicy.js';
import { ThrottledPublisher } from './throttledPublisher.js';

/** Usage of one pod, summed over its containers. */
export interface PodUsage {
  /** Millicores, as `kubectl top` prints them. */
  cpuMilli: number;
  memBytes: number;
}

/**
 * - `checking`: discovery has not answered yet (or failed; it is asked again at the next poll);
 * - `available`: the group is served, `pods` holds the latest poll;
 * - `unavailable`: the cluster has no metrics API (no metrics-server); nothing is polled.
 */
export type MetricsAvailability = 'checking' | 'available' | 'unavailable';

export interface MetricsSnapshot {
  availability: MetricsAvailability;
  /** Usage by "namespace/name"; pods that are not running have no entry. */
  pods: ReadonlyMap<string, PodUsage>;
  version: number;
  /** When the latest successful poll finished, epoch ms. */
  updatedAt?: number;
  /** The last poll's failure, one line; cleared by the next success. */
  error?: string;
}

export interface MetricsStoreOptions {
  /** One namespace, or undefined for all. */
  namespace?: string;
  labelSelector?: string;
  /** 15 s by default. */
  intervalMs?: number;
}

const GROUP_PATH = '/apis/metrics.k8s.io';
const VERSION = 'metrics.k8s.io/v1beta1';

/** Sums a PodMetricsList into usage per pod key (leniently: see decode/metrics.ts). */
export function sumPodMetrics(body: unknown): Map<string, PodUsage> {
  const out = new Map<string, PodUsage>();
  for (const pod of readPodMetricsList(body)) {
    let cpuMilli = 0;
    let memBytes = 0;
    for (const c of pod.containers) {
      cpuMilli += (c.cpu === undefined ? undefined : cpuMillis(c.cpu)) ?? 0;
      memBytes += (c.memory === undefined ? undefined : memoryBytes(c.memory)) ?? 0;
    }
    out.set(`${pod.namespace}/${pod.name}`, { cpuMilli, memBytes });
  }
  return out;
}

/** Pod metrics for a namespace (or all), kept outside React with the same subscribe/getSnapshot shape as PodStore. */
export class MetricsStore {
  private readonly publisher: ThrottledPublisher<MetricsSnapshot>;
  private readonly path: string;
  private availability: MetricsAvailability = 'checking';
  private pods: ReadonlyMap<string, PodUsage> = new Map();
  private updatedAt: number | undefined;
  private error: string | undefined;
  private version = 0;
  private state: 'new' | 'running' | 'stopped' = 'new';
  private timer: NodeJS.Timeout | undefined;
  private abort: AbortController | undefined;
  /** Polls failed in a row: the next poll waits at least as long as the retry policy says. */
  private failures = 0;

  /**
   * @param kc the kubeconfig
   * @param opts namespace, label selector, poll interval
   */
  constructor(
    private readonly kc: KubeConfigLike,
    private readonly opts: MetricsStoreOptions = {},
  ) {
    const ns = opts.namespace;
    this.path = ns ? `/apis/${VERSION}/namespaces/${encodeURIComponent(ns)}/pods` : `/apis/${VERSION}/pods`;
    const initial: MetricsSnapshot = { availability: 'checking', pods: this.pods, version: 0 };
    // Polls are seconds apart: no need to hold a publish back.
    this.publisher = new ThrottledPublisher(initial, () => this.buildSnapshot(), 0);
  }

  /** For `useSyncExternalStore`. */
  readonly subscribe = (listener: () => void): (() => void) => this.publisher.subscribe(listener);

  /** For `useSyncExternalStore`: the same object until the next poll or state change. */
  readonly getSnapshot = (): MetricsSnapshot => this.publisher.getSnapshot();

  /** Checks discovery, then polls. Does nothing if already started or stopped. */
  start(): void {
    if (this.state !== 'new') return;
    this.state = 'running';
    this.abort = new AbortController();
    void this.tick();
  }

  /** Stops polling and aborts a request in flight; no listener is called afterwards. Idempotent. */
  stop(): void {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    clearTimeout(this.timer);
    this.abort?.abort();
    this.publisher.close();
  }

  private buildSnapshot(): MetricsSnapshot {
    return {
      availability: this.availability,
      pods: this.pods,
      version: ++this.version,
      ...(this.updatedAt === undefined ? {} : { updatedAt: this.updatedAt }),
      ...(this.error === undefined ? {} : { error: this.error }),
    };
  }

  private async tick(): Promise<void> {
    const signal = this.abort?.signal;
    if (!signal) return;
    let waitMs = this.opts.intervalMs ?? 15_000;
    try {
      if (this.availability === 'checking')
        this.availability = (await this.served(signal)) ? 'available' : 'unavailable';
      if (this.availability === 'available') {
        const body = await getJson(this.kc, this.path, {
          query: { labelSelector: this.opts.labelSelector },
          signal,
          timeoutMs: 30_000,
        });
        this.pods = sumPodMetrics(body);
        this.updatedAt = Date.now();
      }
      this.error = undefined;
      this.failures = 0;
    } catch (e) {
      if (signal.aborted) return;
      // A throttled or failing server is polled no sooner than it asked (Retry-After) and the back-off allows.
      const plan = retryPlan(e, ++this.failures);
      waitMs = Math.max(plan.delayMs, waitMs);
      this.error = plan.throttled ? throttledMessage(waitMs) : describeFailure(e, serverUrl(this.kc)).message;
    }
    if (this.state !== 'running') return;
    this.publisher.invalidate();
    if (this.availability === 'unavailable') return;
    this.timer = setTimeout(() => void this.tick(), waitMs);
  }

  /** Whether the API server serves metrics.k8s.io/v1beta1 (404: no metrics-server registered). */
  private async served(signal: AbortSignal): Promise<boolean> {
    try {
      const group = await getJson(this.kc, GROUP_PATH, { signal, timeoutMs: 15_000 });
      return decodeApiGroupVersions(group, `GET ${GROUP_PATH}`).includes(VERSION);
    } catch (e) {
      if (e instanceof KubeHttpError && e.status === 404) return false;
      throw e;
    }
  }
}
