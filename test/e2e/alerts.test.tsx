/**
 * Issue 16 end to end against the demo cluster: the crash-looping `crasher` alerts (flash and bell), `!` selects
 * it through a filter that hid it, the containers view lists its restart with the kept lines behind `h`, and the
 * copy keys write OSC 52 to the terminal, byte for byte.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { osc52 } from '../../src/domain/osc52.js';
import { KEY, selectedRow, selectPod, startApp, type AppHarness } from '../support/appHarness.js';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const BEL = '\x07';
/** The OSC 52 writes so far, decoded. */
function copied(app: AppHarness): string[] {
  return app
    .written()
    .filter((w) => w.startsWith('\x1b]52;c;'))
    .map((w) => Buffer.from(w.slice(7, -1), 'base64').toString('utf8'));
}

describe('alerts, restart history and copy', () => {
  it('alerts on the crasher, jumps to it through a filter, lists its restart and shows the kept lines', async () => {
    h = await startApp({ namespace: 'default' });
    const app = h;
    // Hide the crasher behind a filter before it alerts.
    await selectPod(app, 'webserver');
    await app.waitForScreen(
      (x) => x.includes('crasher: CrashLoopBackOff'),
      'the alert naming the crasher',
      30_000,
    );
    // The bell rang: a write of BEL alone, between frames.
    expect(app.written()).toContain(BEL);
    await app.press('!');
    await app.waitForScreen(
      (x) =>
        (selectedRow(x) ?? '').startsWith('crasher') &&
        x.includes('filter /webserver cleared to show crasher'),
      'the crasher selected, the filter cleared',
    );
    // Its restart, seen while watching, with the previous instance's lines kept.
    await app.press(KEY.enter);
    await app.waitForScreen(
      (x) =>
        x.includes("restarts seen (1; h shows the previous instances' last lines)") &&
        /\d\d:\d\d:\d\d {2}exit 1 {2}Error {2}\(restart 1 · \d+ lines? kept\)/.test(x),
      'the restart listed in the containers view',
    );
    await app.press('h');
    const view = await app.waitForScreen(
      (x) => x.includes('Restarts of default/crasher, container crasher') && /── crasher: .*exit 1/.test(x),
      'the restarts view',
    );
    expect(view).toMatch(/── crasher: \d\d:\d\d:\d\d {2}exit 1 {2}Error/);
    // Search works there as in describe.
    await app.press('/', ...'exit', KEY.enter);
    await app.waitForScreen((x) => /\/exit: \d+\/\d+/.test(x), 'a search over the kept lines');
    // c copies the whole text.
    await app.press('c');
    await app.waitForScreen((x) => /copied the text \(\d+ bytes\)/.test(x), 'the copy flash');
    expect(copied(app).at(-1)).toMatch(/^── crasher: \d\d:\d\d:\d\d {2}exit 1 {2}Error/);
  }, 60_000);

  it('copies the pod name, its IP and the current log line as OSC 52, byte for byte', async () => {
    h = await startApp({ namespace: 'default' });
    const app = h;
    await selectPod(app, 'hello', true);
    const name = (selectedRow(app.screen()) ?? '').split(/\s+/)[0]!;
    await app.press('Y');
    await app.waitForScreen((x) => x.includes(`copied pod name (${name.length} bytes)`), 'the copy flash');
    expect(app.written()).toContain(osc52(name));
    const pod = await h.t.core.readNamespacedPod({ namespace: 'default', name });
    const ip = pod.status!.podIP!;
    await app.press('\x19'); // Ctrl-Y
    await app.waitForScreen(
      (x) => x.includes(`copied IP of ${name} (${ip.length} bytes)`),
      'the IP copy flash',
    );
    expect(app.written()).toContain(osc52(ip));
    // The logs view: the last line on screen while following.
    await app.press('l');
    await app.waitForScreen((x) => x.includes('following') || /\n.*\S.*\n/.test(x), 'the logs view');
    await app.waitForScreen(() => copiedLine(app) !== undefined, 'a log line copied', 10_000);
  }, 60_000);

  it('with --no-bell, a pod created failing flashes without ringing', async () => {
    h = await startApp({ namespace: 'default', bell: false });
    const app = h;
    // The crasher's alerts first, so that typo's comes alone (alerts in one frame flash together, naming one).
    await app.waitForScreen((x) => x.includes('crasher: CrashLoopBackOff'), 'the crasher alerting', 30_000);
    await h.t.core.createNamespacedPod({
      namespace: 'default',
      body: { metadata: { name: 'typo' }, spec: { containers: [{ name: 'web', image: 'ngnx:latest' }] } },
    });
    await app.waitForScreen((x) => x.includes('typo: ImagePullBackOff'), 'the alert naming typo', 30_000);
    expect(app.written()).not.toContain(BEL);
  }, 60_000);
});

/** Presses c in the logs view once a line is there, and returns the copied line when it is one shown. */
function copiedLine(app: AppHarness): string | undefined {
  void app.press('c');
  const line = copied(app).at(-1);
  return line !== undefined && line !== '' && app.screen().includes(line.slice(0, 40)) ? line : undefined;
}
