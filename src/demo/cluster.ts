/**
 * The demo cluster's state and behaviour, without HTTP: object store, scheduler, kubelet, controllers and event
 * recorder wired together. The API server (server.ts) exposes it; tests and the churn generator drive it.
 */
import { randomUUID } from 'node:crypto';
import type { KubeObject, Pod } from '../domain/wire.js';
import type { EphemeralContainer } from './sim/ephemeralContainers.js';
import { defaultEphemeralContainer, validateEphemeralUpdate } from './sim/ephemeralContainers.js';
import { EventRecorder } from './sim/eventRecorder.js';
import type { SimNode } from './sim/kubelet.js';
import { Kubelet } from './sim/kubelet.js';
import type { PreparedPod } from './sim/podCreate.js';
import { preparePodCreate } from './sim/podCreate.js';
import { wireOrder } from './api/podWire.js';
import { ReplicaSetController } from './sim/replicaSetController.js';
import { ObjectStore, rfc3339, StoreError } from './store/objectStore.js';
import { PODS } from './store/resourceTypes.js';
import { Scheduler } from './store/scheduler.js';

export interface ClusterOptions {
  /** Makes generated content repeatable. */
  seed?: number;
  now?: () => number;
  /** How many changes watches can resume across (older resourceVersions get 410). */
  historyLimit?: number;
}

export const DEMO_NODES: SimNode[] = [
  { name: 'demo-control-plane', index: 0, ip: '172.18.0.2' },
  { name: 'demo-worker', index: 1, ip: '172.18.0.3' },
  { name: 'demo-worker2', index: 2, ip: '172.18.0.4' },
];

/** Nodes that take ordinary pods (the control plane is tainted NoSchedule, as kind does it). */
const WORKERS = DEMO_NODES.filter((n) => n.index > 0);

export class Cluster {
  readonly store: ObjectStore;
  readonly scheduler: Scheduler;
  readonly events: EventRecorder;
  readonly kubelet: Kubelet;
  readonly replicaSets: ReplicaSetController;
  readonly now: () => number;
  readonly seed: number;
  private nextWorker = 0;
  private readonly unsubscribe: () => void;

  constructor(opts: ClusterOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.seed = opts.seed ?? 1;
    this.store = new ObjectStore(opts.historyLimit ?? 20_000, this.now);
    this.scheduler = new Scheduler(this.now);
    this.events = new EventRecorder(this.store, this.now);
    this.kubelet = new Kubelet(this.store, this.scheduler, this.events, DEMO_NODES, this.now, this.seed);
    this.replicaSets = new ReplicaSetController(this.store, this.scheduler, (p) => {
      this.createPod(p, 'kube-controller-manager');
    });
    this.unsubscribe = this.store.subscribe((c) => {
      if (c.resource !== PODS || c.type !== 'ADDED') return;
      const pod = c.object as Pod;
      if (pod.status?.containerStatuses) return; // adopted steady pods arrive with their status
      if (!pod.spec?.nodeName) this.scheduleLater(pod);
      else if (this.kubelet.runsNode(pod.spec.nodeName)) this.kubelet.adopt(pod);
    });
  }

  /**
   * Creates a pod as the API server does (defaults, managedFields for `manager`, admission, validation; see
   * sim/podCreate.ts) and stores it; the scheduler and kubelet take it from there. Throws the StoreError a real
   * server would answer with.
   */
  createPod(input: Pod, manager?: string): Pod {
    return this.submitPod(input, manager).pod;
  }

  /** A create as a client requests it: also the warnings to send back, and with `dryRun` nothing is stored. */
  submitPod(input: Pod, manager: string | undefined, dryRun = false): PreparedPod {
    const { uid: _uid, creationTimestamp: _created, ...meta } = input.metadata ?? {};
    const namespace = meta.namespace ?? 'default';
    const prepared = preparePodCreate({ ...input, metadata: meta }, namespace, { manager, now: this.now() });
    if (!dryRun) {
      return { ...prepared, pod: this.store.create(PODS, prepared.pod as KubeObject) as Pod };
    }
    const name = prepared.pod.metadata!.name!;
    if (this.store.get(PODS, namespace, name)) {
      throw new StoreError(409, 'AlreadyExists', `pods "${name}" already exists`, undefined, name);
    }
    const system = { ...prepared.pod.metadata, uid: randomUUID(), creationTimestamp: rfc3339(this.now()) };
    const pod = { ...prepared.pod, metadata: wireOrder(system, 'ObjectMeta') as Pod['metadata'] };
    return { ...prepared, pod };
  }

