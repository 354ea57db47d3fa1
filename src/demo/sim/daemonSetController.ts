/**
 * The DaemonSet controller as kube-controller-manager runs it (pkg/controller/daemon/daemon_controller.go
 * podsShouldBeOnNode and syncNodes, util/daemonset_util.go): one pod per node whose taints its template (with the
 * tolerations the controller adds) tolerates and whose labels its nodeSelector matches, pinned there by a
 * required node affinity on `metadata.name` (the scheduler binds it); the controller adds the not-ready and
 * unreachable NoExecute tolerations and the disk-, memory-, pid-pressure and unschedulable NoSchedule ones
 * (network-unavailable too for hostNetwork pods). Pods carry `controller-revision-hash` and
 * `pod-template-generation`. A failed pod or one on a node it no longer fits is deleted (and remade where it
 * fits). A RollingUpdate (maxUnavailable 1) replaces outdated pods one at a time, each waiting for the others to
 * be Ready (update.go rollingUpdate). Status as the controller writes it.
 */
import type { Node, Pod } from '../../domain/wire.js';
import { NODES, PODS } from '../store/resourceTypes.js';
import { DAEMONSETS } from '../store/workloadTypes.js';
import { templateHash } from './statefulSetController.js';
import type { ControllerHost } from './workloadBase.js';
import { isReady, isTerminating, ownerReference, WorkloadController } from './workloadBase.js';
import type { DaemonSet } from './workloadWire.js';

type Toleration = NonNullable<NonNullable<Pod['spec']>['tolerations']>[number];
type Taint = NonNullable<NonNullable<Node['spec']>['taints']>[number];

const exists = (key: string, effect: string): Toleration => ({ key, operator: 'Exists', effect });

/** AddOrUpdateDaemonPodTolerations, in its order. */
function daemonTolerations(hostNetwork: boolean): Toleration[] {
  return [
    exists('node.kubernetes.io/not-ready', 'NoExecute'),
    exists('node.kubernetes.io/unreachable', 'NoExecute'),
    exists('node.kubernetes.io/disk-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/memory-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/pid-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/unschedulable', 'NoSchedule'),
    ...(hostNetwork ? [exists('node.kubernetes.io/network-unavailable', 'NoSchedule')] : []),
  ];
}

/** The template's tolerations and those the controller adds. */
function daemonSetTolerations(ds: DaemonSet): Toleration[] {
  const spec = ds.spec?.template.spec;
  return [...(spec?.tolerations ?? []), ...daemonTolerations(!!spec?.hostNetwork)];
}

function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.operator === 'Exists') return !t.key || t.key === taint.key;
  return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
}

function fits(
  node: Node,
  tolerations: Toleration[],
  nodeSelector: Record<string, string> | undefined,
): boolean {
  const labels = node.metadata?.labels ?? {};
  if (!Object.entries(nodeSelector ?? {}).every(([k, v]) => labels[k] === v)) return false;
  return (node.spec?.taints ?? [])
    .filter((taint) => taint.effect === 'NoSchedule' || taint.effect === 'NoExecute')
    .every((taint) => tolerations.some((t) => tolerates(t, taint)));
}

/** The node a daemon pod is pinned to: its affinity's `metadata.name`, or where it was bound. */
export function pinnedNode(p: Pod): string | undefined {
  if (p.spec?.nodeName) return p.spec.nodeName;
  const terms =
    p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  for (const t of terms ?? []) {
    const f = t.matchFields?.find((m) => m.key === 'metadata.name' && m.operator === 'In');
    if (f?.values?.length === 1) return f.values[0];
  }
  return undefined;
}

