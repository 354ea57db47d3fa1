/**
 * Data through PortForwardRegistry's forwards, against the demo cluster over real HTTPS and WebSocket: bytes
 * round-trip, an HTTP GET gets the demo app's answer, concurrent connections, counters, the HTTP probe.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { get, type IncomingMessage } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { probeHttp, type PortForwardRegistry } from '../../../src/kube/portForward/index.js';
import { startTestCluster, type TestCluster } from '../../support/demoCluster.js';
import { waitFor } from '../../support/waitFor.js';
import { forwardIn, httpRequest, testRegistry, waitForPods, waitForState } from './support.js';

let t: TestCluster;
let registry: PortForwardRegistry;

beforeAll(async () => {
  t = await startTestCluster();
  await waitForPods(t, 'kiada', 'hello');
});
afterAll(async () => {
  await t.demo.close();
});
afterEach(async () => {
  await registry.close();
});

const KIADA_ANSWER = 'Kiada version 0.1. Request processed by "kiada". Client IP: ::ffff:127.0.0.1\n';

describe('a forward to a running pod', () => {
  it('is active once started and answers an HTTP GET with the demo app', async () => {
    registry = testRegistry(t);
    const f = await registry.start({
      namespace: 'default',
      pod: 'kiada',
      container: 'kiada',
      remotePort: 8080,
    });
    expect(f.state).toEqual({ kind: 'active' });
    expect(f.url).toBe(`http://127.0.0.1:${f.localPort}`);
    expect(f.localPort).toBeGreaterThan(0);
    const answer = await httpRequest(f.localPort, 'GET', '/');
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toBe(KIADA_ANSWER);
  });

  it('carries bytes both ways unchanged (1 MiB echoed)', async () => {
    registry = testRegistry(t);
    const f = await registry.start({ namespace: 'default', pod: 'kiada', remotePort: 8080 });
    const body = randomBytes(1024 * 1024);
    const answer = await httpRequest(f.localPort, 'POST', '/echo', body);
    expect(answer.status).toBe(200);
    expect(answer.body.equals(body)).toBe(true);
  });

  it('serves two concurrent connections, each with its own stream', async () => {
    registry = testRegistry(t);
    const f = await registry.start({ namespace: 'default', pod: 'hello', remotePort: 3000 });
    const a = randomBytes(300_000);
    const b = randomBytes(200_000);
    const [ea, eb, get] = await Promise.all([
      httpRequest(f.localPort, 'POST', '/echo', a),
      httpRequest(f.localPort, 'POST', '/echo', b),
      httpRequest(f.localPort, 'GET', '/'),
    ]);
    expect(ea.body.equals(a)).toBe(true);
    expect(eb.body.equals(b)).toBe(true);
    expect(get.body.toString()).toBe('Hello World\n');
  });

  it('counts open connections and bytes each way in its snapshots', async () => {
    registry = testRegistry(t);
    const f = await registry.start({ namespace: 'default', pod: 'kiada', remotePort: 8080 });
    const before = registry.getSnapshot();
    expect(forwardIn(registry, f.id)).toMatchObject({ connections: 0, bytesFromPod: 0, bytesToPod: 0 });
    // /bytes streams only as fast as it is read: an unread answer holds its connection open.
    const res = await new Promise<IncomingMessage>((resolve, reject) =>
      get({ host: '127.0.0.1', port: f.localPort, path: '/bytes?n=4000000', agent: false }, resolve).on(
        'error',
        reject,
      ),
    );
    const open = await waitFor(() => forwardIn(registry, f.id)?.connections === 1, 'one open connection');
    expect(open).toBe(true);
    res.resume();
    await once(res, 'end');
    const after = await waitFor(() => {
      const g = forwardIn(registry, f.id);
      return g && g.connections === 0 && g.bytesFromPod > 4_000_000 ? g : undefined;
    }, 'the connection to close with every byte counted');
    // The request line and headers went to the pod; the 4 MB body and its headers came back.
    expect(after.bytesToPod).toBeGreaterThan(20);
    expect(after.bytesToPod).toBeLessThan(1000);
    expect(after.bytesFromPod).toBeLessThan(4_001_000);
    expect(registry.getSnapshot()).not.toBe(before);
    expect(registry.forwardedPods()).toEqual(new Set(['default/kiada']));
  });

  it('probes the URL: the status line, headers and first bytes', async () => {
    registry = testRegistry(t);
    const f = await registry.start({ namespace: 'default', pod: 'kiada', remotePort: 8080 });
    const probe = await probeHttp(f.url);
    expect(probe.statusLine).toBe('HTTP/1.1 200 OK');
    expect(probe.firstBytes).toBe(KIADA_ANSWER);
    expect(probe.headers['content-type']).toMatch(/^text\/plain/);
    const big = await probeHttp(`${f.url}/bytes?n=1000000`, { maxBytes: 16 });
    expect(big.statusLine).toBe('HTTP/1.1 200 OK');
    expect(Buffer.from(big.firstBytes, 'latin1')).toHaveLength(16);
    await waitForState(registry, f.id, 'active');
  });

  it('says in one line why a probe got nothing', async () => {
    registry = testRegistry(t);
    const f = await registry.start({ namespace: 'default', pod: 'kiada', remotePort: 8080 });
    await registry.stop(f.id);
    await expect(probeHttp(f.url)).rejects.toThrow(
      `GET ${f.url}: connection refused (is the forward running?)`,
    );
  });
});
