/**
 * The owner actions through the whole app (ink-testing-library) on the demo cluster, with kubectl as the referee:
 * the containers view names the owner chain; `O` filters the list to the workload's selector; `:restart` (after
 * its confirm) makes kubectl see a new ReplicaSet and `kubectl rollout status` complete, the header following the
 * rollout until it is done; `:scale 5` makes kubectl see 5 replicas and 5 pods; --readonly and RBAC refuse both
 * with the reason, before any confirm.
 */
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import {
  KEY,
  renderApp,
  selectPod,
  startApp,
  type AppHarness,
  type DashboardHarness,
} from '../support/appHarness.js';
import { startTestCluster, type TestCluster } from '../support/demoCluster.js';
import { Kubectl } from '../support/kubectl.js';
import { waitFor } from '../support/waitFor.js';

let h: DashboardHarness | AppHarness | undefined;
let t: TestCluster | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  await t?.demo.close();
  t = undefined;
});

/** Types a `:` command and waits for the line refusing it; no confirm opens. */
async function refused(app: DashboardHarness, line: string, reason: string): Promise<void> {
  await app.press(':', ...line, KEY.enter);
  await app.waitForScreen((x) => x.includes(reason), `:${line} refused`);
  expect(app.screen()).not.toMatch(/(Restart|Scale) Deployment/);
}

/** The dialog's prose as one line (the box wraps it). */
function prose(screen: string): string {
  return screen.replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');
}

async function replicaSetNames(k: Kubectl): Promise<string[]> {
  const r = await k.run([
    'get',
    'rs',
    '-n',
    'frontend',
    '-l',
    'app=web-app',
    '-o',
    'jsonpath={.items[*].metadata.name}',
  ]);
  return r.stdout.split(/\s+/).filter(Boolean);
}

