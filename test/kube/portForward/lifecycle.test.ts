/**
 * The truth of PortForwardRegistry's forwards against the demo cluster: refusals before anything starts, ports
 * nobody declared, a pod killed under a forward, a stream cut while the pod lives, stop and stopAll.
 */
import { once } from 'node:events';
import { get, type IncomingMessage } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { declaredPorts } from '../../../src/domain/declaredPorts.js';
import type { Pod } from '../../../src/domain/wire.js';
import { localPortProblem, PortForwardRegistry } from '../../../src/kube/portForward/index.js';
import { startTestCluster, waitForPodPhase, type TestCluster } from '../../support/demoCluster.js';
import { waitFor } from '../../support/waitFor.js';
import { kubeConfigWith } from '../support/podStoreHelpers.js';
import { startTcpProxy } from '../support/tcpProxy.js';
import { forwardIn, httpRequest, testRegistry, tryConnect, waitForPods, waitForState } from './support.js';

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

/** A GET whose answer (a large /bytes body) is not read, so its connection stays open. */
function holdConnection(port: number): Promise<IncomingMessage> {
  return new Promise((resolve, reject) =>
    get({ host: '127.0.0.1', port, path: '/bytes?n=100000000', agent: false }, resolve).on('error', reject),
  );
}

describe('refusals before anything starts', () => {
  it('refuses a local port in use, naming who holds it, and lists nothing', async () => {
    registry = testRegistry(t);
    const other = createServer().listen(0, '127.0.0.1');
    await once(other, 'listening');
    const busy = (other.address() as AddressInfo).port;
    try {
      const message = `port ${busy} on 127.0.0.1 is in use (by another program)`;
      await expect(
        registry.start({ namespace: 'default', pod: 'kiada', remotePort: 8080, localPort: busy }),
      ).rejects.toThrow(message);
      expect(registry.getSnapshot().forwards).toEqual([]);

      const mine = await registry.start({ namespace: 'default', pod: 'kiada', remotePort: 8080 });
      const ours = `port ${mine.localPort} on 127.0.0.1 is in use (by the forward to default/kiada:8080)`;
      await expect(
        registry.start({ namespace: 'default', pod: 'hello', remotePort: 3000, localPort: mine.localPort }),
      ).rejects.toThrow(ours);
      expect(registry.getSnapshot().forwards.map((f) => f.id)).toEqual([mine.id]);
    } finally {
      other.close();
    }
  });

  it('refuses a pod that does not run or does not exist, and frees the port again', async () => {
    registry = testRegistry(t);
    const free = createServer().listen(0, '127.0.0.1');
    await once(free, 'listening');
    const port = (free.address() as AddressInfo).port;
    free.close();
    await waitForPodPhase(t, 'default', 'webserver', 'Pending');
    await expect(
      registry.start({ namespace: 'default', pod: 'webserver', remotePort: 80, localPort: port }),
    ).rejects.toThrow('pod webserver is not running (phase Pending)');
    await expect(
      registry.start({ namespace: 'default', pod: 'nope', remotePort: 80, localPort: port }),
    ).rejects.toThrow('pod "nope" not found in namespace "default"');
    expect(await localPortProblem('127.0.0.1', port)).toBeUndefined();
    expect(registry.getSnapshot().forwards).toEqual([]);
  });
});

describe('ports', () => {
  it('forwards a port no container declares', async () => {
    registry = testRegistry(t);
    await t.core.createNamespacedPod({
      namespace: 'default',
      body: {
        metadata: { name: 'undeclared' },
        spec: { containers: [{ name: 'app', image: 'luksa/kiada:0.1' }] },
      },
    });
    await waitForPodPhase(t, 'default', 'undeclared', 'Running');
    const pod = (await t.core.readNamespacedPod({ name: 'undeclared', namespace: 'default' })) as Pod;
    expect(declaredPorts(pod)).toEqual([]);
    const f = await registry.start({ namespace: 'default', pod: 'undeclared', remotePort: 8080 });
    expect(f.state.kind).toBe('active');
    const answer = await httpRequest(f.localPort, 'GET', '/');
    expect(answer.body.toString()).toContain('Request processed by "undeclared"');
  });

  it('lists a port nothing listens on as failed with the runtime’s reason, retrying', async () => {
    registry = testRegistry(t);
    const f = await registry.start({ namespace: 'default', pod: 'kiada', remotePort: 9999 });
    expect(f.state.kind).toBe('failed');
    if (f.state.kind !== 'failed') return;
    expect(f.state.reason).toMatch(
      /^error forwarding port 9999 to pod [0-9a-f]{64}, uid : .*connection refused/,
    );
    expect(f.state.retryAt).toBeGreaterThan(Date.now() - 1000);
    // It keeps checking: a later check fails again and sets a later retry. (The "reconnecting" state between
    // the two lasts only as long as the refused check, often less than a snapshot's flush: waiting for it raced.)
    const first = f.state.retryAt ?? 0;
    await waitFor(() => {
      const s = forwardIn(registry, f.id)?.state;
      return s?.kind === 'failed' && s.retryAt !== undefined && s.retryAt > first;
    }, 'a second check');
  });
});

