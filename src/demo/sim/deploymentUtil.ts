/**
 * The arithmetic and bookkeeping of kube-controller-manager's deployment controller, as
 * pkg/controller/deployment/util/deployment_util.go has it: surge and unavailability from int-or-percent,
 * the pod-template-hash, template equality ignoring the hash, revisions and the replica annotations.
 */
import type { Deployment, ReplicaSet } from '../../domain/wire.js';
import { fnv1a } from '../fnv.js';

export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const POD_TEMPLATE_HASH = 'pod-template-hash';

/** Annotations a Deployment does not copy to its ReplicaSets (annotationsToSkip). */
const SKIPPED = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  REVISION_HISTORY,
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  'deprecated.deployment.rollback.to',
]);

/** intstr.GetScaledValueFromIntOrPercent: `25%` of 3 is 1 rounding up, 0 rounding down. */
export function scaledValue(value: number | string | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(value);
  if (!m) return Number.parseInt(value, 10) || 0;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

function isRollingUpdate(d: Deployment): boolean {
  return (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/** ResolveFenceposts: surge rounds up, unavailability down, and both 0 becomes 1 unavailable. */
export function fenceposts(d: Deployment): { surge: number; unavailable: number } {
  const desired = d.spec?.replicas ?? 1;
  const ru = d.spec?.strategy?.rollingUpdate;
  const surge = scaledValue(ru?.maxSurge ?? '25%', desired, true);
  const unavailable = scaledValue(ru?.maxUnavailable ?? '25%', desired, false);
  if (surge === 0 && unavailable === 0) return { surge, unavailable: 1 };
  return { surge, unavailable };
}

/** MaxSurge: 0 unless the strategy is RollingUpdate. */
export function maxSurge(d: Deployment): number {
  return isRollingUpdate(d) ? fenceposts(d).surge : 0;
}

/** MaxUnavailable: 0 unless RollingUpdate with replicas, never more than the replicas. */
export function maxUnavailable(d: Deployment): number {
  const replicas = d.spec?.replicas ?? 1;
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  return Math.min(fenceposts(d).unavailable, replicas);
}

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * ComputeHash: FNV-32a of the template (here its JSON with sorted keys, where upstream hashes a spew dump, so
 * the value differs from a real cluster's but has its form), plus the collision count, written through
 * rand.SafeEncodeString (each decimal digit mapped to a consonant or digit that spells no word).
 */
export function templateHash(template: unknown, collisionCount?: number): string {
  let h = fnv1a(sortedJson(template));
  if (collisionCount !== undefined) h = fnv1a(String(collisionCount), h);
  return [...String(h)].map((c) => ALPHANUMS[c.charCodeAt(0) % ALPHANUMS.length]).join('');
}

type Template = NonNullable<NonNullable<Deployment['spec']>['template']>;

function withoutHash(t: Template | undefined): unknown {
  if (!t) return t;
  const labels = Object.fromEntries(
    Object.entries(t.metadata?.labels ?? {}).filter(([k]) => k !== POD_TEMPLATE_HASH),
  );
  return { ...t, metadata: { ...t.metadata, labels } };
}

/** EqualIgnoreHash: the templates are equal once the pod-template-hash label is left out. */
export function equalIgnoreHash(a: Template | undefined, b: Template | undefined): boolean {
  return sortedJson(withoutHash(a)) === sortedJson(withoutHash(b));
}

/**
 * JSON with every object's keys sorted and nulls and empty maps dropped: equal values compare equal, whether a
 * template came as the demo stores it or re-encoded from Go structs (`creationTimestamp: null`, `resources: {}`),
 * as upstream compares typed objects.
 */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const entries = Object.entries(v).filter(
      ([, x]) =>
        x !== undefined &&
        x !== null &&
        !(typeof x === 'object' && !Array.isArray(x) && !Object.keys(x).length),
    );
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}

/** Revision: the ReplicaSet's revision annotation as a number (0 when missing or malformed). */
export function revisionOf(o: { metadata?: { annotations?: Record<string, string> } }): number {
  const n = Number.parseInt(o.metadata?.annotations?.[REVISION] ?? '', 10);
  return Number.isFinite(n) ? n : 0;
}

/** MaxRevision over the ReplicaSets. */
export function maxRevision(sets: ReplicaSet[]): number {
  return sets.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
}

/**
 * SetNewReplicaSetAnnotations: copy the Deployment's annotations (not the skipped ones), set the new revision
 * (moving an old one to revision-history when a ReplicaSet comes back, as an undo does) and the replica
 * annotations. Returns whether anything changed.
 */
export function setNewReplicaSetAnnotations(
  d: Deployment,
  rs: ReplicaSet,
  newRevision: string,
  exists: boolean,
): boolean {
  const meta = (rs.metadata ??= {});
  const ann = { ...meta.annotations };
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) {
    if (SKIPPED.has(k) || ann[k] === v) continue;
    ann[k] = v;
    changed = true;
  }
  const old = ann[REVISION] ?? '';
  const oldN = Number.parseInt(old, 10) || 0;
  const newN = Number.parseInt(newRevision, 10) || 0;
  if (old === '' || oldN < newN) {
    ann[REVISION] = newRevision;
    changed = true;
    if (old !== '' && exists) {
      ann[REVISION_HISTORY] = ann[REVISION_HISTORY] ? `${ann[REVISION_HISTORY]},${old}` : old;
    }
  }
  if (!exists) {
    const desired = d.spec?.replicas ?? 1;
    ann[DESIRED_REPLICAS] = String(desired);
    ann[MAX_REPLICAS] = String(desired + maxSurge(d));
    changed = true;
  }
  meta.annotations = ann;
  return changed;
}

/** SetReplicasAnnotations: desired and max replicas on a ReplicaSet being scaled. Returns whether they changed. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const meta = (rs.metadata ??= {});
  const ann = { ...meta.annotations };
  if (ann[DESIRED_REPLICAS] === String(desired) && ann[MAX_REPLICAS] === String(max)) return false;
  ann[DESIRED_REPLICAS] = String(desired);
  ann[MAX_REPLICAS] = String(max);
  meta.annotations = ann;
  return true;
}

/** Sum of the ReplicaSets' spec.replicas (GetReplicaCountForReplicaSets). */
export function specReplicas(sets: ReplicaSet[]): number {
  return sets.reduce((n, rs) => n + (rs.spec?.replicas ?? 0), 0);
}

/** Sum of the ReplicaSets' status.availableReplicas (GetAvailableReplicaCountForReplicaSets). */
export function availableReplicas(sets: ReplicaSet[]): number {
  return sets.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0);
}
