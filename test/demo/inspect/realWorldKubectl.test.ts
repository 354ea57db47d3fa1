/**
 * The real-world pods (test/fixtures/pods/real-world/) on the demo cluster, held against kubectl as on the real
 * server (test/real/realWorldPods.test.ts, which says how each pod goes in): describe against
 * `kubectl describe pod`, the YAML view against `kubectl get pod -o yaml`, the dashboard's row against the
 * demo's Table (`kubectl get pods -o wide`).
 *
 * The demo serves no ServiceAccounts, so a pod naming an account other than `default` is refused at admission, in
 * the words kube-apiserver uses for an account that does not exist; that refusal is what is checked for those.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellText, podRow } from '../../../src/domain/podRow.js';
import type { Pod } from '../../../src/domain/wire.js';
import { learnServerVersion } from '../../../src/kube/serverVersion.js';
import { slimPod } from '../../../src/kube/slimPod.js';
import type { ApiTarget } from '../../cluster/api.js';
import { realWorldPods, type RealWorldPod } from '../../domain/realWorldPods.js';
import { createRealWorldPod, type CreatedRealWorldPod } from '../../real/realWorldCreate.js';
import { startTestCluster, type TestCluster } from '../../support/demoCluster.js';
import { bothDescriptions, bothYaml } from '../../support/inspectReferee.js';
import { Kubectl, requireKubectl } from '../../support/kubectl.js';
import { waitFor } from '../../support/waitFor.js';

const corpus = realWorldPods();
const account = (p: RealWorldPod) =>
  p.pod.spec?.serviceAccountName || p.pod.spec?.serviceAccount || 'default';
const accepted = corpus.filter((p) => account(p) === 'default');
const refused = corpus.filter((p) => account(p) !== 'default');

let t: TestCluster;
let target: ApiTarget;
let k: Kubectl;
const created = new Map<string, CreatedRealWorldPod>();

beforeAll(async () => {
  await requireKubectl();
  t = await startTestCluster();
  target = { server: t.demo.url, caCert: t.demo.caCert, token: t.demo.token };
  k = new Kubectl(t.demo);
  expect(await learnServerVersion(t.kc)).toBe(32);
  for (const [i, p] of accepted.entries()) {
    created.set(p.id, await createRealWorldPod(target, p, `real-world-${i}`, { accounts: false }));
  }
}, 120_000);
afterAll(async () => {
  await t?.demo.close();
});

async function rowsMatch(c: CreatedRealWorldPod): Promise<[string[], string[]]> {
  const read = async (): Promise<[string[], string[]]> => {
    const r = await k.run(['get', 'pod', '-n', c.namespace, c.name, '-o', 'wide', '--no-headers']);
    expect(r.stderr).toBe('');
    const pod = (await t.core.readNamespacedPod({ name: c.name, namespace: c.namespace })) as Pod;
    const row = podRow(slimPod(pod));
    const x = row.text;
    const now = Date.now();
    const ours = [row.name, x.ready, x.status, cellText(row, 'restarts', now), cellText(row, 'age', now)];
    const theirs = r.stdout.trim().split(/ {3,}/);
    return [[...ours, x.ip, x.node, x.nominatedNode, x.readinessGates], theirs];
  };
  // AGE and "(Xs ago)" tick: compare at a moment where both reads agree, else show the last difference.
  return waitFor(
    async () => {
      const [ours, theirs] = await read();
      return JSON.stringify(ours) === JSON.stringify(theirs)
        ? ([ours, theirs] as [string[], string[]])
        : undefined;
    },
    `${c.namespace}/${c.name}: our row equals kubectl's`,
    5_000,
    200,
  ).catch(read);
}

describe('real-world pods on the demo', () => {
  it('takes every pod that names no service account of its own', () => {
    expect(accepted.length).toBeGreaterThanOrEqual(30);
    expect(created.size).toBe(accepted.length);
  });

  it.each(refused.map((p) => [p.id, p] as const))(
    '%s: refused as kube-apiserver refuses a service account that does not exist',
    async (_id, p) => {
      const ns = `refused-${refused.indexOf(p)}`;
      const error = await createRealWorldPod(target, p, ns, { accounts: false }).catch((e: unknown) => e);
      const sa = account(p);
      expect(String(error)).toContain(
        `pods \\"${p.pod.metadata?.name}\\" is forbidden: error looking up service account ${ns}/${sa}: serviceaccount \\"${sa}\\" not found`,
      );
    },
  );

  it.each(accepted.map((p) => [p.id] as const))(
    '%s: describe is what kubectl describe pod says',
    async (id) => {
      const c = created.get(id)!;
      const { ours, kubectl } = await bothDescriptions(t.kc, k, c.namespace, c.name);
      expect(ours).toEqual(kubectl);
    },
  );

  it.each(accepted.map((p) => [p.id] as const))('%s: the YAML view is what kubectl prints', async (id) => {
    const c = created.get(id)!;
    const [ours, kubectl] = await bothYaml(t.kc, k, c.namespace, c.name, false);
    expect(ours).toBe(kubectl);
  });

  it.each(accepted.map((p) => [p.id] as const))("%s: the dashboard's row is kubectl's", async (id) => {
    const [ours, theirs] = await rowsMatch(created.get(id)!);
    expect(ours).toEqual(theirs);
  });
});