describe('the pod and the stream', () => {
  it('flips to failed within a second when the pod is killed, and closes its connections', async () => {
    registry = testRegistry(t);
    const f = await registry.start({ namespace: 'default', pod: 'hello', remotePort: 3000 });
    const res = await holdConnection(f.localPort);
    await waitFor(() => forwardIn(registry, f.id)?.connections === 1, 'the held connection');
    const killed = Date.now();
    await t.core.deleteNamespacedPod({ name: 'hello', namespace: 'default' });
    const failed = await waitForState(registry, f.id, 'failed', 1000);
    expect(Date.now() - killed).toBeLessThan(1000);
    expect(failed.state).toEqual({ kind: 'failed', reason: 'pod hello is terminating' });
    // The held answer ends there, short of its 100 MB.
    const aborted = once(res, 'error');
    res.resume();
    expect(String(await aborted)).toBe('Error: aborted');
    expect(res.complete).toBe(false);
    await waitFor(() => forwardIn(registry, f.id)?.connections === 0, 'no connections');
    // New connections are not accepted while the pod is down.
    await expect(httpRequest(f.localPort, 'GET', '/')).rejects.toThrow();
    expect(forwardIn(registry, f.id)?.state.kind).toBe('failed');
  });

  it('says the pod was deleted when it is gone at once', async () => {
    registry = testRegistry(t);
    await waitForPodPhase(t, 'default', 'undeclared', 'Running');
    const f = await registry.start({ namespace: 'default', pod: 'undeclared', remotePort: 8080 });
    await t.core.deleteNamespacedPod({ name: 'undeclared', namespace: 'default', gracePeriodSeconds: 0 });
    const failed = await waitForState(registry, f.id, 'failed', 1000);
    expect(failed.state).toEqual({ kind: 'failed', reason: 'pod undeclared was deleted' });
  });

  it('reconnects on its own after the stream is cut while the pod lives', async () => {
    const proxy = await startTcpProxy(t.demo.port);
    registry = new PortForwardRegistry(kubeConfigWith(t.demo, { server: proxy.url }), { flushMs: 10 });
    try {
      const f = await registry.start({ namespace: 'default', pod: 'kiada', remotePort: 8080 });
      await holdConnection(f.localPort);
      await waitFor(() => forwardIn(registry, f.id)?.connections === 1, 'the held connection');
      await proxy.cut();
      const down = await waitForState(registry, f.id, 'failed');
      expect(down.state).toMatchObject({
        reason: expect.stringContaining('cannot reach the Kubernetes API server'),
      });
      expect(down.connections).toBe(0);
      await proxy.restore();
      await waitForState(registry, f.id, 'active', 10_000);
      const answer = await httpRequest(f.localPort, 'GET', '/');
      expect(answer.body.toString()).toContain('Kiada version 0.1.');
    } finally {
      await proxy.close();
    }
  });
});

describe('stopping', () => {
  it('stop frees one port; stopAll closes every listener', async () => {
    registry = testRegistry(t);
    const a = await registry.start({ namespace: 'default', pod: 'kiada', remotePort: 8080 });
    const b = await registry.start({ namespace: 'default', pod: 'kiada', remotePort: 8080 });
    await waitFor(() => registry.getSnapshot().forwards.length === 2, 'two forwards listed');
    expect(registry.forwardedPods()).toEqual(new Set(['default/kiada']));
    expect(await registry.stop(a.id)).toBe(true);
    expect(await tryConnect(a.localPort)).toBe('ECONNREFUSED');
    expect(await tryConnect(b.localPort)).toBe('connected');
    await registry.stopAll();
    expect(await tryConnect(b.localPort)).toBe('ECONNREFUSED');
    expect(await localPortProblem('127.0.0.1', b.localPort)).toBeUndefined();
    await waitFor(() => registry.getSnapshot().forwards.length === 0, 'an empty list');
    expect(registry.forwardedPods().size).toBe(0);
    expect(await registry.stop(a.id)).toBe(false);
  });
});
