/**
 * The whole dashboard on the real control plane (the demo's twins are test/e2e/*.test.tsx): the rows agree with
 * `kubectl get pods` for the same pods, the live events of a pod are the real scheduler's, a delete goes through
 * the real server and kwok (Terminating, then gone) and a Deployment's pod is replaced by the real ReplicaSet
 * controller, and a namespace of the real server can be picked. Each test works in namespaces of its own.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiJson } from '../cluster/api.js';
import { KEY, renderApp, selectPod, type DashboardHarness } from '../support/appHarness.js';
import { Kubectl, requireKubectl } from '../support/kubectl.js';
import { createNamespace, createPod, realCluster, realKubeConfig } from '../support/realCluster.js';
import { waitFor } from '../support/waitFor.js';

const NS = 'real-dashboard';
const TAB = '\t';
let h: DashboardHarness | undefined;
let k: Kubectl;

beforeAll(async () => {
  await requireKubectl();
  const t = realCluster();
  k = new Kubectl(t);
  await createNamespace(t, NS);
  for (const name of ['alpha', 'beta']) {
    await createPod(t, NS, name);
  }
  await apiJson(t, {
    method: 'POST',
    path: `/apis/apps/v1/namespaces/${NS}/deployments`,
    body: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
        },
      },
    },
  });
});
afterEach(async () => {
  await h?.close();
  h = undefined;
});
afterAll(async () => {
  await k?.run(['delete', 'namespace', NS, '--wait=false']);
});

/** NAME READY STATUS RESTARTS of every pod, from kubectl. */
async function kubectlRows(namespace: string): Promise<string[]> {
  const r = await k.run(['get', 'pods', '-n', namespace, '--no-headers']);
  expect(r.stderr).toBe('');
  return r.stdout
    .trim()
    .split('\n')
    .map((l) => l.split(/\s+/).slice(0, 4).join(' '))
    .sort();
}

describe('the dashboard on the real API server', () => {
  it('shows every seed pod as kubectl get pods does', async () => {
    h = await renderApp(realKubeConfig(), { namespace: 'default' });
    // Other suites add pods to default meanwhile: compare with a fresh kubectl each time.
    await waitFor(
      async () => {
        const theirs = await kubectlRows('default');
        const ours = h!.rows().map((r) => r.split(/\s+/).slice(0, 4).join(' '));
        return JSON.stringify(ours.sort()) === JSON.stringify(theirs);
      },
      'the rows kubectl shows',
      15_000,
      100,
    ).catch((e: unknown) => {
      throw new Error(`${(e as Error).message}\n--- screen ---\n${h!.screen()}`);
    });
  });

  it("shows a pod's live events, the real scheduler's among them", async () => {
    h = await renderApp(realKubeConfig(), { namespace: NS });
    await selectPod(h, 'alpha', true);
    await h.press('e');
    await h.waitForScreen(
      (x) => x.includes('Scheduled') && x.includes(`Successfully assigned ${NS}/alpha to`),
      'the Scheduled event',
    );
  });

  it('deletes through the real server: Terminating, then gone; kubectl agrees', async () => {
    h = await renderApp(realKubeConfig(), { namespace: NS });
    await selectPod(h, 'beta', true);
    await h.press('\x04');
    await h.waitForScreen((x) => x.includes('Delete this pod?') && x.includes(`${NS}/beta`), 'the dialog');
    await h.press(TAB, KEY.enter);
    await h.waitForScreen((x) => !/\sbeta\s/.test(x), 'the row gone', 60_000);
    const r = await k.run(['get', 'pod', '-n', NS, 'beta']);
    expect(r.stderr).toContain('pods "beta" not found');
  });

  it("kills a Deployment's pod and the real ReplicaSet controller replaces it", async () => {
    h = await renderApp(realKubeConfig(), { namespace: NS });
    await selectPod(h, 'web-', true);
    const victim = (await waitFor(() => h!.rows().find((r) => r.startsWith('web-')), 'a web pod'))!.split(
      /\s+/,
    )[0]!;
    await h.press(KEY.escape);
    await selectPod(h, victim, true);
    await h.press('\x0b');
    await h.waitForScreen((x) => x.includes('Kill this pod? (grace period 1 s)'), 'the kill dialog');
    await h.press(TAB, KEY.enter);
    await h.press(KEY.escape);
    await h.waitForScreen(
      () => {
        const web = h!.rows().filter((r) => r.startsWith('web-') && /\sRunning\s/.test(r));
        return web.length === 2 && !web.some((r) => r.startsWith(victim));
      },
      'two Running web pods, the victim not among them',
      60_000,
    );
  });

  it("picks one of the real server's namespaces", async () => {
    h = await renderApp(realKubeConfig(), { namespace: 'default' });
    await h.press('n');
    await h.waitForScreen((x) => x.includes(NS) && x.includes('kube-system'), 'the namespace picker');
    await h.press(...NS, KEY.enter);
    await h.waitForScreen(() => h!.rows().some((r) => r.startsWith('alpha')), `the pods of ${NS}`);
  });
});
