/**
 * The inside view's reads against the demo cluster over real HTTPS and WebSocket: the files equal what
 * `kubectl exec … cat` prints (bb, kiada, a pod made here with hostAliases and dnsPolicy None), the token's times
 * (a 3607 s token extended to a year, as kube-apiserver does), no token where automounting is off, a distroless
 * container passed over for one with cat, a pod with no cat at all said unavailable, and the node's runtime —
 * shown to the admin as kubectl shows it, "not visible" to a user who may not read nodes.
 */
import { describe, expect, it } from 'vitest';
import { insideLines } from '../../../src/domain/inside/insideLines.js';
import type { Pod } from '../../../src/domain/wire.js';
import { readInside } from '../../../src/kube/inside/insideReads.js';
import { readNodeRuntime } from '../../../src/kube/inside/nodeRuntime.js';
import { runningWebApp, waitForPodPhase } from '../../support/demoCluster.js';
import { kubectlSuite } from '../../support/kubectlSuite.js';

const suite = kubectlSuite(async (t) => {
  await Promise.all([
    waitForPodPhase(t, 'default', 'bb', 'Running'),
    waitForPodPhase(t, 'default', 'kiada', 'Running'),
  ]);
});

async function podOf(namespace: string, name: string): Promise<Pod> {
  const r = await suite.kubectl.run(['get', 'pod', name, '-n', namespace, '-o', 'json']);
  return JSON.parse(r.stdout) as Pod;
}

async function cat(namespace: string, name: string, container: string, path: string): Promise<string> {
  const r = await suite.kubectl.run(['exec', name, '-n', namespace, '-c', container, '--', 'cat', path]);
  return r.stdout;
}

async function create(manifest: object): Promise<void> {
  const r = await suite.kubectl.run(['create', '-f', '-'], JSON.stringify(manifest));
  expect(r.stderr).toBe('');
}

