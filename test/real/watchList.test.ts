/**
 * The streaming list (watch-list) on kube-apiserver 1.32, where the WatchList feature is beta and on, and on one
 * started with `--feature-gates=WatchList=false` (a server without it), beside the demo served both ways
 * (`watchList: false`): the same requests, the same answers — status, message and causes for the refusals, the
 * event sequence for the stream — and PodStore listing with a stream on one, falling back to pages on the other.
 */
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse, ApiTarget } from '../cluster/api.js';
import { apiRequest } from '../cluster/api.js';
import { startControlPlane, type ControlPlane } from '../cluster/controlPlane.js';
import { openWatch } from '../cluster/differential/watchStream.js';
import { startDemoCluster, type DemoServer } from '../../src/demo/server.js';
import { PodStore } from '../../src/kube/podStore.js';
import { realCluster } from '../support/realCluster.js';
import { waitFor } from '../support/waitFor.js';

let gateOff: ControlPlane;
let demoOn: DemoServer;
let demoOff: DemoServer;
const target = (d: DemoServer): ApiTarget => ({ server: d.url, caCert: d.caCert, token: d.token });

beforeAll(async () => {
  [gateOff, demoOn, demoOff] = await Promise.all([
    startControlPlane({ nodes: ['watchlist-node'], apiServerArgs: ['--feature-gates=WatchList=false'] }),
    startDemoCluster({ seed: 3, populate: false }),
    startDemoCluster({ seed: 3, populate: false, watchList: false }),
  ]);
}, 150_000);
afterAll(async () => {
  await Promise.all([gateOff?.stop(), demoOn?.close(), demoOff?.close()]);
});

/** What a refusal is made of, for comparing: the status, the Status's reason, message and causes. */
function refusal(r: ApiResponse): unknown {
  const s = r.json as { reason?: string; message?: string; details?: { causes?: unknown } };
  return { status: r.status, reason: s.reason, message: s.message, causes: s.details?.causes };
}

/** Watch requests whose answer depends on the gate (kube-system exists on every server, demo included). */
const QUERIES = [
  'watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true',
  'watch=1&sendInitialEvents=true',
  'watch=1&sendInitialEvents=false&resourceVersionMatch=Exact',
  'watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&continue=abc',
  'watch=1&resourceVersionMatch=NotOlderThan',
];
const PATH = '/api/v1/namespaces/kube-system/pods';

describe('the watch-list options, refused or not', () => {
  it('are answered alike by kube-apiserver and the demo with the WatchList feature on', async () => {
    for (const q of QUERIES.slice(1)) {
      const [real, demo] = await Promise.all([
        apiRequest(realCluster(), { path: `${PATH}?${q}` }),
        apiRequest(target(demoOn), { path: `${PATH}?${q}` }),
      ]);
      expect(refusal(demo), q).toEqual(refusal(real));
    }
  });

  it('are answered alike by kube-apiserver and the demo with the WatchList feature off', async () => {
    for (const q of QUERIES) {
      const [real, demo] = await Promise.all([
        apiRequest(gateOff, { path: `${PATH}?${q}` }),
        apiRequest(target(demoOff), { path: `${PATH}?${q}` }),
      ]);
      expect(refusal(demo), q).toEqual(refusal(real));
    }
    // The one a client sends, as it is refused (what podscope falls back on).
    const real = await apiRequest(gateOff, { path: `${PATH}?${QUERIES[0]}` });
    expect(refusal(real)).toMatchObject({
      status: 422,
      message:
        'ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled',
    });
  });
});

describe('a watch from no resourceVersion with bookmarks, neither option given', () => {
  /** The event types until the first bookmark (or 3 s), and whether a bookmark ended the initial events. */
  async function firstEvents(t: ApiTarget): Promise<{ types: string[]; endMarked: boolean }> {
    const w = await openWatch(t, `${PATH}?watch=true&allowWatchBookmarks=true`);
    await w.until((ev) => ev.some((e) => e.type === 'BOOKMARK'), 3_000).catch(() => undefined);
    w.stop();
    const bookmark = w.events.find((e) => e.type === 'BOOKMARK');
    const meta = bookmark?.object['metadata'] as { annotations?: Record<string, string> } | undefined;
    const types = [...new Set(w.events.map((e) => e.type))];
    return { types, endMarked: meta?.annotations?.['k8s.io/initial-events-end'] === 'true' };
  }

  it('is defaulted into a watch-list only with the gate on, on both servers', async () => {
    const off = await Promise.all([firstEvents(gateOff), firstEvents(target(demoOff))]);
    expect(off[1].endMarked).toBe(off[0].endMarked);
    expect(off[0].endMarked).toBe(false);
    const on = await Promise.all([firstEvents(realCluster()), firstEvents(target(demoOn))]);
    expect(on[1].endMarked).toBe(on[0].endMarked);
    expect(on[0].endMarked).toBe(true);
  }, 20_000);
});

describe('PodStore', () => {
  it('lists with a stream on kube-apiserver 1.32 and in pages where the feature is off, equal either way', async () => {
    const kcOn = new KubeConfig();
    kcOn.loadFromString(realCluster().kubeconfig);
    const kcOff = new KubeConfig();
    kcOff.loadFromString(gateOff.kubeconfig);
    for (const [name, kc, streamed] of [
      ['gate on', kcOn, 1],
      ['gate off', kcOff, 0],
    ] as const) {
      const store = new PodStore(kc, { namespace: 'kube-system', flushMs: 5 });
      store.start();
      try {
        await waitFor(
          () => {
            const sync = store.getSnapshot().sync;
            if (sync.kind === 'live') return true;
            throw new Error(JSON.stringify(sync));
          },
          `${name}: live`,
          30_000,
        );
        expect(store.stats().streamed, name).toBe(streamed);
        const listed = (await apiRequest(kc === kcOn ? realCluster() : gateOff, { path: PATH })).json as {
          items: { metadata: { name: string } }[];
        };
        expect([...store.getSnapshot().pods.keys()].sort(), name).toEqual(
          listed.items.map((p) => `kube-system/${p.metadata.name}`).sort(),
        );
      } finally {
        store.stop();
      }
    }
  }, 60_000);
});
