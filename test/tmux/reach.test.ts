/**
 * The reach probe (`R`, issue 15 §2) on the real binary in a real terminal (tmux) against a demo cluster served
 * from this test: the confirm names what it will create and starts on Cancel; confirmed, the kiada line of seed 001
 * comes back from inside the cluster and the client pod is gone (kubectl says so) — and it is gone too when
 * podscope is ended mid-run by SIGTERM, q, Ctrl-C or Esc. After SIGKILL nothing runs: the pod is left, ends at its
 * deadline, and the next `R` deletes it. Needs `npm run build` (bin/ runs dist/).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_SELECTOR } from '../../src/domain/reach/clientPod.js';
import { waitForPodPhase, type TestCluster } from '../support/demoCluster.js';
import { demoDashboards } from '../support/demoDashboard.js';
import { Kubectl } from '../support/kubectl.js';
import { requireTmux, TmuxSession } from '../support/tmux.js';
import { waitFor } from '../support/waitFor.js';

const startDashboard = demoDashboards();

beforeAll(requireTmux);

/** A second podscope on a cluster a first one used (the suite's helper makes a new cluster each time). */
async function startDashboardOn(cluster: TestCluster): Promise<TmuxSession> {
  const kubeconfig = join(mkdtempSync(join(tmpdir(), 'podscope-reach-')), 'kubeconfig');
  writeFileSync(kubeconfig, cluster.demo.kubeconfig(), { mode: 0o600 });
  const bin = join(import.meta.dirname, '../../bin/podscope.js');
  const session = await TmuxSession.start({
    command: [process.execPath, bin, '--kubeconfig', kubeconfig, '-n', 'default'],
    cols: 110,
    rows: 30,
  });
  await session.waitForText('● live', 30_000);
  return session;
}

/** The client pods kubectl lists in default (`pod/podscope-reach-…` lines). */
async function clientPods(cluster: TestCluster): Promise<string[]> {
  const r = await new Kubectl(cluster.demo).run([
    'get',
    'pods',
    '-n',
    'default',
    '-l',
    CLIENT_SELECTOR,
    '-o',
    'name',
  ]);
  return r.stdout.split('\n').filter((l) => l !== '');
}

/** podscope on default with kiada selected. */
async function onKiada(args: readonly string[] = []): Promise<{ t: TmuxSession; cluster: TestCluster }> {
  const { session: t, cluster } = await startDashboard({
    cols: 110,
    rows: 30,
    args: ['-n', 'default', ...args],
    prepare: (c) => waitForPodPhase(c, 'default', 'kiada', 'Running'),
  });
  await t.sendText('/kiada');
  await t.sendKeys('Enter');
  await t.waitForText(/›\s+kiada\s.*Running/);
  return { t, cluster };
}

/** R, then Tab to "Create client pod" and Enter; resolves once the client pod exists in the cluster. */
async function confirmReach(t: TmuxSession, cluster: TestCluster): Promise<string> {
  await t.sendKeys('R');
  await t.waitForText('Reach kiada from inside the cluster?');
  await t.sendKeys('Tab');
  await t.sendKeys('Enter');
  return waitFor(async () => (await clientPods(cluster))[0], 'the client pod to exist', 10_000, 5);
}

