/**
 * A finalizer holds a pod being deleted, as on kube-apiserver: when its grace period is over and the pod has
 * stopped (the kubelet's final DELETE with grace 0), the registry keeps a pod that still has finalizers —
 * Terminating, its grace period now 0 — instead of removing it (Store.Delete, updateForGracefulDeletionAndFinalizers).
 * Found with the real-world corpus: a dump of a pod being deleted, held by a finalizer as the test put it in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../support/demoCluster.js';
import { waitFor } from '../support/waitFor.js';

let t: TestCluster;

beforeAll(async () => {
  t = await startTestCluster();
});
afterAll(async () => {
  await t?.demo.close();
});

describe('a pod held by a finalizer', () => {
  it('stays after its grace period, Terminating with grace 0, while the finalizer holds it', async () => {
    const nodeName = (await t.core.listNode()).items[0]!.metadata!.name!;
    await t.core.createNamespacedPod({
      namespace: 'default',
      body: {
        metadata: { name: 'held', finalizers: ['example.com/hold'] },
        spec: {
          nodeName,
          terminationGracePeriodSeconds: 1,
          containers: [{ name: 'app', image: 'nginx:1.27' }],
        },
      },
    });
    await t.core.deleteNamespacedPod({ name: 'held', namespace: 'default' });
    const held = await waitFor(
      async () => {
        const pod = await t.core.readNamespacedPod({ name: 'held', namespace: 'default' });
        return pod.metadata?.deletionGracePeriodSeconds === 0 ? pod : undefined;
      },
      'the kubelet to finish the deletion',
      10_000,
    );
    expect(held.metadata?.deletionTimestamp).toBeDefined();
    expect(held.metadata?.finalizers).toEqual(['example.com/hold']);
  });
});
