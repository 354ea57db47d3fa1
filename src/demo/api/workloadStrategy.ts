/**
 * What the apps and batch registries' strategies do to a workload on create and update
 * (pkg/registry/apps/deployment/strategy.go and its siblings): `metadata.generation` starts at 1 and grows when
 * the spec changes — for a Deployment also when its annotations change, since they are copied to its
 * ReplicaSets — and a Deployment's spec gets SetDefaults_Deployment's defaults. Generic over the kind, so any
 * workload the demo stores gets it by kind name.
 */
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '../../domain/wire.js';
import type { ResourceType } from '../store/resourceTypes.js';

const WORKLOAD_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);

/** Whether the type's objects carry a generation the strategy keeps. */
export function isWorkload(type: ResourceType): boolean {
  return WORKLOAD_KINDS.has(type.kind);
}

/** PrepareForCreate: generation 1 (and a Deployment's defaults). Returns the object to store. */
export function prepareWorkloadCreate(type: ResourceType, o: KubeObject): KubeObject {
  if (!isWorkload(type)) return o;
  const spec = type.kind === 'Deployment' ? deploymentDefaults(o['spec']) : o['spec'];
  return { ...o, metadata: { ...o.metadata, generation: 1 }, ...(spec !== undefined ? { spec } : {}) };
}

/** PrepareForUpdate: the generation grows when the spec (a Deployment's annotations too) changed. Mutates `after`. */
export function prepareWorkloadUpdate(type: ResourceType, before: KubeObject, after: KubeObject): void {
  if (!isWorkload(type)) return;
  if (type.kind === 'Deployment') after['spec'] = deploymentDefaults(after['spec']);
  const generation = before.metadata?.generation ?? 1;
  const changed =
    !isDeepStrictEqual(before['spec'], after['spec']) ||
    (type.kind === 'Deployment' &&
      !isDeepStrictEqual(before.metadata?.annotations, after.metadata?.annotations));
  after.metadata = { ...after.metadata, generation: changed ? generation + 1 : generation };
}

/** SetDefaults_Deployment: 1 replica, RollingUpdate 25 %/25 %, 10 revisions kept, a 600 s progress deadline. */
function deploymentDefaults(spec: unknown): unknown {
  if (spec === null || typeof spec !== 'object') return spec;
  const s = { ...(spec as Record<string, unknown>) };
  s['replicas'] ??= 1;
  const strategy = { ...((s['strategy'] as Record<string, unknown> | undefined) ?? {}) };
  strategy['type'] ??= 'RollingUpdate';
  if (strategy['type'] === 'RollingUpdate') {
    strategy['rollingUpdate'] = {
      maxUnavailable: '25%',
      maxSurge: '25%',
      ...(strategy['rollingUpdate'] as object),
    };
  }
  s['strategy'] = strategy;
  s['revisionHistoryLimit'] ??= 10;
  s['progressDeadlineSeconds'] ??= 600;
  return s;
}
