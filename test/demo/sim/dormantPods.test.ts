/**
 * The generated pods (`--pods N`) start dormant: the kubelet keeps no simulation of them until something needs
 * one, then makes it from the pod's status (src/demo/sim/steadySim.ts). Nothing a client sees may tell: the logs of
 * the current and the previous run, exec, a readiness change and a deletion work as for any pod, and waking
 * writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Exec, Log } from '@kubernetes/client-node';
import type { V1Pod, V1Status } from '@kubernetes/client-node';
import type { Pod } from '../../../src/domain/wire.js';
import { buildPodStatus } from '../../../src/demo/sim/podStatusBuilder.js';
import { PODS } from '../../../src/demo/store/resourceTypes.js';
import { startTestCluster, type TestCluster } from '../../support/demoCluster.js';
import { collector } from '../../support/collector.js';
import { waitFor } from '../../support/waitFor.js';

let t: TestCluster;
let generated: V1Pod[];

beforeAll(async () => {
  t = await startTestCluster({ pods: 400, namespaces: 2 });
  generated = (await t.core.listPodForAllNamespaces()).items.filter((p) =>
    p.metadata?.namespace?.startsWith('team-'),
  );
});
afterAll(async () => {
  await t.demo.close();
});

async function logOf(pod: V1Pod, previous: boolean): Promise<string> {
  const out = collector();
  const { name = '', namespace = '' } = pod.metadata ?? {};
  const container = pod.spec!.containers[0]!.name;
  await new Log(t.kc).log(namespace, name, container, out.stream, { previous, tailLines: 5 });
  await waitFor(() => out.ended(), `the log of ${name}`);
  return out.text();
}

const restarted = (p: V1Pod): boolean => (p.status?.containerStatuses?.[0]?.restartCount ?? 0) > 0;

describe('dormant generated pods', () => {
  it('serve the logs of their current and previous runs, and waking changes nothing stored', async () => {
    const pod = generated.find(restarted)!;
    const fresh = generated.find((p) => !restarted(p))!;
    expect(pod && fresh).toBeTruthy();
    expect((await logOf(pod, false)).length).toBeGreaterThan(0);
    expect((await logOf(pod, true)).length).toBeGreaterThan(0);
    const err = await logOf(fresh, true).catch((e: unknown) => e);
    expect(String((err as Error).message)).toContain('400');
    for (const p of [pod, fresh]) {
      const now = await t.core.readNamespacedPod({
        name: p.metadata!.name!,
        namespace: p.metadata!.namespace!,
      });
      expect(now.metadata?.resourceVersion).toBe(p.metadata?.resourceVersion);
    }
  });

  it('run exec', async () => {
    const pod = generated.find((p) => p.spec?.containers[0]?.image?.startsWith('busybox'))!;
    const out = collector();
    let status: V1Status | undefined;
    await new Exec(t.kc).exec(
      pod.metadata!.namespace!,
      pod.metadata!.name!,
      pod.spec!.containers[0]!.name,
      ['echo', 'awake'],
      out.stream,
      out.stream,
      null,
      false,
      (s) => (status = s),
    );
    await waitFor(() => status, 'exec to end');
    expect(out.text()).toBe('awake\n');
  });

  it('write back exactly their stored status when woken, and a readiness change moves only its conditions', () => {
    const { cluster } = t.demo;
    for (const listed of generated) {
      const { namespace = '', name = '' } = listed.metadata ?? {};
      const stored = cluster.store.get(PODS, namespace, name) as Pod;
      const sim = cluster.kubelet.sim(namespace, name)!;
      expect(buildPodStatus(stored, sim, cluster.now()), name).toEqual(stored.status);
    }
    const { namespace = '', name = '' } = generated[0]!.metadata ?? {};
    const before = cluster.store.get(PODS, namespace, name) as Pod;
    expect(cluster.kubelet.flipReady(namespace, name)).toBe(true);
    const after = cluster.store.get(PODS, namespace, name) as Pod;
    const changed = (after.status?.conditions ?? [])
      .filter((c, i) => JSON.stringify(c) !== JSON.stringify(before.status?.conditions?.[i]))
      .map((c) => c.type);
    expect(changed).toEqual(['Ready', 'ContainersReady']);
    expect(after.status?.containerStatuses?.[0]?.ready).toBe(!before.status?.containerStatuses?.[0]?.ready);
    expect(after.status?.containerStatuses?.[0]?.containerID).toBe(
      before.status?.containerStatuses?.[0]?.containerID,
    );
  });

  it('are deleted gracefully and replaced by their ReplicaSet', async () => {
    const pod = generated.at(-1)!;
    const { namespace = '', name = '' } = pod.metadata ?? {};
    const owner = pod.metadata!.ownerReferences![0]!.name;
    const ownedBy = (pods: V1Pod[]) => pods.filter((p) => p.metadata?.ownerReferences?.[0]?.name === owner);
    const replicas = ownedBy(generated).length;
    const deleted = await t.core.deleteNamespacedPod({ name, namespace, gracePeriodSeconds: 1 });
    expect(deleted.metadata?.deletionTimestamp).toBeTruthy();
    await waitFor(async () => {
      const owned = ownedBy((await t.core.listNamespacedPod({ namespace })).items);
      return !owned.some((p) => p.metadata?.name === name) && owned.length === replicas;
    }, 'the pod gone and replaced');
  });
});
