/**
 * Where a rollout is, as `kubectl rollout status` decides it (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/
 * rollout_status.go: DeploymentStatusViewer, DaemonSetStatusViewer, StatefulSetStatusViewer — branch order kept),
 * with kubectl's own line, plus the short text podscope's header shows while it runs (`web-app: 2/3 updated, 1 old`).
 */

/** What the viewers read of a workload: metadata.generation, spec and status counts. */
export interface WorkloadStatus {
  readonly generation?: number | undefined;
  readonly specReplicas?: number | undefined;
  /** spec.strategy.type (Deployment) or spec.updateStrategy.type (StatefulSet, DaemonSet). */
  readonly strategyType?: string | undefined;
  readonly partition?: number | undefined;
  readonly observedGeneration?: number | undefined;
  readonly replicas?: number | undefined;
  readonly updatedReplicas?: number | undefined;
  readonly readyReplicas?: number | undefined;
  readonly availableReplicas?: number | undefined;
  readonly currentReplicas?: number | undefined;
  readonly currentRevision?: string | undefined;
  readonly updateRevision?: string | undefined;
  readonly desiredNumberScheduled?: number | undefined;
  readonly updatedNumberScheduled?: number | undefined;
  readonly numberAvailable?: number | undefined;
  readonly conditions?: readonly { type: string; status: string; reason?: string }[] | undefined;
}

export type RolloutProgress =
  | { readonly kind: 'waiting'; readonly kubectl: string; readonly short: string }
  | { readonly kind: 'done'; readonly kubectl: string; readonly short: string }
  | { readonly kind: 'failed'; readonly kubectl: string; readonly short: string };

/** The kinds `kubectl rollout` works on (restart, status, undo). */
export const ROLLOUT_KINDS: readonly string[] = ['Deployment', 'DaemonSet', 'StatefulSet'];

const z = (n: number | undefined): number => n ?? 0;

/**
 * The rollout's state.
 * @param kind Deployment, DaemonSet or StatefulSet
 * @param name the workload's name
 * @param s what the API server holds now
 */
export function rolloutProgress(kind: string, name: string, s: WorkloadStatus): RolloutProgress {
  const waiting = (kubectl: string, short: string): RolloutProgress => ({
    kind: 'waiting',
    kubectl,
    short: `${name}: ${short}`,
  });
  const done = (kubectl: string, short: string): RolloutProgress => ({
    kind: 'done',
    kubectl,
    short: `${name}: ${short}`,
  });
  const observed = z(s.generation) <= z(s.observedGeneration);
  if (kind === 'Deployment') {
    if (!observed)
      return waiting('Waiting for deployment spec update to be observed...', 'spec update not yet observed');
    if (s.conditions?.some((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded'))
      return {
        kind: 'failed',
        kubectl: `deployment "${name}" exceeded its progress deadline`,
        short: `${name}: exceeded its progress deadline`,
      };
    const want = s.specReplicas ?? 1;
    const updated = z(s.updatedReplicas);
    const old = Math.max(0, z(s.replicas) - updated);
    const tail = old > 0 ? `, ${old} old` : '';
    if (updated < want)
      return waiting(
        `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...`,
        `${updated}/${want} updated${tail}`,
      );
    if (z(s.replicas) > updated)
      return waiting(
        `Waiting for deployment "${name}" rollout to finish: ${old} old replicas are pending termination...`,
        `${updated}/${want} updated${tail}`,
      );
    if (z(s.availableReplicas) < updated)
      return waiting(
        `Waiting for deployment "${name}" rollout to finish: ${z(s.availableReplicas)} of ${updated} updated replicas are available...`,
        `${updated}/${want} updated, ${z(s.availableReplicas)} available`,
      );
    return done(`deployment "${name}" successfully rolled out`, `rolled out (${updated}/${want} updated)`);
  }
  if (kind === 'DaemonSet') {
    if (s.strategyType !== undefined && s.strategyType !== 'RollingUpdate')
      return {
        kind: 'failed',
        kubectl: 'rollout status is only available for RollingUpdate strategy type',
        short: `${name}: not a RollingUpdate`,
      };
    if (!observed)
      return waiting('Waiting for daemon set spec update to be observed...', 'spec update not yet observed');
    const want = z(s.desiredNumberScheduled);
    if (z(s.updatedNumberScheduled) < want)
      return waiting(
        `Waiting for daemon set "${name}" rollout to finish: ${z(s.updatedNumberScheduled)} out of ${want} new pods have been updated...`,
        `${z(s.updatedNumberScheduled)}/${want} updated`,
      );
    if (z(s.numberAvailable) < want)
      return waiting(
        `Waiting for daemon set "${name}" rollout to finish: ${z(s.numberAvailable)} of ${want} updated pods are available...`,
        `${want}/${want} updated, ${z(s.numberAvailable)} available`,
      );
    return done(`daemon set "${name}" successfully rolled out`, `rolled out (${want}/${want} updated)`);
  }
  // StatefulSet
  if (s.strategyType !== undefined && s.strategyType !== 'RollingUpdate')
    return {
      kind: 'failed',
      kubectl: 'rollout status is only available for RollingUpdate strategy type',
      short: `${name}: not a RollingUpdate`,
    };
  if (z(s.observedGeneration) === 0 || !observed)
    return waiting('Waiting for statefulset spec update to be observed...', 'spec update not yet observed');
  const want = s.specReplicas ?? 1;
  if (z(s.readyReplicas) < want)
    return waiting(
      `Waiting for ${want - z(s.readyReplicas)} pods to be ready...`,
      `${z(s.updatedReplicas)}/${want} updated, ${z(s.readyReplicas)} ready`,
    );
  if (s.partition !== undefined) {
    if (z(s.updatedReplicas) < want - s.partition)
      return waiting(
        `Waiting for partitioned roll out to finish: ${z(s.updatedReplicas)} out of ${want - s.partition} new pods have been updated...`,
        `${z(s.updatedReplicas)}/${want - s.partition} updated (partition ${s.partition})`,
      );
    return done(
      `partitioned roll out complete: ${z(s.updatedReplicas)} new pods have been updated...`,
      `rolled out (${z(s.updatedReplicas)} updated)`,
    );
  }
  if (s.updateRevision !== s.currentRevision)
    return waiting(
      `waiting for statefulset rolling update to complete ${z(s.updatedReplicas)} pods at revision ${s.updateRevision ?? ''}...`,
      `${z(s.updatedReplicas)}/${want} updated`,
    );
  return done(
    `statefulset rolling update complete ${z(s.currentReplicas)} pods at revision ${s.currentRevision ?? ''}...`,
    `rolled out (${z(s.currentReplicas)}/${want} updated)`,
  );
}
