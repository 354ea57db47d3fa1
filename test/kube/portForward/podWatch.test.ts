/**
 * The port-forward's watch of its pod, against the demo cluster: it reports the pod's liveness as events come,
 * and behind a proxy that closes every watch at once it backs off instead of asking again in a tight loop (it
 * used to resume at once after every `closed`, thousands of times a second).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPodLiveness, watchPodLiveness } from '../../../src/kube/portForward/podWatch.js';
import type { PodLiveness } from '../../../src/kube/portForward/podWatch.js';
import { startTestCluster, waitForPodPhase, type TestCluster } from '../../support/demoCluster.js';
import { waitFor } from '../../support/waitFor.js';
import { startWatchClosingProxy } from '../support/watchClosingProxy.js';

let t: TestCluster;

beforeAll(async () => {
  t = await startTestCluster();
  await waitForPodPhase(t, 'default', 'hello', 'Running');
});
afterAll(async () => {
  await t.demo.close();
});

describe('watchPodLiveness', () => {
  it('says the pod is gone as soon as it is deleted', async () => {
    await t.core.createNamespacedPod({
      namespace: 'default',
      body: { metadata: { name: 'watched' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } },
    });
    await waitForPodPhase(t, 'default', 'watched', 'Running');
    const now = await readPodLiveness(t.kc, 'default', 'watched');
    expect(now.liveness).toEqual({ alive: true });
    const seen: PodLiveness[] = [];
    const abort = new AbortController();
    const done = watchPodLiveness(
      t.kc,
      'default',
      'watched',
      now.resourceVersion,
      (l) => seen.push(l),
      abort.signal,
    );
    try {
      await t.core.deleteNamespacedPod({ name: 'watched', namespace: 'default', gracePeriodSeconds: 0 });
      await waitFor(() => seen.some((l) => !l.alive && l.reason === 'pod watched was deleted'), 'deleted');
    } finally {
      abort.abort();
      await done;
    }
  });

  it('backs off from a server that closes every watch at once', async () => {
    const proxy = await startWatchClosingProxy(t.demo);
    const abort = new AbortController();
    try {
      const now = await readPodLiveness(proxy.kc, 'default', 'hello');
      const done = watchPodLiveness(
        proxy.kc,
        'default',
        'hello',
        now.resourceVersion,
        () => undefined,
        abort.signal,
      );
      await waitFor(() => proxy.watches().length >= 5, 'five watches', 15_000);
      abort.abort();
      await done;
      const w = proxy.watches();
      // Two short watches forgiven, then waits of about 0.5 s and 1 s (±20 %) before the fourth and fifth.
      expect(w[4]!.at - w[0]!.at).toBeGreaterThanOrEqual(400 + 800 - 20);
      expect(w.length).toBeLessThanOrEqual(6);
    } finally {
      abort.abort();
      await proxy.close();
    }
  }, 30_000);
});
