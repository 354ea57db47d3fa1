/**
 * The header during a network stall, as the user sees it: the dashboard on the demo cluster (a bookmark every
 * second) through a TCP proxy that stops forwarding. `● live` gives way to `◌ quiet Ns` with the seconds counting,
 * and comes back when the bytes flow again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderApp, type DashboardHarness } from '../support/appHarness.js';
import { startTestCluster, type TestCluster } from '../support/demoCluster.js';
import { kubeConfigWith } from './support/podStoreHelpers.js';
import { startTcpProxy, type TcpProxy } from './support/tcpProxy.js';

let t: TestCluster;
let proxy: TcpProxy;
let h: DashboardHarness | undefined;

beforeAll(async () => {
  t = await startTestCluster({ bookmarkIntervalMs: 1000 });
  proxy = await startTcpProxy(Number(new URL(t.demo.url).port));
});
afterAll(async () => {
  await h?.close();
  await proxy.close();
  await t.demo.close();
});

describe('the header during a stall', () => {
  it('stops saying live and says how long it has been quiet', { timeout: 60_000 }, async () => {
    h = await renderApp(kubeConfigWith(t.demo, { server: proxy.url }), { namespace: 'default' });
    await h.waitForScreen((s) => s.includes('● live'), 'live', 20_000);
    // The store learns the server's bookmark interval from two bookmarks (until then it assumes kube-apiserver's
    // minute): the condition is time on the live watch, as bookmarks come by the clock.
    const liveAt = Date.now();
    await h.waitForScreen(
      () => Date.now() - liveAt > 3000,
      'three bookmark intervals on the live watch',
      10_000,
    );
    expect(h.screen()).toContain('● live');
    proxy.stall();
    const quiet = await h.waitForScreen(
      (s) => /◌ quiet [3-9]s: nothing from the server, not even a bookmark/.test(s),
      'the header to say quiet',
      20_000,
    );
    expect(quiet).not.toContain('● live');
    await h.waitForScreen((s) => /◌ quiet ([5-9]|\d\d)s/.test(s), 'the quiet seconds to count up', 20_000);
    proxy.resume();
    await h.waitForScreen((s) => s.includes('● live'), 'live again', 20_000);
  });
});
