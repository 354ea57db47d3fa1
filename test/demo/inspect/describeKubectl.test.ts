/**
 * describePod against the referee: for each seed pod of the demo cluster, the pod and its events are fetched the
 * way the dashboard fetches them, `describePod` renders them, and `kubectl describe pod` describes the same pod.
 * The two must be the same text line for line, alignment included; only in the Events table (and "Terminating
 * (lasts …)"), where a second may pass between the two reads, are ages and the padding they cause normalised.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/domain/wire.js';
import { getJson } from '../../../src/kube/request.js';
import { startTestCluster, type TestCluster } from '../../support/demoCluster.js';
import { bothDescriptions } from '../../support/inspectReferee.js';
import { Kubectl, requireKubectl } from '../../support/kubectl.js';
import { waitFor } from '../../support/waitFor.js';
import { podName, SEED_PODS } from './seedPods.js';

let t: TestCluster;
let k: Kubectl;

beforeAll(async () => {
  await requireKubectl();
  t = await startTestCluster();
  k = new Kubectl(t.demo);
  // Let every seed pod reach the state the test is about: the failed pull has backed off, the crasher has
  // restarted (a Last State), the job has completed.
  await waitFor(
    async () => {
      const pods = (await getJson(t.kc, '/api/v1/namespaces/default/pods')) as { items: Pod[] };
      const status = (name: string) => pods.items.find((p) => p.metadata?.name === name)?.status;
      const waiting = (name: string) => status(name)?.containerStatuses?.[0]?.state?.waiting?.reason;
      return (
        waiting('webserver') === 'ImagePullBackOff' &&
        (status('crasher')?.containerStatuses?.[0]?.restartCount ?? 0) > 0 &&
        pods.items.some((p) => p.metadata?.name?.startsWith('db-migrate-') && p.status?.phase === 'Succeeded')
      );
    },
    'the seed pods to settle',
    30_000,
  );
});
afterAll(async () => {
  await t?.demo.close();
});

describe('describePod says what kubectl describe pod says', () => {
  it.each([...SEED_PODS, ['kube-system', 'coredns-'] as const])('%s/%s', async (namespace, prefix) => {
    const name = await podName(t.kc, namespace, prefix);
    const { ours, kubectl } = await bothDescriptions(t.kc, k, namespace, name);
    expect(ours).toEqual(kubectl);
  });
});