  /**
   * Deletes a pod as the API server does: with a grace period it gets a deletionTimestamp and stays (Terminating)
   * until the grace period ends; with 0, or when it never ran or has finished, it goes at once.
   * Returns the pod as the DELETE answer shows it.
   */
  deletePod(namespace: string, name: string, graceSeconds: number | undefined): Pod {
    const pod = this.store.get(PODS, namespace, name) as Pod | undefined;
    if (!pod) throw new StoreError(404, 'NotFound', `pods "${name}" not found`);
    const phase = pod.status?.phase;
    let grace = graceSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
    if (!pod.spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') grace = 0;
    if (grace <= 0) return this.removePod(namespace, name) ?? pod;
    const existing = pod.metadata?.deletionGracePeriodSeconds;
    if (pod.metadata?.deletionTimestamp && existing !== undefined && existing <= grace) return pod;
    const updated = this.store.update(PODS, namespace, name, (o) => {
      o.metadata!.deletionTimestamp = rfc3339(this.now() + grace * 1000);
      o.metadata!.deletionGracePeriodSeconds = grace;
    }) as Pod;
    this.kubelet.terminate(namespace, name, grace, () => this.removePod(namespace, name));
    return updated;
  }

  /**
   * Sets a pod's ephemeral containers (the `ephemeralcontainers` subresource, what `kubectl debug` patches): the
   * update is validated as the API server does (422 `Invalid`), new containers get their defaults, and the
   * kubelet starts them. Returns the pod as stored.
   */
  updateEphemeralContainers(namespace: string, name: string, next: readonly EphemeralContainer[]): Pod {
    const pod = this.store.get(PODS, namespace, name) as Pod | undefined;
    if (!pod) throw new StoreError(404, 'NotFound', `pods "${name}" not found`);
    validateEphemeralUpdate(pod, next);
    const before = new Set((pod.spec?.ephemeralContainers ?? []).map((c) => c.name));
    if (next.every((c) => before.has(c.name))) return pod;
    const updated = this.store.update(PODS, namespace, name, (o) => {
      (o as Pod).spec!.ephemeralContainers = next.map((c) =>
        before.has(c.name) ? c : defaultEphemeralContainer(c),
      );
    }) as Pod;
    this.kubelet.startEphemeral(updated);
    return this.store.get(PODS, namespace, name) as Pod;
  }

  /** Removes a pod from the store for good. */
  removePod(namespace: string, name: string): Pod | undefined {
    this.kubelet.forget(namespace, name);
    return this.store.remove(PODS, namespace, name) as Pod | undefined;
  }

  /** Binds a pod to a worker node, as kube-scheduler would, shortly after it appears. */
  private scheduleLater(pod: Pod): void {
    const ns = pod.metadata!.namespace!;
    const name = pod.metadata!.name!;
    const uid = pod.metadata!.uid;
    this.scheduler.after(50 + Math.random() * 150, () => {
      const current = this.store.get(PODS, ns, name) as Pod | undefined;
      if (
        !current ||
        current.metadata?.uid !== uid ||
        current.spec?.nodeName ||
        current.metadata?.deletionTimestamp
      )
        return;
      if (current.spec?.schedulingGates?.length) return;
      const node = this.pickNode();
      const bound = this.store.update(PODS, ns, name, (o) => {
        const p = o as Pod;
        p.spec!.nodeName = node;
        p.status = {
          ...p.status,
          conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: rfc3339(this.now()) }],
        };
      }) as Pod;
      this.events.record(bound, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${name} to ${node}`, {
        component: 'default-scheduler',
      });
      this.kubelet.adopt(bound);
    });
  }

  /** Round-robin over worker nodes. */
  pickNode(): string {
    const n = WORKERS[this.nextWorker++ % WORKERS.length]!;
    return n.name;
  }

  close(): void {
    this.unsubscribe();
    this.replicaSets.close();
    this.kubelet.close();
    this.scheduler.close();
  }
}
