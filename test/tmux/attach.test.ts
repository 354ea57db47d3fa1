/**
 * Attach (issue 16) on the real binary in tmux against the demo cluster: `a` on a log-only container hands the
 * terminal over with a banner, streams its main process's output as it is written (what kubectl attach shows),
 * Ctrl-C detaches (the process takes no input), the dashboard comes back live, and q leaves the terminal cooked
 * with the cursor shown. kubectl attaches to the same container over the demo's attach, as the referee.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { demoDashboards } from '../support/demoDashboard.js';
import { Kubectl, requireKubectl } from '../support/kubectl.js';
import { requireTmux } from '../support/tmux.js';

const startDashboard = demoDashboards();
beforeAll(async () => {
  requireTmux();
  await requireKubectl();
});

describe('attach in tmux', () => {
  it('a attaches to hello, shows its output live, Ctrl-C detaches, the terminal comes back', async () => {
    const { session: t, cluster } = await startDashboard({ cols: 140, rows: 30, args: ['-n', 'default'] });
    // A server-side selector, so the list holds hello alone: the crasher's alert flash (it enters CrashLoopBackOff
    // while this runs) would otherwise replace the detach notice this test reads.
    await t.sendText('/-l run=hello');
    await t.sendKeys('Enter');
    await t.waitForText(/›\s+hello\s.*Running/);
    await t.sendText('a');
    const banner = await t.waitForText('podscope: attached to the main process of pod default/hello');
    // The banner wraps at 140 columns (mid-word): its rows are joined back.
    expect(
      banner
        .split('\n')
        .map((l) => l.trimEnd())
        .join(''),
    ).toContain(
      'container hello (container hello did not allocate a TTY) (output only: Ctrl-C or Ctrl-P Ctrl-Q detaches)',
    );
    expect(await t.paneState()).toMatchObject({ alternateScreen: false, cursorVisible: true });
    // hello's server logs each request it gets: lines arrive while attached.
    const attached = await t.waitForText(/Received request req-\d+/, 20_000);
    const first = /Received request (req-\d+)/.exec(attached)![1]!;
    // The same lines kubectl logs has (attach shows what the process writes from now on).
    const logs = await new Kubectl(cluster.demo).run(['logs', 'hello', '-n', 'default']);
    expect(logs.stdout).toContain(`Received request ${first} `);
    await t.sendKeys('C-c');
    await t.waitForText('detached from hello/hello (its main process goes on)');
    expect(await t.paneState()).toMatchObject({ alternateScreen: true });
    await t.sendText('q');
    await t.waitForExit();
    expect((await t.sttySettings()).cooked).toBe(true);
    expect(await t.paneState()).toMatchObject({ alternateScreen: false, cursorVisible: true });
  }, 90_000);

  it('kubectl attach reads the same stream from the demo and ends when the crasher exits', async () => {
    const { cluster } = await startDashboard({ cols: 100, rows: 24, args: ['-n', 'default'] });
    const kubectl = new Kubectl(cluster.demo);
    // The crasher runs 4 s, then exits 1: its attach ends by itself, exit 0, with the lines it wrote meanwhile.
    // Attach needs the container running; the crasher spends its back-off waiting, when kubectl is refused (as
    // from a real server), so it tries again until a run takes it, within a deadline.
    const deadline = Date.now() + 40_000;
    let r = await kubectl.run(['attach', 'crasher', '-n', 'default']);
    while (r.code !== 0 && Date.now() < deadline)
      r = await kubectl.run(['attach', 'crasher', '-n', 'default']);
    expect(r.stderr.trim().split('\n').at(-1)).not.toMatch(/^error/);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("If you don't see a command prompt, try pressing enter.");
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    // Each line is one the crasher's run wrote: the run just ended (current) or, restarted since, the previous.
    const current = await kubectl.run(['logs', 'crasher', '-n', 'default']);
    const previous = await kubectl.run(['logs', 'crasher', '-n', 'default', '--previous']);
    for (const line of lines) expect(current.stdout + previous.stdout).toContain(line);
    const refused = await kubectl.run(['attach', 'webserver', '-n', 'default']);
    expect(refused.stderr).toContain('unable to upgrade connection: container not found ("webserver")');
  }, 90_000);
});
