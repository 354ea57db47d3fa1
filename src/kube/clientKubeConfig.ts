/**
 * A client-node `KubeConfig` for the actions that use client-node's clients (exec, logs, port-forward). client-node
 * is imported here, on first use, never at start-up: the list and watch path runs without it (see
 * `PlainKubeConfig`).
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { PlainKubeConfig } from './plainKubeConfig.js';
import type { KubeConfigLike } from './plainKubeConfig.js';

/** Whether `kc` is already a client-node `KubeConfig` (tests and the demo hand those around). */
function isClientKubeConfig(kc: KubeConfigLike): kc is KubeConfig {
  return typeof (kc as Partial<KubeConfig>).makeApiClient === 'function';
}

/**
 * The same clusters, users, contexts and current context as a client-node `KubeConfig`. Each call makes a new one
 * (with its own credential cache and connections); callers cache it (see `Session.clientKubeConfig`).
 * @param kc the kubeconfig, with the current context selected
 */
export async function toClientKubeConfig(kc: KubeConfigLike): Promise<KubeConfig> {
  if (isClientKubeConfig(kc)) return kc;
  const { KubeConfig } = await import('@kubernetes/client-node');
  const out = new KubeConfig();
  out.loadFromOptions(PlainKubeConfig.from(kc).parts());
  return out;
}
