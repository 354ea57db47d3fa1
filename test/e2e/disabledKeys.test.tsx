/**
 * Keys that cannot run now are marked in the hint bar and the help screen with the reason, before they are
 * pressed, and pressing one says the same thing: no pod selected (an empty namespace), a shell in a pod that has
 * finished (the demo's db-migrate Job pod, Completed). Read-only mode and denied permissions are covered by
 * restrictedUser.test.tsx and restrictedDemoUsers.test.tsx through the same controllers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { KEY, selectPod, startApp, type AppHarness } from '../support/appHarness.js';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const lastLine = (screen: string): string => screen.split('\n').at(-1)!;

describe('disabled keys say why', () => {
  it('no pod selected: an empty namespace marks the pod keys, help says why, pressing one says so', async () => {
    // An empty namespace has no row to select: don't wait for one.
    h = await startApp({ namespace: 'nothing-here', width: 320, height: 60, untilRows: false });
    await h.waitForScreen((s) => s.includes('● live') && s.includes('no pods'), 'the empty list, live');
    const bar = lastLine(h.screen());
    expect(bar).toMatch(/^q\/Ctrl-C quit {2}\? help {2}✗ no pod selected/);
    for (const key of ['d ✗describe', 'l ✗logs', 's ✗shell', 'Ctrl-D ✗delete', 'Enter ✗containers'])
      expect(bar).toContain(key);
    // Keys that need no pod are not marked.
    expect(bar).toContain('/ filter');
    expect(bar).toContain('n namespaces');

    await h.press('?');
    await h.waitForScreen((s) => s.includes('Keys — Esc'), 'help');
    const describeRow = h
      .screen()
      .split('\n')
      .find((l) => l.includes('Describe the pod'));
    expect(describeRow).toContain('✗ unavailable: no pod selected');
    await h.press(KEY.escape);
    await h.waitForScreen((s) => !s.includes('Keys — Esc'), 'help closed');

    await h.press('d');
    await h.waitForScreen(
      (s) => s.split('\n').at(-2)!.startsWith('no pod selected'),
      'the reason, when pressed',
    );
    expect(h.screen()).not.toContain('Name:');
  });

  it("a Completed pod's shell key: marked, help says why, pressing it says the same", async () => {
    h = await startApp({ namespace: 'default', width: 320, height: 60 });
    await selectPod(h, 'db-migrate');
    const s = await h.waitForScreen(
      (x) => /^›\s*db-migrate-\S+\s.*Completed/m.test(x),
      'the Job pod, Completed',
      20_000,
    );
    const pod = /db-migrate-\S+/.exec(s)![0];
    const reason = `no shell: pod ${pod} is not running (Completed)`;
    await h.waitForScreen((x) => lastLine(x).includes('s ✗shell'), 'shell marked');
    expect(lastLine(h.screen())).toMatch(
      new RegExp(`^q/Ctrl-C quit {2}\\? help {2}✗ no shell: pod ${pod} is not`),
    );
    // The other pod keys still work on a finished pod.
    expect(lastLine(h.screen())).toContain('l logs');
    expect(lastLine(h.screen())).toContain('d describe');

    await h.press('?');
    await h.waitForScreen(
      (x) => x.includes(`Open a shell in the pod (or the selected container)  ✗ unavailable: ${reason}`),
      'help saying why',
    );
    await h.press(KEY.escape);
    await h.waitForScreen((x) => !x.includes('Keys — Esc'), 'help closed');

    await h.press('s');
    await h.waitForScreen((x) => x.split('\n').at(-2)!.startsWith(reason), 'the reason, when pressed');
  });
});
