/**
 * openShell against the demo cluster over real WebSocket: the shell it picks (bash, else sh, none in
 * distroless), the terminal size before the first key and on resize, control keys reaching the remote, and each
 * way a shell ends — exit code, pod deleted under it, refused before it opened.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  runningWebApp,
  startTestCluster,
  waitForPodPhase,
  type TestCluster,
} from '../../support/demoCluster.js';
import { startShell } from './shellHelpers.js';

let t: TestCluster;
let webApp: string;

beforeAll(async () => {
  t = await startTestCluster();
  await waitForPodPhase(t, 'default', 'bb', 'Running');
  await waitForPodPhase(t, 'default', 'kiada', 'Running');
  // Every container started: the distroless one must be running for "no shell" to be the answer.
  webApp = await runningWebApp(t);
});
afterAll(async () => {
  await t.demo.close();
});

describe('openShell', () => {
  it('opens sh in a busybox pod: the hostname is the pod, exit code comes back', async () => {
    const sh = startShell(t, { namespace: 'default', pod: 'bb', container: 'bb' });
    let at = await sh.waitForOutput('/ # ');
    sh.keys.write('hostname\r');
    at = await sh.waitForOutput('bb\r\n', at);
    sh.keys.write('echo $0\r');
    await sh.waitForOutput(/\r\nsh\r\n/, at);
    sh.keys.write('exit 3\r');
    expect(await sh.ended).toEqual({ kind: 'exit', code: 3 });
  });

  it('prefers bash when the image has it', async () => {
    const sh = startShell(t, { namespace: 'default', pod: 'kiada', container: 'kiada' });
    const at = await sh.waitForOutput(/root@kiada:\/# $/);
    sh.keys.write('echo $0\r');
    await sh.waitForOutput(/\r\nbash\r\n/, at);
    sh.keys.write('exit\r');
    expect(await sh.ended).toEqual({ kind: 'exit', code: 0 });
  });

  it('says "no shell" for a distroless image', async () => {
    const sh = startShell(t, { namespace: 'frontend', pod: webApp, container: 'web-app' });
    const end = await sh.ended;
    expect(end.kind).toBe('no-shell');
    expect(end.kind === 'no-shell' && end.message).toMatch(/\/bin\/sh.*no such file or directory/);
  });

  it('runs another command when asked', async () => {
    const sh = startShell(t, { namespace: 'default', pod: 'bb', container: 'bb', command: ['hostname'] });
    expect(await sh.ended).toEqual({ kind: 'exit', code: 0 });
    expect(sh.output()).toBe('bb\r\n');
  });

  it('sends the size before the keys typed while it opened, and every resize', async () => {
    // Typed before the stream opens: a pty starts at 0x0, so "30 100" proves the size went first.
    const sh = startShell(t, { namespace: 'default', pod: 'bb', container: 'bb' }, 'stty size\r', [30, 100]);
    const at = await sh.waitForOutput('30 100\r\n');
    sh.terminal.resize(40, 120);
    sh.keys.write('stty size\r');
    await sh.waitForOutput('40 120\r\n', at);
    sh.keys.write('exit\r');
    await sh.ended;
    expect(sh.terminal.listenerCount('resize')).toBe(0);
    expect(sh.keys.listenerCount('data')).toBe(0);
  });

  it('Ctrl-C interrupts the remote command and Ctrl-D ends the shell', async () => {
    const sh = startShell(t, { namespace: 'default', pod: 'bb', container: 'bb' });
    let at = await sh.waitForOutput('/ # ');
    sh.keys.write('sleep 100\r');
    at = await sh.waitForOutput('sleep 100\r\n', at);
    sh.keys.write('\x03');
    await sh.waitForOutput('/ # ', at);
    sh.keys.write('\x04');
    expect(await sh.ended).toEqual({ kind: 'exit', code: 130 });
  });

  it('a pod deleted under the shell ends it with the reason', async () => {
    await t.core.createNamespacedPod({
      namespace: 'default',
      body: { metadata: { name: 'doomed' }, spec: { containers: [{ name: 'main', image: 'busybox' }] } },
    });
    await waitForPodPhase(t, 'default', 'doomed', 'Running');
    const sh = startShell(t, { namespace: 'default', pod: 'doomed', container: 'main' });
    await sh.waitForOutput('/ # ');
    await t.core.deleteNamespacedPod({ namespace: 'default', name: 'doomed', gracePeriodSeconds: 0 });
    expect(await sh.ended).toEqual({ kind: 'closed', reason: 'pod doomed was deleted' });
  });

  it('a refused stream says why in one line', async () => {
    const sh = startShell(t, { namespace: 'default', pod: 'bb', container: 'nope' });
    expect(await sh.ended).toEqual({
      kind: 'closed',
      reason: 'cannot open a shell: the server rejected the request: container nope is not valid for pod bb',
    });
    const gone = startShell(t, { namespace: 'default', pod: 'no-such-pod', container: 'x' });
    expect(await gone.ended).toEqual({ kind: 'closed', reason: 'pod no-such-pod not found' });
  });
});