/** A DaemonSet's pod for a node (NewPod, with the tolerations and node affinity the controller sets). */
export function daemonSetPod(ds: DaemonSet, node: string): Pod {
  const hash = templateHash(ds.spec!.template);
  const tolerations = daemonSetTolerations(ds);
  const tpl = ds.spec!.template;
  const { creationTimestamp: _created, ...tplMeta } = (tpl.metadata ?? {}) as NonNullable<Pod['metadata']>;
  const spec = structuredClone(tpl.spec!);
  spec.tolerations = tolerations;
  spec.affinity = {
    ...spec.affinity,
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }],
      },
    },
  };
  const generation = ds.metadata?.annotations?.['deprecated.daemonset.template.generation'] ?? '1';
  return {
    metadata: {
      ...tplMeta,
      generateName: `${ds.metadata!.name}-`,
      namespace: ds.metadata!.namespace,
      labels: { ...tplMeta.labels, 'controller-revision-hash': hash, 'pod-template-generation': generation },
      ownerReferences: [ownerReference(ds, 'apps/v1', 'DaemonSet')],
    },
    spec,
  };
}

export class DaemonSetController extends WorkloadController {
  constructor(host: ControllerHost) {
    super(host, DAEMONSETS, PODS, 'daemonset-controller');
  }

  protected reconcile(namespace: string, name: string): void {
    const ds = this.host.store.get(DAEMONSETS, namespace, name) as DaemonSet | undefined;
    if (!ds?.spec) return;
    const tplSpec = ds.spec.template.spec;
    const hash = templateHash(ds.spec.template);
    const tolerations = daemonSetTolerations(ds);
    const nodes = (this.host.store.list(NODES) as Node[]).filter((n) =>
      fits(n, tolerations, tplSpec?.nodeSelector),
    );
    const wanted = new Set(nodes.map((n) => n.metadata!.name!));
    const byNode = new Map<string, Pod[]>();
    const misplaced: Pod[] = [];
    for (const p of this.owned(namespace, name) as Pod[]) {
      const node = pinnedNode(p);
      if (p.status?.phase === 'Failed' && !isTerminating(p)) {
        this.deleteChild(p);
        continue;
      }
      if (!node || !wanted.has(node)) {
        misplaced.push(p);
        continue;
      }
      byNode.set(node, [...(byNode.get(node) ?? []), p]);
    }
    for (const p of misplaced) this.deleteChild(p);
    for (const node of wanted) {
      if (!byNode.has(node)) this.createPod(daemonSetPod(ds, node));
    }
    this.rollingUpdate(ds, hash, byNode);
    this.writeStatus(ds, hash, wanted, byNode, misplaced.length);
  }

  /** One outdated pod at a time (maxUnavailable 1), once every other is Ready. */
  private rollingUpdate(ds: DaemonSet, hash: string, byNode: Map<string, Pod[]>): void {
    if (ds.spec?.updateStrategy?.type === 'OnDelete') return;
    const pods = [...byNode.values()].flat();
    if (pods.some((p) => isTerminating(p) || !isReady(p))) return;
    const outdated = pods.find((p) => p.metadata?.labels?.['controller-revision-hash'] !== hash);
    if (outdated) this.deleteChild(outdated);
  }

  private writeStatus(
    ds: DaemonSet,
    hash: string,
    wanted: Set<string>,
    byNode: Map<string, Pod[]>,
    misscheduled: number,
  ): void {
    let ready = 0;
    let updated = 0;
    for (const pods of byNode.values()) {
      const live = pods.filter((p) => !isTerminating(p));
      if (live.some((p) => isReady(p))) ready++;
      if (live.some((p) => p.metadata?.labels?.['controller-revision-hash'] === hash)) updated++;
    }
    const desired = wanted.size;
    const status = {
      currentNumberScheduled: byNode.size,
      desiredNumberScheduled: desired,
      ...(ready ? { numberAvailable: ready } : {}),
      numberMisscheduled: misscheduled,
      numberReady: ready,
      ...(desired - ready > 0 ? { numberUnavailable: desired - ready } : {}),
      observedGeneration: ds.metadata?.generation ?? 1,
      ...(updated ? { updatedNumberScheduled: updated } : {}),
    };
    if (JSON.stringify(status) === JSON.stringify(ds.status ?? {})) return;
    this.host.store.update(DAEMONSETS, ds.metadata!.namespace, ds.metadata!.name!, (o) => {
      o['status'] = status;
    });
  }
}
