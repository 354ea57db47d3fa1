/**
 * describe's fieldRef environment variables against kubectl's: kubectl resolves only metadata.name and
 * metadata.namespace (its scheme converts no other field label), so uid, labels, annotations and every spec or
 * status path print empty beside their path — first seen on Linkerd's injected proxy (`_pod_uid`) in the
 * real-world corpus. One pod that asks for every kind of path, described by both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../../support/demoCluster.js';
import { bothDescriptions } from '../../support/inspectReferee.js';
import { Kubectl, requireKubectl } from '../../support/kubectl.js';

const PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'metadata.labels',
  'metadata.annotations',
  "metadata.labels['app']",
  "metadata.annotations['team']",
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.podIP',
  'status.podIPs',
];

let t: TestCluster;
let k: Kubectl;

beforeAll(async () => {
  await requireKubectl();
  t = await startTestCluster();
  k = new Kubectl(t.demo);
  await t.core.createNamespacedPod({
    namespace: 'default',
    body: {
      metadata: { name: 'field-refs', labels: { app: 'refs', tier: 'web' }, annotations: { team: 'core' } },
      spec: {
        containers: [
          {
            name: 'app',
            image: 'nginx:1.27',
            env: PATHS.map((fieldPath, i) => ({ name: `REF_${i}`, valueFrom: { fieldRef: { fieldPath } } })),
          },
        ],
      },
    },
  });
});
afterAll(async () => {
  await t?.demo.close();
});

describe('fieldRef environment variables in describe', () => {
  it('resolve as kubectl resolves them: name and namespace only', async () => {
    const { ours, kubectl } = await bothDescriptions(t.kc, k, 'default', 'field-refs');
    expect(ours).toEqual(kubectl);
    const env = ours.filter((l) => l.trimStart().startsWith('REF_'));
    expect(env).toHaveLength(PATHS.length);
    expect(env[0]).toMatch(/REF_0: +field-refs \(v1:metadata\.name\)$/);
    expect(env[1]).toMatch(/REF_1: +default \(v1:metadata\.namespace\)$/);
    expect(env[2]).toMatch(/REF_2: + \(v1:metadata\.uid\)$/);
    expect(env[5]).toMatch(/REF_5: + \(v1:metadata\.labels\['app'\]\)$/);
  });
});
