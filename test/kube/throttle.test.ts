/**
 * Throttling against the demo cluster over real HTTPS: the demo's budget answers as API priority and fairness does
 * (the real server's answer is checked in test/real/throttle.test.ts), and podscope's stores wait what Retry-After
 * says, say so on the status line, keep their rows, and never storm — measured at the server.
 */
import https from 'node:https';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LoggedRequest } from '../../src/demo/http/requestLog.js';
import { MetricsStore } from '../../src/kube/metricsStore.js';
import { LogSession } from '../../src/logs/logSession.js';
import { PodEventsStore } from '../../src/kube/podEventsStore.js';
import { PodStore } from '../../src/kube/podStore.js';
import { deletePods } from '../../src/kube/shell/deletePods.js';
import { startTestCluster, type TestCluster } from '../support/demoCluster.js';
import { waitFor } from '../support/waitFor.js';
import { matchesServer, record } from './support/podStoreHelpers.js';

let t: TestCluster;
const stops: (() => void)[] = [];

beforeAll(async () => {
  t = await startTestCluster({ pods: 1000, namespaces: 4, maxRequestsPerSecond: 4 });
});
afterEach(() => {
  for (const s of stops.splice(0)) s();
  t.demo.faults.clear();
});
afterAll(async () => {
  await t.demo.close();
});

