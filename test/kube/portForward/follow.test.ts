/**
 * Forwards that follow a Service or a workload (issue 16), against the demo cluster: `svc/frontend 8080`
 * answers; deleting the pod it serves from (as kubectl does) leaves it answering through another pod within
 * 3 s, the list showing the switch; the same for `deploy/web-app`; with no Ready pod it says so and waits; and
 * the refusals kubectl makes, in its words, before anything is bound.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { followLocalPort, parseFollowSpec, type FollowSpec } from '../../../src/domain/followForward.js';
import type { PortForwardRegistry } from '../../../src/kube/portForward/index.js';
import { resolveFollowTarget } from '../../../src/kube/portForward/index.js';
import { runningWebApp, startTestCluster, type TestCluster } from '../../support/demoCluster.js';
import { waitFor } from '../../support/waitFor.js';
import { forwardIn, httpRequest, preferredPort, testRegistry, waitForState } from './support.js';

let t: TestCluster;
let registry: PortForwardRegistry;

beforeAll(async () => {
  t = await startTestCluster();
  await runningWebApp(t);
  // All three replicas Ready, so a deleted one leaves two to move to.
  await waitFor(async () => {
    const pods = await t.core.listNamespacedPod({ namespace: 'frontend', labelSelector: 'app=web-app' });
    return (
      pods.items.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
        .length === 3
    );
  }, 'three Ready web-app pods');
}, 30_000);
afterAll(async () => {
  await t.demo.close();
});
afterEach(async () => {
  await registry.close();
});

function spec(arg: string): FollowSpec {
  const s = parseFollowSpec(arg);
  if ('error' in s) throw new Error(s.error);
  return s;
}

async function follow(arg: string, namespace = 'frontend') {
  registry = testRegistry(t);
  const s = spec(arg);
  const target = await resolveFollowTarget(t.kc, s, namespace);
  const f = await registry.startFollow({ target, localPort: followLocalPort(s, target.remotePort) });
  return waitForState(registry, f.id, 'active');
}

async function answers(port: number): Promise<boolean> {
  try {
    const r = await httpRequest(port, 'GET', '/');
    return r.status === 200 && r.body.toString().includes('<title>web-app</title>');
  } catch {
    return false;
  }
}

/** Deletes the pod as `kubectl delete pod` does (default grace), and measures until the forward answers again. */
async function failover(id: string): Promise<{ before: string; after: string; ms: number }> {
  const f = forwardIn(registry, id)!;
  const before = f.pod;
  expect(before).not.toBe('');
  const t0 = Date.now();
  await t.core.deleteNamespacedPod({ name: before, namespace: 'frontend' });
  const after = await waitFor(
    async () => {
      const now = forwardIn(registry, id)!;
      return now.pod !== before && now.pod !== '' && (await answers(now.localPort)) ? now.pod : undefined;
    },
    'the forward answering through another pod',
    3000,
    10,
  );
  return { before, after, ms: Date.now() - t0 };
}

describe('a forward that follows a Service', () => {
  it('answers svc/frontend 8080 through a web-app pod and survives deleting it, within 3 s', async () => {
    const local = await preferredPort(18080);
    const f = await follow(`svc/frontend ${local}:8080`);
    expect(f.follow).toEqual({ target: 'svc/frontend', switches: 0 });
    expect(f.localPort).toBe(local);
    expect(f.remotePort).toBe(8080);
    expect(f.pod).toMatch(/^web-app-/);
    expect(await answers(local)).toBe(true);
    const { before, after, ms } = await failover(f.id);
    expect(after).not.toBe(before);
    expect(ms).toBeLessThan(3000);
    const now = await waitForState(registry, f.id, 'active');
    expect(now.follow).toEqual({ target: 'svc/frontend', switches: 1 });
  });

  it('refuses what kubectl refuses, in its words, and binds nothing', async () => {
    registry = testRegistry(t);
    await expect(resolveFollowTarget(t.kc, spec('svc/nope 8080'), 'frontend')).rejects.toThrow(
      'services "nope" not found',
    );
    await expect(resolveFollowTarget(t.kc, spec('svc/frontend 9999'), 'frontend')).rejects.toThrow(
      'Service frontend does not have a service port 9999',
    );
    await expect(resolveFollowTarget(t.kc, spec('svc/frontend web'), 'frontend')).rejects.toThrow(
      "Service 'frontend' does not have a named port 'web'",
    );
    await expect(resolveFollowTarget(t.kc, spec('svc/kubernetes 443'), 'default')).rejects.toThrow(
      "invalid service 'kubernetes': Service is defined without a selector",
    );
    expect(registry.getSnapshot().forwards).toEqual([]);
  });

  it('resolves a named targetPort per pod: svc/api 80 reaches api-with-sidecar:8080', async () => {
    const f = await follow('svc/api 0:80', 'default');
    expect(f.pod).toBe('api-with-sidecar');
    expect(f.remotePort).toBe(8080);
  });
});

describe('a forward that follows a Deployment', () => {
  it('answers deploy/web-app 8080 and survives deleting its pod, within 3 s', async () => {
    const f = await follow('deploy/web-app 0:8080');
    expect(f.follow).toEqual({ target: 'deploy/web-app', switches: 0 });
    expect(await answers(f.localPort)).toBe(true);
    const { ms } = await failover(f.id);
    expect(ms).toBeLessThan(3000);
    expect((await waitForState(registry, f.id, 'active')).follow?.switches).toBe(1);
  });

  it('says it is waiting when no pod behind it is Ready, and takes the first that is', async () => {
    registry = testRegistry(t);
    const target = await resolveFollowTarget(t.kc, spec('deploy/web-app 8080'), 'frontend');
    // Selecting nothing yet: the same forward with a selector no pod has.
    const f = await registry.startFollow({ target: { ...target, selector: 'app=later' }, localPort: 0 });
    const waiting = await waitForState(registry, f.id, 'waiting');
    expect(waiting.state).toEqual({ kind: 'waiting', reason: 'no ready pod behind deploy/web-app' });
    expect(waiting.pod).toBe('');
    await t.core.createNamespacedPod({
      namespace: 'frontend',
      body: {
        metadata: { name: 'later', labels: { app: 'later' } },
        spec: {
          containers: [
            { name: 'web-app', image: 'ghcr.io/lameaux/mox:latest', ports: [{ containerPort: 8080 }] },
          ],
        },
      },
    });
    const active = await waitForState(registry, f.id, 'active', 20_000);
    expect(active.pod).toBe('later');
    expect(await answers(active.localPort)).toBe(true);
  }, 30_000);
});
