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
import { DeploymentController } from './sim/deploymentController.js';
import { WorkloadControllers } from './sim/workloadControllers.js';
import { pinnedNode } from './sim/daemonSetController.js';
import { EndpointsController } from './sim/endpointsController.js';
import { ObjectStore, rfc3339, StoreError } from './store/objectStore.js';
import { NAMESPACES, PODS, STORED_TYPES } from './store/resourceTypes.js';
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
  readonly deployments: DeploymentController;
  /** StatefulSet, DaemonSet, Job and CronJob controllers. */
  readonly workloads: WorkloadControllers;
  /** Issue 16: the EndpointSlices and Endpoints of Services with selectors. */
  readonly endpoints: EndpointsController;
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
    this.replicaSets = new ReplicaSetController(
      this.store,
      this.scheduler,
      (p) => {
        this.createPod(p, 'kube-controller-manager');
      },
      (namespace, name) => {
        this.deletePod(namespace, name, undefined);
      },
    );
    this.deployments = new DeploymentController(this.store, this.scheduler, this.events, this.now);
    this.workloads = new WorkloadControllers(this);
    this.endpoints = new EndpointsController(this.store, this.scheduler, this.now);
    this.unsubscribe = this.store.subscribe((c) => {
      if (c.resource === PODS && c.type === 'MODIFIED') this.kubelet.syncDeadline(c.object as Pod);
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
   * Deletes a pod as the API server does (registry Store.Delete with the pod strategy's CheckGracefulDelete):
   * the grace period asked for, else the pod's own, else 30 s — 0 when the pod was never scheduled or has
   * finished. The pod is first updated with its deletionTimestamp and deletionGracePeriodSeconds (watchers see a
   * MODIFIED), then, with a grace period of 0 and no finalizer, removed (DELETED); otherwise it stays
   * (Terminating) until the kubelet ends it. A propagation policy's finalizer keeps it until the garbage
   * collector has done. A dry run computes the same answer and changes nothing.
   * Returns the pod as the DELETE answer shows it.
   */
  deletePod(
    namespace: string,
    name: string,
    graceSeconds: number | undefined,
    opts: { dryRun?: boolean; finalizer?: string } = {},
  ): Pod {
    const pod = this.store.get(PODS, namespace, name) as Pod | undefined;
    if (!pod) throw new StoreError(404, 'NotFound', `pods "${name}" not found`);
    const meta = pod.metadata ?? {};
    if (meta.deletionTimestamp) {
      // Already terminating (rest.BeforeDelete): a grace period may only shrink; none recorded (or 0) deletes now.
      const existing = meta.deletionGracePeriodSeconds;
      const asked = graceSeconds ?? existing ?? 0;
      if (existing !== undefined && existing !== 0 && existing <= asked) return pod;
      if (existing === undefined || existing === 0 || asked === 0) {
        if (opts.dryRun || meta.finalizers?.length) return pod;
        return this.removePod(namespace, name) ?? pod;
      }
    }
    const phase = pod.status?.phase;
    let grace = graceSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
    if (!pod.spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') grace = 0;
    if (grace < 0) grace = 1;
    const finalizers = [...(meta.finalizers ?? [])];
    if (opts.finalizer && !finalizers.includes(opts.finalizer)) finalizers.push(opts.finalizer);
    const mark = (o: KubeObject): void => {
      o.metadata!.deletionTimestamp = rfc3339(this.now() + grace * 1000);
      o.metadata!.deletionGracePeriodSeconds = grace;
      if (finalizers.length) o.metadata!.finalizers = finalizers;
    };
    if (opts.dryRun) {
      const copy = structuredClone(pod) as KubeObject;
      mark(copy);
      return copy as Pod;
    }
    const updated = this.store.update(PODS, namespace, name, mark) as Pod;
    if (opts.finalizer) this.collectGarbage(namespace, name, opts.finalizer, grace);
    if (grace === 0) return opts.finalizer ? updated : (this.removePod(namespace, name) ?? updated);
    this.kubelet.terminate(namespace, name, grace, () => this.finishDeletion(namespace, name));
    return updated;
  }

  /**
   * The end of a graceful deletion: the kubelet's DELETE with grace 0 once the pod has stopped. The registry
   * (Store.Delete, updateForGracefulDeletionAndFinalizers) then removes the pod unless finalizers still hold it;
   * a held pod stays, Terminating with a grace period of 0, until they are removed.
   */
  private finishDeletion(namespace: string, name: string): void {
    const pod = this.store.get(PODS, namespace, name);
    if (!pod) return;
    if (!pod.metadata?.finalizers?.length) {
      this.removePod(namespace, name);
      return;
    }
    this.store.update(PODS, namespace, name, (o) => {
      o.metadata!.deletionTimestamp = rfc3339(this.now());
      o.metadata!.deletionGracePeriodSeconds = 0;
    });
  }

  /**
   * The garbage collector's part in a Foreground or Orphan deletion: the demo's pods own nothing, so it soon
   * removes its finalizer, and a pod whose grace period is over goes.
   */
  private collectGarbage(namespace: string, name: string, finalizer: string, grace: number): void {
    this.scheduler.after(100, () => {
      const pod = this.store.get(PODS, namespace, name);
      if (!pod?.metadata?.finalizers?.includes(finalizer)) return;
      const rest = pod.metadata.finalizers.filter((f) => f !== finalizer);
      this.store.update(PODS, namespace, name, (o) => {
        if (rest.length) o.metadata!.finalizers = rest;
        else delete o.metadata!.finalizers;
      });
      if (grace === 0 && rest.length === 0) this.removePod(namespace, name);
    });
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

  /**
   * Deletes a namespace as the API server and the namespace controller do: at once it is Terminating (a
   * deletionTimestamp, status.phase Terminating — the answer to the DELETE); then what it holds is deleted,
   * and it goes.
   */
  deleteNamespace(name: string, dryRun = false): KubeObject {
    const ns = this.store.get(NAMESPACES, undefined, name);
    if (!ns) throw new StoreError(404, 'NotFound', `namespaces "${name}" not found`);
    const mark = (o: KubeObject): void => {
      o.metadata!.deletionTimestamp ??= rfc3339(this.now());
      o['status'] = { ...(o['status'] as object | undefined), phase: 'Terminating' };
    };
    if (dryRun) {
      const copy = structuredClone(ns);
      mark(copy);
      return copy;
    }
    if (ns.metadata?.deletionTimestamp) return ns;
    const updated = this.store.update(NAMESPACES, undefined, name, mark);
    // The namespace controller takes its time (a second or so): creation in the namespace is refused meanwhile.
    this.scheduler.after(1_000, () => {
      for (const type of STORED_TYPES) {
        if (!type.namespaced) continue;
        for (const o of this.store.list(type, name)) {
          if (type === PODS) this.removePod(name, o.metadata!.name!);
          else this.store.remove(type, name, o.metadata!.name!);
        }
      }
      this.store.remove(NAMESPACES, undefined, name);
    });
    return updated;
  }

  /** Removes a pod from the store for good. */
  removePod(namespace: string, name: string): Pod | undefined {
    this.kubelet.forget(namespace, name);
    return this.store.remove(PODS, namespace, name) as Pod | undefined;
  }

  /**
   * Binds a pod to a node (the binding subresource, setPodHostAndAnnotations): its nodeName, the binding's
   * annotations, and PodScheduled True; the kubelet of that node, if the demo runs it, takes it from there.
   */
  bindPod(pod: Pod, node: string, annotations?: Record<string, string>): Pod {
    const ns = pod.metadata!.namespace!;
    const name = pod.metadata!.name!;
    const bound = this.store.update(PODS, ns, name, (o) => {
      const p = o as Pod;
      p.spec!.nodeName = node;
      if (annotations) p.metadata!.annotations = { ...p.metadata!.annotations, ...annotations };
      const conditions = (p.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
      // lastProbeTime: null, as the API server encodes an unset metav1.Time in a condition.
      const scheduled = {
        type: 'PodScheduled',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: rfc3339(this.now()),
      };
      conditions.push(scheduled as unknown as (typeof conditions)[number]);
      p.status = { ...p.status, conditions };
    }) as Pod;
    if (this.kubelet.runsNode(node)) this.kubelet.adopt(bound);
    return bound;
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
      // kube-scheduler takes only the pods that name it (or none).
      if ((current.spec?.schedulerName ?? 'default-scheduler') !== 'default-scheduler') return;
      // A pod pinned by node affinity (a DaemonSet's) goes to its node; the rest round-robin.
      const node = pinnedNode(current) ?? this.pickNode();
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
    this.deployments.close();
    this.workloads.close();
    this.endpoints.close();
    this.kubelet.close();
    this.scheduler.close();
  }
}
