/** The demo's seed pods the kubectl comparison tests run over, and finding one by its name's prefix. */
import type { KubeConfigLike } from '../../../src/kube/plainKubeConfig.js';
import { getJson } from '../../../src/kube/request.js';
import type { Pod } from '../../../src/domain/wire.js';

/** Namespace and name prefix of each seed pod (generated suffixes vary). */
export const SEED_PODS: readonly (readonly [string, string])[] = [
  ['frontend', 'web-app-'],
  ['default', 'webserver'],
  ['default', 'crasher'],
  ['default', 'init-demo'],
  ['default', 'api-with-sidecar'],
  ['default', 'hello'],
  ['default', 'db-migrate-'],
  ['default', 'localhost-app'],
];

export async function podName(kc: KubeConfigLike, namespace: string, prefix: string): Promise<string> {
  const pods = (await getJson(kc, `/api/v1/namespaces/${namespace}/pods`)) as { items: Pod[] };
  const pod = pods.items.find((p) => p.metadata?.name?.startsWith(prefix));
  if (!pod?.metadata?.name) throw new Error(`no pod ${prefix}* in ${namespace}`);
  return pod.metadata.name;
}
