/**
 * The inside view through the app, as the demo's viewer sees it (pods and their events in default, nothing at the
 * cluster scope, no exec): `i` is not struck out — the view is mostly the API's — and opens with the node's
 * runtime "not visible to you" and the exec refused, both in the server's words, while IPs, DNS settings, the token
 * volume and the security settings are all there.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { selectPod, renderApp, type DashboardHarness } from '../support/appHarness.js';
import { startTestCluster, waitForPodPhase, type TestCluster } from '../support/demoCluster.js';

let t: TestCluster;
let h: DashboardHarness | undefined;

beforeAll(async () => {
  t = await startTestCluster();
  await waitForPodPhase(t, 'default', 'bb', 'Running');
});
afterEach(async () => {
  await h?.close();
  h = undefined;
});
afterAll(async () => {
  await t.demo.close();
});

describe('the inside view for a user who may not exec or read nodes', () => {
  it('shows the API’s parts and says why the rest is missing', async () => {
    h = await renderApp(t.demo.kubeConfig('podscope-demo-viewer'), {
      namespace: 'default',
      height: 70,
      width: 150,
    });
    await selectPod(h, 'bb', true);
    await h.press('i');
    const ip = (await t.core.readNamespacedPod({ name: 'bb', namespace: 'default' })).status!.podIP!;
    const screen = await h.waitForScreen(
      (s) => s.includes('Runtime:') && !s.includes('reading the node') && !s.includes('reading through exec'),
      'the node and exec answers',
    );
    expect(screen).toContain('Inside default/bb');
    expect(screen).toMatch(new RegExp(`Pod IPs: +${ip.replace(/\./g, '\\.')}`));
    expect(screen).toMatch(/Runtime: +not visible to you/);
    expect(screen).toMatch(
      /nodes "demo-worker\d?" is forbidden: User "podscope-demo-viewer" cannot get resource "nodes"/,
    );
    expect(screen).toMatch(/exec into bb failed: .*pods\/exec/);
    expect(screen).toMatch(/Token volume: +kube-api-access-\w+/);
    expect(screen).toContain('DNS and names');
  });
});
