/**
 * Services and EndpointSlices in the demo cluster (issue 16), held against kubectl: the seeded Services and
 * their Table, kubectl's create with the API server's defaults, the 422 for common mistakes, the EndpointSlice
 * controller following pods (a deleted pod leaves its slice, a not-ready one is listed with ready false), and
 * seed 000's `kubectl -n frontend port-forward service/frontend` answering through the demo.
 */
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { EndpointSlice } from '../../../src/domain/services/serviceWire.js';
import { PODS } from '../../../src/demo/store/resourceTypes.js';
import type { Pod } from '../../../src/domain/wire.js';
import { kubectlSuite } from '../../support/kubectlSuite.js';
import { runningWebApp } from '../../support/demoCluster.js';
import { waitFor } from '../../support/waitFor.js';

const suite = kubectlSuite(async (t) => {
  await runningWebApp(t);
});

function httpGet(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', timeout: 3000 }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end();
  });
}

async function slicesOf(namespace: string, service: string): Promise<EndpointSlice[]> {
  const r = await suite.kubectl.run([
    'get',
    'endpointslices',
    '-n',
    namespace,
    '-l',
    `kubernetes.io/service-name=${service}`,
    '-o',
    'json',
  ]);
  expect(r.stderr).toBe('');
  return (JSON.parse(r.stdout) as { items: EndpointSlice[] }).items;
}

