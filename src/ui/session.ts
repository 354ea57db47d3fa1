/**
 * The cluster connection the dashboard shows: a kubeconfig with its context chosen, names for the header, and a
 * client-node `KubeConfig` on request for the actions that use client-node (exec, logs, port-forward).
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { toClientKubeConfig } from '../kube/clientKubeConfig.js';
import type { KubeConfigLike } from '../kube/plainKubeConfig.js';

export interface Session {
  /** The kubeconfig, current context selected: what the stores (list, watch, metrics) take. */
  kc: KubeConfigLike;
  contextName: string;
  clusterName: string;
  /** The context's namespace (favourite 1). */
  namespace: string;
  /**
   * The same kubeconfig as a client-node `KubeConfig`. client-node (about 85 MiB and 270 ms to load) is imported
   * on the first call, not at start-up; later calls return the same object, so its credential cache and
   * connections are shared by the actions of this session.
   */
  clientKubeConfig(): Promise<KubeConfig>;
}

/**
 * A session on `kc`'s current context.
 * @param kc the kubeconfig, with the current context selected
 * @param names the header's names and favourite namespace; by default those of the current context ("default"
 *   when it sets no namespace)
 */
export function makeSession(
  kc: KubeConfigLike,
  names: Partial<Pick<Session, 'contextName' | 'clusterName' | 'namespace'>> = {},
): Session {
  const contextName = names.contextName ?? kc.getCurrentContext();
  const context = kc.getContextObject(contextName);
  let client: Promise<KubeConfig> | undefined;
  return {
    kc,
    contextName,
    clusterName: names.clusterName ?? context?.cluster ?? contextName,
    namespace: names.namespace ?? (context?.namespace || 'default'),
    clientKubeConfig: () => {
      // A failed import is not cached: the next action tries again.
      client ??= toClientKubeConfig(kc).catch((e: unknown) => {
        client = undefined;
        throw e;
      });
      return client;
    },
  };
}
