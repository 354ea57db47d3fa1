/**
 * The real kubectl against the demo cluster: if kubectl — which nobody here wrote — can do its everyday work
 * against the server, the wire protocols are right.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestCluster, waitForPodPhase, type TestCluster } from '../support/demoCluster.js';
import { Kubectl, requireKubectl } from '../support/kubectl.js';
import { waitFor } from '../support/waitFor.js';

let t: TestCluster;
let k: Kubectl;

beforeAll(async () => {
  await requireKubectl();
  t = await startTestCluster({ pods: 120 });
  k = new Kubectl(t.demo);
  await waitForPodPhase(t, 'default', 'hello', 'Running');
});
afterAll(async () => {
  await t.demo.close();
});

describe('kubectl get', () => {
  it('get pods -A -o wide prints every pod with the wide columns', async () => {
    const r = await k.run(['get', 'pods', '-A', '-o', 'wide']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      /^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/,
    );
    expect(lines).toHaveLength(121);
    const hello = lines.find((l) => /^default\s+hello\s/.test(l))!;
    expect(hello).toMatch(
      /^default\s+hello\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.\d+\.\d+\s+demo-worker2?\s+<none>\s+<none>$/,
    );
  });

  it('get pods -o yaml returns the objects', async () => {
    const r = await k.run(['get', 'pod', 'hello', '-o', 'yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('name: hello');
    expect(r.stdout).toContain('containerPort: 3000');
    expect(r.stdout).toMatch(/podIP: 10\.244\./);
  });

  it('shows the misspelt image as ErrImagePull or ImagePullBackOff', async () => {
    const r = await waitFor(async () => {
      const out = await k.run(['get', 'pod', 'webserver', '--no-headers']);
      return /ImagePullBackOff|ErrImagePull/.test(out.stdout) ? out : undefined;
    }, 'webserver to fail its pull');
    expect(r.stdout).toMatch(/^webserver\s+0\/1\s+(ErrImagePull|ImagePullBackOff)\s+0\s/);
  });

  it('get pods -w sees a change', async () => {
    const watch = k.spawn(['get', 'pods', '-w', '-n', 'default']);
    let out = '';
    watch.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await waitFor(() => out.includes('hello'), 'the initial list');
      await t.core.deleteNamespacedPod({ name: 'kiada', namespace: 'default', gracePeriodSeconds: 1 });
      await waitFor(() => /kiada\s+\S+\s+Terminating/.test(out), 'kiada Terminating in the watch');
    } finally {
      watch.kill();
    }
  });
});

describe('kubectl describe', () => {
  it('describe pod prints the pod, its containers and Events', async () => {
    const r = await waitFor(async () => {
      const out = await k.run(['describe', 'pod', 'webserver']);
      return out.stdout.includes('Back-off pulling image') ? out : undefined;
    }, 'the back-off event');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Name:\s+webserver$/m);
    expect(r.stdout).toMatch(/^Node:\s+demo-worker2?\/172\.18\.0\.\d$/m);
    expect(r.stdout).toMatch(/Image:\s+ngnx:latest/);
    expect(r.stdout).toMatch(/Reason:\s+(ErrImagePull|ImagePullBackOff)/);
    expect(r.stdout).toMatch(/Events:\n\s+Type\s+Reason\s+Age\s+From\s+Message/);
    expect(r.stdout).toMatch(
      /Normal\s+Scheduled\s+\S+\s+default-scheduler\s+Successfully assigned default\/webserver to demo-worker2?/,
    );
    expect(r.stdout).toMatch(/Warning\s+Failed\s+.*Failed to pull image "ngnx:latest"/);
  });
});

describe('kubectl create and delete', () => {
  it('create -f pod.yaml, then delete pod', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podscope-manifest-'));
    const file = join(dir, 'pod.yaml');
    writeFileSync(
      file,
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: from-yaml',
        'spec:',
        '  containers:',
        '  - name: web',
        '    image: nginx:1.27',
        '',
      ].join('\n'),
    );
    const created = await k.run(['create', '-f', file]);
    expect(created.stderr).toBe('');
    expect(created.stdout.trim()).toBe('pod/from-yaml created');
    await waitForPodPhase(t, 'default', 'from-yaml', 'Running');
    const deleted = await k.run(['delete', 'pod', 'from-yaml', '--grace-period=1']);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout.trim()).toBe('pod "from-yaml" deleted');
    const after = await k.run(['get', 'pod', 'from-yaml']);
    expect(after.code).toBe(1);
    expect(after.stderr).toContain('pods "from-yaml" not found');
  });
});

describe('kubectl logs', () => {
  it('logs prints the container log', async () => {
    const r = await waitFor(async () => {
      const out = await k.run(['logs', 'hello']);
      return out.stdout.includes('Hello server listening on port 3000') ? out : undefined;
    }, 'the hello log');
    expect(r.code).toBe(0);
  });

  it('logs -f follows new lines', async () => {
    const follow = k.spawn(['logs', '-f', '--tail=1', 'hello']);
    let out = '';
    follow.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    try {
      const first = await waitFor(() => out.length > 0 && out, 'the tail line');
      await waitFor(() => out.length > first.length, 'a new line while following', 8000);
    } finally {
      follow.kill();
    }
  });

  it('logs --previous prints the run before the last restart', async () => {
    await waitFor(async () => {
      const p = await t.core.readNamespacedPod({ name: 'crasher', namespace: 'default' });
      return (p.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1;
    }, 'crasher to restart');
    const r = await k.run(['logs', 'crasher', '--previous']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/panic|Traceback|Exception|Error/);
    const none = await k.run(['logs', 'hello', '--previous']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('previous terminated container "hello" in pod "hello" not found');
  });
});

describe('kubectl exec', () => {
  it('exec POD -- hostname', async () => {
    const r = await k.run(['exec', 'hello', '--', 'hostname']);
    expect(r).toMatchObject({ code: 0, stdout: 'hello\n' });
  });

  it('exec -i passes stdin', async () => {
    const r = await k.run(['exec', '-i', 'bb', '--', 'cat'], 'from stdin\n');
    expect(r).toMatchObject({ code: 0, stdout: 'from stdin\n' });
  });

  it('exec propagates the exit code', async () => {
    const r = await k.run(['exec', 'bb', '--', 'sh', '-c', 'exit 3']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('command terminated with exit code 3');
  });

  it('exec defaults the container as kubectl does and reads the pod environment', async () => {
    const pod = (await t.core.listNamespacedPod({ namespace: 'frontend' })).items[0]!.metadata!.name!;
    const r = await k.run([
      'exec',
      '-n',
      'frontend',
      pod,
      '--',
      'sh',
      '-c',
      'echo $KUBERNETES_SERVICE_HOST; cat /var/run/secrets/kubernetes.io/serviceaccount/namespace',
    ]);
    expect(r.stderr).toContain('Defaulted container "nginx" out of: nginx, web-app');
    expect(r.stdout).toBe('10.96.0.1\nfrontend');
  });
});

describe('kubectl port-forward', () => {
  it('forwards a local port to the pod (SPDY over WebSocket)', async () => {
    const pf = k.spawn(['port-forward', 'pod/hello', '0:3000']);
    let out = '';
    pf.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    try {
      const port = await waitFor(
        () => /Forwarding from 127\.0\.0\.1:(\d+) -> 3000/.exec(out)?.[1],
        'the forwarding line',
      );
      const res = await fetch(`http://127.0.0.1:${port}/`);
      expect(await res.text()).toBe('Hello World\n');
    } finally {
      pf.kill();
    }
  });
});