describe('Services in the demo cluster', () => {
  it('lists the seeded Services as kubectl get svc -A -o wide prints them', async () => {
    const r = await suite.kubectl.run(['get', 'svc', '-A', '-o', 'wide']);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^NAMESPACE\s+NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\s+SELECTOR$/,
    );
    const cells = (name: string) => lines.find((l) => l.split(/\s+/)[1] === name)?.split(/\s+/) ?? [];
    expect(cells('kubernetes').slice(0, 6)).toEqual([
      'default',
      'kubernetes',
      'ClusterIP',
      '10.96.0.1',
      '<none>',
      '443/TCP',
    ]);
    expect(cells('kube-dns').slice(2, 6)).toEqual([
      'ClusterIP',
      '10.96.0.10',
      '<none>',
      '53/UDP,53/TCP,9153/TCP',
    ]);
    const frontend = cells('frontend');
    expect(frontend[0]).toBe('frontend');
    expect(frontend[3]).toMatch(/^10\.96\.\d+\.\d+$/);
    expect(frontend[5]).toBe('8080/TCP');
    expect(frontend[7]).toBe('app=web-app');
  });

  it('creates a Service with the API server defaults (kubectl create service, protobuf body)', async () => {
    const r = await suite.kubectl.run([
      'create',
      'service',
      'nodeport',
      'np1',
      '--tcp=80:8080',
      '-o',
      'json',
    ]);
    expect(r.stderr).toBe('');
    const svc = JSON.parse(r.stdout) as {
      spec: Record<string, unknown> & { ports: Record<string, unknown>[] };
    };
    expect(svc.spec).toMatchObject({
      type: 'NodePort',
      sessionAffinity: 'None',
      externalTrafficPolicy: 'Cluster',
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
    });
    expect(svc.spec['clusterIP']).toMatch(/^10\.96\./);
    expect(svc.spec['clusterIPs']).toEqual([svc.spec['clusterIP']]);
    expect(svc.spec.ports[0]).toMatchObject({ protocol: 'TCP', port: 80, targetPort: 8080 });
    expect(svc.spec.ports[0]!['nodePort']).toBeGreaterThanOrEqual(30000);
  });

  it('defaults targetPort to the port and refuses common mistakes with the 422 kubectl prints', async () => {
    const ok = await suite.kubectl.run(
      ['create', '-f', '-', '-o', 'jsonpath={.spec.ports[0].targetPort}'],
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'plain' },
        spec: { ports: [{ port: 9000 }] },
      }),
    );
    expect(ok.stdout).toBe('9000');
    const bad = await suite.kubectl.run(
      ['create', '-f', '-'],
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'bad' },
        spec: { type: 'Cluster', ports: [{ port: 0 }, { port: 80, protocol: 'FOO' }] },
      }),
    );
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toBe(
      [
        'The Service "bad" is invalid: ',
        '* spec.ports[0].name: Required value',
        '* spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
        '* spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive',
        '* spec.ports[1].name: Required value',
        '* spec.ports[1].protocol: Unsupported value: "FOO": supported values: "SCTP", "TCP", "UDP"',
        '* spec.type: Unsupported value: "Cluster": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
        '',
      ].join('\n'),
    );
  });

  it('keeps EndpointSlices: one endpoint per pod, a named targetPort resolved per pod, a deleted pod gone', async () => {
    const [api] = await slicesOf('default', 'api');
    expect(api!.metadata!.labels).toMatchObject({
      'kubernetes.io/service-name': 'api',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
    expect(api!.ports).toEqual([{ name: 'http', protocol: 'TCP', port: 8080 }]);
    expect(api!.endpoints![0]!.targetRef).toMatchObject({ kind: 'Pod', name: 'api-with-sidecar' });

    const before = (await slicesOf('frontend', 'frontend'))[0]!;
    expect(before.endpoints).toHaveLength(3);
    const victim = before.endpoints![0]!.targetRef!.name!;
    const del = await suite.kubectl.run(['delete', 'pod', '-n', 'frontend', victim, '--wait=false']);
    expect(del.stderr).toBe('');
    // Terminating: still listed, serving no more new traffic (ready false, terminating true).
    await waitFor(async () => {
      const e = (await slicesOf('frontend', 'frontend'))[0]!.endpoints!.find(
        (x) => x.targetRef?.name === victim,
      );
      return e?.conditions?.terminating === true && e.conditions.ready === false;
    }, `${victim} terminating in the slice`);
    // Its replacement comes in, not ready until its readiness probe passes; the old one leaves once gone.
    await waitFor(
      async () => {
        const eps = (await slicesOf('frontend', 'frontend'))[0]!.endpoints!;
        return (
          !eps.some((x) => x.targetRef?.name === victim) &&
          eps.length === 3 &&
          eps.every((x) => x.conditions?.ready)
        );
      },
      'three ready endpoints without the deleted pod',
      60_000,
    );
  }, 70_000);

  it('lists a pod that is not ready with ready false and serving false', async () => {
    const { store } = suite.t.demo.cluster;
    // A pod the demo's kubelet does not run keeps the status it is given (README): a web-app pod, not Ready.
    store.create(PODS, {
      metadata: { name: 'web-app-unready', namespace: 'frontend', labels: { app: 'web-app' } },
      spec: {
        nodeName: 'elsewhere',
        containers: [{ name: 'web-app', image: 'x', ports: [{ containerPort: 8080 }] }],
      },
      status: { phase: 'Running', podIP: '10.244.200.9', conditions: [{ type: 'Ready', status: 'False' }] },
    } as Pod as never);
    const e = await waitFor(
      async () =>
        (await slicesOf('frontend', 'frontend'))[0]!.endpoints!.find(
          (x) => x.targetRef?.name === 'web-app-unready',
        ),
      'the not-ready pod in the slice',
    );
    expect(e.conditions).toEqual({ ready: false, serving: false, terminating: false });
    expect(e.addresses).toEqual(['10.244.200.9']);
    const ep = await suite.kubectl.run([
      'get',
      'endpoints',
      '-n',
      'frontend',
      'frontend',
      '-o',
      'jsonpath={.subsets[0].notReadyAddresses[*].ip}',
    ]);
    expect(ep.stdout).toBe('10.244.200.9');
    suite.t.demo.cluster.removePod('frontend', 'web-app-unready');
  });

  it('lists a terminating pod that still passes readiness as serving but not ready', async () => {
    const { store } = suite.t.demo.cluster;
    store.create(PODS, {
      metadata: {
        name: 'web-app-leaving',
        namespace: 'frontend',
        labels: { app: 'web-app' },
        deletionTimestamp: new Date(Date.now() + 30_000).toISOString(),
      },
      spec: { nodeName: 'elsewhere', containers: [{ name: 'web-app', image: 'x' }] },
      status: { phase: 'Running', podIP: '10.244.200.10', conditions: [{ type: 'Ready', status: 'True' }] },
    } as Pod as never);
    const e = await waitFor(
      async () =>
        (await slicesOf('frontend', 'frontend'))[0]!.endpoints!.find(
          (x) => x.targetRef?.name === 'web-app-leaving',
        ),
      'the terminating pod in the slice',
    );
    expect(e.conditions).toEqual({ ready: false, serving: true, terminating: true });
    suite.t.demo.cluster.removePod('frontend', 'web-app-leaving');
  });

  it('answers seed 000: kubectl -n frontend port-forward service/frontend', async () => {
    const child = suite.kubectl.spawn(['-n', 'frontend', 'port-forward', 'service/frontend', '0:8080']);
    try {
      let out = '';
      child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
      const port = await waitFor(() => /127\.0\.0\.1:(\d+) -> 8080/.exec(out)?.[1], 'kubectl forwarding');
      expect(await httpGet(Number(port))).toContain('<title>web-app</title>');
    } finally {
      child.kill();
    }
  });
});
