/**
 * Describe and YAML of pods stored by the real API server, held against kubectl's (the demo's twins are
 * test/demo/inspect/describeKubectl.test.ts and podYamlKubectl.test.ts): the seed pods as the real server,
 * controllers and kwok made them, and the go-yaml stress pod, which the real server stores with its own defaults.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { KubeConfigLike } from '../../src/kube/plainKubeConfig.js';
import { apiJson } from '../cluster/api.js';
import { podName, SEED_PODS } from '../demo/inspect/seedPods.js';
import { TRICKY } from '../demo/inspect/yamlTricky.js';
import { bothDescriptions, bothYaml } from '../support/inspectReferee.js';
import { Kubectl, requireKubectl } from '../support/kubectl.js';
import { realCluster, realKubeConfig } from '../support/realCluster.js';

let kc: KubeConfigLike;
let k: Kubectl;

beforeAll(async () => {
  await requireKubectl();
  const t = realCluster();
  kc = realKubeConfig();
  k = new Kubectl(t);
  const tricky = { ...TRICKY, metadata: { ...TRICKY.metadata, managedFields: undefined } };
  await apiJson(t, { method: 'POST', path: '/api/v1/namespaces/default/pods', body: tricky });
});

describe('on the real server, describePod says what kubectl describe pod says', () => {
  it.each(SEED_PODS)('%s/%s', async (namespace, prefix) => {
    const { ours, kubectl } = await bothDescriptions(kc, k, namespace, await podName(kc, namespace, prefix));
    expect(ours).toEqual(kubectl);
  });
});

describe('on the real server, podYaml prints what kubectl get -o yaml prints', () => {
  it.each([...SEED_PODS, ['default', 'yaml-tricky'] as const])('%s/%s', async (namespace, prefix) => {
    const [ours, kubectl] = await bothYaml(kc, k, namespace, await podName(kc, namespace, prefix), false);
    expect(ours).toBe(kubectl);
  });

  it('with managedFields as the real server records them', async () => {
    const [ours, kubectl] = await bothYaml(kc, k, 'default', 'yaml-tricky', true);
    expect(ours).toContain('  managedFields:\n');
    expect(ours).toBe(kubectl);
  });
});
