/**
 * The forward's data path reads into reused buffers (readBuffers.ts, directConnection.ts): against the demo over
 * real HTTPS and WebSocket, a reader that falls behind still gets every byte as sent, and the stream's own
 * connection words a refused upgrade and a certificate it cannot trust as the API requests do.
 */
import { randomBytes } from 'node:crypto';
import { request, type IncomingMessage } from 'node:http';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PortForwardRegistry } from '../../../src/kube/portForward/index.js';
import { openForwardStream } from '../../../src/kube/portForward/openStream.js';
import { readPodLiveness } from '../../../src/kube/portForward/podWatch.js';
import { ReadBuffers } from '../../../src/kube/portForward/readBuffers.js';
import { describeFailure } from '../../../src/kube/errors.js';
import { startTestCluster, type TestCluster } from '../../support/demoCluster.js';
import { waitFor } from '../../support/waitFor.js';
import { forwardIn, testRegistry, waitForPods } from './support.js';

let t: TestCluster;
let registry: PortForwardRegistry | undefined;

beforeAll(async () => {
  t = await startTestCluster();
  await waitForPods(t, 'kiada');
});
afterAll(async () => {
  await t.demo.close();
});
afterEach(async () => {
  await registry?.close();
  registry = undefined;
});

describe('ReadBuffers', () => {
  it('reads into one buffer while nothing holds it, and into another while something does', () => {
    const buffers = new ReadBuffers(16);
    const first = buffers.next();
    expect(buffers.next()).toBe(first);
    const release = buffers.hold();
    const second = buffers.next();
    expect(second).not.toBe(first);
    expect(buffers.held).toBe(1);
    release();
    release();
    expect(buffers.held).toBe(0);
    // `second` is free again; the next hold moves the reads back to the released `first`.
    buffers.hold();
    expect(buffers.next()).toBe(first);
  });
});

describe('a forward whose reader falls behind', () => {
  it('delivers every byte unchanged while its read buffers are reused (24 MiB echoed, read late)', async () => {
    registry = testRegistry(t);
    const f = await registry.start({ namespace: 'default', pod: 'kiada', remotePort: 8080 });
    const body = randomBytes(24 * 1024 * 1024);
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: f.localPort,
          method: 'POST',
          path: '/echo',
          agent: false,
          headers: { 'Content-Length': body.length },
        },
        resolve,
      );
      req.on('error', reject);
      req.end(body);
    });
    // Nothing is read until the echo backs up to the forward: the count from the pod stops moving when the
    // kernel's buffers and the forward's own queue on the local socket are full, with later reads held back.
    let last = -1;
    let still = 0;
    await waitFor(
      () => {
        const n = forwardIn(registry!, f.id)?.bytesFromPod ?? 0;
        still = n === last && n > 0 ? still + 1 : 0;
        last = n;
        return still >= 10 || undefined;
      },
      'the forward to stop taking bytes from the pod',
      20_000,
      50,
    );
    expect(last).toBeLessThan(body.length);
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    await new Promise((resolve) => res.on('end', resolve));
    const got = Buffer.concat(chunks);
    expect(got.length).toBe(body.length);
    expect(got.equals(body)).toBe(true);
  }, 30_000);
});

describe('the stream’s own connection', () => {
  it('words a refused upgrade with the server’s Status, as before', async () => {
    await expect(
      openForwardStream(t.kc, { namespace: 'default', pod: 'nope', port: 8080 }),
    ).rejects.toMatchObject({ status: 404, message: expect.stringContaining('"nope" not found') });
  });

  it('refuses a server certificate the kubeconfig does not trust, in the words of every other request', async () => {
    const untrusting = new KubeConfig();
    untrusting.loadFromString(t.demo.kubeconfig());
    const cluster = untrusting.getCurrentCluster();
    if (!cluster) throw new Error('no cluster');
    // The demo's CA swapped for a certificate that signed nothing here.
    const other = await startTestCluster();
    const otherCa = other.kc.getCurrentCluster()?.caData;
    await other.demo.close();
    untrusting.clusters = untrusting.clusters.map((c) =>
      c.name === cluster.name ? { ...c, caData: otherCa, caFile: undefined } : c,
    );
    let apiMessage = '';
    try {
      await readPodLiveness(untrusting, 'default', 'kiada', new AbortController().signal);
    } catch (e) {
      apiMessage = describeFailure(e, cluster.server).message;
    }
    expect(apiMessage).not.toBe('');
    const refused = openForwardStream(untrusting, { namespace: 'default', pod: 'kiada', port: 8080 });
    await expect(refused).rejects.toThrow(apiMessage);
  });
});
