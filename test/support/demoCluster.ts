/** Starting a demo cluster for a test file, with its client-node configuration. */
import { CoreV1Api } from '@kubernetes/client-node';
import type { KubeConfig } from '@kubernetes/client-node';
import type { DemoServer, DemoServerOptions } from '../../src/demo/server.js';
import { startDemoCluster } from '../../src/demo/server.js';
import { waitFor } from './waitFor.js';

export interface TestCluster {
  demo: DemoServer;
  kc: KubeConfig;
  core: CoreV1Api;
}

export async function startTestCluster(opts: DemoServerOptions = {}): Promise<TestCluster> {
  const demo = await startDemoCluster({ seed: 42, ...opts });
  const kc = demo.kubeConfig();
  return { demo, kc, core: kc.makeApiClient(CoreV1Api) };
}

/**
 * Waits for one of the demo's `frontend/web-app` replicas to be Running with every container started (its
 * distroless `web-app` container included) and returns its name.
 */
export async function runningWebApp(t: TestCluster, timeoutMs = 10_000): Promise<string> {
  return waitFor(
    async () => {
      const list = await t.core.listNamespacedPod({ namespace: 'frontend', labelSelector: 'app=web-app' });
      return list.items.find(
        (p) =>
          p.status?.phase === 'Running' &&
          !p.metadata?.deletionTimestamp &&
          p.status.containerStatuses?.every((c) => c.state?.running),
      )?.metadata?.name;
    },
    'a web-app pod with every container running',
    timeoutMs,
  );
}

/** Waits until a pod's printed status (kubectl's STATUS column) satisfies `ok`. */
export async function waitForPodPhase(
  t: TestCluster,
  namespace: string,
  name: string,
  phase: string,
  timeoutMs = 10_000,
): Promise<void> {
  await waitFor(
    async () => (await t.core.readNamespacedPod({ name, namespace })).status?.phase === phase,
    `${namespace}/${name} ${phase}`,
    timeoutMs,
  );
}
