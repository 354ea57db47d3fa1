/**
 * The StatefulSet controller as kube-controller-manager runs it (pkg/controller/statefulset/stateful_set_control.go
 * updateStatefulSet, stateful_set_utils.go newVersionedStatefulSetPod): pods named `NAME-0 … NAME-(N-1)`, each
 * with the `statefulset.kubernetes.io/pod-name`, `apps.kubernetes.io/pod-index` and `controller-revision-hash`
 * labels, hostname = its name and subdomain = serviceName. Under OrderedReady a pod is created only once every
 * lower ordinal is Running and Ready, and scale-down removes the highest ordinal first, one at a time; Parallel
 * does both at once. A deleted or finished pod is made again with the same name. A RollingUpdate (a new template:
 * `kubectl rollout restart` changes an annotation) deletes outdated pods from the highest ordinal down to the
 * partition, one at a time, each waiting for the others to be Ready. Status: replicas, readyReplicas,
 * availableReplicas, currentReplicas, updatedReplicas, currentRevision, updateRevision, observedGeneration.
 * ControllerRevision objects are not kept (the revision is the template's hash).
 */
import type { Pod } from '../../domain/wire.js';
import { fnv1a } from '../fnv.js';
import { PODS } from '../store/resourceTypes.js';
import { STATEFULSETS } from '../store/workloadTypes.js';
import type { ControllerHost } from './workloadBase.js';
import { isFinished, isReady, isTerminating, ownerReference, WorkloadController } from './workloadBase.js';
import type { StatefulSet } from './workloadWire.js';

const REVISION = 'controller-revision-hash';

/** A ControllerRevision-style hash of a pod template: ten characters of the alphabet rand.SafeEncodeString uses. */
export function templateHash(template: unknown): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const text = JSON.stringify(template);
  let h = fnv1a(text);
  let h2 = fnv1a(text, h ^ 0x9e3779b9);
  let out = '';
  for (let i = 0; i < 10; i++) {
    const src = i < 5 ? h : h2;
    out += alphabet[src % alphabet.length];
    if (i < 5) h = Math.floor(h / alphabet.length);
    else h2 = Math.floor(h2 / alphabet.length);
  }
  return out;
}

/** The revision a StatefulSet's pods are labelled with: its name and its template's hash. */
export function statefulSetRevision(sts: StatefulSet): string {
  return `${sts.metadata!.name}-${templateHash(sts.spec!.template)}`;
}

function ordinalOf(set: string, pod: string): number | undefined {
  if (!pod.startsWith(`${set}-`)) return undefined;
  const n = pod.slice(set.length + 1);
  return /^(0|[1-9]\d*)$/.test(n) ? Number(n) : undefined;
}

/** Pod `ordinal` of a StatefulSet at a revision (newVersionedStatefulSetPod). */
export function statefulSetPod(sts: StatefulSet, ordinal: number, revision: string): Pod {
  const tpl = sts.spec!.template;
  const name = `${sts.metadata!.name}-${ordinal}`;
  const spec = structuredClone(tpl.spec!);
  spec.hostname = name;
  if (sts.spec!.serviceName) spec.subdomain = sts.spec!.serviceName;
  const { creationTimestamp: _created, ...tplMeta } = (tpl.metadata ?? {}) as NonNullable<Pod['metadata']>;
  return {
    metadata: {
      ...tplMeta,
      name,
      generateName: `${sts.metadata!.name}-`,
      namespace: sts.metadata!.namespace,
      labels: {
        ...tplMeta.labels,
        'apps.kubernetes.io/pod-index': String(ordinal),
        [REVISION]: revision,
        'statefulset.kubernetes.io/pod-name': name,
      },
      ownerReferences: [ownerReference(sts, 'apps/v1', 'StatefulSet')],
    },
    spec,
  };
}

export class StatefulSetController extends WorkloadController {
  constructor(host: ControllerHost) {
    super(host, STATEFULSETS, PODS, 'statefulset-controller');
  }

