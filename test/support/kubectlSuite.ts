/**
 * One demo cluster and a kubectl bound to it for a whole test file — started (after checking kubectl is there, and
 * after `prepare`, e.g. waiting for a pod to run) before its first test, closed after its last — for the suites
 * that hold podscope's reading of the cluster against kubectl's.
 */
import { afterAll, beforeAll } from 'vitest';
import { startTestCluster, type TestCluster } from './demoCluster.js';
import { Kubectl, requireKubectl } from './kubectl.js';

/** The file's cluster and kubectl; read them inside tests (they exist once `beforeAll` has run). */
export interface KubectlSuite {
  readonly t: TestCluster;
  readonly kubectl: Kubectl;
}

/** Registers the file's `beforeAll`/`afterAll` (call it at the top level) and returns the suite. */
export function kubectlSuite(prepare?: (t: TestCluster) => Promise<void>, timeoutMs = 30_000): KubectlSuite {
  let started: KubectlSuite | undefined;
  beforeAll(async () => {
    await requireKubectl();
    const t = await startTestCluster();
    started = { t, kubectl: new Kubectl(t.demo) };
    await prepare?.(t);
  }, timeoutMs);
  afterAll(async () => {
    await started?.t.demo.close();
  });
  const get = (): KubectlSuite => {
    if (!started) throw new Error('kubectlSuite: read inside a test, after beforeAll');
    return started;
  };
  return {
    get t() {
      return get().t;
    },
    get kubectl() {
      return get().kubectl;
    },
  };
}