describe('readInside', () => {
  for (const name of ['bb', 'kiada'])
    it(`reads ${name}'s resolv.conf and hosts as kubectl exec shows them, and its token's times`, async () => {
      const pod = await podOf('default', name);
      const reads = await readInside({ kc: suite.t.kc, pod, selected: undefined });
      if (reads.kind !== 'read') throw new Error(JSON.stringify(reads));
      expect(reads.container).toBe(name);
      expect(reads.resolvConf).toEqual({
        kind: 'text',
        text: await cat('default', name, name, '/etc/resolv.conf'),
      });
      expect(reads.hosts).toEqual({ kind: 'text', text: await cat('default', name, name, '/etc/hosts') });
      expect(reads.resolvConf.kind === 'text' && reads.resolvConf.text).toContain('nameserver 10.96.0.10\n');
      expect(reads.hosts.kind === 'text' && reads.hosts.text).toContain(`${pod.status!.podIP}\t${name}\n`);
      if (reads.token.kind !== 'times') throw new Error(JSON.stringify(reads.token));
      expect(reads.token.path).toBe('/var/run/secrets/kubernetes.io/serviceaccount/token');
      const { exp, iat, warnafter, sub } = reads.token.times;
      expect(exp! - iat!).toBe(365 * 24 * 3600);
      expect(warnafter! - iat!).toBe(3607);
      expect(sub).toBe('system:serviceaccount:default:default');
      expect(JSON.stringify(reads)).not.toContain(
        (await cat('default', name, name, '/var/run/secrets/kubernetes.io/serviceaccount/token')).split(
          '.',
        )[1],
      );
    });

  it('reads a pod with hostAliases, dnsPolicy None and dnsConfig as the kubelet writes them', async () => {
    await create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'aliases', namespace: 'default' },
      spec: {
        hostname: 'web-0',
        subdomain: 'web',
        dnsPolicy: 'None',
        dnsConfig: {
          nameservers: ['192.0.2.1'],
          searches: ['corp.example'],
          options: [{ name: 'ndots', value: '2' }],
        },
        hostAliases: [{ ip: '10.1.2.3', hostnames: ['foo.remote', 'bar.remote'] }],
        automountServiceAccountToken: false,
        containers: [{ name: 'main', image: 'busybox', command: ['sleep', '3600'] }],
      },
    });
    await waitForPodPhase(suite.t, 'default', 'aliases', 'Running');
    const pod = await podOf('default', 'aliases');
    const reads = await readInside({ kc: suite.t.kc, pod, selected: undefined });
    if (reads.kind !== 'read') throw new Error(JSON.stringify(reads));
    const resolv = await cat('default', 'aliases', 'main', '/etc/resolv.conf');
    const hosts = await cat('default', 'aliases', 'main', '/etc/hosts');
    expect(reads.resolvConf).toEqual({ kind: 'text', text: resolv });
    expect(resolv).toBe('search corp.example\nnameserver 192.0.2.1\noptions ndots:2\n');
    expect(reads.hosts).toEqual({ kind: 'text', text: hosts });
    expect(hosts).toContain(`${pod.status!.podIP}\tweb-0.web.default.svc.cluster.local\tweb-0\n`);
    expect(hosts).toContain('\n# Entries added by HostAliases.\n10.1.2.3\tfoo.remote\tbar.remote\n');
    // automountServiceAccountToken: false: no token volume, so nothing to read and nothing in the container.
    expect(reads.token).toEqual({ kind: 'not-mounted' });
    const token = await suite.kubectl.run([
      'exec',
      'aliases',
      '--',
      'cat',
      '/var/run/secrets/kubernetes.io/serviceaccount/token',
    ]);
    expect(token.stderr).toMatch(/No such file or directory/);
  });

  it('passes over a distroless container for one that has cat, and says so', async () => {
    const name = await runningWebApp(suite.t);
    const pod = await podOf('frontend', name);
    const reads = await readInside({ kc: suite.t.kc, pod, selected: 'web-app' });
    if (reads.kind !== 'read') throw new Error(JSON.stringify(reads));
    expect(reads.container).toBe('nginx');
    expect(reads.skipped).toHaveLength(1);
    expect(reads.skipped[0]).toMatch(/^web-app: the image has no cat/);
  });

  it('says the files are unavailable when no running container has cat', async () => {
    await create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'only-distroless', namespace: 'default' },
      spec: { containers: [{ name: 'app', image: 'ghcr.io/lameaux/mox:latest' }] },
    });
    await waitForPodPhase(suite.t, 'default', 'only-distroless', 'Running');
    const reads = await readInside({
      kc: suite.t.kc,
      pod: await podOf('default', 'only-distroless'),
      selected: undefined,
    });
    expect(reads.kind).toBe('unavailable');
    if (reads.kind !== 'unavailable') return;
    expect(reads.reason).toMatch(/no running container has cat/);
    expect(reads.tried[0]).toMatch(/^app: the image has no cat/);
    // The view still shows everything the API tells.
    const pod = await podOf('default', 'only-distroless');
    const text = insideLines({
      pod,
      node: await readNodeRuntime(suite.t.kc, pod.spec?.nodeName),
      reads,
      now: Date.now(),
    })
      .map((l) => l.text)
      .join('\n');
    expect(text).toMatch(new RegExp(`Pod IPs: +${pod.status!.podIP!.replace(/\./g, '\\.')}`));
    expect(text).toMatch(/Runtime: +containerd:\/\/1\.7\.24/);
    expect(text).toMatch(/Token volume: +kube-api-access-\w+/);
    expect(text).toContain('no running container has cat');
  });

  it('shows a host-network pod the node’s files (kube-proxy)', async () => {
    const list = JSON.parse(
      (
        await suite.kubectl.run([
          'get',
          'pods',
          '-n',
          'kube-system',
          '-l',
          'k8s-app=kube-proxy',
          '-o',
          'json',
        ])
      ).stdout,
    ) as { items: Pod[] };
    const pod = list.items.find((p) => p.status?.phase === 'Running');
    if (!pod) throw new Error('no running kube-proxy pod');
    const reads = await readInside({ kc: suite.t.kc, pod, selected: undefined });
    if (reads.kind !== 'read') throw new Error(JSON.stringify(reads));
    const hosts = reads.hosts.kind === 'text' ? reads.hosts.text : '';
    expect(hosts.split('\n')[0]).toBe('# Kubernetes-managed hosts file (host network).');
    expect(hosts).toContain(`${pod.status!.hostIP}\t${pod.spec!.nodeName}\n`);
    expect(reads.resolvConf).toEqual({ kind: 'text', text: 'nameserver 172.18.0.1\noptions ndots:0\n' });
  });

  it('says so when no container of the pod runs (webserver, stuck pulling a misspelt image)', async () => {
    const reads = await readInside({
      kc: suite.t.kc,
      pod: await podOf('default', 'webserver'),
      selected: undefined,
    });
    expect(reads).toEqual({
      kind: 'unavailable',
      tried: [],
      reason: 'no container of the pod is running: nothing to exec into',
    });
  });

  it('gives the server’s refusal when the user may not exec (the demo’s viewer)', async () => {
    const reads = await readInside({
      kc: suite.t.demo.kubeConfig('podscope-demo-viewer'),
      pod: await podOf('default', 'bb'),
      selected: undefined,
    });
    expect(reads.kind).toBe('unavailable');
    expect(reads.kind === 'unavailable' && reads.reason).toMatch(/forbidden|not allowed/);
  });
});

describe('readNodeRuntime', () => {
  it('shows the node’s runtime as kubectl does', async () => {
    const node = (await podOf('default', 'bb')).spec!.nodeName!;
    const r = await suite.kubectl.run([
      'get',
      'node',
      node,
      '-o',
      'jsonpath={.status.nodeInfo.containerRuntimeVersion}',
    ]);
    const runtime = await readNodeRuntime(suite.t.kc, node);
    expect(runtime).toMatchObject({ kind: 'known', containerRuntimeVersion: r.stdout });
    expect(r.stdout).toMatch(/^containerd:\/\//);
  });

  it('is "hidden", with the server’s words, for a user who may not read nodes', async () => {
    const runtime = await readNodeRuntime(suite.t.demo.kubeConfig('podscope-demo-viewer'), 'demo-worker');
    expect(runtime.kind).toBe('hidden');
    expect(runtime.kind === 'hidden' && runtime.reason).toMatch(/nodes "demo-worker" is forbidden/);
  });

  it('says a pod without a node has none', async () => {
    expect(await readNodeRuntime(suite.t.kc, undefined)).toEqual({ kind: 'unscheduled' });
  });
});
