/**
 * What busy and flaky API servers do, against the demo cluster over real HTTPS with its test-only fault hook:
 * 500/503 on a list page and a connection reset in the middle of one are retried with back-off, in place, and the
 * half-arrived list is never shown as complete; a watch the server ends early (its own timeout, not ours) or
 * after a long quiet spell with only bookmarks resumes without a relist and without a blip.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PodSnapshot } from '../../src/kube/podStore.js';
import { startTestCluster, type TestCluster } from '../support/demoCluster.js';
import { waitFor } from '../support/waitFor.js';
import { matchesServer, podStores, record } from './support/podStoreHelpers.js';

let t: TestCluster;

const newStore = podStores();

beforeAll(async () => {
  t = await startTestCluster({ pods: 1000, namespaces: 4, bookmarkIntervalMs: 200 });
});
afterEach(() => {
  t.demo.faults.clear();
});
afterAll(async () => {
  await t.demo.close();
});

const PODS = /^\/api\/v1\/pods$/;

/** Never "live" with fewer pods than the server has, and the count never drops. */
function neverPartialAsComplete(snapshots: PodSnapshot[], total: number): void {
  for (let i = 0; i < snapshots.length; i++) {
    const s = snapshots[i]!;
    if (s.sync.kind === 'live') expect(s.pods.size).toBe(total);
    if (i > 0) expect(s.pods.size).toBeGreaterThanOrEqual(snapshots[i - 1]!.pods.size);
  }
}

describe('5xx and resets while listing', () => {
  it('retries a page that answered 500, 503 and a reset in the middle of its body, in place, and is never complete early', async () => {
    t.demo.faults.inject(
      { path: PODS, continued: true, watch: false },
      {
        kind: 'status',
        code: 500,
        reason: 'InternalError',
        message: 'Internal error occurred: etcdserver: request timed out',
      },
    );
    t.demo.faults.inject(
      { path: PODS, continued: true, watch: false },
      {
        kind: 'status',
        code: 503,
        reason: 'ServiceUnavailable',
        message: 'the server is currently unable to handle the request',
        retryAfterSeconds: 1,
      },
    );
    t.demo.faults.inject({ path: PODS, continued: true, watch: false }, { kind: 'reset-mid-body' });
    const since = Date.now();
    // Pages (a server without the watch-list): what is retried here is a page.
    const store = newStore(t.kc, { pageSize: 100, flushMs: 5, watchList: false });
    const seen = record(store);
    store.start();
    await waitFor(() => store.getSnapshot().sync.kind === 'live', 'live', 30_000);
    expect(t.demo.faults.applied).toBe(3);
    const snapshots = seen.snapshots.map((s) => s.snapshot);
    neverPartialAsComplete(snapshots, 1000);
    const retrying = snapshots.filter((s) => s.sync.kind === 'reconnecting');
    expect(retrying.map((s) => s.error)).toEqual(
      expect.arrayContaining([
        'the server answered 500: Internal error occurred: etcdserver: request timed out',
        'the server answered 503: the server is currently unable to handle the request',
        expect.stringMatching(/connection (reset|closed)/),
      ]),
    );
    // Rows that had arrived were kept, marked stale, while the page was retried.
    for (const s of retrying) expect(s.stale).toBe(true);
    expect(retrying.some((s) => s.pods.size > 0)).toBe(true);
    // The failing page was asked for again with the same continue token, not the list from the start.
    expect(store.stats().lists).toBe(1);
    const lists = t.demo.requests.since(since).filter((e) => PODS.test(e.path) && !e.watch);
    expect(lists.filter((e) => !e.query.has('continue'))).toHaveLength(1);
    const failed = lists.filter((e) => e.status !== 200);
    expect(failed).toHaveLength(3);
    // The 503 said Retry-After: 1; the retry came no sooner.
    const i503 = lists.findIndex((e) => e.status === 503);
    expect(lists[i503 + 1]!.query.get('continue')).toBe(lists[i503]!.query.get('continue'));
    expect(lists[i503 + 1]!.at - lists[i503]!.at).toBeGreaterThanOrEqual(1000 - 20);
    await waitFor(() => matchesServer(store, t.core), 'equal to a fresh list', 30_000);
  }, 60_000);

  it('retries a first page the connection was reset on before any answer', async () => {
    t.demo.faults.inject({ path: PODS, continued: false, watch: false }, { kind: 'reset' }, 2);
    // Pages (a server without the watch-list): what is retried here is a page.
    const store = newStore(t.kc, { pageSize: 500, flushMs: 5, watchList: false });
    const seen = record(store);
    store.start();
    await waitFor(() => store.getSnapshot().sync.kind === 'live', 'live', 30_000);
    expect(t.demo.faults.applied).toBe(2);
    neverPartialAsComplete(
      seen.snapshots.map((s) => s.snapshot),
      1000,
    );
    expect(store.getSnapshot().pods.size).toBe(1000);
  }, 30_000);
});

describe('watches the server ends', () => {
  it('resumes after its own timeout and after quiet spells of bookmarks only: no relist, no blip', async () => {
    const store = newStore(t.kc, { namespace: 'default', flushMs: 5 });
    store.start();
    await waitFor(() => store.getSnapshot().sync.kind === 'live', 'live', 30_000);
    const rows = store.getSnapshot().pods.size;
    const seen = record(store);
    const since = Date.now();
    // The server ends the next three watches after 2 s whatever timeoutSeconds we asked for (ours is 5–10 min),
    // as a server with a short --min-request-timeout or a proxy's idle timeout does. Nothing changes in
    // `default` meanwhile: those watches hear bookmarks only, while other namespaces move the cluster's
    // resourceVersion on.
    t.demo.faults.inject(
      { path: /\/namespaces\/default\/pods$/, watch: true },
      { kind: 'watch-timeout', seconds: 2 },
      3,
    );
    const other = setInterval(() => {
      void t.core
        .createNamespacedConfigMap({ namespace: 'frontend', body: { metadata: { generateName: 'tick-' } } })
        .catch(() => undefined);
    }, 100);
    try {
      t.demo.dropWatches();
      await waitFor(
        () =>
          t.demo.requests.since(since).filter((e) => e.path === '/api/v1/namespaces/default/pods').length >=
          4,
        'three watches ended by the server and resumed',
        30_000,
      );
    } finally {
      clearInterval(other);
    }
    const log = t.demo.requests.since(since).filter((e) => e.path === '/api/v1/namespaces/default/pods');
    expect(
      log.every((e) => e.watch),
      'only watches: no relist',
    ).toBe(true);
    expect(store.stats().lists).toBe(1);
    // Each resumed watch starts from the last bookmark, which moved on while nothing in `default` changed.
    // (Never backwards; strictly forwards over the whole run — a loaded machine may skip a tick of the writes.)
    const rvs = log.map((e) => Number(e.query.get('resourceVersion')));
    for (let i = 1; i < rvs.length; i++) expect(rvs[i]).toBeGreaterThanOrEqual(rvs[i - 1]!);
    expect(rvs.at(-1)).toBeGreaterThan(rvs[0]!);
    // No blip: every snapshot since is live, fresh, and has every row.
    for (const s of seen.snapshots.map((x) => x.snapshot)) {
      expect(s.sync.kind).toBe('live');
      expect(s.stale).toBe(false);
      expect(s.pods.size).toBe(rows);
    }
  }, 60_000);
});
