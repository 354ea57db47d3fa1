/**
 * The runtime of the node a pod runs on, for the inside view: `GET /api/v1/nodes/NAME`, its
 * `status.nodeInfo`. Nodes are cluster-scoped and many users may not read them: a 403 is "not visible to you"
 * with the server's words, not an error; anything else that fails is said in one line.
 */
import type { NodeRuntime } from '../../domain/inside/insideFacts.js';
import { decodeNode } from '../decode/node.js';
import { describeFailure, KubeHttpError, oneLine } from '../errors.js';
import type { KubeConfigLike } from '../plainKubeConfig.js';
import { getJson, serverUrl } from '../request.js';

/**
 * Reads the node's runtime; resolves, never rejects.
 * @param kc the kubeconfig
 * @param nodeName the pod's spec.nodeName; undefined before scheduling
 */
export async function readNodeRuntime(
  kc: KubeConfigLike,
  nodeName: string | undefined,
  signal?: AbortSignal,
): Promise<NodeRuntime> {
  if (!nodeName) return { kind: 'unscheduled' };
  const path = `/api/v1/nodes/${encodeURIComponent(nodeName)}`;
  try {
    const node = decodeNode(await getJson(kc, path, { signal, timeoutMs: 10_000 }), `GET ${path}`);
    const info = node.status?.nodeInfo;
    return {
      kind: 'known',
      containerRuntimeVersion: info?.containerRuntimeVersion || '<not reported>',
      osImage: info?.osImage || '?',
      kernelVersion: info?.kernelVersion || '?',
      kubeletVersion: info?.kubeletVersion || '?',
    };
  } catch (e) {
    if (e instanceof KubeHttpError && e.status === 403)
      return { kind: 'hidden', reason: oneLine(e.statusMessage) };
    return {
      kind: 'failed',
      reason: oneLine(describeFailure(e, serverUrl(kc), `read node ${nodeName}`).message),
    };
  }
}
