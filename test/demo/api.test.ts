/**
 * client-node against the in-process demo cluster over real HTTPS: what a Kubernetes client relies on —
 * lists, paging, selectors, watches that resume or relist, create, delete with grace, status, auth.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  makeInformer,
  Metrics,
  Watch,
} from '@kubernetes/client-node';
import type { V1Pod } from '@kubernetes/client-node';
import { startTestCluster, type TestCluster } from '../support/demoCluster.js';
import { waitFor } from '../support/waitFor.js';

let t: TestCluster;

beforeAll(async () => {
  t = await startTestCluster({ pods: 300, namespaces: 3 });
});
afterAll(async () => {
  await t.demo.close();
});

function podOn(node: string, name: string): V1Pod {
  return {
    metadata: { name, labels: { test: 'api' } },
    spec: { nodeName: node, containers: [{ name: 'c', image: 'busybox' }] },
  };
}

describe('list', () => {
  it('lists all namespaces and one namespace, with the seeds pods', async () => {
    const all = await t.core.listPodForAllNamespaces();
    expect(all.items.length).toBe(300);
    const names = (await t.core.listNamespacedPod({ namespace: 'default' })).items.map(
      (p) => p.metadata?.name,
    );
    expect(names).toEqual(
      expect.arrayContaining([
        'hello',
        'bb',
        'kiada',
        'webserver',
        'crasher',
        'init-demo',
        'api-with-sidecar',
      ]),
    );
    const frontend = await t.core.listNamespacedPod({ namespace: 'frontend', labelSelector: 'app=web-app' });
    expect(frontend.items).toHaveLength(3);
    expect(frontend.items[0]!.spec?.containers.map((c) => c.name)).toEqual(['nginx', 'web-app']);
  });

  it('pages with limit/continue through every pod exactly once', async () => {
    const seen: string[] = [];
    let cont: string | undefined;
    let pages = 0;
    do {
      const page = await t.core.listPodForAllNamespaces({ limit: 70, _continue: cont });
      pages++;
      expect(page.items.length).toBeLessThanOrEqual(70);
      for (const p of page.items) seen.push(`${p.metadata?.namespace}/${p.metadata?.name}`);
      cont = page.metadata?._continue;
    } while (cont);
    expect(pages).toBe(Math.ceil(300 / 70));
    expect(new Set(seen).size).toBe(300);
  });

  it('filters by field selectors on name, namespace, node and phase', async () => {
    const byName = await t.core.listPodForAllNamespaces({ fieldSelector: 'metadata.name=hello' });
    expect(byName.items.map((p) => p.metadata?.name)).toEqual(['hello']);
    const byNs = await t.core.listPodForAllNamespaces({ fieldSelector: 'metadata.namespace=kube-system' });
    expect(byNs.items.length).toBeGreaterThan(5);
    expect(byNs.items.every((p) => p.metadata?.namespace === 'kube-system')).toBe(true);
    const onCp = await t.core.listPodForAllNamespaces({ fieldSelector: 'spec.nodeName=demo-control-plane' });
    expect(onCp.items.every((p) => p.spec?.nodeName === 'demo-control-plane')).toBe(true);
    const notRunning = await t.core.listPodForAllNamespaces({
      fieldSelector: 'status.phase!=Running,metadata.namespace=kube-system',
    });
    expect(notRunning.items).toHaveLength(0);
  });

  it('answers a bad selector with 400 and the reason', async () => {
    const err = await t.core
      .listPodForAllNamespaces({ fieldSelector: 'spec.bogus=1' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiException);
    expect((err as ApiException<string>).code).toBe(400);
    expect(String((err as ApiException<string>).body)).toContain('field label not supported: spec.bogus');
  });

  it('serves nodes, namespaces, deployments and pod metrics', async () => {
    const nodes = await t.core.listNode();
    expect(nodes.items.map((n) => n.metadata?.name)).toEqual([
      'demo-control-plane',
      'demo-worker',
      'demo-worker2',
    ]);
    const ns = await t.core.listNamespace();
    expect(ns.items.map((n) => n.metadata?.name)).toEqual(
      expect.arrayContaining(['default', 'frontend', 'kube-system', 'team-01']),
    );
    const apps = t.kc.makeApiClient(AppsV1Api);
    const deploy = await apps.readNamespacedDeployment({ name: 'web-app', namespace: 'frontend' });
    expect(deploy.spec?.replicas).toBe(3);
    const metrics = await new Metrics(t.kc).getPodMetrics('kube-system');
    expect(metrics.items.length).toBeGreaterThan(0);
    expect(metrics.items[0]!.containers[0]!.usage.cpu).toMatch(/^\d+n$/);
  });
});

describe('watch', () => {
  it('from a resourceVersion, sees what happened after it', async () => {
    const list = await t.core.listNamespacedPod({ namespace: 'default' });
    const rv = list.metadata!.resourceVersion!;
    await t.core.createNamespacedPod({ namespace: 'default', body: podOn('elsewhere', 'watched') });
    const seen: string[] = [];
    const ctl = await new Watch(t.kc).watch(
      '/api/v1/namespaces/default/pods',
      { resourceVersion: rv, fieldSelector: 'metadata.name=watched' },
      (type) => seen.push(type),
      () => undefined,
    );
    await waitFor(() => seen.includes('ADDED'), 'ADDED of the pod created after the list');
    await t.core.deleteNamespacedPod({ name: 'watched', namespace: 'default', gracePeriodSeconds: 0 });
    await waitFor(() => seen.includes('DELETED'), 'DELETED');
    ctl.abort();
    // As on a real API server, deleting even with grace 0 first records the deletionTimestamp (MODIFIED).
    expect(seen).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
  });

  it('answers a compacted resourceVersion with a 410 ERROR event and closes', async () => {
    const old = (await t.core.listNamespacedPod({ namespace: 'default' })).metadata!.resourceVersion!;
    await t.core.createNamespacedPod({ namespace: 'default', body: podOn('elsewhere', 'compact-me') });
    t.demo.cluster.store.compact();
    const events: { type: string; code?: number }[] = [];
    let done = false;
    await new Watch(t.kc).watch(
      '/api/v1/namespaces/default/pods',
      { resourceVersion: old },
      (type, obj: { code?: number }) => events.push({ type, code: obj.code }),
      () => (done = true),
    );
    await waitFor(() => done, 'the stream to close after the ERROR');
    expect(events).toEqual([{ type: 'ERROR', code: 410 }]);
  });

  it('keeps an informer exact across a dropped connection and a 410 relist', async () => {
    const path = '/api/v1/namespaces/team-01/pods';
    let lists = 0;
    const informer = makeInformer(t.kc, path, () => {
      lists++;
      return t.core.listNamespacedPod({ namespace: 'team-01' });
    });
    let stopped = false;
    informer.on('error', () => {
      if (!stopped) setTimeout(() => void informer.start(), 100);
    });
    await informer.start();
    const serverNames = async () =>
      (await t.core.listNamespacedPod({ namespace: 'team-01' })).items.map((p) => p.metadata!.name!).sort();
    const cacheNames = () =>
      informer
        .list('team-01')
        .map((p) => p.metadata!.name!)
        .sort();
    const same = async () => JSON.stringify(cacheNames()) === JSON.stringify(await serverNames());
    await waitFor(same, 'informer cache equal to the server');

    // Dropped connection: changes made while the watch is down arrive after it resumes.
    expect(t.demo.dropWatches()).toBeGreaterThan(0);
    const victim = cacheNames()[0]!;
    await t.core.deleteNamespacedPod({ name: victim, namespace: 'team-01', gracePeriodSeconds: 0 });
    await waitFor(
      async () => !cacheNames().includes(victim) && (await same()),
      'the deletion and the replacement after a drop',
    );

    // Compaction past the informer's last version, then a drop: the resumed watch gets 410 and the informer
    // relists. A change in another namespace moves the store on without the informer seeing it.
    await t.core.createNamespacedPod({ namespace: 'default', body: podOn('elsewhere', 'moves-rv-on') });
    t.demo.cluster.store.compact();
    const listsBefore = lists;
    const second = cacheNames()[1]!;
    t.demo.dropWatches();
    await waitFor(() => lists > listsBefore, 'a relist after 410 Gone');
    await t.core.deleteNamespacedPod({ name: second, namespace: 'team-01', gracePeriodSeconds: 0 });
    await waitFor(
      async () => !cacheNames().includes(second) && (await same()),
      'convergence after the relist',
    );
    stopped = true;
    await informer.stop();
  });
});

describe('writes', () => {
  it('creates a pod that the scheduler binds and the kubelet runs', async () => {
    await t.core.createNamespacedPod({
      namespace: 'default',
      body: { metadata: { name: 'fresh' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
    });
    const pod = await waitFor(async () => {
      const p = await t.core.readNamespacedPod({ name: 'fresh', namespace: 'default' });
      return p.status?.phase === 'Running' && p.status.containerStatuses?.[0]?.ready ? p : undefined;
    }, 'fresh to run');
    expect(pod.spec?.nodeName).toMatch(/^demo-worker2?$/);
    expect(pod.status?.podIP).toMatch(/^10\.244\./);
    const events = await t.core.listNamespacedEvent({
      namespace: 'default',
      fieldSelector: 'involvedObject.name=fresh',
    });
    expect(events.items.map((e) => e.reason)).toEqual(
      expect.arrayContaining(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']),
    );
  });

  it('refuses a duplicate and an invalid pod with the API server wording', async () => {
    const dup = await t.core
      .createNamespacedPod({ namespace: 'default', body: podOn('x', 'hello') })
      .catch((e: unknown) => e);
    expect((dup as ApiException<string>).code).toBe(409);
    expect(String((dup as ApiException<string>).body)).toContain('pods \\"hello\\" already exists');
    const bad = await t.core
      .createNamespacedPod({
        namespace: 'default',
        body: { metadata: { name: 'nocontainers' }, spec: { containers: [] } },
      })
      .catch((e: unknown) => e);
    expect((bad as ApiException<string>).code).toBe(422);
  });

  it('deletes with a grace period: Terminating first, gone after it', async () => {
    const deleted = await t.core.deleteNamespacedPod({
      name: 'bb',
      namespace: 'default',
      gracePeriodSeconds: 1,
    });
    expect(deleted.metadata?.deletionTimestamp).toBeDefined();
    expect(deleted.metadata?.deletionGracePeriodSeconds).toBe(1);
    const during = await t.core.readNamespacedPod({ name: 'bb', namespace: 'default' });
    expect(during.metadata?.deletionTimestamp).toBeDefined();
    await waitFor(
      async () =>
        (await t.core.listNamespacedPod({ namespace: 'default', fieldSelector: 'metadata.name=bb' })).items
          .length === 0,
      'bb to be gone after its grace period',
      5000,
    );
  });

  it('replaces a deleted pod of a ReplicaSet', async () => {
    const before = (await t.core.listNamespacedPod({ namespace: 'frontend' })).items.map(
      (p) => p.metadata!.name!,
    );
    await t.core.deleteNamespacedPod({ name: before[0]!, namespace: 'frontend', gracePeriodSeconds: 0 });
    const after = await waitFor(async () => {
      const names = (await t.core.listNamespacedPod({ namespace: 'frontend' })).items.map(
        (p) => p.metadata!.name!,
      );
      return names.length === 3 && !names.includes(before[0]!) ? names : undefined;
    }, 'a replacement pod');
    expect(after.filter((n) => !before.includes(n))).toHaveLength(1);
  });

  it('keeps whatever status a client writes to a pod on a node the demo does not run', async () => {
    await t.core.createNamespacedPod({ namespace: 'default', body: podOn('gone-node', 'frozen') });
    const pod = await t.core.readNamespacedPod({ name: 'frozen', namespace: 'default' });
    pod.status = {
      phase: 'Running',
      containerStatuses: [
        {
          name: 'c',
          image: 'busybox',
          imageID: '',
          ready: false,
          restartCount: 7,
          state: { waiting: { reason: 'CrashLoopBackOff' } },
        },
      ],
    };
    await t.core.replaceNamespacedPodStatus({ name: 'frozen', namespace: 'default', body: pod });
    const again = await t.core.readNamespacedPod({ name: 'frozen', namespace: 'default' });
    expect(again.status?.containerStatuses?.[0]?.restartCount).toBe(7);
    expect(again.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('CrashLoopBackOff');
  });

  it('patches labels, and refuses a change to the spec', async () => {
    const patched = await t.core.patchNamespacedPod({
      name: 'hello',
      namespace: 'default',
      body: [{ op: 'add', path: '/metadata/labels/tier', value: 'web' }],
    });
    expect(patched.metadata?.labels).toEqual({ run: 'hello', tier: 'web' });
    const err = await t.core
      .patchNamespacedPod({
        name: 'hello',
        namespace: 'default',
        body: [{ op: 'replace', path: '/spec/restartPolicy', value: 'Never' }],
      })
      .catch((e: unknown) => e);
    expect((err as ApiException<string>).code).toBe(422);
  });
});

describe('auth', () => {
  it('answers 401 without the bearer token', async () => {
    const kc = new KubeConfig();
    kc.loadFromString(t.demo.kubeconfig().replace(/token: .*/, 'token: wrong'));
    const err = await kc
      .makeApiClient(CoreV1Api)
      .listNamespace()
      .catch((e: unknown) => e);
    expect((err as ApiException<string>).code).toBe(401);
  });
});
