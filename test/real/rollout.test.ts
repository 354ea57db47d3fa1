/**
 * The demo's deployment controller held to kube-controller-manager's: the same Deployment on both servers, then
 * `kubectl scale` and `kubectl rollout restart` through kubectl on each, and what a user (and `kubectl rollout
 * status`) reads afterwards must be the same — generations, revision and replica annotations, the new ReplicaSet's
 * name form and hash label, the old one scaled to 0, the status counts and the conditions' reasons. Hash values
 * differ (the demo hashes the template's JSON, upstream a spew dump), so only their form is compared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCluster, type DemoServer } from '../../src/demo/server.js';
import { Kubectl } from '../support/kubectl.js';
import { createNamespace, realCluster } from '../support/realCluster.js';
import { waitFor } from '../support/waitFor.js';

const NS = 'podscope-rollout';
let demo: DemoServer;
let servers: { name: string; k: Kubectl }[];

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: roll
  namespace: ${NS}
spec:
  replicas: 3
  selector:
    matchLabels: { app: roll }
  template:
    metadata:
      labels: { app: roll }
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

interface Rs {
  metadata: { name: string; labels: Record<string, string>; annotations: Record<string, string> };
  spec: { replicas: number };
}

/** What a user reads of the Deployment and its ReplicaSets, hashes replaced by their form. */
async function seen(k: Kubectl): Promise<unknown> {
  const d = JSON.parse((await k.run(['get', 'deploy', 'roll', '-n', NS, '-o', 'json'])).stdout) as {
    metadata: { generation: number; annotations: Record<string, string> };
    status: Record<string, unknown> & {
      conditions: { type: string; status: string; reason: string; message: string }[];
    };
  };
  const sets = (JSON.parse((await k.run(['get', 'rs', '-n', NS, '-o', 'json'])).stdout) as { items: Rs[] })
    .items;
  const { conditions, ...counts } = d.status;
  return {
    generation: d.metadata.generation,
    revision: d.metadata.annotations['deployment.kubernetes.io/revision'],
    counts,
    conditions: conditions
      .map((c) => `${c.type}=${c.status}/${c.reason}: ${c.message.replace(/roll-[a-z0-9]+/, 'roll-HASH')}`)
      .sort(),
    replicaSets: sets
      .map((rs) => ({
        nameForm: rs.metadata.name === `roll-${rs.metadata.labels['pod-template-hash']}`,
        replicas: rs.spec.replicas,
        annotations: rs.metadata.annotations,
      }))
      .sort(
        (a, b) =>
          Number(a.annotations['deployment.kubernetes.io/revision']) -
          Number(b.annotations['deployment.kubernetes.io/revision']),
      ),
  };
}

async function settled(k: Kubectl, want: number): Promise<void> {
  const r = await k.run(['rollout', 'status', 'deploy/roll', '-n', NS, '--timeout=90s']);
  expect(r.stdout).toContain('successfully rolled out');
  await waitFor(
    async () => {
      const d = JSON.parse((await k.run(['get', 'deploy', 'roll', '-n', NS, '-o', 'json'])).stdout) as {
        status: { replicas?: number; availableReplicas?: number; conditions?: { reason: string }[] };
      };
      return (
        d.status.replicas === want &&
        d.status.availableReplicas === want &&
        d.status.conditions?.some((c) => c.reason === 'NewReplicaSetAvailable')
      );
    },
    'the status settled',
    60_000,
  );
}

beforeAll(async () => {
  demo = await startDemoCluster({ seed: 7 });
  servers = [
    { name: 'demo', k: new Kubectl(demo) },
    { name: 'real', k: new Kubectl(realCluster()) },
  ];
  await createNamespace(realCluster(), NS);
  await servers[0]!.k.run(['create', 'namespace', NS]);
  for (const s of servers) {
    const r = await s.k.run(['apply', '-f', '-'], MANIFEST);
    expect(r.stderr).toBe('');
    await settled(s.k, 3);
  }
}, 180_000);
afterAll(() => demo?.close());

describe('a Deployment scaled and restarted: the demo as kube-controller-manager', () => {
  it('after apply, scale to 5, then rollout restart, each reads the same', async () => {
    const steps: [string, string[], number][] = [
      ['apply', [], 3],
      ['scale', ['scale', 'deploy/roll', '-n', NS, '--replicas=5'], 5],
      ['restart', ['rollout', 'restart', 'deploy/roll', '-n', NS], 5],
    ];
    for (const [step, args, want] of steps) {
      const views: Record<string, unknown> = {};
      for (const s of servers) {
        if (args.length) {
          const r = await s.k.run(args);
          expect(r.stderr, `${s.name} ${step}`).toBe('');
        }
        await settled(s.k, want);
        views[s.name] = await seen(s.k);
      }
      expect(views['demo'], step).toEqual(views['real']);
    }
  }, 300_000);
});
