/**
 * PodStore's streaming list (watch-list: sendInitialEvents + the initial-events-end bookmark) against the demo over
 * real HTTPS, and its fallback to the paged list + watch against a demo serving as a kube-apiserver without the
 * WatchList feature (`watchList: false`): which requests go out, what the server answers, and that the store ends
 * up equal to a fresh list either way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoggedRequest } from '../../src/demo/http/requestLog.js';
import type { PodStore } from '../../src/kube/podStore.js';
import { startTestCluster, type TestCluster } from '../support/demoCluster.js';
import { waitFor } from '../support/waitFor.js';
import { matchesServer, podStores, record } from './support/podStoreHelpers.js';

let streaming: TestCluster;
let noWatchList: TestCluster;
const newStore = podStores();

beforeAll(async () => {
  [streaming, noWatchList] = await Promise.all([
    startTestCluster({ pods: 1000, namespaces: 4 }),
    startTestCluster({ pods: 300, namespaces: 2, watchList: false }),
  ]);
});
afterAll(async () => {
  await Promise.all([streaming.demo.close(), noWatchList.demo.close()]);
});

const live = (store: PodStore) => () => store.getSnapshot().sync.kind === 'live';

/**
 * podscope's requests on the pod collection, as `watch-list` / `list` / `watch@RV`, with their status. The test's
 * own checks (`matchesServer`: one list without a limit, which podscope never sends) are left out.
 */
function podRequests(t: TestCluster): string[] {
  return t.demo.requests
    .since()
    .filter((r: LoggedRequest) => r.path === '/api/v1/pods' && (r.query.has('watch') || r.query.has('limit')))
    .map((r) => {
      const q = r.query;
      const what =
        q.get('sendInitialEvents') === 'true'
          ? `watch-list(${q.get('resourceVersionMatch')},bookmarks=${q.get('allowWatchBookmarks')})`
          : q.get('watch') === 'true'
            ? `watch@${q.get('resourceVersion') ? 'rv' : 'none'}`
            : `list(limit=${q.get('limit')})`;
      return `${what} ${r.status}`;
    });
}

