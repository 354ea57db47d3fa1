/**
 * A paged list whose continue token expires before its last page (the demo's history, like etcd after a compaction,
 * no longer reaches back to the first page's version): the demo answers 410 Expired as kube-apiserver's etcd3 store
 * does, and the reflector then finishes the list as client-go's pager does (FullListIfExpired) — one unpaged list,
 * asked for once — instead of starting over page by page. Over real HTTPS against the demo; the store on top must
 * end with exactly the server's pods, without the one deleted between the first page and the fallback.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Pod } from '../../src/domain/wire.js';
import type { LoggedRequest } from '../../src/demo/http/requestLog.js';
import { Reflector } from '../../src/kube/reflector/reflector.js';
import type { ReflectorState } from '../../src/kube/reflector/reflector.js';
import { asPod } from '../../src/kube/reflector/wireTypes.js';
import { PODS } from '../../src/demo/store/resourceTypes.js';
import { apiRequest } from '../cluster/api.js';
import type { ApiTarget } from '../cluster/api.js';
import { startTestCluster, type TestCluster } from '../support/demoCluster.js';
import { waitFor } from '../support/waitFor.js';
import { matchesServer, podStores, serverVersions, snapshotVersions } from './support/podStoreHelpers.js';

let t: TestCluster;
let api: ApiTarget;
const aborts: AbortController[] = [];
const newStore = podStores();

beforeAll(async () => {
  t = await startTestCluster({ pods: 300, namespaces: 3, watchList: false });
  api = { server: t.demo.url, caCert: t.demo.caCert, token: t.demo.token };
});
afterEach(() => {
  for (const a of aborts.splice(0)) a.abort();
});
afterAll(async () => {
  await t.demo.close();
});

const key = (p: Pod): string => `${p.metadata?.namespace}/${p.metadata?.name}`;
const INCONSISTENT =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

/** The pod lists (not watches) the demo was asked since `since`. */
function podLists(since: number): LoggedRequest[] {
  return t.demo.requests.since(since).filter((r) => r.path === '/api/v1/pods' && !r.watch);
}

describe("the demo's answer to an expired continue token", () => {
  it('is 410 Expired with a token to go on inconsistently, as etcd3 GetList answers after a compaction', async () => {
    const first = await apiRequest(api, { path: '/api/v1/pods?limit=50' });
    const token = (first.json as { metadata: { continue: string } }).metadata.continue;
    // In the namespace that sorts last, named to sort last in it: after the first page's keys.
    const lastNs = (await serverVersions(t.core)).at(-1)!.split('/')[0]!;
    const created = t.demo.cluster.createPod({
      metadata: { name: 'zz-after-the-first-page', namespace: lastNs },
      spec: { nodeName: 'nowhere', containers: [{ name: 'c', image: 'nginx' }] },
    });
    t.demo.cluster.store.compact();
    const r = await apiRequest(api, { path: `/api/v1/pods?limit=50&continue=${encodeURIComponent(token)}` });
    expect(r.status).toBe(410);
    // storage/etcd3 handleCompactedErrorForPaging: apierrors.NewResourceExpired(inconsistentContinue) with
    // ListMeta.Continue set to a token at resourceVersion -1; Status's fields in Go's struct order.
    const status = r.json as { metadata: { continue: string } };
    expect(Object.keys(status)).toEqual([
      'kind',
      'apiVersion',
      'metadata',
      'status',
      'message',
      'reason',
      'code',
    ]);
    expect(status).toMatchObject({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      message: INCONSISTENT,
      reason: 'Expired',
      code: 410,
    });
    expect(Object.keys(status.metadata)).toEqual(['continue']);
    const inner = JSON.parse(Buffer.from(status.metadata.continue, 'base64url').toString('utf8')) as {
      rv: number;
    };
    expect(inner.rv).toBe(-1);
    // The token goes on at the newest version, so the pod created after the first page shows up (inconsistently).
    let rest: string[] = [];
    for (let next: string | undefined = status.metadata.continue; next;) {
      const page = await apiRequest(api, {
        path: `/api/v1/pods?limit=100&continue=${encodeURIComponent(next)}`,
      });
      const body = page.json as { items: Pod[]; metadata: { continue?: string } };
      rest = rest.concat(body.items.map(key));
      next = body.metadata.continue;
    }
    expect(rest).toContain(key(created));
    t.demo.cluster.removePod(lastNs, 'zz-after-the-first-page');
  });
});

