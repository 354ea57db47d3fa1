/**
 * Keeps each ReplicaSet's pod count (pkg/controller/replicaset/replica_set.go, manageReplicas): a deleted (or
 * terminating) pod is replaced by a new one from the template, pods beyond the count are deleted (the least
 * settled first, as getPodsToDelete ranks them), and the ReplicaSet's status follows its pods. The Deployment's
 * status is the deployment controller's (deploymentController.ts). Reconciles in batches so churn stays cheap.
 */
import type { KubeObject, Pod, ReplicaSet } from '../../domain/wire.js';
import type { Change, ObjectStore } from '../store/objectStore.js';
import { objectKey } from '../store/objectStore.js';
import { PODS, REPLICASETS } from '../store/resourceTypes.js';
import type { Scheduler } from '../store/scheduler.js';
import { workQueue } from '../store/scheduler.js';

export type CreatePod = (pod: Pod) => void;
/** Deletes a pod as a client's DELETE does (its own grace period). */
export type DeletePod = (namespace: string, name: string) => void;

function controllerOf(o: KubeObject | undefined): { kind: string; name: string } | undefined {
  const ref = o?.metadata?.ownerReferences?.find((r) => r.controller);
  return ref ? { kind: ref.kind, name: ref.name } : undefined;
}

export class ReplicaSetController {
  /** The controller's work queue (store/scheduler.ts): marked keys are synced in batches. */
  private readonly mark: (key: string) => void;
  private readonly unsubscribe: () => void;
  /** Pods per ReplicaSet key, maintained from changes so reconciling doesn't scan every pod. */
  private readonly owned = new Map<string, Set<string>>();

  constructor(
    private readonly store: ObjectStore,
    private readonly scheduler: Scheduler,
    private readonly createPod: CreatePod,
    private readonly deletePod: DeletePod = () => undefined,
  ) {
    this.mark = workQueue(scheduler, 100, (k) => this.reconcile(k));
    this.unsubscribe = store.subscribe((c) => this.onChange(c));
  }

  close(): void {
    this.unsubscribe();
  }

  /** Reconciles one ReplicaSet now (used after creating it). */
  reconcileNow(namespace: string, name: string): void {
    this.reconcile(objectKey(namespace, name));
  }

  private onChange(c: Change): void {
    if (c.resource === PODS) {
      const owner = controllerOf(c.object);
      if (owner?.kind !== 'ReplicaSet') return;
      const rsKey = objectKey(c.object.metadata?.namespace, owner.name);
      const podKey = objectKey(c.object.metadata?.namespace, c.object.metadata!.name!);
      let set = this.owned.get(rsKey);
      if (!set) this.owned.set(rsKey, (set = new Set()));
      if (c.type === 'DELETED') set.delete(podKey);
      else set.add(podKey);
      this.mark(rsKey);
    } else if (c.resource === REPLICASETS && c.type !== 'DELETED') {
      // A new ReplicaSet, or a changed one (scaled: its spec.replicas, or generation, moved).
      const before = c.previous as ReplicaSet | undefined;
      const after = c.object as ReplicaSet;
      if (c.type === 'MODIFIED' && before?.metadata?.generation === after.metadata?.generation) return;
      this.mark(objectKey(c.object.metadata?.namespace, c.object.metadata!.name!));
    }
  }

  private reconcile(rsKey: string): void {
    const [namespace, name] = rsKey.split('/') as [string, string];
    const rs = this.store.get(REPLICASETS, namespace, name) as ReplicaSet | undefined;
    if (!rs) return;
    const pods: Pod[] = [];
    for (const k of this.owned.get(rsKey) ?? []) {
      const [ns, n] = k.split('/') as [string, string];
      const p = this.store.get(PODS, ns, n) as Pod | undefined;
      if (p) pods.push(p);
    }
    // FilterActivePods: neither terminating nor finished.
    let active = pods.filter(
      (p) =>
        !p.metadata?.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
    );
    const want = rs.spec?.replicas ?? 1;
    let created = 0;
    for (let i = active.length; i < want; i++, created++) this.createPod(podFromTemplate(rs));
    if (active.length > want) {
      const doomed = [...active].sort(deleteFirst).slice(0, active.length - want);
      for (const p of doomed) this.deletePod(namespace, p.metadata!.name!);
      active = active.filter((p) => !doomed.includes(p));
    }
    const ready = active.filter(isReady).length;
    const replicas = active.length + created;
    const generation = rs.metadata?.generation ?? 1;
    const st = rs.status;
    if (
      st?.replicas !== replicas ||
      (st?.readyReplicas ?? 0) !== ready ||
      (st?.availableReplicas ?? 0) !== ready ||
      st?.observedGeneration !== generation
    ) {
      this.store.update(REPLICASETS, namespace, name, (o) => {
        (o as ReplicaSet).status = replicaSetStatus(replicas, ready, generation);
      });
    }
  }
}

/** calculateStatus: a ReplicaSet's status for its replicas, the ready ones (omitempty) and its generation. */
export function replicaSetStatus(replicas: number, ready: number, generation: number): ReplicaSet['status'] {
  return {
    replicas,
    fullyLabeledReplicas: replicas,
    ...(ready ? { readyReplicas: ready, availableReplicas: ready } : {}),
    observedGeneration: generation,
  };
}

function isReady(p: Pod): boolean {
  return p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/**
 * ActivePodsWithRanks' order, the parts the demo can tell apart: unscheduled before scheduled, pending before
 * running, not ready before ready, then the newest first.
 */
function deleteFirst(a: Pod, b: Pod): number {
  const rank = (p: Pod): number[] => [
    p.spec?.nodeName ? 1 : 0,
    p.status?.phase === 'Running' ? 2 : p.status?.phase === 'Pending' ? 0 : 1,
    isReady(p) ? 1 : 0,
  ];
  const ra = rank(a);
  const rb = rank(b);
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
  const ta = a.metadata?.creationTimestamp ?? '';
  const tb = b.metadata?.creationTimestamp ?? '';
  return ta === tb ? 0 : ta > tb ? -1 : 1;
}

/**
 * A new pod from a ReplicaSet's template, owned by it: named by the API server from `generateName`, or `name`
 * when given (the demo's pre-existing pods). `share`: its spec is the template's own, for a reader that changes
 * nothing (bulkReplicas.ts; a copy per ReplicaSet was a tenth of populating 100,000 pods).
 */
export function podFromTemplate(rs: ReplicaSet, name?: string, share = false): Pod {
  const tpl = rs.spec!.template!;
  return {
    metadata: {
      ...(tpl.metadata ?? {}),
      ...(name ? { name } : { generateName: `${rs.metadata!.name}-` }),
      namespace: rs.metadata!.namespace,
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: rs.metadata!.name!,
          uid: rs.metadata!.uid!,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: share ? tpl.spec! : structuredClone(tpl.spec!),
  };
}
