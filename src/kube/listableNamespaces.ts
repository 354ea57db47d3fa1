/**
 * The namespaces whose pods a user may list, for a user who may not list them at the cluster scope. Neither
 * SelfSubjectAccessReview nor SelfSubjectRulesReview can say "which namespaces": both answer per namespace
 * (pkg/registry/authorization/selfsubjectrulesreview/rest.go needs spec.namespace). So candidates come first —
 * the context's namespace, the namespaces of the kubeconfig's other contexts for the same cluster and user, the
 * favourites, and every namespace when `list namespaces` is allowed — and each is asked `list pods`.
 */
import type { AccessStore } from './access.js';
import { listNamespaces } from './namespaces.js';
import type { KubeConfigLike } from './plainKubeConfig.js';

/**
 * The namespaces the kubeconfig names for this cluster and user: the current context's first (or "default",
 * as kubectl), then the other contexts' in file order.
 * @param kc the kubeconfig, current context selected
 */
export function kubeconfigNamespaces(kc: KubeConfigLike): string[] {
  const current = kc.getContextObject(kc.getCurrentContext());
  if (!current) return [];
  const out = [current.namespace || 'default'];
  for (const c of kc.getContexts()) {
    if (c.cluster === current.cluster && c.user === current.user && c.namespace) out.push(c.namespace);
  }
  return [...new Set(out)];
}

export interface ListableNamespaces {
  /** Those where `list pods` is allowed (or its review failed: the list itself will tell), in candidate order. */
  namespaces: string[];
  /** Every candidate asked. */
  candidates: string[];
}

/**
 * Which candidate namespaces allow `list pods`.
 * @param kc the kubeconfig, current context selected
 * @param access the session's access store (answers are cached there)
 * @param extra more candidates (the favourite namespaces)
 * @param signal aborts the namespace list
 */
export async function listableNamespaces(
  kc: KubeConfigLike,
  access: AccessStore,
  extra: readonly string[],
  signal?: AbortSignal,
): Promise<ListableNamespaces> {
  const candidates = [...kubeconfigNamespaces(kc), ...extra];
  const listNs = await access.ask({ verb: 'list', resource: 'namespaces' });
  if (listNs.verdict !== 'denied') {
    try {
      candidates.push(...(await listNamespaces(kc, signal)));
    } catch {
      // Not allowed after all, or unreachable: the candidates we have are what we can try.
    }
  }
  const unique = [...new Set(candidates)];
  const answers = await Promise.all(
    unique.map((namespace) => access.ask({ verb: 'list', resource: 'pods', namespace })),
  );
  return { namespaces: unique.filter((_, i) => answers[i]?.verdict !== 'denied'), candidates: unique };
}
