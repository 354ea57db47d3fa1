/**
 * The Reflector itself against the demo cluster over real HTTPS, with the smallest store on top (a map by
 * namespace/name): a server that closes every watch at once is backed off from, with its attempts counted, not
 * hammered; a dropped watch resumes from the last resourceVersion without replaying what was listed; a 410 Gone
 * relists and drops what was deleted meanwhile; an object the decoder refuses is left out and counted.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Pod } from '../../src/domain/wire.js';
import type { KubeConfigLike } from '../../src/kube/plainKubeConfig.js';
import { Reflector } from '../../src/kube/reflector/reflector.js';
import type { ChangeType, ReflectorOptions, ReflectorState } from '../../src/kube/reflector/reflector.js';
import { asPod } from '../../src/kube/reflector/wireTypes.js';
import { startTestCluster, type TestCluster } from '../support/demoCluster.js';
import { waitFor } from '../support/waitFor.js';
import { serverVersions } from './support/podStoreHelpers.js';
import { startWatchClosingProxy } from './support/watchClosingProxy.js';

let t: TestCluster;
const aborts: AbortController[] = [];

beforeAll(async () => {
  t = await startTestCluster({ pods: 200, namespaces: 3 });
});
afterEach(() => {
  for (const a of aborts.splice(0)) a.abort();
});
afterAll(async () => {
  await t.demo.close();
});

const key = (p: Pod): string => `${p.metadata?.namespace}/${p.metadata?.name}`;

/** A reflector running with a map of pods on top, and everything it told the map. */
function follow(kc: KubeConfigLike, opts: Partial<ReflectorOptions<Pod>> = {}) {
  const pods = new Map<string, Pod>();
  const states: ReflectorState[] = [];
  const changes: { type: ChangeType; key: string }[] = [];
  let listed = new Set<string>();
  const reflector = new Reflector<Pod>(
    kc,
    { path: '/api/v1/pods', decode: asPod, ...opts },
    {
      onListStart: () => (listed = new Set()),
      onListPage: (page) => {
        for (const p of page) {
          listed.add(key(p));
          pods.set(key(p), p);
        }
      },
      onListEnd: () => {
        for (const k of pods.keys()) if (!listed.has(k)) pods.delete(k);
      },
      onEvent: (type, p) => {
        changes.push({ type, key: key(p) });
        if (type === 'DELETED') pods.delete(key(p));
        else pods.set(key(p), p);
      },
      onState: (s) => states.push(s),
    },
  );
  const abort = new AbortController();
  aborts.push(abort);
  const done = reflector.run(abort.signal);
  const last = (): ReflectorState | undefined => states.at(-1);
  const versions = (): string[] =>
    [...pods.values()].map((p) => `${key(p)}@${p.metadata?.resourceVersion}`).sort();
  return { reflector, pods, states, changes, last, versions, done, abort };
}

const isLive = (r: { last(): ReflectorState | undefined }) => () => r.last()?.kind === 'live';

