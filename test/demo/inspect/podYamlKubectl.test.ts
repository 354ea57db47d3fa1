/**
 * podYaml against `kubectl get pod -o yaml` on the demo's seed pods and on a pod built to exercise go-yaml's
 * quoting, folding, literal blocks and key order: the text must be identical. managedFields are left out as
 * kubectl leaves them out, and kept when asked, as `--show-managed-fields` keeps them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../../support/demoCluster.js';
import { bothYaml } from '../../support/inspectReferee.js';
import { Kubectl, requireKubectl } from '../../support/kubectl.js';
import { podName, SEED_PODS } from './seedPods.js';
import { TRICKY } from './yamlTricky.js';

let t: TestCluster;
let k: Kubectl;

beforeAll(async () => {
  await requireKubectl();
  t = await startTestCluster();
  k = new Kubectl(t.demo);
  await t.core.createNamespacedPod({ namespace: 'default', body: TRICKY as never });
});
afterAll(async () => {
  await t?.demo.close();
});

describe('podYaml prints what kubectl get -o yaml prints', () => {
  it.each([...SEED_PODS, ['default', 'yaml-tricky'] as const])('%s/%s', async (namespace, prefix) => {
    const [ours, kubectl] = await bothYaml(t.kc, k, namespace, await podName(t.kc, namespace, prefix), false);
    expect(ours).toBe(kubectl);
  });

  it('leaves managedFields out unless asked, as kubectl does', async () => {
    const [hidden, kubectlHidden] = await bothYaml(t.kc, k, 'default', 'yaml-tricky', false);
    expect(hidden).not.toContain('managedFields');
    expect(hidden).toBe(kubectlHidden);
    const [shown, kubectlShown] = await bothYaml(t.kc, k, 'default', 'yaml-tricky', true);
    expect(shown).toContain('  managedFields:\n  - apiVersion: v1\n    fieldsType: FieldsV1\n');
    expect(shown).toBe(kubectlShown);
  });
});