  /** stateful_pod_control.go recordPodEvent's words. */
  protected override childMessage(verb: 'create' | 'delete', child: string, owner: string): string {
    return `${verb} Pod ${child} in StatefulSet ${owner} successful`;
  }

  protected reconcile(namespace: string, name: string): void {
    const sts = this.host.store.get(STATEFULSETS, namespace, name) as StatefulSet | undefined;
    if (!sts?.spec) return;
    const replicas = sts.spec.replicas ?? 1;
    const revision = statefulSetRevision(sts);
    const ordered = sts.spec.podManagementPolicy !== 'Parallel';
    const byOrdinal = new Map<number, Pod>();
    for (const p of this.owned(namespace, name) as Pod[]) {
      const i = ordinalOf(name, p.metadata!.name!);
      if (i !== undefined) byOrdinal.set(i, p);
    }
    this.converge(sts, revision, replicas, ordered, byOrdinal);
    this.writeStatus(sts, revision, replicas, byOrdinal);
  }

  private converge(
    sts: StatefulSet,
    revision: string,
    replicas: number,
    ordered: boolean,
    byOrdinal: Map<number, Pod>,
  ): void {
    // Finished pods are deleted, to be made again.
    for (const p of byOrdinal.values()) if (isFinished(p) && !isTerminating(p)) this.deleteChild(p);
    for (let i = 0; i < replicas; i++) {
      const p = byOrdinal.get(i);
      if (!p) {
        this.createPod(statefulSetPod(sts, i, revision));
        if (ordered) return;
        continue;
      }
      if (ordered && (isTerminating(p) || !isReady(p) || p.status?.phase !== 'Running')) return;
    }
    // Scale down: the highest ordinal first; under OrderedReady one at a time.
    const extra = [...byOrdinal.keys()].filter((i) => i >= replicas).sort((a, b) => b - a);
    for (const i of extra) {
      const p = byOrdinal.get(i)!;
      if (isTerminating(p)) {
        if (ordered) return;
        continue;
      }
      this.deleteChild(p);
      if (ordered) return;
    }
    if (extra.length) return;
    const strategy = sts.spec!.updateStrategy;
    if (strategy?.type === 'OnDelete') return;
    const partition = strategy?.rollingUpdate?.partition ?? 0;
    const pods = [...byOrdinal.values()];
    if (pods.some((p) => isTerminating(p) || !isReady(p))) return;
    for (let i = replicas - 1; i >= partition; i--) {
      const p = byOrdinal.get(i);
      if (p && p.metadata?.labels?.[REVISION] !== revision) {
        this.deleteChild(p);
        return;
      }
    }
  }

  private writeStatus(
    sts: StatefulSet,
    revision: string,
    replicas: number,
    byOrdinal: Map<number, Pod>,
  ): void {
    const live = [...byOrdinal.values()].filter((p) => !isTerminating(p));
    const ready = live.filter((p) => isReady(p) && p.status?.phase === 'Running').length;
    const updated = live.filter((p) => p.metadata?.labels?.[REVISION] === revision).length;
    const before = sts.status;
    // The current revision becomes the update revision once every replica runs it.
    const current =
      updated === replicas && live.length === replicas ? revision : (before?.currentRevision ?? revision);
    const currentReplicas = live.filter((p) => p.metadata?.labels?.[REVISION] === current).length;
    const status = {
      availableReplicas: ready,
      collisionCount: 0,
      ...(currentReplicas ? { currentReplicas } : {}),
      currentRevision: current,
      observedGeneration: sts.metadata?.generation ?? 1,
      ...(ready ? { readyReplicas: ready } : {}),
      replicas: live.length,
      updateRevision: revision,
      ...(updated ? { updatedReplicas: updated } : {}),
    };
    if (JSON.stringify(status) === JSON.stringify(before ?? {})) return;
    this.host.store.update(STATEFULSETS, sts.metadata!.namespace, sts.metadata!.name!, (o) => {
      o['status'] = status;
    });
  }
}