describe('R: reach a pod from inside the cluster', () => {
  it(
    'confirms first (Enter alone creates nothing), then shows kiada’s answer and deletes the client pod',
    { timeout: 90_000 },
    async () => {
      const { t, cluster } = await onKiada();
      await t.sendKeys('R');
      const dialog = await t.waitForText('Reach kiada from inside the cluster?');
      expect(dialog).toContain('Creates pod podscope-reach-… in namespace default (image curlimages/curl)');
      expect(dialog).toContain('then deletes it — as kubectl run --rm does, also on Esc, q or Ctrl-C.');
      await t.sendKeys('Enter');
      await t.waitForNoText('Reach kiada from inside the cluster?');
      expect(await clientPods(cluster)).toEqual([]);

      await confirmReach(t, cluster);
      const screen = await t.waitForText(/deleted client pod podscope-reach-\w+/, 30_000);
      expect(screen).toMatch(/checked 1 port\(s\) in \d+\.\d s/);
      expect(screen).toMatch(/8080\/TCP HTTP\s+HTTP\/1\.1 200 OK\s+\d+ ms/);
      expect(screen).toMatch(
        /Kiada version 0\.1\. Request processed by "kiada"\. Client IP: ::ffff:10\.244\.\d+\.\d+/,
      );
      expect(screen).toMatch(/client pod podscope-reach-\w+: (Pending → )?ContainerCreating → Running/);
      expect(screen).toMatch(/deleted client pod podscope-reach-\w+/);
      expect(await clientPods(cluster)).toEqual([]);
      // r: the same run again, after a new confirm, with a new client pod (deleted in turn).
      const first = /deleted client pod (podscope-reach-\w+)/.exec(screen)![1]!;
      await t.sendKeys('r');
      await t.waitForText('Reach kiada from inside the cluster?');
      await t.sendKeys('Tab');
      await t.sendKeys('Enter');
      const again = await t.waitForText(
        (s) => /deleted client pod podscope-reach-\w+/.test(s) && !s.includes(first),
        30_000,
      );
      expect(again).toMatch(/8080\/TCP HTTP\s+HTTP\/1\.1 200 OK/);
      expect(await clientPods(cluster)).toEqual([]);
      await t.sendKeys('Escape');
      await t.waitForText(/›\s+kiada\s/);
    },
  );

  for (const how of ['SIGTERM', 'q', 'C-c'] as const) {
    it(`deletes the client pod when podscope is ended mid-run (${how})`, { timeout: 90_000 }, async () => {
      const { t, cluster } = await onKiada();
      const pod = await confirmReach(t, cluster);
      // The run is still going (the pod is being created or pulled): end podscope now.
      if (how === 'SIGTERM') process.kill(t.programPid(), 'SIGTERM');
      else await t.sendKeys(how);
      const exit = await t.waitForExit(20_000);
      expect(exit.code).toBe(how === 'SIGTERM' ? 128 + 15 : 0);
      expect(pod).toMatch(/^pod\/podscope-reach-/);
      expect(await clientPods(cluster)).toEqual([]);
    });
  }

  it(
    'says on stderr which client pod it could not delete, and the kubectl command that does',
    { timeout: 90_000 },
    async () => {
      const { t, cluster } = await onKiada();
      const pod = (await confirmReach(t, cluster)).replace('pod/', '');
      // The API server goes away mid-run: nothing can be deleted any more.
      await cluster.demo.close();
      await t.sendKeys('q');
      await t.waitForExit(20_000);
      const screen = (await t.capture()).replace(/\n/g, '');
      expect(screen).toContain(`podscope: could not delete client pod ${pod}:`);
      expect(screen).toContain(`run: kubectl delete pod ${pod} -n default`);
    },
  );

  it('deletes the client pod when the view is left mid-run (Esc)', { timeout: 90_000 }, async () => {
    const { t, cluster } = await onKiada();
    await confirmReach(t, cluster);
    await t.sendKeys('Escape');
    await t.waitForText(/›\s+kiada\s/);
    await waitFor(async () => (await clientPods(cluster)).length === 0, 'the client pod to be deleted');
  });

  it(
    'after SIGKILL the pod is left to its deadline, and the next R deletes it',
    { timeout: 120_000 },
    async () => {
      const { t, cluster } = await onKiada();
      const pod = (await confirmReach(t, cluster)).replace('pod/', '');
      process.kill(t.programPid(), 'SIGKILL');
      await t.waitForExit(20_000);
      const kubectl = new Kubectl(cluster.demo);
      const left = await cluster.core.readNamespacedPod({ namespace: 'default', name: pod });
      expect(left.spec?.activeDeadlineSeconds).toBe(300);
      // Five minutes pass: the deadline is shortened instead (a pod's activeDeadlineSeconds may be lowered).
      await kubectl.run(['patch', 'pod', pod, '-p', '{"spec":{"activeDeadlineSeconds":1}}']);
      // The kubelet keeps the lowered deadline, already passed: the pod fails at once.
      const failed = await waitFor(async () => {
        const p = await cluster.core.readNamespacedPod({ namespace: 'default', name: pod });
        return p.status?.phase === 'Failed' && p;
      }, 'the leftover to fail at its deadline');
      expect(failed.status?.reason).toBe('DeadlineExceeded');
      await t.kill();

      const again = await startDashboardOn(cluster);
      await again.sendText('/kiada');
      await again.sendKeys('Enter');
      await again.waitForText(/›\s+kiada\s.*Running/);
      await again.sendKeys('R');
      await again.waitForText('Reach kiada from inside the cluster?');
      await again.sendKeys('Tab');
      await again.sendKeys('Enter');
      const screen = await again.waitForText(/deleted client pod podscope-reach-\w+/, 30_000);
      expect(screen).toContain(`deleted leftover client pod ${pod}`);
      await waitFor(async () => (await clientPods(cluster)).length === 0, 'no client pod left');
      await again.kill();
    },
  );

  it(
    '--client-image: an image that cannot be pulled is reported in the pod’s words and the pod deleted',
    { timeout: 90_000 },
    async () => {
      const { t, cluster } = await onKiada(['--client-image', 'does-not-exist']);
      await t.sendKeys('R');
      await t.waitForText('(image does-not-exist)');
      await t.sendKeys('Tab');
      await t.sendKeys('Enter');
      const screen = await t.waitForText(/deleted client pod podscope-reach-\w+/, 30_000);
      expect(screen).toMatch(
        /podscope-reach-\w+ cannot start: ErrImagePull: failed to pull and unpack image/,
      );
      expect(screen).toMatch(/8080\/TCP HTTP\s+not checked/);
      expect(await clientPods(cluster)).toEqual([]);
    },
  );

  it('--readonly refuses it with the reason, creating nothing', { timeout: 60_000 }, async () => {
    const { t, cluster } = await onKiada(['--readonly']);
    await t.sendKeys('R');
    await t.waitForText('read-only: cannot create a client pod (started with --readonly)');
    await t.sendText(':reach 8080');
    await t.sendKeys('Enter');
    await t.waitForText('read-only: cannot create a client pod (started with --readonly)');
    expect(await t.capture()).not.toContain('Reach kiada from inside the cluster?');
    expect(await clientPods(cluster)).toEqual([]);
  });
});
