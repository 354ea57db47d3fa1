/** Starting the two servers the scenarios compare: the demo in-process, the real control plane seeded alike. */
import { startDemoCluster } from '../../../src/demo/server.js';
import { startControlPlane } from '../controlPlane.js';
import { seedPopulation } from '../seed.js';
import type { Target } from './target.js';
import { makeTarget } from './target.js';

export interface Servers {
  demo: Target;
  real: Target;
  stop(): Promise<void>;
}

export async function startDemoTarget(): Promise<{ target: Target; stop: () => Promise<void> }> {
  const demo = await startDemoCluster({ seed: 42 });
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