describe('where the server serves the watch-list', () => {
  it('lists with one stream that then goes on as the watch: no paged list, every pod, changes followed', async () => {
    streaming.demo.requests.clear();
    const store = newStore(streaming.kc, { flushMs: 5 });
    const seen = record(store);
    store.start();
    await waitFor(live(store), 'live');
    await waitFor(() => matchesServer(store, streaming.core), 'the store to equal a fresh list');
    expect(store.getSnapshot().pods.size).toBe(1000);
    // Counted as it streamed in, the rows shown meanwhile; the total is not known before the end (a watch has no
    // remainingItemCount).
    const listing = seen.snapshots.map((r) => r.snapshot).filter((s) => s.sync.kind === 'listing');
    for (const s of listing) {
      expect(s.sync).toEqual({ kind: 'listing', loaded: s.pods.size });
    }
    // The first rows at once, then the list at its own pace (250 ms) rather than flushMs: each snapshot makes the
    // dashboard derive every row again. Published gaps only grow on a loaded machine, so this bound is safe.
    const withRows = seen.snapshots.filter(
      (r) => r.snapshot.sync.kind === 'listing' && r.snapshot.pods.size > 0,
    );
    // (On a quiet machine 1000 pods may stream in within one interval: then there is no gap to check here, and
    // test/kube/throttledPublisher.test.ts holds the interval change itself.)
    const gaps = withRows.slice(1).map((r, i) => r.at - withRows[i]!.at);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(240);

    await streaming.core.createNamespacedPod({
      namespace: 'default',
      body: { metadata: { name: 'streamed-new' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } },
    });
    await waitFor(() => store.getSnapshot().pods.has('default/streamed-new'), 'the created pod');
    // The 200 of a watch is logged when its answer ends: the open stream is still 0.
    expect(podRequests(streaming)).toEqual(['watch-list(NotOlderThan,bookmarks=true) 0']);
    expect(store.stats()).toMatchObject({ lists: 1, watches: 1, streamed: 1 });
    await streaming.core.deleteNamespacedPod({
      name: 'streamed-new',
      namespace: 'default',
      gracePeriodSeconds: 0,
    });
  });

  it('lists again when the stream is cut before its initial events end, and converges', async () => {
    streaming.demo.requests.clear();
    // A stream that ends after one object: no initial-events-end bookmark, so not a list.
    const one = (await streaming.core.listNamespacedPod({ namespace: 'default', limit: 1 })).items[0];
    streaming.demo.faults.inject(
      { path: /^\/api\/v1\/pods$/, watch: true },
      { kind: 'body', body: { type: 'ADDED', object: one } },
    );
    const store = newStore(streaming.kc, { flushMs: 5 });
    const seen = record(store);
    store.start();
    await waitFor(live(store), 'live', 15_000);
    await waitFor(() => matchesServer(store, streaming.core), 'the store to equal a fresh list');
    expect(seen.snapshots.some((r) => r.snapshot.sync.kind === 'reconnecting')).toBe(true);
    expect(store.stats()).toMatchObject({ lists: 2, streamed: 1 });
    expect(podRequests(streaming).map((r) => r.split(' ')[0])).toEqual([
      'watch-list(NotOlderThan,bookmarks=true)',
      'watch-list(NotOlderThan,bookmarks=true)',
    ]);
  });

  it('relists after 410 Gone with a stream, the rows kept meanwhile, and drops what was deleted during the cut', async () => {
    const store = newStore(streaming.kc, { flushMs: 5 });
    const seen = record(store);
    store.start();
    await waitFor(live(store), 'live');
    await waitFor(() => matchesServer(store, streaming.core), 'in step before the cut');
    const victim = [...store.getSnapshot().pods.keys()].find((k) => k.startsWith('team-02/'))!;
    const [ns, name] = victim.split('/') as [string, string];
    const before = seen.snapshots.length;

    // In one turn of the event loop: cut the watch, delete a pod, compact the history past the store's version.
    streaming.demo.dropWatches();
    streaming.demo.cluster.removePod(ns, name);
    streaming.demo.cluster.store.compact();

    await waitFor(() => store.stats().lists === 2, 'a relist');
    await waitFor(
      async () => !store.getSnapshot().pods.has(victim) && (await matchesServer(store, streaming.core)),
      'the store to equal a fresh list after the relist',
    );
    await waitFor(live(store), 'live again');
    expect(store.stats().streamed).toBe(2);
    // Never an empty or partial table while relisting: every snapshot since the cut kept at least the pods that
    // are still there, marked stale until the relist completed.
    const during = seen.snapshots.slice(before).map((r) => r.snapshot);
    const relisting = during.filter((s) => s.sync.kind === 'listing');
    expect(relisting.length).toBeGreaterThan(0);
    for (const s of relisting) {
      expect(s.pods.size).toBeGreaterThanOrEqual(999);
      expect(s.stale).toBe(true);
    }
    expect(store.getSnapshot().stale).toBe(false);
  });
});

describe('where the server has no watch-list (the WatchList feature off)', () => {
  it('falls back to the paged list and watch after the 422, and does not ask again at a relist', async () => {
    noWatchList.demo.requests.clear();
    const store = newStore(noWatchList.kc, { flushMs: 5, pageSize: 100 });
    store.start();
    await waitFor(live(store), 'live');
    await waitFor(() => matchesServer(store, noWatchList.core), 'the store to equal a fresh list');
    expect(store.getSnapshot().pods.size).toBe(300);
    expect(podRequests(noWatchList)).toEqual([
      'watch-list(NotOlderThan,bookmarks=true) 422',
      'list(limit=100) 200',
      'list(limit=100) 200',
      'list(limit=100) 200',
      'watch@rv 0',
    ]);

    noWatchList.demo.dropWatches();
    noWatchList.demo.cluster.store.compact();
    await waitFor(() => store.stats().lists === 2, 'a relist');
    await waitFor(live(store), 'live again');
    expect(podRequests(noWatchList).filter((r) => r.startsWith('watch-list'))).toHaveLength(1);
    expect(store.stats()).toMatchObject({ streamed: 0 });
  });
});
