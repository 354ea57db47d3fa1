/**
 * client-node 2.0.1's own PortForward against servePortForward (on the plain `ws` harness; the lead's HTTPS
 * server gets its own end-to-end tests): one WebSocket per local TCP connection, data on channel 0 with the port
 * prefix stripped, error text on channel 1.
 */
import { once } from 'node:events';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { PassThrough } from 'node:stream';
import { KubeConfig, PortForward } from '@kubernetes/client-node';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { connectionRefusedMessage, podSandbox } from '../../../src/demo/portforward/index.js';
import { httpGet, POD, startHarness, type Harness } from './harness.js';

let h: Harness;
let local: Server | undefined;

beforeEach(async () => {
  h = await startHarness();
});

afterEach(async () => {
  local?.close();
  local = undefined;
  await h.close();
});

function kubeConfig(): KubeConfig {
  const server = new URL(h.url([1])).host;
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'demo', server: `http://${server}`, skipTLSVerify: true }],
    users: [{ name: 'demo', token: 'demo-token' }],
    contexts: [{ name: 'demo', cluster: 'demo', user: 'demo', namespace: 'default' }],
    currentContext: 'demo',
  });
  return kc;
}

/** A local listener that forwards each connection with client-node, as the dashboard would. */
async function forward(port: number, errors: PassThrough): Promise<number> {
  const pf = new PortForward(kubeConfig());
  local = createServer((socket) => {
    void pf
      .portForward(POD.namespace, POD.name, [port], socket, errors, socket)
      .then((ws) => {
        // client-node never ends the local socket itself (REFERENCE §4): do it when the WebSocket closes.
        const closable = ws as { on?: (event: string, cb: () => void) => void };
        closable.on?.('close', () => socket.end());
      })
      .catch(() => socket.destroy());
  });
  local.listen(0, '127.0.0.1');
  await once(local, 'listening');
  return (local.address() as AddressInfo).port;
}

it('answers HTTP through client-node PortForward', async () => {
  const errors = new PassThrough();
  const port = await forward(8080, errors);
  const first = await httpGet(port, '/');
  expect(first).toEqual({
    status: 200,
    body: 'Kiada version 0.1. Request processed by "kiada". Client IP: ::ffff:127.0.0.1\n',
  });
  const second = await httpGet(port, '/nope');
  expect(second).toEqual({ status: 404, body: '/nope not found' });
  expect(errors.read()).toBeNull();
});

it("hands the refused text to client-node's error stream", async () => {
  const errors = new PassThrough();
  let text = '';
  errors.on('data', (d: Buffer) => (text += d.toString()));
  const port = await forward(9999, errors);
  await expect(httpGet(port, '/')).rejects.toThrow();
  const deadline = Date.now() + 2000;
  while (!text.endsWith('connection refused ') && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 5));
  expect(text).toBe(connectionRefusedMessage(9999, podSandbox(POD)));
});
