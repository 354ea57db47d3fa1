/**
 * The ports check against the demo cluster over real HTTPS and WebSocket exec: the seed-000 web-app (read in
 * nginx, since its web-app container is distroless), the localhost-app seed pod (the classic mistake), a pod
 * with no `cat` anywhere (the debug-container case, then read from the debug container once added), and a user
 * the server refuses exec to (its words).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProcNetTcp } from '../../../src/domain/ports/procNetTcp.js';
import { portVerdicts, verdictText } from '../../../src/domain/ports/portVerdicts.js';
import { declaredPorts } from '../../../src/domain/declaredPorts.js';
import type { Pod } from '../../../src/domain/wire.js';
import { addDebugContainer } from '../../../src/kube/shell/debugContainer.js';
import { readListeners } from '../../../src/kube/shell/readListeners.js';
import {
  runningWebApp,
  startTestCluster,
  waitForPodPhase,
  type TestCluster,
} from '../../support/demoCluster.js';

let t: TestCluster;
let webApp: string;

beforeAll(async () => {
  t = await startTestCluster();
  webApp = await runningWebApp(t);
  await waitForPodPhase(t, 'default', 'localhost-app', 'Running');
});
afterAll(async () => {
  await t.demo.close();
});

/** The rows a user reads: port, declared by, listening on, verdict. */
async function check(namespace: string, name: string, preferred?: string) {
  const read = await readListeners({ kc: t.kc, namespace, pod: name, preferred });
  if (read.kind !== 'read') throw new Error(`not read: ${JSON.stringify(read)}`);
  const pod = (await t.core.readNamespacedPod({ name, namespace })) as Pod;
  const rows = portVerdicts(declaredPorts(pod), parseProcNetTcp(read.text).sockets, [
    pod.status?.podIP ?? '',
  ]);
  return {
    read,
    rows: rows.map(
      (r) =>
        `${r.port} ${r.declared.map((d) => d.container).join(',') || '-'} ${r.listening.join(',')} ${verdictText(r)}`,
    ),
  };
}

describe('readListeners', () => {
  it('web-app (seed 000): read in nginx, as web-app has no cat; 80 and 8080 fine, 9090 not declared', async () => {
    const { read, rows } = await check('frontend', webApp, 'web-app');
    expect(read.container).toBe('nginx');
    expect(read.skipped).toEqual(['web-app']);
    expect(read.ipv6).toBe(true);
    expect(rows).toEqual([
      '80 nginx 0.0.0.0,:: fine',
      '8080 web-app :: fine',
      '9090 - :: listening but not declared',
    ]);
  });

  it('localhost-app: 8080 declared but not listening, 3000 on 127.0.0.1 only', async () => {
    const { read, rows } = await check('default', 'localhost-app');
    expect(read.container).toBe('app');
    expect(rows).toEqual([
      '3000 - 127.0.0.1 loopback only: unreachable through the pod IP',
      '8080 app  declared but not listening',
    ]);
  });

  it('a pod where no container has cat: no-cat, then read from the debug container once added', async () => {
    await t.core.createNamespacedPod({
      namespace: 'default',
      body: {
        metadata: { name: 'static-only' },
        spec: { containers: [{ name: 'app', image: 'gcr.io/distroless/static:nonroot' }] },
      },
    });
    await waitForPodPhase(t, 'default', 'static-only', 'Running');
    expect(
      await readListeners({ kc: t.kc, namespace: 'default', pod: 'static-only', preferred: 'app' }),
    ).toEqual({
      kind: 'no-cat',
      tried: ['app'],
    });
    const debugger_ = await addDebugContainer({
      kc: t.kc,
      namespace: 'default',
      pod: 'static-only',
      target: 'app',
    });
    const read = await readListeners({
      kc: t.kc,
      namespace: 'default',
      pod: 'static-only',
      preferred: 'app',
    });
    expect(read).toMatchObject({ kind: 'read', container: debugger_, skipped: ['app'], ipv6: true });
    expect(read.kind === 'read' && parseProcNetTcp(read.text)).toEqual({ sockets: [], malformed: 0 });
  });

  it('a pod with no running container: nothing to read from', async () => {
    expect(
      await readListeners({ kc: t.kc, namespace: 'default', pod: 'webserver', preferred: undefined }),
    ).toEqual({
      kind: 'no-container',
    });
  });

  it('exec refused: the server’s words, one line', async () => {
    const viewer = t.demo.kubeConfig('podscope-demo-viewer');
    const read = await readListeners({
      kc: viewer,
      namespace: 'default',
      pod: 'localhost-app',
      preferred: undefined,
    });
    expect(read.kind).toBe('failed');
    expect(read.kind === 'failed' && read.reason).toMatch(
      /forbidden.*pods\/exec|cannot (create|get) resource "pods\/exec"/,
    );
    expect(read.kind === 'failed' && read.reason).not.toContain('\n');
  });

  it('a pod that does not exist', async () => {
    expect(
      await readListeners({ kc: t.kc, namespace: 'default', pod: 'nope', preferred: undefined }),
    ).toEqual({
      kind: 'failed',
      reason: 'pod nope not found',
    });
  });
});
