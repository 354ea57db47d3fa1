/**
 * addDebugContainer and deletePods against the demo cluster: a busybox debug container in a distroless pod runs
 * and takes a shell; deletes go through the watch's Terminating before the pod goes, force is immediate, a
 * ReplicaSet replaces its pod, and failures are one readable line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDebugContainer } from '../../../src/kube/shell/debugContainer.js';
import { deletePods, KILL_GRACE_SECONDS } from '../../../src/kube/shell/deletePods.js';
import { startTestCluster, waitForPodPhase, type TestCluster } from '../../support/demoCluster.js';
import { waitFor } from '../../support/waitFor.js';
import { startShell } from './shellHelpers.js';

let t: TestCluster;

async function runningWebApps(): Promise<string[]> {
  const list = await t.core.listNamespacedPod({ namespace: 'frontend', labelSelector: 'app=web-app' });
  return list.items
    .filter((p) => p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp)
    .map((p) => p.metadata!.name!);
}

async function createBusybox(name: string): Promise<void> {
  await t.core.createNamespacedPod({
    namespace: 'default',
    body: { metadata: { name }, spec: { containers: [{ name: 'main', image: 'busybox' }] } },
  });
  await waitForPodPhase(t, 'default', name, 'Running');
}

async function exists(name: string): Promise<boolean> {
  return t.core.readNamespacedPod({ namespace: 'default', name }).then(
    () => true,
    () => false,
  );
}

beforeAll(async () => {
  t = await startTestCluster();
  await waitFor(async () => (await runningWebApps()).length === 3, 'three running web-app pods');
});
afterAll(async () => {
  await t.demo.close();
});

describe('addDebugContainer', () => {
  it('adds a running busybox targeting the distroless container, and a shell in it works', async () => {
    const [pod] = await runningWebApps();
    const name = await addDebugContainer({ kc: t.kc, namespace: 'frontend', pod: pod!, target: 'web-app' });
    expect(name).toMatch(/^debugger-[0-9a-f]{5}$/);
    const full = await t.core.readNamespacedPod({ namespace: 'frontend', name: pod! });
    expect(full.spec?.ephemeralContainers?.find((c) => c.name === name)).toMatchObject({
      image: 'busybox',
      targetContainerName: 'web-app',
      stdin: true,
      tty: true,
    });
    const sh = startShell(t, { namespace: 'frontend', pod: pod!, container: name });
    const at = await sh.waitForOutput('/ # ');
    sh.keys.write('hostname\r');
    await sh.waitForOutput(`${pod}\r\n`, at);
    sh.keys.write('exit\r');
    expect(await sh.ended).toEqual({ kind: 'exit', code: 0 });
  });

  it('an image that cannot be pulled is a clear error', async () => {
    const [pod] = await runningWebApps();
    await expect(
      addDebugContainer({
        kc: t.kc,
        namespace: 'frontend',
        pod: pod!,
        target: 'web-app',
        image: 'busyboxx',
        name: 'bad',
      }),
    ).rejects.toThrow('debug container bad cannot pull image busyboxx (ErrImagePull)');
  });

  it('a name already taken is the API server’s 422 in one line', async () => {
    const [pod] = await runningWebApps();
    await expect(
      addDebugContainer({ kc: t.kc, namespace: 'frontend', pod: pod!, target: 'web-app', name: 'nginx' }),
    ).rejects.toThrow(`the server answered 422: Pod "${pod}" is invalid: spec.ephemeralContainers`);
  });

  it('a missing pod says so', async () => {
    await expect(
      addDebugContainer({ kc: t.kc, namespace: 'default', pod: 'ghost', target: 'x' }),
    ).rejects.toThrow(/^pod ghost not found$/);
  });
});

describe('deletePods', () => {
  it('with a grace period the pod is Terminating first, then gone', async () => {
    await createBusybox('graceful');
    const [r] = await deletePods(t.kc, [{ namespace: 'default', name: 'graceful' }], {
      gracePeriodSeconds: 2,
    });
    expect(r).toEqual({ namespace: 'default', name: 'graceful', ok: true });
    const pod = await t.core.readNamespacedPod({ namespace: 'default', name: 'graceful' });
    expect(pod.metadata?.deletionTimestamp).toBeDefined();
    expect(pod.metadata?.deletionGracePeriodSeconds).toBe(2);
    await waitFor(async () => !(await exists('graceful')), 'the pod to go after its grace period', 10_000);
  });

  it('kill uses a 1 s grace; force deletes at once', async () => {
    await createBusybox('killed');
    await createBusybox('forced');
    await deletePods(t.kc, [{ namespace: 'default', name: 'killed' }], {
      gracePeriodSeconds: KILL_GRACE_SECONDS,
    });
    const killed = await t.core.readNamespacedPod({ namespace: 'default', name: 'killed' });
    expect(killed.metadata?.deletionGracePeriodSeconds).toBe(1);
    await deletePods(t.kc, [{ namespace: 'default', name: 'forced' }], { force: true });
    expect(await exists('forced')).toBe(false);
  });

  it('a pod owned by a ReplicaSet is replaced', async () => {
    const before = await runningWebApps();
    const results = await deletePods(t.kc, [{ namespace: 'frontend', name: before[0]! }], { force: true });
    expect(results[0]!.ok).toBe(true);
    const after = await waitFor(async () => {
      const now = await runningWebApps();
      return now.length === 3 && !now.includes(before[0]!) ? now : undefined;
    }, 'a replacement web-app pod');
    expect(after.filter((n) => !before.includes(n))).toHaveLength(1);
  });

  it('reports each pod: deleted, or not found', async () => {
    await createBusybox('one');
    const results = await deletePods(
      t.kc,
      [
        { namespace: 'default', name: 'one' },
        { namespace: 'default', name: 'nobody' },
      ],
      { force: true },
    );
    expect(results).toEqual([
      { namespace: 'default', name: 'one', ok: true },
      { namespace: 'default', name: 'nobody', ok: false, error: 'pod nobody not found' },
    ]);
  });
});
