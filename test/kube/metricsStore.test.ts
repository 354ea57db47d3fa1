/** MetricsStore: usage per running pod from metrics.k8s.io, and silence when a cluster has no metrics API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetricsStore, sumPodMetrics } from '../../src/kube/metricsStore.js';
import { startTestCluster, type TestCluster } from '../support/demoCluster.js';
import { waitFor } from '../support/waitFor.js';
import { startStubServer, status } from './support/stubServer.js';

let t: TestCluster;
beforeAll(async () => {
  t = await startTestCluster({ pods: 200 });
});
afterAll(async () => {
  await t.demo.close();
});

describe('MetricsStore', () => {
  it('reports CPU and memory for running pods, summed over containers', async () => {
    // Pods run a few hundred ms after the cluster starts (their images are "pulled" first).
    const store = new MetricsStore(t.kc, { intervalMs: 50 });
    try {
      store.start();
      const s = await waitFor(() => {
        const snap = store.getSnapshot();
        const webApp = [...snap.pods.keys()].some((k) => k.startsWith('frontend/web-app-'));
        return snap.availability === 'available' && snap.pods.has('default/hello') && webApp
          ? snap
          : undefined;
      }, 'metrics for default/hello and a web-app pod');
      expect(s.error).toBeUndefined();
      expect(s.updatedAt).toBeGreaterThan(0);
      const hello = s.pods.get('default/hello');
      expect(hello?.cpuMilli).toBeGreaterThan(0);
      expect(hello?.memBytes).toBeGreaterThan(1024 * 1024);
      expect(Number.isInteger(hello!.cpuMilli)).toBe(true);
      // A pod stuck pulling its image has no metrics, as with metrics-server.
      expect(s.pods.has('default/webserver')).toBe(false);
    } finally {
      store.stop();
    }
  });

  it('polls one namespace, on its interval', async () => {
    const store = new MetricsStore(t.kc, { namespace: 'kube-system', intervalMs: 20 });
    try {
      store.start();
      await waitFor(() => store.getSnapshot().version >= 3, 'three polls');
      const keys = [...store.getSnapshot().pods.keys()];
      expect(keys.length).toBeGreaterThan(3);
      expect(keys.every((k) => k.startsWith('kube-system/'))).toBe(true);
    } finally {
      store.stop();
    }
  });

  it('says the metrics API is unavailable, and never polls, when the group is not served', async () => {
    const stub = await startStubServer(
      404,
      status(404, 'NotFound', 'the server could not find the requested resource'),
    );
    const none = new MetricsStore(stub.kc, { intervalMs: 10 });
    const clock = new MetricsStore(t.kc, { namespace: 'default', intervalMs: 10 });
    try {
      none.start();
      clock.start();
      await waitFor(() => none.getSnapshot().availability === 'unavailable', 'unavailable');
      // While the other store polls five times, this one must not ask again.
      const from = clock.getSnapshot().version;
      await waitFor(() => clock.getSnapshot().version >= from + 5, 'five polls of the other store');
      expect(stub.requests).toEqual(['/apis/metrics.k8s.io']);
      expect(none.getSnapshot().pods.size).toBe(0);
    } finally {
      none.stop();
      clock.stop();
      await stub.close();
    }
  });

  it('shows a failing poll as one line and keeps asking', async () => {
    const stub = await startStubServer(
      503,
      status(503, 'ServiceUnavailable', 'the server is currently unable to handle the request'),
    );
    const store = new MetricsStore(stub.kc, { intervalMs: 10 });
    try {
      store.start();
      await waitFor(() => stub.requests.length >= 3, 'retries');
      const s = store.getSnapshot();
      expect(s.availability).toBe('checking');
      expect(s.error).toBe('the server answered 503: the server is currently unable to handle the request');
    } finally {
      store.stop();
      await stub.close();
    }
  });
});

describe('sumPodMetrics', () => {
  it('sums containers and keys by namespace/name', () => {
    const m = sumPodMetrics({
      items: [
        {
          metadata: { name: 'a', namespace: 'n' },
          containers: [
            { usage: { cpu: '123456789n', memory: '1Mi' } },
            { usage: { cpu: '2m', memory: '512Ki' } },
          ],
        },
        { metadata: { name: 'b', namespace: 'n' }, containers: [] },
        { metadata: { name: 'bad' } },
      ],
    });
    expect(Object.fromEntries(m)).toEqual({
      'n/a': { cpuMilli: 126, memBytes: 1024 * 1024 + 512 * 1024 },
      'n/b': { cpuMilli: 0, memBytes: 0 },
    });
    expect(sumPodMetrics(null).size).toBe(0);
  });
});
