/**
 * The reach probe's refusals and its `:reach` verb through the whole app (ink-testing-library) on the demo
 * cluster: a user who may not create pods (the demo's viewer) is told so before anything is asked, by `R` and by
 * `:reach`; a bad `:reach` argument is one line; and `:reach PORT` names the port in the confirm.
 */
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY, renderApp, selectPod, startApp, type DashboardHarness } from '../support/appHarness.js';
import { startTestCluster, type TestCluster } from '../support/demoCluster.js';

let h: DashboardHarness | undefined;
let t: TestCluster | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  await t?.demo.close();
  t = undefined;
});

describe(':reach and R', () => {
  it('refuses a user who may not create pods, with the reason, by key and by verb', async () => {
    t = await startTestCluster();
    const kc = new KubeConfig();
    kc.loadFromString(t.demo.kubeconfig());
    kc.setCurrentContext('podscope-demo-viewer');
    h = await renderApp(kc, { namespace: 'default' });
    await selectPod(h, 'kiada');
    await h.press('R');
    await h.waitForScreen((s) => s.includes('not allowed: create pods in default'), 'the reason for R');
    await h.press(':', ...'reach 8080', KEY.enter);
    await h.waitForScreen(
      (s) => s.includes('not allowed: create pods in default') && !s.includes(':reach'),
      'the reason for :reach',
    );
    expect(h.screen()).not.toContain('Reach kiada from inside the cluster?');
  });

  it('names the port of :reach PORT in the confirm, and refuses a port that is not one', async () => {
    const app = await startApp({ namespace: 'default' });
    h = app;
    await selectPod(h, 'kiada');
    await h.press(':', ...'reach http', KEY.enter);
    await h.waitForScreen((s) => s.includes(':reach takes a port number, not "http"'), 'the bad argument');
    await h.press(':', ...'reach 8080', KEY.enter);
    const s = await h.waitForScreen((x) => x.includes('Reach kiada from inside the cluster?'), 'the confirm');
    // The box's prose wraps: read it as one line.
    const prose = s.replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');
    expect(prose).toContain(
      "Creates pod podscope-reach-… in namespace default (image curlimages/curl), requests port 8080 of kiada's IP from it,",
    );
    await h.press(KEY.escape);
    await h.waitForScreen((x) => !x.includes('Reach kiada from inside the cluster?'), 'the confirm closed');
  });
});
