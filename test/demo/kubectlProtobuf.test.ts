/**
 * The kubectl commands that go through client-go's typed clients, which send their bodies as protobuf
 * (`Content-Type: application/vnd.kubernetes.protobuf`; rest/request.go UseProtobufAsDefault) and accept JSON
 * back: each failed with a JSON parse error before the demo read protobuf.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../support/demoCluster.js';
import { Kubectl, requireKubectl } from '../support/kubectl.js';

let t: TestCluster;
let k: Kubectl;

beforeAll(async () => {
  await requireKubectl();
  t = await startTestCluster({ pods: 0 });
  k = new Kubectl(t.demo);
});
afterAll(async () => {
  await t.demo.close();
});

async function json<T>(args: string[]): Promise<T> {
  const r = await k.run([...args, '-o', 'json']);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as T;
}

interface Obj {
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec: Record<string, unknown>;
}

describe('kubectl commands that send protobuf', () => {
  it('create namespace, then get it', async () => {
    const r = await k.run(['create', 'namespace', 'x']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('namespace/x created\n');
    const ns = await json<Obj & { kind: string }>(['get', 'namespace', 'x']);
    expect(ns.kind).toBe('Namespace');
    expect(ns.metadata.name).toBe('x');
  });

  it('create deployment', async () => {
    // The demo runs no Deployment controller: the object is stored as sent, no ReplicaSet follows.
    const r = await k.run(['create', 'deployment', 'd1', '--image=nginx', '--replicas=0', '--port=80']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('deployment.apps/d1 created\n');
    const d = await json<Obj>(['get', 'deployment', 'd1']);
    expect(d.metadata.labels).toEqual({ app: 'd1' });
    expect(d.spec).toMatchObject({
      replicas: 0,
      template: { spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] } },
    });
  });

  it('debug node/NAME creates a pod bound to the node, in the host namespaces', async () => {
    const r = await k.run(['debug', 'node/demo-worker', '--image=busybox', '--profile=general']);
    expect(r.code).toBe(0);
    const name = /Creating debugging pod (\S+) with container debugger on node demo-worker/.exec(
      r.stdout,
    )?.[1];
    expect(name, r.stdout + r.stderr).toBeDefined();
    const pod = await json<Obj>(['get', 'pod', name!]);
    expect(pod.spec).toMatchObject({
      nodeName: 'demo-worker',
      hostNetwork: true,
      hostPID: true,
      hostIPC: true,
    });
  });

  it('debug POD --copy-to creates the copy with the debug container', async () => {
    const r = await k.run(['debug', 'hello', '--copy-to=hello-copy', '--image=busybox', '--profile=general']);
    expect(r.code, r.stderr).toBe(0);
    const pod = await json<Obj & { spec: { containers: { name: string; image: string }[] } }>([
      'get',
      'pod',
      'hello-copy',
    ]);
    expect(pod.spec.containers.map((c) => c.image)).toEqual([expect.any(String), 'busybox']);
  });

  it('drain cordons the node and deletes its pods', async () => {
    const r = await k.run([
      'drain',
      'demo-worker2',
      '--ignore-daemonsets',
      '--force',
      '--grace-period=1',
      '--timeout=30s',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^node\/demo-worker2 cordoned$/m);
    expect(r.stdout).toMatch(/^pod\/\S+ deleted$/m);
    expect(r.stdout).toMatch(/^node\/demo-worker2 drained$/m);
  }, 40_000);
});
