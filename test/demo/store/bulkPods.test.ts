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

  it('are as big as live clusters’ pods with their managedFields (3.4–14 KB in test/fixtures/pods/real-world)', async () => {
    const pods = (await t.core.listPodForAllNamespaces()).items.filter((p) =>
      p.metadata?.namespace?.startsWith('team-'),
    );
    const sizes = pods.map((p) => JSON.stringify(p).length).sort((a, b) => a - b);
    expect(sizes[0]).toBeGreaterThan(3_400);
    expect(sizes.at(-1)).toBeLessThan(14_000);
  });
});