describe('a server that closes every watch at once', () => {
  it('is backed off from with growing waits, attempt by attempt, never asked again in a tight loop', async () => {
    const proxy = await startWatchClosingProxy(t.demo);
    try {
      const r = follow(proxy.kc, { path: '/api/v1/namespaces/default/pods' });
      const attempt = (n: number) => () =>
        r.states.find(
          (s): s is Extract<ReflectorState, { kind: 'reconnecting' }> =>
            s.kind === 'reconnecting' && s.attempt === n,
        );
      const first = await waitFor(attempt(1), 'the first back-off');
      expect(first.error).toBe('the server keeps closing the watch');
      // Two short watches are forgiven and resumed at once; the third is a failure.
      expect(proxy.watches()).toHaveLength(3);
      const fourth = await waitFor(attempt(4), 'the fourth back-off', 15_000);
      // One watch per attempt after that, each after a longer wait than the one before (0.5 s, 1 s, 2 s …, ±20 %).
      const watches = proxy.watches();
      expect(watches).toHaveLength(6);
      expect(r.reflector.stats()).toMatchObject({ lists: 1, watches: 6 });
      const waits = [1, 2, 3, 4].map((n) => attempt(n)()!.retryInMs);
      expect(waits[0]).toBeGreaterThanOrEqual(400);
      for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThan(waits[i - 1]!);
      expect(fourth.retryInMs).toBe(waits[3]);
      // Measured at the proxy: the gaps between watches 3→4→5→6 are the first three waits.
      for (let i = 3; i < 6; i++) {
        expect(watches[i]!.at - watches[i - 1]!.at).toBeGreaterThanOrEqual(waits[i - 3]! - 20);
      }
      // Every watch resumes from the list's resourceVersion: a closed watch is not a reason to relist.
      const rv = new Set(watches.map((w) => w.url.searchParams.get('resourceVersion')));
      expect(rv.size).toBe(1);
      expect(proxy.requests.filter((q) => !q.watch)).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  }, 30_000);
});

describe('resuming', () => {
  it('resumes a dropped watch from the last resourceVersion: no relist, no ADDED for what was listed', async () => {
    const r = follow(t.kc, { pageSize: 50 });
    await waitFor(isLive(r), 'live');
    await waitFor(
      async () => JSON.stringify(r.versions()) === JSON.stringify(await serverVersions(t.core)),
      'in step with the server',
    );
    const listedKeys = new Set(r.pods.keys());
    const newestBefore = Math.max(...[...r.pods.values()].map((p) => Number(p.metadata?.resourceVersion)));
    const before = r.changes.length;
    const since = Date.now();

    expect(t.demo.dropWatches()).toBeGreaterThan(0);
    await t.core.createNamespacedPod({
      namespace: 'default',
      body: { metadata: { name: 'after-drop' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } },
    });
    await waitFor(() => r.pods.has('default/after-drop'), 'the pod created after the drop');
    await waitFor(
      async () => JSON.stringify(r.versions()) === JSON.stringify(await serverVersions(t.core)),
      'in step with the server again',
    );

    expect(r.reflector.stats().lists).toBe(1);
    const added = r.changes.slice(before).filter((c) => c.type === 'ADDED');
    expect(added.map((c) => c.key)).toEqual(['default/after-drop']);
    expect(added.filter((c) => listedKeys.has(c.key))).toEqual([]);
    // The resumed watch asked for what came after the newest version this reflector had seen (its list asks in
    // pages of 50; the test's own comparisons list whole).
    const resumed = t.demo.requests
      .since(since)
      .filter((e) => e.path === '/api/v1/pods' && (e.watch || e.query.has('limit')));
    expect(resumed.length).toBeGreaterThan(0);
    for (const e of resumed) {
      expect(e.watch).toBe(true);
      expect(Number(e.query.get('resourceVersion'))).toBeGreaterThanOrEqual(newestBefore);
    }
  });
});

describe('410 Gone', () => {
  it('relists when the version it resumes from was compacted, and drops what was deleted meanwhile', async () => {
    const r = follow(t.kc);
    await waitFor(isLive(r), 'live');
    await waitFor(
      async () => JSON.stringify(r.versions()) === JSON.stringify(await serverVersions(t.core)),
      'in step with the server',
    );
    const victim = [...r.pods.keys()].find((k) => k.startsWith('team-01/'))!;
    const [ns, name] = victim.split('/') as [string, string];
    const statesBefore = r.states.length;

    // In one turn of the event loop, so that no watch can see it: cut the watch, delete a pod, compact.
    t.demo.dropWatches();
    t.demo.cluster.removePod(ns, name);
    t.demo.cluster.store.compact();

    await waitFor(() => r.reflector.stats().lists === 2, 'a relist');
    await waitFor(isLive(r), 'live again');
    await waitFor(
      async () => JSON.stringify(r.versions()) === JSON.stringify(await serverVersions(t.core)),
      'in step with the server after the relist',
    );
    expect(r.pods.has(victim)).toBe(false);
    // The deletion was never seen as a change: only the relist could tell.
    expect(r.changes.some((c) => c.key === victim)).toBe(false);
    // A relist after 410 is not a failure: listing, then live, with no back-off between.
    const since = r.states.slice(statesBefore).map((s) => s.kind);
    expect(since).toContain('listing');
    expect(since).not.toContain('reconnecting');
  });
});

describe('decoding', () => {
  it('leaves out an object the decoder refuses, counts it, and keeps the rest', async () => {
    const refused = 'default/hello';
    const r = follow(t.kc, {
      path: '/api/v1/namespaces/default/pods',
      decode: (raw) => {
        const pod = asPod(raw);
        if (key(pod) === refused) throw new Error('malformed');
        return pod;
      },
    });
    await waitFor(isLive(r), 'live');
    const server = await serverVersions(t.core, 'default');
    expect(server.some((v) => v.startsWith(`${refused}@`))).toBe(true);
    expect(r.pods.has(refused)).toBe(false);
    expect(r.pods.size).toBe(server.length - 1);
    expect(r.reflector.stats().skipped).toBeGreaterThanOrEqual(1);
  });
});
