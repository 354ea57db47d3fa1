/**
 * Attaching to an interactive main process (issue 16), with kubectl as the client: a busybox `sh` whose
 * container keeps stdin open reads what an attach types, every attacher sees its output, it outlives a detach
 * (state kept), and its exit ends the container's run (restartPolicy applies). stdinOnce without a terminal closes
 * the container's stdin when the first attach's stdin ends, as containerd's CRI does (internal/cri/io/
 * container_io.go, ContainerIO.Attach).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { Kubectl, requireKubectl } from '../support/kubectl.js';
import { startTestCluster, waitForPodPhase, type TestCluster } from '../support/demoCluster.js';
import { waitFor } from '../support/waitFor.js';

let t: TestCluster;
let kubectl: Kubectl;

function shellPod(name: string, extra: Record<string, unknown>, restartPolicy = 'Always'): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: {
      restartPolicy,
      containers: [{ name, image: 'busybox', command: ['sh'], stdin: true, ...extra }],
    },
  });
}

beforeAll(async () => {
  await requireKubectl();
  t = await startTestCluster();
  kubectl = new Kubectl(t.demo);
  for (const manifest of [
    shellPod('once', { stdinOnce: true }, 'Never'),
    shellPod('keep', {}),
    shellPod('two', {}),
  ]) {
    const r = await kubectl.run(['apply', '-f', '-'], manifest);
    expect(r.stderr).toBe('');
  }
  for (const name of ['once', 'keep', 'two']) await waitForPodPhase(t, 'default', name, 'Running');
}, 60_000);
afterAll(async () => {
  await t?.demo.close();
});

/** The reason and exit code of the container's terminated state (or last state), as kubectl reads them. */
async function terminated(pod: string, which: 'state' | 'lastState'): Promise<string> {
  const at = `{.status.containerStatuses[0].${which}.terminated`;
  const r = await kubectl.run([
    'get',
    'pod',
    pod,
    '-n',
    'default',
    '-o',
    `jsonpath=${at}.reason} ${at}.exitCode}`,
  ]);
  return r.stdout;
}

/** A `kubectl attach -i` left running; its output so far, and its end. */
function attach(name: string): { child: ChildProcess; out: () => string; done: Promise<number | null> } {
  const child = kubectl.spawn(['attach', '-i', name, '-n', 'default']);
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  const done = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out: () => out, done };
}

describe('attach to an interactive main process', () => {
  it('stdinOnce: the first attach types, its stdin ending ends the shell, and the pod Succeeds', async () => {
    const r = await kubectl.run(['attach', '-i', 'once', '-n', 'default'], 'X=5\necho hi $X\n');
    expect(r.stdout).toBe('hi 5\n');
    expect(r.code).toBe(0);
    await waitForPodPhase(t, 'default', 'once', 'Succeeded');
    expect(await terminated('once', 'state')).toBe('Completed 0');
    // The runtime logs what the main process wrote: kubectl logs shows the session's output.
    expect((await kubectl.run(['logs', 'once', '-n', 'default'])).stdout).toBe('hi 5\n');
  }, 30_000);

  it('without stdinOnce the shell outlives a detach and keeps its variables; exit restarts the container', async () => {
    // Its stdin ending detaches this attach alone (containerd removes its output); the shell reads on.
    const first = await kubectl.run(['attach', '-i', 'keep', '-n', 'default'], 'Y=7\n');
    expect(first.code).toBe(0);
    const second = attach('keep');
    second.child.stdin?.write('echo got $Y\n');
    await waitFor(() => second.out().includes('got 7\n'), 'the value set by the first attach');
    second.child.stdin?.write('exit 3\n');
    // The process ended: the attach ends (Success, as the kubelet writes when the runtime's attach returns).
    expect(await second.done).toBe(0);
    await waitFor(
      async () =>
        (await t.core.readNamespacedPod({ name: 'keep', namespace: 'default' })).status
          ?.containerStatuses?.[0]?.restartCount === 1,
      'the container restarted',
    );
    expect(await terminated('keep', 'lastState')).toBe('Error 3');
    expect((await kubectl.run(['logs', 'keep', '-n', 'default', '--previous'])).stdout).toBe('got 7\n');
  }, 30_000);

  it('every attacher sees the output; one without stdin reads only', async () => {
    const watcher = kubectl.spawn(['attach', 'two', '-n', 'default']);
    let watched = '';
    watcher.stdout?.on('data', (b: Buffer) => (watched += b.toString()));
    const typist = attach('two');
    // The watcher's attach may reach the server after the first line: type until it sees one.
    await waitFor(
      () => {
        typist.child.stdin?.write('echo seen-by-all\n');
        return watched.includes('seen-by-all\n');
      },
      'the watcher to see the typist’s output',
      10_000,
      300,
    );
    expect(typist.out()).toContain('seen-by-all\n');
    typist.child.stdin?.end();
    expect(await typist.done).toBe(0);
    watcher.kill();
  }, 30_000);
});
