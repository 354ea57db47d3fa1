/**
 * PodStore against the real kube-apiserver (the demo's twin is test/kube/podStore.test.ts): paged listing with
 * progress and remainingItemCount as the real server computes it, a label selector, following the watch through
 * creation, kwok's status changes and deletion, resuming a dropped watch from the last version seen, and a
 * relist when the version it resumes from is gone (410, from the real server's own watch cache).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PodStore } from '../../src/kube/podStore.js';
import { apiJson, apiRequest } from '../cluster/api.js';
import { matchesServer, podStores, record } from '../kube/support/podStoreHelpers.js';
import { createNamespace, createPod, realCluster, realCore, realKubeConfig } from '../support/realCluster.js';
import { startTcpProxy } from '../kube/support/tcpProxy.js';
import { waitFor } from '../support/waitFor.js';

const NS = 'real-podstore';
const PODS = 120;

const newStore = podStores();

beforeAll(async () => {
  const t = realCluster();
  await createNamespace(t, NS);
  for (let i = 0; i < PODS; i++) {
    await createPod(t, NS, `p-${String(i).padStart(3, '0')}`, { app: i % 3 === 0 ? 'three' : 'other' });
  }
});
afterAll(async () => {
  await apiRequest(realCluster(), { method: 'DELETE', path: `/api/v1/namespaces/${NS}` });
});

const live = (store: PodStore) => () => store.getSnapshot().sync.kind === 'live';

describe('PodStore on the real API server', () => {
  it('lists in pages showing progress against the total the server counts, then goes live', async () => {
    // The paged list (as on a server without the watch-list); the streamed one is in watchList.test.ts.
    const store = newStore(realKubeConfig(), { namespace: NS, pageSize: 25, flushMs: 5, watchList: false });
    const seen = record(store);
    store.start();
    await waitFor(live(store), 'live', 30_000);
    const partial = seen.snapshots
      .map((r) => r.snapshot)
      .find((s) => s.sync.kind === 'listing' && s.pods.size > 0);
    expect(partial, 'a listing snapshot with rows').toBeDefined();
    const sync = partial!.sync as { kind: 'listing'; loaded: number; total?: number };
    expect(sync.total).toBe(PODS);
    // The count is the rows listed so far. (While a list streams in the store publishes every 250 ms after its first
    // rows, so on a fast server the one listing snapshot with rows may already hold all of them.)
    expect(sync.loaded).toBe(partial!.pods.size);
    expect(sync.loaded).toBeLessThanOrEqual(PODS);
    await waitFor(() => matchesServer(store, realCore(), NS), 'the store to equal a fresh list', 30_000);
    expect(store.getSnapshot().pods.size).toBe(PODS);
  });

  it('lists with a label selector the server applies', async () => {
    const store = newStore(realKubeConfig(), { namespace: NS, labelSelector: 'app=three' });
    store.start();
    await waitFor(live(store), 'live', 30_000);
    expect(store.getSnapshot().pods.size).toBe(PODS / 3);
  });

  it('follows creation, status changes and deletion through the watch', async () => {
    const t = realCluster();
    const store = newStore(realKubeConfig(), { namespace: NS, flushMs: 5 });
    store.start();
    await waitFor(live(store), 'live', 30_000);
    await createPod(t, NS, 'watched');
    // kwok binds nothing: the scheduler binds, then kwok (the fake kubelet) reports Running.
    await waitFor(
      () =>
        [...store.getSnapshot().pods.values()].find((p) => p.metadata?.name === 'watched')?.status?.phase ===
        'Running',
      'the new pod Running in the store',
      30_000,
    );
    await apiJson(t, { method: 'DELETE', path: `/api/v1/namespaces/${NS}/pods/watched` });
    await waitFor(
      () => ![...store.getSnapshot().pods.values()].some((p) => p.metadata?.name === 'watched'),
      'the deleted pod gone from the store',
      60_000,
    );
    await waitFor(() => matchesServer(store, realCore(), NS), 'the store to equal a fresh list', 30_000);
  });

  it('resumes a dropped watch from the last version it saw, without a relist', async () => {
    const t = realCluster();
    const proxy = await startTcpProxy(Number(new URL(t.server).port));
    const kc = realKubeConfig();
    kc.clusters[0] = { ...kc.clusters[0]!, server: proxy.url };
    const store = newStore(kc, { namespace: NS, flushMs: 5 });
    store.start();
    await waitFor(live(store), 'live', 30_000);
    await proxy.cut();
    await proxy.restore();
    await createPod(t, NS, 'after-drop');
    await waitFor(
      () => [...store.getSnapshot().pods.values()].some((p) => p.metadata?.name === 'after-drop'),
      'the pod created during the drop',
      30_000,
    );
    expect(store.stats().lists).toBe(1);
    await proxy.close();
  });
});
