/**
 * Keys a new user tries in the first minutes (issue 13): every command the help lists works (`:pf`), what is
 * highlighted is what acts (the containers view opens on the container kubectl would pick), a burst of arrow keys in
 * a dialog counts every key, a key that does nothing says so, marks can be cleared all at once and the header counts
 * them. (Dialogs at 80×24 are checked on the real binary: test/tmux/dialogs.test.ts.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { KEY, markedRows, selectedRow, selectPod, startApp, type AppHarness } from '../support/appHarness.js';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The highlighted container of the containers view (its row is marked `›`: kind, then name). */
function highlighted(screen: string): string | undefined {
  return screen
    .split('\n')
    .find((l) => l.startsWith('› '))
    ?.slice(2)
    .trim()
    .split(/\s+/)[1];
}

/** The header's second line: pod counts, and how many are marked. */
function countsLine(screen: string): string {
  return screen.split('\n')[1] ?? '';
}

describe('keys', () => {
  it(':pf, listed in the help, opens the port-forwards list', async () => {
    h = await startApp({ namespace: 'default' });
    await h.press(':', 'p', 'f', KEY.enter);
    await h.waitForScreen((x) => x.includes('Port-forwards (0)'), 'the port-forwards list');
    expect(h.screen()).not.toContain('unknown command');
  });

  it('opens the containers view on the default container, and that is the one logs act on', async () => {
    h = await startApp({ namespace: 'default' });
    await selectPod(h, 'api-with-sidecar', true);
    await h.press(KEY.enter);
    const view = await h.waitForScreen(
      (x) =>
        x.includes('Containers of default/api-with-sidecar') && /log-shipper/.test(x) && /\bapi\b/.test(x),
      'the containers view with both containers',
    );
    // kubectl.kubernetes.io/default-container: api — the container `kubectl logs` would pick.
    expect(highlighted(view)).toBe('api');
    await h.press('l');
    await h.waitForScreen(
      (x) => /api-with-sidecar.*\bapi\b/.test(x) && x.includes('following'),
      'logs of api',
    );
    expect(h.screen()).not.toMatch(/api-with-sidecar.*log-shipper/);
    // Moving the cursor moves what acts: back to the view, up to log-shipper, logs of log-shipper.
    await h.press(KEY.escape);
    await h.waitForScreen((x) => highlighted(x) === 'api', 'back on api');
    await h.press(KEY.up);
    await h.waitForScreen((x) => highlighted(x) === 'log-shipper', 'log-shipper highlighted');
    await h.press('l');
    await h.waitForScreen((x) => /api-with-sidecar.*log-shipper/.test(x), 'logs of log-shipper');
  });

  it('counts every arrow key of a burst inside a dialog (key repeat, tmux send-keys Down Down)', async () => {
    h = await startApp({ namespace: 'default' });
    await selectPod(h, 'bb', true);
    await h.press('\x04'); // Ctrl-D
    await h.waitForScreen((x) => x.includes('Delete this pod?'), 'the dialog');
    // One write, as a terminal sends a key repeat: Cancel → Delete → grace period.
    await h.press(KEY.down + KEY.down);
    await h.press('7');
    await h.waitForScreen((x) => /grace period \(s\)\s+7/.test(x), 'the grace period focused and typed into');
    // Up Up Up in one write: grace → Delete → Cancel → force (wrapping); Space ticks it.
    await h.press(KEY.up + KEY.up + KEY.up, ' ');
    await h.waitForScreen((x) => /force\s+\[x\]/.test(x), 'force ticked after three Ups');
    await h.press(KEY.escape);
    await h.waitForScreen((x) => !x.includes('Delete this pod?'), 'the dialog closed');
  });

  it('routes each key of one read by the state the previous key left (Ctrl-D then ↓↓, as tmux sends them)', async () => {
    h = await startApp({ namespace: 'default' });
    await selectPod(h, 'bb', true);
    // One write: Ctrl-D opens the dialog, so both ↓ move its focus (Cancel → Delete → grace), not the list behind it.
    await h.press('\x04' + KEY.down + KEY.down);
    await h.press('7');
    await h.waitForScreen((x) => /grace period \(s\)\s+7/.test(x), 'the grace period focused and typed into');
    expect(selectedRow(h.screen())).toMatch(/^bb\s/);
    await h.press(KEY.escape);
  });

  it('says so when a key does nothing here', async () => {
    h = await startApp({ namespace: 'default' });
    await h.press('x');
    await h.waitForScreen((x) => x.includes('x: not a key here — ? for help'), 'the pods list saying so');
    await h.press(KEY.enter);
    await h.waitForScreen((x) => x.includes('Containers of default/'), 'the containers view');
    await h.press('Z');
    await h.waitForScreen(
      (x) => x.includes('Z: not a key here — ? for help'),
      'the containers view saying so',
    );
  });

  it('Ctrl-\\ clears every mark, and the header counts them', async () => {
    h = await startApp({ namespace: 'default' });
    await h.press('g', ' ', ' ');
    await h.waitForScreen((x) => markedRows(x).length === 2, 'two rows marked');
    expect(countsLine(h.screen())).toMatch(/2 marked/);
    await h.press('\x1c'); // Ctrl-\, as k9s
    await h.waitForScreen((x) => markedRows(x).length === 0, 'no mark left');
    expect(countsLine(h.screen())).not.toMatch(/marked/);
    expect(h.screen()).toContain('marks cleared (2)');
  });
});
