/**
 * Ephemeral containers on the demo cluster, refereed by the real kubectl: `kubectl debug --target` patches the
 * `ephemeralcontainers` subresource, the simulated kubelet pulls and starts the container, `kubectl exec` runs in
 * it, and invalid updates are refused with the API server's 422 wording.
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

async function podJson(ns: string, name: string): Promise<Pod> {
  const r = await k.run(['get', 'pod', name, '-n', ns, '-o', 'json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Pod;
}

describe('kubectl debug --target', () => {
  it('adds a busybox container targeting the distroless one, and exec runs in it', async () => {
    const debug = await k.run([
      'debug',
      webApp,
      '-n',
      'frontend',
      '--image=busybox',
      '--profile=general',
      '--target=web-app',
      '-c',
      'dbg',
    ]);
    expect(debug.stderr).toBe('');
    expect(debug.code).toBe(0);

    const running = await waitFor(async () => {
      const pod = await podJson('frontend', webApp);
      const s = pod.status?.ephemeralContainerStatuses?.find((c) => c.name === 'dbg');
      return s?.state?.running ? pod : undefined;
    }, 'the debug container to run');
    const spec = running.spec?.ephemeralContainers?.find((c) => c.name === 'dbg');
    expect(spec).toMatchObject({
      image: 'busybox',
      targetContainerName: 'web-app',
      imagePullPolicy: 'Always',
    });

    const yaml = await k.run(['get', 'pod', webApp, '-n', 'frontend', '-o', 'yaml']);
    expect(yaml.stdout).toContain('ephemeralContainers:');
    expect(yaml.stdout).toContain('targetContainerName: web-app');
    expect(yaml.stdout).toContain('ephemeralContainerStatuses:');

    const exec = await k.run(['exec', webApp, '-n', 'frontend', '-c', 'dbg', '--', 'hostname']);
    expect(exec.stderr).toBe('');
    expect(exec.stdout).toBe(`${webApp}\n`);

    const events = await k.run(['events', '-n', 'frontend', '--for', `pod/${webApp}`]);
    expect(events.stdout).toMatch(/Pulling\s+.*spec\.ephemeralContainers\{dbg\}|Pulling image "busybox"/);
    expect(events.stdout).toContain('Started container dbg');
    // The debug container is not part of READY: the pod still counts its two containers.
    const get = await k.run(['get', 'pod', webApp, '-n', 'frontend', '--no-headers']);
    expect(get.stdout).toMatch(new RegExp(`^${webApp}\\s+\\d/2\\s+Running`));
  });

  it('kubectl debug without -c names the container itself', async () => {
    const debug = await k.run(['debug', 'bb', '--image=busybox', '--profile=general']);
    expect(debug.code).toBe(0);
    const pod = await podJson('default', 'bb');
    expect(pod.spec?.ephemeralContainers?.[0]?.name).toMatch(/^debugger-[a-z0-9]{5}$/);
  });
});

describe('validation', () => {
  it('a duplicate name is a 422 Invalid with the field error', async () => {
    const r = await k.run([
      'debug',
      webApp,
      '-n',
      'frontend',
      '--image=busybox',
      '--profile=general',
      '-c',
      'nginx',
    ]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      `The Pod "${webApp}" is invalid: spec.ephemeralContainers[1].name: Duplicate value: "nginx"`,
    );
  });

  it('a target that is not a container of the pod is refused', async () => {
    const r = await k.run([
      'debug',
      'bb',
      '--image=busybox',
      '--profile=general',
      '--target=nope',
      '-c',
      'x1',
    ]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/targetContainerName: Not found: "nope"/);
  });

  it('changing an existing ephemeral container is forbidden (JSON patch)', async () => {
    const r = await k.run([
      'patch',
      'pod',
      webApp,
      '-n',
      'frontend',
      '--subresource=ephemeralcontainers',
      '--type=json',
      '-p',
      '[{"op":"replace","path":"/spec/ephemeralContainers/0/image","value":"alpine"}]',
    ]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('existing ephemeral containers "dbg" may not be changed');
  });

  it('a JSON patch can add one', async () => {
    const r = await k.run([
      'patch',
      'pod',
      'bb',
      '--subresource=ephemeralcontainers',
      '--type=json',
      '-p',
      '[{"op":"add","path":"/spec/ephemeralContainers/-","value":{"name":"jp","image":"busybox"}}]',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    await waitFor(async () => {
      const pod = await podJson('default', 'bb');
      return pod.status?.ephemeralContainerStatuses?.find((c) => c.name === 'jp')?.state?.running;
    }, 'the patched-in container to run');
  });
});
