/**
 * A shell from the real binary in a real terminal (tmux), against a demo cluster served from this test: the
 * banner, the pod's hostname, a resize reaching `stty size`, `exit` giving the dashboard back live with a flash
 * saying how the shell ended — and the same when the pod is deleted under the shell. Then q leaves the terminal
 * cooked, on the main screen, cursor visible.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { waitForPodPhase, type TestCluster } from '../support/demoCluster.js';
import { demoDashboards } from '../support/demoDashboard.js';
import { quitRestoresTerminal } from '../support/quitRestores.js';
import { requireTmux, type TmuxSession } from '../support/tmux.js';

const startDashboard = demoDashboards();
let cluster: TestCluster | undefined;

async function startOn(pod: string, extra: string[] = []): Promise<TmuxSession> {
  const started = await startDashboard({
    cols: 120,
    rows: 30,
    args: ['-n', 'default', ...extra],
    prepare: (c) => waitForPodPhase(c, 'default', pod, 'Running'),
  });
  cluster = started.cluster;
  const t = started.session;
  await t.sendText(`/${pod}`);
  await t.sendKeys('Enter');
  await t.waitForText(new RegExp(`›\\s+${pod}\\s.*Running`));
  await t.sendKeys('s');
  return t;
}

async function openShellOn(pod: string): Promise<TmuxSession> {
  const t = await startOn(pod);
  await t.waitForText(`shell in pod default/${pod}, container ${pod}`);
  await t.waitForText(/^\/ #\s*$/m);
  return t;
}

async function expectDashboardBack(t: TmuxSession, flash: RegExp): Promise<void> {
  await t.waitForText(flash);
  const pane = await t.paneState();
  expect(pane.alternateScreen).toBe(true);
  // Responsive: help opens and closes.
  await t.sendKeys('?');
  await t.waitForText('Pods list');
  await t.sendKeys('Escape');
  await t.waitForNoText('Keys — Esc');
  await quitRestoresTerminal(t);
}

beforeAll(requireTmux);

describe('a shell in a pod', () => {
  it('runs hostname, follows a resize, and exit gives the dashboard back', { timeout: 90_000 }, async () => {
    const t = await openShellOn('bb');
    expect((await t.sttySettings()).flags.get('icanon')).toBe(false);
    await t.sendText('hostname');
    await t.sendKeys('Enter');
    await t.waitForText(/^bb$/m);
    await t.sendText('stty size');
    await t.sendKeys('Enter');
    await t.waitForText(/^30 120$/m);
    await t.resize(100, 25);
    // SIGWINCH and the typed keys reach podscope on separate paths, so on a busy machine the first `stty size`
    // can run before the resize message is sent (a person doesn't type within milliseconds of a resize): ask
    // again until the shell sees the new size, within the deadline.
    const sizes = (screen: string): string[] => screen.match(/^\d+ \d+$/gm) ?? [];
    const deadline = Date.now() + 15_000;
    for (;;) {
      const before = sizes(await t.capture()).length;
      await t.sendText('stty size');
      await t.sendKeys('Enter');
      const seen = sizes(await t.waitForText((s) => sizes(s).length > before));
      if (seen.at(-1) === '25 100') break;
      if (Date.now() > deadline)
        throw new Error(`the shell never saw the resize: stty size said ${seen.join(', ')}`);
    }
    await t.sendText('exit 3');
    await t.sendKeys('Enter');
    await expectDashboardBack(t, /shell in bb\/bb exited with code 3/);
  });

  it('runs the --shell command instead of a shell', { timeout: 90_000 }, async () => {
    const t = await startOn('bb', ['--shell', 'sh -c "exit 7"']);
    await expectDashboardBack(t, /shell in bb\/bb exited with code 7/);
  });

  it('gives the dashboard back when the pod is deleted under the shell', { timeout: 90_000 }, async () => {
    const t = await openShellOn('bb');
    await cluster!.core.deleteNamespacedPod({ name: 'bb', namespace: 'default', gracePeriodSeconds: 0 });
    await expectDashboardBack(t, /pod bb was deleted/);
  });
});
