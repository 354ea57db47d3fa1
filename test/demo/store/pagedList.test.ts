/**
 * A paged LIST continued while objects change reads them as they were at the first page's version, as etcd
 * serves a continue token at its revision (storage/etcd3 store.GetList): pods created since are not in it, pods
 * deleted since still are, modified ones show their old version, and remainingItemCount counts the keys left at
 * that version — over HTTPS, through client-node.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { V1Pod, V1PodList } from '@kubernetes/client-node';
import { startTestCluster, type TestCluster } from '../../support/demoCluster.js';

let t: TestCluster;
const NAMESPACES = ['ns-a', 'ns-b', 'ns-c'];

// A node the demo's kubelet does not run: nothing changes these pods but the test.
const pod = (name: string): V1Pod => ({
  metadata: { name },
  spec: { nodeName: 'elsewhere', containers: [{ name: 'c', image: 'busybox' }] },
});

beforeAll(async () => {
  t = await startTestCluster({ populate: false });
  for (const ns of NAMESPACES) {
    await t.core.createNamespace({ body: { metadata: { name: ns } } });
    for (let i = 0; i < 20; i++)
      await t.core.createNamespacedPod({ namespace: ns, body: pod(`p-${String(i).padStart(2, '0')}`) });
  }
});
afterAll(async () => {
  await t.demo.close();
});

const ids = (l: V1PodList): string[] =>
  l.items.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}@${p.metadata?.resourceVersion}`);

/** The pages after `first`, until no continue token is left; each page's remainingItemCount beside it. */
async function rest(
  first: V1PodList,
  list: (cont: string) => Promise<V1PodList>,
): Promise<{ items: string[]; remaining: (number | undefined)[] }> {
  const items = ids(first);
  const remaining = [first.metadata?.remainingItemCount];
  let cont = first.metadata?._continue;
  while (cont) {
    const page = await list(cont);
    expect(page.metadata?.resourceVersion).toBe(first.metadata?.resourceVersion);
    items.push(...ids(page));
    remaining.push(page.metadata?.remainingItemCount);
    cont = page.metadata?._continue;
  }
  return { items, remaining };
}

/** Deletes, creates and modifies pods before and after the first page's last key. */
async function change(ns: string): Promise<void> {
  await t.core.deleteNamespacedPod({ namespace: ns, name: 'p-15', gracePeriodSeconds: 0 });
  await t.core.deleteNamespacedPod({ namespace: ns, name: 'p-02', gracePeriodSeconds: 0 });
  await t.core.createNamespacedPod({ namespace: ns, body: pod('p-12b') });
  await t.core.createNamespacedPod({ namespace: ns, body: pod('p-00a') });
  await t.core.patchNamespacedPod({
    namespace: ns,
    name: 'p-17',
    body: [{ op: 'add', path: '/metadata/labels', value: { changed: 'yes' } }],
  });
}

describe('a paged list continued while pods change', () => {
  it('reads every page at the first page’s version, all namespaces', async () => {
    const before = await t.core.listPodForAllNamespaces();
    const first = await t.core.listPodForAllNamespaces({ limit: 7 });
    expect(first.metadata?.resourceVersion).toBe(before.metadata?.resourceVersion);
    await change('ns-b');
    const got = await rest(first, (cont) => t.core.listPodForAllNamespaces({ limit: 7, _continue: cont }));
    expect(got.items).toEqual(ids(before));
    const n = before.items.length;
    expect(got.remaining).toEqual(
      Array.from({ length: Math.ceil(n / 7) }, (_, i) => (n - 7 * (i + 1) > 0 ? n - 7 * (i + 1) : undefined)),
    );
    // A new list sees the changes.
    const after = ids(await t.core.listPodForAllNamespaces());
    expect(after.filter((k) => k.startsWith('ns-b/p-12b@'))).toHaveLength(1);
    expect(after.filter((k) => k.startsWith('ns-b/p-15@'))).toHaveLength(0);
  });

  it('reads one namespace’s pages at their version, and no other namespace’s', async () => {
    const before = await t.core.listNamespacedPod({ namespace: 'ns-c' });
    const first = await t.core.listNamespacedPod({ namespace: 'ns-c', limit: 6 });
    await change('ns-c');
    await change('ns-a');
    const got = await rest(first, (cont) =>
      t.core.listNamespacedPod({ namespace: 'ns-c', limit: 6, _continue: cont }),
    );
    expect(got.items).toEqual(ids(before));
    expect(got.remaining.slice(0, 3)).toEqual([14, 8, 2]);
  });
});
