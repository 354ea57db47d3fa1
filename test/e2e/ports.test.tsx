/**
 * The ports check in the whole app, driven by keys against the demo: under --readonly it still runs (it reads,
 * it changes nothing) while the debug container it would offer is refused with the reason; `:ports` with no pod
 * says so. (A refused exec, in the server's words: test/kube/shell/readListeners.test.ts.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { KEY, selectPod, startApp, type AppHarness } from '../support/appHarness.js';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const lastLine = (screen: string): string => screen.split('\n').at(-1)!;
const flashLine = (screen: string): string => screen.split('\n').at(-2)!;

describe('ports check', () => {
  it('--readonly: P reads and shows the verdicts; D, which would add a container, is refused with the reason', async () => {
    h = await startApp({ namespace: 'default', width: 200, height: 40, readonly: true });
    await selectPod(h, 'localhost-app', true);
    await h.press('P');
    await h.waitForScreen(
      (s) => s.includes('loopback only: unreachable through the pod IP'),
      'the verdicts',
      20_000,
    );
    expect(h.screen()).toMatch(/^8080\s+TCP\s+app \(http\)\s+—\s+declared but not listening/m);
    await h.press('D');
    await h.waitForScreen(
      (s) => flashLine(s).startsWith('read-only: cannot add a debug container (started with --readonly)'),
      'the read-only reason',
    );
    expect(h.screen()).not.toContain('the ports from it?');
  });

  it(':ports on an empty namespace says there is no pod', async () => {
    h = await startApp({ namespace: 'nothing-here', width: 200, height: 40, untilRows: false });
    await h.waitForScreen((s) => s.includes('● live') && s.includes('no pods'), 'the empty list, live');
    await h.press(':', ...'ports', KEY.enter);
    await h.waitForScreen((s) => flashLine(s).startsWith('no pod selected'), 'no pod selected');
    expect(lastLine(h.screen())).not.toContain('Ports');
  });
});
