/**
 * Attach with input (issue 16) on the real binary in tmux against the demo: `a` on a container that keeps stdin
 * open with a terminal (what `kubectl run console --image=busybox -it -- sh` creates) hands the terminal to its
 * shell — keys go to it, Ctrl-C included; Ctrl-P Ctrl-Q detaches and the shell goes on (a variable set before is
 * there on the next attach); `exit` ends the container's run and the list shows the restart. The terminal comes
 * back cooked on every path: detach, exit, the pod deleted, SIGTERM. kubectl attach -it, the referee, sees the
 * same shell. Needs `npm run build` (bin/ runs dist/).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { waitForPodPhase, type TestCluster } from '../support/demoCluster.js';
import { demoDashboards } from '../support/demoDashboard.js';
import { Kubectl, requireKubectl } from '../support/kubectl.js';
import { requireTmux, TmuxSession } from '../support/tmux.js';
import { waitFor } from '../support/waitFor.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const startDashboard = demoDashboards();

beforeAll(async () => {
  requireTmux();
  await requireKubectl();
});

/** The pod `kubectl run console --image=busybox -it -l run=console -- sh` creates, as the demo stores it. */
async function createConsole(c: TestCluster): Promise<void> {
  await c.core.createNamespacedPod({
    namespace: 'default',
    body: {
      metadata: { name: 'console', labels: { run: 'console' } },
      spec: {
        containers: [
          { name: 'console', image: 'busybox', args: ['sh'], stdin: true, stdinOnce: true, tty: true },
        ],
      },
    },
  });
  await waitForPodPhase(c, 'default', 'console', 'Running', 20_000);
}

async function attachToConsole(): Promise<{ t: TmuxSession; cluster: TestCluster }> {
  const { session: t, cluster } = await startDashboard({
    cols: 140,
    rows: 30,
    args: ['-n', 'default'],
    prepare: createConsole,
  });
  // A server-side selector, so the crasher's alert flash cannot cover the notices this reads.
  await t.sendText('/-l run=console');
  await t.sendKeys('Enter');
  await t.waitForText(/›\s+console\s.*Running/);
  await t.sendText('a');
  await t.waitForText(
    'podscope: attached to the main process of pod default/console, container console (keys go to the process: Ctrl-P Ctrl-Q detaches)',
  );
  // The shell redraws its prompt when the size changes (one larger, then back, as kubectl attach does).
  await t.waitForText(/^\/ #\s*$/m);
  return { t, cluster };
}

async function typeLine(t: TmuxSession, line: string): Promise<void> {
  await t.sendText(line);
  await t.sendKeys('Enter');
}

async function expectCookedExit(t: TmuxSession, code = 0): Promise<void> {
  const exit = await t.waitForExit(20_000);
  expect(exit.code).toBe(code);
  expect(exit.stty.cooked).toBe(true);
  expect(await t.paneState()).toMatchObject({ alternateScreen: false, cursorVisible: true });
}

describe('attach with input in tmux', () => {
  it('types into the shell, Ctrl-C reaches it, detach keeps it running, exit restarts the container', async () => {
    const { t } = await attachToConsole();
    expect(await t.paneState()).toMatchObject({ alternateScreen: false, cursorVisible: true });
    expect((await t.sttySettings()).flags.get('icanon')).toBe(false);
    await typeLine(t, 'V=kept-across; echo hi');
    await t.waitForText(/^hi$/m);
    // Ctrl-C goes to the process: the shell ends the running command and prompts again, still attached.
    await typeLine(t, 'sleep 100');
    await t.sendKeys('C-c');
    await t.waitForText(/^\/ # sleep 100\n\^C\n\/ #\s*$/m);
    expect(await t.paneState()).toMatchObject({ alternateScreen: false });
    await t.sendKeys('C-p', 'C-q');
    await t.waitForText('detached from console/console (its main process goes on)');
    expect(await t.paneState()).toMatchObject({ alternateScreen: true });
    // Attach again: the same process, its variable still set.
    await t.sendText('a');
    await t.waitForText(/^\/ #\s*$/m);
    await typeLine(t, 'echo $V');
    await t.waitForText(/^kept-across$/m);
    await typeLine(t, 'exit');
    await t.waitForText('attach to console/console ended: its main process exited (Completed, exit code 0)');
    // exit 0 ended the run; restartPolicy Always restarts it.
    await t.waitForText(/›\s+console\s.*\b1 \(\d+s ago\)/, 20_000);
    await t.sendText('q');
    await expectCookedExit(t);
  }, 120_000);

  it('gives the terminal back when the pod is deleted while attached', async () => {
    const { t, cluster } = await attachToConsole();
    await cluster.core.deleteNamespacedPod({ name: 'console', namespace: 'default', gracePeriodSeconds: 0 });
    await t.waitForText('attach to console/console ended: pod console was deleted');
    expect(await t.paneState()).toMatchObject({ alternateScreen: true });
    await t.sendText('q');
    await expectCookedExit(t);
  }, 120_000);

  it('leaves the terminal cooked on SIGTERM while attached', async () => {
    const { t } = await attachToConsole();
    process.kill(t.programPid(), 'SIGTERM');
    await expectCookedExit(t, 128 + 15);
  }, 120_000);

  it('kubectl attach -it reaches the same shell: its prompt, typed lines, and the exit', async () => {
    const { cluster } = await startDashboard({
      cols: 100,
      rows: 24,
      args: ['-n', 'default'],
      prepare: createConsole,
    });
    const kubeconfig = join(mkdtempSync(join(tmpdir(), 'podscope-attach-')), 'kubeconfig');
    writeFileSync(kubeconfig, cluster.demo.kubeconfig(), { mode: 0o600 });
    const k = await TmuxSession.start({
      command: ['kubectl', `--kubeconfig=${kubeconfig}`, 'attach', '-it', 'console', '-n', 'default'],
      cols: 100,
      rows: 24,
    });
    try {
      await k.waitForText("If you don't see a command prompt, try pressing enter.", 20_000);
      await k.waitForText(/^\/ #\s*$/m);
      await typeLine(k, 'echo hi');
      await k.waitForText(/^hi$/m);
      await typeLine(k, 'exit');
      await k.waitForText("Session ended, resume using 'kubectl attach console -c console -i -t' command");
      const exit = await k.waitForExit(20_000);
      expect(exit.code).toBe(0);
      // The run ended Completed (exit 0); the kubelet restarts it a moment later, and keeps it as lastState.
      const kubectl = new Kubectl(cluster.demo);
      await waitFor(
        async () =>
          (
            await kubectl.run([
              'get',
              'pod',
              'console',
              '-n',
              'default',
              '-o',
              'jsonpath={.status.containerStatuses[0].lastState.terminated.reason}',
            ])
          ).stdout === 'Completed',
        'the console container restarted after Completed',
        20_000,
        200,
      );
    } finally {
      await k.kill();
    }
  }, 120_000);
});
