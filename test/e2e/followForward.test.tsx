/**
 * `:pf svc/NAME LOCAL:REMOTE` end to end (issue 16): the forward answers on the local port; deleting the pod it
 * serves from (with kubectl's default grace) leaves it answering through another pod, and the forwards list
 * shows what it follows, the pod it goes to now and the switch; bad input is one line on the flash.
 */
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY, selectedRow, startApp, type AppHarness } from '../support/appHarness.js';
import { waitFor } from '../support/waitFor.js';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function answers(url: string): Promise<boolean> {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return r.status === 200 && (await r.text()).includes('<title>web-app</title>');
  } catch {
    return false;
  }
}

/** A redis `PING` on a fresh connection to 127.0.0.1:`port`: true when it answered `+PONG`. */
function pings(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
    let reply = '';
    socket.setTimeout(2000, () => socket.destroy());
    socket.on('data', (c: Buffer) => {
      reply += c.toString();
      if (reply.endsWith('\r\n')) socket.destroy();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(reply === '+PONG\r\n'));
  });
}

async function command(app: AppHarness, line: string): Promise<void> {
  await app.press(':', ...line, KEY.enter);
}

describe(':pf TYPE/NAME', () => {
  it('follows svc/frontend through the deletion of the pod it serves from', async () => {
    h = await startApp({ namespace: 'frontend', width: 200 });
    const app = h;
    await waitFor(async () => {
      const pods = await app.t.core.listNamespacedPod({ namespace: 'frontend' });
      return (
        pods.items.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
          .length === 3
      );
    }, 'three Ready web-app pods');
    await command(app, 'pf svc/frontend 18081:8080');
    await app.waitForScreen(
      (x) => x.includes('forwarding http://127.0.0.1:18081 → frontend/svc/frontend:8080'),
      'the forward started',
    );
    expect(await answers('http://127.0.0.1:18081')).toBe(true);
    await app.press('f');
    const listed = await app.waitForScreen(
      (x) =>
        /svc\/frontend \(0 switches\)\s+frontend\/web-app-\S+\s+8081→8080.*active/.test(
          x.replace('18081→', '8081→'),
        ),
      'the forward listed with its target and pod',
    );
    const pod = /frontend\/(web-app-\S+)/.exec(listed)![1]!;
    await app.t.core.deleteNamespacedPod({ name: pod, namespace: 'frontend' });
    const t0 = Date.now();
    await waitFor(() => answers('http://127.0.0.1:18081'), 'an answer through another pod', 3000);
    expect(Date.now() - t0).toBeLessThan(3000);
    const after = await app.waitForScreen(
      (x) => /svc\/frontend \(1 switch\)\s+frontend\/web-app-\S+.*active/.test(x),
      'the switch shown',
    );
    expect(/svc\/frontend \(1 switch\)\s+frontend\/(web-app-\S+)/.exec(after)![1]).not.toBe(pod);
  }, 40_000);

  it('F on a web-app pod offers to follow its Deployment, and Space then Enter starts a forward that does', async () => {
    h = await startApp({ namespace: 'frontend', width: 200 });
    const app = h;
    await app.waitForScreen(
      (x) => /web-app-\S+\s+2\/2\s+Running/.test(selectedRow(x) ?? ''),
      'a Ready web-app pod selected',
    );
    // Two containers: the picker asks first; b is web-app (:8080).
    await app.press('F');
    await app.waitForScreen((x) => x.includes('Which container of'), 'the container picker');
    await app.press('b');
    await app.waitForScreen(
      (x) => x.includes('follow the owner') && x.includes('[ ] deploy/web-app'),
      'the option, off',
    );
    await app.press(KEY.up, ' ');
    await app.waitForScreen((x) => x.includes('[x] deploy/web-app'), 'the option on');
    await app.press(KEY.enter);
    const started = await app.waitForScreen(
      (x) => /forwarding http:\/\/127\.0\.0\.1:\d+ → frontend\/deploy\/web-app:8080/.test(x),
      'the forward to the Deployment',
    );
    const url = /forwarding (http:\/\/127\.0\.0\.1:\d+)/.exec(started)![1]!;
    await waitFor(() => answers(url), 'an answer through deploy/web-app');
    await app.press('f');
    await app.waitForScreen(
      (x) => /deploy\/web-app \(0 switches\)\s+frontend\/web-app-/.test(x),
      'listed with its target',
    );
  }, 30_000);

  it(':pf sts/redis 0:6379 forwards to a redis pod of the StatefulSet, which PINGs back', async () => {
    h = await startApp({ namespace: 'default', width: 200 });
    const app = h;
    await command(app, 'pf sts/redis 0:6379');
    const started = await app.waitForScreen(
      (x) => /forwarding http:\/\/127\.0\.0\.1:\d+ → default\/sts\/redis:6379/.test(x),
      'the forward to the StatefulSet',
    );
    const port = Number(/forwarding http:\/\/127\.0\.0\.1:(\d+)/.exec(started)![1]);
    await waitFor(() => pings(port), 'PONG through sts/redis');
    await app.press('f');
    await app.waitForScreen(
      (x) => /sts\/redis \(0 switches\)\s+default\/redis-[01]\s/.test(x),
      'listed with its target and a redis pod',
    );
  }, 30_000);

  it('says what is wrong in one line: unknown service, missing port, no selector, malformed ports', async () => {
    h = await startApp({ namespace: 'frontend', width: 200 });
    const app = h;
    const cases: [string, string][] = [
      ['pf svc/nope 8080', 'port-forward: services "nope" not found'],
      ['pf svc/frontend 9999', 'port-forward: Service frontend does not have a service port 9999'],
      [
        'pf svc/kubernetes 443 -n default',
        "port-forward: invalid service 'kubernetes': Service is defined without a selector",
      ],
      ['pf svc/frontend 80:80:80', '"80:80:80": give the ports as LOCAL:REMOTE'],
      ['pf svc/frontend', 'usage: :pf TYPE/NAME [LOCAL:]REMOTE'],
    ];
    for (const [line, text] of cases) {
      await command(app, line);
      await app.waitForScreen((x) => x.includes(text), `"${text}" for :${line}`);
    }
    await app.press('f');
    await app.waitForScreen((x) => x.includes('Port-forwards (0)'), 'nothing started');
  }, 30_000);

  it('--readonly refuses :pf TYPE/NAME with the reason, as it refuses F', async () => {
    h = await startApp({ namespace: 'frontend', width: 200, readonly: true });
    const app = h;
    await command(app, 'pf svc/frontend 18080:8080');
    await app.waitForScreen((x) => /read-only: cannot port-forward/.test(x), 'the read-only reason');
    await app.press('f');
    await app.waitForScreen((x) => x.includes('Port-forwards (0)'), 'nothing started');
  }, 30_000);
});
