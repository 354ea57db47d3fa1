/**
 * A Deployment's status as kube-controller-manager computes it: calculateStatus (sync.go), the Available and
 * Progressing conditions with their upstream reasons and SetDeploymentCondition's rules (util/deployment_util.go),
 * and syncRolloutStatus' choice between NewReplicaSetAvailable and ReplicaSetUpdated (progress.go).
 */
import type { Deployment, ReplicaSet } from '../../domain/wire.js';
import { availableReplicas, maxUnavailable } from './deploymentUtil.js';

type DeploymentStatus = NonNullable<Deployment['status']>;
type Condition = NonNullable<DeploymentStatus['conditions']>[number];

/** NewDeploymentCondition: both times now. */
export function newCondition(
  type: string,
  status: string,
  reason: string,
  message: string,
  now: string,
): Condition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

/**
 * SetDeploymentCondition: the same status and reason change nothing; the same status keeps its transition time;
 * the condition then moves to the end of the list.
 */
export function setCondition(status: DeploymentStatus, cond: Condition): void {
  const current = status.conditions?.find((c) => c.type === cond.type);
  if (current && current.status === cond.status && current.reason === cond.reason) return;
  const next = { ...cond };
  if (current && current.status === cond.status) next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== cond.type), next];
}

function sum(sets: ReplicaSet[], pick: (s: NonNullable<ReplicaSet['status']>) => number | undefined): number {
  return sets.reduce((n, rs) => n + (pick(rs.status ?? { replicas: 0 }) ?? 0), 0);
}

/** calculateStatus: counts from the ReplicaSets' status and the Available condition. Zeros are omitted (omitempty). */
export function calculateStatus(
  all: ReplicaSet[],
  newRS: ReplicaSet | undefined,
  d: Deployment,
  now: string,
): DeploymentStatus {
  const available = availableReplicas(all);
  const desired = d.spec?.replicas ?? 1;
  const counts: Record<string, number> = {
    replicas: sum(all, (s) => s.replicas),
    updatedReplicas: newRS?.status?.replicas ?? 0,
    readyReplicas: sum(all, (s) => s.readyReplicas),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, desired - available),
  };
  const status: DeploymentStatus = { observedGeneration: d.metadata?.generation ?? 1 };
  for (const [k, v] of Object.entries(counts)) if (v) Object.assign(status, { [k]: v });
  status.conditions = structuredClone(d.status?.conditions ?? []);
  if (available >= desired - maxUnavailable(d)) {
    setCondition(
      status,
      newCondition(
        'Available',
        'True',
        'MinimumReplicasAvailable',
        'Deployment has minimum availability.',
        now,
      ),
    );
  } else {
    setCondition(
      status,
      newCondition(
        'Available',
        'False',
        'MinimumReplicasUnavailable',
        'Deployment does not have minimum availability.',
        now,
      ),
    );
  }
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  return status;
}

/** DeploymentComplete: every replica updated and available, and the latest spec observed. */
export function deploymentComplete(d: Deployment, s: DeploymentStatus): boolean {
  const want = d.spec?.replicas ?? 1;
  return (
    (s.updatedReplicas ?? 0) === want &&
    (s.replicas ?? 0) === want &&
    (s.availableReplicas ?? 0) === want &&
    (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 1)
  );
}

/** DeploymentProgressing: more updated, fewer old, more ready or more available than the status said. */
function deploymentProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (
    (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/**
 * syncRolloutStatus' status: calculateStatus, then Progressing — NewReplicaSetAvailable once complete,
 * ReplicaSetUpdated (keeping a true condition's transition time) while progress is seen. The progress deadline
 * (ProgressDeadlineExceeded) is not simulated.
 */
export function rolloutStatus(
  all: ReplicaSet[],
  newRS: ReplicaSet | undefined,
  d: Deployment,
  now: string,
): DeploymentStatus {
  const status = calculateStatus(all, newRS, d, now);
  const name = d.metadata?.name ?? '';
  const current = status.conditions?.find((c) => c.type === 'Progressing');
  // A resync of a finished rollout estimates no progress (isCompleteDeployment).
  const finished = status.replicas === status.updatedReplicas && current?.reason === 'NewReplicaSetAvailable';
  if (d.spec?.progressDeadlineSeconds === undefined || finished) return status;
  if (deploymentComplete(d, status)) {
    const msg = newRS
      ? `ReplicaSet "${newRS.metadata?.name}" has successfully progressed.`
      : `Deployment "${name}" has successfully progressed.`;
    setCondition(status, newCondition('Progressing', 'True', 'NewReplicaSetAvailable', msg, now));
  } else if (deploymentProgressing(d, status)) {
    const msg = newRS
      ? `ReplicaSet "${newRS.metadata?.name}" is progressing.`
      : `Deployment "${name}" is progressing.`;
    const cond = newCondition('Progressing', 'True', 'ReplicaSetUpdated', msg, now);
    if (current) {
      if (current.status === 'True') cond.lastTransitionTime = current.lastTransitionTime;
      status.conditions = status.conditions?.filter((c) => c.type !== 'Progressing');
    }
    setCondition(status, cond);
  }
  return status;
}
