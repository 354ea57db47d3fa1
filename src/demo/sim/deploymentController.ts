/**
 * kube-controller-manager's deployment controller (pkg/controller/deployment): for each Deployment, the
 * ReplicaSet whose template is the Deployment's (created as `<name>-<pod-template-hash>` when missing, with the
 * next revision), a rolling update within maxSurge/maxUnavailable (rolling.go), Recreate (recreate.go), scaling
 * events proportionally across active ReplicaSets (sync.go), the revision history limit, and the status
 * (deploymentStatus.ts). Changes go only through the ObjectStore; the ReplicaSet controller makes the pods.
 */
import type { Deployment, KubeObject, Pod, ReplicaSet } from '../../domain/wire.js';
import type { Change, ObjectStore } from '../store/objectStore.js';
import { objectKey, rfc3339, StoreError } from '../store/objectStore.js';
import { DEPLOYMENTS, PODS, REPLICASETS } from '../store/resourceTypes.js';
import type { Scheduler } from '../store/scheduler.js';
import { workQueue } from '../store/scheduler.js';
import type { EventRecorder } from './eventRecorder.js';
import {
  calculateStatus,
  deploymentComplete,
  newCondition,
  rolloutStatus,
  setCondition,
} from './deploymentStatus.js';
import {
  availableReplicas,
  DESIRED_REPLICAS,
  equalIgnoreHash,
  fenceposts,
  MAX_REPLICAS,
  maxRevision,
  maxSurge,
  maxUnavailable,
  POD_TEMPLATE_HASH,
  REVISION,
  revisionOf,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  specReplicas,
  templateHash,
} from './deploymentUtil.js';

const SOURCE = { component: 'deployment-controller' };

function controllerRef(o: KubeObject | undefined): { kind: string; name: string; uid: string } | undefined {
  const ref = o?.metadata?.ownerReferences?.find((r) => r.controller);
  return ref ? { kind: ref.kind, name: ref.name, uid: ref.uid } : undefined;
}

function replicas(rs: ReplicaSet): number {
  return rs.spec?.replicas ?? 0;
}

/** ReplicaSetsByCreationTimestamp: oldest first, then by name. */
function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  const ta = a.metadata?.creationTimestamp ?? '';
  const tb = b.metadata?.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return (a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1;
}

function active(sets: ReplicaSet[]): ReplicaSet[] {
  return sets.filter((rs) => replicas(rs) > 0);
}

