/**
 * What the debug-container suites start from: a demo cluster, the real kubectl pointed at it, a web-app replica
 * with every container running (its distroless `web-app` is the usual target) and the busybox pod `bb` Running.
 */
import {
  runningWebApp,
  startTestCluster,
  waitForPodPhase,
  type TestCluster,
} from '../../support/demoCluster.js';
import { Kubectl, requireKubectl } from '../../support/kubectl.js';

/** The cluster, kubectl on it, and the running web-app replica's name. */
export interface DebugSuite {
  readonly t: TestCluster;
  readonly k: Kubectl;
  readonly webApp: string;
}

/** Starts it (fails with a clear message when kubectl is missing); the caller closes `t.demo` after its tests. */
export async function startDebugSuite(): Promise<DebugSuite> {
  await requireKubectl();
  const t = await startTestCluster();
  const k = new Kubectl(t.demo);
  const webApp = await runningWebApp(t);
  await waitForPodPhase(t, 'default', 'bb', 'Running');
  return { t, k, webApp };
}
