/**
 * Port-forwards end to end: F opens the dialog pre-filled from the declared port, Enter starts the forward, the
 * list marks the pod, f lists the forward with its true state, Enter probes it over HTTP, the pod's deletion
 * flips it to failed, x stops it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { KEY, selectPod, startApp, type AppHarness } from '../support/appHarness.js';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('port-forward', () => {
  it('forwards kiada, probes it, shows it failed when the pod goes, stops it', async () => {
    h = await startApp({ namespace: 'default' });
    await selectPod(h, 'kiada', true);
    await h.press('F');
    await h.waitForScreen(
      (x) =>
        x.includes('Port-forward to default/kiada') &&
        x.includes('kiada::8080') &&
        /local port\s+\d+/.test(x),
      'the dialog pre-filled from the declared port',
    );
    await h.press(KEY.enter);
    const started = await h.waitForScreen(
      (x) => /forwarding http:\/\/127\.0\.0\.1:\d+/.test(x),
      'the forward',
    );
    const url = /forwarding (http:\/\/127\.0\.0\.1:\d+)/.exec(started)![1]!;
    await h.waitForScreen((x) => /kiada\s+⇄/.test(x), 'the PF mark on the row');
    const answer = await fetch(url);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('Kiada');

    await h.press('f');
    await h.waitForScreen(
      (x) => x.includes('Port-forwards (1)') && /default\/kiada\s+.*active/.test(x),
      'the forward listed as active',
    );
    await h.press(KEY.enter);
    await h.waitForScreen(
      (x) => /GET http:\/\/127\.0\.0\.1:\d+ → HTTP\/1\.1 200 OK/.test(x),
      'the probe answer',
    );

    await h.t.core.deleteNamespacedPod({ name: 'kiada', namespace: 'default', gracePeriodSeconds: 0 });
    await h.waitForScreen(
      (x) => /default\/kiada\s+.*failed.*kiada/.test(x),
      'the forward failed with the reason',
      3000,
    );
    await h.press('x');
    await h.waitForScreen((x) => x.includes('Port-forwards (0)'), 'the forward stopped');
    await expect(fetch(url)).rejects.toThrow();
  });

  it('G and g go to the last and the first forward of the list', async () => {
    h = await startApp({ namespace: 'default' });
    for (const pod of ['hello', 'kiada']) {
      await selectPod(h, pod, true);
      await h.press('F');
      await h.waitForScreen((x) => x.includes(`Port-forward to default/${pod}`), `the dialog for ${pod}`);
      await h.press(KEY.enter);
      await h.waitForScreen((x) => x.includes(`→ ${pod}:`), `the forward to ${pod}`);
    }
    await h.press('f');
    await h.waitForScreen((x) => x.includes('Port-forwards (2)'), 'both forwards listed');
    const selected = (): string =>
      h!
        .screen()
        .split('\n')
        .find((l) => l.startsWith('› ')) ?? '';
    const first = selected();
    const last = h
      .screen()
      .split('\n')
      .filter((l) => /^ {2}default\//.test(l))
      .at(-1)!
      .trim();
    await h.press('G');
    await h.waitForScreen(() => selected().slice(2) === last, 'the last forward selected');
    await h.press('g');
    await h.waitForScreen(() => selected() === first, 'the first forward selected again');
  });

  it('refuses a local port that is in use, before anything starts', async () => {
    h = await startApp({ namespace: 'default' });
    const { createServer } = await import('node:net');
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as { port: number }).port;
    try {
      await selectPod(h, 'hello', true);
      await h.press('F');
      await h.waitForScreen((x) => x.includes('Port-forward to default/hello'), 'the dialog');
      // Focus is on Start: go back to the local port field, clear it and type the busy one.
      await h.press(
        '\x1b[A',
        '\x1b[A',
        KEY.backspace,
        KEY.backspace,
        KEY.backspace,
        KEY.backspace,
        KEY.backspace,
      );
      await h.press(...String(port), KEY.enter);
      await h.waitForScreen(
        (x) => new RegExp(`port ${port} on 127\\.0\\.0\\.1 is in use`).test(x),
        'the refusal',
      );
      await h.press(KEY.escape);
      await h.waitForScreen((x) => !x.includes('Port-forward to'), 'the dialog closed');
      await h.press('f');
      await h.waitForScreen((x) => x.includes('Port-forwards (0)'), 'no forward started');
    } finally {
      busy.close();
    }
  });
});
