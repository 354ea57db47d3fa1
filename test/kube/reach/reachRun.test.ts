/**
 * The reach probe against the demo cluster over real HTTPS and WebSocket: a client pod in the target's namespace
 * requests each declared port of the target's IP and is deleted after — seed 001's `kubectl run --rm
 * --image=curlimages/curl client-pod -- curl IP:8080`, whose answer names the client pod's own IP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_SELECTOR } from '../../../src/domain/reach/clientPod.js';
import type { ReachReport } from '../../../src/domain/reach/reachReport.js';
import { ReachRun } from '../../../src/kube/reach/reachRun.js';
import {
  runningWebApp,
  startTestCluster,
  waitForPodPhase,
  type TestCluster,
} from '../../support/demoCluster.js';
import { Kubectl, requireKubectl } from '../../support/kubectl.js';
import { waitFor } from '../../support/waitFor.js';

let t: TestCluster;
let kubectl: Kubectl;

beforeAll(async () => {
  await requireKubectl();
  t = await startTestCluster();
  kubectl = new Kubectl(t.demo);
  await waitForPodPhase(t, 'default', 'kiada', 'Running');
});
afterAll(async () => {
  await t.demo.close();
});

function reach(namespace: string, pod: string, extra: { port?: number; image?: string } = {}): ReachRun {
  return new ReachRun({
    kc: t.kc,
    clientKubeConfig: () => Promise.resolve(t.kc),
    namespace,
    pod,
    port: extra.port,
    image: extra.image ?? 'curlimages/curl',
  });
}

/** kubectl's view of the client pods left in `namespace` (none, after every run). */
async function clientPodsLeft(namespace: string): Promise<string> {
  const r = await kubectl.run(['get', 'pods', '-n', namespace, '-l', CLIENT_SELECTOR, '-o', 'name']);
  return r.stdout.trim();
}

describe('reach', () => {
  it('gets the seed’s kiada answer from a client pod, naming the client pod’s IP, and deletes the client pod', async () => {
    const run = reach('default', 'kiada');
    let clientIP: Promise<string | undefined> | undefined;
    run.subscribe(() => {
      const r = run.getSnapshot();
      // Read while the client pod exists: it is Running, the probe has not started.
      if (!clientIP && r.clientPod && r.steps.at(-1) === 'Running')
        clientIP = t.core
          .readNamespacedPod({ namespace: 'default', name: r.clientPod })
          .then((p) => p.status?.podIP);
    });
    await run.start();
    const report = run.getSnapshot();
    expect(report.state).toBe('done');
    expect(report.steps.at(-1)).toBe('Running');
    expect(report.ports.map((p) => [p.port.port, p.port.kind])).toEqual([[8080, 'http']]);
    const result = report.ports[0]!.result!;
    const ip = await clientIP;
    expect(ip).toMatch(/^10\.244\./);
    expect(result.outcome).toEqual({
      kind: 'answered',
      statusLine: 'HTTP/1.1 200 OK',
      body: [`Kiada version 0.1. Request processed by "kiada". Client IP: ::ffff:${ip}`],
    });
    expect(result.ms).toBeGreaterThanOrEqual(0);
    expect(report.cleanup).toEqual({ ok: true, text: `deleted client pod ${report.clientPod}` });
    expect(await clientPodsLeft('default')).toBe('');
  });

  it('says refused for a port nothing listens on (curl for HTTP-looking ports, nc -z for the others)', async () => {
    for (const [port, kind] of [
      [8000, 'http'],
      [5432, 'tcp'],
    ] as const) {
      const run = reach('default', 'kiada', { port });
      await run.start();
      const r = run.getSnapshot();
      expect(r.ports[0]!.port.kind).toBe(kind);
      expect(r.ports[0]!.result!.outcome.kind).toBe('refused');
    }
    expect(await clientPodsLeft('default')).toBe('');
  });

  it('checks each declared port of a web-app replica (nginx on 80, the app on 8080)', async () => {
    const pod = await runningWebApp(t);
    const run = reach('frontend', pod);
    await run.start();
    const r = run.getSnapshot();
    expect(r.state).toBe('done');
    expect(r.ports.map((p) => [p.port.port, p.port.container, p.result?.outcome.kind])).toEqual([
      [80, 'nginx', 'answered'],
      [8080, 'web-app', 'answered'],
    ]);
    const nginx = r.ports[0]!.result!.outcome;
    expect(nginx.kind === 'answered' && nginx.statusLine).toBe('HTTP/1.1 200 OK');
    expect(await clientPodsLeft('frontend')).toBe('');
  });

  it('finds the classic mistake (localhost-app: declares 8080, its app listens on 127.0.0.1:3000 only)', async () => {
    await waitForPodPhase(t, 'default', 'localhost-app', 'Running');
    // The declared port: nothing listens there.
    const declared = reach('default', 'localhost-app');
    await declared.start();
    expect(declared.getSnapshot().ports.map((p) => [p.port.port, p.result?.outcome.kind])).toEqual([
      [8080, 'refused'],
    ]);
    // The port the app does listen on, but on loopback: unreachable through the pod IP, so refused too (the
    // ports check, P, says why: "loopback only").
    const loopback = reach('default', 'localhost-app', { port: 3000 });
    await loopback.start();
    expect(loopback.getSnapshot().ports.map((p) => [p.port.port, p.result?.outcome.kind])).toEqual([
      [3000, 'refused'],
    ]);
    expect(await clientPodsLeft('default')).toBe('');
  });

  it('reports a client image that cannot be pulled in the pod’s own words, and deletes the pod', async () => {
    const run = reach('default', 'kiada', { image: 'does-not-exist' });
    await run.start();
    const r: ReachReport = run.getSnapshot();
    expect(r.state).toBe('failed');
    expect(r.error).toMatch(
      /^podscope-reach-\w+ cannot start: ErrImagePull: failed to pull and unpack image/,
    );
    expect(r.ports.every((p) => p.result === undefined)).toBe(true);
    expect(r.cleanup?.ok).toBe(true);
    expect(await clientPodsLeft('default')).toBe('');
  });

  it('deletes the client pod when cancelled mid-run', async () => {
    const run = reach('default', 'kiada');
    const done = run.start();
    await waitFor(() => run.getSnapshot().clientPod, 'the client pod to be created');
    await run.dispose();
    await done;
    expect(run.getSnapshot().state).toBe('cancelled');
    expect(await clientPodsLeft('default')).toBe('');
  });

  it('reports a create the API server refuses (RBAC) in its words, and has nothing to delete', async () => {
    const { KubeConfig } = await import('@kubernetes/client-node');
    const viewer = new KubeConfig();
    viewer.loadFromString(t.demo.kubeconfig());
    viewer.setCurrentContext('podscope-demo-viewer');
    const run = new ReachRun({
      kc: viewer,
      clientKubeConfig: () => Promise.resolve(viewer),
      namespace: 'default',
      pod: 'kiada',
      image: 'curlimages/curl',
    });
    await run.start();
    const r = run.getSnapshot();
    expect(r.state).toBe('failed');
    expect(r.error).toMatch(
      /^could not create podscope-reach-\w+: pods is forbidden: User "podscope-demo-viewer" cannot create resource "pods" in API group "" in the namespace "default"/,
    );
    expect(r.clientPod).toBeUndefined();
    expect(r.cleanup).toBeUndefined();
  });

  it('says what is wrong with the target before creating anything', async () => {
    const none = reach('default', 'bb');
    await none.start();
    expect(none.getSnapshot().error).toBe('bb declares no TCP ports: name one with :reach PORT');
    const gone = reach('default', 'no-such-pod');
    await gone.start();
    expect(gone.getSnapshot().error).toBe('pod no-such-pod not found');
    expect(gone.getSnapshot().clientPod).toBeUndefined();
  });
});

