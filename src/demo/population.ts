/**
 * What the demo cluster holds at start: nodes and namespaces like a kind cluster's, the seeds' pods (a 3-replica
 * two-container web-app, hello, bb, kiada, a misspelt image, a crash loop, a finished job, an init container, a
 * default-container annotation), and on request thousands of generated pods that have been running for a while.
 */
import { randomUUID } from 'node:crypto';
import type { Container, Deployment, KubeObject, Namespace, Node, Pod, ReplicaSet } from '../domain/wire.js';
import type { Cluster } from './cluster.js';
import { DEMO_NODES } from './cluster.js';
import { Random } from './random.js';
import { seedPodManifests, WEB_APP_CONTAINERS } from './seedManifests.js';
import type { AddSteadyPod } from './seedWorkloads.js';
import { seedKubeProxy, seedMigrateJob, seedRedis, seedReport } from './seedWorkloads.js';
import { seedServices } from './seedServices.js';
import type { BulkImage } from './bulkTemplate.js';
import { bulkTemplate } from './bulkTemplate.js';
import { kubeletEntry, kubeletSharedFields, schedulerEntry } from './bulkManagedFields.js';
import { PodPrototypes, ReplicaMaker } from './bulkReplicas.js';
import { preparePodCreate } from './sim/podCreate.js';
import { podFromTemplate, replicaSetStatus } from './sim/replicaSetController.js';
import { rolloutStatus } from './sim/deploymentStatus.js';
import { rfc3339 } from './store/objectStore.js';
import { DEPLOYMENTS, NAMESPACES, NODES, PODS, REPLICASETS } from './store/resourceTypes.js';

export interface PopulationOptions {
  /** Total pods wanted; generated pods fill up to it. */
  pods?: number;
  /** Generated namespaces for generated pods. */
  namespaces?: number;
  seed?: number;
}

const DAY = 24 * 3600 * 1000;

/** The seeds' namespaces, in the order kubectl lists them. */
export const SEED_NAMESPACES = ['default', 'frontend', 'kube-node-lease', 'kube-public', 'kube-system'];

function node(n: (typeof DEMO_NODES)[number], created: string): Node {
  const controlPlane = n.index === 0;
  return {
    metadata: {
      name: n.name,
      creationTimestamp: created,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': n.name,
        'kubernetes.io/os': 'linux',
        ...(controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
      },
    },
    spec: {
      podCIDR: `10.244.${n.index * 64}.0/18`,
      podCIDRs: [`10.244.${n.index * 64}.0/18`],
      providerID: `kind://docker/demo/${n.name}`,
      ...(controlPlane
        ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }
        : {}),
    },
    status: {
      capacity: { cpu: '8', memory: '16318508Ki', pods: '110', 'ephemeral-storage': '102625208Ki' },
      allocatable: { cpu: '8', memory: '16318508Ki', pods: '110', 'ephemeral-storage': '102625208Ki' },
      conditions: [
        {
          type: 'MemoryPressure',
          status: 'False',
          reason: 'KubeletHasSufficientMemory',
          message: 'kubelet has sufficient memory available',
          lastHeartbeatTime: created,
          lastTransitionTime: created,
        },
        {
          type: 'DiskPressure',
          status: 'False',
          reason: 'KubeletHasNoDiskPressure',
          message: 'kubelet has no disk pressure',
          lastHeartbeatTime: created,
          lastTransitionTime: created,
        },
        {
          type: 'PIDPressure',
          status: 'False',
          reason: 'KubeletHasSufficientPID',
          message: 'kubelet has sufficient PID available',
          lastHeartbeatTime: created,
          lastTransitionTime: created,
        },
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
          lastHeartbeatTime: created,
          lastTransitionTime: created,
        },
      ],
      addresses: [
        { type: 'InternalIP', address: n.ip },
        { type: 'Hostname', address: n.name },
      ],
      nodeInfo: {
        machineID: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
        systemUUID: '4c4c4544-0000-0000-0000-00000000000' + n.index,
        bootID: '00000000-0000-0000-0000-00000000000' + n.index,
        kernelVersion: '6.1.0-28-amd64',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        containerRuntimeVersion: 'containerd://1.7.24',
        kubeletVersion: 'v1.32.0',
        kubeProxyVersion: 'v1.32.0',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  } as Node;
}

