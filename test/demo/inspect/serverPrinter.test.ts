/**
 * STATUS follows the printer of the server podscope talks to. kubectl shows the Table the API server prints, and
 * printers differ between releases: from 1.35 a pod whose containers are [Completed, Error] prints `Error`, before
 * it `Completed`. podscope asks `GET /version` at connect (`learnServerVersion`): against the demo, which is 1.32
 * (and prints its Table with 1.32's printer), the dashboard's row says what `kubectl get pods` says; against a
 * server whose version can't be read, the newest printer's rules apply.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { podRow } from '../../../src/domain/podRow.js';
import { NEWEST_PRINTER, printerMinor, setPrinterMinor } from '../../../src/domain/printerVersion.js';
import type { Pod } from '../../../src/domain/wire.js';
import { PlainKubeConfig } from '../../../src/kube/plainKubeConfig.js';
import { learnServerVersion } from '../../../src/kube/serverVersion.js';
import { slimPod } from '../../../src/kube/slimPod.js';
import { startTestCluster, type TestCluster } from '../../support/demoCluster.js';
import { Kubectl, requireKubectl } from '../../support/kubectl.js';

let t: TestCluster;
let k: Kubectl;
const NAME = 'two-steps';

/** Two containers: the first finished cleanly, the second failed; the pod has failed. */
function terminated(name: string, exitCode: number, reason: string) {
  return {
    name,
    image: 'busybox:1.36',
    imageID: '',
    ready: false,
    restartCount: 0,
    state: {
      terminated: {
        exitCode,
        reason,
        startedAt: new Date('2026-01-01T00:00:00Z'),
        finishedAt: new Date('2026-01-01T00:00:05Z'),
      },
    },
  };
}

beforeAll(async () => {
  await requireKubectl();
  t = await startTestCluster();
  k = new Kubectl(t.demo);
  // Bound to a node no simulated kubelet runs, so the status written below stays as written.
  const created = await t.core.createNamespacedPod({
    namespace: 'default',
    body: {
      metadata: { name: NAME },
      spec: {
        nodeName: 'elsewhere',
        restartPolicy: 'Never',
        containers: [
          { name: 'prepare', image: 'busybox:1.36' },
          { name: 'upload', image: 'busybox:1.36' },
        ],
      },
    },
  });
  await t.core.replaceNamespacedPodStatus({
    name: NAME,
    namespace: 'default',
    body: {
      ...created,
      status: {
        phase: 'Failed',
        conditions: [{ type: 'Ready', status: 'False' }],
        containerStatuses: [terminated('prepare', 0, 'Completed'), terminated('upload', 1, 'Error')],
      },
    },
  });
});
afterEach(() => setPrinterMinor(undefined));
afterAll(async () => {
  await t?.demo.close();
});

async function kubectlStatus(): Promise<string> {
  const table = await k.run(['get', 'pod', '-n', 'default', NAME, '--no-headers']);
  expect(table.stderr).toBe('');
  return table.stdout.trim().split(/\s+/)[2]!;
}

async function ourStatus(): Promise<string> {
  const pod = (await t.core.readNamespacedPod({ name: NAME, namespace: 'default' })) as Pod;
  return podRow(slimPod(pod)).text.status;
}

describe("the STATUS column follows the connected server's printer", () => {
  it('learns 1.32 from the demo, and then shows what kubectl get pods shows', async () => {
    expect(await learnServerVersion(t.kc)).toBe(32);
    expect(printerMinor()).toBe(32);
    expect(await kubectlStatus()).toBe('Completed');
    expect(await ourStatus()).toBe('Completed');
  });

  it('follows the newest printer until a version is known', async () => {
    expect(printerMinor()).toBe(NEWEST_PRINTER);
    expect(await ourStatus()).toBe('Error');
    // The demo is still a 1.32 server: its Table keeps its own printer whatever podscope follows.
    expect(await kubectlStatus()).toBe('Completed');
  });

  it('follows the newest printer for a server whose version cannot be read, without failing', async () => {
    setPrinterMinor(32);
    const unreachable = new PlainKubeConfig({
      clusters: [{ name: 'gone', server: 'https://127.0.0.1:9', skipTLSVerify: true }],
      users: [{ name: 'nobody' }],
      contexts: [{ name: 'gone', cluster: 'gone', user: 'nobody' }],
      currentContext: 'gone',
    });
    expect(await learnServerVersion(unreachable, 2_000)).toBeUndefined();
    expect(printerMinor()).toBe(NEWEST_PRINTER);
    expect(await ourStatus()).toBe('Error');
  });
});
