/**
 * The demo's deployment controller, through kubectl (the independent client): `kubectl scale` through the scale
 * subresource, `rollout restart` making a new ReplicaSet `<name>-<pod-template-hash>` with the next revision and
 * rolling within maxSurge/maxUnavailable until `rollout status` says it finished, `rollout history` and
 * `rollout undo` bringing the first template back as revision 3.
 */
import { describe, expect, it } from 'vitest';
import { kubectlSuite } from '../../support/kubectlSuite.js';
import { runningWebApp } from '../../support/demoCluster.js';
import { waitFor } from '../../support/waitFor.js';

const suite = kubectlSuite(async (t) => {
  await runningWebApp(t);
});

interface Rs {
  metadata: { name: string; annotations?: Record<string, string>; labels?: Record<string, string> };
  spec: { replicas: number };
  status: { replicas?: number; readyReplicas?: number };
}

async function replicaSets(): Promise<Rs[]> {
  const r = await suite.kubectl.run(['get', 'rs', '-n', 'frontend', '-l', 'app=web-app', '-o', 'json']);
  expect(r.stderr).toBe('');
  return (JSON.parse(r.stdout) as { items: Rs[] }).items;
}

async function deployment(): Promise<{
  metadata: { generation: number; annotations: Record<string, string> };
  spec: { replicas: number };
  status: Record<string, unknown> & { conditions?: { type: string; reason: string; status: string }[] };
}> {
  const r = await suite.kubectl.run(['get', 'deploy', 'web-app', '-n', 'frontend', '-o', 'json']);
  return JSON.parse(r.stdout) as never;
}

/** The web-app pods running and not terminating. */
async function runningPods(): Promise<string[]> {
  const r = await suite.kubectl.run(['get', 'pods', '-n', 'frontend', '-l', 'app=web-app', '-o', 'json']);
  const pods = (
    JSON.parse(r.stdout) as {
      items: { metadata: { name: string; deletionTimestamp?: string }; status: { phase: string } }[];
    }
  ).items;
  return pods
    .filter((p) => p.status.phase === 'Running' && !p.metadata.deletionTimestamp)
    .map((p) => p.metadata.name);
}

/** `kubectl rollout status` of web-app, which must finish. */
async function rolledOut(): Promise<void> {
  const status = await suite.kubectl.run([
    'rollout',
    'status',
    'deploy/web-app',
    '-n',
    'frontend',
    '--timeout=60s',
  ]);
  expect(status.stderr).toBe('');
  expect(status.stdout).toContain('deployment "web-app" successfully rolled out');
}

