/**
 * Dialogs on the real binary in an 80×24 terminal (tmux), against a demo cluster served from this test: the debug
 * container offer keeps its whole text (it was cut at the edge) and starts on Cancel, so Enter alone adds nothing to
 * the pod; and `tmux send-keys Down Down` — two keys in one read — moves the delete dialog's focus twice.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { waitForPodPhase, type TestCluster } from '../support/demoCluster.js';
import { demoDashboards } from '../support/demoDashboard.js';
import { requireTmux, type TmuxSession } from '../support/tmux.js';

const startDashboard = demoDashboards();
let cluster: TestCluster | undefined;

beforeAll(() => requireTmux());

/** The text inside the dialog's box (rows between `│ … │`), its lines joined by spaces. */
function boxText(screen: string): string {
  return screen
    .split('\n')
    .filter((l) => l.startsWith('│'))
    .map((l) => l.slice(1).replace(/│\s*$/, '').trim())
    .join(' ');
}

async function start(namespace: string, pod: string): Promise<TmuxSession> {
  const started = await startDashboard({ cols: 80, rows: 24, args: ['-n', namespace] });
  cluster = started.cluster;
  const t = started.session;
  await t.sendText(`/${pod}`);
  await t.sendKeys('Enter');
  await t.waitForText(new RegExp(`›\\s+${pod}\\S*\\s.*Running`));
  return t;
}

describe('dialogs at 80×24', () => {
  it('offers a debug container in full, starting on Cancel: Enter alone adds nothing', async () => {
    const t = await start('frontend', 'web-app');
    const row = (await t.capture()).split('\n').find((l) => l.startsWith('›'))!;
    // At 80 columns a long name is shortened in the middle (web-app-7d…-jq6bj): the API has it whole.
    const shown = row.slice(1).trim().split(/\s+/)[0]!;
    const [head, tail] = shown.split('…');
    const names = (await cluster!.core.listNamespacedPod({ namespace: 'frontend' })).items.map(
      (p) => p.metadata!.name!,
    );
    const pod = names.find((n) =>
      tail === undefined ? n === shown : n.startsWith(head!) && n.endsWith(tail),
    )!;
    await waitForPodPhase(cluster!, 'frontend', pod, 'Running');
    // The containers view opens on nginx (the first container: kubectl's default); web-app is distroless.
    await t.sendKeys('Enter');
    await t.waitForText(/›\s+\S+\s+nginx\s/);
    await t.sendKeys('Down');
    await t.waitForText(/›\s+\S+\s+web-app\s/);
    await t.sendKeys('s');
    const screen = await t.waitForText('has no shell', 30_000);
    const text = boxText(screen);
    expect(text).toContain(`web-app in ${pod} has no shell (a distroless image?)`);
    expect(text).toContain(
      "Add an ephemeral debug container (busybox) sharing web-app's processes, and open its shell?",
    );
    expect(text).toContain(
      'As kubectl debug -it --target does: it stays in the pod until the pod is deleted.',
    );
    for (const line of screen.split('\n').filter((l) => l.startsWith('│')))
      expect(line.trimEnd()).toMatch(/│$/);
    await t.sendKeys('Enter');
    // The dialog closes and the flash line says nothing is being added (Add would say so in the same frame).
    const closed = await t.waitForNoText('has no shell');
    expect(closed).not.toContain('adding a debug container');
    expect(closed).toMatch(/›\s+\S+\s+web-app\s/);
    const after = await cluster!.core.readNamespacedPod({ name: pod, namespace: 'frontend' });
    expect(after.spec?.ephemeralContainers ?? []).toEqual([]);
  });

  it('counts both keys of `send-keys Down Down` in the delete dialog', async () => {
    const t = await start('default', 'bb');
    await t.sendKeys('C-d');
    await t.waitForText('Delete this pod?');
    // One tmux command: both escape sequences reach podscope in one read. Cancel → Delete → grace period.
    await t.sendKeys('Down', 'Down');
    await t.sendText('7');
    await t.waitForText(/grace period \(s\)\s+7/);
    await t.sendKeys('Escape');
    await t.waitForNoText('Delete this pod?');
  });
});
