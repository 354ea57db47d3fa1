/**
 * The inside view from the real binary in a real terminal (tmux), on a demo cluster served from this test: `i` on
 * bb shows its pod IP, the nameserver of the resolv.conf read inside it, and its token mount; `r` reads again;
 * `:inside` opens the same view from the command line and refuses where there is no pod. Started with
 * --readonly: reading files changes nothing, so it is allowed there.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { waitForPodPhase } from '../support/demoCluster.js';
import { demoDashboards } from '../support/demoDashboard.js';
import { requireTmux } from '../support/tmux.js';

const startDashboard = demoDashboards();

beforeAll(requireTmux);

describe('the inside view', () => {
  it(
    'i on bb shows its IP, resolv.conf’s nameserver and the token mount; r reads again',
    { timeout: 90_000 },
    async () => {
      const { cluster, session: t } = await startDashboard({
        cols: 140,
        rows: 60,
        args: ['-n', 'default', '--readonly'],
        prepare: (c) => waitForPodPhase(c, 'default', 'bb', 'Running'),
      });
      const ip = (await cluster.core.readNamespacedPod({ name: 'bb', namespace: 'default' })).status!.podIP!;
      await t.sendText('/bb');
      await t.sendKeys('Enter');
      await t.waitForText(/›\s+bb\s.*Running/);
      await t.sendKeys('i');
      await t.waitForText('Inside default/bb');
      await t.waitForText(new RegExp(`Pod IPs: +${ip.replace(/\./g, '\\.')}$`, 'm'));
      const screen = await t.waitForText(/^ {4}nameserver 10\.96\.0\.10$/m);
      expect(screen).toMatch(
        /\/etc\/resolv\.conf {2}\(through exec: from container bb, read at \d\d:\d\d:\d\d; r reads again\)/,
      );
      expect(screen).toMatch(/Token volume: +kube-api-access-\w+ \(projected, defaultMode 0644\)/);
      expect(screen).toContain('bb at /var/run/secrets/kubernetes.io/serviceaccount (ro)');
      await t.sendKeys('r');
      await t.waitForText('reading the files again');
      await t.waitForText(/^ {4}nameserver 10\.96\.0\.10$/m);
      await t.sendKeys('G');
      await t.waitForText(/Expires \(exp\): +\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(in 36\dd\)/);
      await t.sendKeys('Escape');
      await t.waitForText(/›\s+bb\s.*Running/);
    },
  );

  it(':inside opens it from the command line, and says where it cannot', { timeout: 90_000 }, async () => {
    const { session: t } = await startDashboard({
      cols: 140,
      rows: 40,
      args: ['-n', 'default'],
      prepare: (c) => waitForPodPhase(c, 'default', 'bb', 'Running'),
    });
    await t.sendText('/bb');
    await t.sendKeys('Enter');
    await t.waitForText(/›\s+bb\s.*Running/);
    await t.sendKeys('d');
    await t.waitForText('Describe default/bb');
    await t.sendText(':inside');
    await t.sendKeys('Enter');
    await t.waitForText(':inside needs a pod: the pods list or a pod’s containers view');
    await t.sendKeys('Escape');
    // Back on the list before typing: an Escape followed at once by ':' reads as Alt+: in a terminal.
    await t.waitForNoText('Describe default/bb');
    await t.sendText(':inside');
    await t.sendKeys('Enter');
    await t.waitForText('Inside default/bb');
    await t.waitForText('DNS and names');
  });
});
