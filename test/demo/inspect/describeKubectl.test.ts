/**
 * describePod against the referee: for each seed pod of the demo cluster, the pod and its events are fetched the
 * way the dashboard fetches them, `describePod` renders them, and `kubectl describe pod` describes the same pod.
 * The two must be the same text line for line, alignment included; only in the Events table (and "Terminating
 * (lasts …)"), where a second may pass between the two reads, are ages and the padding they cause normalised.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePod } from '../../../src/domain/describe/describePod.js';
import type { KubeEvent, Pod } from '../../../src/domain/wire.js';
import { getJson } from '../../../src/kube/request.js';
import { startTestCluster, type TestCluster } from '../../support/demoCluster.js';
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

const AGE = /\b\d+[smhdy](?:\d+[smhd])?\b|<unknown>/g;

/** In the Events table and "lasts", ages become a placeholder and runs of spaces one space; the rest is as is. */
function normalise(lines: readonly string[]): string[] {
  let inEvents = false;
  return lines.map((line) => {
    if (line.startsWith('Events:')) inEvents = true;
    if (!inEvents && !line.startsWith('Status:')) return line;
    return line.replace(AGE, 'AGE').replace(/\s+/g, ' ').trim();
  });
}

async function ours(namespace: string, name: string): Promise<{ lines: string[]; version: string }> {
  const pod = (await getJson(t.kc, `/api/v1/namespaces/${namespace}/pods/${name}`)) as Pod;
  const selector = `involvedObject.name=${name},involvedObject.namespace=${namespace},involvedObject.uid=${pod.metadata?.uid}`;
  const list = (await getJson(t.kc, `/api/v1/namespaces/${namespace}/events`, {
    query: { fieldSelector: selector },
  })) as { items: KubeEvent[] };
  const version = `${pod.metadata?.resourceVersion}/${list.items.map((e) => `${e.metadata?.name}:${e.count}`).join()}`;
  return { lines: describePod(pod, list.items, Date.now()), version };
}

/** Both descriptions of one pod, retried while the pod or its events change under the comparison. */
async function both(namespace: string, name: string): Promise<{ ours: string[]; kubectl: string[] }> {
  return waitFor(
    async () => {
      const before = await ours(namespace, name);
      const r = await k.run(['describe', 'pod', '-n', namespace, name]);
      expect(r.stderr).toBe('');
      const after = await ours(namespace, name);
      if (after.version !== before.version) return undefined;
      return { ours: normalise(after.lines), kubectl: normalise(r.stdout.replace(/\n$/, '').split('\n')) };
    },
    `a quiet moment of ${namespace}/${name}`,
    20_000,
  );
}

describe('describePod says what kubectl describe pod says', () => {
  it.each([...SEED_PODS, ['kube-system', 'coredns-'] as const])('%s/%s', async (namespace, prefix) => {
    const name = await podName(t.kc, namespace, prefix);
    const { ours, kubectl } = await both(namespace, name);
    expect(ours).toEqual(kubectl);
  });
});
