/**
 * The demo's list paging held to the real kube-apiserver (etcd3 store.GetList): the same namespace, the same
 * pods, a first page, then pods deleted, created and modified before and after the page's last key, then the
 * rest of the pages through the continue token. Both servers must answer the same pages — the objects as they
 * were at the first page's version, with the same remainingItemCount — and a fresh list the changed state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreV1Api, V1PodList } from '@kubernetes/client-node';
import { apiRequest } from '../cluster/api.js';
import { createNamespace, realCluster, realCore } from '../support/realCluster.js';
import { startTestCluster, type TestCluster } from '../support/demoCluster.js';

const NS = 'real-paged-list';
let demo: TestCluster;

beforeAll(async () => {
  demo = await startTestCluster({ populate: false });
  await demo.core.createNamespace({ body: { metadata: { name: NS } } });
  await createNamespace(realCluster(), NS);
});
afterAll(async () => {
  await demo.demo.close();
  await apiRequest(realCluster(), { method: 'DELETE', path: `/api/v1/namespaces/${NS}` });
});

// Bound to a node neither server runs: nothing but the test changes them.
const pod = (name: string) => ({
  metadata: { name },
  spec: { nodeName: 'elsewhere', containers: [{ name: 'c', image: 'busybox:1.36' }] },
});

interface Page {
  names: string[];
  remaining: number | undefined;
  more: boolean;
}

const page = (l: V1PodList): Page => ({
  names: l.items.map((p) => `${p.metadata!.name!}${p.metadata?.labels?.['changed'] ? '*' : ''}`),
  remaining: l.metadata?.remainingItemCount,
  more: !!l.metadata?._continue,
});

async function scenario(core: CoreV1Api): Promise<{ pages: Page[]; after: Page }> {
  for (let i = 0; i < 20; i++)
    await core.createNamespacedPod({ namespace: NS, body: pod(`p-${String(i).padStart(2, '0')}`) });
  const first = await core.listNamespacedPod({ namespace: NS, limit: 6 });
  await core.deleteNamespacedPod({ namespace: NS, name: 'p-15', gracePeriodSeconds: 0 });
  await core.deleteNamespacedPod({ namespace: NS, name: 'p-02', gracePeriodSeconds: 0 });
  await core.createNamespacedPod({ namespace: NS, body: pod('p-12b') });
  await core.createNamespacedPod({ namespace: NS, body: pod('p-00a') });
  await core.patchNamespacedPod({
    namespace: NS,
    name: 'p-17',
    body: [{ op: 'add', path: '/metadata/labels', value: { changed: 'yes' } }],
  });
  const pages = [page(first)];
  let cont = first.metadata?._continue;
  while (cont) {
    const next = await core.listNamespacedPod({ namespace: NS, limit: 6, _continue: cont });
    pages.push(page(next));
    cont = next.metadata?._continue;
  }
  return { pages, after: page(await core.listNamespacedPod({ namespace: NS })) };
}

describe('a paged list continued while pods change, on both servers', () => {
  it('answers the same pages and the same counts as the real API server', async () => {
    const real = await scenario(realCore());
    const ours = await scenario(demo.core);
    expect(ours).toEqual(real);
    // What the real server answered: the pods as they were, then the changes in a fresh list.
    expect(real.pages.flatMap((p) => p.names)).toHaveLength(20);
    expect(real.after.names).toContain('p-17*');
  });
});
