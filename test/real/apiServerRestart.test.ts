/**
 * PodStore through a restart of the real API server (killed, as a control-plane node's crash does), on a control plane of its own (the
 * shared one must stay up for the other suites): the rows stay, dimmed as stale, while it is away; afterwards the
 * store resumes, and when the version it resumes from is older than the restarted server's watch cache holds, the
 * server answers 410 Gone — its own 410, not the demo's — and the store relists, ending equal to a fresh list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { PodStore } from '../../src/kube/podStore.js';
import { apiJson } from '../cluster/api.js';
import type { ControlPlane } from '../cluster/controlPlane.js';
import { startControlPlane } from '../cluster/controlPlane.js';
import { matchesServer } from '../kube/support/podStoreHelpers.js';
import { createPod } from '../support/realCluster.js';
import { waitFor } from '../support/waitFor.js';

let cp: ControlPlane;
let kc: KubeConfig;

beforeAll(async () => {
  cp = await startControlPlane({ nodes: ['restart-node'] });
  kc = new KubeConfig();
  kc.loadFromString(cp.kubeconfig);
}, 120_000);
afterAll(async () => {
  await cp?.stop();
});

describe('PodStore when the real API server restarts', () => {
  it('stays stale while it is away, then relists on its 410 and equals a fresh list', async () => {
    for (const name of ['a', 'b']) {
      await createPod(cp, 'default', name);
    }
    const store = new PodStore(kc, { namespace: 'default', flushMs: 5 });
    store.start();
    try {
      await waitFor(() => store.getSnapshot().sync.kind === 'live', 'live', 30_000);
      expect(store.stats().lists).toBe(1);
      // A write the pods watch doesn't see moves the store's resourceVersion behind etcd's: the restarted
      // server's watch cache starts after it.
      await apiJson(cp, {
        method: 'POST',
        path: '/api/v1/namespaces/default/configmaps',
        body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'bump' }, data: { a: 'b' } },
      });
      const restarted = cp.restartApiServer();
      await waitFor(() => store.getSnapshot().stale, 'the rows to go stale', 30_000);
      expect(store.getSnapshot().pods.size).toBe(2);
      await restarted;
      await createPod(cp, 'default', 'c');
      await waitFor(
        () =>
          store.getSnapshot().sync.kind === 'live' &&
          !store.getSnapshot().stale &&
          store.getSnapshot().pods.size === 3,
        'live again with the new pod',
        60_000,
      );
      await waitFor(
        () => matchesServer(store, kc.makeApiClient(CoreV1Api), 'default'),
        'equal to a fresh list',
        30_000,
      );
      expect(store.stats().lists, 'a relist after the server’s 410').toBe(2);
    } finally {
      store.stop();
    }
  });
});
