/**
 * A restricted user on the demo cluster, end to end through the app. The demo's `forbidden` option denies a
 * resource everywhere, as RBAC does for a user with no role on it; with it: all namespaces when pods are
 * forbidden (one line, no retry loop), the namespace picker and events forbidden (one line each), and read-only
 * mode marking keys through the same disabled-reason data a denied permission uses. Namespace-scoped users (the
 * viewer and editor of issue 12) run the scenarios of test/support/restrictedScenarios.ts on the real control
 * plane (test/real/restrictedUser.test.tsx); the demo runs them too once it has its viewer/editor contexts.
 */
import { stripVTControlCharacters } from 'node:util';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import { makeSession } from '../../src/ui/session.js';
import { KEY, selectPod, startApp, type AppHarness } from '../support/appHarness.js';
import { startTestCluster, type TestCluster } from '../support/demoCluster.js';
import { waitFor } from '../support/waitFor.js';

let h: AppHarness | undefined;
let t: TestCluster | undefined;
let unmount: (() => void) | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  unmount?.();
  unmount = undefined;
  await t?.demo.close();
  t = undefined;
});

describe('all namespaces when pods are forbidden', () => {
  it('says so in one line, names the namespaces it tried, and does not retry', async () => {
    t = await startTestCluster({ forbidden: ['pods'] });
    // The harness's renderApp waits for rows; here there are none to wait for.
    const app = render(
      <App session={makeSession(t.kc)} namespace={undefined} labelSelector={undefined} readonly={false} />,
    );
    unmount = () => app.unmount();
    Object.defineProperty(app.stdout, 'columns', { value: 300, configurable: true });
    Object.defineProperty(app.stdout, 'rows', { value: 30, configurable: true });
    app.stdout.emit('resize');
    const screen = () => stripVTControlCharacters(app.lastFrame() ?? '');
    const s = await waitFor(
      () =>
        screen().includes('cannot list pods at the cluster scope (forbidden), nor in') ? screen() : undefined,
      'the line',
    );
    const line = s.split('\n').find((l) => l.startsWith('cannot list pods'))!;
    expect(line).toMatch(/nor in default, .*frontend.*: pick a namespace with n or :ns NAME/);
    // The header says it is an error, not a reconnect.
    expect(s.split('\n')[0]).toContain('✖ cannot list pods at the cluster scope');
    expect(s).not.toContain('reconnecting');
    expect(s).not.toContain('loading…');
    // metrics.k8s.io answers 403 too (its resource is pods): the header says so rather than empty columns.
    await waitFor(
      () => /\(no metrics: [^)]*forbidden: User/.test(screen().split('\n')[0]!),
      'the metrics 403 in the header',
    );
  });
});

describe('a 403 is one line', () => {
  it('the namespace picker, in the server words', async () => {
    h = await startApp({ namespace: 'default', forbidden: ['namespaces'], width: 200 });
    await h.press('n');
    await h.waitForScreen(
      (s) =>
        /cannot list namespaces: namespaces is forbidden: User "[^"]+" cannot list resource "namespaces" in API group "" at the cluster scope/.test(
          s,
        ),
      'the 403 in one line',
    );
  });

  it('describe and the containers view with events forbidden: the pod, and one line about the events', async () => {
    h = await startApp({ namespace: 'default', forbidden: ['events'] });
    await selectPod(h, 'webserver');
    await h.press('d');
    await h.waitForScreen((s) => s.includes('ImagePullBackOff') && s.includes('Esc back'), 'describe');
    await h.press('G');
    await h.waitForScreen(
      (s) => s.includes('<cannot list events: events is forbidden: User'),
      'the note where the events would be',
    );
    await h.press(KEY.escape);
    await h.waitForScreen((s) => !s.includes('Esc back'), 'back to the list');
    await h.press(KEY.enter);
    await h.waitForScreen(
      (s) => s.includes('events are forbidden to you (RBAC): no reasons shown'),
      'the containers view with the note',
    );
  });
});

describe('unavailable keys (the disabled-reason data)', () => {
  it('--readonly: marked in the hint bar and help with the reason, refused with it when pressed', async () => {
    // Wide enough for the whole hint bar (at 140 columns it is cut before the pod keys: the reason is not).
    // Tall enough for help to show the pod keys.
    h = await startApp({ namespace: 'default', readonly: true, width: 320, height: 60 });
    const hintBar = () => h!.screen().split('\n').at(-1)!;
    // Right after quit and help, so a narrow terminal still shows it; the keys themselves are marked ✗.
    expect(hintBar()).toMatch(
      /^q\/Ctrl-C quit {2}\? help {2}read-only: nothing in the cluster can be changed/,
    );
    expect(hintBar()).toContain('s ✗shell');
    expect(hintBar()).toContain('Ctrl-D ✗delete');
    expect(hintBar()).toContain('l logs');
    await h.press('?');
    await h.waitForScreen(
      (s) => s.includes('✗ unavailable: read-only: cannot open a shell (started with --readonly)'),
      'help saying why',
    );
    await h.press(KEY.escape);
    await h.waitForScreen((s) => !s.includes('Keys — Esc'), 'help closed');
    await h.press('F');
    await h.waitForScreen(
      (s) => s.includes('read-only: cannot port-forward (started with --readonly)'),
      'refused',
    );
    expect(h.screen()).not.toContain('Forward a port');
  });
});