describe('a paged list whose continue token expires', () => {
  it('finishes as one unpaged list, without what was deleted after its first page', async () => {
    const pods = new Map<string, Pod>();
    const states: ReflectorState[] = [];
    let listed = new Set<string>();
    let listStarts = 0;
    let pages = 0;
    let victim: string | undefined;
    let born: string | undefined;
    const since = Date.now();
    const reflector = new Reflector<Pod>(
      t.kc,
      { path: '/api/v1/pods', decode: asPod, pageSize: 20 },
      {
        onListStart: () => {
          listStarts++;
          listed = new Set();
        },
        onListPage: (page) => {
          for (const p of page) {
            listed.add(key(p));
            pods.set(key(p), p);
          }
          if (++pages !== 2) return;
          // Before the third page is asked for, in this turn of the event loop: a pod already listed is deleted, one
          // is created, and the history is compacted past the list's version — the third page's token is expired.
          victim = key(page[0]!);
          const [ns, name] = victim.split('/') as [string, string];
          t.demo.cluster.removePod(ns, name);
          born = key(
            t.demo.cluster.createPod({
              metadata: { name: 'born-mid-list', namespace: 'default' },
              spec: { nodeName: 'nowhere', containers: [{ name: 'c', image: 'nginx' }] },
            }),
          );
          t.demo.cluster.store.compact();
        },
        onListEnd: () => {
          for (const k of pods.keys()) if (!listed.has(k)) pods.delete(k);
        },
        onEvent: (type, p) => (type === 'DELETED' ? pods.delete(key(p)) : pods.set(key(p), p)),
        onState: (s) => states.push(s),
      },
    );
    const abort = new AbortController();
    aborts.push(abort);
    void reflector.run(abort.signal);
    await waitFor(() => states.at(-1)?.kind === 'live', 'live');
    const logged = podLists(since);
    // The demo's kubelet goes on changing pods: in step once the watch has brought what changed after the list.
    const versions = () => [...pods.values()].map((p) => `${key(p)}@${p.metadata?.resourceVersion}`).sort();
    await waitFor(
      async () => JSON.stringify(versions()) === JSON.stringify(await serverVersions(t.core)),
      'in step with the server',
    );
    expect(pods.has(victim!)).toBe(false);
    expect(pods.has(born!)).toBe(true);
    // One list for the reflector (no start from page 1), restarted once in the store by the unpaged list.
    expect(reflector.stats()).toMatchObject({ lists: 1, fullLists: 1 });
    expect(listStarts).toBe(2);
    expect(states.some((s) => s.kind === 'reconnecting')).toBe(false);
    // The server saw: pages 1–2, the third answered 410, then one list with neither limit nor continue.
    const asked = logged.map((r) => ({
      status: r.status,
      limit: r.query.get('limit'),
      continued: r.query.has('continue'),
    }));
    expect(asked).toEqual([
      { status: 200, limit: '20', continued: false },
      { status: 200, limit: '20', continued: true },
      { status: 410, limit: '20', continued: true },
      { status: 200, limit: null, continued: false },
    ]);
    t.demo.cluster.removePod('default', 'born-mid-list');
  });

  it('asks for the unpaged list again in place when it fails for a passing reason, without starting over', async () => {
    const pods = new Map<string, Pod>();
    const states: ReflectorState[] = [];
    let pages = 0;
    const since = Date.now();
    const reflector = new Reflector<Pod>(
      t.kc,
      { path: '/api/v1/pods', decode: asPod, pageSize: 50 },
      {
        onListStart: () => undefined,
        onListPage: (page) => {
          for (const p of page) pods.set(key(p), p);
          if (++pages !== 1) return;
          // The second page's token is expired (a change, then a compaction past it), and the unpaged list after it
          // is answered 503 once.
          t.demo.cluster.createPod({
            metadata: { name: 'moves-the-version-on', namespace: 'default' },
            spec: { nodeName: 'nowhere', containers: [{ name: 'c', image: 'nginx' }] },
          });
          t.demo.cluster.store.compact();
          t.demo.faults.inject(
            { path: /^\/api\/v1\/pods$/, continued: false, watch: false },
            { kind: 'status', code: 503, reason: 'ServiceUnavailable', message: 'the server is busy' },
          );
        },
        onListEnd: () => undefined,
        onEvent: () => undefined,
        onState: (s) => states.push(s),
      },
    );
    const abort = new AbortController();
    aborts.push(abort);
    void reflector.run(abort.signal);
    await waitFor(() => states.at(-1)?.kind === 'live', 'live');
    const asked = podLists(since).map((r) => `${r.status} ${r.query.get('limit') ?? 'whole'}`);
    expect(asked).toEqual(['200 50', '410 50', '503 whole', '200 whole']);
    expect(reflector.stats()).toMatchObject({ lists: 1, fullLists: 1 });
    expect(states.filter((s) => s.kind === 'reconnecting')).toHaveLength(1);
    expect(pods.size).toBe((await serverVersions(t.core)).length);
    t.demo.cluster.removePod('default', 'moves-the-version-on');
  });

  it('leaves a paged PodStore live with exactly the server’s pods, the full list asked for once', async () => {
    const store = newStore(t.kc, { pageSize: 5, watchList: false });
    let expired = false;
    // Just before the server answers the second page (of 60): a pod the first page held is deleted, and the history
    // compacted past the list's version. At the server, not on a store publish: the store publishes at its listing
    // pace (250 ms), and a quick list can be past its last page by then (the flake of a full CI run).
    const since = Date.now();
    // The first key in the server's order: the first pod of the first page.
    const firstKey = t.demo.cluster.store.keys(PODS)[0]!;
    t.demo.faults.inject(
      { path: /^\/api\/v1\/pods$/, continued: true, watch: false },
      {
        kind: 'before',
        run: () => {
          expired = true;
          const [ns, name] = firstKey.split('/').slice(-2) as [string, string];
          t.demo.cluster.removePod(ns, name);
          t.demo.cluster.store.compact();
        },
      },
    );
    store.start();
    await waitFor(() => store.getSnapshot().sync.kind === 'live', 'live', 20_000);
    const lists = podLists(since);
    expect(expired).toBe(true);
    await waitFor(() => matchesServer(store, t.core), 'exactly the server’s pods');
    expect(snapshotVersions(store.getSnapshot())).toHaveLength((await serverVersions(t.core)).length);
    expect(lists.filter((r) => r.status === 410)).toHaveLength(1);
    expect(lists.filter((r) => !r.query.has('limit'))).toHaveLength(1);
    // Not started over from page 1: one first page only.
    expect(lists.filter((r) => r.query.has('limit') && !r.query.has('continue'))).toHaveLength(1);
    expect(store.stats().lists).toBe(1);
  });
});
