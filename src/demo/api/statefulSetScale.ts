/**
 * `statefulsets/scale`: the autoscaling/v1 Scale of a StatefulSet (pkg/registry/apps/statefulset/storage
 * ScaleREST: spec.replicas, status.replicas and status.selector from the StatefulSet), read with GET and changed
 * with PUT or PATCH (what `kubectl scale sts` sends: a merge patch of spec.replicas). The change is an update of
 * the StatefulSet's spec (its generation moves on; the controller does the rest). Errors as the server's:
 * NotFound names `statefulsets.apps`, a negative count is an Invalid Scale, a stale resourceVersion a Conflict.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeObject } from '../../domain/wire.js';
import type { Cluster } from '../cluster.js';
import { readBody, readObject } from '../http/body.js';
import { encodeObject, sendJson } from '../http/json.js';
import { sendMethodNotAllowed, sendNotFound, sendStatus } from '../http/status.js';
import type { StatefulSet } from '../sim/workloadWire.js';
import { STATEFULSETS } from '../store/workloadTypes.js';
import { validatePatchOptions } from './apply.js';
import { applyPatch, decodePatch } from './patch.js';
import { formatLabelSelector } from '../../domain/describe/metadata.js';
import { prepareWorkloadUpdate } from './workloadStrategy.js';

interface Scale {
  kind: 'Scale';
  apiVersion: 'autoscaling/v1';
  metadata: KubeObject['metadata'];
  spec: { replicas?: number };
  status: { replicas: number; selector?: string };
}

function scaleOf(sts: StatefulSet): Scale {
  const m = sts.metadata ?? {};
  const selector = formatLabelSelector(sts.spec?.selector);
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
    spec: { replicas: sts.spec?.replicas ?? 1 },
    status: { replicas: sts.status?.replicas ?? 0, ...(selector !== '<none>' ? { selector } : {}) },
  };
}

export async function handleStatefulSetScale(
  cluster: Cluster,
  req: IncomingMessage,
  res: ServerResponse,
  namespace: string,
  name: string,
  query: URLSearchParams,
): Promise<void> {
  const method = req.method ?? 'GET';
  const sts = cluster.store.get(STATEFULSETS, namespace, name) as StatefulSet | undefined;
  if (method !== 'GET' && method !== 'PUT' && method !== 'PATCH') return sendMethodNotAllowed(res);
  if (!sts) return sendNotFound(res, 'statefulsets', name, 'apps');
  const current = scaleOf(sts);
  if (method === 'GET') return sendJson(res, 200, encodeObject(current));
  let next: Scale;
  if (method === 'PUT') {
    next = ((await readObject(req, { kind: 'Scale', apiVersion: 'autoscaling/v1' })) ??
      {}) as unknown as Scale;
    const rv = next.metadata?.resourceVersion;
    if (rv && rv !== current.metadata?.resourceVersion) {
      return sendStatus(
        res,
        409,
        'Conflict',
        `Operation cannot be fulfilled on statefulsets.apps "${name}": the object has been modified; please apply your changes to the latest version and try again`,
        { name, group: 'apps', kind: 'statefulsets' },
      );
    }
  } else {
    validatePatchOptions(query, false);
    const patch = decodePatch(await readBody(req), req.headers['content-type']);
    next = applyPatch(current, patch, req.headers['content-type'] ?? '') as Scale;
  }
  const replicas = next.spec?.replicas ?? 0;
  if (!Number.isInteger(replicas) || replicas < 0) {
    const detail = 'must be greater than or equal to 0';
    return sendStatus(
      res,
      422,
      'Invalid',
      `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${String(replicas)}: ${detail}`,
      {
        name,
        group: 'autoscaling',
        kind: 'Scale',
        causes: [
          {
            reason: 'FieldValueInvalid',
            message: `Invalid value: ${String(replicas)}: ${detail}`,
            field: 'spec.replicas',
          },
        ],
      },
    );
  }
  const updated = cluster.store.update(STATEFULSETS, namespace, name, (o) => {
    const before = structuredClone(o);
    (o['spec'] as { replicas?: number }).replicas = replicas;
    prepareWorkloadUpdate(STATEFULSETS, before, o);
  }) as StatefulSet;
  sendJson(res, 200, encodeObject(scaleOf(updated)));
}
