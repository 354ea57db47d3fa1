/** Starting the two servers the scenarios compare: the demo in-process, the real control plane seeded alike. */
import { startDemoCluster } from '../../../src/demo/server.js';
import { startControlPlane } from '../controlPlane.js';
import { seedPopulation } from '../seed.js';
import { apiJson } from '../api.js';
import type { ApiTarget } from '../api.js';
import type { Target } from './target.js';
import { makeTarget } from './target.js';

export interface Servers {
  demo: Target;
  real: Target;
  stop(): Promise<void>;
}

export async function startDemoTarget(): Promise<{ target: Target; stop: () => Promise<void> }> {
  const demo = await startDemoCluster({ seed: 42 });
  await seedSettled({ server: demo.url, caCert: demo.caCert, token: demo.token });
  return {
    target: makeTarget(
      'demo',
      { server: demo.url, caCert: demo.caCert, token: demo.token },
      demo.kubeconfig(),
    ),
    stop: () => demo.close(),
  };
}

export async function startServers(log: (line: string) => void = () => undefined): Promise<Servers> {
  const [demo, cp] = await Promise.all([startDemoTarget(), startControlPlane()]);
  log(`real control plane up in ${(cp.startMs / 1000).toFixed(1)} s`);
  try {
    await seedPopulation(cp);
  } catch (e) {
    await Promise.all([cp.stop(), demo.stop()]);
    throw e;
  }
  log('real control plane seeded');
  return {
    demo: demo.target,
    real: makeTarget('real', cp, cp.kubeconfig),
    stop: async () => {
      await Promise.all([cp.stop(), demo.stop()]);
    },
  };
}

const STARTING = /^(Pending|ContainerCreating|PodInitializing|Init:.*)$/;

/**
 * Waits until no seed pod is still starting (as kubectl prints its status): the real server's seeding waits for
 * its pods to run, so the demo's are compared once they too have reached where they stay (running, crash-looping,
 * failing to pull, completed).
 */
async function seedSettled(t: ApiTarget, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let starting = 0;
    for (const ns of ['default', 'frontend']) {
      const table = await apiJson<{ rows: { cells: unknown[] }[] }>(t, {
        path: `/api/v1/namespaces/${ns}/pods`,
        accept: 'application/json;as=Table;v=v1;g=meta.k8s.io',
      });
      starting += table.rows.filter((r) => STARTING.test(String(r.cells[2]))).length;
    }
    if (starting === 0) return;
    if (Date.now() > deadline) throw new Error(`the demo's seed pods did not settle in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
