/**
 * Services and EndpointSlices (issue 16) against the real control plane and the demo cluster side by side: the
 * same kubectl commands must read the same on kube-apiserver 1.32 (and its EndpointSlice controller) as on the
 * demo — the defaults a created Service gets, `kubectl get svc -o wide`'s columns, the 422 for common mistakes,
 * and the slice the controller writes for a selector no pod matches. ClusterIPs and node ports are allocated at
 * random on both and compared by shape.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCluster, type DemoServer } from '../../src/demo/server.js';
import { Kubectl } from '../support/kubectl.js';
import { createNamespace, realCluster } from '../support/realCluster.js';
import { waitFor } from '../support/waitFor.js';

const NS = 'podscope-services';
let demo: DemoServer;
let sides: { name: string; k: Kubectl }[];

beforeAll(async () => {
  demo = await startDemoCluster({ seed: 42 });
  sides = [
    { name: 'demo', k: new Kubectl(demo) },
    { name: 'real', k: new Kubectl(realCluster()) },
  ];
  await createNamespace(realCluster(), NS);
  const made = await sides[0]!.k.run(['create', 'namespace', NS]);
  expect(made.stderr).toBe('');
});
afterAll(() => demo?.close());

async function both(
  args: string[],
  input?: string,
): Promise<Record<string, { code: number; out: string; err: string }>> {
  const out: Record<string, { code: number; out: string; err: string }> = {};
  for (const s of sides) {
    const r = await s.k.run(['-n', NS, ...args], input);
    out[s.name] = { code: r.code, out: r.stdout, err: r.stderr };
  }
  return out;
}

/** A created Service's spec and status with the allocated values replaced by their shape. */
function shape(json: string): unknown {
  const svc = JSON.parse(json) as { spec: Record<string, unknown>; status: unknown };
  const spec = { ...svc.spec };
  if (typeof spec['clusterIP'] === 'string') spec['clusterIP'] = 'IP';
  if (Array.isArray(spec['clusterIPs'])) spec['clusterIPs'] = spec['clusterIPs'].map(() => 'IP');
  spec['ports'] = (spec['ports'] as Record<string, unknown>[]).map((p) =>
    p['nodePort'] === undefined ? p : { ...p, nodePort: 'PORT' },
  );
  return { spec, status: svc.status };
}

describe('Services on both servers', () => {
  it('get the same defaults: ClusterIP, NodePort and LoadBalancer, a targetPort left out, a named one', async () => {
    const manifests = [
      { name: 'c', spec: { selector: { app: 'c' }, ports: [{ port: 80 }] } },
      {
        name: 'n',
        spec: {
          type: 'NodePort',
          selector: { app: 'n' },
          ports: [{ name: 'web', port: 80, targetPort: 'http' }],
        },
      },
      {
        name: 'l',
        spec: { type: 'LoadBalancer', ports: [{ port: 443, targetPort: 8443, protocol: 'TCP' }] },
      },
    ];
    for (const m of manifests) {
      const body = JSON.stringify({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: m.name },
        spec: m.spec,
      });
      const r = await both(['create', '-f', '-', '-o', 'json'], body);
      expect(r['demo']!.err, m.name).toBe('');
      expect(shape(r['demo']!.out), m.name).toEqual(shape(r['real']!.out));
    }
  });

  it('print the same columns in kubectl get svc -o wide', async () => {
    const r = await both(['get', 'svc', 'c', 'n', 'l', '-o', 'wide']);
    const cells = (text: string) =>
      text
        .trimEnd()
        .split('\n')
        .map((l) =>
          l.split(/\s{2,}/).map((c) =>
            c
              .replace(/^10\.96\.\d+\.\d+$/, 'IP')
              .replace(/:3\d{4}\//, ':PORT/')
              .replace(/^\d+[sm]$/, 'AGE'),
          ),
        );
    expect(cells(r['demo']!.out)).toEqual(cells(r['real']!.out));
  });

  it('refuse the same mistakes with the same 422', async () => {
    const body = JSON.stringify({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'bad' },
      spec: { type: 'Cluster', ports: [{ port: 0 }, { port: 80, protocol: 'FOO', targetPort: 70000 }] },
    });
    const r = await both(['create', '-f', '-'], body);
    expect(r['real']!.code).not.toBe(0);
    expect(r['demo']!.err).toBe(r['real']!.err);
  });

  it('get the same EndpointSlice for a selector no pod matches', async () => {
    const get = (name: string) =>
      waitFor(async () => {
        const r = (await name) === 'demo' ? sides[0]! : sides[1]!;
        const out = await r.k.run([
          '-n',
          NS,
          'get',
          'endpointslices',
          '-l',
          'kubernetes.io/service-name=c',
          '-o',
          'json',
        ]);
        const items = (JSON.parse(out.stdout) as { items: Record<string, unknown>[] }).items;
        return items[0];
      }, `${name}'s slice for c`);
    const [d, real] = [await get('demo'), await get('real')];
    const strip = (s: Record<string, unknown>) => {
      const meta = s['metadata'] as Record<string, unknown>;
      return {
        addressType: s['addressType'],
        endpoints: s['endpoints'],
        ports: s['ports'],
        labels: meta['labels'],
        generateName: meta['generateName'],
        owner: (meta['ownerReferences'] as Record<string, unknown>[]).map((o) => ({ ...o, uid: 'UID' })),
      };
    };
    expect(strip(d)).toEqual(strip(real));
  });

  it('list the seeded web-app pods behind frontend alike: ready, serving, with the pod as targetRef', async () => {
    const read = async (k: Kubectl) => {
      const r = await k.run([
        '-n',
        'frontend',
        'get',
        'endpointslices',
        '-l',
        'kubernetes.io/service-name=frontend',
        '-o',
        'json',
      ]);
      const items = (
        JSON.parse(r.stdout) as {
          items: { ports: unknown; endpoints: { conditions: unknown; targetRef: { kind: string } }[] }[];
        }
      ).items;
      return items.map((s) => ({
        ports: s.ports,
        endpoints: s.endpoints.map((e) => ({ conditions: e.conditions, kind: e.targetRef.kind })),
      }));
    };
    const want = await waitFor(
      async () => {
        const real = await read(sides[1]!.k);
        // kwok marks the pods ready on its own schedule, later under a full run's load: wait for that too.
        const ready = real[0]?.endpoints.every((e) => (e.conditions as { ready?: boolean }).ready === true);
        return real[0]?.endpoints.length === 3 && ready ? real : undefined;
      },
      'the real slice with three ready endpoints',
      120_000,
    );
    // The demo's pods start with the demo: wait for their readiness probes to pass too.
    const demoSlices = await waitFor(
      async () => {
        const d = await read(sides[0]!.k);
        return d[0]?.endpoints.length === 3 && JSON.stringify(d) === JSON.stringify(want) ? d : undefined;
      },
      "the demo's slice as the real one",
      30_000,
    ).catch(() => read(sides[0]!.k));
    expect(demoSlices).toEqual(want);
  }, 180_000);
});
