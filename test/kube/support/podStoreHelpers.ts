/** Watching a PodStore from a test: every snapshot it publishes, and comparing it with the server. */
import { KubeConfig } from '@kubernetes/client-node';
import type { CoreV1Api } from '@kubernetes/client-node';
import type { DemoServer } from '../../../src/demo/server.js';
import { afterEach } from 'vitest';
import { PodStore, type PodSnapshot } from '../../../src/kube/podStore.js';

/** Records every snapshot the store publishes, with when. */
export function record(store: PodStore): { snapshots: { at: number; snapshot: PodSnapshot }[] } {
  const out = { snapshots: [] as { at: number; snapshot: PodSnapshot }[] };
  store.subscribe(() => out.snapshots.push({ at: performance.now(), snapshot: store.getSnapshot() }));
  return out;
}

/** "namespace/name → resourceVersion", sorted, for a whole snapshot. */
export function snapshotVersions(s: PodSnapshot): string[] {
  return [...s.pods.values()]
    .map((p) => `${p.metadata?.namespace}/${p.metadata?.name}@${p.metadata?.resourceVersion}`)
    .sort();
}

/** The same, from a fresh list of the server. */
export async function serverVersions(core: CoreV1Api, namespace?: string): Promise<string[]> {
  const list = namespace ? await core.listNamespacedPod({ namespace }) : await core.listPodForAllNamespaces();
  return list.items
    .map((p) => `${p.metadata?.namespace}/${p.metadata?.name}@${p.metadata?.resourceVersion}`)
    .sort();
}

/** Whether the store holds exactly what the server has: same pods, same versions. */
export async function matchesServer(store: PodStore, core: CoreV1Api, namespace?: string): Promise<boolean> {
  const server = await serverVersions(core, namespace);
  return JSON.stringify(snapshotVersions(store.getSnapshot())) === JSON.stringify(server);
}

/** A KubeConfig for the demo cluster with its server or token changed. */
export function kubeConfigWith(demo: DemoServer, change: { server?: string; token?: string }): KubeConfig {
  let text = demo.kubeconfig();
  if (change.server) text = text.replace(/server: .*/, `server: ${change.server}`);
  if (change.token) text = text.replace(/token: .*/, `token: ${change.token}`);
  const kc = new KubeConfig();
  kc.loadFromString(text);
  return kc;
}

/**
 * Registers an `afterEach` that stops every store made in the test (call it at a suite's top level) and returns
 * the function that makes them: `new PodStore(...)`, remembered for the stop.
 */
export function podStores(): (...args: ConstructorParameters<typeof PodStore>) => PodStore {
  const made: PodStore[] = [];
  afterEach(() => {
    for (const s of made.splice(0)) s.stop();
  });
  return (...args) => {
    const store = new PodStore(...args);
    made.push(store);
    return store;
  };
}
