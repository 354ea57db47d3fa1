/**
 * The real kube-apiserver as the referee of throttling and of watches it ends itself.
 *
 * API priority and fairness on the shared control plane: a priority level with one nominal share and
 * `limitResponse: Reject`, and a FlowSchema sending a test user (a client certificate the cluster CA signed) to
 * it. Flooded, the server answers 429 — its answer must look exactly like the demo's (body, headers, Retry-After)
 * — and a PodStore as that user rides it out: the throttled line, rows kept, a list that is never shown complete
 * early, and in the end equal to a fresh list.
 *
 * On a control plane of its own with `--min-request-timeout=2`: watches that ask for no timeout are ended by the
 * server after its own randomised 2–4 s (handlers.GetTimeoutForWatch); the store resumes each without a relist
 * (the server's own request counter says so) and without a blip.
 */
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { signClientCertificate } from '../../src/demo/tls.js';
import { PodStore } from '../../src/kube/podStore.js';
import type { PodSnapshot } from '../../src/kube/podStore.js';
import { apiJson, apiRequest } from '../cluster/api.js';
import type { ControlPlane } from '../cluster/controlPlane.js';
import { startControlPlane } from '../cluster/controlPlane.js';
import { matchesServer, record } from '../kube/support/podStoreHelpers.js';
import { createNamespace, createPod, realCluster } from '../support/realCluster.js';
import { waitFor } from '../support/waitFor.js';

const USER = 'podscope-throttled';
const NAME = 'podscope-throttle-test';
const NS = 'throttle-real';

/** A kubeconfig for `user` with a client certificate the CA signed. */
function userKubeConfig(server: string, caCert: string, cert: string, key: string): KubeConfig {
  const b64 = (s: string): string => Buffer.from(s).toString('base64');
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'real', server, caData: b64(caCert) }],
    users: [{ name: USER, certData: b64(cert), keyData: b64(key) }],
    contexts: [{ name: USER, cluster: 'real', user: USER }],
    currentContext: USER,
  });
  return kc;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

describe('API priority and fairness rejecting a user (shared control plane)', () => {
  const real = realCluster();
  let cert: { cert: string; key: string };
  let agent: https.Agent;
  let flowSchemaUid = '';

  const get = (path: string): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const req = https.request(`${real.server}${path}`, { ca: real.caCert, ...cert, agent }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    });

  /** Keeps the user's priority level full until stopped; collects the 429s it gets. */
  function flood(parallel: number): { stop: () => Promise<void>; rejected: Answer[]; sent: () => number } {
    let running = true;
    let sent = 0;
    const rejected: Answer[] = [];
    const loops = Array.from({ length: parallel }, async () => {
      while (running) {
        sent++;
        const a = await get('/api/v1/pods?limit=500').catch(() => undefined);
        if (a?.status === 429 && rejected.length < 50) rejected.push(a);
      }
    });
    return {
      rejected,
      sent: () => sent,
      stop: async () => {
        running = false;
        await Promise.all(loops);
      },
    };
  }

  beforeAll(async () => {
    cert = await signClientCertificate({ cert: real.caCert, key: real.caKey }, USER, []);
    agent = new https.Agent({ keepAlive: true, maxSockets: 64 });
    await createNamespace(real, NS);
    for (let i = 0; i < 12; i++) await createPod(real, NS, `p${i}`);
    await apiJson(real, {
      method: 'POST',
      path: '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings',
      body: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: NAME },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
        subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: USER }],
      },
    });
    await apiJson(real, {
      method: 'POST',
      path: '/apis/flowcontrol.apiserver.k8s.io/v1/prioritylevelconfigurations',
      body: {
        apiVersion: 'flowcontrol.apiserver.k8s.io/v1',
        kind: 'PriorityLevelConfiguration',
        metadata: { name: NAME },
        spec: {
          type: 'Limited',
          limited: {
            nominalConcurrencyShares: 1,
            lendablePercent: 0,
            borrowingLimitPercent: 0,
            limitResponse: { type: 'Reject' },
          },
        },
      },
    });
    const fs = await apiJson<{ metadata: { uid: string } }>(real, {
      method: 'POST',
      path: '/apis/flowcontrol.apiserver.k8s.io/v1/flowschemas',
      body: {
        apiVersion: 'flowcontrol.apiserver.k8s.io/v1',
        kind: 'FlowSchema',
        metadata: { name: NAME },
        spec: {
          priorityLevelConfiguration: { name: NAME },
          matchingPrecedence: 200,
          distinguisherMethod: { type: 'ByUser' },
          rules: [
            {
              subjects: [{ kind: 'User', user: { name: USER } }],
              resourceRules: [
                { verbs: ['*'], apiGroups: ['*'], resources: ['*'], namespaces: ['*'], clusterScope: true },
              ],
              nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
            },
          ],
        },
      },
    });
    flowSchemaUid = fs.metadata.uid;
    // APF's configuration controller picks new objects up asynchronously: wait until the user's requests match.
    await waitFor(
      async () =>
        (await get('/api/v1/namespaces/default/pods?limit=1')).headers['x-kubernetes-pf-flowschema-uid'] ===
        flowSchemaUid,
      'the FlowSchema to classify the user',
      60_000,
      200,
    );
  }, 120_000);

  afterAll(async () => {
    for (const path of [
      `/apis/flowcontrol.apiserver.k8s.io/v1/flowschemas/${NAME}`,
      `/apis/flowcontrol.apiserver.k8s.io/v1/prioritylevelconfigurations/${NAME}`,
      `/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/${NAME}`,
      `/api/v1/namespaces/${NS}`,
    ])
      await apiRequest(real, { method: 'DELETE', path });
    agent?.destroy();
  });

  it('answers 429 in plain text with Retry-After and its PF headers — as the demo does', async () => {
    const f = flood(24);
    try {
      await waitFor(() => f.rejected.length > 0, 'a 429 from APF', 60_000);
    } finally {
      await f.stop();
    }
    const r = f.rejected[0]!;
    expect(r.body).toBe('Too many requests, please try again later.\n');
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    expect(r.headers['x-kubernetes-pf-flowschema-uid']).toBe(flowSchemaUid);
    expect(r.headers['x-kubernetes-pf-prioritylevel-uid']).toBeTruthy();
  }, 90_000);

  it('a PodStore as that user shows the throttled line, keeps its rows, and ends equal to a fresh list', async () => {
    const kc = userKubeConfig(real.server, real.caCert, cert.cert, cert.key);
    const f = flood(24);
    // Pages of 2 (not the streaming list, one request): what is tested is a list throttled between its pages.
    const store = new PodStore(kc, { namespace: NS, pageSize: 2, flushMs: 5, watchList: false });
    const seen = record(store);
    try {
      await waitFor(() => f.rejected.length > 0, 'the level to be full', 60_000);
      store.start();
      await waitFor(
        () =>
          store.getSnapshot().sync.kind === 'reconnecting' &&
          store.getSnapshot().error?.startsWith('throttled'),
        'the store to be throttled',
        60_000,
      );
    } finally {
      await f.stop();
    }
    try {
      await waitFor(() => store.getSnapshot().sync.kind === 'live', 'live once the flood stops', 60_000);
      const snapshots: PodSnapshot[] = seen.snapshots.map((s) => s.snapshot);
      for (const s of snapshots.filter((x) => x.sync.kind === 'reconnecting')) {
        expect(s.error).toMatch(/^throttled by the API server, retrying in \d+s$/);
        expect(s.sync).toMatchObject({ throttled: true });
      }
      for (let i = 0; i < snapshots.length; i++) {
        if (snapshots[i]!.sync.kind === 'live') expect(snapshots[i]!.pods.size).toBe(12);
        if (i > 0) expect(snapshots[i]!.pods.size).toBeGreaterThanOrEqual(snapshots[i - 1]!.pods.size);
      }
      await waitFor(
        () => matchesServer(store, kc.makeApiClient(CoreV1Api), NS),
        'equal to a fresh list',
        30_000,
      );
    } finally {
      store.stop();
    }
  }, 150_000);
});

