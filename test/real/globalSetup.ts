/**
 * Starts one real control plane for the whole run of the real-server suites, seeds the demo's population, hands
 * its address and admin credentials to every file (`inject('realCluster')`), reports its start-up time and memory,
 * and stops it at the end.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { ControlPlane } from '../cluster/controlPlane.js';
import { startControlPlane } from '../cluster/controlPlane.js';
import { seedPopulation } from '../cluster/seed.js';
import type { RealCluster } from '../support/realCluster.js';

let cp: ControlPlane | undefined;

export async function setup(project: TestProject): Promise<void> {
  cp = await startControlPlane();
  const seeded = Date.now();
  await seedPopulation(cp);
  const kubeconfigFile = join(mkdtempSync(join(tmpdir(), 'podscope-real-kc-')), 'kubeconfig');
  cp.writeKubeconfig(kubeconfigFile);
  const rss = cp.rssMiB();
  const total = Object.values(rss).reduce((a, b) => a + b, 0);
  process.stdout.write(
    `real control plane: ready in ${(cp.startMs / 1000).toFixed(1)} s, seeded in ${((Date.now() - seeded) / 1000).toFixed(1)} s, ` +
      `RSS ${total} MiB (${Object.entries(rss)
        .map(([b, m]) => `${b} ${m}`)
        .join(', ')})\n`,
  );
  const cluster: RealCluster = {
    server: cp.server,
    caCert: cp.caCert,
    token: cp.token,
    kubeconfig: cp.kubeconfig,
    kubeconfigFile,
    caKey: cp.pki.caKey,
  };
  project.provide('realCluster', cluster);
}

export async function teardown(): Promise<void> {
  await cp?.stop();
}
