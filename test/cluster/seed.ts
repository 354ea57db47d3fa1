/**
 * Seeds a real control plane with the demo's population (src/demo/seedManifests.ts): namespace frontend with the
 * 3-replica web-app Deployment, the seed Services with selectors (frontend, api), the seed pods of namespace default, and a real db-migrate Job whose controller
 * makes its pod (kwok then completes it). Waits until the seed pods run and the Job's pod has succeeded.
 *
 * kwok is no kubelet: it pulls no image and runs no process, so webserver's misspelt image and the crasher run
 * like the others here (see test/cluster/known-differences.ts).
 */
import { WEB_APP_CONTAINERS, seedPodManifests } from '../../src/demo/seedManifests.js';
import { seedServiceManifests } from '../../src/demo/seedServices.js';
import type { Pod } from '../../src/domain/wire.js';
import type { ApiTarget } from './api.js';
import { apiJson } from './api.js';
import { waitFor } from '../support/waitFor.js';

export interface SeedResult {
  /** namespace/name of every seed pod, the Deployment's and the Job's included. */
  pods: string[];
}

export async function seedPopulation(t: ApiTarget, timeoutMs = 60_000): Promise<SeedResult> {
  await apiJson(t, {
    method: 'POST',
    path: '/api/v1/namespaces',
    body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'frontend' } },
  });
  await apiJson(t, {
    method: 'POST',
    path: '/apis/apps/v1/namespaces/frontend/deployments',
    body: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web-app', labels: { app: 'web-app' } },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web-app' } },
        template: { metadata: { labels: { app: 'web-app' } }, spec: { containers: WEB_APP_CONTAINERS } },
      },
    },
  });
  // Issue 16: the seeds' Services with selectors (frontend, api); `kubernetes` is the real server's own, and
  // kube-dns belongs to a CoreDNS this control plane does not run.
  for (const s of seedServiceManifests().filter((x) => x.spec?.selector && x.metadata?.name !== 'kube-dns')) {
    await apiJson(t, {
      method: 'POST',
      path: `/api/v1/namespaces/${s.metadata!.namespace}/services`,
      body: { apiVersion: 'v1', kind: 'Service', ...s },
    });
  }
  const manifests = seedPodManifests({ podName: 'db-migrate-x', uid: '' });
  const jobPod = manifests.find((p) => p.metadata?.ownerReferences?.some((o) => o.kind === 'Job'));
  await apiJson(t, {
    method: 'POST',
    path: '/apis/batch/v1/namespaces/default/jobs',
    body: {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'db-migrate' },
      spec: { backoffLimit: 0, template: { spec: jobPod!.spec } },
    },
  });
  for (const p of manifests) {
    if (p === jobPod) continue;
    await apiJson(t, {
      method: 'POST',
      path: `/api/v1/namespaces/${p.metadata!.namespace}/pods`,
      body: { apiVersion: 'v1', kind: 'Pod', ...p },
    });
  }
  const expected = manifests.length - 1 + 3;
  return waitFor(
    async () => {
      const pods = [
        ...(await apiJson<{ items: Pod[] }>(t, { path: '/api/v1/namespaces/default/pods' })).items,
        ...(await apiJson<{ items: Pod[] }>(t, { path: '/api/v1/namespaces/frontend/pods' })).items,
      ];
      const settled = pods.filter((p) =>
        p.metadata?.labels?.['job-name'] ? p.status?.phase === 'Succeeded' : p.status?.phase === 'Running',
      );
      if (settled.length < expected + 1) return undefined;
      return { pods: settled.map((p) => `${p.metadata!.namespace}/${p.metadata!.name}`) };
    },
    'the seed pods to run',
    timeoutMs,
    100,
  );
}
