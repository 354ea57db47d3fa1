/**
 * PodMetrics (metrics.k8s.io/v1beta1, what metrics-server serves and `kubectl top` reads): per container, the usage
 * quantities as strings, in a small type of their own (client-node has no model for them). Read leniently, unlike
 * the other decoders: metrics are an optional column served by a third-party aggregated API, so an item that
 * cannot be keyed is left out and a usage that is not a quantity string counts as nothing — the rows stay, as
 * `kubectl top` keeps its table.
 */
import { isObject, type JsonObject } from './read.js';

/** One container's usage, as quantities (`250m`, `64Mi`). */
export interface ContainerMetrics {
  readonly name?: string;
  readonly cpu?: string;
  readonly memory?: string;
}

/** A pod's usage sample. */
export interface PodMetrics {
  readonly namespace?: string;
  readonly name?: string;
  readonly containers: readonly ContainerMetrics[];
}

const str = (o: JsonObject | undefined, key: string): string | undefined => {
  const v = o?.[key];
  return typeof v === 'string' ? v : undefined;
};

function container(raw: unknown): ContainerMetrics | undefined {
  if (!isObject(raw)) return undefined;
  const usage = isObject(raw['usage']) ? raw['usage'] : undefined;
  return { name: str(raw, 'name'), cpu: str(usage, 'cpu'), memory: str(usage, 'memory') };
}

/**
 * One pod's metrics (GET …/pods/NAME), or undefined when the body is not an object.
 * @param raw the parsed body
 */
export function readPodMetrics(raw: unknown): PodMetrics | undefined {
  if (!isObject(raw)) return undefined;
  const meta = isObject(raw['metadata']) ? raw['metadata'] : undefined;
  const containers = Array.isArray(raw['containers']) ? raw['containers'] : [];
  const out: ContainerMetrics[] = [];
  for (const c of containers) {
    const m = container(c);
    if (m) out.push(m);
  }
  return { namespace: str(meta, 'namespace'), name: str(meta, 'name'), containers: out };
}

/**
 * The items of a PodMetricsList that name their pod; none when the body is not a list.
 * @param raw the parsed body
 */
export function readPodMetricsList(raw: unknown): (PodMetrics & { namespace: string; name: string })[] {
  const items = isObject(raw) && Array.isArray(raw['items']) ? raw['items'] : [];
  const out: (PodMetrics & { namespace: string; name: string })[] = [];
  for (const item of items) {
    const m = readPodMetrics(item);
    if (m?.namespace !== undefined && m.name !== undefined)
      out.push({ ...m, namespace: m.namespace, name: m.name });
  }
  return out;
}
