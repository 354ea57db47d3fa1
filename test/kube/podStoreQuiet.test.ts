/**
 * A stalled network under an open watch: the connection stays up but nothing arrives, not even the server's
 * periodic bookmarks. The store must stop calling itself live once the silence outlasts the bookmark interval it
 * has seen, say how long it has been quiet, and be live again when bytes flow. The demo cluster sends a bookmark
 * every second here; a TCP proxy in the test holds every byte while stalled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncState } from '../../src/kube/podSnapshot.js';
import { startTestCluster, type TestCluster } from '../support/demoCluster.js';
import { waitFor } from '../support/waitFor.js';
import { kubeConfigWith, podStores } from './support/podStoreHelpers.js';
import { startTcpProxy, type TcpProxy } from './support/tcpProxy.js';

let t: TestCluster;
let proxy: TcpProxy;
const newStore = podStores();

beforeAll(async () => {
  t = await startTestCluster({ bookmarkIntervalMs: 1000 });
  proxy = await startTcpProxy(Number(new URL(t.demo.url).port));
});
afterAll(async () => {
  await proxy.close();
  await t.demo.close();
});

describe('a stalled watch', () => {
  it('is quiet, not live, after the bookmark interval, with how long; live again when bytes flow', async () => {
    const store = newStore(kubeConfigWith(t.demo, { server: proxy.url }), {
      namespace: 'default',
      flushMs: 5,
    });
    const seen: SyncState[] = [];
    store.subscribe(() => seen.push(store.getSnapshot().sync));
    store.start();
    await waitFor(() => store.getSnapshot().sync.kind === 'live', 'live');
    // Healthy and idle, bookmarks coming every second: live all along, never quiet.
    const t0 = Date.now();
    await waitFor(() => Date.now() - t0 > 4000 && store.stats().events >= 3, 'three bookmarks', 10_000, 100);
    expect(seen.some((s) => s.kind === 'quiet')).toBe(false);

    proxy.stall();
    const quiet = await waitFor(
      () => {
        const s = store.getSnapshot();
        return s.sync.kind === 'quiet' ? s : undefined;
      },
      'the store to call the watch quiet',
      10_000,
      100,
    );
    expect(quiet.stale).toBe(true);
    // The learned 1 s interval plus 2 s of slack: quiet after 3 s of silence, never before, counted in whole
    // seconds. The first quiet state the store published (not the one this poll happened to see) is the one that
    // says when; a loaded machine may run the silence timer a second late, so 4 s is as good as 3 s here.
    const firstQuiet = seen.find((s) => s.kind === 'quiet');
    expect(firstQuiet?.kind).toBe('quiet');
    const firstSilent = firstQuiet?.kind === 'quiet' ? firstQuiet.silentMs : -1;
    expect(firstSilent).toBeGreaterThanOrEqual(3000);
    expect(firstSilent % 1000).toBe(0);
    await waitFor(
      () => {
        const s = store.getSnapshot().sync;
        return s.kind === 'quiet' && s.silentMs >= 5000;
      },
      'the silence to be counted up to 5 s',
      10_000,
      100,
    );

    proxy.resume();
    await waitFor(() => store.getSnapshot().sync.kind === 'live', 'live again', 10_000);
    expect(store.getSnapshot().stale).toBe(false);
  });
});
