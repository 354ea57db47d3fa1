/**
 * `GET/PATCH/PUT /api/v1/namespaces/NS/pods/NAME/ephemeralcontainers`: the subresource `kubectl debug` patches
 * (a strategic merge patch adding to `spec.ephemeralContainers`; older clients send a JSON patch). As on a real
 * API server, only the ephemeral containers are taken from the patched pod; everything else stays. The answer is
 * the whole pod.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Pod } from '../../domain/wire.js';
import type { Cluster } from '../cluster.js';
import { readJson, readObject } from '../http/body.js';
import { encodeObject, sendJson } from '../http/json.js';
import { sendNotFound, sendStatus } from '../http/status.js';
import type { EphemeralContainer } from '../sim/ephemeralContainers.js';
import { PODS } from '../store/resourceTypes.js';
import { applyPatch } from './patch.js';

/** Serves one request on a pod's `ephemeralcontainers` subresource; errors propagate as the REST verbs' do. */
export async function handleEphemeralContainers(
  cluster: Cluster,
  req: IncomingMessage,
  res: ServerResponse,
  namespace: string,
  name: string,
): Promise<void> {
  const pod = cluster.store.get(PODS, namespace, name) as Pod | undefined;
  if (!pod) return sendNotFound(res, 'pods', name);
  const method = req.method ?? 'GET';
  if (method === 'GET') return sendJson(res, 200, encodeObject(pod));
  if (method !== 'PATCH' && method !== 'PUT') {
    return sendStatus(
      res,
      405,
      'MethodNotAllowed',
      'the server does not allow this method on the requested resource',
    );
  }
  const body =
    method === 'PUT' ? await readObject(req, { kind: 'Pod', apiVersion: 'v1' }) : await readJson(req);
  if (body === undefined) return sendStatus(res, 400, 'BadRequest', 'the request body is empty');
  const next = (method === 'PUT' ? body : applyPatch(pod, body, req.headers['content-type'] ?? '')) as Pod;
  const containers: EphemeralContainer[] = next.spec?.ephemeralContainers ?? [];
  if (!Array.isArray(containers)) {
    return sendStatus(res, 400, 'BadRequest', 'spec.ephemeralContainers must be a list');
  }
  sendJson(res, 200, encodeObject(cluster.updateEphemeralContainers(namespace, name, containers)));
}
