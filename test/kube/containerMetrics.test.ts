/** Per-container usage from the demo's metrics.k8s.io, as the containers view shows it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containerUsage } from '../../src/kube/containerMetrics.js';
import { startTestCluster, waitForPodPhase, type TestCluster } from '../support/demoCluster.js';
import { waitFor } from '../support/waitFor.js';

let t: TestCluster;
beforeAll(async () => {
  t = await startTestCluster();
  await waitForPodPhase(t, 'default', 'api-with-sidecar', 'Running');
});
afterAll(async () => {
  await t.demo.close();
});

describe('containerUsage', () => {
  it('gives each running container its own CPU and memory', async () => {
    const usage = await waitFor(async () => {
      const u = await containerUsage(t.kc, 'default', 'api-with-sidecar');
      return u && u.size === 2 ? u : undefined;
    }, 'both containers sampled');
    expect([...usage.keys()].sort()).toEqual(['api', 'log-shipper']);
    for (const u of usage.values()) {
      expect(u.cpuMilli).toBeGreaterThan(0);
      expect(u.memBytes).toBeGreaterThan(0);
    }
  });

  it('is undefined for a pod the metrics API has no sample of', async () => {
    expect(await containerUsage(t.kc, 'default', 'no-such-pod')).toBeUndefined();
  });
});