describe('watches the real server ends at its own --min-request-timeout (own control plane)', () => {
  let cp: ControlPlane;
  let kc: KubeConfig;

  beforeAll(async () => {
    cp = await startControlPlane({ nodes: ['timeout-node'], apiServerArgs: ['--min-request-timeout=2'] });
    kc = new KubeConfig();
    kc.loadFromString(cp.kubeconfig);
  }, 120_000);
  afterAll(async () => {
    await cp?.stop();
  });

  /** The server's own count of LIST requests for pods (apiserver_request_total), whoever sent them. */
  async function podLists(): Promise<number> {
    const text = (await apiRequest(cp, { path: '/metrics', accept: 'text/plain' })).text;
    let n = 0;
    for (const line of text.split('\n')) {
      if (
        line.startsWith('apiserver_request_total{') &&
        line.includes('resource="pods"') &&
        line.includes('verb="LIST"')
      )
        n += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
    return n;
  }

  it('resumes each without a relist and without a blip', async () => {
    for (const name of ['a', 'b', 'c']) await createPod(cp, 'default', name);
    const store = new PodStore(kc, { namespace: 'default', flushMs: 5, watchTimeoutSeconds: 0 });
    store.start();
    try {
      await waitFor(() => store.getSnapshot().sync.kind === 'live', 'live', 30_000);
      const seen = record(store);
      const lists = await podLists();
      const watches = store.stats().watches;
      // Three watches the server ended after 2–4 s each.
      await waitFor(
        () => store.stats().watches >= watches + 3,
        'three watches ended by the server',
        60_000,
        100,
      );
      expect(store.stats().lists).toBe(1);
      expect(await podLists(), 'the server saw no new LIST of pods').toBe(lists);
      for (const s of seen.snapshots.map((x) => x.snapshot)) {
        expect(s.sync.kind).toBe('live');
        expect(s.stale).toBe(false);
        expect(s.pods.size).toBe(3);
      }
      await createPod(cp, 'default', 'd');
      await waitFor(() => store.getSnapshot().pods.size === 4, 'a pod created afterwards', 30_000);
    } finally {
      store.stop();
    }
  }, 120_000);
});