describe('the owner of a pod', () => {
  it('the containers view names the owner chain; O lists the workload’s pods by its selector', async () => {
    const app = await startApp({ namespace: 'frontend' });
    h = app;
    await selectPod(h, 'web-app', true);
    await h.press(KEY.enter);
    const s = await h.waitForScreen(
      (x) => /owned by ReplicaSet\/web-app-\S+ → Deployment\/web-app/.test(x),
      'the owner line',
    );
    expect(s).toContain('Containers of frontend/web-app-');
    // O from the containers view, whose owner line names the workload: back to the list, filtered.
    await h.press('O');
    await h.waitForScreen(
      (x) =>
        !x.includes('Containers of') &&
        x.includes('-l app=web-app') &&
        x.includes('pods of Deployment frontend/web-app'),
      'the owner filter',
    );
  });

  it('O on a list of all namespaces moves to the workload’s namespace: its selector holds there only', async () => {
    const app = await startApp({});
    h = app;
    // A pod in another namespace with the workload's labels: not one of its pods.
    await app.t.core.createNamespacedPod({
      namespace: 'default',
      body: {
        metadata: { name: 'lookalike', labels: { app: 'web-app' } },
        spec: { containers: [{ name: 'c', image: 'busybox' }] },
      },
    });
    await app.press('/', '\x15', ...'web-app', KEY.enter);
    await app.waitForScreen((x) => /›\s+frontend\s+web-app-/.test(x), 'a web-app pod selected');
    await app.press('O');
    const rows = (x: string): string[] => x.split('\n').filter((l) => /^\W*web-app-/.test(l));
    const s = await app.waitForScreen(
      (x) =>
        x.includes('pods of Deployment frontend/web-app') && /ns frontend/.test(x) && rows(x).length === 3,
      'the owner filter in frontend',
    );
    expect(s).not.toContain('lookalike');
  });

  it(':restart makes kubectl see a new ReplicaSet, and the header follows the rollout until it is done', async () => {
    const app = await startApp({ namespace: 'frontend' });
    h = app;
    const k = new Kubectl(app.t.demo);
    await waitFor(async () => (await replicaSetNames(k)).length === 1, 'one ReplicaSet');
    const before = await replicaSetNames(k);
    await selectPod(h, 'web-app', true);
    await h.press(':', ...'restart', KEY.enter);
    const s = await h.waitForScreen((x) => x.includes('Restart Deployment frontend/web-app?'), 'the confirm');
    expect(prose(s)).toContain(
      'Sets spec.template.metadata.annotations["kubectl.kubernetes.io/restartedAt"] to now',
    );
    // Focus starts on Cancel: Enter alone changes nothing.
    await h.press(KEY.enter);
    await h.waitForScreen((x) => !x.includes('Restart Deployment'), 'cancelled');
    expect(await replicaSetNames(k)).toEqual(before);
    await h.press(':', ...'restart', KEY.enter);
    await h.waitForScreen((x) => x.includes('Restart Deployment frontend/web-app?'), 'the confirm again');
    await h.press('\t', KEY.enter);
    await h.waitForScreen((x) => /⟳ web-app: \d\/3 updated/.test(x), 'the rollout in the header', 10_000);
    const names = await waitFor(async () => {
      const n = await replicaSetNames(k);
      return n.length === 2 && n;
    }, 'a new ReplicaSet');
    expect(names.filter((n) => !before.includes(n))).toHaveLength(1);
    // As kubectl rollout restart: the template's restartedAt annotation, RFC 3339, and nothing else changed.
    const template = await k.run([
      'get',
      'deploy',
      'web-app',
      '-n',
      'frontend',
      '-o',
      'jsonpath={.spec.template.metadata}',
    ]);
    const meta = JSON.parse(template.stdout) as {
      annotations?: Record<string, string>;
      labels?: Record<string, string>;
    };
    expect(meta.annotations?.['kubectl.kubernetes.io/restartedAt']).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/,
    );
    expect(meta.labels).toEqual({ app: 'web-app' });
    const status = await k.run(['rollout', 'status', 'deploy/web-app', '-n', 'frontend', '--timeout=60s']);
    expect(status.stdout).toContain('deployment "web-app" successfully rolled out');
    await h.waitForScreen(
      (x) => x.includes('deployment "web-app" successfully rolled out (') && !x.includes('⟳ web-app'),
      'the completion flash, the header line gone',
      30_000,
    );
  }, 90_000);

  it(':scale 5 makes kubectl see 5 replicas and 5 pods', async () => {
    const app = await startApp({ namespace: 'frontend' });
    h = app;
    const k = new Kubectl(app.t.demo);
    await selectPod(h, 'web-app', true);
    await h.press(':', ...'scale x', KEY.enter);
    await h.waitForScreen(
      (x) => x.includes(':scale x: the replicas must be a whole number, 0 or more'),
      'a bad count',
    );
    await h.press(':', ...'scale 5', KEY.enter);
    await h.waitForScreen(
      (x) => x.includes('Scale Deployment frontend/web-app from 3 to 5 replicas?'),
      'the confirm',
    );
    await h.press('\t', KEY.enter);
    const replicas = await k.run([
      'get',
      'deploy',
      'web-app',
      '-n',
      'frontend',
      '-o',
      'jsonpath={.spec.replicas}',
    ]);
    expect(replicas.stdout).toBe('5');
    await waitFor(
      async () => {
        const r = await k.run(['get', 'pods', '-n', 'frontend', '-l', 'app=web-app', '--no-headers']);
        return (
          r.stdout
            .trim()
            .split('\n')
            .filter((l) => /\sRunning\s/.test(l)).length === 5
        );
      },
      '5 running pods',
      30_000,
    );
    await h.waitForScreen(
      (x) => x.includes('deployment "web-app" successfully rolled out ('),
      'done',
      30_000,
    );
  }, 60_000);

  it('--readonly refuses :restart and :scale with the reason', async () => {
    const app = await startApp({ namespace: 'frontend', readonly: true });
    h = app;
    await selectPod(h, 'web-app');
    await refused(h, 'restart', 'read-only: cannot restart workloads (started with --readonly)');
    await refused(h, 'scale 2', 'read-only: cannot scale workloads (started with --readonly)');
  });

  it('a user RBAC does not let read or patch the owner is told so, before any confirm', async () => {
    t = await startTestCluster();
    const k = new Kubectl(t.demo);
    const kc = new KubeConfig();
    kc.loadFromString(t.demo.kubeconfig());
    kc.setCurrentContext('podscope-demo-editor');
    h = await renderApp(kc, { namespace: 'frontend' });
    await selectPod(h, 'web-app');
    // The editor may not read ReplicaSets: the chain stops at the first link, with the server's words.
    await h.press(':', ...'restart', KEY.enter);
    await h.waitForScreen(
      (x) =>
        /owner: replicasets\.apps "web-app-\S+" is forbidden: User "podscope-demo-editor" cannot get/.test(x),
      'the read refused',
    );
    // Allowed to read them (not to patch): the patch is refused from the access review, before the confirm.
    for (const args of [
      [
        'create',
        'role',
        'workload-reader',
        '-n',
        'frontend',
        '--verb=get',
        '--resource=replicasets,deployments',
      ],
      [
        'create',
        'rolebinding',
        'workload-reader',
        '-n',
        'frontend',
        '--role=workload-reader',
        '--user=podscope-demo-editor',
      ],
    ]) {
      const r = await k.run(args);
      expect(r.stderr).toBe('');
    }
    await refused(h, 'restart', 'not allowed: patch deployments.apps in frontend');
    await refused(h, 'scale 4', 'not allowed: patch deployments/scale.apps in frontend');
  });
});
