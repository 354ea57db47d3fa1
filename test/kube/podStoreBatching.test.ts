/**
 * Under churn (hundreds of pod events a second) the store publishes at most one snapshot per flushMs, yet keeps
 * publishing through the burst, and ends exactly in step with the server.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PodStore } from '../../src/kube/podStore.js';
import { startTestCluster, type TestCluster } from '../support/demoCluster.js';
import { waitFor } from '../support/waitFor.js';
import { matchesServer, record } from './support/podStoreHelpers.js';

let t: TestCluster;

beforeAll(async () => {
  t = await startTestCluster({ pods: 2000, churn: 500 });
});
afterAll(async () => {
  await t.demo.close();
});

it('coalesces 500 events/s into at most one snapshot per flushMs, and stays exact', async () => {
  const flushMs = 50;
  const store = new PodStore(t.kc, { flushMs });
  try {
    store.start();
    await waitFor(() => store.getSnapshot().sync.kind === 'live', 'live');
    const seen = record(store);
    const events0 = store.stats().events;
    const start = performance.now();
    await waitFor(() => store.stats().events - events0 >= 1000, '1000 watch events');
    const end = performance.now();

    const times = seen.snapshots.map((r) => r.at).filter((at) => at <= end);
    const seconds = (end - start) / 1000;
    const perSecond = times.length / seconds;
    expect(perSecond).toBeLessThanOrEqual(1000 / flushMs + 1);
    const gaps = times.slice(1).map((at, i) => at - times[i]!);
    // The listener sees each snapshot when the event loop gets to it: one delayed by a busy loop (a loaded machine,
    // seen 47.9 ms) makes the next gap look short by that delay, though publications are flushMs apart.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(flushMs * 0.9);
    // …and it keeps publishing during the burst, not once at its end. (How soon a change reaches the screen is a
    // benchmark's question — bench:scale's event → screen — not this test's: on a loaded CI machine the gaps grow.)
    expect(times.length).toBeGreaterThanOrEqual(5);

    t.demo.churn!.stop();
    await waitFor(() => matchesServer(store, t.core), 'the store to equal a fresh list once churn stops');
  } finally {
    store.stop();
  }
});
