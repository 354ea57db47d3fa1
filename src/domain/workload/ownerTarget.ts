/**
 * Which owner of a pod `:restart` and `:scale` act on: the workload a person thinks of — the highest link of the
 * owner chain that supports the action (a ReplicaSet's Deployment, not the ReplicaSet the Deployment would scale
 * back). kubectl's rules: `rollout restart` works on Deployments, DaemonSets and StatefulSets
 * (polymorphichelpers/objectrestarter.go); `scale` on what has a scale subresource (Deployments, ReplicaSets,
 * StatefulSets, ReplicationControllers).
 */
import { ROLLOUT_KINDS } from './rolloutProgress.js';

export const SCALABLE_KINDS: readonly string[] = [
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'ReplicationController',
];

export type OwnerAction = 'restart' | 'scale';

/** The chain's link the action works on, or the one line saying why there is none. */
export function ownerTarget<T extends { kind: string; name: string }>(
  chain: readonly T[],
  action: OwnerAction,
  podName: string,
): { ok: true; link: T } | { ok: false; reason: string } {
  const kinds = action === 'restart' ? ROLLOUT_KINDS : SCALABLE_KINDS;
  for (let i = chain.length - 1; i >= 0; i--)
    if (kinds.includes(chain[i]!.kind)) return { ok: true, link: chain[i]! };
  if (chain.length === 0)
    return {
      ok: false,
      reason: `${podName} has no owner: a bare pod cannot be ${action === 'restart' ? 'restarted' : 'scaled'}`,
    };
  const top = chain[chain.length - 1]!;
  return action === 'restart'
    ? {
        ok: false,
        reason: `${top.kind} ${top.name} cannot be restarted (rollout restart works on Deployments, DaemonSets and StatefulSets)`,
      }
    : { ok: false, reason: `${top.kind} ${top.name} cannot be scaled (no scale subresource)` };
}

/** `:scale N`'s argument: a whole number of replicas, 0 or more, or the one line saying what is wrong. */
export function parseReplicas(
  arg: string | undefined,
): { ok: true; replicas: number } | { ok: false; reason: string } {
  if (arg === undefined) return { ok: false, reason: ':scale needs the number of replicas, e.g. :scale 5' };
  if (!/^\d+$/.test(arg))
    return { ok: false, reason: `:scale ${arg}: the replicas must be a whole number, 0 or more` };
  const replicas = Number(arg);
  if (replicas > 2_147_483_647) return { ok: false, reason: `:scale ${arg}: too many replicas` };
  return { ok: true, replicas };
}
