/**
 * PodStore against the in-process demo cluster over real HTTPS: paged listing with progress, following the
 * watch, resuming a dropped watch, relisting after compaction, riding out an outage, and failing for good on
 * bad credentials.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PodStore } from '../../src/kube/podStore.js';
import { startTestCluster, type TestCluster } from '../support/demoCluster.js';
import { waitFor } from '../support/waitFor.js';
import {
  kubeConfigWith,
  matchesServer,
  podStores,
  record,
  snapshotVersions,
} from './support/podStoreHelpers.js';
import { startStubServer, status } from './support/stubServer.js';
import { startTcpProxy } from './support/tcpProxy.js';

let t: TestCluster;

const newStore = podStores();

beforeAll(async () => {
  t = await startTestCluster({ pods: 1000, namespaces: 4 });
});
afterAll(async () => {
  await t.demo.close();
});

const live = (store: PodStore) => () => store.getSnapshot().sync.kind === 'live';

describe('listing', () => {
  it('shows the first rows while a large list is still arriving, with progress, then goes live', async () => {
    // The paged list (a server without the watch-list); the streamed one is in podStoreWatchList.test.ts.
    const store = newStore(t.kc, { pageSize: 100, flushMs: 5, watchList: false });
    const seen = record(store);
    store.start();
    await waitFor(live(store), 'live');

    const partial = seen.snapshots
      .map((r) => r.snapshot)
      .find((s) => s.sync.kind === 'listing' && s.pods.size > 0);
    expect(partial, 'a listing snapshot with rows').toBeDefined();
    const sync = partial!.sync as { kind: 'listing'; loaded: number; total?: number };
    expect(sync.loaded).toBe(partial!.pods.size);
    expect(sync.total).toBe(1000);
    expect(sync.loaded).toBeLessThan(sync.total!);
    expect(partial!.stale).toBe(false);

    const versions = seen.snapshots.map((r) => r.snapshot.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    await waitFor(() => matchesServer(store, t.core), 'the store to equal a fresh list');
    expect(store.getSnapshot().pods.size).toBe(1000);
    expect(store.stats().lists).toBe(1);
  });

  it('lists one namespace with a label selector', async () => {
    const store = newStore(t.kc, { namespace: 'frontend', labelSelector: 'app=web-app' });
    store.start();
    await waitFor(live(store), 'live');
    const pods = [...store.getSnapshot().pods.values()];
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => p.metadata?.namespace === 'frontend')).toBe(true);
    expect([...store.getSnapshot().pods.keys()].every((k) => k.startsWith('frontend/web-app-'))).toBe(true);
  });
});

describe('watching', () => {
  it('adds a created pod and removes a deleted one', async () => {
    const store = newStore(t.kc, { namespace: 'default' });
    store.start();
    await waitFor(live(store), 'live');
    await t.core.createNamespacedPod({
      namespace: 'default',
      body: { metadata: { name: 'store-new' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } },
    });
    await waitFor(() => store.getSnapshot().pods.has('default/store-new'), 'the new pod');
    await t.core.deleteNamespacedPod({ name: 'store-new', namespace: 'default', gracePeriodSeconds: 0 });
    await waitFor(() => !store.getSnapshot().pods.has('default/store-new'), 'the deleted pod to go');
    await waitFor(() => matchesServer(store, t.core, 'default'), 'the store to equal a fresh list');
  });

  it('resumes a dropped watch from its resourceVersion: no relist, no flicker, nothing stale or missing', async () => {
    const store = newStore(t.kc);
    store.start();
    await waitFor(live(store), 'live');
    await waitFor(() => matchesServer(store, t.core), 'in step before the drop');
    const seen = record(store);
    const watchesBefore = store.stats().watches;

    expect(t.demo.dropWatches()).toBeGreaterThan(0);
    const victim = [...store.getSnapshot().pods.keys()].find((k) => k.startsWith('team-02/'))!;
    const [ns, name] = victim.split('/') as [string, string];
    await t.core.deleteNamespacedPod({ name, namespace: ns, gracePeriodSeconds: 0 });

    await waitFor(
      async () => !store.getSnapshot().pods.has(victim) && (await matchesServer(store, t.core)),
      'the deletion and its replacement after the drop',
    );
    expect(store.stats().watches).toBeGreaterThan(watchesBefore);
    expect(store.stats().lists).toBe(1);
    for (const { snapshot } of seen.snapshots) {
      expect(snapshot.sync).toEqual({ kind: 'live' });
      expect(snapshot.stale).toBe(false);
    }
  });

  it('relists after 410 Gone and drops the pods deleted while it was not watching', async () => {
    const store = newStore(t.kc);
    store.start();
    await waitFor(live(store), 'live');
    await waitFor(() => matchesServer(store, t.core), 'in step before the compaction');
    const victim = [...store.getSnapshot().pods.keys()].find((k) => k.startsWith('team-03/'))!;
    const [ns, name] = victim.split('/') as [string, string];

    // In one turn of the event loop, so that no watch can see it: cut the watch, delete a pod, and compact the
    // history past the store's resourceVersion. The resumed watch gets 410 and only a relist can notice.
    t.demo.dropWatches();
    t.demo.cluster.removePod(ns, name);
    t.demo.cluster.store.compact();

    await waitFor(() => store.stats().lists === 2, 'a relist');
    await waitFor(
      async () => !store.getSnapshot().pods.has(victim) && (await matchesServer(store, t.core)),
      'the store to equal a fresh list after the relist',
    );
    await waitFor(live(store), 'live again');
    expect(store.getSnapshot().stale).toBe(false);
  });
});

describe('failures', () => {
  it('keeps the rows, marked stale, while the server is away, and catches up when it returns', async () => {
    const proxy = await startTcpProxy(t.demo.port);
    try {
      const store = newStore(kubeConfigWith(t.demo, { server: proxy.url }), { namespace: 'team-01' });
      store.start();
      await waitFor(live(store), 'live');
      const before = store.getSnapshot().pods.size;
      expect(before).toBeGreaterThan(0);

      await proxy.cut();
      const away = await waitFor(() => {
        const s = store.getSnapshot();
        return s.sync.kind === 'reconnecting' ? s : undefined;
      }, 'reconnecting');
      expect(away.stale).toBe(true);
      expect(away.pods.size).toBe(before);
      const sync = away.sync as { kind: 'reconnecting'; attempt: number; error: string; retryInMs: number };
      expect(sync.attempt).toBe(1);
      expect(sync.retryInMs).toBeGreaterThanOrEqual(400);
      expect(sync.retryInMs).toBeLessThanOrEqual(600);
      expect(sync.error).toContain(proxy.url);
      expect(away.error).toBe(sync.error);

      // While it is away, a pod goes: the store can only learn of it when it is back.
      const victim = [...store.getSnapshot().pods.keys()][0]!;
      await t.core.deleteNamespacedPod({
        name: victim.split('/')[1]!,
        namespace: 'team-01',
        gracePeriodSeconds: 0,
      });
      await waitFor(
        () => (store.getSnapshot().sync as { attempt?: number }).attempt === 2,
        'a second failed attempt',
      );
      expect(store.getSnapshot().pods.has(victim)).toBe(true);

      await proxy.restore();
      await waitFor(live(store), 'live again', 10_000);
      expect(store.getSnapshot().stale).toBe(false);
      expect(store.getSnapshot().error).toBeUndefined();
      await waitFor(
        async () => !store.getSnapshot().pods.has(victim) && (await matchesServer(store, t.core, 'team-01')),
        'the store to equal a fresh list',
      );
    } finally {
      await proxy.close();
    }
  });

  it('stops with an error for credentials the server refuses', async () => {
    const store = newStore(kubeConfigWith(t.demo, { token: 'wrong' }), { watchList: false });
    store.start();
    const s = await waitFor(() => {
      const snap = store.getSnapshot();
      return snap.sync.kind === 'error' ? snap : undefined;
    }, 'the error state');
    expect(s.sync).toEqual({ kind: 'error', message: expect.stringContaining('refused the credentials') });
    expect(s.error).toContain('401');
    expect(s.error).not.toContain('\n');
    expect(store.stats()).toMatchObject({ lists: 1, watches: 0 });
  });

  it('stops with the server words when listing is forbidden', async () => {
    const message =
      'pods is forbidden: User "jane" cannot list resource "pods" in API group "" at the cluster scope';
    const stub = await startStubServer(403, status(403, 'Forbidden', message));
    try {
      const store = newStore(stub.kc, { watchList: false });
      store.start();
      await waitFor(() => store.getSnapshot().sync.kind === 'error', 'the error state');
      expect(store.getSnapshot().sync).toEqual({ kind: 'error', message });
      expect(stub.requests).toEqual(['/api/v1/pods?limit=500']);
    } finally {
      await stub.close();
    }
  });

  it('backs off from a server that accepts watches and closes them at once, instead of hammering it', async () => {
    const stub = await startStubServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (req.url?.includes('watch=true')) return res.end();
      res.end(
        JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '5' }, items: [] }),
      );
    });
    try {
      const store = newStore(stub.kc, { watchList: false });
      store.start();
      await waitFor(() => store.getSnapshot().sync.kind === 'reconnecting', 'reconnecting');
      expect(store.getSnapshot().error).toBe('the server keeps closing the watch');
      expect(store.stats().watches).toBe(3);
      expect(store.stats().lists).toBe(1);
      // …and the waits grow, though each attempt is accepted before it is dropped.
      const second = await waitFor(() => {
        const sync = store.getSnapshot().sync;
        return sync.kind === 'reconnecting' && sync.attempt === 2 ? sync : undefined;
      }, 'a second back-off');
      expect(second.retryInMs).toBeGreaterThanOrEqual(800);
      expect(
        stub.requests.filter((u) => u.includes('watch=true')).every((u) => u.includes('resourceVersion=5')),
      ).toBe(true);
    } finally {
      await stub.close();
    }
  });

  it('backs off from a server that answers 410 Gone even to a watch from a fresh list', async () => {
    const stub = await startStubServer((req, res) => {
      if (req.url?.includes('watch=true')) {
        res.writeHead(410, { 'Content-Type': 'application/json' });
        return res.end(JSON.stringify(status(410, 'Expired', 'too old resource version')));
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '5' }, items: [] }),
      );
    });
    try {
      const store = newStore(stub.kc, { watchList: false });
      store.start();
      const sync = await waitFor(() => {
        const s = store.getSnapshot().sync;
        return s.kind === 'reconnecting' && s.attempt === 2 ? s : undefined;
      }, 'two back-offs');
      expect(sync.error).toBe('the server answers 410 Gone even right after a list');
      expect(store.stats()).toMatchObject({ lists: 2, watches: 2 });
    } finally {
      await stub.close();
    }
  });

  it('reconnects, not fails, when the server is not there from the start', async () => {
    const proxy = await startTcpProxy(t.demo.port);
    await proxy.cut();
    try {
      const store = newStore(kubeConfigWith(t.demo, { server: proxy.url }), { namespace: 'kube-system' });
      store.start();
      await waitFor(() => store.getSnapshot().sync.kind === 'reconnecting', 'reconnecting');
      expect(store.getSnapshot().error).toMatch(
        /cannot reach the Kubernetes API server at .*: connection refused/,
      );
      await proxy.restore();
      await waitFor(live(store), 'live once the server is up');
      expect(store.getSnapshot().pods.size).toBeGreaterThan(5);
    } finally {
      await proxy.close();
    }
  });
});

describe('lifecycle', () => {
  it('stop() aborts everything: no more snapshots, no sockets or timers left, idempotent', async () => {
    const baseline = process.getActiveResourcesInfo();
    const count = (list: string[], kind: string) => list.filter((r) => r === kind).length;
    const store = new PodStore(t.kc, { namespace: 'team-01' });
    store.start();
    await waitFor(live(store), 'live');
    let calls = 0;
    store.subscribe(() => calls++);
    store.stop();
    store.stop();
    store.start();
    const last = store.getSnapshot();
    await waitFor(() => {
      const now = process.getActiveResourcesInfo();
      return (
        count(now, 'TCPSocketWrap') <= count(baseline, 'TCPSocketWrap') &&
        count(now, 'Timeout') <= count(baseline, 'Timeout')
      );
    }, 'sockets and timers to be released');
    // Changes after stop are not seen.
    await t.core.createNamespacedPod({
      namespace: 'team-01',
      body: { metadata: { name: 'after-stop' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } },
    });
    expect(calls).toBe(0);
    expect(store.getSnapshot()).toBe(last);
    expect(snapshotVersions(last).some((v) => v.startsWith('team-01/after-stop@'))).toBe(false);
  });
});
