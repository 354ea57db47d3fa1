/**
 * Real-world pods (test/fixtures/pods/real-world/: dumps from other projects' test data and manifests from
 * Kubernetes' tree, none written here) stored by the real API server, then shown by podscope and by kubectl:
 * describe against `kubectl describe pod`, the YAML view against `kubectl get pod -o yaml`, and the dashboard's
 * row against the server's own Table (what `kubectl get pods -o wide` prints). All three read the same stored pod,
 * so whatever the server did to it on the way in, both sides show the same object.
 *
 * How each pod goes in (test/real/realWorldCreate.ts): in a namespace of its own, with what a client may not set
 * left out (uid, resourceVersion, creationTimestamp, managedFields, generation, selfLink), and its ownerReferences
 * too (their owners don't exist here, and the garbage collector would delete the pod at once). A pod bound to a
 * node is bound to a Node of that name that no kubelet runs, and its status goes in through /status as the dump
 * has it; a pod without a node is scheduled and run by kwok, as a manifest applied to a cluster would be. A pod
 * being deleted is deleted for real, held by a finalizer. Service accounts and priority classes it names are
 * created first. Events the source keeps about the pod go in too, pointed at the pod as created (namespace, uid).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellText, podRow } from '../../src/domain/podRow.js';
import { podTableRowConditions, type TableRowCondition } from '../../src/domain/podStatus.js';
import type { Pod } from '../../src/domain/wire.js';
import type { KubeConfigLike } from '../../src/kube/plainKubeConfig.js';
import { learnServerVersion } from '../../src/kube/serverVersion.js';
import { slimPod } from '../../src/kube/slimPod.js';
import { apiJson } from '../cluster/api.js';
import { realWorldPods } from '../domain/realWorldPods.js';
import { bothDescriptions, bothYaml } from '../support/inspectReferee.js';
import { Kubectl, requireKubectl } from '../support/kubectl.js';
import { realCluster, realKubeConfig } from '../support/realCluster.js';
import { waitFor } from '../support/waitFor.js';
import { createRealWorldPod, releaseRealWorldPod, type CreatedRealWorldPod } from './realWorldCreate.js';

const corpus = realWorldPods();
const created = new Map<string, CreatedRealWorldPod>();
let kc: KubeConfigLike;
let k: Kubectl;

beforeAll(async () => {
  await requireKubectl();
  const t = realCluster();
  kc = realKubeConfig();
  k = new Kubectl(t);
  // The dashboard's rows follow the server's printer, learnt at connect as podscope does.
  if ((await learnServerVersion(kc)) !== 32) throw new Error('the real control plane should say it is 1.32');
  for (const [i, p] of corpus.entries()) created.set(p.id, await createRealWorldPod(t, p, `real-world-${i}`));
}, 300_000);

afterAll(async () => {
  for (const c of created.values()) await releaseRealWorldPod(realCluster(), c);
});

const ids = corpus.map((p) => [p.id] as const);

interface TableRow {
  cells: (string | number)[];
  conditions?: TableRowCondition[];
  object: Pod;
}

async function serverRow(c: CreatedRealWorldPod): Promise<TableRow> {
  const table = await apiJson<{ rows: TableRow[] }>(realCluster(), {
    path: `/api/v1/namespaces/${c.namespace}/pods?includeObject=Object`,
    accept: 'application/json;as=Table;v=v1;g=meta.k8s.io',
  });
  const row = table.rows.find((r) => r.object.metadata?.name === c.name);
  if (!row) throw new Error(`${c.namespace}/${c.name} is not in the server's Table`);
  return row;
}

function ourCells(pod: Pod, now: number): string[] {
  const row = podRow(slimPod(pod));
  const t = row.text;
  return [
    row.name,
    t.ready,
    t.status,
    cellText(row, 'restarts', now),
    cellText(row, 'age', now),
    t.ip,
    t.node,
    t.nominatedNode,
    t.readinessGates,
  ];
}

describe('real-world pods on the real server', () => {
  it('has 30 or more of them', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
  });

  it.each(ids)('%s: describe is what kubectl describe pod says', async (id) => {
    const c = created.get(id)!;
    const { ours, kubectl } = await bothDescriptions(kc, k, c.namespace, c.name);
    expect(ours).toEqual(kubectl);
    // The source's events are there to compare, each reason in the table.
    for (const e of corpus.find((p) => p.id === id)!.events?.items ?? []) {
      expect(ours.some((l) => l.startsWith(`${e.type} ${e.reason} `))).toBe(true);
    }
  });

  it.each(ids)('%s: the YAML view is what kubectl get -o yaml prints', async (id) => {
    const c = created.get(id)!;
    const [ours, kubectl] = await bothYaml(kc, k, c.namespace, c.name, false);
    expect(ours).toBe(kubectl);
  });

  it.each(ids)("%s: the dashboard's row is the server's Table row", async (id) => {
    const c = created.get(id)!;
    // AGE and "(Xs ago)" are worked out when the server answers: compare where no second ticks between the reads.
    const [server, ours] = await waitFor(
      async () => {
        const cells = (await serverRow(c)).cells.map(String);
        const mine = ourCells((await serverRow(c)).object, Date.now());
        return JSON.stringify(mine) === JSON.stringify(cells) ? [cells, mine] : undefined;
      },
      `${id}: our cells equal the server's`,
      5_000,
      200,
    ).catch(async () => {
      const row = await serverRow(c);
      return [row.cells.map(String), ourCells(row.object, Date.now())];
    });
    expect(ours).toEqual(server);
    const row = await serverRow(c);
    expect(podTableRowConditions(row.object) ?? []).toEqual(row.conditions ?? []);
  });
});