function namespace(name: string, created: string): Namespace {
  return {
    metadata: { name, creationTimestamp: created, labels: { 'kubernetes.io/metadata.name': name } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

function container(name: string, image: string, extra: Partial<Container> = {}): Container {
  return { name, image, ...extra };
}

/** What a generated Deployment's template has beyond labels and containers (bulkTemplate.ts). */
interface TemplateExtras {
  /** The selector, when narrower than the labels. */
  selector?: Record<string, string>;
  annotations?: Record<string, string>;
  spec?: Record<string, unknown>;
}

/** A Deployment, its ReplicaSet, and nothing else: the ReplicaSet controller makes the pods. */
function deployment(
  cluster: Cluster,
  ns: string,
  name: string,
  replicas: number,
  labels: Record<string, string>,
  containers: Container[],
  hash: string,
  created: string,
  template: TemplateExtras = {},
): ReplicaSet {
  const selector = template.selector ?? labels;
  const podMeta = (l: Record<string, string>) => ({
    labels: l,
    ...(template.annotations ? { annotations: template.annotations } : {}),
  });
  const podSpec = { ...(template.spec ?? {}), containers };
  const d = cluster.store.create(DEPLOYMENTS, {
    metadata: {
      name,
      namespace: ns,
      labels,
      creationTimestamp: created,
      generation: 1,
      annotations: { 'deployment.kubernetes.io/revision': '1' },
    },
    spec: {
      replicas,
      selector: { matchLabels: selector },
      template: { metadata: podMeta(labels), spec: podSpec },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {},
  } as Deployment as KubeObject);
  const podLabels = { ...labels, 'pod-template-hash': hash };
  const rsSelector = { ...selector, 'pod-template-hash': hash };
  return cluster.store.create(REPLICASETS, {
    metadata: {
      name: `${name}-${hash}`,
      namespace: ns,
      labels: podLabels,
      creationTimestamp: created,
      generation: 1,
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String(replicas),
        'deployment.kubernetes.io/max-replicas': String(replicas + 1),
        'deployment.kubernetes.io/revision': '1',
      },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name,
          uid: d.metadata!.uid!,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      replicas,
      selector: { matchLabels: rsSelector },
      template: { metadata: podMeta(podLabels), spec: podSpec },
    },
    status: { replicas: 0 },
  } as ReplicaSet as KubeObject) as ReplicaSet;
}

/** Adds a pod that has been running since `startedAt` (no lifecycle replay). */
function steadyPod(
  cluster: Cluster,
  pod: Pod,
  nodeName: string,
  startedAt: number,
  restarts: number,
  ready: boolean,
  finishedAt?: number,
): void {
  const p = preparePodCreate(pod, pod.metadata!.namespace!, { now: startedAt, warnings: false }).pod;
  p.metadata = { ...p.metadata, uid: randomUUID(), creationTimestamp: rfc3339(startedAt) };
  p.spec!.nodeName = nodeName;
  p.status = cluster.kubelet.adoptSteady(p, { startedAt, restarts, ready, finishedAt });
  cluster.store.create(PODS, p as KubeObject);
}

function kubeSystem(cluster: Cluster, since: number, rnd: Random): void {
  const cp = DEMO_NODES[0]!.name;
  for (const [component, image] of [
    ['etcd', 'registry.k8s.io/etcd:3.5.16-0'],
    ['kube-apiserver', 'registry.k8s.io/kube-apiserver:v1.32.0'],
    ['kube-controller-manager', 'registry.k8s.io/kube-controller-manager:v1.32.0'],
    ['kube-scheduler', 'registry.k8s.io/kube-scheduler:v1.32.0'],
  ] as const) {
    const configHash = [0, 1, 2, 3].map(() => rnd.int(0x100000000).toString(16).padStart(8, '0')).join('');
    steadyPod(
      cluster,
      {
        metadata: {
          name: `${component}-${cp}`,
          namespace: 'kube-system',
          labels: { component, tier: 'control-plane' },
          // A static pod's mirror, as the kubelet creates it: the ServiceAccount admission plugin gives mirror
          // pods no service account and no token volume.
          annotations: {
            'kubernetes.io/config.hash': configHash,
            'kubernetes.io/config.mirror': configHash,
            'kubernetes.io/config.source': 'file',
          },
          ownerReferences: [
            { apiVersion: 'v1', kind: 'Node', name: cp, uid: randomUUID(), controller: true },
          ],
        },
        spec: {
          containers: [container(component, image)],
          priorityClassName: 'system-node-critical',
          hostNetwork: true,
        },
      },
      cp,
      since,
      0,
      true,
    );
  }
  seedKubeProxy(cluster, since, rnd, (pod, nodeName, startedAt) =>
    steadyPod(cluster, pod, nodeName, startedAt, 0, true),
  );
  const rs = deployment(
    cluster,
    'kube-system',
    'coredns',
    2,
    { 'k8s-app': 'kube-dns' },
    [
      container('coredns', 'registry.k8s.io/coredns/coredns:v1.11.3', {
        ports: [
          { name: 'dns', containerPort: 53, protocol: 'UDP' },
          { name: 'metrics', containerPort: 9153 },
        ],
      }),
    ],
    rnd.hash(),
    rfc3339(since),
  );
  for (let i = 0; i < 2; i++) {
    steadyPod(cluster, ownedPod(rs, rnd), DEMO_NODES[0]!.name, since + 30_000, 0, true);
  }
}

function ownedPod(rs: ReplicaSet, rnd: Random): Pod {
  return podFromTemplate(rs, `${rs.metadata!.name}-${rnd.suffix()}`);
}

/** The seeds' pods, which live through their whole lifecycle from the moment the demo starts. */
function seedPods(cluster: Cluster, rnd: Random, now: number): void {
  const webApp = deployment(
    cluster,
    'frontend',
    'web-app',
    3,
    { app: 'web-app' },
    WEB_APP_CONTAINERS,
    rnd.hash(),
    rfc3339(now),
  );
  cluster.replicaSets.reconcileNow('frontend', webApp.metadata!.name!);
  const job = { podName: `db-migrate-${rnd.suffix()}`, uid: randomUUID() };
  for (const p of seedPodManifests(job)) {
    const owned = p.metadata?.ownerReferences?.some((r) => r.kind === 'Job');
    // The Job first, so its pod carries the labels its controller gives (the controller-uid ones too).
    const labels = owned ? seedMigrateJob(cluster, job.uid, p) : undefined;
    const pod = labels ? { ...p, metadata: { ...p.metadata, labels } } : p;
    cluster.createPod(pod, p.metadata?.ownerReferences ? 'kube-controller-manager' : 'kubectl-run');
  }
  const addSteady: AddSteadyPod = (pod, nodeName, startedAt, finishedAt) =>
    steadyPod(cluster, pod, nodeName, startedAt, 0, true, finishedAt);
  seedRedis(cluster, now, addSteady);
  seedReport(cluster, now, addSteady);
}

const BULK_IMAGES: BulkImage[] = [
  { image: 'nginx:1.27', port: 80 },
  { image: 'podscope/api:2.3', port: 8080 },
  { image: 'redis:7.4', port: 6379 },
  { image: 'luksa/kiada:0.1', port: 8080 },
  { image: 'busybox:1.36' },
  { image: 'postgres:16', port: 5432 },
];

const APPS = [
  'api',
  'web',
  'worker',
  'cache',
  'auth',
  'billing',
  'search',
  'orders',
  'cart',
  'users',
  'mailer',
  'gateway',
];

/**
 * Generated pods up to `total`, owned by generated Deployments, running for minutes to weeks, with the
 * managedFields of kube-controller-manager, the kubelet and now and then the scheduler. The API server's create
 * path runs once per template shape (bulkReplicas.ts), so 100,000 pods take seconds.
 */
function bulkPods(cluster: Cluster, total: number, namespaces: number, rnd: Random, now: number): void {
  let missing = total - cluster.store.count(PODS);
  if (missing <= 0) return;
  const nsNames = Array.from(
    { length: Math.max(1, namespaces) },
    (_, i) => `team-${String(i + 1).padStart(2, '0')}`,
  );
  for (const ns of nsNames)
    cluster.store.create(NAMESPACES, namespace(ns, rfc3339(now - 20 * DAY)) as KubeObject);
  let d = 0;
  const prototypes = new PodPrototypes();
  const conditions = new SharedConditions();
  while (missing > 0) {
    const ns = nsNames[d % nsNames.length]!;
    const app = `${APPS[d % APPS.length]}-${Math.floor(d / APPS.length)}`;
    const replicas = Math.min(missing, 2 + rnd.int(9));
    const tpl = bulkTemplate(app, ns, rnd.pick(BULK_IMAGES), rnd);
    const created = now - 10 * 60_000 - rnd.int(30 * DAY);
    const rs = deployment(
      cluster,
      ns,
      app,
      replicas,
      tpl.labels,
      tpl.containers,
      rnd.hash(),
      rfc3339(created),
      {
        selector: { app },
        annotations: tpl.annotations,
        spec: tpl.spec,
      },
    );
    const maker = new ReplicaMaker(prototypes.forReplicaSet(rs, tpl.shape, created), rs.metadata!.name!);
    let readyPods = 0;
    for (let i = 0; i < replicas; i++) {
      const startedAt = created + rnd.int(Math.max(1, now - created - 60_000));
      const r = rnd.next();
      const restarts = r < 0.85 ? 0 : r < 0.97 ? 1 + rnd.int(5) : 5 + rnd.int(40);
      const ready = rnd.next() > 0.02;
      if (ready) readyPods++;
      const p = maker.make(rnd, cluster.pickNode(), startedAt);
      const status = cluster.kubelet.adoptDormant(p, { startedAt, restarts, ready });
      status.conditions = conditions.shared(status.conditions);
      p.status = status;
      const fields = p.metadata!.managedFields!;
      const time = rfc3339(startedAt + 5_000);
      if (rnd.next() < 0.05) fields.push(schedulerEntry(rfc3339(startedAt)));
      fields.push(kubeletEntry(kubeletFields(status), status.hostIP ?? '', status.podIP ?? '', time));
      cluster.store.insert(PODS, p as KubeObject);
    }
    settled(cluster, rs, replicas, readyPods, now);
    missing -= replicas;
    d++;
  }
}

/**
 * A generated ReplicaSet and its Deployment with the statuses their controllers would have written long ago
 * (replicaSetStatus, rolloutStatus), as a running cluster has them: else their first sync after the start wrote
 * them all — 50,000 changes at 100,000 pods, sent to every watcher in the demo's first minute. Filled in place,
 * before anyone can have read the objects (populate runs before the server listens).
 */
function settled(cluster: Cluster, rs: ReplicaSet, replicas: number, ready: number, now: number): void {
  rs.status = replicaSetStatus(replicas, ready, rs.metadata?.generation ?? 1);
  const owner = rs.metadata?.ownerReferences?.[0]?.name ?? '';
  const d = cluster.store.get(DEPLOYMENTS, rs.metadata?.namespace, owner) as Deployment | undefined;
  if (d) d.status = rolloutStatus([rs], rs, d, rfc3339(now));
}

type Conditions = NonNullable<Pod['status']>['conditions'];

/**
 * One conditions list for all the steady pods that have the same (a steady pod's conditions all date from the
 * demo's start, so they differ only in readiness): stored objects are never changed, only replaced.
 */
class SharedConditions {
  private readonly byValue = new Map<string, Conditions>();

  shared(conditions: Conditions): Conditions {
    const key = (conditions ?? [])
      .map((c) => `${c.type}=${c.status}@${c.lastTransitionTime}:${c.reason ?? ''}`)
      .join();
    const known = this.byValue.get(key);
    if (known) return known;
    if (this.byValue.size < 1000) this.byValue.set(key, conditions);
    return conditions;
  }
}

const kubeletFieldsByShape = new Map<string, ReturnType<typeof kubeletSharedFields>>();

/** The kubelet's shared status fields, one object per set of conditions. */
function kubeletFields(status: NonNullable<Pod['status']>): ReturnType<typeof kubeletSharedFields> {
  const shape = (status.conditions ?? []).map((c) => c.type).join();
  let f = kubeletFieldsByShape.get(shape);
  if (!f) kubeletFieldsByShape.set(shape, (f = kubeletSharedFields(status)));
  return f;
}

/** Fills a new cluster. */
export function populate(cluster: Cluster, opts: PopulationOptions = {}): void {
  const rnd = new Random(opts.seed ?? cluster.seed);
  const now = cluster.now();
  const born = now - 3 * DAY;
  for (const n of DEMO_NODES) cluster.store.create(NODES, node(n, rfc3339(born)) as KubeObject);
  for (const ns of SEED_NAMESPACES)
    cluster.store.create(NAMESPACES, namespace(ns, rfc3339(born)) as KubeObject);
  kubeSystem(cluster, born, rnd);
  seedPods(cluster, rnd, now);
  seedServices(cluster, born);
  const total = opts.pods ?? 0;
  const namespaces = opts.namespaces ?? Math.max(1, Math.ceil(total / 1000));
  bulkPods(cluster, total, namespaces, rnd, now);
}