export class DeploymentController {
  /** The controller's work queue (store/scheduler.ts): marked keys are synced in batches. */
  private readonly mark: (key: string) => void;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: ObjectStore,
    private readonly scheduler: Scheduler,
    private readonly events: EventRecorder,
    private readonly now: () => number,
  ) {
    this.mark = workQueue(scheduler, 20, (k) => this.sync(k));
    this.unsubscribe = store.subscribe((c) => this.onChange(c));
  }

  close(): void {
    this.unsubscribe();
  }

  private onChange(c: Change): void {
    const ns = c.object.metadata?.namespace;
    if (c.resource === DEPLOYMENTS && c.type !== 'DELETED') {
      this.mark(objectKey(ns, c.object.metadata?.name ?? ''));
    } else if (c.resource === REPLICASETS) {
      const ref = controllerRef(c.object);
      if (ref?.kind === 'Deployment') this.mark(objectKey(ns, ref.name));
    } else if (c.resource === PODS && c.type === 'DELETED') {
      // Recreate waits for the old pods to be gone (the controller's deletePod handler).
      const rsRef = controllerRef(c.object);
      if (rsRef?.kind !== 'ReplicaSet') return;
      const ref = controllerRef(this.store.get(REPLICASETS, ns, rsRef.name));
      if (ref?.kind === 'Deployment') this.mark(objectKey(ns, ref.name));
    }
  }

  /** syncDeployment: paused or scaling → sync; else the strategy's rollout. */
  private sync(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const d = this.store.get(DEPLOYMENTS, namespace, name) as Deployment | undefined;
    if (!d || d.metadata?.deletionTimestamp) return;
    const uid = d.metadata?.uid;
    const sets = (this.store.list(REPLICASETS, namespace) as ReplicaSet[]).filter(
      (rs) => controllerRef(rs as KubeObject)?.uid === uid,
    );
    if (d.spec?.paused || this.isScalingEvent(d, sets)) return this.syncScale(d, sets);
    if (d.spec?.strategy?.type === 'Recreate') return this.rolloutRecreate(d, sets);
    this.rolloutRolling(d, sets);
  }

  private latest(d: Deployment): Deployment {
    return (
      (this.store.get(DEPLOYMENTS, d.metadata?.namespace, d.metadata?.name ?? '') as
        Deployment | undefined) ?? d
    );
  }

  /** FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's, ignoring the hash. */
  private split(d: Deployment, sets: ReplicaSet[]): { newRS?: ReplicaSet; old: ReplicaSet[] } {
    const newRS = [...sets]
      .sort(byCreation)
      .find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
    return { newRS, old: sets.filter((rs) => rs !== newRS) };
  }

  /** getAllReplicaSetsAndSyncRevision: the new ReplicaSet (created when asked) with its revision, and the old ones. */
  private allAndSyncRevision(
    d: Deployment,
    sets: ReplicaSet[],
    create: boolean,
  ): { d: Deployment; newRS?: ReplicaSet; old: ReplicaSet[] } {
    const { newRS: existing, old } = this.split(d, sets);
    const newRevision = String(maxRevision(old) + 1);
    const stamp = rfc3339(this.now());
    if (existing) {
      const copy = structuredClone(existing);
      const minReady = d.spec?.minReadySeconds ?? 0;
      let newRS = existing;
      if (
        setNewReplicaSetAnnotations(d, copy, newRevision, true) ||
        (existing.spec?.minReadySeconds ?? 0) !== minReady
      ) {
        newRS = this.updateRS(existing, (o) => {
          o.metadata = { ...o.metadata, annotations: copy.metadata?.annotations };
          if (minReady) o.spec = { ...o.spec!, minReadySeconds: minReady };
        });
      }
      const progressing = d.status?.conditions?.some((c) => c.type === 'Progressing');
      const revisionStale = d.metadata?.annotations?.[REVISION] !== newRevision;
      if (revisionStale || (!progressing && d.spec?.progressDeadlineSeconds !== undefined)) {
        d = this.updateDeployment(d, (o) => {
          if (revisionStale)
            o.metadata!.annotations = { ...o.metadata?.annotations, [REVISION]: newRevision };
          if (!progressing && d.spec?.progressDeadlineSeconds !== undefined) {
            const s = (o.status ??= {});
            setCondition(
              s,
              newCondition(
                'Progressing',
                'True',
                'FoundNewReplicaSet',
                `Found new replica set "${existing.metadata?.name}"`,
                stamp,
              ),
            );
          }
        });
      }
      return { d, newRS, old };
    }
    if (!create) return { d, old };
    const created = this.createNewRS(d, old, newRevision);
    if (!created) return { d, old };
    d = this.updateDeployment(d, (o) => {
      o.metadata!.annotations = { ...o.metadata?.annotations, [REVISION]: newRevision };
      if (d.spec?.progressDeadlineSeconds !== undefined) {
        const s = (o.status ??= {});
        setCondition(
          s,
          newCondition(
            'Progressing',
            'True',
            'NewReplicaSetCreated',
            `Created new replica set "${created.metadata?.name}"`,
            stamp,
          ),
        );
      }
    });
    return { d, newRS: created, old };
  }

  private createNewRS(d: Deployment, old: ReplicaSet[], newRevision: string): ReplicaSet | undefined {
    const hash = templateHash(d.spec?.template, d.status?.collisionCount);
    const template = structuredClone(d.spec?.template ?? {});
    template.metadata = {
      ...template.metadata,
      labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH]: hash },
    };
    const selector = structuredClone(d.spec?.selector ?? {});
    selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH]: hash };
    const name = `${d.metadata?.name}-${hash}`;
    const rs: ReplicaSet = {
      metadata: {
        name,
        namespace: d.metadata?.namespace,
        labels: template.metadata.labels,
        generation: 1,
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: d.metadata?.name ?? '',
            uid: d.metadata?.uid ?? '',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        replicas: 0,
        ...(d.spec?.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {}),
        selector,
        template,
      },
      status: { replicas: 0 },
    };
    rs.spec!.replicas = this.newRSReplicas(d, [...old, rs], rs);
    setNewReplicaSetAnnotations(d, rs, newRevision, false);
    try {
      const created = this.store.create(REPLICASETS, rs as KubeObject) as ReplicaSet;
      if (replicas(created) > 0) this.scaledEvent(d, created, 0, replicas(created));
      return created;
    } catch (e) {
      if (!(e instanceof StoreError) || e.code !== 409) throw e;
      // A hash collision with a ReplicaSet of another template: count it, so the next hash differs.
      this.updateDeployment(d, (o) => {
        const s = (o.status ??= {});
        s.collisionCount = (s.collisionCount ?? 0) + 1;
      });
      return undefined;
    }
  }

  /** NewRSNewReplicas: Recreate wants all at once; RollingUpdate grows within the surge. */
  private newRSReplicas(d: Deployment, all: ReplicaSet[], newRS: ReplicaSet): number {
    const want = d.spec?.replicas ?? 1;
    if (d.spec?.strategy?.type === 'Recreate') return want;
    const maxTotal = want + fenceposts(d).surge;
    const current = specReplicas(all);
    if (current >= maxTotal) return replicas(newRS);
    return replicas(newRS) + Math.min(maxTotal - current, want - replicas(newRS));
  }

  private isScalingEvent(d: Deployment, sets: ReplicaSet[]): boolean {
    const want = d.spec?.replicas ?? 1;
    return active(sets).some((rs) => {
      const desired = rs.metadata?.annotations?.[DESIRED_REPLICAS];
      return desired !== undefined && Number(desired) !== want;
    });
  }

  /** rolloutRolling: scale the new ReplicaSet up, else the old ones down, else clean up; then the status. */
  private rolloutRolling(d0: Deployment, sets: ReplicaSet[]): void {
    const got = this.allAndSyncRevision(d0, sets, true);
    const d = got.d;
    let newRS = got.newRS;
    let old = got.old;
    if (!newRS) return;
    const want = d.spec?.replicas ?? 1;
    // reconcileNewReplicaSet
    const next = replicas(newRS) > want ? want : this.newRSReplicas(d, [...old, newRS], newRS);
    if (next !== replicas(newRS)) {
      newRS = this.scale(d, newRS, next);
      return this.syncRolloutStatus(d, [...old, newRS], newRS);
    }
    // reconcileOldReplicaSets
    const oldPods = specReplicas(active(old));
    if (oldPods > 0) {
      const all = [...old, newRS];
      const minAvailable = want - maxUnavailable(d);
      const newUnavailable = replicas(newRS) - (newRS.status?.availableReplicas ?? 0);
      const maxScaledDown = specReplicas(all) - minAvailable - newUnavailable;
      if (maxScaledDown > 0) {
        let changed = 0;
        // cleanupUnhealthyReplicas: old ReplicaSets' unavailable pods go first.
        old = [...old].sort(byCreation);
        for (let i = 0; i < old.length && changed < maxScaledDown; i++) {
          const rs = old[i]!;
          const unhealthy = replicas(rs) - (rs.status?.availableReplicas ?? 0);
          if (replicas(rs) === 0 || unhealthy <= 0) continue;
          const down = Math.min(maxScaledDown - changed, unhealthy);
          old[i] = this.scale(d, rs, replicas(rs) - down);
          changed += down;
        }
        // scaleDownOldReplicaSetsForRollingUpdate: down to what keeps minAvailable available.
        const availableNow = availableReplicas([...old, newRS]);
        if (availableNow > minAvailable) {
          const total = availableNow - minAvailable;
          let done = 0;
          for (let i = 0; i < old.length && done < total; i++) {
            const rs = old[i]!;
            if (replicas(rs) === 0) continue;
            const down = Math.min(replicas(rs), total - done);
            old[i] = this.scale(d, rs, replicas(rs) - down);
            done += down;
          }
          changed += done;
        }
        if (changed > 0) return this.syncRolloutStatus(d, [...old, newRS], newRS);
      }
    }
    if (deploymentComplete(d, d.status ?? {})) this.cleanup(d, old);
    this.syncRolloutStatus(d, [...old, newRS], newRS);
  }

  /** rolloutRecreate: old ReplicaSets to 0, wait for their pods to go, then the new one at full size. */
  private rolloutRecreate(d0: Deployment, sets: ReplicaSet[]): void {
    let { d, newRS, old } = this.allAndSyncRevision(d0, sets, false);
    const activeOld = active(old);
    if (activeOld.length) {
      old = old.map((rs) => (replicas(rs) > 0 ? this.scale(d, rs, 0) : rs));
      return this.syncRolloutStatus(d, newRS ? [...old, newRS] : old, newRS);
    }
    const oldUids = new Set(old.map((rs) => rs.metadata?.uid));
    const running = (this.store.list(PODS, d.metadata?.namespace) as Pod[]).some(
      (p) =>
        oldUids.has(controllerRef(p as KubeObject)?.uid) &&
        !['Failed', 'Succeeded'].includes(p.status?.phase ?? ''),
    );
    if (running) return this.syncRolloutStatus(d, newRS ? [...old, newRS] : old, newRS);
    if (!newRS) ({ d, newRS, old } = this.allAndSyncRevision(d, sets, true));
    if (!newRS) return;
    const want = d.spec?.replicas ?? 1;
    if (replicas(newRS) !== want) newRS = this.scale(d, newRS, want);
    if (deploymentComplete(d, d.status ?? {})) this.cleanup(d, old);
    this.syncRolloutStatus(d, [...old, newRS], newRS);
  }

  /** sync + scale (sync.go): a scaling event or a paused Deployment resizes without rolling out. */
  private syncScale(d0: Deployment, sets: ReplicaSet[]): void {
    const got = this.allAndSyncRevision(d0, sets, false);
    const d = got.d;
    let all = got.newRS ? [...got.old, got.newRS] : got.old;
    const newRS = got.newRS;
    const want = d.spec?.replicas ?? 1;
    const live = active(all);
    const only =
      live.length === 1
        ? live[0]
        : live.length === 0
          ? (newRS ?? [...got.old].sort(byCreation).reverse()[0])
          : undefined;
    if (only) {
      if (replicas(only) !== want) all = all.map((rs) => (rs === only ? this.scale(d, rs, want) : rs));
    } else if (
      newRS &&
      replicas(newRS) === want &&
      Number(newRS.metadata?.annotations?.[DESIRED_REPLICAS]) === want &&
      (newRS.status?.availableReplicas ?? 0) === want
    ) {
      // IsSaturated: the new ReplicaSet holds everything; the old ones go to zero.
      all = all.map((rs) => (rs !== newRS && replicas(rs) > 0 ? this.scale(d, rs, 0) : rs));
    } else if (d.spec?.strategy?.type !== 'Recreate') {
      all = this.proportional(d, all);
    }
    if (d.spec?.paused)
      this.cleanup(
        d,
        all.filter((rs) => rs !== newRS),
      );
    const latestNew = newRS && all.find((rs) => rs.metadata?.uid === newRS.metadata?.uid);
    this.writeStatus(d, calculateStatus(all, latestNew, d, rfc3339(this.now())));
  }

  /** Proportional scaling (sync.go scale, getProportion, getReplicaSetFraction). */
  private proportional(d: Deployment, all: ReplicaSet[]): ReplicaSet[] {
    const want = d.spec?.replicas ?? 1;
    const allowed = want > 0 ? want + maxSurge(d) : 0;
    const toAdd = allowed - specReplicas(all);
    // Newer (and larger) first when adding, older first when removing.
    const order = [...all].sort((a, b) => {
      if (replicas(a) !== replicas(b)) return replicas(b) - replicas(a);
      return toAdd > 0 ? byCreation(b, a) : byCreation(a, b);
    });
    const sizes = new Map<ReplicaSet, number>();
    let added = 0;
    for (const rs of order) {
      let proportion = 0;
      if (replicas(rs) > 0 && toAdd !== added) {
        const annotated = Number(rs.metadata?.annotations?.[MAX_REPLICAS] ?? d.status?.replicas ?? 0);
        const fraction =
          want === 0
            ? -replicas(rs)
            : Math.round((replicas(rs) * (want + maxSurge(d))) / (annotated || 1)) - replicas(rs);
        proportion = toAdd > 0 ? Math.min(fraction, toAdd - added) : Math.max(fraction, toAdd - added);
      }
      sizes.set(rs, replicas(rs) + proportion);
      added += proportion;
    }
    const first = order[0];
    if (first && toAdd !== 0) sizes.set(first, Math.max(0, (sizes.get(first) ?? 0) + toAdd - added));
    return all.map((rs) => this.scale(d, rs, sizes.get(rs) ?? replicas(rs)));
  }

  /** cleanupDeployment: beyond revisionHistoryLimit, the oldest revisions' empty ReplicaSets are deleted. */
  private cleanup(d: Deployment, old: ReplicaSet[]): void {
    const limit = d.spec?.revisionHistoryLimit ?? 10;
    const cleanable = old.filter((rs) => !rs.metadata?.deletionTimestamp);
    const diff = cleanable.length - limit;
    if (diff <= 0) return;
    cleanable.sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
    for (const rs of cleanable.slice(0, diff)) {
      const observed = (rs.status?.observedGeneration ?? 0) >= (rs.metadata?.generation ?? 1);
      if ((rs.status?.replicas ?? 0) !== 0 || replicas(rs) !== 0 || !observed) continue;
      this.store.remove(REPLICASETS, rs.metadata?.namespace, rs.metadata?.name ?? '');
    }
  }

  /** scaleReplicaSet: the size and the desired/max annotations, with the ScalingReplicaSet event. */
  private scale(d: Deployment, rs: ReplicaSet, size: number): ReplicaSet {
    const before = replicas(rs);
    const copy = structuredClone(rs);
    const want = d.spec?.replicas ?? 1;
    const annotations = setReplicasAnnotations(copy, want, want + maxSurge(d));
    if (before === size && !annotations) return rs;
    const updated = this.updateRS(rs, (o) => {
      o.metadata = { ...o.metadata, annotations: copy.metadata?.annotations };
      if (before !== size) {
        o.spec = { ...o.spec!, replicas: size };
        o.metadata.generation = (o.metadata.generation ?? 1) + 1;
      }
    });
    if (before !== size) this.scaledEvent(d, updated, before, size);
    return updated;
  }

  private scaledEvent(d: Deployment, rs: ReplicaSet, from: number, to: number): void {
    const op = to > from ? 'up' : 'down';
    this.events.record(
      d as KubeObject,
      'Normal',
      'ScalingReplicaSet',
      `Scaled ${op} replica set ${rs.metadata?.name} from ${from} to ${to}`,
      SOURCE,
    );
  }

  private syncRolloutStatus(d: Deployment, all: ReplicaSet[], newRS: ReplicaSet | undefined): void {
    this.writeStatus(d, rolloutStatus(all, newRS, this.latest(d), rfc3339(this.now())));
  }

  private writeStatus(d: Deployment, status: NonNullable<Deployment['status']>): void {
    const current = this.latest(d);
    if (JSON.stringify(current.status) === JSON.stringify(status)) return;
    this.updateDeployment(current, (o) => {
      o.status = status;
    });
  }

  private updateRS(rs: ReplicaSet, mutate: (o: ReplicaSet) => void): ReplicaSet {
    return this.store.update(REPLICASETS, rs.metadata?.namespace, rs.metadata?.name ?? '', (o) =>
      mutate(o as ReplicaSet),
    ) as ReplicaSet;
  }

  private updateDeployment(d: Deployment, mutate: (o: Deployment) => void): Deployment {
    return this.store.update(DEPLOYMENTS, d.metadata?.namespace, d.metadata?.name ?? '', (o) =>
      mutate(o as Deployment),
    ) as Deployment;
  }
}