describe('Deployment rollouts in the demo, as kubectl sees them', () => {
  it('the deployment settles as the controller leaves it: Available and Progressing with upstream reasons', async () => {
    const d = await waitFor(async () => {
      const d = await deployment();
      return (
        d.status['availableReplicas'] === 3 &&
        d.status.conditions?.some((c) => c.reason === 'NewReplicaSetAvailable') &&
        d
      );
    }, 'web-app available');
    expect(d.status).toMatchObject({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
    });
    expect(d.status['unavailableReplicas']).toBeUndefined();
    expect(d.status.conditions?.map((c) => `${c.type}=${c.status}/${c.reason}`).sort()).toEqual([
      'Available=True/MinimumReplicasAvailable',
      'Progressing=True/NewReplicaSetAvailable',
    ]);
  });

  it('kubectl scale goes through the scale subresource; the ReplicaSet and the pods follow', async () => {
    const r = await suite.kubectl.run(['scale', 'deploy/web-app', '-n', 'frontend', '--replicas=5']);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('deployment.apps/web-app scaled');
    const scale = await suite.kubectl.run([
      'get',
      '--raw',
      '/apis/apps/v1/namespaces/frontend/deployments/web-app/scale',
    ]);
    expect(JSON.parse(scale.stdout)).toMatchObject({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      spec: { replicas: 5 },
      status: { selector: 'app=web-app' },
    });
    await waitFor(async () => (await runningPods()).length === 5, '5 running web-app pods', 20_000);
    const [rs] = await replicaSets();
    expect(rs?.spec.replicas).toBe(5);
    expect(rs?.metadata.annotations?.['deployment.kubernetes.io/desired-replicas']).toBe('5');
    expect(rs?.metadata.annotations?.['deployment.kubernetes.io/max-replicas']).toBe('7');
    const d = await deployment();
    expect(d.metadata.generation).toBe(2);
    const down = await suite.kubectl.run(['scale', 'deploy/web-app', '-n', 'frontend', '--replicas=3']);
    expect(down.stderr).toBe('');
    await waitFor(async () => (await runningPods()).length === 3, '3 web-app pods again', 20_000);
  }, 60_000);

  it('rollout restart makes a new ReplicaSet with the next revision; rollout status waits for it to finish', async () => {
    const before = await replicaSets();
    expect(before).toHaveLength(1);
    const r = await suite.kubectl.run(['rollout', 'restart', 'deploy/web-app', '-n', 'frontend']);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('deployment.apps/web-app restarted');
    await rolledOut();
    const after = await replicaSets();
    expect(after).toHaveLength(2);
    const fresh = after.find((rs) => rs.metadata.name !== before[0]?.metadata.name)!;
    const hash = fresh.metadata.labels?.['pod-template-hash'];
    expect(fresh.metadata.name).toBe(`web-app-${hash}`);
    expect(fresh.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(fresh.spec.replicas).toBe(3);
    const old = after.find((rs) => rs !== fresh)!;
    expect(old.spec.replicas).toBe(0);
    const d = await deployment();
    expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('2');
    expect(d.status).toMatchObject({ replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
    const pods = await suite.kubectl.run([
      'get',
      'pods',
      '-n',
      'frontend',
      '-l',
      `pod-template-hash=${hash}`,
      '-o',
      'name',
    ]);
    expect(pods.stdout.trim().split('\n')).toHaveLength(3);
  }, 90_000);

  it('rollout history lists both revisions; rollout undo brings revision 1 back as revision 3', async () => {
    const history = await suite.kubectl.run(['rollout', 'history', 'deploy/web-app', '-n', 'frontend']);
    expect(history.stderr).toBe('');
    expect(history.stdout).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);
    const undo = await suite.kubectl.run(['rollout', 'undo', 'deploy/web-app', '-n', 'frontend']);
    expect(undo.stderr).toBe('');
    expect(undo.stdout.trim()).toBe('deployment.apps/web-app rolled back');
    await rolledOut();
    const sets = await replicaSets();
    const revisions = sets.map((rs) => [
      rs.metadata.annotations?.['deployment.kubernetes.io/revision'],
      rs.spec.replicas,
    ]);
    expect(revisions.sort()).toEqual([
      ['2', 0],
      ['3', 3],
    ]);
    const back = sets.find((rs) => rs.spec.replicas === 3)!;
    expect(back.metadata.annotations?.['deployment.kubernetes.io/revision-history']).toBe('1');
  }, 90_000);
});

describe('a Recreate Deployment', () => {
  it('scales the old ReplicaSet to 0 before the new one comes up at full size', async () => {
    // Recreate waits for every old pod to be gone, Terminating ones too (oldPodsRunning), and the demo's kubelet
    // keeps a terminating pod for its whole grace period: first pods with a 1 s grace (a rolling update), the
    // previous ones (30 s) removed at once, then Recreate.
    for (const p of [
      '{"spec":{"template":{"spec":{"terminationGracePeriodSeconds":1}}}}',
      '{"spec":{"strategy":{"type":"Recreate","rollingUpdate":null}}}',
    ]) {
      const patch = await suite.kubectl.run([
        'patch',
        'deploy/web-app',
        '-n',
        'frontend',
        '--type=merge',
        '-p',
        p,
      ]);
      expect(patch.stderr).toBe('');
      await rolledOut();
    }
    const pods = JSON.parse(
      (await suite.kubectl.run(['get', 'pods', '-n', 'frontend', '-l', 'app=web-app', '-o', 'json'])).stdout,
    ) as { items: { metadata: { name: string; deletionTimestamp?: string } }[] };
    for (const p of pods.items.filter((x) => x.metadata.deletionTimestamp)) {
      await suite.kubectl.run([
        'delete',
        'pod',
        p.metadata.name,
        '-n',
        'frontend',
        '--grace-period=0',
        '--force',
      ]);
    }
    const restart = await suite.kubectl.run(['rollout', 'restart', 'deploy/web-app', '-n', 'frontend']);
    expect(restart.stderr).toBe('');
    await rolledOut();
    const events = await suite.kubectl.run([
      'get',
      'events',
      '-n',
      'frontend',
      '--field-selector',
      'involvedObject.kind=Deployment,reason=ScalingReplicaSet',
      '-o',
      'jsonpath={range .items[*]}{.message}{"\\n"}{end}',
    ]);
    const lines = events.stdout.trim().split('\n');
    // Recreate: the old one down to 0 from 3, then the new one up from 0 to 3 in one step.
    expect(lines.slice(-2)[0]).toMatch(/^Scaled down replica set web-app-\S+ from 3 to 0$/);
    expect(lines.slice(-1)[0]).toMatch(/^Scaled up replica set web-app-\S+ from 0 to 3$/);
  }, 60_000);
});

describe('a Deployment from a manifest', () => {
  it('kubectl apply -f creates it (validated on the server) and the controller makes its ReplicaSet', async () => {
    const manifest = `apiVersion: apps/v1
kind: Deployment
metadata: { name: from-file, namespace: default }
spec:
  replicas: 2
  selector: { matchLabels: { app: from-file } }
  template:
    metadata: { labels: { app: from-file } }
    spec: { containers: [{ name: web, image: nginx:1.27 }] }
`;
    const r = await suite.kubectl.run(['apply', '-f', '-'], manifest);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('deployment.apps/from-file created');
    const status = await suite.kubectl.run(['rollout', 'status', 'deploy/from-file', '--timeout=60s']);
    expect(status.stdout).toContain('deployment "from-file" successfully rolled out');
    const d = await suite.kubectl.run([
      'get',
      'deploy',
      'from-file',
      '-o',
      'jsonpath={.metadata.generation} {.spec.strategy.rollingUpdate.maxSurge} {.spec.revisionHistoryLimit}',
    ]);
    expect(d.stdout).toBe('1 25% 10');
  }, 60_000);
});
