/**
 * The dashboard's registry runs a pod's forward in a worker thread (issue 17), against the demo cluster over real
 * HTTPS/WebSocket: the listener is not on this thread, the bytes still count here, and a forward that follows a
 * Service (which stays on this thread) is listed beside it, each naming the other when it holds a wanted port.
 * The rest of the forward's truth (refusals, a pod killed or deleted, a cut stream, stop) is lifecycle.test.ts and
 * forwarding.test.ts, which run against this same registry.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseFollowSpec } from '../../../src/domain/followForward.js';
import {
  InThreadPortForwardRegistry,
  PortForwardRegistry,
  resolveFollowTarget,
} from '../../../src/kube/portForward/index.js';
import { runningWebApp, startTestCluster, type TestCluster } from '../../support/demoCluster.js';
import { waitFor } from '../../support/waitFor.js';
import { forwardIn, httpRequest, tryConnect, waitForPods, waitForState } from './support.js';

let t: TestCluster;
let registry: PortForwardRegistry;

beforeAll(async () => {
  t = await startTestCluster();
  await waitForPods(t, 'kiada');
  await runningWebApp(t);
}, 30_000);
afterAll(async () => {
  await t.demo.close();
});
afterEach(async () => {
  await registry.close();
});

/** Listening sockets of this thread's event loop (a worker's are its own). */
function listenersHere(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;
}

describe('a forward in the worker thread', () => {
  it('listens off this thread; what it moves is counted and published here', async () => {
    // The measure: a forward on this thread adds a listener to it.
    const inThread = new InThreadPortForwardRegistry(t.kc, { flushMs: 10 });
    const before = listenersHere();
    try {
      await inThread.start({ namespace: 'default', pod: 'kiada', remotePort: 8080 });
      expect(listenersHere()).toBe(before + 1);
    } finally {
      await inThread.close();
    }

    registry = new PortForwardRegistry(t.kc, { flushMs: 10 });
    const f = await registry.start({ namespace: 'default', pod: 'kiada', remotePort: 8080 });
    expect(listenersHere()).toBe(before);
    expect(f.state.kind).toBe('active');

    const body = randomBytes(300_000);
    const echoed = await httpRequest(f.localPort, 'POST', '/echo', body);
    expect(echoed.body.equals(body)).toBe(true);
    const got = await httpRequest(f.localPort, 'GET', '/bytes?n=1000000');
    expect(got.body.length).toBe(1_000_000);
    const counted = await waitFor(() => {
      const now = forwardIn(registry, f.id);
      return now && now.connections === 0 && now.bytesFromPod >= 1_300_000 ? now : undefined;
    }, 'the bytes and the closed connections published');
    expect(counted.bytesToPod).toBeGreaterThanOrEqual(300_000);
    expect(counted.bytesFromPod).toBeGreaterThanOrEqual(1_300_000);
    expect(registry.forwardedPods()).toEqual(new Set(['default/kiada']));

    // Stopped from here: its port is free when stop resolves, and the list is empty again.
    expect(await registry.stop(f.id)).toBe(true);
    await waitFor(() => registry.getSnapshot().forwards.length === 0, 'the forward gone from the list');
    const again = await registry.start({
      namespace: 'default',
      pod: 'kiada',
      remotePort: 8080,
      localPort: f.localPort,
    });
    expect(again.localPort).toBe(f.localPort);
  });

  it('stopAll right after a start frees its port, before any snapshot lists it', async () => {
    // Snapshots at most every 5 s: the second forward is not listed yet when stopAll runs.
    registry = new PortForwardRegistry(t.kc, { flushMs: 5000 });
    await registry.start({ namespace: 'default', pod: 'kiada', remotePort: 8080 });
    const second = await registry.start({ namespace: 'default', pod: 'kiada', remotePort: 8080 });
    await registry.stopAll();
    expect(await tryConnect(second.localPort)).toBe('ECONNREFUSED');
  });

  it('lists a Service forward (on this thread) beside it, each naming the other for a port it holds', async () => {
    registry = new PortForwardRegistry(t.kc, { flushMs: 10 });
    const pod = await registry.start({ namespace: 'default', pod: 'kiada', remotePort: 8080 });
    await waitFor(() => forwardIn(registry, pod.id), 'the pod forward listed');
    const spec = parseFollowSpec('svc/frontend 8080');
    if ('error' in spec) throw new Error(spec.error);
    const target = await resolveFollowTarget(t.kc, spec, 'frontend');

    await expect(registry.startFollow({ target, localPort: pod.localPort })).rejects.toThrow(
      `port ${pod.localPort} on 127.0.0.1 is in use (by the forward to default/kiada:8080)`,
    );
    const svc = await registry.startFollow({ target });
    expect(svc.id).not.toBe(pod.id);
    await waitForState(registry, svc.id, 'active');
    await expect(
      registry.start({ namespace: 'default', pod: 'kiada', remotePort: 8080, localPort: svc.localPort }),
    ).rejects.toThrow(
      `port ${svc.localPort} on 127.0.0.1 is in use (by the forward to frontend/svc/frontend:8080)`,
    );
    expect(registry.getSnapshot().forwards.map((f) => f.id)).toEqual([pod.id, svc.id]);

    await registry.stopAll();
    await waitFor(() => registry.getSnapshot().forwards.length === 0, 'both gone from the list');
  });
});
