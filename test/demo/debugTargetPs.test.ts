/**
 * A debug container with `--target` shares the target's PID namespace (the kubelet asks the runtime for
 * NamespaceMode_TARGET): `ps` in it lists the distroless target's processes, PID 1 first, and `kill 1` reaches the
 * target's main process. Refereed by the real kubectl (`debug`, `exec`) against the demo cluster.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pod } from '../../src/domain/wire.js';
import type { TestCluster } from '../support/demoCluster.js';
import type { Kubectl } from '../support/kubectl.js';
import { startDebugSuite } from './support/debugSuite.js';
import { waitFor } from '../support/waitFor.js';

let t: TestCluster;
let k: Kubectl;
let webApp: string;

beforeAll(async () => {
  ({ t, k, webApp } = await startDebugSuite());
});
afterAll(async () => {
  await t.demo.close();
});

async function debugContainer(ns: string, pod: string, name: string, target?: string): Promise<void> {
  const args = ['debug', pod, '-n', ns, '--image=busybox', '--profile=general', '-c', name];
  const r = await k.run(target ? [...args, `--target=${target}`] : args);
  expect(r.stderr).toBe('');
  await waitFor(async () => {
    const p = (await t.core.readNamespacedPod({ name: pod, namespace: ns })) as Pod;
    return p.status?.ephemeralContainerStatuses?.find((c) => c.name === name)?.state?.running;
  }, `debug container ${name} to run`);
}

async function restartsOf(ns: string, pod: string, container: string): Promise<number> {
  const p = (await t.core.readNamespacedPod({ name: pod, namespace: ns })) as Pod;
  return p.status?.containerStatuses?.find((c) => c.name === container)?.restartCount ?? 0;
}

describe('ps in a debug container', () => {
  it('lists the target container’s processes, PID 1 first, then its own', async () => {
    await debugContainer('frontend', webApp, 'dbg-ps', 'web-app');
    const target = await k.run(['exec', webApp, '-n', 'frontend', '-c', 'dbg-ps', '--', 'ps']);
    expect(target.stderr).toBe('');
    const rows = target.stdout.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^PID\s+USER\s+TIME\s+COMMAND$/);
    // PID 1 is the distroless app (ghcr.io/lameaux/mox runs /mox; nothing of busybox), and busybox's own processes come after it.
    expect(rows[1]).toMatch(/^\s+1 root\s+0:00 \/mox$/);
    expect(rows.slice(2).some((r) => /^\s+\d+ root\s+0:00 ps$/.test(r))).toBe(true);
    expect(rows.slice(2).every((r) => Number(r.trim().split(/\s+/)[0]) > 1)).toBe(true);
  });

  it('without a target it has a PID namespace of its own', async () => {
    await debugContainer('default', 'bb', 'dbg-alone');
    const r = await k.run(['exec', 'bb', '-c', 'dbg-alone', '--', 'ps']);
    expect(r.stdout.split('\n')[1]).toMatch(/^\s+1 root\s+0:00 sh$/);
  });

  it('kill 1 in it ends the target’s main process, which the kubelet restarts', async () => {
    const before = await restartsOf('frontend', webApp, 'web-app');
    const r = await k.run(['exec', webApp, '-n', 'frontend', '-c', 'dbg-ps', '--', 'kill', '1']);
    expect(r.code).toBe(0);
    await waitFor(
      async () => (await restartsOf('frontend', webApp, 'web-app')) > before,
      'web-app to restart',
      15_000,
    );
  });
});
