/**
 * podYaml against `kubectl get pod -o yaml` on the demo's seed pods and on a pod built to exercise go-yaml's
 * quoting, folding, literal blocks and key order: the text must be identical. managedFields are left out as
 * kubectl leaves them out, and kept when asked, as `--show-managed-fields` keeps them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { podYaml } from '../../../src/domain/podYaml.js';
import type { Pod } from '../../../src/domain/wire.js';
import { getJson } from '../../../src/kube/request.js';
import { startTestCluster, type TestCluster } from '../../support/demoCluster.js';
import { Kubectl, requireKubectl } from '../../support/kubectl.js';
import { waitFor } from '../../support/waitFor.js';
import { podName, SEED_PODS } from './seedPods.js';

let t: TestCluster;
let k: Kubectl;

const TRICKY: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'yaml-tricky',
    namespace: 'default',
    labels: { app10: 'x', app2: 'y', app: 'z', App: 'w', 'a.b/c': 'd', 'a-b': 'e', a_b: 'f' },
    annotations: {
      long: 'A long annotation value that goes well beyond eighty characters in width so that go-yaml folds it',
      dq: 'Tab\tinside a long value that goes well beyond eighty characters in width so that it folds too',
      sq: '@starts with an indicator and goes well beyond eighty characters in width so that it folds',
      star: '*',
      on: 'on',
      num: '80',
      empty: '',
      colon: 'a: b',
      hash: 'a #b',
      multi: 'line1\nline2\n',
      multi2: 'line1\nline2',
      lead: '\n\nx',
      trail: 'x\n\n',
      space: ' leading',
      quote: "it's",
      unicode: 'héllo ✓',
      float: '1.5',
      stamp: '2025-03-14T12:00:00Z',
    },
    managedFields: [
      {
        manager: 'podscope-test',
        operation: 'Update',
        apiVersion: 'v1',
        time: '2025-03-14T12:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } } },
      },
    ],
  },
  spec: {
    nodeName: 'not-a-demo-node',
    containers: [
      {
        name: 'c',
        image: 'busybox',
        args: [
          'A long argument that goes well beyond eighty characters in width so that go-yaml folds it',
          'multi\nline\n',
          '',
          '80',
        ],
      },
    ],
  },
};

beforeAll(async () => {
  await requireKubectl();
  t = await startTestCluster();
  k = new Kubectl(t.demo);
  await t.core.createNamespacedPod({ namespace: 'default', body: TRICKY as never });
});
afterAll(async () => {
  await t?.demo.close();
});

/** Our YAML and kubectl's for the same version of the pod (retried while the pod changes under the comparison). */
async function both(namespace: string, name: string, managedFields: boolean): Promise<[string, string]> {
  return waitFor(
    async () => {
      const path = `/api/v1/namespaces/${namespace}/pods/${name}`;
      const pod = (await getJson(t.kc, path)) as Pod;
      const args = ['get', 'pod', '-n', namespace, name, '-o', 'yaml'];
      const r = await k.run(managedFields ? [...args, '--show-managed-fields'] : args);
      const after = (await getJson(t.kc, path)) as Pod;
      if (after.metadata?.resourceVersion !== pod.metadata?.resourceVersion) return undefined;
      return [podYaml(pod, { managedFields }), r.stdout] as [string, string];
    },
    `a quiet moment of ${namespace}/${name}`,
    20_000,
  );
}

describe('podYaml prints what kubectl get -o yaml prints', () => {
  it.each([...SEED_PODS, ['default', 'yaml-tricky'] as const])('%s/%s', async (namespace, prefix) => {
    const [ours, kubectl] = await both(namespace, await podName(t.kc, namespace, prefix), false);
    expect(ours).toBe(kubectl);
  });

  it('leaves managedFields out unless asked, as kubectl does', async () => {
    const [hidden, kubectlHidden] = await both('default', 'yaml-tricky', false);
    expect(hidden).not.toContain('managedFields');
    expect(hidden).toBe(kubectlHidden);
    const [shown, kubectlShown] = await both('default', 'yaml-tricky', true);
    expect(shown).toContain('  managedFields:\n  - apiVersion: v1\n    fieldsType: FieldsV1\n');
    expect(shown).toBe(kubectlShown);
  });
});
