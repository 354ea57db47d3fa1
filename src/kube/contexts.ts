/** The kubeconfig's contexts, and moving to another one. */
import { ConnectError } from './connectError.js';
import { PlainKubeConfig } from './plainKubeConfig.js';
import type { KubeConfigLike } from './plainKubeConfig.js';

/** A context as the context picker shows it. */
export interface ContextInfo {
  name: string;
  cluster: string;
  user: string;
  /** The context's namespace, or "default" when it sets none (as kubectl). */
  namespace: string;
  /** The cluster's API server URL, when the kubeconfig defines the cluster. */
  server?: string;
  current: boolean;
}

/**
 * Every context in the kubeconfig, in file order, with the current one flagged.
 * @param kc the kubeconfig
 */
export function listContexts(kc: KubeConfigLike): ContextInfo[] {
  const current = kc.getCurrentContext();
  return kc.getContexts().map((c) => ({
    name: c.name,
    cluster: c.cluster,
    user: c.user,
    namespace: c.namespace || 'default',
    server: kc.getCluster(c.cluster)?.server,
    current: c.name === current,
  }));
}

/**
 * The current context's name, or undefined when the kubeconfig sets none.
 * @param kc the kubeconfig
 */
export function currentContextName(kc: KubeConfigLike): string | undefined {
  const name = kc.getCurrentContext();
  return name ? name : undefined;
}

/** "unknown context "x" (available: a, b)", the one wording for a context that isn't there. */
export function unknownContextMessage(kc: KubeConfigLike, name: string): string {
  const names = kc.getContexts().map((c) => c.name);
  const available = names.length ? `available: ${names.join(', ')}` : 'the kubeconfig has no contexts';
  return `unknown context "${name}" (${available})`;
}

/**
 * A new kubeconfig identical to `kc` but for its current context. The original is left alone, so views that
 * still hold it keep working until they are replaced; the new one has its own credential cache.
 * Throws `ConnectError` for a context the kubeconfig doesn't have.
 * @param kc the kubeconfig to start from
 * @param name the context to switch to
 */
export function switchContext(kc: KubeConfigLike, name: string): PlainKubeConfig {
  const context = kc.getContextObject(name);
  if (!context) throw new ConnectError(unknownContextMessage(kc, name));
  if (!kc.getCluster(context.cluster)) {
    throw new ConnectError(
      `context "${name}" refers to cluster "${context.cluster}", which the kubeconfig does not define`,
    );
  }
  return PlainKubeConfig.from(kc).withContext(name);
}
