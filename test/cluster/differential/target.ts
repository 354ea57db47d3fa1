/** A server the scenarios run against: the demo or the real control plane, by API and by kubectl. */
import type { ApiTarget } from '../api.js';
import { apiJson, apiRequest } from '../api.js';
import { Kubectl } from '../../support/kubectl.js';

export type TargetName = 'demo' | 'real';

export interface Target {
  name: TargetName;
  api: ApiTarget;
  kubectl: Kubectl;
  /** Whether pods need the namespace's default ServiceAccount first (the real ServiceAccount admission). */
  waitsForServiceAccount: boolean;
}

export function makeTarget(name: TargetName, api: ApiTarget, kubeconfig: string): Target {
  return { name, api, kubectl: new Kubectl({ kubeconfig }), waitsForServiceAccount: name === 'real' };
}

/** Creates a namespace on a target and waits until it takes pods. */
export async function createNamespace(t: Target, name: string): Promise<void> {
  await apiJson(t.api, {
    method: 'POST',
    path: '/api/v1/namespaces',
    body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
  });
  if (!t.waitsForServiceAccount) return;
  const deadline = Date.now() + 30_000;
  while (
    (await apiRequest(t.api, { path: `/api/v1/namespaces/${name}/serviceaccounts/default` })).status !== 200
  ) {
    if (Date.now() > deadline) throw new Error(`namespace ${name}: no default service account after 30 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Deletes a namespace (and, on the real server, what is in it), without waiting. */
export async function deleteNamespace(t: Target, name: string): Promise<void> {
  await apiRequest(t.api, { method: 'DELETE', path: `/api/v1/namespaces/${name}` });
}
