/**
 * The pod subresources that act rather than read: `binding` (what a scheduler POSTs to put a pod on a node) and
 * `eviction` (what `kubectl drain` POSTs). Both answer a Status Success with 201, as the API server's
 * BindingREST and EvictionREST do (pkg/registry/core/pod/storage).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Pod } from '../../domain/wire.js';
import type { Cluster } from '../cluster.js';
import { readObject } from '../http/body.js';
import { sendJson } from '../http/json.js';
import { sendMethodNotAllowed, sendNotFound } from '../http/status.js';
import { rfc3339 } from '../store/objectStore.js';
import { PODS } from '../store/resourceTypes.js';
import { ApiError } from './apiErrors.js';
import { gcFinalizer, parseDeleteOptions } from './deleteOptions.js';

const SUCCESS = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };

export async function handlePodAction(
  cluster: Cluster,
  req: IncomingMessage,
  res: ServerResponse,
  namespace: string,
  name: string,
  action: 'binding' | 'eviction',
): Promise<void> {
  if (req.method !== 'POST') {
    return sendMethodNotAllowed(res);
  }
  // JSON, or protobuf once the demo's protobuf schema has Binding and Eviction (scripts/protobuf/generate.ts).
  const into =
    action === 'binding'
      ? { kind: 'Binding', apiVersion: 'v1' }
      : { kind: 'Eviction', apiVersion: 'policy/v1' };
  const body = (await readObject(req, into)) ?? {};
  const bodyName = (body['metadata'] as { name?: string } | undefined)?.name;
  if (bodyName !== name) {
    throw new ApiError(
      400,
      'BadRequest',
      `name in URL does not match name in ${action === 'binding' ? 'Binding' : 'Eviction'} object`,
    );
  }
  const pod = cluster.store.get(PODS, namespace, name) as Pod | undefined;
  if (!pod) return sendNotFound(res, 'pods', name);
  if (action === 'binding') bind(cluster, pod, body);
  else evict(cluster, pod, body);
  sendJson(res, 201, SUCCESS);
}

/** BindingREST.setPodHostAndAnnotations: a bound, deleting or gated pod is a 409 on pods/binding. */
function bind(cluster: Cluster, pod: Pod, body: Record<string, unknown>): void {
  const name = pod.metadata!.name!;
  const conflict = (why: string): ApiError =>
    new ApiError(409, 'Conflict', `Operation cannot be fulfilled on pods/binding "${name}": ${why}`, {
      name,
      kind: 'pods/binding',
    });
  if (pod.metadata?.deletionTimestamp)
    throw conflict(`pod ${name} is being deleted, cannot be assigned to a host`);
  if (pod.spec?.nodeName) throw conflict(`pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
  if (pod.spec?.schedulingGates?.length) throw conflict(`pod ${name} has non-empty .spec.schedulingGates`);
  const node = (body['target'] as { name?: string } | undefined)?.name ?? '';
  const annotations = (body['metadata'] as { annotations?: Record<string, string> }).annotations;
  cluster.bindPod(pod, node, annotations);
}

/**
 * EvictionREST.Create without PodDisruptionBudgets (none exist here): the pod gets the DisruptionTarget
 * condition, then is deleted with the eviction's DeleteOptions.
 */
function evict(cluster: Cluster, pod: Pod, body: Record<string, unknown>): void {
  const ns = pod.metadata!.namespace!;
  const name = pod.metadata!.name!;
  const options = parseDeleteOptions(
    body['deleteOptions'] as Record<string, unknown> | undefined,
    new URLSearchParams(),
  );
  if (options.dryRun) return;
  cluster.store.update(PODS, ns, name, (o) => {
    const p = o as Pod;
    const conditions = (p.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
    conditions.push({
      type: 'DisruptionTarget',
      status: 'True',
      lastTransitionTime: rfc3339(cluster.now()),
      reason: 'EvictionByEvictionAPI',
      message: 'Eviction API: evicting',
    });
    p.status = { ...p.status, conditions };
  });
  cluster.deletePod(ns, name, options.gracePeriodSeconds, {
    finalizer: gcFinalizer(options.propagationPolicy),
  });
}