/** A GET with the demo user's token, answered as it came: status, headers, body text. */
function get(path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${t.demo.url}${path}`,
      { ca: t.demo.caCert, headers: { Authorization: `Bearer ${t.demo.token}` } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** The gap (ms) from each 429 to the same client's next request, with the Retry-After it was told. */
function waitsAfter429(log: LoggedRequest[], path: RegExp): { asked: number; waited: number }[] {
  const mine = log.filter((e) => path.test(e.path));
  const out: { asked: number; waited: number }[] = [];
  for (let i = 0; i + 1 < mine.length; i++) {
    if (mine[i]!.status === 429)
      out.push({ asked: mine[i]!.retryAfter ?? 0, waited: mine[i + 1]!.at - mine[i]!.at });
  }
  return out;
}

/** The most requests in any one-second window. */
function peakPerSecond(log: LoggedRequest[]): number {
  let peak = 0;
  for (let i = 0, j = 0; i < log.length; i++) {
    while (log[i]!.at - log[j]!.at >= 1000) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

describe('the demo budget', () => {
  it('answers 429 beyond it exactly as API priority and fairness does; exec and logs are never counted', async () => {
    await waitFor(
      async () => (await get('/api/v1/namespaces/default/pods?limit=1')).status === 200,
      'budget',
    );
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => get('/api/v1/namespaces/default/pods?limit=1')),
    );
    const rejected = answers.filter((a) => a.status === 429);
    expect(answers.filter((a) => a.status === 200).length).toBeLessThanOrEqual(4);
    expect(rejected.length).toBeGreaterThanOrEqual(8);
    const r = rejected[0]!;
    // k8s.io/apiserver filters.tooManyRequests: http.Error's plain text, not a Status.
    expect(r.body).toBe('Too many requests, please try again later.\n');
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    expect(r.headers['x-kubernetes-pf-flowschema-uid']).toBeTruthy();
    expect(r.headers['x-kubernetes-pf-prioritylevel-uid']).toBeTruthy();
    // Logs are long-running, which APF never queues: still served with the budget spent.
    const pod = t.demo.cluster.store.list(
      (await import('../../src/demo/store/resourceTypes.js')).PODS,
      'default',
    )[0] as { metadata: { name: string } };
    const log = await get(`/api/v1/namespaces/default/pods/${pod.metadata.name}/log?tailLines=1`);
    expect(log.status).not.toBe(429);
  });
});

describe('a throttled PodStore', () => {
  it('lists 1000 pods through a 4 requests/s budget: waits what Retry-After says, keeps its rows, never storms', async () => {
    await waitFor(
      async () => (await get('/api/v1/namespaces/default/pods?limit=1')).status === 200,
      'budget',
    );
    const since = Date.now();
    // Pages (a server without the watch-list): what is retried here is a page.
    const store = new PodStore(t.kc, { pageSize: 50, flushMs: 5, watchList: false });
    stops.push(() => store.stop());
    const seen = record(store);
    store.start();
    await waitFor(() => store.getSnapshot().sync.kind === 'live', 'live', 60_000);
    const log = t.demo.requests.since(since).filter((e) => e.path === '/api/v1/pods');

    const throttled = seen.snapshots.map((s) => s.snapshot).filter((s) => s.sync.kind === 'reconnecting');
    expect(throttled.length, 'the store was throttled at least once').toBeGreaterThan(0);
    for (const s of throttled) {
      expect(s.sync).toMatchObject({ throttled: true });
      expect(s.error).toMatch(/^throttled by the API server, retrying in \d+s$/);
    }
    // Rows are kept: the count never goes down while the pages come in and are retried.
    const sizes = seen.snapshots.map((s) => s.snapshot.pods.size);
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeGreaterThanOrEqual(sizes[i - 1]!);
    // The partial list was never shown as complete.
    for (const s of seen.snapshots.map((x) => x.snapshot)) {
      if (s.sync.kind === 'live') expect(s.pods.size).toBe(1000);
    }
    // Each rejected page was asked for again in place, after at least the Retry-After (1 s here).
    expect(store.stats().lists).toBe(1);
    const waits = waitsAfter429(log, /^\/api\/v1\/pods$/);
    expect(waits.length).toBeGreaterThan(0);
    for (const w of waits) expect(w.waited).toBeGreaterThanOrEqual(w.asked * 1000 - 20);
    expect(waits.every((w) => w.asked >= 1)).toBe(true);
    // Never a storm: at most one rejected request in any second (the list is one stream, and each 429 is followed
    // by a wait of at least a second), and no more in all than the budget admits in a second (a full bucket of 4
    // plus 4 refilled) and that one rejected.
    expect(peakPerSecond(log.filter((e) => e.status === 429))).toBe(1);
    expect(peakPerSecond(log)).toBeLessThanOrEqual(2 * 4 + 1);
    await waitFor(() => matchesServer(store, t.core), 'equal to a fresh list', 30_000);
  }, 90_000);

  it('a throttled watch resumes from where it was after Retry-After: no relist, rows kept, the header says why', async () => {
    const store = new PodStore(t.kc, { namespace: 'default', flushMs: 5 });
    stops.push(() => store.stop());
    store.start();
    await waitFor(() => store.getSnapshot().sync.kind === 'live', 'live', 30_000);
    const rows = store.getSnapshot().pods.size;
    const seen = record(store);
    t.demo.faults.inject(
      { path: /^\/api\/v1\/namespaces\/default\/pods$/, watch: true },
      { kind: 'too-many-requests', retryAfterSeconds: 2 },
      2,
    );
    const since = Date.now();
    t.demo.dropWatches();
    await waitFor(
      () => t.demo.faults.applied >= 2 && store.getSnapshot().sync.kind === 'live',
      'live again',
      30_000,
    );
    const messages = seen.snapshots.map((s) => s.snapshot.error).filter((e) => e !== undefined);
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) expect(m).toMatch(/^throttled by the API server, retrying in [2-9]s$/);
    for (const s of seen.snapshots) expect(s.snapshot.pods.size).toBe(rows);
    const log = t.demo.requests.since(since).filter((e) => e.path === '/api/v1/namespaces/default/pods');
    expect(
      log.every((e) => e.watch),
      'no list request: the watch resumed',
    ).toBe(true);
    expect(store.stats().lists).toBe(1);
    const waits = waitsAfter429(log, /pods$/);
    expect(waits).toHaveLength(2);
    for (const w of waits) expect(w.waited).toBeGreaterThanOrEqual(2000 - 20);
  }, 60_000);
});

describe('the other stores under the same policy', () => {
  it('events: a throttled list says so and comes back after Retry-After', async () => {
    const pod = [...(await t.core.listNamespacedPod({ namespace: 'default' })).items][0]!;
    t.demo.faults.inject({ path: /\/events$/ }, { kind: 'too-many-requests', retryAfterSeconds: 1 }, 1);
    const events = new PodEventsStore(t.kc, { namespace: 'default', name: pod.metadata!.name! }, 5);
    stops.push(() => events.close());
    const errors: (string | undefined)[] = [];
    events.subscribe(() => errors.push(events.getSnapshot().error));
    await waitFor(() => events.getSnapshot().state.kind === 'live', 'events live', 30_000);
    expect(errors.some((e) => /^throttled by the API server, retrying in [12]s$/.test(e ?? ''))).toBe(true);
  }, 30_000);

  it('logs: a throttled read of the pod says so and the follow goes on after Retry-After', async () => {
    t.demo.faults.inject(
      { path: /^\/api\/v1\/namespaces\/default\/pods\/hello$/, method: 'GET' },
      { kind: 'too-many-requests', retryAfterSeconds: 1 },
      1,
    );
    const session = new LogSession(t.kc, {
      namespace: 'default',
      pod: 'hello',
      containers: ['hello'],
      flushMs: 10,
    });
    stops.push(() => session.close());
    const states: string[] = [];
    session.subscribe(() => {
      const st = session.getSnapshot().state;
      states.push(st.kind === 'reconnecting' ? `reconnecting: ${st.error}` : st.kind);
    });
    session.start();
    await waitFor(() => session.getSnapshot().state.kind === 'streaming', 'streaming', 30_000);
    expect(t.demo.faults.applied).toBe(1);
    expect(states.some((s) => /^reconnecting: throttled by the API server, retrying in [12]s$/.test(s))).toBe(
      true,
    );
  }, 30_000);

  it('metrics: a throttled poll says so and waits at least what Retry-After says before the next', async () => {
    t.demo.faults.inject(
      { path: /^\/apis\/metrics\.k8s\.io\/v1beta1\/pods$/ },
      { kind: 'too-many-requests', retryAfterSeconds: 3 },
      1,
    );
    const since = Date.now();
    const metrics = new MetricsStore(t.kc, { intervalMs: 200 });
    stops.push(() => metrics.stop());
    metrics.start();
    await waitFor(() => metrics.getSnapshot().error, 'a throttled poll', 30_000);
    expect(metrics.getSnapshot().error).toMatch(/^throttled by the API server, retrying in [34]s$/);
    await waitFor(() => metrics.getSnapshot().updatedAt !== undefined, 'a poll that worked', 30_000);
    const polls = t.demo.requests.since(since).filter((e) => e.path === '/apis/metrics.k8s.io/v1beta1/pods');
    expect(polls[0]!.status).toBe(429);
    expect(polls[1]!.at - polls[0]!.at).toBeGreaterThanOrEqual(3000 - 20);
    expect(metrics.getSnapshot().error).toBeUndefined();
  }, 30_000);
});

describe('actions', () => {
  it('a throttled delete says so in one line, with the wait the server asked for, and deletes nothing', async () => {
    t.demo.faults.inject(
      { path: /^\/api\/v1\/namespaces\/default\/pods\/bb$/, method: 'DELETE' },
      { kind: 'too-many-requests', retryAfterSeconds: 2 },
      1,
    );
    const [result] = await deletePods(t.kc, [{ namespace: 'default', name: 'bb' }]);
    expect(result).toEqual({
      namespace: 'default',
      name: 'bb',
      ok: false,
      error: 'throttled by the API server (429 Too Many Requests), try again in 2s',
    });
    expect(
      (await t.core.readNamespacedPod({ namespace: 'default', name: 'bb' })).metadata?.deletionTimestamp,
    ).toBeUndefined();
  });
});
