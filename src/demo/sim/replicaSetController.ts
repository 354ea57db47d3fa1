/**
 * Keeps each ReplicaSet's pod count: a deleted (or terminating) pod is replaced by a new one from the template,
 * and ReplicaSet and Deployment status follow their pods. Reconciles in batches so churn stays cheap.
 */
import type { Deployment, KubeObject, Pod, ReplicaSet } from '../../domain/wire.js';
import type { Change, ObjectStore } from '../store/objectStore.js';
import { objectKey } from '../store/objectStore.js';
import { DEPLOYMENTS, PODS, REPLICASETS } from '../store/resourceTypes.js';
import type { Scheduler } from '../store/scheduler.js';

export type CreatePod = (pod: Pod) => void;

function controllerOf(o: KubeObject | undefined): { kind: string; name: string } | undefined {
  const ref = o?.metadata?.ownerReferences?.find((r) => r.controller);
  return ref ? { kind: ref.kind, name: ref.name } : undefined;
}

export class ReplicaSetController {
  private readonly dirty = new Set<string>();
  private scheduled = false;
  private readonly unsubscribe: () => void;
  /** Pods per ReplicaSet key, maintained from changes so reconciling doesn't scan every pod. */
  private readonly owned = new Map<string, Set<string>>();

  constructor(
    private readonly store: ObjectStore,
    private readonly scheduler: Scheduler,
    private readonly createPod: CreatePod,
  ) {
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
    } else if (c.resource === REPLICASETS && c.type === 'ADDED') {
      this.mark(objectKey(c.object.metadata?.namespace, c.object.metadata!.name!));
    }
  }

  private mark(rsKey: string): void {
    this.dirty.add(rsKey);
    if (this.scheduled) return;
    this.scheduled = true;
    this.scheduler.after(100, () => {
      this.scheduled = false;
      const keys = [...this.dirty];
      this.dirty.clear();
      for (const k of keys) this.reconcile(k);
    });
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
    const active = pods.filter((p) => !p.metadata?.deletionTimestamp);
    const want = rs.spec?.replicas ?? 1;
    for (let i = active.length; i < want; i++) this.createPod(podFromTemplate(rs));
    const ready = active.filter((p) =>
      p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
    ).length;
    const replicas = Math.max(active.length, want);
    const st = rs.status;
    if (
      st?.replicas !== replicas ||
      (st?.readyReplicas ?? 0) !== ready ||
      (st?.availableReplicas ?? 0) !== ready
    ) {
      this.store.update(REPLICASETS, namespace, name, (o) => {
        (o as ReplicaSet).status = {
          replicas,
          fullyLabeledReplicas: replicas,
          readyReplicas: ready,
          availableReplicas: ready,
          observedGeneration: 1,
        };
      });
      this.updateDeployment(rs, replicas, ready);
    }
  }

  private updateDeployment(rs: ReplicaSet, replicas: number, ready: number): void {
    const owner = controllerOf(rs as KubeObject);
    if (owner?.kind !== 'Deployment') return;
    const ns = rs.metadata?.namespace;
    if (!this.store.get(DEPLOYMENTS, ns, owner.name)) return;
    this.store.update(DEPLOYMENTS, ns, owner.name, (o) => {
      const d = o as Deployment;
      const want = d.spec?.replicas ?? 1;
      d.status = {
        observedGeneration: 1,
        replicas,
        updatedReplicas: replicas,
        readyReplicas: ready,
        availableReplicas: ready,
        ...(want - ready > 0 ? { unavailableReplicas: want - ready } : {}),
        conditions: [
          {
            type: 'Available',
            status: ready >= want ? 'True' : 'False',
            reason: ready >= want ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
            message:
              ready >= want
                ? 'Deployment has minimum availability.'
                : 'Deployment does not have minimum availability.',
            lastUpdateTime: d.metadata?.creationTimestamp,
            lastTransitionTime: d.metadata?.creationTimestamp,
          },
        ],
      };
    });
  }
}

/**
 * A new pod from a ReplicaSet's template, owned by it: named by the API server from `generateName`, or `name`
 * when given (the demo's pre-existing pods).
 */
export function podFromTemplate(rs: ReplicaSet, name?: string): Pod {
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
    spec: structuredClone(tpl.spec!),
  };
}
