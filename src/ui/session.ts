/** The cluster connection the dashboard shows: a kubeconfig with its context chosen, and names for the header. */
import type { KubeConfig } from '@kubernetes/client-node';

export interface Session {
  kc: KubeConfig;
  contextName: string;
  clusterName: string;
  /** The context's namespace (favourite 1). */
  namespace: string;
}
