/**
 * The real control plane in a real-server suite (test/real/): its address and admin credentials, as the global
 * setup (test/real/globalSetup.ts) provides them, and clients bound to it.
 */
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { inject } from 'vitest';
import type { ApiTarget } from '../cluster/api.js';
import { apiJson, apiRequest } from '../cluster/api.js';

export interface RealCluster extends ApiTarget {
  /** The admin kubeconfig text (context podscope-real). */
  kubeconfig: string;
  kubeconfigFile: string;
  /** The cluster CA's key (PEM): sign restricted users' client certificates with it (test/cluster/pki.ts clientCert). */
  caKey: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    realCluster: RealCluster;
  }
}

export function realCluster(): RealCluster {
  return inject('realCluster');
}

export function realKubeConfig(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromString(realCluster().kubeconfig);
  return kc;
}

export function realCore(): CoreV1Api {
  return realKubeConfig().makeApiClient(CoreV1Api);
}

/** Creates a namespace of the suite's own (the real server refuses pods in a namespace that doesn't exist). */
export async function createNamespace(t: ApiTarget, name: string): Promise<void> {
  await apiJson(t, {
    method: 'POST',
    path: '/api/v1/namespaces',
    body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
  });
  // Pods need the namespace's default service account, which the service-account controller makes.
  const deadline = Date.now() + 30_000;
  while (
    (await apiRequest(t, { path: `/api/v1/namespaces/${name}/serviceaccounts/default` })).status !== 200
  ) {
    if (Date.now() > deadline) throw new Error(`namespace ${name}: no default service account after 30 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Creates a one-container pod (nginx) in `namespace`; the scheduler binds it and kwok runs it. */
export async function createPod(
  t: ApiTarget,
  namespace: string,
  name: string,
  labels: Record<string, string> = {},
): Promise<void> {
  await apiJson(t, {
    method: 'POST',
    path: `/api/v1/namespaces/${namespace}/pods`,
    body: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, labels },
      spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
    },
  });
}
