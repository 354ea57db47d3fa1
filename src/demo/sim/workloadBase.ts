/**
 * What the demo's workload controllers share (StatefulSet, DaemonSet, Job, CronJob; the ReplicaSet controller
 * predates it): the cluster operations they act through, an index of the objects each owner controls (kept from
 * store changes, so reconciling never scans every pod), reconciling in batches, and the garbage collector's part
 * when an owner goes (a background deletion: what it controlled is deleted too, as kube-controller-manager's
 * garbage collector does after `kubectl delete sts/ds/job/cronjob`).
 */
import type { KubeObject, Pod } from '../../domain/wire.js';
import type { Change, ObjectStore } from '../store/objectStore.js';
import { objectKey, StoreError } from '../store/objectStore.js';
import type { ResourceType } from '../store/resourceTypes.js';
import type { Scheduler } from '../store/scheduler.js';

/** The cluster as a controller sees it. */
export interface ControllerHost {
  store: ObjectStore;
  scheduler: Scheduler;
  now(): number;
  /** Creates a pod as the API server does (as kube-controller-manager); throws its StoreError. */
  createPod(pod: Pod): Pod;
  /** Deletes a pod with its own grace period, as a controller's DELETE does. */
  deletePod(namespace: string, name: string): void;
  /** Creates a Job as the API server does (defaults, selector); throws its StoreError. */
  createJob(job: KubeObject): KubeObject;
  /** Records an event about an object, from `component` (the controller's name in kube-controller-manager). */
  event(
    object: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component: string,
  ): void;
}

export function controllerRef(
  o: KubeObject | undefined,
): { kind: string; name: string; uid?: string } | undefined {
  const ref = o?.metadata?.ownerReferences?.find((r) => r.controller);
  return ref ? { kind: ref.kind, name: ref.name, uid: ref.uid } : undefined;
}

/** The owner reference a controller puts on what it creates. */
export function ownerReference(
  owner: KubeObject,
  apiVersion: string,
  kind: string,
): NonNullable<NonNullable<KubeObject['metadata']>['ownerReferences']>[number] {
  return {
    apiVersion,
    kind,
    name: owner.metadata!.name!,
    uid: owner.metadata!.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export const isReady = (p: Pod): boolean =>
  !!p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
export const isTerminating = (p: KubeObject): boolean => !!p.metadata?.deletionTimestamp;
export const isFinished = (p: Pod): boolean =>
  p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

/**
 * Reconciles owners of one kind: `owned` are the objects of type `child` whose controller is an owner of kind
 * `ownerKind`. Subclasses implement `reconcile(namespace, name)`.
 */
export abstract class WorkloadController {
  private readonly dirty = new Set<string>();
  private scheduled = false;
  private readonly index = new Map<string, Set<string>>();
  private readonly unsubscribe: () => void;

  constructor(
    protected readonly host: ControllerHost,
    protected readonly ownerType: ResourceType,
    private readonly child: ResourceType,
    /** The controller's event source: `statefulset-controller`, … */
    private readonly component: string,
    /** How long changes gather before a reconcile (ms). */
    private readonly batchMs = 100,
  ) {
    this.unsubscribe = host.store.subscribe((c) => this.onChange(c));
  }

  close(): void {
    this.unsubscribe();
  }

  protected abstract reconcile(namespace: string, name: string): void;

  /** Reconciles an owner soon (after `delayMs`, or with the next batch). */
  mark(namespace: string, name: string, delayMs?: number): void {
    const key = objectKey(namespace, name);
    if (delayMs !== undefined) {
      this.host.scheduler.after(delayMs, () => this.mark(namespace, name));
      return;
    }
    this.dirty.add(key);
    if (this.scheduled) return;
    this.scheduled = true;
    this.host.scheduler.after(this.batchMs, () => {
      this.scheduled = false;
      const keys = [...this.dirty];
      this.dirty.clear();
      for (const k of keys) {
        const [ns, n] = k.split('/') as [string, string];
        this.reconcile(ns, n);
      }
    });
  }

  /** The live objects an owner controls. */
  protected owned(namespace: string, name: string): KubeObject[] {
    const out: KubeObject[] = [];
    for (const k of this.index.get(objectKey(namespace, name)) ?? []) {
      const [ns, n] = k.split('/') as [string, string];
      const o = this.host.store.get(this.child, ns, n);
      if (o) out.push(o);
    }
    return out;
  }

  private onChange(c: Change): void {
    const ns = c.object.metadata?.namespace ?? '';
    const name = c.object.metadata?.name ?? '';
    if (c.resource === this.child) {
      const ref = controllerRef(c.object);
      if (ref?.kind !== this.ownerType.kind) return;
      const ownerKey = objectKey(ns, ref.name);
      let set = this.index.get(ownerKey);
      if (!set) this.index.set(ownerKey, (set = new Set()));
      if (c.type === 'DELETED') set.delete(objectKey(ns, name));
      else set.add(objectKey(ns, name));
      this.mark(ns, ref.name);
    } else if (c.resource === this.ownerType) {
      if (c.type === 'DELETED') this.collect(ns, name, c.object.metadata?.uid);
      else this.mark(ns, name);
    }
  }

  /** The garbage collector's background deletion of what a deleted owner controlled. */
  private collect(namespace: string, name: string, uid: string | undefined): void {
    const key = objectKey(namespace, name);
    const children = this.owned(namespace, name).filter((o) => controllerRef(o)?.uid === uid);
    this.index.delete(key);
    for (const o of children) this.deleteChild(o, false);
  }

  /** An event about the owner of `child` (its controller reference), as this controller records it. */
  protected event(owner: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.host.event(owner, type, reason, message, this.component);
  }

  /** The event message of a create (SuccessfulCreate) or delete (SuccessfulDelete); the pod controllers' words. */
  protected childMessage(verb: 'create' | 'delete', child: string, _owner: string): string {
    return verb === 'create' ? `Created pod: ${child}` : `Deleted pod: ${child}`;
  }

  private recordChild(verb: 'create' | 'delete', child: KubeObject): void {
    const ref = controllerRef(child);
    const owner = ref && this.host.store.get(this.ownerType, child.metadata?.namespace, ref.name);
    if (!owner) return;
    const reason = verb === 'create' ? 'SuccessfulCreate' : 'SuccessfulDelete';
    this.event(owner, 'Normal', reason, this.childMessage(verb, child.metadata!.name!, ref.name));
  }

  /**
   * Creates a pod; what the API server refuses (a terminating namespace, a name still taken) is retried with a
   * later reconcile, as a controller's failed create is requeued.
   */
  protected createPod(pod: Pod): Pod | undefined {
    try {
      const created = this.host.createPod(pod);
      this.recordChild('create', created as KubeObject);
      return created;
    } catch (e) {
      if (!(e instanceof StoreError)) throw e;
      const ns = pod.metadata?.namespace ?? '';
      const owner = controllerRef(pod as KubeObject);
      if (owner) this.mark(ns, owner.name, 1000);
      return undefined;
    }
  }

  /** Deletes an object this controller owns (pods through the kubelet's graceful path). */
  protected deleteChild(o: KubeObject, record = true): void {
    const ns = o.metadata!.namespace!;
    const n = o.metadata!.name!;
    if (isTerminating(o)) return;
    if (record) this.recordChild('delete', o);
    if (this.child.kind === 'Pod') this.host.deletePod(ns, n);
    else this.host.store.remove(this.child, ns, n);
  }
}