describe('leftovers (podscope killed with SIGKILL)', () => {
  it('a client pod ends on its own at its activeDeadlineSeconds, as kubectl shows it, and the next run deletes it', async () => {
    const { clientPodManifest } = await import('../../../src/domain/reach/clientPod.js');
    const leftover = clientPodManifest('default', 'podscope-reach-old01', 'curlimages/curl', 'kiada');
    await t.core.createNamespacedPod({ namespace: 'default', body: leftover as never });
    await waitForPodPhase(t, 'default', 'podscope-reach-old01', 'Running');
    // Its 300 s pass: the deadline is lowered instead (the one change of it the API allows), which the kubelet keeps.
    await kubectl.run(['patch', 'pod', 'podscope-reach-old01', '-p', '{"spec":{"activeDeadlineSeconds":1}}']);
    // The kubelet fails the pod with DeadlineExceeded (pkg/kubelet/active_deadline.go) and kills its container.
    const pod = await waitFor(async () => {
      const p = await t.core.readNamespacedPod({ namespace: 'default', name: 'podscope-reach-old01' });
      return p.status?.phase === 'Failed' && p;
    }, 'the leftover client pod to fail at its deadline');
    expect(pod.status?.reason).toBe('DeadlineExceeded');
    expect(pod.status?.message).toBe('Pod was active on the node longer than the specified deadline');
    expect(pod.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({
      exitCode: 137,
      reason: 'Error',
    });
    // podscope's STATUS is kubectl's (the terminated container's reason wins over the pod's, in printPod).
    const printed = await kubectl.run(['get', 'pod', 'podscope-reach-old01', '--no-headers']);
    const { podStatusReason } = await import('../../../src/domain/podStatus.js');
    expect(printed.stdout.split(/\s+/)[2]).toBe(podStatusReason(pod as never));
    const events = await kubectl.run([
      'get',
      'events',
      '--field-selector',
      'involvedObject.name=podscope-reach-old01',
    ]);
    expect(events.stdout).toMatch(
      /Normal\s+DeadlineExceeded\s+pod\/podscope-reach-old01\s+Pod was active on the node longer than the specified deadline/,
    );

    const run = reach('default', 'kiada');
    await run.start();
    expect(run.getSnapshot().swept).toEqual(['podscope-reach-old01']);
    expect(await clientPodsLeft('default')).toBe('');
  });

  it('leaves a client pod alone while its deadline runs (another podscope may be using it)', async () => {
    const { clientPodManifest } = await import('../../../src/domain/reach/clientPod.js');
    const live = clientPodManifest('default', 'podscope-reach-live1', 'curlimages/curl', 'kiada');
    await t.core.createNamespacedPod({ namespace: 'default', body: live as never });
    const run = reach('default', 'kiada');
    await run.start();
    expect(run.getSnapshot().swept).toEqual([]);
    expect(await clientPodsLeft('default')).toBe('pod/podscope-reach-live1');
    await kubectl.run(['delete', 'pod', 'podscope-reach-live1', '--grace-period=0', '--force']);
  });
});
