/** The namespaces a user can pick from. */
import { decodeNamespace } from './decode/namespace.js';
import type { KubeConfigLike } from './plainKubeConfig.js';
import { listPages } from './listPages.js';

/**
 * The names of all namespaces, sorted. Paged like any list, so a cluster with thousands of namespaces still
 * answers in pieces.
 * @param kc the kubeconfig
 * @param signal aborts the request
 */
export async function listNamespaces(kc: KubeConfigLike, signal?: AbortSignal): Promise<string[]> {
  const names: string[] = [];
  for await (const page of listPages(kc, '/api/v1/namespaces', { signal, limit: 500 })) {
    for (const item of page.items) names.push(decodeNamespace(item, 'GET /api/v1/namespaces').metadata.name);
  }
  return names.sort();
}
