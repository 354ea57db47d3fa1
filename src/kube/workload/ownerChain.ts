/**
 * A pod's owner chain, read from the API as the garbage collector follows it: the pod's controller owner
 * reference, then that object's, and so on (ReplicaSet → Deployment, Job → CronJob, StatefulSet, DaemonSet…) —
 * one GET per link, each kind mapped to its resource through discovery (apply/discovery.ts), so any kind the
 * server serves works. A link that cannot be read (gone: 404, forbidden: 403) ends the chain with its reason.
 */
import type { ResourceDiscovery } from '../apply/discovery.js';
import { objectPath } from '../apply/discovery.js';
import type { OwnerLink, Workload } from '../decode/workload.js';
import { decodeWorkload } from '../decode/workload.js';
import { errorMessage, KubeHttpError } from '../errors.js';
import type { KubeConfigLike } from '../plainKubeConfig.js';
import { getJson } from '../request.js';

/** One owner in the chain: where it lives in the API, and what it held when read (or why it could not be). */
export interface ChainLink extends OwnerLink {
  readonly namespace: string;
  /** The object's URL path. */
  readonly path: string;
  /** The plural (`deployments`) and group (`apps`), for access reviews and kubectl's names. */
  readonly resource: string;
  readonly group: string;
  readonly workload: Workload | undefined;
  /** Why the object could not be read (then `workload` is undefined and the chain ends here). */
  readonly error: string | undefined;
}

/** The group of an apiVersion: `apps/v1` → `apps`, `v1` → ''. */
export function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

/**
 * The chain above `first` (the pod's controller), nearest first, at most `max` links.
 * @param kc the kubeconfig
 * @param discovery the session's discovery cache
 * @param namespace the pod's namespace (owners of a namespaced object live in its namespace)
 * @param first the pod's controller owner reference, or undefined for a bare pod (an empty chain)
 */
export async function readOwnerChain(
  kc: KubeConfigLike,
  discovery: ResourceDiscovery,
  namespace: string,
  first: OwnerLink | undefined,
  max = 5,
): Promise<ChainLink[]> {
  const chain: ChainLink[] = [];
  for (let next = first; next && chain.length < max;) {
    const link: OwnerLink = next;
    let mapping;
    try {
      mapping = await discovery.map(link.apiVersion, link.kind);
    } catch (e) {
      chain.push(unread(link, namespace, '', '', errorMessage(e)));
      break;
    }
    const path = objectPath(mapping, link.name, namespace);
    const group = groupOf(link.apiVersion);
    try {
      const workload = decodeWorkload(await getJson(kc, path, { timeoutMs: 15_000 }), `GET ${path}`);
      chain.push({ ...link, namespace, path, resource: mapping.resource, group, workload, error: undefined });
      next = workload.controller;
    } catch (e) {
      const why =
        e instanceof KubeHttpError && e.status === 404
          ? `${link.kind} ${link.name} is gone`
          : e instanceof KubeHttpError
            ? e.statusMessage
            : errorMessage(e);
      chain.push({
        ...link,
        namespace,
        path,
        resource: mapping.resource,
        group,
        workload: undefined,
        error: why,
      });
      break;
    }
  }
  return chain;
}

function unread(
  link: OwnerLink,
  namespace: string,
  path: string,
  resource: string,
  error: string,
): ChainLink {
  return { ...link, namespace, path, resource, group: groupOf(link.apiVersion), workload: undefined, error };
}

/** `ReplicaSet/web-app-7d9f ← Deployment/web-app`: what the containers view's owner line shows. */
export function chainText(chain: readonly ChainLink[]): string {
  return chain.map((l) => `${l.kind}/${l.name}${l.error ? ` (${l.error})` : ''}`).join(' → ');
}
