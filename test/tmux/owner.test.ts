/**
 * The owner actions on the real binary in a real terminal (tmux) against a demo cluster served from this test:
 * `:restart` on a web-app pod, confirmed, makes kubectl see a new ReplicaSet and `kubectl rollout status`
 * complete while the header shows the rollout and then clears; `:scale 5` makes kubectl see 5 replicas and 5 pods;
 * `--readonly` refuses both with the reason. Needs `npm run build` (bin/ runs dist/).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runningWebApp, type TestCluster } from '../support/demoCluster.js';
import { demoDashboards } from '../support/demoDashboard.js';
import { Kubectl } from '../support/kubectl.js';
import { requireTmux, type TmuxSession } from '../support/tmux.js';
import { waitFor } from '../support/waitFor.js';

const startDashboard = demoDashboards();

beforeAll(requireTmux);

/** podscope on frontend with a running web-app pod selected. */
async function onWebApp(args: readonly string[] = []): Promise<{ t: TmuxSession; cluster: TestCluster }> {
  const { session: t, cluster } = await startDashboard({
    cols: 120,
    rows: 30,
    args: ['-n', 'frontend', ...args],
    prepare: async (c) => void (await runningWebApp(c)),
  });
  await t.sendText('/web-app');
  await t.sendKeys('Enter');
  await t.waitForText(/›\s+web-app-\S+\s.*Running/);
  return { t, cluster };
}

async function command(t: TmuxSession, line: string): Promise<void> {
  await t.sendText(`:${line}`);
  await t.sendKeys('Enter');
}

describe('the owner actions in a terminal', () => {
  it(
    ':restart: a new ReplicaSet for kubectl, the rollout in the header until done',
    { timeout: 90_000 },
    async () => {
      const { t, cluster } = await onWebApp();
      const k = new Kubectl(cluster.demo);
      const names = async () =>
        (await k.run(['get', 'rs', '-n', 'frontend', '-o', 'name'])).stdout.split('\n').filter(Boolean);
      const before = await names();
      await command(t, 'restart');
      await t.waitForText('Restart Deployment frontend/web-app?');
      await t.sendKeys('Tab');
      await t.sendKeys('Enter');
      await t.waitForText(/⟳ web-app: \d\/3 updated/);
      await waitFor(async () => (await names()).length === before.length + 1, 'a new ReplicaSet');
      const status = await k.run(['rollout', 'status', 'deploy/web-app', '-n', 'frontend', '--timeout=60s']);
      expect(status.stdout).toContain('successfully rolled out');
      await t.waitForText((s) => !s.includes('⟳ web-app') && s.includes('successfully rolled out'), 30_000);
    },
  );

  it(':scale 5: kubectl sees 5 replicas and 5 pods', { timeout: 60_000 }, async () => {
    const { t, cluster } = await onWebApp();
    const k = new Kubectl(cluster.demo);
    await command(t, 'scale 5');
    await t.waitForText('Scale Deployment frontend/web-app from 3 to 5 replicas?');
    await t.sendKeys('Tab');
    await t.sendKeys('Enter');
    await waitFor(
      async () =>
        (
          await k.run([
            'get',
            'deploy',
            'web-app',
            '-n',
            'frontend',
            '-o',
            'jsonpath={.status.readyReplicas}',
          ])
        ).stdout === '5',
      '5 ready replicas',
      30_000,
    );
    const pods = await k.run(['get', 'pods', '-n', 'frontend', '-l', 'app=web-app', '--no-headers']);
    expect(
      pods.stdout
        .trim()
        .split('\n')
        .filter((l) => /\sRunning\s/.test(l)),
    ).toHaveLength(5);
  });

  it('--readonly refuses :restart with the reason', { timeout: 60_000 }, async () => {
    const { t } = await onWebApp(['--readonly']);
    await command(t, 'restart');
    await t.waitForText('read-only: cannot restart workloads (started with --readonly)');
  });
});
