/**
 * The `scale` subresource (autoscaling/v1 Scale) of any workload with `spec.replicas` and `spec.selector`: what
 * kubectl scale and a HorizontalPodAutoscaler read and write. GET answers the Scale the registry builds from the
 * object (pkg/registry/apps/deployment/storage: scaleFromDeployment — the object's name, namespace, uid,
 * resourceVersion and creation time; spec.replicas; status.replicas and the selector as a string); PUT and PATCH
 * (merge, strategic, JSON patch) change only the object's spec.replicas, refusing a stale resourceVersion with
 * the update's 409 and a negative count with ValidateScale's 422. Wire a new kind by routing its `scale` here.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeObject } from '../../domain/wire.js';
import { selectorString } from '../../domain/workload/selectorString.js';
import type { LabelSelectorObject } from '../../domain/workload/selectorString.js';
import type { Cluster } from '../cluster.js';
import { readBody, readObject } from '../http/body.js';
import { encodeObject, sendJson } from '../http/json.js';
import { sendMethodNotAllowed, sendNotFound, sendStatus } from '../http/status.js';
import type { ResourceType } from '../store/resourceTypes.js';
import { ApiError } from './apiErrors.js';
import { validatePatchOptions } from './apply.js';
import { applyPatch, decodePatch } from './patch.js';
import { prepareWorkloadUpdate } from './workloadStrategy.js';

interface ScaleObject extends KubeObject {
  spec?: { replicas?: number };
}

/** The Scale the registry answers for a workload. */
export function scaleOf(o: KubeObject): KubeObject {
  const m = o.metadata ?? {};
  const spec = (o['spec'] ?? {}) as { replicas?: number; selector?: LabelSelectorObject };
  const status = (o['status'] ?? {}) as { replicas?: number };
  const selector = selectorString(spec.selector);
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    },
    spec: spec.replicas ? { replicas: spec.replicas } : {},
    status: { replicas: status.replicas ?? 0, ...(selector ? { selector } : {}) },
  };
}

/** GET, PUT or PATCH of `…/NAME/scale`. */
export async function handleScale(
  cluster: Cluster,
  req: IncomingMessage,
  res: ServerResponse,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
  query: URLSearchParams,
): Promise<void> {
  const existing = cluster.store.get(type, namespace, name);
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'PUT' && method !== 'PATCH') return sendMethodNotAllowed(res);
  if (!existing) return sendNotFound(res, type.plural, name, type.group);
  if (method === 'GET') return sendJson(res, 200, scaleOf(existing));
  let wanted: ScaleObject;
  if (method === 'PUT') {
    const body = await readObject(req, { kind: 'Scale', apiVersion: 'autoscaling/v1' });
    if (body === undefined) return sendStatus(res, 400, 'BadRequest', 'the request body is empty');
    wanted = body as ScaleObject;
  } else {
    validatePatchOptions(query, false);
    const patch = decodePatch(await readBody(req), req.headers['content-type']);
    wanted = applyPatch(scaleOf(existing), patch, req.headers['content-type'] ?? '') as ScaleObject;
  }
  const rv = wanted.metadata?.resourceVersion;
  if (rv && rv !== existing.metadata?.resourceVersion) {
    const resource = type.group ? `${type.plural}.${type.group}` : type.plural;
    throw new ApiError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${resource} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      { name, ...(type.group ? { group: type.group } : {}), kind: type.plural },
    );
  }
  const replicas = wanted.spec?.replicas ?? 0;
  if (!Number.isInteger(replicas) || replicas < 0) {
    const message = `spec.replicas: Invalid value: ${replicas}: must be greater than or equal to 0`;
    throw new ApiError(422, 'Invalid', `Scale.autoscaling "${name}" is invalid: ${message}`, {
      name,
      group: 'autoscaling',
      kind: 'Scale',
      causes: [
        {
          reason: 'FieldValueInvalid',
          message: message.replace(/^spec\.replicas: /, ''),
          field: 'spec.replicas',
        },
      ],
    });
  }
  const updated = cluster.store.update(type, namespace, name, (o) => {
    const before = structuredClone(o);
    o['spec'] = { ...(o['spec'] as object), replicas };
    prepareWorkloadUpdate(type, before, o);
  });
  sendJson(res, 200, encodeObject(scaleOf(updated)));
}
