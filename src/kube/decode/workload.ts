/**
 * A workload (Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob — any kind) as the owner actions read
 * it: its identity, its controller owner reference (the next link of the owner chain), spec.replicas, the
 * selector, the update strategy and the status counts `kubectl rollout status` reads. Copied into a plain shape,
 * every field checked.
 */
import type { LabelSelectorObject } from '../../domain/workload/selectorString.js';
import type { WorkloadStatus } from '../../domain/workload/rolloutProgress.js';
import {
  eachObject,
  object,
  optNumber,
  optObject,
  optString,
  optStringMap,
  string,
  topObject,
  type JsonObject,
  type Subject,
} from './read.js';

/** The controller owner reference: the kind and name of the object that manages this one. */
export interface OwnerLink {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
}

export interface Workload {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | undefined;
  readonly controller: OwnerLink | undefined;
  readonly selector: LabelSelectorObject | undefined;
  readonly status: WorkloadStatus;
}

function selectorOf(spec: JsonObject, s: Subject): LabelSelectorObject | undefined {
  const sel = optObject(spec, 'selector', s, 'spec');
  if (!sel) return undefined;
  const matchLabels = optStringMap(sel, 'matchLabels', s, 'spec.selector');
  const expressions: { key: string; operator: string; values?: string[] }[] = [];
  eachObject(sel, 'matchExpressions', s, 'spec.selector', (e, at) => {
    const values: string[] = [];
    for (const v of Array.isArray(e['values']) ? e['values'] : []) if (typeof v === 'string') values.push(v);
    expressions.push({ key: string(e, 'key', s, at), operator: string(e, 'operator', s, at), values });
  });
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(matchLabels ?? {})) if (typeof v === 'string') labels[k] = v;
  return { matchLabels: labels, ...(expressions.length ? { matchExpressions: expressions } : {}) };
}

/**
 * The workload's fields.
 * @param raw the parsed object
 * @param where the request, for the error
 * @throws DecodeError, e.g. `the server sent a workload without metadata.name (GET …)`
 */
export function decodeWorkload(raw: unknown, where?: string): Workload {
  const s: Subject = { what: 'a workload', where };
  const o = topObject(raw, s);
  const meta = object(o, 'metadata', s);
  const spec = optObject(o, 'spec', s) ?? {};
  const st = optObject(o, 'status', s) ?? {};
  let controller: OwnerLink | undefined;
  eachObject(meta, 'ownerReferences', s, 'metadata', (r, at) => {
    if (r['controller'] !== true || controller) return;
    controller = {
      apiVersion: string(r, 'apiVersion', s, at),
      kind: string(r, 'kind', s, at),
      name: string(r, 'name', s, at),
    };
  });
  const strategy = optObject(spec, 'strategy', s, 'spec') ?? optObject(spec, 'updateStrategy', s, 'spec');
  const rolling = strategy && optObject(strategy, 'rollingUpdate', s, 'spec.strategy');
  const conditions: { type: string; status: string; reason?: string }[] = [];
  eachObject(st, 'conditions', s, 'status', (c, at) => {
    const reason = optString(c, 'reason', s, at);
    conditions.push({
      type: string(c, 'type', s, at),
      status: string(c, 'status', s, at),
      ...(reason ? { reason } : {}),
    });
  });
  const n = (from: JsonObject, key: string, path: string): number | undefined =>
    optNumber(from, key, s, path);
  return {
    apiVersion: optString(o, 'apiVersion', s) ?? '',
    kind: optString(o, 'kind', s) ?? '',
    name: string(meta, 'name', s, 'metadata'),
    namespace: optString(meta, 'namespace', s, 'metadata'),
    controller,
    selector: selectorOf(spec, s),
    status: {
      generation: n(meta, 'generation', 'metadata'),
      specReplicas: n(spec, 'replicas', 'spec'),
      strategyType: strategy ? optString(strategy, 'type', s, 'spec.strategy') : undefined,
      partition: rolling ? n(rolling, 'partition', 'spec.strategy.rollingUpdate') : undefined,
      observedGeneration: n(st, 'observedGeneration', 'status'),
      replicas: n(st, 'replicas', 'status'),
      updatedReplicas: n(st, 'updatedReplicas', 'status'),
      readyReplicas: n(st, 'readyReplicas', 'status'),
      availableReplicas: n(st, 'availableReplicas', 'status'),
      currentReplicas: n(st, 'currentReplicas', 'status'),
      currentRevision: optString(st, 'currentRevision', s, 'status'),
      updateRevision: optString(st, 'updateRevision', s, 'status'),
      desiredNumberScheduled: n(st, 'desiredNumberScheduled', 'status'),
      updatedNumberScheduled: n(st, 'updatedNumberScheduled', 'status'),
      numberAvailable: n(st, 'numberAvailable', 'status'),
      conditions,
    },
  };
}

/**
 * An autoscaling/v1 Scale's `spec.replicas` (omitted when 0, as the API omits it).
 * @throws DecodeError, e.g. `the server sent a scale whose spec.replicas is a string, not a number (GET …)`
 */
export function decodeScale(raw: unknown, where?: string): number {
  const s: Subject = { what: 'a scale', where };
  const spec = optObject(topObject(raw, s), 'spec', s) ?? {};
  return optNumber(spec, 'replicas', s, 'spec') ?? 0;
}
