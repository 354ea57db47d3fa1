/**
 * The generated pods (`--pods N`) are what the API server's create path makes of their ReplicaSet's template:
 * bulkReplicas.ts runs that path once per template shape and puts each template's values into the result, so
 * each generated pod is held here to a dry-run create of its own ReplicaSet's template sent as the ReplicaSet
 * controller sends it (field manager kube-controller-manager) — same spec, labels, annotations, owner and the
 * controller's managedFields — and its size to the real-world dumps'.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppsV1Api } from '@kubernetes/client-node';
import type { V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import { StoreError } from '../../../src/demo/store/objectStore.js';
import { PODS } from '../../../src/demo/store/resourceTypes.js';
import { startTestCluster, type TestCluster } from '../../support/demoCluster.js';

let t: TestCluster;

beforeAll(async () => {
  t = await startTestCluster({ pods: 600, namespaces: 2 });
});
afterAll(async () => {
  await t.demo.close();
});

/** The spec without what differs per replica: the node and the token volume's random name. */
function comparable(spec: V1Pod['spec']): unknown {
  return JSON.parse(
    JSON.stringify({ ...spec, nodeName: undefined }).replace(
      /kube-api-access-[a-z0-9]{5}/g,
      'kube-api-access-X',
    ),
  );
}

describe('generated pods', () => {
  it('are what a create of their ReplicaSet’s template gives', async () => {
    const apps = t.kc.makeApiClient(AppsV1Api);
    const pods = (await t.core.listPodForAllNamespaces()).items.filter((p) =>
      p.metadata?.namespace?.startsWith('team-'),
    );
    const firstOfEach = new Map<string, V1Pod>();
    for (const p of pods) firstOfEach.set(p.metadata!.ownerReferences![0]!.name, p);
    expect(firstOfEach.size).toBeGreaterThan(50);
    for (const [rsName, pod] of firstOfEach) {
      const ns = pod.metadata!.namespace!;
      const rs: V1ReplicaSet = await apps.readNamespacedReplicaSet({ name: rsName, namespace: ns });
      const created = await t.core.createNamespacedPod({
        namespace: ns,
        dryRun: 'All',
        fieldManager: 'kube-controller-manager',
        body: {
          metadata: {
            ...rs.spec!.template!.metadata,
            generateName: `${rsName}-`,
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind: 'ReplicaSet',
                name: rsName,
                uid: rs.metadata!.uid!,
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
          },
          spec: rs.spec!.template!.spec!,
        },
      });
      expect(comparable(pod.spec), rsName).toEqual(comparable(created.spec));
      for (const k of ['labels', 'annotations', 'ownerReferences', 'generateName'] as const)
        expect(pod.metadata?.[k], `${rsName} ${k}`).toEqual(created.metadata?.[k]);
      const controller = pod.metadata?.managedFields?.[0];
      expect(controller?.manager).toBe('kube-controller-manager');
      expect(controller?.fieldsV1, rsName).toEqual(created.metadata?.managedFields?.[0]?.fieldsV1);
      expect(pod.metadata?.managedFields?.at(-1)?.manager).toBe('kubelet');
    }
  });

  it('belong to ReplicaSets and Deployments whose controllers have nothing to write: their statuses are settled', async () => {
    const apps = t.kc.makeApiClient(AppsV1Api);
    const pods = (await t.core.listPodForAllNamespaces()).items;
    const sets = (await apps.listReplicaSetForAllNamespaces()).items.filter((rs) =>
      rs.metadata?.namespace?.startsWith('team-'),
    );
    const deployments = new Map(
      (await apps.listDeploymentForAllNamespaces()).items.map((d) => [
        `${d.metadata?.namespace}/${d.metadata?.name}`,
        d,
      ]),
    );
    expect(sets.length).toBeGreaterThan(50);
    for (const rs of sets) {
      const name = rs.metadata!.name!;
      const owned = pods.filter((p) => p.metadata?.ownerReferences?.[0]?.uid === rs.metadata?.uid);
      const ready = owned.filter((p) =>
        p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
      ).length;
      expect(rs.status, name).toEqual({
        replicas: owned.length,
        fullyLabeledReplicas: owned.length,
        ...(ready ? { readyReplicas: ready, availableReplicas: ready } : {}),
        observedGeneration: 1,
      });
      // Never written since its pods were made: a controller's write would have moved it past theirs.
      const rv = Number(rs.metadata?.resourceVersion);
      for (const p of owned) expect(rv, name).toBeLessThan(Number(p.metadata?.resourceVersion));
      const d = deployments.get(`${rs.metadata?.namespace}/${rs.metadata?.ownerReferences?.[0]?.name}`)!;
      expect(d.status?.observedGeneration, name).toBe(1);
      expect(d.status?.availableReplicas ?? 0, name).toBe(ready);
      expect(Number(d.metadata?.resourceVersion), name).toBeLessThan(rv);
    }
  });

  it('are as big as live clusters’ pods with their managedFields (3.4–14 KB in test/fixtures/pods/real-world)', async () => {
    const pods = (await t.core.listPodForAllNamespaces()).items.filter((p) =>
      p.metadata?.namespace?.startsWith('team-'),
    );
    const sizes = pods.map((p) => JSON.stringify(p).length).sort((a, b) => a - b);
    expect(sizes[0]).toBeGreaterThan(3_400);
    expect(sizes.at(-1)).toBeLessThan(14_000);
  });

  it('are refused a second time under a taken name, as create refuses them (409 AlreadyExists, its words)', () => {
    const [taken] = t.demo.cluster.store.list(PODS, 'default');
    const again = structuredClone(taken!);
    let refused: unknown;
    try {
      t.demo.cluster.store.insert(PODS, again);
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(StoreError);
    expect(refused).toMatchObject({
      code: 409,
      reason: 'AlreadyExists',
      message: `pods "${taken!.metadata!.name}" already exists`,
    });
  });
});
